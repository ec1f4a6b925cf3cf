"""What an HTTP exchange told us besides the body: status, headers, rate limits, request id."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import attrs

from ._frozen import unfrozen

if TYPE_CHECKING:
    from ._operation import Request

__all__ = ["HTTPInfo", "RateLimit", "received"]


@attrs.frozen(kw_only=True)
class RateLimit:
    """TaskRouter's per-endpoint rate-limit figures (the ``X-Rate-Limit-*`` headers).

    Attributes:
        limit: Requests allowed for this endpoint (``X-Rate-Limit-Limit``).
        remaining: Requests left before the limit (``X-Rate-Limit-Remaining``).
        config: The limit's configuration as Twilio describes it (``X-Rate-Limit-Config``).

    .. versionadded:: 0.1.0
    """

    limit: int | None
    remaining: int | None
    config: str | None


@attrs.frozen(kw_only=True)
class HTTPInfo:
    """The HTTP metadata of one call, kept beside the model it produced.

    Every model, page and :class:`APIError` carries one as ``.http``.

    Attributes:
        status: The HTTP status code.
        method: The request's method.
        path: The request's URL path (no host, no query).
        headers: The response headers, a case-insensitive mapping.
        elapsed: Seconds from sending the request to reading the whole response.
        retries: How many times the SDK retried before this response.
        reconciled: True when a write's answer was lost and this is the resource read back,
            showing that the write took effect (see docs/retries.md).

    .. versionadded:: 0.1.0
    """

    status: int
    method: str
    path: str
    headers: Mapping[str, str] = attrs.field(repr=False)
    elapsed: float
    retries: int = 0
    reconciled: bool = False

    @property
    def request_id(self) -> str | None:
        """The ``Twilio-Request-Id`` header: quote it to Twilio support."""
        return self.headers.get("twilio-request-id")

    @property
    def etag(self) -> str | None:
        """The ``ETag`` header (Twilio spells it ``ETag`` or ``Etag``; both are read)."""
        return self.headers.get("etag")

    @property
    def rate_limit(self) -> RateLimit:
        """The ``X-Rate-Limit-*`` figures; a figure the server did not send is None."""
        return RateLimit(
            limit=_int_or_none(self.headers.get("x-rate-limit-limit")),
            remaining=_int_or_none(self.headers.get("x-rate-limit-remaining")),
            config=self.headers.get("x-rate-limit-config"),
        )

    @property
    def retry_after(self) -> float | None:
        """Seconds to wait as asked by ``Retry-After`` (delay or HTTP date), or None."""
        return parse_retry_after(self.headers.get("retry-after"), self.headers.get("date"))


_Building = unfrozen(HTTPInfo)
_new = object.__new__


def received(
    request: Request, status: int, headers: Mapping[str, str], elapsed: float, retries: int
) -> HTTPInfo:
    """The HTTPInfo of a response to ``request`` just received (``reconciled`` False).

    What the senders call once per response: filled by plain stores (see ``unfrozen``), a
    quarter of the instructions of ``HTTPInfo(...)``'s frozen keyword ``__init__``.
    """
    info = _new(_Building)
    info.status = status
    info.method = request.method
    info.path = request.path
    info.headers = headers
    info.elapsed = elapsed
    info.retries = retries
    info.reconciled = False
    info.__class__ = HTTPInfo
    made: HTTPInfo = info  # (typed without a call to cast)
    return made


def parse_retry_after(value: str | None, date: str | None = None) -> float | None:
    """Read a ``Retry-After`` value: delay seconds, or an HTTP date (relative to ``date``)."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        return _seconds_until(value, date)
    return max(seconds, 0.0) if math.isfinite(seconds) else None


def _seconds_until(http_date: str, date: str | None) -> float | None:
    from email.utils import parsedate_to_datetime  # noqa: PLC0415  # only for Retry-After dates

    # A date with an absurd hour or zone ("25:00:00", "+99999999999") overflows datetime's
    # fields: that is a date we cannot read, like any other malformed one.
    try:
        target = parsedate_to_datetime(http_date)
        now = parsedate_to_datetime(date) if date else datetime.now(timezone.utc)
        if target.tzinfo is None or now.tzinfo is None:
            return None
        return max((target - now).total_seconds(), 0.0)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _int_or_none(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None
