"""The emulator's state: Workspaces, the clock, the Events and the calls owed to apps.

Every write is all or nothing: each operation (in ``_workspaces``,
``_queues``, ``_workers``, ``_tasks``)
checks everything it was asked first, and changes the records only once nothing is left to
refuse; what routing then does follows from a valid state and cannot be refused. Every
change bumps the version the ETag carries. Time-driven changes go through the
:class:`Timeline`, in due order; time comes from the clock given, so tests move it forward
instead of waiting.

Callbacks are never made here: an Event a Workspace's ``event_callback_url`` wants, or a
Reservation whose Workflow has an ``assignment_callback_url``, puts an :class:`Outgoing`
in the ``outbox``, in the order the changes happened. ``_delivery`` empties it, outside the
lock, so no app can slow or break a request.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from ._engine import Router
from ._events import Concerns, forget_old, make_event, wanted
from ._records import EventRecord, Outgoing, Workspace, not_found
from ._timeline import Timeline


class Store:
    """Every Workspace, the clock, and the routing engine. Callers hold the lock."""

    def __init__(self, clock: Callable[[], datetime], account_sid: str) -> None:
        self._clock = clock
        self._sequence = 0
        self.account_sid = account_sid
        self.timeline = Timeline()
        self.workspaces: dict[str, Workspace] = {}
        self.outbox: deque[Outgoing] = deque()
        self.router = Router(self)

    def now(self) -> datetime:
        """The emulator's current time (UTC, whole seconds as Twilio reports them)."""
        return self._clock().astimezone(timezone.utc).replace(microsecond=0)

    def catch_up(self) -> None:
        """Apply every time-driven change due by now, in due order."""
        self.timeline.run_until(self.now())

    def workspace(self, sid: str) -> Workspace:
        """The Workspace ``sid``, with time caught up; 404 if unknown."""
        self.catch_up()
        workspace = self.workspaces.get(sid)
        if workspace is None:
            raise not_found(f"/v1/Workspaces/{sid}")
        return workspace

    def next_sequence(self) -> int:
        """The next place in creation order."""
        self._sequence += 1
        return self._sequence

    def emit(
        self,
        ws: Workspace,
        event_type: str,
        description: str,
        now: datetime,
        *,
        extra: dict[str, str] | None = None,
        **concerns: Any,
    ) -> EventRecord:
        """Record an Event; owe it to the Workspace's event callback if it wants it."""
        event = make_event(
            ws,
            event_type,
            description,
            Concerns(**concerns),
            account_sid=self.account_sid,
            sequence=self.next_sequence(),
            now=now,
            extra=extra,
        )
        forget_old(ws, now)
        ws.events[event.sid] = event
        if ws.event_callback_url and wanted(ws, event_type):
            self.outbox.append(
                Outgoing(
                    kind="event",
                    workspace_sid=ws.sid,
                    subject=event.sid,
                    urls=(ws.event_callback_url,),
                    form=dict(event.data),
                )
            )
        return event
