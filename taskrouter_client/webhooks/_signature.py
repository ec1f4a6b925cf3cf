"""Twilio's ``X-Twilio-Signature``: computing it and checking it.

The rule (https://www.twilio.com/docs/usage/webhooks/webhooks-security): take the full URL
Twilio requested, query string included; for a form POST append each parameter's name and
value, sorted by name, with no separators; HMAC-SHA1 that with the account's auth token and
base64 the digest. A JSON body is not signed as parameters: Twilio adds ``bodySHA256`` (the
hex SHA-256 of the raw body) to the URL it signs, and the receiver checks both.

What trips people, and what is done about each:

- A proxy or load balancer adds or drops the port (``:443``): the URL is tried as given,
  without its port, and with the scheme's default port, as Twilio's own libraries do.
- A repeated key (``a=1&a=2``): each value is appended under its name, values sorted.
- The signature is missing, empty or not base64: that is a failed check (False), never an
  exception, so a handler can answer 403 without a try block.
- The comparison runs in constant time (``hmac.compare_digest``).

Only the auth token's absence raises: an empty key would make every forged signature "valid".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable, Iterator, Mapping, Sequence
from urllib.parse import parse_qs, parse_qsl, urlsplit, urlunsplit

from .._errors import InvalidArgumentError

__all__ = [
    "SIGNATURE_HEADER",
    "Params",
    "compute_signature",
    "validate_request",
    "validate_signature",
]

SIGNATURE_HEADER = "X-Twilio-Signature"
"""The request header that carries Twilio's signature."""

Params = Mapping[str, str | Sequence[str]] | Iterable[tuple[str, str]] | str | bytes
"""POST parameters: a mapping (a value may be a list of values), a framework's multi-dict
(anything with ``getlist``), ``(name, value)`` pairs, or the raw body (``str`` or ``bytes``):
form-encoded, or JSON when the URL carries ``bodySHA256``."""

_DEFAULT_PORTS = {"https": 443, "http": 80}
_FORM = "application/x-www-form-urlencoded"


def compute_signature(auth_token: str, url: str, params: Params = ()) -> str:
    """The ``X-Twilio-Signature`` Twilio sends for ``url`` and form ``params``.

    Args:
        auth_token: The account's auth token (the HMAC key).
        url: The full URL, query string included, exactly as requested.
        params: The POST parameters (see :data:`Params`); a raw body is parsed as a form.

    Returns:
        The base64 signature.

    Raises:
        InvalidArgumentError: ``auth_token`` is empty or not a string.

    .. versionadded:: 0.2.0
    """
    key = _key(auth_token)
    signed = url + "".join(name + value for name, value in _sorted_pairs(params))
    return base64.b64encode(hmac.new(key, signed.encode("utf-8"), hashlib.sha1).digest()).decode()


def validate_signature(auth_token: str, url: str, params: Params, signature: object) -> bool:
    """Whether ``signature`` is Twilio's signature of this request.

    Args:
        auth_token: The account's auth token.
        url: The full public URL Twilio requested, query string included. Behind a proxy,
            pass the URL configured in Twilio rather than the one the app sees.
        params: The POST parameters (see :data:`Params`); for a JSON body (the URL carries
            ``bodySHA256``), the raw body as ``str`` or ``bytes``. A GET has none: pass ``()``.
        signature: The ``X-Twilio-Signature`` header value (None when absent).

    Returns:
        True only if the signature matches (and, for a JSON body, the body matches its
        ``bodySHA256``). A missing, empty or malformed signature gives False.

    Raises:
        InvalidArgumentError: ``auth_token`` is empty or not a string.

    .. versionadded:: 0.2.0
    """
    _key(auth_token)
    if not isinstance(signature, str) or not signature:
        return False
    body_hash = parse_qs(urlsplit(url).query).get("bodySHA256")
    if body_hash is not None:
        if not isinstance(params, str | bytes) or not _body_matches(params, body_hash[-1]):
            return False
        params = ()
    given = signature.encode("utf-8")
    return any(
        hmac.compare_digest(compute_signature(auth_token, candidate, params).encode(), given)
        for candidate in _with_and_without_port(url)
    )


def validate_request(
    auth_token: str,
    method: str,
    url: str,
    headers: Mapping[str, str] | Iterable[tuple[str, str]],
    body: bytes | str,
) -> bool:
    """Check a webhook request as a web framework hands it over.

    Reads the signature from ``headers`` (any case), the parameters from a form-encoded
    ``body``, and checks a JSON body against the URL's ``bodySHA256``.

    Args:
        auth_token: The account's auth token.
        method: The request method (``POST`` or ``GET``).
        url: The full public URL Twilio requested (see :func:`validate_signature`).
        headers: The request headers: a mapping or ``(name, value)`` pairs.
        body: The raw request body.

    Returns:
        True only for a request Twilio signed, unchanged.

    Raises:
        InvalidArgumentError: ``auth_token`` is empty or not a string, or ``headers`` or
            ``body`` is not of the types above.

    .. versionadded:: 0.2.0
    """
    given_headers: object = headers  # as called, whatever the annotations say
    given_body: object = body
    if isinstance(given_headers, str | bytes) or not isinstance(given_headers, Mapping | Iterable):
        raise InvalidArgumentError(
            "headers", f"expected a mapping or (name, value) pairs, got {type(headers).__name__}"
        )
    if not isinstance(given_body, str | bytes):
        raise InvalidArgumentError("body", f"expected bytes or str, got {type(body).__name__}")
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    lowered = {name.lower(): value for name, value in pairs}
    signature = lowered.get(SIGNATURE_HEADER.lower())
    if "bodySHA256" in parse_qs(urlsplit(url).query):
        return validate_signature(auth_token, url, body, signature)
    content_type = lowered.get("content-type", _FORM).split(";")[0].strip().lower()
    if method.upper() == "GET" or content_type != _FORM:
        return validate_signature(auth_token, url, (), signature)
    return validate_signature(auth_token, url, body, signature)


def _key(auth_token: object) -> bytes:
    if not isinstance(auth_token, str):
        # The type only: the value is the secret.
        kind = type(auth_token).__name__
        raise InvalidArgumentError(
            "auth_token", f"expected the account's auth token as a str, got {kind}"
        )
    if not auth_token:
        raise InvalidArgumentError("auth_token", "expected the account's auth token, got none")
    return auth_token.encode("utf-8")


def _body_matches(body: str | bytes, expected_hex: str) -> bool:
    raw = body.encode("utf-8") if isinstance(body, str) else body
    actual = hashlib.sha256(raw).hexdigest().encode()
    return hmac.compare_digest(actual, expected_hex.strip().lower().encode("utf-8"))


def _sorted_pairs(params: Params) -> list[tuple[str, str]]:
    """Every (name, value), sorted by name and, within a repeated name, by value."""
    return sorted(_pairs(params))


def _pairs(params: Params) -> Iterator[tuple[str, str]]:
    if isinstance(params, bytes):
        params = params.decode("utf-8", errors="replace")
    if isinstance(params, str):
        yield from parse_qsl(params, keep_blank_values=True)
        return
    getlist = getattr(params, "getlist", None)
    if isinstance(params, Mapping):
        for name in params:
            values = getlist(name) if getlist is not None else params[name]
            if isinstance(values, str):
                yield name, values
            else:
                yield from ((name, value) for value in values)
        return
    yield from params


def _with_and_without_port(url: str) -> list[str]:
    """``url`` as given, without its port, and with its scheme's default port."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: only the URL as given can match
        return [url]
    if port is not None:
        host = parts.netloc[: parts.netloc.rfind(":")]
        return [url, urlunsplit(parts._replace(netloc=host))]
    default = _DEFAULT_PORTS.get(parts.scheme.lower())
    if default is None or not parts.netloc:
        return [url]
    return [url, urlunsplit(parts._replace(netloc=f"{parts.netloc}:{default}"))]
