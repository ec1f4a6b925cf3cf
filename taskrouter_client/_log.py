"""The package's one logger, and what it says.

Log lines carry the method, the URL path (SIDs only: never the query, which may hold task
attributes), the status, the request id, timing and retries. Never headers or bodies, so no
credential or customer data reaches a log.
"""

from __future__ import annotations

import logging

from ._errors import APIConnectionError
from ._http_info import HTTPInfo
from ._operation import Request
from ._responses import Response

logger = logging.getLogger("taskrouter_client")


def log_response(info: HTTPInfo) -> None:
    """Log one received response at DEBUG (callers check that DEBUG is on: a call less)."""
    logger.debug(
        "%s %s -> %d in %.3f s (request id %s, retries %d)",
        info.method,
        info.path,
        info.status,
        info.elapsed,
        info.request_id or "-",
        info.retries,
    )


def log_retry(
    request: Request,
    outcome: Response | APIConnectionError,
    delay: float,
    retry: int,
    max_retries: int,
) -> None:
    """Log at INFO that ``request`` will be sent again, and why."""
    if isinstance(outcome, Response):
        why = f"HTTP {outcome.info.status} (request id {outcome.info.request_id or '-'})"
    else:
        why = type(outcome).__name__
    logger.info(
        "retrying %s %s after %s in %.2f s (retry %d of %d)",
        request.method,
        request.path,
        why,
        delay,
        retry,
        max_retries,
    )
