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

Every change bumps the version that the ETag carries. Time comes from the clock given, so
tests move it forward instead of waiting.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs

from .._expressions import ExpressionError, compile_expression

Form = Mapping[str, Sequence[str]]

RESERVATION_TIMEOUT = timedelta(seconds=120)
DELETED_AFTER = timedelta(minutes=5)
FINAL = frozenset({"canceled", "completed"})
TASK_STATUSES = ("pending", "reserved", "assigned", "canceled", "completed", "wrapping")
RESERVATION_STATUSES = (
    "pending",
    "accepted",
    "rejected",
    "timeout",
    "canceled",
    "rescinded",
    "wrapping",
    "completed",
)


class EmulatorError(Exception):
    """A request TaskRouter would refuse: HTTP status, Twilio error code, message."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def bad_request(message: str, code: int = 20001) -> EmulatorError:
    """A 400 with Twilio error ``code``."""
    return EmulatorError(400, code, message)


def new_sid(prefix: str) -> str:
    """A fresh SID: two letters and 32 hex digits."""
    return prefix + uuid.uuid4().hex


@attrs.define(kw_only=True)
class Worker:
    """A Worker Reservations can be made for."""

    sid: str
    friendly_name: str
    attributes: dict[str, Any] = attrs.field(factory=dict)


@attrs.define(kw_only=True)
class TaskRecord:
    """A Task as the emulator keeps it."""

    sid: str
    sequence: int
    attributes: str
    assignment_status: str = "pending"
    priority: int = 0
    timeout: int = 86_400
    reason: str | None = None
    workflow_sid: str
    workflow_friendly_name: str
    task_queue_sid: str
    task_queue_friendly_name: str
    task_channel_sid: str
    task_channel_unique_name: str
    date_created: datetime
    date_updated: datetime
    task_queue_entered_date: datetime
    virtual_start_time: datetime
    routing_target: str | None = None
    ignore_capacity: bool | None = None
    addons: str = "{}"
    version: int = 0
    ended: datetime | None = None

    def touch(self, now: datetime) -> None:
        """Record a change: new version, new date_updated."""
        self.version += 1
        self.date_updated = now


@attrs.define(kw_only=True)
class ReservationRecord:
    """A Reservation as the emulator keeps it."""

    sid: str
    task_sid: str
    worker_sid: str
    worker_name: str
    reservation_status: str = "pending"
    date_created: datetime
    date_updated: datetime
    version: int = 0

    def move(self, status: str, now: datetime) -> None:
        """Change the status, bumping the version."""
        self.reservation_status = status
        self.version += 1
        self.date_updated = now


@attrs.define(kw_only=True)
class Workspace:
    """One Workspace with its workflows, queues, channels, workers, tasks, reservations."""

    sid: str
    workflows: dict[str, tuple[str, str]] = attrs.field(factory=dict)  # sid -> (name, queue)
    queues: dict[str, str] = attrs.field(factory=dict)  # sid -> friendly name
    channels: dict[str, str] = attrs.field(factory=dict)  # sid -> unique name
    workers: dict[str, Worker] = attrs.field(factory=dict)
    tasks: dict[str, TaskRecord] = attrs.field(factory=dict)
    reservations: dict[str, ReservationRecord] = attrs.field(factory=dict)


class Store:
    """Every Workspace and the rules of each operation. Callers hold the lock."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._sequence = 0
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

    def workspace(self, sid: str) -> Workspace:
        """The Workspace ``sid``, with time-driven changes applied; 404 if unknown."""
        workspace = self.workspaces.get(sid)
        if workspace is None:
            raise not_found(f"/v1/Workspaces/{sid}")
        self._apply_time(workspace)
        return workspace

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
        timeout = integer(form, "Timeout", 1, 1_209_600)
        self._sequence += 1
        virtual_start = _timestamp(form, "VirtualStartTime", now)
        task = TaskRecord(
            sid=new_sid("WT"),
            sequence=self._sequence,
            attributes=_attributes(form) or "{}",
            priority=integer(form, "Priority", 0, 2_147_483_647) or 0,
            timeout=timeout or 86_400,
            workflow_sid=workflow_sid,
            workflow_friendly_name=workflow_name,
            task_queue_sid=queue_sid,
            task_queue_friendly_name=ws.queues[queue_sid],
            task_channel_sid=channel_sid,
            task_channel_unique_name=channel_name,
            date_created=now,
            date_updated=now,
            task_queue_entered_date=now,
            virtual_start_time=virtual_start or now,
            routing_target=one(form, "RoutingTarget"),
            ignore_capacity=_flag(one(form, "IgnoreCapacity")),
            version=1,
        )
        ws.tasks[task.sid] = task
        return task

    def task(self, ws: Workspace, sid: str) -> TaskRecord:
        """The Task ``sid``; 404 if unknown."""
        task = ws.tasks.get(sid)
        if task is None:
            raise not_found(f"/v1/Workspaces/{ws.sid}/Tasks/{sid}")
        return task

    def update_task(self, ws: Workspace, sid: str, form: Form, if_match: str | None) -> TaskRecord:
        """UpdateTask."""
        task = self.task(ws, sid)
        _check_version(if_match, task.version)
        if task.assignment_status in FINAL:
            raise bad_request(f"Task {sid} is {task.assignment_status} and cannot be updated")
        now = self.now()
        status, reason = one(form, "AssignmentStatus"), one(form, "Reason")
        if status is not None:
            self._move_task(ws, task, status, reason, now)
        attributes = _attributes(form)
        if attributes is not None:
            task.attributes = attributes
        priority = integer(form, "Priority", 0, 2_147_483_647)
        if priority is not None:
            task.priority = priority
        channel = one(form, "TaskChannel")
        if channel is not None:
            task.task_channel_sid, task.task_channel_unique_name = _channel(ws, channel)
        task.virtual_start_time = (
            _timestamp(form, "VirtualStartTime", now) or task.virtual_start_time
        )
        task.touch(now)
        return task

    def delete_task(self, ws: Workspace, sid: str, if_match: str | None) -> None:
        """DeleteTask: the Task and its Reservations go."""
        task = self.task(ws, sid)
        _check_version(if_match, task.version)
        del ws.tasks[sid]
        for reservation in [r for r in ws.reservations.values() if r.task_sid == sid]:
            del ws.reservations[reservation.sid]

    def list_tasks(self, ws: Workspace, query: Form) -> list[TaskRecord]:
        """ListTask's filters and ordering."""
        statuses = [s for value in query.get("AssignmentStatus", []) for s in value.split(",")]
        unknown = set(statuses) - set(TASK_STATUSES)
        if unknown:
            raise bad_request(f"AssignmentStatus {sorted(unknown)[0]!r} is not a Task status")
        priority = integer(query, "Priority", 0, 2_147_483_647)
        expression = one(query, "EvaluateTaskAttributes")
        try:
            matches = compile_expression(expression) if expression is not None else None
        except ExpressionError as error:
            raise bad_request(f"Invalid EvaluateTaskAttributes expression: {error}") from None
        has_addons = _flag(one(query, "HasAddons"))
        wanted = {
            "workflow_sid": one(query, "WorkflowSid"),
            "workflow_friendly_name": one(query, "WorkflowName"),
            "task_queue_sid": one(query, "TaskQueueSid"),
            "task_queue_friendly_name": one(query, "TaskQueueName"),
            "routing_target": one(query, "RoutingTarget"),
        }
        tasks = [
            task
            for task in ws.tasks.values()
            if (not statuses or task.assignment_status in statuses)
            and (priority is None or task.priority == priority)
            and all(v is None or getattr(task, k) == v for k, v in wanted.items())
            and (has_addons is None or (task.addons != "{}") == has_addons)
            and (matches is None or matches(json.loads(task.attributes)))
        ]
        return _ordered(tasks, one(query, "Ordering"))

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
            task_sid=task.sid,
            worker_sid=worker.sid,
            worker_name=worker.friendly_name,
            date_created=now,
            date_updated=now,
            version=1,
        )
        ws.reservations[reservation.sid] = reservation
        task.assignment_status = "reserved"
        task.touch(now)
        return reservation

    def reservations(
        self, ws: Workspace, *, task_sid: str | None = None, worker_sid: str | None = None
    ) -> list[ReservationRecord]:
        """The Reservations of a Task or of a Worker, oldest first."""
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
        if status is not None:
            self._move_reservation(ws, reservation, status)
        elif instruction is not None:
            self._instruct(ws, reservation, instruction, form)
        return reservation

    # -- rules --------------------------------------------------------------------------

    def _move_task(
        self, ws: Workspace, task: TaskRecord, status: str, reason: str | None, now: datetime
    ) -> None:
        allowed = {
            "canceled": {"pending", "reserved"},
            "wrapping": {"assigned"},
            "completed": {"assigned", "wrapping"},
        }
        if status not in TASK_STATUSES:
            raise bad_request(f"AssignmentStatus {status!r} is not a Task status")
        if task.assignment_status not in allowed.get(status, set()):
            raise bad_request(
                f"Cannot move Task {task.sid} from {task.assignment_status} to {status}"
            )
        if status in FINAL and not reason:
            raise bad_request(f"Reason is required to move a Task to {status}")
        follows = {"canceled": "canceled", "wrapping": "wrapping", "completed": "completed"}
        for reservation in self._live_reservations(ws, task.sid):
            reservation.move(follows[status], now)
        task.assignment_status, task.reason = status, reason or task.reason
        task.ended = now if status in FINAL else None

    def _move_reservation(self, ws: Workspace, reservation: ReservationRecord, status: str) -> None:
        allowed = {
            "accepted": ({"pending"}, "assigned"),
            "rejected": ({"pending"}, "pending"),
            "wrapping": ({"accepted"}, "wrapping"),
            "completed": ({"accepted", "wrapping"}, "completed"),
        }
        if status not in allowed:
            raise bad_request(f"ReservationStatus {status!r} cannot be set by a request")
        sources, task_status = allowed[status]
        if reservation.reservation_status not in sources:
            raise bad_request(
                f"Cannot move Reservation {reservation.sid} from "
                f"{reservation.reservation_status} to {status}"
            )
        now = self.now()
        reservation.move(status, now)
        task = ws.tasks[reservation.task_sid]
        task.assignment_status = task_status
        if task_status == "completed":
            task.reason, task.ended = task.reason or "Reservation completed", now
        task.touch(now)

    def _instruct(
        self, ws: Workspace, reservation: ReservationRecord, instruction: str, form: Form
    ) -> None:
        rules = {  # instruction: (required, error code when not pending, accepts it)
            "dequeue": (("DequeueFrom",), 20001, True),
            "call": (("CallFrom", "CallUrl"), 40114, _flag(one(form, "CallAccept")) is True),
            "redirect": (
                ("RedirectCallSid", "RedirectUrl"),
                40123,
                _flag(one(form, "RedirectAccept")) is True,
            ),
            "conference": ((), 40136, True),
        }
        if instruction == "supervise":
            if "Supervisor" not in form:
                raise bad_request("Supervisor is required for the supervise instruction")
            if reservation.reservation_status != "accepted":
                raise bad_request("The supervise instruction needs an accepted Reservation", 40146)
            return
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
        if accepts:
            self._move_reservation(ws, reservation, "accepted")

    def _live_reservations(self, ws: Workspace, task_sid: str) -> list[ReservationRecord]:
        live = {"pending", "accepted", "wrapping"}
        return [
            r
            for r in ws.reservations.values()
            if r.task_sid == task_sid and r.reservation_status in live
        ]

    def _apply_time(self, ws: Workspace) -> None:
        """Reservation timeouts, Task TTLs, and deletion of Tasks five minutes after the end."""
        now = self.now()
        for reservation in ws.reservations.values():
            due = reservation.date_created + RESERVATION_TIMEOUT
            if reservation.reservation_status == "pending" and now >= due:
                reservation.move("timeout", due)
                task = ws.tasks[reservation.task_sid]
                task.assignment_status = "pending"
                task.touch(due)
        for task in ws.tasks.values():
            due = task.date_created + timedelta(seconds=task.timeout)
            if task.assignment_status in {"pending", "reserved"} and now >= due:
                for reservation in self._live_reservations(ws, task.sid):
                    reservation.move("canceled", due)
                task.assignment_status, task.reason, task.ended = (
                    "canceled",
                    "Task TTL Exceeded",
                    due,
                )
                task.touch(due)
        for sid in [s for s, t in ws.tasks.items() if t.ended and now >= t.ended + DELETED_AFTER]:
            del ws.tasks[sid]
            for reservation in [r for r in ws.reservations.values() if r.task_sid == sid]:
                del ws.reservations[reservation.sid]


def not_found(path: str) -> EmulatorError:
    """Twilio's 404 for ``path``."""
    return EmulatorError(404, 20404, f"The requested resource {path} was not found")


def _check_version(if_match: str | None, version: int) -> None:
    if if_match is not None and if_match != etag(version):
        raise EmulatorError(
            412,
            20412,
            f"Precondition Failed: If-Match {if_match} does not match the current version "
            f"{etag(version)}",
        )


def etag(version: int) -> str:
    """The ETag of a version."""
    return f'"{version}"'


def one(form: Form, name: str) -> str | None:
    """The (last) value of parameter ``name``, or None."""
    values = form.get(name)
    return values[-1] if values else None


def integer(form: Form, name: str, minimum: int, maximum: int) -> int | None:
    """Parameter ``name`` as an int within ``minimum..maximum``, or None; else a 400."""
    text = one(form, name)
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        raise bad_request(f"{name} must be an integer") from None
    if not minimum <= value <= maximum:
        raise bad_request(f"{name} must be between {minimum} and {maximum}")
    return value


def _flag(text: str | None) -> bool | None:
    return None if text is None else text.lower() in {"true", "1", "yes"}


def _attributes(form: Form) -> str | None:
    text = one(form, "Attributes")
    if text is None:
        return None
    try:
        parsed = json.loads(text)
    except ValueError:
        raise bad_request("Attributes must be a JSON object", 20001) from None
    if not isinstance(parsed, dict):
        raise bad_request("Attributes must be a JSON object", 20001)
    return text


def _timestamp(form: Form, name: str, now: datetime) -> datetime | None:
    text = one(form, name)
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise bad_request(f"{name} must be an ISO 8601 date-time") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    if value > now + timedelta(seconds=1) or value.year < 1900:
        raise bad_request(f"{name} must not be in the future or before 1900")
    return value.astimezone(timezone.utc)


def _only_workflow(ws: Workspace) -> str:
    if len(ws.workflows) != 1:
        raise bad_request("WorkflowSid is required: this Workspace has several Workflows")
    return next(iter(ws.workflows))


def _channel(ws: Workspace, wanted: str) -> tuple[str, str]:
    for sid, unique_name in ws.channels.items():
        if wanted in {sid, unique_name}:
            return sid, unique_name
    raise bad_request(f"TaskChannel {wanted!r} not found in this Workspace", 20404)


_ORDER_KEYS: dict[str, Callable[[TaskRecord], Any]] = {
    "DateCreated": lambda task: task.date_created,
    "Priority": lambda task: task.priority,
    "VirtualStartTime": lambda task: task.virtual_start_time,
}


def _ordered(tasks: list[TaskRecord], ordering: str | None) -> list[TaskRecord]:
    pairs = [p.split(":", 1) for p in (ordering or "DateCreated:asc").split(",")]
    if any(len(p) != 2 or p[0] not in _ORDER_KEYS or p[1] not in {"asc", "desc"} for p in pairs):
        raise bad_request(
            "Ordering must be Attribute:asc|desc pairs, Attribute one of DateCreated, "
            "Priority, VirtualStartTime"
        )
    if {"DateCreated", "VirtualStartTime"} <= {p[0] for p in pairs}:
        raise bad_request("Ordering cannot combine DateCreated and VirtualStartTime")
    result = sorted(tasks, key=lambda task: task.sequence)
    for key, order in reversed(pairs):
        result.sort(key=_ORDER_KEYS[key], reverse=order == "desc")
    return result
