"""The package's one logger, and what it says.

Log lines carry the method, the URL path (SIDs only: never the query, which may hold task
attributes), the status, the request id, timing and retries. Never headers or bodies, so no
credential or customer data reaches a log.
"""

from __future__ import annotations

import logging

from ._http_info import HTTPInfo

logger = logging.getLogger("taskrouter_client")


def log_response(info: HTTPInfo) -> None:
    """Log one received response at DEBUG."""
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s -> %d in %.3f s (request id %s, retries %d)",
            info.method,
            info.path,
            info.status,
            info.elapsed,
            info.request_id or "-",
            info.retries,
        )
