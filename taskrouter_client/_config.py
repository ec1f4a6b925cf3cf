"""Client settings from arguments and the environment (pure; the environment is passed in).

Credentials, in order of preference:

1. ``api_key`` / ``api_secret`` passed as arguments (a missing half is read from the
   environment);
2. ``auth_token`` passed as an argument, with ``account_sid`` passed or from the environment;
3. ``TWILIO_API_KEY`` and ``TWILIO_API_SECRET`` from the environment;
4. ``TWILIO_ACCOUNT_SID`` and ``TWILIO_AUTH_TOKEN`` from the environment.

The host is Twilio's default, or ``taskrouter.{edge}.{region}.twilio.com`` composed as Twilio
composes it (an edge without a region means region ``us1``), or an explicit ``base_url``.
Plain ``http://`` is accepted only for a loopback host, such as a local emulator.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping

import attrs

from ._errors import InvalidArgumentError, MissingCredentialsError
from ._params import check_sid, not_shown, split_url

DEFAULT_BASE_URL = "https://taskrouter.twilio.com"

_HOST_LABEL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NETLOC = re.compile(r"(?:\[[^\[\]]+\]|[^\[\]:]+)(?::[0-9]*)?")
"""A host (a bracketed IPv6 literal or a name) and an optional port; credentials are refused."""
_DNS_LABEL = r"(?!-)[a-z0-9_-]{1,63}(?<!-)"
_HOST_NAME = re.compile(rf"(?:{_DNS_LABEL}\.)*{_DNS_LABEL}\.?")


@attrs.frozen
class Credentials:
    """HTTP Basic credentials: an account SID or API key SID, and its secret. Strictly private."""

    username: str
    password: str = attrs.field(repr=False)
    account_sid: str | None


def resolve_credentials(
    *,
    account_sid: str | None,
    auth_token: str | None,
    api_key: str | None,
    api_secret: str | None,
    environ: Mapping[str, str],
) -> Credentials:
    """Pick the credentials to use (see the module docstring for the order)."""
    sid = account_sid or environ.get("TWILIO_ACCOUNT_SID") or None
    if sid is not None:
        _credential_sid("account_sid", sid, "AC", from_environment=not account_sid)
    if api_key is not None or api_secret is not None:
        return _api_key(api_key, api_secret, sid, environ)
    if auth_token is not None:
        return _auth_token(sid, auth_token)
    if environ.get("TWILIO_API_KEY") and environ.get("TWILIO_API_SECRET"):
        return _api_key(None, None, sid, environ)
    if sid is not None or environ.get("TWILIO_AUTH_TOKEN"):
        return _auth_token(sid, environ.get("TWILIO_AUTH_TOKEN"))
    raise MissingCredentialsError(
        "credentials",
        "none found: pass account_sid and auth_token (or api_key and api_secret), or set "
        "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET)",
    )


def _api_key(
    key: str | None, secret: str | None, account_sid: str | None, environ: Mapping[str, str]
) -> Credentials:
    given_key = key
    key = key or environ.get("TWILIO_API_KEY") or None
    secret = secret or environ.get("TWILIO_API_SECRET") or None
    if key is None:
        raise MissingCredentialsError("api_key", "missing: pass api_key= or set TWILIO_API_KEY")
    if secret is None:
        raise MissingCredentialsError(
            "api_secret", "missing: pass api_secret= or set TWILIO_API_SECRET"
        )
    checked = _credential_sid("api_key", key, "SK", from_environment=key is not given_key)
    return Credentials(checked, _secret("api_secret", secret), account_sid)


def _auth_token(account_sid: str | None, token: str | None) -> Credentials:
    if account_sid is None:
        raise MissingCredentialsError(
            "account_sid", "missing: pass account_sid= or set TWILIO_ACCOUNT_SID"
        )
    if not token:
        raise MissingCredentialsError(
            "auth_token", "missing: pass auth_token= or set TWILIO_AUTH_TOKEN"
        )
    return Credentials(account_sid, _secret("auth_token", token), account_sid)


def _credential_sid(argument: str, value: str, prefix: str, *, from_environment: bool) -> str:
    """``check_sid`` for a credential: never echo the value, which may be the secret."""
    where = f" (from {_ENVIRONMENT[argument]})" if from_environment else ""
    return check_sid(argument, value, prefix, shown=not_shown(where))


_ENVIRONMENT = {"account_sid": "TWILIO_ACCOUNT_SID", "api_key": "TWILIO_API_KEY"}


def _secret(argument: str, value: object) -> str:
    if isinstance(value, str) and value:
        return value
    raise InvalidArgumentError(argument, "expected a non-empty string")


def resolve_base_url(
    *,
    base_url: str | None,
    region: str | None,
    edge: str | None,
    environ: Mapping[str, str],
) -> str:
    """The scheme, host and optional path prefix every request URL starts with."""
    if base_url is not None:
        if region is not None or edge is not None:
            raise InvalidArgumentError("base_url", "give either base_url or region/edge, not both")
        return check_base_url(base_url)
    region = region or environ.get("TWILIO_REGION") or None
    edge = edge or environ.get("TWILIO_EDGE") or None
    if region is None and edge is None:
        return DEFAULT_BASE_URL
    labels = [_host_label("edge", edge), _host_label("region", region or "us1")]
    return "https://" + ".".join(["taskrouter", *filter(None, labels), "twilio.com"])


def _host_label(argument: str, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and _HOST_LABEL.fullmatch(value):
        return value
    raise InvalidArgumentError(
        argument, f"expected a lowercase name such as 'us1' or 'sydney', got {value!r}"
    )


def check_base_url(base_url: object) -> str:
    """Return ``base_url`` without a trailing slash, if it is safe to send credentials to."""
    if not isinstance(base_url, str):
        raise InvalidArgumentError("base_url", f"expected a string, got {type(base_url).__name__}")
    # The URL itself is never echoed: it may carry a password in its user part.
    parts = split_url("base_url", base_url)
    if parts.username is not None or parts.password is not None:
        raise InvalidArgumentError("base_url", "must not contain credentials (user:password@)")
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise InvalidArgumentError(
            "base_url", "expected an absolute URL such as https://taskrouter.twilio.com"
        )
    if not _is_host(parts.netloc, parts.hostname):
        raise InvalidArgumentError(
            "base_url",
            "has no valid host: expected a DNS name (letters, digits, hyphens; the xn-- form "
            "for an international name) or an IP address, with an optional port",
        )
    if parts.query or parts.fragment or base_url.endswith(("?", "#")):
        raise InvalidArgumentError("base_url", "must not contain a query or a fragment")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InvalidArgumentError(
            "base_url",
            f"plain http:// is refused for {parts.hostname!r}: credentials would travel "
            "unencrypted (http:// is allowed only for loopback hosts, such as a local emulator)",
        )
    return base_url.rstrip("/")


def _is_host(netloc: str, host: str) -> bool:
    """Whether ``netloc`` is a host (and port) that httpx can send to, as far as text goes."""
    if not _NETLOC.fullmatch(netloc):
        return False
    if netloc.startswith("["):
        try:
            return ipaddress.ip_address(host).version == 6
        except ValueError:
            return False
    return bool(_HOST_NAME.fullmatch(host)) and all(
        _punycode_decodes(label) for label in host.split(".") if label.startswith("xn--")
    )


def _punycode_decodes(label: str) -> bool:
    try:
        label.encode("ascii").decode("idna")
    except UnicodeError:
        return False
    return True


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
