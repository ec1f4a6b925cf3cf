"""Tools for testing code that uses taskrouter-client.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from .._retry import recording_waits

__all__ = ["instant_retries"]


@contextlib.contextmanager
def instant_retries() -> Iterator[list[float]]:
    """Retry at once instead of waiting, recording the waits skipped.

    Every client used in this context (this thread, or asyncio tasks started in it) retries
    without sleeping; the list collects the seconds each retry would have waited::

        with instant_retries() as waits:
            client.workspaces(ws).tasks(sid).fetch()
        assert waits == []

    .. versionadded:: 0.1.0
    """
    with recording_waits() as waits:
        yield waits
