"""Changes that time makes, applied in the order they fall due.

A Task's TTL, a Reservation's timeout, the deletion of a finished Task (and, once the
emulator routes, a Workflow step's timeout) are each scheduled for a moment. Whenever the
emulator's clock is read for a request, or moved by ``advance()``, every change due by then
is applied oldest first, each at its own due time; a change may schedule more (a Task
canceled by its TTL schedules its deletion) and those run in order too. So the state never
depends on how the clock got there: ``advance(200)`` and ``advance(61); advance(139)``
agree, request or no request in between.

A change that no longer applies when it falls due (the Task was canceled, the Reservation
accepted) checks that itself and does nothing.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from datetime import datetime

Change = Callable[[datetime], None]
"""A time-driven change: called with its due time, which it records as when it happened."""


class Timeline:
    """A priority queue of changes keyed by due time (ties: first scheduled, first applied)."""

    def __init__(self) -> None:
        self._due: list[tuple[datetime, int, Change]] = []
        self._order = itertools.count()

    def at(self, due: datetime, change: Change) -> None:
        """Schedule ``change`` for ``due``."""
        heapq.heappush(self._due, (due, next(self._order), change))

    def run_until(self, now: datetime) -> None:
        """Apply every change due at or before ``now``, in due order."""
        while self._due and self._due[0][0] <= now:
            due, _, change = heapq.heappop(self._due)
            change(due)
