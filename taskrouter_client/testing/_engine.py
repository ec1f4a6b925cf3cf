"""The routing engine: Workflow filters and steps, and which Worker is offered which Task.

What TaskRouter documents (sources and the choices made where it is silent are listed in
docs/testing.md, "The routing engine"):

- A Task entering its Workflow takes the first filter whose ``expression`` matches its
  attributes, else the ``default_filter``; none at all refuses the Task (EC-5).
- Each filter's targets are steps tried in order. A step's ``timeout`` adds to the ones
  before it (EC-2): the Task leaves step *i* once it has been in the filter for
  ``timeout[0] + ... + timeout[i]`` seconds, emitting ``task-queue.timeout``; after the last
  step it is canceled (``workflow.timeout``, EC-4). A step without a timeout keeps it until
  its TTL. A step's ``priority`` replaces the Task's on entry.
- ``skip_if`` is evaluated once, when a Task enters a step and no Reservation could be made
  (EC-6): true moves it on at once (``workflow.skipped``); past a filter's last step, to the
  later filters, then the default filter.
- A Worker may take a Task from a step when its Activity is available, its channel for the
  Task's TaskChannel is available with room (pending Reservations and assigned or wrapping
  Tasks use it; a single-tasking Workspace has room for one Task in all), it matches the
  queue's ``target_workers`` and the step's ``expression`` (``worker.*`` and ``task.*``),
  it is the known worker if the step names one, and it has not refused the Task (EC-18).
- Waiting Tasks are offered in order: queues of the Workspace's ``prioritize_queue_order``
  kind first; in FIFO queues higher priority, then older ``virtual_start_time``; in LIFO
  queues the newest (EC-9). Each Task goes to the step's ``order_by`` first, then the Worker
  idle longest, then the Worker created first; up to the queue's ``max_reserved_workers``.
- A Task reserved when its step times out keeps its Reservations: it moves on once they end
  without acceptance (EC-32).

Routing runs after every change (``dispatch``); it needs no timer of its own because the
state it leaves never holds a waiting Task and a free Worker that could take it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ._configuration import Filter, Routing, Target
from ._lifecycle import cancel, reserve
from ._records import TaskQueue, TaskRecord, Worker, Workspace, bad_request

if TYPE_CHECKING:
    from ._store import Store

_LIVE = frozenset({"pending", "accepted", "wrapping"})
NO_MATCH = "Could not match the task to a target given the defined attributes."


class _NoRouteError(Exception):
    """No filter (nor a default filter) takes the Task."""


Usage = dict[tuple[str, str], int]
"""Units of capacity in use, by (Worker SID, TaskChannel SID); ``""`` counts all channels."""


class Router:
    """Runs Tasks through their Workflows and offers them to Workers."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- entering a Workflow --------------------------------------------------------------

    def first_filter(
        self, routing: Routing, attributes: dict[str, Any], now: datetime
    ) -> int | None:
        """The filter a new Task takes (None: the default filter); else a 400 (EC-5)."""
        try:
            return _match(routing, filter_document(attributes, now), after=-1)
        except _NoRouteError:
            raise bad_request(NO_MATCH) from None

    def enter(
        self, ws: Workspace, task: TaskRecord, routing: Routing, index: int | None, now: datetime
    ) -> None:
        """Start ``task`` at the first step of filter ``index`` (from :meth:`first_filter`)."""
        task.routing, task.entered = routing, now
        task.epoch += 1
        self.store.emit(
            ws, "workflow.entered", f"Task {task.sid} entered its Workflow", now, task=task
        )
        self._enter_step(ws, task, index, 0, now, first=True)

    def resume(self, ws: Workspace, task: TaskRecord, now: datetime) -> None:
        """A Task waiting again: leave every step whose time ran out while it was reserved."""
        while task.assignment_status == "pending" and task.routing is not None:
            deadline = _deadline(task)
            if deadline is None or deadline > now:
                return
            self._leave_step(ws, task, now)

    # -- steps ------------------------------------------------------------------------------

    def _enter_step(
        self,
        ws: Workspace,
        task: TaskRecord,
        index: int | None,
        step: int,
        now: datetime,
        *,
        first: bool = False,
    ) -> None:
        assert task.routing is not None  # noqa: S101  # set on entering the Workflow
        routing_filter = task.routing.filter_at(index)
        target = routing_filter.targets[step]
        queue = ws.queues[target.queue_sid]
        moved = task.task_queue_sid not in {None, queue.sid}
        task.filter_index, task.step = index, step
        if target.priority is not None:
            task.priority = target.priority
        task.task_queue_sid, task.task_queue_friendly_name = queue.sid, queue.friendly_name
        task.task_queue_entered_date = now
        if not first:
            task.touch(now)
        emit = self.store.emit
        emit(
            ws,
            "workflow.target-matched",
            f"Task {task.sid} matched a target of its Workflow",
            now,
            task=task,
            extra={"WorkflowFilterName": routing_filter.name or ""},
        )
        if moved:
            emit(
                ws,
                "task-queue.moved",
                f"Task {task.sid} moved to {queue.friendly_name}",
                now,
                task=task,
            )
        emit(
            ws,
            "task-queue.entered",
            f"Task {task.sid} entered {queue.friendly_name}",
            now,
            task=task,
        )
        deadline = _deadline(task)
        if deadline is not None:
            key = (task.epoch, index, step)
            self.store.timeline.at(deadline, lambda due: self._step_due(ws, task, key, due))
        if self._offer(ws, task, now, self._free(ws), _usage(ws)):
            return
        if target.skip_if is not None and target.skip_if(_counts(ws, queue)):
            emit(ws, "workflow.skipped", f"Task {task.sid} skipped a step", now, task=task)
            self._skip(ws, task, routing_filter, now)

    def _step_due(
        self, ws: Workspace, task: TaskRecord, key: tuple[int, int | None, int], due: datetime
    ) -> None:
        current = (task.epoch, task.filter_index, task.step)
        if ws.tasks.get(task.sid) is not task or key != current:
            return
        if task.assignment_status == "pending":  # a reserved Task moves on later (EC-32)
            self._leave_step(ws, task, due)
            self.dispatch(ws, due)

    def _leave_step(self, ws: Workspace, task: TaskRecord, now: datetime) -> None:
        assert task.routing is not None  # noqa: S101  # only Tasks in a Workflow have steps
        emit = self.store.emit
        emit(ws, "task-queue.timeout", f"Task {task.sid} timed out of its step", now, task=task)
        if task.step + 1 < len(task.routing.filter_at(task.filter_index).targets):
            self._enter_step(ws, task, task.filter_index, task.step + 1, now)
            return
        emit(ws, "workflow.timeout", f"Task {task.sid} passed its last step", now, task=task)
        cancel(self.store, ws, task, "Task canceled on Workflow timeout", now)

    def _skip(self, ws: Workspace, task: TaskRecord, current: Filter, now: datetime) -> None:
        assert task.routing is not None  # noqa: S101  # only Tasks in a Workflow have steps
        if task.step + 1 < len(current.targets):
            self._enter_step(ws, task, task.filter_index, task.step + 1, now)
            return
        after = len(task.routing.filters) if task.filter_index is None else task.filter_index
        try:
            index = _match(task.routing, filter_document(task.document, now), after=after)
        except _NoRouteError:
            return  # nowhere further to go: the Task stays where it is
        task.entered = now
        self._enter_step(ws, task, index, 0, now)

    # -- offers -----------------------------------------------------------------------------

    def dispatch(self, ws: Workspace, now: datetime) -> None:
        """Offer every waiting Task, best first, to the Workers free to take it."""
        free = self._free(ws)
        if not free:
            return
        usage = _usage(ws)
        waiting = [t for t in ws.tasks.values() if t.assignment_status == "pending" and t.routing]
        for task in sorted(waiting, key=lambda t: _task_order(ws, t)):
            self._offer(ws, task, now, free, usage)

    def _free(self, ws: Workspace) -> list[Worker]:
        return [w for w in ws.workers.values() if ws.activities[w.activity_sid].available]

    def _offer(
        self, ws: Workspace, task: TaskRecord, now: datetime, free: list[Worker], usage: Usage
    ) -> bool:
        """Reserve ``task`` for the best free Workers its step allows; whether any was."""
        assert task.routing is not None  # noqa: S101  # only routed Tasks wait
        target = task.routing.filter_at(task.filter_index).targets[task.step]
        queue = ws.queues[target.queue_sid]
        task_document = task.document
        found: list[tuple[tuple[Any, ...], Worker]] = []
        for worker in free:
            if worker.sid in task.refused_by or not _has_room(ws, worker, task, usage):
                continue
            document = step_document(ws, worker, task_document, now)
            if _eligible(queue, target, worker, document, task_document):
                order = target.order_by(document) if target.order_by else ()
                idle = _idle_since(worker, task.task_channel_sid).timestamp()
                found.append(((*order, idle, worker.sequence), worker))
        found.sort(key=lambda pair: pair[0])
        for _, worker in found[: queue.max_reserved_workers]:
            reserve(self.store, ws, task, worker, now)
            for key in ((worker.sid, task.task_channel_sid), (worker.sid, "")):
                usage[key] = usage.get(key, 0) + 1
        return bool(found)


def filter_document(attributes: dict[str, Any], now: datetime) -> dict[str, Any]:
    """What a filter expression sees: the Task's attributes, ``task.*`` and ``taskrouter.*``."""
    return {**attributes, "task": attributes, "taskrouter": _clock(now)}


def worker_document(ws: Workspace, worker: Worker) -> dict[str, Any]:
    """What ``target_workers`` sees: the four Worker fields, then its attributes (EC-1)."""
    return {
        "sid": worker.sid,
        "friendly_name": worker.friendly_name,
        "activity_sid": worker.activity_sid,
        "activity_name": ws.activities[worker.activity_sid].friendly_name,
        **worker.document,
    }


def step_document(
    ws: Workspace, worker: Worker, attributes: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """What a step's expression and ``order_by`` see: the Worker, ``worker.*``, ``task.*``."""
    own = worker_document(ws, worker)
    return {**own, "worker": own, "task": attributes, "taskrouter": _clock(now)}


def _clock(now: datetime) -> dict[str, Any]:
    """Time-of-day routing's ``taskrouter.dayOfWeek`` and ``taskrouter.currentTime`` (UTC)."""
    return {"dayOfWeek": now.strftime("%a"), "currentTime": int(now.strftime("%H%M"))}


def _match(routing: Routing, document: dict[str, Any], after: int) -> int | None:
    for index, candidate in enumerate(routing.filters):
        if index > after and candidate.matches(document):
            return index
    if routing.default is None or after >= len(routing.filters):
        raise _NoRouteError
    return None


def _deadline(task: TaskRecord) -> datetime | None:
    assert task.routing is not None  # noqa: S101  # only Tasks in a Workflow have steps
    targets = task.routing.filter_at(task.filter_index).targets[: task.step + 1]
    if targets[-1].timeout is None:
        return None
    return task.entered + timedelta(seconds=sum(t.timeout or 0 for t in targets))


def _eligible(
    queue: TaskQueue,
    target: Target,
    worker: Worker,
    document: dict[str, Any],
    attributes: dict[str, Any],
) -> bool:
    if not queue.eligible(document) or not (
        target.expression is None or target.expression(document)
    ):
        return False
    if target.known_worker is None:
        return True
    kind, read = target.known_worker
    named = read(attributes)
    if kind == "sid":
        return bool(named == worker.sid)
    return isinstance(named, str) and named.lower() == worker.friendly_name.lower()


def _usage(ws: Workspace) -> Usage:
    usage: Usage = {}
    for reservation in ws.reservations.values():
        if reservation.reservation_status in _LIVE:
            for key in (
                (reservation.worker_sid, reservation.task_channel_sid),
                (reservation.worker_sid, ""),
            ):
                usage[key] = usage.get(key, 0) + 1
    return usage


def _has_room(ws: Workspace, worker: Worker, task: TaskRecord, usage: Usage) -> bool:
    if not ws.multi_task_enabled:
        return usage.get((worker.sid, ""), 0) == 0
    channel = worker.channels.get(task.task_channel_sid)
    used = usage.get((worker.sid, task.task_channel_sid), 0)
    return channel is not None and channel.available and used < channel.capacity


def _idle_since(worker: Worker, channel_sid: str) -> datetime:
    channel = worker.channels.get(channel_sid)
    ended = channel.last_ended if channel else None
    return max(worker.available_since, ended) if ended else worker.available_since


def _task_order(ws: Workspace, task: TaskRecord) -> tuple[float, ...]:
    queue = ws.queues[task.task_queue_sid or ""]
    rank = 0 if queue.task_order == ws.prioritize_queue_order else 1
    start = task.virtual_start_time.timestamp()
    if queue.task_order == "LIFO":
        return (rank, 0, -start, queue.sequence, -task.sequence)
    return (rank, -task.priority, start, queue.sequence, task.sequence)


def _counts(ws: Workspace, queue: TaskQueue) -> dict[str, Any]:
    """``skip_if``'s ``workers.available``, ``workers.unavailable``, ``workers.WA...``."""
    counts: dict[str, int] = {"available": 0, "unavailable": 0}
    for worker in ws.workers.values():
        if queue.eligible(worker_document(ws, worker)):
            activity = ws.activities[worker.activity_sid]
            counts["available" if activity.available else "unavailable"] += 1
            counts[activity.sid] = counts.get(activity.sid, 0) + 1
    return {"workers": counts}
