"""Statistics, from the live state (real-time) and from the Event log (cumulative).

What is exact (EC-29, docs/testing.md "Statistics"): every real-time figure; every
cumulative count, ``avg_task_acceptance_time``, ``wait_duration_*`` and
``split_by_wait_time`` (counted from the Events of the period: a Task's age when it was
accepted or canceled, whole seconds, averages rounded down). ``activity_durations`` is
approximate: it is rebuilt from ``worker.activity.update`` Events, each Worker's first
Activity counted from its creation (or the period's start).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from ._engine import worker_document
from ._forms import Form, one, window
from ._records import (
    WAITING,
    EventRecord,
    TaskQueue,
    TaskRecord,
    Worker,
    Workspace,
    bad_request,
    iso,
)

_RESERVATION_COUNTS = {
    "reservations_created": "reservation.created",
    "reservations_accepted": "reservation.accepted",
    "reservations_rejected": "reservation.rejected",
    "reservations_timed_out": "reservation.timeout",
    "reservations_canceled": "reservation.canceled",
    "reservations_rescinded": "reservation.rescinded",
}
_TASK_COUNTS = {
    "tasks_canceled": ("task.canceled",),
    "tasks_completed": ("task.completed",),
    "tasks_deleted": ("task.deleted", "task.system-deleted"),
    "tasks_moved": ("task-queue.moved",),
}
_LIVE_STATUSES = ("pending", "reserved", "assigned", "wrapping")


class Scope:
    """Where statistics are counted: the Workspace, a Workflow or a TaskQueue, and a channel."""

    def __init__(
        self, ws: Workspace, query: Form, *, workflow: str | None = None, queue: str | None = None
    ) -> None:
        self.ws, self.workflow, self.queue = ws, workflow, queue
        wanted = one(query, "TaskChannel")
        self.channel = None if wanted is None else _channel_sid(ws, wanted)

    def task(self, task: TaskRecord) -> bool:
        """Whether a Task counts here."""
        return (
            (self.workflow is None or task.workflow_sid == self.workflow)
            and (self.queue is None or task.task_queue_sid == self.queue)
            and (self.channel is None or task.task_channel_sid == self.channel)
        )

    def event(self, event: EventRecord) -> bool:
        """Whether an Event counts here."""
        return (
            (self.workflow is None or event.workflow_sid == self.workflow)
            and (self.queue is None or event.task_queue_sid == self.queue)
            and (self.channel is None or event.task_channel_sid == self.channel)
        )


def real_time(scope: Scope, now: datetime) -> dict[str, Any]:
    """Tasks by status and priority, their total, the longest waiting (exact)."""
    tasks = [t for t in scope.ws.tasks.values() if scope.task(t) and t.ended is None]
    by_status = dict.fromkeys(_LIVE_STATUSES, 0)
    by_priority: dict[str, int] = {}
    for task in tasks:
        by_status[task.assignment_status] += 1
        by_priority[str(task.priority)] = by_priority.get(str(task.priority), 0) + 1
    waiting = [t for t in tasks if t.assignment_status in WAITING]
    oldest = min(waiting, key=lambda t: (t.date_created, t.sequence), default=None)
    figures: dict[str, Any] = {
        "tasks_by_status": by_status,
        "tasks_by_priority": by_priority,
        "total_tasks": len(tasks),
        "longest_task_waiting_age": _age(oldest.date_created, now) if oldest else 0,
        "longest_task_waiting_sid": oldest.sid if oldest else None,
    }
    if scope.queue is not None:
        entered = min(
            waiting, key=lambda t: (t.task_queue_entered_date or now, t.sequence), default=None
        )
        figures["longest_relative_task_age_in_queue"] = (
            _age(entered.task_queue_entered_date or now, now) if entered else 0
        )
        figures["longest_relative_task_sid_in_queue"] = entered.sid if entered else None
    return figures


def queue_workers(ws: Workspace, queue: TaskQueue) -> dict[str, Any]:
    """A TaskQueue's eligible and available Workers, and its Workers by Activity (exact)."""
    eligible = [w for w in ws.workers.values() if queue.eligible(worker_document(ws, w))]
    return {
        "total_eligible_workers": len(eligible),
        "total_available_workers": sum(ws.activities[w.activity_sid].available for w in eligible),
        "activity_statistics": activity_statistics(ws, eligible),
    }


def activity_statistics(ws: Workspace, workers: Iterable[Worker]) -> list[dict[str, Any]]:
    """How many of ``workers`` are in each Activity."""
    counts = dict.fromkeys(ws.activities, 0)
    for worker in workers:
        counts[worker.activity_sid] += 1
    return [
        {"friendly_name": ws.activities[sid].friendly_name, "sid": sid, "workers": n}
        for sid, n in counts.items()
    ]


def cumulative(
    scope: Scope, query: Form, now: datetime, *, counts: Iterable[str]
) -> dict[str, Any]:
    """The counts named in ``counts`` (and waits) over the period asked, from the Events."""
    start, end = window(query, now)
    events = [e for e in scope.ws.events.values() if start <= e.date <= end and scope.event(e)]
    kinds = {
        **{name: (kind,) for name, kind in _RESERVATION_COUNTS.items()},
        **_TASK_COUNTS,
        "tasks_created": ("task.created",),
        "tasks_entered": ("task-queue.entered",) if scope.queue else ("workflow.entered",),
        "tasks_timed_out_in_workflow": ("workflow.timeout",),
    }
    figures: dict[str, Any] = {  # Tasks (or Reservations) counted once each
        name: len({e.reservation_sid or e.task_sid for e in events if e.event_type in kinds[name]})
        for name in [*_RESERVATION_COUNTS, *_TASK_COUNTS, *counts]
    }
    accepted = [_task_age(e) for e in events if e.event_type == "reservation.accepted"]
    canceled = [_task_age(e) for e in events if e.event_type == "task.canceled"]
    figures |= {
        "start_time": iso(start),
        "end_time": iso(end),
        "avg_task_acceptance_time": sum(accepted) // len(accepted) if accepted else 0,
        "wait_duration_until_accepted": _durations(accepted),
        "wait_duration_until_canceled": _durations(canceled),
        "split_by_wait_time": _split(one(query, "SplitByWaitTime"), accepted, canceled),
    }
    if scope.queue is not None:
        in_queue = [
            _age(datetime.fromtimestamp(int(e.data["TaskQueueEnteredDate"]), now.tzinfo), e.date)
            for e in events
            if e.event_type == "reservation.accepted" and "TaskQueueEnteredDate" in e.data
        ]
        figures["wait_duration_in_queue_until_accepted"] = _durations(in_queue)
    return figures


def worker_cumulative(
    ws: Workspace, query: Form, now: datetime, workers: list[Worker]
) -> dict[str, Any]:
    """Reservation counts and ``activity_durations`` of ``workers`` over the period."""
    start, end = window(query, now)
    sids = {w.sid for w in workers}
    events = [e for e in ws.events.values() if e.worker_sid in sids and start <= e.date <= end]
    figures: dict[str, Any] = {
        name: sum(e.event_type == kind for e in events)
        for name, kind in _RESERVATION_COUNTS.items()
    }
    spells: dict[str, list[int]] = {sid: [] for sid in ws.activities}
    for worker in workers:
        for activity_sid, seconds in _spells(ws, worker, start, end):
            spells.setdefault(activity_sid, []).append(seconds)
    figures |= {
        "start_time": iso(start),
        "end_time": iso(end),
        "activity_durations": [
            {
                "sid": sid,
                "friendly_name": ws.activities[sid].friendly_name,
                **_durations(seconds),
            }
            for sid, seconds in spells.items()
            if sid in ws.activities
        ],
    }
    return figures


def _spells(ws: Workspace, worker: Worker, start: datetime, end: datetime) -> list[tuple[str, int]]:
    """(Activity, seconds) for each stretch the Worker spent in one, cut to the period."""
    changes = [
        e
        for e in ws.events.values()
        if e.worker_sid == worker.sid and e.event_type == "worker.activity.update"
    ]
    activity = changes[0].data["WorkerPreviousActivitySid"] if changes else worker.activity_sid
    since, found = worker.date_created, []
    for change in [*changes, None]:
        until = change.date if change is not None else end
        lower, upper = max(since, start), min(until, end)
        if upper > lower:
            found.append((activity, int((upper - lower).total_seconds())))
        if change is not None:
            activity, since = change.data["WorkerActivitySid"], change.date
    return found


def _task_age(event: EventRecord) -> int:
    return int(event.data.get("TaskAge", "0"))


def _age(since: datetime, now: datetime) -> int:
    return max(int((now - since).total_seconds()), 0)


def _durations(values: list[int]) -> dict[str, Any]:
    if not values:
        return {"avg": 0, "min": 0, "max": 0, "total": 0}
    return {
        "avg": sum(values) // len(values),
        "min": min(values),
        "max": max(values),
        "total": sum(values),
    }


def _split(text: str | None, accepted: list[int], canceled: list[int]) -> dict[str, Any] | None:
    """``SplitByWaitTime``: per threshold, what waited at most that long and what longer."""
    if not text:
        return None
    try:
        thresholds = [int(part) for part in text.split(",")]
    except ValueError:
        raise bad_request("SplitByWaitTime must be comma-separated seconds") from None

    def side(keep: Callable[[int], bool]) -> dict[str, int]:
        return {
            "tasks_canceled": sum(map(keep, canceled)),
            "reservations_accepted": sum(map(keep, accepted)),
        }

    return {
        str(limit): {
            "above": side(functools.partial(operator.lt, limit)),
            "below": side(functools.partial(operator.ge, limit)),
        }
        for limit in thresholds
    }


def _channel_sid(ws: Workspace, wanted: str) -> str:
    for channel in ws.channels.values():
        if wanted in {channel.sid, channel.unique_name}:
            return channel.sid
    raise bad_request(f"TaskChannel {wanted!r} not found in this Workspace", 20404)
