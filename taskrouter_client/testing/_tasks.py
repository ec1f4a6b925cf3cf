"""Task and Reservation operations: each checks everything it was asked, then applies it.

The moves themselves (and their Events) are in ``_lifecycle``; routing in ``_engine``.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from .._endpoints.common import MAX_PRIORITY, MAX_TASK_TIMEOUT
from ._configuration import Filter, Routing, Target, expression
from ._forms import Form, attributes, flag, integer, one, timestamp
from ._lifecycle import (
    accept,
    cancel,
    complete,
    delete_task,
    expire,
    move_worker,
    refuse,
    reserve,
    wrap_up,
)
from ._records import (
    TASK_STATUSES,
    ReservationRecord,
    TaskRecord,
    Workspace,
    bad_request,
    new_sid,
    not_found,
)
from ._rules import check_instruction, check_reservation_move, check_task_move, check_version

if TYPE_CHECKING:
    from ._store import Store


def create_task(store: Store, ws: Workspace, form: Form) -> TaskRecord:
    """CreateTask: the Task enters its Workflow (or goes straight to ``TaskQueueSid``)."""
    now = store.now()
    workflow_sid = one(form, "WorkflowSid") or _only_workflow(ws)
    workflow = ws.workflows.get(workflow_sid)
    if workflow is None:
        raise bad_request(f"Workflow {workflow_sid} not found in this Workspace", 20404)
    queue_sid = one(form, "TaskQueueSid")
    if queue_sid is not None and queue_sid not in ws.queues:
        raise bad_request(f"TaskQueue {queue_sid} not found in this Workspace", 20404)
    channel_sid, channel_name = channel_of(ws, one(form, "TaskChannel") or "default")
    timeout = integer(form, "Timeout", 1, MAX_TASK_TIMEOUT) or 86_400
    priority = integer(form, "Priority", 0, MAX_PRIORITY) or 0
    task_attributes = attributes(form) or "{}"
    virtual_start = timestamp(form, "VirtualStartTime", now) or now
    routing = workflow.routing if queue_sid is None else _straight_to(queue_sid)
    index = store.router.first_filter(routing, json.loads(task_attributes), now)
    task = TaskRecord(
        sid=new_sid("WT"),
        sequence=store.next_sequence(),
        attributes=task_attributes,
        priority=priority,
        timeout=timeout,
        workflow_sid=workflow.sid,
        workflow_friendly_name=workflow.friendly_name,
        task_channel_sid=channel_sid,
        task_channel_unique_name=channel_name,
        date_created=now,
        date_updated=now,
        virtual_start_time=virtual_start,
        routing_target=one(form, "RoutingTarget"),
        ignore_capacity=flag(one(form, "IgnoreCapacity")),
        entered=now,
    )
    ws.tasks[task.sid] = task
    store.emit(ws, "task.created", f"Task {task.sid} created", now, task=task)
    store.timeline.at(now + timedelta(seconds=timeout), lambda due: expire(store, ws, task, due))
    store.router.enter(ws, task, routing, index, now)
    store.router.dispatch(ws, now)
    return task


def task_of(ws: Workspace, sid: str) -> TaskRecord:
    """The Task ``sid``; 404 if unknown."""
    task = ws.tasks.get(sid)
    if task is None:
        raise not_found(f"/v1/Workspaces/{ws.sid}/Tasks/{sid}")
    return task


def update_task(
    store: Store, ws: Workspace, sid: str, form: Form, if_match: str | None
) -> TaskRecord:
    """UpdateTask: every parameter is checked before any is applied."""
    task = task_of(ws, sid)
    check_version(if_match, task.version)
    if task.ended is not None:
        raise bad_request(f"Task {sid} is {task.assignment_status} and cannot be updated")
    now = store.now()
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
        changes["task_channel_sid"], changes["task_channel_unique_name"] = channel_of(ws, channel)
    # Nothing left to refuse: apply.
    changed = {name: value for name, value in changes.items() if value is not None}
    for name, value in changed.items():
        setattr(task, name, value)
    if status is None:  # a move bumps the version itself: one bump per request
        task.touch(now)
    if changed:
        store.emit(ws, "task.updated", f"Task {task.sid} updated", now, task=task)
    if status == "canceled":
        cancel(store, ws, task, reason or "", now)
    elif status == "wrapping":
        wrap_up(store, ws, task, now)
    elif status == "completed":
        complete(store, ws, task, reason or "", now)
    store.router.dispatch(ws, now)
    return task


def remove_task(store: Store, ws: Workspace, sid: str, if_match: str | None) -> None:
    """DeleteTask: the Task and its Reservations go."""
    task = task_of(ws, sid)
    check_version(if_match, task.version)
    now = store.now()
    delete_task(store, ws, task, now)
    store.router.dispatch(ws, now)


def list_tasks(ws: Workspace, query: Form) -> list[TaskRecord]:
    """ListTask's filters (the order is :func:`~._rules.task_order`'s)."""
    statuses = [s for value in query.get("AssignmentStatus", []) for s in value.split(",")]
    unknown = set(statuses) - set(TASK_STATUSES)
    if unknown:
        raise bad_request(f"AssignmentStatus {sorted(unknown)[0]!r} is not a Task status")
    priority = integer(query, "Priority", 0, MAX_PRIORITY)
    text = one(query, "EvaluateTaskAttributes")
    matches = None if text is None else expression(text, "EvaluateTaskAttributes")
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
        and (matches is None or matches(task.document))
    ]


# -- Reservations -------------------------------------------------------------------------


def force_reserve(store: Store, ws: Workspace, task_sid: str, worker_sid: str) -> ReservationRecord:
    """Reserve a pending Task for a Worker, whatever routing would do (``fake.reserve``)."""
    task = task_of(ws, task_sid)
    worker = ws.workers.get(worker_sid)
    if worker is None:
        raise bad_request(f"Worker {worker_sid} not found in this Workspace", 20404)
    if task.assignment_status != "pending":
        raise bad_request(f"Task {task_sid} is {task.assignment_status}, not pending")
    return reserve(store, ws, task, worker, store.now())


def reservations_of(
    ws: Workspace, *, task_sid: str | None = None, worker_sid: str | None = None
) -> list[ReservationRecord]:
    """The Reservations of a Task or of a Worker (404 for an unknown one)."""
    if task_sid is not None:
        task_of(ws, task_sid)
    elif worker_sid not in ws.workers:
        raise not_found(f"/v1/Workspaces/{ws.sid}/Workers/{worker_sid}")
    return [
        r
        for r in ws.reservations.values()
        if (task_sid is None or r.task_sid == task_sid)
        and (worker_sid is None or r.worker_sid == worker_sid)
    ]


def reservation_of(
    ws: Workspace, sid: str, *, task_sid: str | None = None, worker_sid: str | None = None
) -> ReservationRecord:
    """One Reservation, reached through its Task or its Worker; 404 otherwise."""
    reservation = ws.reservations.get(sid)
    owners = {reservation.task_sid, reservation.worker_sid} if reservation else set()
    if reservation is None or (task_sid or worker_sid) not in owners:
        owner = f"Tasks/{task_sid}" if task_sid else f"Workers/{worker_sid}"
        raise not_found(f"/v1/Workspaces/{ws.sid}/{owner}/Reservations/{sid}")
    return reservation


def update_reservation(
    store: Store, ws: Workspace, reservation: ReservationRecord, form: Form, if_match: str | None
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
    next_activity = _activity(ws, form, "WorkerActivitySid") if status == "rejected" else None
    post_work = _activity(ws, form, "DequeuePostWorkActivitySid", "PostWorkActivitySid")
    # Nothing left to refuse: apply.
    now = store.now()
    task, worker = ws.tasks[reservation.task_sid], ws.workers.get(reservation.worker_sid)
    if post_work is not None and status == "accepted":
        task.post_work_activity_sid = post_work
    if status == "accepted":
        accept(store, ws, reservation, now)
    elif status == "rejected":
        refuse(store, ws, reservation, "rejected", now)
        if next_activity is not None and worker is not None:
            move_worker(store, ws, worker, next_activity, now)
    elif status == "wrapping":
        wrap_up(store, ws, task, now)
    elif status == "completed":
        complete(store, ws, task, task.reason or "Reservation completed", now)
    store.router.dispatch(ws, now)
    return reservation


def channel_of(ws: Workspace, wanted: str) -> tuple[str, str]:
    """A TaskChannel named by SID or unique name: (SID, unique name); else a 400."""
    for channel in ws.channels.values():
        if wanted in {channel.sid, channel.unique_name}:
            return channel.sid, channel.unique_name
    raise bad_request(f"TaskChannel {wanted!r} not found in this Workspace", 20404)


def _activity(ws: Workspace, form: Form, *names: str) -> str | None:
    for name in names:
        sid = one(form, name)
        if sid is not None:
            if sid not in ws.activities:
                raise bad_request(f"{name} {sid} is not an Activity of this Workspace")
            return sid
    return None


def _only_workflow(ws: Workspace) -> str:
    if len(ws.workflows) != 1:
        raise bad_request("WorkflowSid is required: this Workspace has several Workflows")
    return next(iter(ws.workflows))


def _straight_to(queue_sid: str) -> Routing:
    """A Task created with ``TaskQueueSid`` waits in that queue, with no step timeout."""
    return Routing(
        filters=(),
        default=Filter(name=None, matches=lambda _: True, targets=(Target(queue_sid=queue_sid),)),
    )
