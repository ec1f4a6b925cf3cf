"""The emulator's state and its rules, as TaskRouter applies them (no HTTP here).

Task lifecycle (Twilio's "Task state" documentation):

- created ``pending``; ``reserved`` when a Reservation is made for a Worker (``reserve()``,
  the part Twilio's routing engine plays); back to ``pending`` if the Reservation is
  rejected or times out (120 s); ``assigned`` when it is accepted (or an instruction that
  accepts it runs);
- ``canceled`` from ``pending`` or ``reserved`` (by update, or at its TTL, ``Timeout``
  seconds after creation, with reason "Task TTL Exceeded");
- ``wrapping`` from ``assigned``; ``completed`` from ``assigned`` or ``wrapping``;
- ``canceled`` and ``completed`` are final, and the Task is deleted five minutes later.

Every write is all or nothing: each operation checks everything it was asked first, and
changes the records only once nothing is left to refuse. Every change bumps the version
the ETag carries. Time-driven changes go through the :class:`Timeline`, in due order; time
comes from the clock given, so tests move it forward instead of waiting.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from .._expressions import ExpressionError, compile_expression
from ._forms import Form, attributes, flag, integer, one, timestamp
from ._records import (
    FINAL,
    TASK_STATUSES,
    ReservationRecord,
    TaskRecord,
    Worker,
    Workspace,
    bad_request,
    new_sid,
    not_found,
)
from ._rules import (
    RESERVATION_MOVES,
    TASK_MOVES,
    check_instruction,
    check_reservation_move,
    check_task_move,
    check_version,
)
from ._timeline import Timeline

RESERVATION_TIMEOUT = timedelta(seconds=120)
DELETED_AFTER = timedelta(minutes=5)
MAX_PRIORITY = 2_147_483_647

_LIVE_RESERVATIONS = frozenset({"pending", "accepted", "wrapping"})


class Store:
    """Every Workspace and the rules of each operation. Callers hold the lock."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._sequence = 0
        self.timeline = Timeline()
        self.workspaces: dict[str, Workspace] = {}

    def add_workspace(self) -> Workspace:
        """A new Workspace: Twilio's five TaskChannels, a TaskQueue, a Workflow, a Worker."""
        ws = Workspace(sid=new_sid("WS"))
        for unique_name in ("default", "voice", "chat", "sms", "video"):
            ws.channels[new_sid("TC")] = unique_name
        queue = new_sid("WQ")
        ws.queues[queue] = "Default Queue"
        ws.workflows[new_sid("WW")] = ("Default Workflow", queue)
        worker = Worker(
            sid=new_sid("WK"), friendly_name="Alice", attributes={"contact_uri": "client:alice"}
        )
        ws.workers[worker.sid] = worker
        self.workspaces[ws.sid] = ws
        return ws

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

    def _next_sequence(self) -> int:
        self._sequence += 1
        return self._sequence

    # -- Tasks --------------------------------------------------------------------------

    def create_task(self, ws: Workspace, form: Form) -> TaskRecord:
        """CreateTask."""
        now = self.now()
        workflow_sid = one(form, "WorkflowSid") or _only_workflow(ws)
        if workflow_sid not in ws.workflows:
            raise bad_request(f"Workflow {workflow_sid} not found in this Workspace", 20404)
        workflow_name, queue_sid = ws.workflows[workflow_sid]
        queue_sid = one(form, "TaskQueueSid") or queue_sid
        if queue_sid not in ws.queues:
            raise bad_request(f"TaskQueue {queue_sid} not found in this Workspace", 20404)
        channel_sid, channel_name = _channel(ws, one(form, "TaskChannel") or "default")
        timeout = integer(form, "Timeout", 1, 1_209_600) or 86_400
        priority = integer(form, "Priority", 0, MAX_PRIORITY) or 0
        task_attributes = attributes(form) or "{}"
        virtual_start = timestamp(form, "VirtualStartTime", now) or now
        task = TaskRecord(
            sid=new_sid("WT"),
            sequence=self._next_sequence(),
            attributes=task_attributes,
            priority=priority,
            timeout=timeout,
            workflow_sid=workflow_sid,
            workflow_friendly_name=workflow_name,
            task_queue_sid=queue_sid,
            task_queue_friendly_name=ws.queues[queue_sid],
            task_channel_sid=channel_sid,
            task_channel_unique_name=channel_name,
            date_created=now,
            date_updated=now,
            task_queue_entered_date=now,
            virtual_start_time=virtual_start,
            routing_target=one(form, "RoutingTarget"),
            ignore_capacity=flag(one(form, "IgnoreCapacity")),
        )
        ws.tasks[task.sid] = task
        self.timeline.at(now + timedelta(seconds=timeout), lambda due: self._expire(ws, task, due))
        return task

    def task(self, ws: Workspace, sid: str) -> TaskRecord:
        """The Task ``sid``; 404 if unknown."""
        task = ws.tasks.get(sid)
        if task is None:
            raise not_found(f"/v1/Workspaces/{ws.sid}/Tasks/{sid}")
        return task

    def update_task(self, ws: Workspace, sid: str, form: Form, if_match: str | None) -> TaskRecord:
        """UpdateTask: every parameter is checked before any is applied."""
        task = self.task(ws, sid)
        check_version(if_match, task.version)
        if task.assignment_status in FINAL:
            raise bad_request(f"Task {sid} is {task.assignment_status} and cannot be updated")
        now = self.now()
        status, reason = one(form, "AssignmentStatus"), one(form, "Reason")
        if status is not None:
            check_task_move(task, status, reason)
        changes: dict[str, Any] = {
            "attributes": attributes(form),
            "priority": integer(form, "Priority", 0, MAX_PRIORITY),
            "virtual_start_time": timestamp(form, "VirtualStartTime", now),
        }
        channel = one(form, "TaskChannel")
        if channel is not None:
            changes["task_channel_sid"], changes["task_channel_unique_name"] = _channel(ws, channel)
        # Nothing left to refuse: apply.
        if status is not None:
            self._move_task(ws, task, status, reason, now)
        for name, value in changes.items():
            if value is not None:
                setattr(task, name, value)
        task.touch(now)
        return task

    def delete_task(self, ws: Workspace, sid: str, if_match: str | None) -> None:
        """DeleteTask: the Task and its Reservations go."""
        task = self.task(ws, sid)
        check_version(if_match, task.version)
        _forget(ws, sid)

    def list_tasks(self, ws: Workspace, query: Form) -> list[TaskRecord]:
        """ListTask's filters (the order is :func:`task_order`'s)."""
        statuses = [s for value in query.get("AssignmentStatus", []) for s in value.split(",")]
        unknown = set(statuses) - set(TASK_STATUSES)
        if unknown:
            raise bad_request(f"AssignmentStatus {sorted(unknown)[0]!r} is not a Task status")
        priority = integer(query, "Priority", 0, MAX_PRIORITY)
        expression = one(query, "EvaluateTaskAttributes")
        try:
            matches = (
                compile_expression(expression, argument="EvaluateTaskAttributes")
                if expression is not None
                else None
            )
        except ExpressionError as error:
            raise bad_request(f"Invalid expression: {error}") from None
        has_addons = flag(one(query, "HasAddons"))
        wanted = {
            "workflow_sid": one(query, "WorkflowSid"),
            "workflow_friendly_name": one(query, "WorkflowName"),
            "task_queue_sid": one(query, "TaskQueueSid"),
            "task_queue_friendly_name": one(query, "TaskQueueName"),
            "routing_target": one(query, "RoutingTarget"),
        }
        return [
            task
            for task in ws.tasks.values()
            if (not statuses or task.assignment_status in statuses)
            and (priority is None or task.priority == priority)
            and all(v is None or getattr(task, k) == v for k, v in wanted.items())
            and (has_addons is None or (task.addons != "{}") == has_addons)
            and (matches is None or matches(json.loads(task.attributes)))
        ]

    # -- Reservations -------------------------------------------------------------------

    def reserve(self, ws: Workspace, task_sid: str, worker_sid: str) -> ReservationRecord:
        """Reserve a pending Task for a Worker, as the routing engine would."""
        task = self.task(ws, task_sid)
        worker = ws.workers.get(worker_sid)
        if worker is None:
            raise bad_request(f"Worker {worker_sid} not found in this Workspace", 20404)
        if task.assignment_status != "pending":
            raise bad_request(f"Task {task_sid} is {task.assignment_status}, not pending")
        now = self.now()
        reservation = ReservationRecord(
            sid=new_sid("WR"),
            sequence=self._next_sequence(),
            task_sid=task.sid,
            worker_sid=worker.sid,
            worker_name=worker.friendly_name,
            date_created=now,
            date_updated=now,
        )
        ws.reservations[reservation.sid] = reservation
        task.assignment_status = "reserved"
        task.touch(now)
        self.timeline.at(
            now + RESERVATION_TIMEOUT, lambda due: self._time_out(ws, reservation, due)
        )
        return reservation

    def reservations(
        self, ws: Workspace, *, task_sid: str | None = None, worker_sid: str | None = None
    ) -> list[ReservationRecord]:
        """The Reservations of a Task or of a Worker."""
        if task_sid is not None:
            self.task(ws, task_sid)
        return [
            r
            for r in ws.reservations.values()
            if (task_sid is None or r.task_sid == task_sid)
            and (worker_sid is None or r.worker_sid == worker_sid)
        ]

    def reservation(
        self, ws: Workspace, sid: str, *, task_sid: str | None = None, worker_sid: str | None = None
    ) -> ReservationRecord:
        """One Reservation, reached through its Task or its Worker; 404 otherwise."""
        found = [
            r
            for r in self.reservations(ws, task_sid=task_sid, worker_sid=worker_sid)
            if r.sid == sid
        ]
        if not found:
            owner = f"Tasks/{task_sid}" if task_sid else f"Workers/{worker_sid}"
            raise not_found(f"/v1/Workspaces/{ws.sid}/{owner}/Reservations/{sid}")
        return found[0]

    def update_reservation(
        self, ws: Workspace, reservation: ReservationRecord, form: Form, if_match: str | None
    ) -> ReservationRecord:
        """UpdateTaskReservation / UpdateWorkerReservation: a status or an instruction."""
        check_version(if_match, reservation.version)
        status, instruction = one(form, "ReservationStatus"), one(form, "Instruction")
        if status is not None and instruction is not None:
            raise bad_request("Give either ReservationStatus or Instruction, not both")
        if instruction is not None:
            status = check_instruction(reservation, instruction, form)
        if status is not None:
            check_reservation_move(reservation, status)
            self._move_reservation(ws, reservation, status)
        return reservation

    # -- rules (each applies a change already checked) ----------------------------------

    def _move_task(
        self, ws: Workspace, task: TaskRecord, status: str, reason: str | None, now: datetime
    ) -> None:
        for reservation in _live_reservations(ws, task.sid):
            reservation.move(status, now)
        task.assignment_status, task.reason = status, reason or task.reason
        if status in FINAL:
            self._end(ws, task, now)

    def _move_reservation(self, ws: Workspace, reservation: ReservationRecord, status: str) -> None:
        now = self.now()
        reservation.move(status, now)
        task = ws.tasks[reservation.task_sid]
        task.assignment_status = RESERVATION_MOVES[status][1]
        if task.assignment_status == "completed":
            task.reason = task.reason or "Reservation completed"
            self._end(ws, task, now)
        task.touch(now)

    def _end(self, ws: Workspace, task: TaskRecord, now: datetime) -> None:
        """A Task reached a final status: it is deleted five minutes on."""
        task.ended = now
        self.timeline.at(now + DELETED_AFTER, lambda _: _forget(ws, task.sid, task))

    # -- time-driven changes (each checks that it still applies) ------------------------

    def _expire(self, ws: Workspace, task: TaskRecord, due: datetime) -> None:
        """The Task's TTL: still waiting, it is canceled with its live Reservations."""
        waiting = task.assignment_status in TASK_MOVES["canceled"]
        if ws.tasks.get(task.sid) is not task or not waiting:
            return
        self._move_task(ws, task, "canceled", "Task TTL Exceeded", due)
        task.touch(due)

    def _time_out(self, ws: Workspace, reservation: ReservationRecord, due: datetime) -> None:
        """An unanswered Reservation times out; its Task waits again."""
        pending = reservation.reservation_status == "pending"
        if ws.reservations.get(reservation.sid) is not reservation or not pending:
            return
        reservation.move("timeout", due)
        task = ws.tasks[reservation.task_sid]
        task.assignment_status = "pending"
        task.touch(due)


def _live_reservations(ws: Workspace, task_sid: str) -> list[ReservationRecord]:
    return [
        r
        for r in ws.reservations.values()
        if r.task_sid == task_sid and r.reservation_status in _LIVE_RESERVATIONS
    ]


def _forget(ws: Workspace, sid: str, only: TaskRecord | None = None) -> None:
    """Delete Task ``sid`` (if it is still ``only``, when given) and its Reservations."""
    if only is not None and ws.tasks.get(sid) is not only:
        return
    ws.tasks.pop(sid, None)
    for reservation in [r for r in ws.reservations.values() if r.task_sid == sid]:
        del ws.reservations[reservation.sid]


def _only_workflow(ws: Workspace) -> str:
    if len(ws.workflows) != 1:
        raise bad_request("WorkflowSid is required: this Workspace has several Workflows")
    return next(iter(ws.workflows))


def _channel(ws: Workspace, wanted: str) -> tuple[str, str]:
    for sid, unique_name in ws.channels.items():
        if wanted in {sid, unique_name}:
            return sid, unique_name
    raise bad_request(f"TaskChannel {wanted!r} not found in this Workspace", 20404)
