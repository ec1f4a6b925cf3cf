"""X-Twilio-Signature: Twilio's published example, and what trips people in practice."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.datastructures import FormData
from werkzeug.datastructures import MultiDict

from taskrouter_client import InvalidArgumentError
from taskrouter_client.webhooks import (
    Params,
    compute_signature,
    validate_request,
    validate_signature,
)

# The worked example of https://www.twilio.com/docs/usage/webhooks/webhooks-security.
DOC_TOKEN = "12345"
DOC_URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
DOC_PARAMS = {
    "CallSid": "CA1234567890ABCDE",
    "Caller": "+12349013030",
    "Digits": "1234",
    "From": "+12349013030",
    "To": "+18005551212",
}
DOC_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="

# A JSON body and its signed URL: the vector twilio-python's own tests check.
JSON_BODY = '{"property": "value", "boolean": true}'
JSON_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
JSON_URL = f"{DOC_URL}&bodySHA256={JSON_HASH}"
JSON_SIGNATURE = "a9nBmqA0ju/hNViExpshrM61xv4="


def by_hand(token: str, signed: str) -> str:
    """HMAC-SHA1 + base64 of an already-built string, independently of the module."""
    return base64.b64encode(
        hmac.new(token.encode(), signed.encode(), hashlib.sha1).digest()
    ).decode()


def test_twilios_published_example_validates():
    """The documented URL, parameters and token give the documented signature."""
    assert compute_signature(DOC_TOKEN, DOC_URL, DOC_PARAMS) == DOC_SIGNATURE
    assert validate_signature(DOC_TOKEN, DOC_URL, DOC_PARAMS, DOC_SIGNATURE) is True


@pytest.mark.parametrize(
    ("token", "url", "params"),
    [
        ("54321", DOC_URL, DOC_PARAMS),
        (DOC_TOKEN, DOC_URL.replace("bar=2", "bar=3"), DOC_PARAMS),
        (DOC_TOKEN, DOC_URL.replace("https", "http"), DOC_PARAMS),
        (DOC_TOKEN, DOC_URL, {**DOC_PARAMS, "Digits": "9999"}),
        (DOC_TOKEN, DOC_URL, {**DOC_PARAMS, "Extra": ""}),
        (DOC_TOKEN, DOC_URL, {k: v for k, v in DOC_PARAMS.items() if k != "To"}),
    ],
    ids=["token", "query", "scheme", "value", "added-param", "dropped-param"],
)
def test_any_change_fails(token, url, params):
    """Another token, URL or parameter set does not validate."""
    assert validate_signature(token, url, params, DOC_SIGNATURE) is False


@pytest.mark.parametrize(
    "signature",
    [None, "", "not base64 at all!", "0/KCTR6DLpKmkAf8muzZqo1nDgQ", "é" * 28, b"bytes", 42],
)
def test_a_missing_or_malformed_signature_is_false_not_an_error(signature):
    """Absent, empty, truncated, non-base64, non-ASCII or non-str: False, no exception."""
    assert validate_signature(DOC_TOKEN, DOC_URL, DOC_PARAMS, signature) is False


@pytest.mark.parametrize("token", ["", None])
def test_no_auth_token_is_a_configuration_error(token):
    """An empty key would accept forgeries made with it: refused loudly instead."""
    with pytest.raises(InvalidArgumentError) as caught:
        validate_signature(token, DOC_URL, DOC_PARAMS, DOC_SIGNATURE)
    assert caught.value.argument == "auth_token"


@pytest.mark.parametrize(
    ("seen_by_app", "signed_by_twilio"),
    [
        ("https://mycompany.com:443/myapp.php?foo=1&bar=2", DOC_URL),
        ("https://mycompany.com:8443/myapp.php?foo=1&bar=2", DOC_URL),
        (DOC_URL, "https://mycompany.com:443/myapp.php?foo=1&bar=2"),
        ("http://mycompany.com/a?x=1", "http://mycompany.com:80/a?x=1"),
        ("http://mycompany.com:8080/a?x=1", "http://mycompany.com/a?x=1"),
        ("https://[2001:db8::1]:8443/a", "https://[2001:db8::1]/a"),
        ("https://[2001:db8::1]/a", "https://[2001:db8::1]:443/a"),
    ],
    ids=[
        "https-443-added",
        "proxy-port-added",
        "https-443-dropped",
        "http-80-dropped",
        "http-port-added",
        "ipv6-port-added",
        "ipv6-443-dropped",
    ],
)
def test_a_port_added_or_removed_by_a_proxy_still_validates(seen_by_app, signed_by_twilio):
    """The URL is tried as given, without its port and with the scheme's default port."""
    signature = compute_signature(DOC_TOKEN, signed_by_twilio, DOC_PARAMS)
    assert validate_signature(DOC_TOKEN, seen_by_app, DOC_PARAMS, signature) is True


def test_a_port_does_not_open_another_host_or_path():
    """Port leniency never makes a different host or path match."""
    signature = compute_signature(DOC_TOKEN, DOC_URL, DOC_PARAMS)
    for url in ("https://evil.example:443/myapp.php?foo=1&bar=2", "https://mycompany.com:443/x"):
        assert validate_signature(DOC_TOKEN, url, DOC_PARAMS, signature) is False


def test_a_port_that_is_not_a_number_is_only_compared_as_given():
    """A malformed port cannot be stripped; the URL as given still validates."""
    url = "https://mycompany.com:abc/hook"
    assert validate_signature(DOC_TOKEN, url, {}, by_hand(DOC_TOKEN, url)) is True


@pytest.mark.parametrize("url", ["wss://relay.example.com/stream", "/relative/hook"])
def test_a_url_without_a_default_port_is_only_compared_as_given(url):
    """Schemes other than http(s), and URLs without a host, get no port variants."""
    assert validate_signature(DOC_TOKEN, url, {}, by_hand(DOC_TOKEN, url)) is True
    assert validate_signature(DOC_TOKEN, url, {}, by_hand(DOC_TOKEN, url + ":443")) is False


def test_repeated_keys_sign_every_value_sorted():
    """A repeated key contributes name+value for each value, values in sorted order."""
    url = "https://example.com/hook"
    expected = by_hand(DOC_TOKEN, url + "Abb" + "Za1" + "Za2")
    forms = [
        [("Za", "2"), ("Ab", "b"), ("Za", "1")],
        {"Za": ["2", "1"], "Ab": "b"},
        MultiDict([("Za", "2"), ("Ab", "b"), ("Za", "1")]),
        FormData([("Za", "2"), ("Ab", "b"), ("Za", "1")]),
        "Za=2&Ab=b&Za=1",
        b"Za=2&Ab=b&Za=1",
    ]
    for form in forms:
        assert compute_signature(DOC_TOKEN, url, form) == expected, form
        assert validate_signature(DOC_TOKEN, url, form, expected) is True


def test_a_framework_multidict_is_not_read_as_its_first_values_only():
    """Werkzeug's MultiDict maps a key to its first value; every value is signed anyway."""
    url = "https://example.com/hook"
    both = by_hand(DOC_TOKEN, url + "a1a2")
    assert validate_signature(DOC_TOKEN, url, MultiDict([("a", "1"), ("a", "2")]), both) is True
    assert validate_signature(DOC_TOKEN, url, {"a": "1"}, both) is False


def test_a_json_body_is_checked_against_its_body_sha256():
    """Twilio signs the URL (with bodySHA256) and the body must hash to bodySHA256."""
    assert hashlib.sha256(JSON_BODY.encode()).hexdigest() == JSON_HASH
    assert validate_signature(DOC_TOKEN, JSON_URL, JSON_BODY, JSON_SIGNATURE) is True
    assert validate_signature(DOC_TOKEN, JSON_URL, JSON_BODY.encode(), JSON_SIGNATURE) is True
    assert validate_signature(DOC_TOKEN, JSON_URL, JSON_BODY, DOC_SIGNATURE) is False


def test_a_changed_json_body_fails_even_with_the_right_signature():
    """The signature covers only the URL, so the body hash is what protects the body."""
    tampered = JSON_BODY.replace("value", "other")
    assert validate_signature(DOC_TOKEN, JSON_URL, tampered, JSON_SIGNATURE) is False


def test_a_json_request_given_parsed_parameters_cannot_be_checked():
    """With bodySHA256 in the URL only the raw body proves anything: a mapping is refused."""
    assert validate_signature(DOC_TOKEN, JSON_URL, {}, JSON_SIGNATURE) is False
    assert validate_signature(DOC_TOKEN, JSON_URL, json.loads(JSON_BODY), JSON_SIGNATURE) is False


def signed_headers(url: str, params: Params, **extra: str) -> dict[str, str]:
    return {"X-Twilio-Signature": compute_signature(DOC_TOKEN, url, params), **extra}


FORM = "application/x-www-form-urlencoded"


def test_validate_request_reads_a_form_post():
    """Signature header in any case, parameters from the raw form body."""
    body = urlencode(DOC_PARAMS)
    headers = {"x-twilio-signature": DOC_SIGNATURE, "Content-Type": f"{FORM}; charset=utf-8"}
    assert validate_request(DOC_TOKEN, "POST", DOC_URL, headers, body) is True
    assert validate_request(DOC_TOKEN, "POST", DOC_URL, list(headers.items()), body.encode())
    assert validate_request(DOC_TOKEN, "POST", DOC_URL, headers, body + "&Digits=0") is False


def test_validate_request_without_a_signature_header_is_false():
    """No header, no trust."""
    body = urlencode(DOC_PARAMS)
    assert validate_request(DOC_TOKEN, "POST", DOC_URL, {"Content-Type": FORM}, body) is False


def test_validate_request_signs_a_get_by_its_url_only():
    """A GET's parameters are in the URL, which is signed whole."""
    url = "https://example.com/hook?EventType=task.created&TaskSid=WT1"
    headers = signed_headers(url, ())
    assert validate_request(DOC_TOKEN, "GET", url, headers, b"") is True
    assert validate_request(DOC_TOKEN, "get", url.replace("WT1", "WT2"), headers, b"") is False


def test_validate_request_checks_a_json_body():
    """A JSON POST is checked through bodySHA256, whatever its content type says."""
    headers = {"X-Twilio-Signature": JSON_SIGNATURE, "Content-Type": "application/json"}
    assert validate_request(DOC_TOKEN, "POST", JSON_URL, headers, JSON_BODY.encode()) is True
    assert validate_request(DOC_TOKEN, "POST", JSON_URL, headers, b"{}") is False


def test_validate_request_does_not_read_other_bodies_as_parameters():
    """A body that is not form-encoded contributes no parameters to the signature."""
    url = "https://example.com/hook"
    headers = signed_headers(url, (), **{"Content-Type": "text/plain"})
    assert validate_request(DOC_TOKEN, "POST", url, headers, b"a=1") is True


@given(
    st.lists(st.tuples(st.text(min_size=1, max_size=8), st.text(max_size=8)), max_size=6),
    st.randoms(use_true_random=False),
)
def test_signatures_ignore_parameter_order(pairs, random):
    """Any order of the same parameters signs the same; the signature then validates."""
    shuffled = list(pairs)
    random.shuffle(shuffled)
    url = "https://example.com/hook?x=1"
    signature = compute_signature(DOC_TOKEN, url, pairs)
    assert compute_signature(DOC_TOKEN, url, shuffled) == signature
    assert validate_signature(DOC_TOKEN, url, shuffled, signature) is True


def test_importing_webhooks_and_tokens_loads_no_http_client():
    """The two modules import only the standard library and attrs (cheap in a web app).

    The package's own __init__ is stubbed out: this checks what these modules pull in.
    """
    package = Path(__file__).parent.parent / "taskrouter_client"
    script = textwrap.dedent(
        f"""
        import sys, types
        stub = types.ModuleType("taskrouter_client")
        stub.__path__ = [{str(package)!r}]
        sys.modules["taskrouter_client"] = stub
        import taskrouter_client.webhooks, taskrouter_client.tokens
        heavy = {{"httpx", "httpcore", "cattrs", "dateutil", "asyncio", "anyio", "aiohttp"}}
        print(sorted(name for name in sys.modules if name.split(".")[0] in heavy))
        """
    )
    result = subprocess.run(  # noqa: S603  # our own interpreter and script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [
        ({"headers": None}, "headers"),
        ({"headers": "X-Twilio-Signature: x"}, "headers"),
        ({"body": None}, "body"),
        ({"auth_token": DOC_TOKEN.encode()}, "auth_token"),
    ],
    ids=["headers-none", "headers-text", "body-none", "token-bytes"],
)
def test_validate_request_names_an_argument_of_the_wrong_type(arguments, argument):
    """What a framework hands over by mistake is refused naming the argument, never a bare
    TypeError; a token of the wrong type is described by its type, never shown."""
    call = {
        "auth_token": DOC_TOKEN,
        "method": "POST",
        "url": DOC_URL,
        "headers": {},
        "body": urlencode(DOC_PARAMS),
    } | arguments
    with pytest.raises(InvalidArgumentError) as caught:
        validate_request(**call)
    assert caught.value.argument == argument
    assert DOC_TOKEN not in str(caught.value)
