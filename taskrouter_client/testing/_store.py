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
from ._paging import SortKey
from ._records import (
    FINAL,
    TASK_STATUSES,
    EmulatorError,
    ReservationRecord,
    TaskRecord,
    Worker,
    Workspace,
    bad_request,
    etag,
    new_sid,
    not_found,
)
from ._timeline import Timeline

RESERVATION_TIMEOUT = timedelta(seconds=120)
DELETED_AFTER = timedelta(minutes=5)
MAX_PRIORITY = 2_147_483_647

_TASK_MOVES = {  # status set by a request: the statuses it may come from
    "canceled": {"pending", "reserved"},
    "wrapping": {"assigned"},
    "completed": {"assigned", "wrapping"},
}
_RESERVATION_MOVES = {  # status set by a request: (statuses it may come from, Task status)
    "accepted": ({"pending"}, "assigned"),
    "rejected": ({"pending"}, "pending"),
    "wrapping": ({"accepted"}, "wrapping"),
    "completed": ({"accepted", "wrapping"}, "completed"),
}
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
        _check_version(if_match, task.version)
        if task.assignment_status in FINAL:
            raise bad_request(f"Task {sid} is {task.assignment_status} and cannot be updated")
        now = self.now()
        status, reason = one(form, "AssignmentStatus"), one(form, "Reason")
        if status is not None:
            _check_task_move(task, status, reason)
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
        _check_version(if_match, task.version)
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
        _check_version(if_match, reservation.version)
        status, instruction = one(form, "ReservationStatus"), one(form, "Instruction")
        if status is not None and instruction is not None:
            raise bad_request("Give either ReservationStatus or Instruction, not both")
        if instruction is not None:
            status = _check_instruction(reservation, instruction, form)
        if status is not None:
            _check_reservation_move(reservation, status)
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
        task.assignment_status = _RESERVATION_MOVES[status][1]
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
        waiting = task.assignment_status in _TASK_MOVES["canceled"]
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


def task_order(ordering: str | None) -> Callable[[TaskRecord], SortKey]:
    """ListTask's ``Ordering`` (default ``DateCreated:asc``) as a sort key; else a 400."""
    pairs = [p.split(":", 1) for p in (ordering or "DateCreated:asc").split(",")]
    if any(len(p) != 2 or p[0] not in _ORDER_KEYS or p[1] not in {"asc", "desc"} for p in pairs):
        raise bad_request(
            "Ordering must be Attribute:asc|desc pairs, Attribute one of DateCreated, "
            "Priority, VirtualStartTime"
        )
    if {"DateCreated", "VirtualStartTime"} <= {p[0] for p in pairs}:
        raise bad_request("Ordering cannot combine DateCreated and VirtualStartTime")
    signs = [(_ORDER_KEYS[name], -1 if order == "desc" else 1) for name, order in pairs]
    return lambda task: (*(sign * value(task) for value, sign in signs), task.sequence)


def reservation_order(reservation: ReservationRecord) -> SortKey:
    """Reservations list oldest first."""
    return (reservation.sequence,)


_ORDER_KEYS: dict[str, Callable[[TaskRecord], float]] = {
    "DateCreated": lambda task: task.date_created.timestamp(),
    "Priority": lambda task: task.priority,
    "VirtualStartTime": lambda task: task.virtual_start_time.timestamp(),
}


def _check_version(if_match: str | None, version: int) -> None:
    if if_match is not None and if_match != etag(version):
        raise EmulatorError(
            412,
            20412,
            f"Precondition Failed: If-Match {if_match} does not match the current version "
            f"{etag(version)}",
        )


def _check_task_move(task: TaskRecord, status: str, reason: str | None) -> None:
    if status not in TASK_STATUSES:
        raise bad_request(f"AssignmentStatus {status!r} is not a Task status")
    if task.assignment_status not in _TASK_MOVES.get(status, set()):
        raise bad_request(f"Cannot move Task {task.sid} from {task.assignment_status} to {status}")
    if status in FINAL and not reason:
        raise bad_request(f"Reason is required to move a Task to {status}")


def _check_reservation_move(reservation: ReservationRecord, status: str) -> None:
    if status not in _RESERVATION_MOVES:
        raise bad_request(f"ReservationStatus {status!r} cannot be set by a request")
    if reservation.reservation_status not in _RESERVATION_MOVES[status][0]:
        raise bad_request(
            f"Cannot move Reservation {reservation.sid} from "
            f"{reservation.reservation_status} to {status}"
        )


def _check_instruction(reservation: ReservationRecord, instruction: str, form: Form) -> str | None:
    """Check an instruction; return the status it moves the Reservation to (if any)."""
    rules = {  # instruction: (required, error code when not pending, accepts it)
        "dequeue": (("DequeueFrom",), 20001, True),
        "call": (("CallFrom", "CallUrl"), 40114, flag(one(form, "CallAccept")) is True),
        "redirect": (
            ("RedirectCallSid", "RedirectUrl"),
            40123,
            flag(one(form, "RedirectAccept")) is True,
        ),
        "conference": ((), 40136, True),
    }
    if instruction == "supervise":
        if "Supervisor" not in form:
            raise bad_request("Supervisor is required for the supervise instruction")
        if reservation.reservation_status != "accepted":
            raise bad_request("The supervise instruction needs an accepted Reservation", 40146)
        return None
    if instruction not in rules:
        raise bad_request(f"Unknown instruction {instruction!r}")
    required, code, accepts = rules[instruction]
    for name in required:
        if not one(form, name):
            raise bad_request(f"{name} is required for the {instruction} instruction")
    if reservation.reservation_status != "pending":
        raise bad_request(
            f"Reservation {reservation.sid} is {reservation.reservation_status}, "
            f"not pending: cannot {instruction}",
            code,
        )
    return "accepted" if accepts else None


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
