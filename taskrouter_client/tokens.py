"""Access Tokens for TaskRouter's browser SDK (twilio-taskrouter.js), minted by your back end.

A Twilio Access Token is a JWT signed with HS256 by an API key's secret
(https://www.twilio.com/docs/iam/access-tokens)::

    header   {"alg": "HS256", "typ": "JWT", "cty": "twilio-fpa;v=1"}
    payload  {"jti": "SK...-<issued at>", "iss": "SK...", "sub": "AC...", "iat": ..., "exp": ...,
              "grants": {"identity": ..., "task_router":
                         {"workspace_sid": "WS...", "worker_sid": "WK...", "role": "worker"}}}

The grant's key and fields are those of Twilio's helper libraries' ``TaskRouterGrant``. The
roles are the ones twilio-taskrouter.js reads from the grant (its own tests mint them):
``worker`` for ``new Worker(token)``, ``supervisor`` for ``new Supervisor(token)`` (a Worker
that may monitor others' calls) and ``admin`` for ``new Workspace(token)`` (the whole
Workspace, no Worker). Twilio caps a token's lifetime at 24 hours.

Why the standard library rather than PyJWT: signing one HS256 JWT is twenty lines of
``hmac`` and ``base64``, whereas PyJWT would be a fifth runtime dependency. The parts of a
JWT library that need care, verification and algorithm choice, are not used: these tokens
are only ever minted here. The tests decode every token with PyJWT, independently.

The deprecated TaskRouter capability tokens (policy lists for taskrouter.js v1) are left out:
twilio-taskrouter.js, the SDK Twilio supports, takes Access Tokens only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any, Literal

from ._errors import InvalidArgumentError
from ._params import check_sid, choice, integer, not_shown

__all__ = ["MAX_TTL", "worker_token", "workspace_token"]

MAX_TTL = 24 * 60 * 60
"""The longest lifetime Twilio accepts for an Access Token, in seconds (24 hours)."""

_HEADER = {"alg": "HS256", "typ": "JWT", "cty": "twilio-fpa;v=1"}
_check_ttl = integer(1, MAX_TTL)
_check_role = choice(("worker", "supervisor"))


def worker_token(
    account_sid: str,
    api_key: str,
    api_secret: str,
    workspace_sid: str,
    worker_sid: str,
    *,
    ttl: int = 3600,
    identity: str | None = None,
    role: Literal["worker", "supervisor"] = "worker",
) -> str:
    """An Access Token for one Worker's browser: ``new Twilio.TaskRouter.Worker(token)``.

    Args:
        account_sid: The account (``AC...``); the token's ``sub``.
        api_key: The API key's SID (``SK...``); the token's ``iss``.
        api_secret: The API key's secret; it signs the token and appears nowhere else.
        workspace_sid: The Workspace (``WS...``).
        worker_sid: The Worker (``WK...``).
        ttl: Seconds until the token expires, 1 to 86,400 (24 hours).
        identity: The ``identity`` grant, if the page also uses other Twilio SDKs.
        role: ``supervisor`` for ``new Twilio.TaskRouter.Supervisor(token)``, a Worker who
            may also monitor, whisper to and barge into other Workers' calls.

    Returns:
        The signed token, a JWT string.

    Raises:
        InvalidArgumentError: A SID, the secret, ``ttl``, ``identity`` or ``role`` is
            malformed.

    .. versionadded:: 0.2.0
    """
    check_sid("worker_sid", worker_sid, "WK")
    _check_role("role", role)
    grant = {"workspace_sid": workspace_sid, "worker_sid": worker_sid, "role": role}
    return _mint(account_sid, api_key, api_secret, grant, ttl=ttl, identity=identity)


def workspace_token(
    account_sid: str,
    api_key: str,
    api_secret: str,
    workspace_sid: str,
    *,
    ttl: int = 3600,
    identity: str | None = None,
) -> str:
    """An Access Token for a whole Workspace: ``new Twilio.TaskRouter.Workspace(token)``.

    Takes the arguments of :func:`worker_token` but ``worker_sid`` and ``role``; the grant's
    role is ``admin``, which reads and changes everything in the Workspace: give it to trusted
    dashboards only.

    .. versionadded:: 0.2.0
    """
    grant = {"workspace_sid": workspace_sid, "role": "admin"}
    return _mint(account_sid, api_key, api_secret, grant, ttl=ttl, identity=identity)


def _mint(
    account_sid: str,
    api_key: str,
    api_secret: str,
    grant: dict[str, str],
    *,
    ttl: int,
    identity: str | None,
) -> str:
    """Check the arguments common to every token, then sign it."""
    # Never echoed: either may be the secret, given in the wrong place.
    check_sid("account_sid", account_sid, "AC", shown=not_shown())
    check_sid("api_key", api_key, "SK", shown=not_shown())
    check_sid("workspace_sid", grant["workspace_sid"], "WS")
    secret = _non_empty("api_secret", api_secret).encode("utf-8")
    _check_ttl("ttl", ttl)
    grants: dict[str, Any] = {"task_router": grant}
    if identity is not None:
        grants["identity"] = _non_empty("identity", identity)
    issued = int(time.time())
    payload = {
        "jti": f"{api_key}-{issued}",
        "iss": api_key,
        "sub": account_sid,
        "iat": issued,
        "exp": issued + ttl,
        "grants": grants,
    }
    signing_input = f"{_segment(_HEADER)}.{_segment(payload)}"
    digest = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256)
    return f"{signing_input}.{_b64url(digest.digest())}"


def _non_empty(argument: str, value: object) -> str:
    """``value`` if it is a non-empty string; never echoed (the secret passes through here)."""
    if isinstance(value, str) and value:
        return value
    raise InvalidArgumentError(argument, "expected a non-empty string")


def _segment(part: dict[str, Any]) -> str:
    return _b64url(json.dumps(part, separators=(",", ":")).encode("utf-8"))


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
