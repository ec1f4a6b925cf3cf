"""Tools for testing code that uses taskrouter-client.

- :class:`FakeTaskRouter`: a TaskRouter emulator that routes Tasks, as an httpx transport
  or served on loopback (``python -m taskrouter_client.testing serve``), with the
  :class:`CallbackRequest` its in-process apps receive and the :class:`Delivery` records
  of the callbacks it made;
- :class:`CassetteRecorder` and :func:`replay_cassette`: record real exchanges once, replay
  them strictly with respx;
- :func:`instant_retries`: retry without sleeping;
- a pytest plugin with the fixtures ``taskrouter_fake``, ``taskrouter_cassette`` and
  ``taskrouter_instant_retries``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from .._retry import recording_waits
from ._cassette import CassetteMismatchError, CassetteRecorder, replay_cassette
from ._delivery import Attempt, CallbackRequest, Delivery
from ._fake import FakeTaskRouter

__all__ = [
    "Attempt",
    "CallbackRequest",
    "CassetteMismatchError",
    "CassetteRecorder",
    "Delivery",
    "FakeTaskRouter",
    "instant_retries",
    "replay_cassette",
]


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
