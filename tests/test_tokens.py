"""Access Tokens, decoded independently with PyJWT and by hand."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import jwt
import pytest

from taskrouter_client import InvalidArgumentError
from taskrouter_client.tokens import MAX_TTL, worker_token, workspace_token
from tests.conftest import ACCOUNT_SID, API_KEY, WK, WS

# A real API key secret is 32 characters (PyJWT warns about shorter HMAC keys).
SECRET = "api-key-secret-SECRET-0123456789abcdef"
NOW = 1_700_000_000


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "time", lambda: NOW + 0.75)


def decode(token: str) -> dict[str, Any]:
    """Verify with PyJWT: HS256, this secret, this audience of claims."""
    claims: dict[str, Any] = jwt.decode(
        token,
        SECRET,
        algorithms=["HS256"],
        options={"require": ["jti", "iss", "sub", "exp"], "verify_exp": False},
    )
    return claims


def test_a_worker_token_is_what_twilio_taskrouter_js_expects():
    """Header, claims and the task_router grant with role worker."""
    token = worker_token(ACCOUNT_SID, API_KEY, SECRET, WS, WK)
    assert jwt.get_unverified_header(token) == {
        "alg": "HS256",
        "typ": "JWT",
        "cty": "twilio-fpa;v=1",
    }
    assert decode(token) == {
        "jti": f"{API_KEY}-{NOW}",
        "iss": API_KEY,
        "sub": ACCOUNT_SID,
        "iat": NOW,
        "exp": NOW + 3600,
        "grants": {"task_router": {"workspace_sid": WS, "worker_sid": WK, "role": "worker"}},
    }


def test_the_signature_is_hs256_over_the_first_two_segments():
    """Checked by hand too: base64url, no padding, HMAC-SHA256 with the secret."""
    header, payload, signature = worker_token(ACCOUNT_SID, API_KEY, SECRET, WS, WK).split(".")
    expected = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)) == expected
    assert "=" not in header + payload + signature


def test_another_secret_does_not_verify():
    """The token is bound to the API key secret."""
    token = worker_token(ACCOUNT_SID, API_KEY, SECRET, WS, WK)
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, SECRET + "x", algorithms=["HS256"])


def test_ttl_and_identity():
    """exp is now + ttl; identity goes into grants when given."""
    claims = decode(
        worker_token(ACCOUNT_SID, API_KEY, SECRET, WS, WK, ttl=MAX_TTL, identity="alice")
    )
    assert claims["exp"] - claims["iat"] == 24 * 3600
    assert claims["grants"]["identity"] == "alice"


def test_pyjwt_checks_expiry_on_the_real_clock(monkeypatch):
    """A token minted long ago has expired; one minted now verifies."""
    minted_in_2023 = worker_token(ACCOUNT_SID, API_KEY, SECRET, WS, WK, ttl=60)
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(minted_in_2023, SECRET, algorithms=["HS256"])
    monkeypatch.undo()
    fresh = worker_token(ACCOUNT_SID, API_KEY, SECRET, WS, WK, ttl=60)
    assert jwt.decode(fresh, SECRET, algorithms=["HS256"])["sub"] == ACCOUNT_SID


def test_supervisor_and_workspace_tokens_carry_their_roles():
    """supervisor keeps the Worker; admin (for the Workspace client) has none."""
    supervisor = decode(worker_token(ACCOUNT_SID, API_KEY, SECRET, WS, WK, role="supervisor"))
    assert supervisor["grants"]["task_router"] == {
        "workspace_sid": WS,
        "worker_sid": WK,
        "role": "supervisor",
    }
    admin = decode(workspace_token(ACCOUNT_SID, API_KEY, SECRET, WS, identity="dashboard"))
    assert admin["grants"] == {
        "task_router": {"workspace_sid": WS, "role": "admin"},
        "identity": "dashboard",
    }


BAD_ARGUMENTS = [
    ("account_sid", {"account_sid": API_KEY}),
    ("api_key", {"api_key": ACCOUNT_SID}),
    ("api_key", {"api_key": "SK123"}),
    ("workspace_sid", {"workspace_sid": WK}),
    ("worker_sid", {"worker_sid": WS}),
    ("api_secret", {"api_secret": ""}),
    ("api_secret", {"api_secret": None}),
    ("ttl", {"ttl": 0}),
    ("ttl", {"ttl": MAX_TTL + 1}),
    ("ttl", {"ttl": True}),
    ("ttl", {"ttl": "3600"}),
    ("identity", {"identity": ""}),
    ("identity", {"identity": 7}),
    ("role", {"role": "admin"}),
]


@pytest.mark.parametrize(("argument", "change"), BAD_ARGUMENTS)
def test_every_argument_is_checked(argument, change):
    """A ValueError naming the argument, and the secret never in the message."""
    arguments: dict[str, Any] = {
        "account_sid": ACCOUNT_SID,
        "api_key": API_KEY,
        "api_secret": SECRET,
        "workspace_sid": WS,
        "worker_sid": WK,
        **change,
    }
    with pytest.raises(InvalidArgumentError) as caught:
        worker_token(**arguments)
    assert caught.value.argument == argument
    assert SECRET not in str(caught.value)


def test_the_secret_appears_nowhere_but_in_the_signature():
    """Neither the secret nor its base64 is in the header or payload."""
    token = worker_token(ACCOUNT_SID, API_KEY, SECRET, WS, WK, identity="alice")
    header, payload, _ = token.split(".")
    readable = json.dumps(jwt.get_unverified_header(token)) + json.dumps(decode(token))
    for leak in (SECRET, base64.b64encode(SECRET.encode()).decode()):
        assert leak not in readable
        assert leak not in header + payload


def test_a_secret_given_as_a_wrong_type_is_not_echoed():
    """Even a secret passed as bytes is refused without being shown."""
    with pytest.raises(InvalidArgumentError) as caught:
        worker_token(ACCOUNT_SID, API_KEY, SECRET.encode(), WS, WK)  # type: ignore[arg-type]
    assert caught.value.argument == "api_secret"
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize(
    ("mint", "argument"),
    [
        (lambda: worker_token(ACCOUNT_SID, SECRET, API_KEY, WS, WK), "api_key"),
        (lambda: worker_token(SECRET, API_KEY, SECRET, WS, WK), "account_sid"),
        (lambda: workspace_token(ACCOUNT_SID, SECRET, API_KEY, WS), "api_key"),
    ],
    ids=["key-and-secret-swapped", "secret-as-account", "workspace-token"],
)
def test_a_secret_given_in_a_sid_argument_is_not_echoed(mint, argument):
    """Key and secret swapped: the error names the argument, never shows the value."""
    with pytest.raises(InvalidArgumentError) as caught:
        mint()
    assert caught.value.argument == argument
    assert SECRET not in str(caught.value)
    assert "not shown, as it may be a secret" in str(caught.value)
