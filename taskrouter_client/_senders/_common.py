"""What every sender shares: the headers it adds, its time limits, and how it says it failed.

Nothing here imports an HTTP library: a client imports the one it sends with when it is made.
"""

from __future__ import annotations

import base64
import functools
import math
import platform
import sys
from typing import TYPE_CHECKING

import attrs

from .._errors import APIConnectionError, APITimeoutError, InvalidArgumentError
from .._version import __version__

if TYPE_CHECKING:
    from .._config import Credentials
    from .._operation import Request

_MAX_USER_AGENT_EXTRA = 200

CLOSED = "this client is closed (close(), aclose() or the end of its with block): make a new one"
"""The message of the RuntimeError raised by a call on a closed client."""


@attrs.frozen(cache_hash=True)
class Timeouts:
    """Seconds each part of an attempt may take (None: no limit). Strictly private.

    Attributes:
        connect: Opening a connection.
        read: Each read of the response.
        write: Each write of the request.
        pool: Waiting for a pooled connection inside the HTTP library.
        attempt: The bound of one attempt as a whole, body included: the longest finite
            part (None, no bound, when reading has no limit).
    """

    connect: float | None
    read: float | None
    write: float | None
    pool: float | None
    attempt: float | None = attrs.field(init=False, eq=False)

    @attempt.default
    def _longest(self) -> float | None:
        if self.read is None:
            return None
        return max(part for part in (self.connect, self.read, self.write) if part is not None)


DEFAULT_TIMEOUTS = Timeouts(connect=5.0, read=30.0, write=30.0, pool=30.0)
"""Connect within 5 s; each attempt (and each read and write in it) within 30 s."""


def check_timeout(value: object) -> Timeouts:
    """Timeouts from seconds (a finite number > 0) or an ``httpx.Timeout``."""
    httpx = sys.modules.get("httpx")  # an httpx.Timeout can exist only if httpx is imported
    if httpx is not None and isinstance(value, httpx.Timeout):
        return from_httpx(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and _positive(value):
        seconds = float(value)
        return Timeouts(connect=seconds, read=seconds, write=seconds, pool=seconds)
    raise InvalidArgumentError(
        "timeout", f"expected seconds (a finite number > 0) or an httpx.Timeout, got {value!r}"
    )


def from_httpx(timeout: object) -> Timeouts:
    """Timeouts from an ``httpx.Timeout`` (each part checked like seconds, or None)."""
    parts = [getattr(timeout, name) for name in ("connect", "read", "write", "pool")]
    for name, part in zip(("connect", "read", "write", "pool"), parts, strict=True):
        if part is not None and not _positive(part):
            raise InvalidArgumentError(
                "timeout", f"expected each part to be seconds > 0 or None, got {name}={part!r}"
            )
    connect, read, write, pool = parts
    return Timeouts(connect=connect, read=read, write=write, pool=pool)


def _positive(value: float) -> bool:
    return math.isfinite(value) and value > 0


def check_user_agent_extra(value: object) -> str | None:
    """``value`` if it may be appended to the User-Agent (printable ASCII, no line breaks)."""
    if value is None:
        return None
    if (
        isinstance(value, str)
        and 0 < len(value) <= _MAX_USER_AGENT_EXTRA
        and value.isascii()
        and value.isprintable()
        and value.strip() == value
    ):
        return value
    raise InvalidArgumentError(
        "user_agent_extra",
        f"expected up to {_MAX_USER_AGENT_EXTRA} printable ASCII characters such as "
        f"'myapp/1.2' (no line breaks, no leading or trailing space), got {value!r}",
    )


def base_headers(
    credentials: Credentials, library: str, user_agent_extra: str | None
) -> tuple[tuple[str, str], ...]:
    """The headers of every request: User-Agent, Accept and Basic Authorization."""
    pair = f"{credentials.username}:{credentials.password}".encode()
    return (
        ("User-Agent", user_agent(library, user_agent_extra)),
        ("Accept", "application/json"),
        ("Authorization", "Basic " + base64.b64encode(pair).decode("ascii")),
    )


@functools.lru_cache(maxsize=8)
def user_agent(library: str, extra: str | None) -> str:
    """``taskrouter-client/0.2.0 python/3.12.1 httpx/0.28.1`` and the caller's ``extra``."""
    parts = [f"taskrouter-client/{__version__}", f"python/{platform.python_version()}"]
    return " ".join([*parts, library, *([extra] if extra else [])])


def connection_error(
    request: Request, error: BaseException, *, timed_out: bool, sent: bool, detail: str | None
) -> APIConnectionError:
    """Our error for a network failure of ``request`` (chain it: ``raise ... from error``).

    ``detail`` says what failed; a sender leaves out whatever may quote the URL's query.
    """
    what = type(error).__name__ + (f": {detail}" if detail else "")
    kind = APITimeoutError if timed_out else APIConnectionError
    return kind(
        f"request {'timed out' if timed_out else 'failed'} ({what})",
        method=request.method,
        path=request.path,
        may_have_been_sent=sent,
    )
