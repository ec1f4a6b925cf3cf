"""How Tasks, Reservations and Workers move, with the Events each move records.

Every function here applies a change already checked (by the operation that asked for it,
or by the rule that made it due): nothing here refuses. After a move that may let a Worker
take a Task (a Reservation ended, a Task finished, a Worker became available) routing runs
again (``store.router.dispatch``).

Lifecycle (Twilio's "Lifecycle of a Task: Task state"):

- ``pending`` -> ``reserved`` when a Reservation is made; back to ``pending`` when every
  pending Reservation ended without acceptance (rejected, timed out); ``assigned`` when one
  is accepted (the others are rescinded); ``wrapping``; ``completed``.
- ``canceled`` from ``pending`` or ``reserved`` (by a request, at the TTL, after the last
  Workflow step): pending Reservations are canceled with it.
- ``canceled`` and ``completed`` are final: the Task is deleted five minutes later.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ._records import (
    WAITING,
    Outgoing,
    ReservationRecord,
    TaskRecord,
    Worker,
    Workspace,
    new_sid,
)

if TYPE_CHECKING:
    from ._store import Store

DELETED_AFTER = timedelta(minutes=5)
DEFAULT_RESERVATION_TIMEOUT = 120


def reserve(
    store: Store, ws: Workspace, task: TaskRecord, worker: Worker, now: datetime
) -> ReservationRecord:
    """Offer ``task`` to ``worker``: a pending Reservation, its timer, its callback."""
    reservation = ReservationRecord(
        sid=new_sid("WR"),
        sequence=store.next_sequence(),
        task_sid=task.sid,
        worker_sid=worker.sid,
        worker_name=worker.friendly_name,
        workflow_sid=task.workflow_sid,
        task_queue_sid=task.task_queue_sid,
        task_channel_sid=task.task_channel_sid,
        date_created=now,
        date_updated=now,
    )
    ws.reservations[reservation.sid] = reservation
    task.assignment_status = "reserved"
    task.touch(now)
    store.emit(
        ws,
        "reservation.created",
        f"Task {task.sid} reserved for Worker {worker.friendly_name}",
        now,
        task=task,
        worker=worker,
        reservation=reservation,
    )
    queue = ws.queues.get(task.task_queue_sid or "")
    if not ws.multi_task_enabled and queue is not None and queue.reservation_activity_sid:
        move_worker(store, ws, worker, queue.reservation_activity_sid, now)
    workflow = ws.workflows.get(task.workflow_sid)
    seconds = workflow.task_reservation_timeout if workflow else DEFAULT_RESERVATION_TIMEOUT
    store.timeline.at(
        now + timedelta(seconds=seconds), lambda due: time_out(store, ws, reservation, due)
    )
    if workflow is not None and workflow.assignment_callback_url:
        fallback = workflow.fallback_assignment_callback_url
        store.outbox.append(
            Outgoing(
                kind="assignment",
                workspace_sid=ws.sid,
                subject=reservation.sid,
                urls=(workflow.assignment_callback_url, *([fallback] if fallback else [])),
                form=_assignment_form(
                    store, ws, task=task, worker=worker, reservation=reservation, now=now
                ),
            )
        )
    return reservation


def _assignment_form(
    store: Store,
    ws: Workspace,
    *,
    task: TaskRecord,
    worker: Worker,
    reservation: ReservationRecord,
    now: datetime,
) -> dict[str, str]:
    """The twelve parameters Twilio posts to an assignment callback (EC-26)."""
    return {
        "Timestamp": str(int(now.timestamp())),
        "AccountSid": store.account_sid,
        "WorkspaceSid": ws.sid,
        "WorkflowSid": task.workflow_sid,
        "TaskQueueSid": task.task_queue_sid or "",
        "WorkerSid": worker.sid,
        "WorkerAttributes": worker.attributes,
        "TaskSid": task.sid,
        "TaskAttributes": task.attributes,
        "TaskAge": str(max(int((now - task.date_created).total_seconds()), 0)),
        "TaskPriority": str(task.priority),
        "ReservationSid": reservation.sid,
    }


def accept(store: Store, ws: Workspace, reservation: ReservationRecord, now: datetime) -> None:
    """The Worker takes the Task: it is assigned, any other offer of it rescinded."""
    task, worker = ws.tasks[reservation.task_sid], ws.workers.get(reservation.worker_sid)
    reservation.move("accepted", now)
    task.assignment_status, task.assigned_at = "assigned", now
    task.touch(now)
    store.emit(
        ws,
        "reservation.accepted",
        f"Reservation {reservation.sid} accepted",
        now,
        task=task,
        worker=worker,
        reservation=reservation,
    )
    for other in pending_of(ws, task.sid):
        end_reservation(store, ws, other, "rescinded", now)
    queue = ws.queues.get(reservation.task_queue_sid or "")
    activity = queue.assignment_activity_sid if queue else None
    if not ws.multi_task_enabled and activity and worker is not None:
        move_worker(store, ws, worker, activity, now)


def refuse(
    store: Store, ws: Workspace, reservation: ReservationRecord, status: str, now: datetime
) -> None:
    """A Reservation rejected or timed out: the Task waits for another Worker (EC-18).

    The Task catches up with its Workflow steps; the caller runs routing once the rest of
    its change (a Worker's new Activity) is made.
    """
    task = ws.tasks[reservation.task_sid]
    task.refused_by.add(reservation.worker_sid)
    end_reservation(store, ws, reservation, status, now)
    if not pending_of(ws, task.sid):
        task.assignment_status = "pending"
        task.touch(now)
        store.router.resume(ws, task, now)


def end_reservation(
    store: Store, ws: Workspace, reservation: ReservationRecord, status: str, now: datetime
) -> None:
    """A Reservation ends (rejected, timeout, canceled, rescinded, completed).

    Its Worker's channel is free again from now on.
    """
    reservation.move(status, now)
    worker = ws.workers.get(reservation.worker_sid)
    event = {"timeout": "reservation.timeout", "completed": "reservation.completed"}
    store.emit(
        ws,
        event.get(status, f"reservation.{status}"),
        f"Reservation {reservation.sid} {status}",
        now,
        task=ws.tasks.get(reservation.task_sid),
        worker=worker,
        reservation=reservation,
    )
    channel = worker.channels.get(reservation.task_channel_sid) if worker else None
    if channel is not None:
        channel.last_ended = now


def cancel(store: Store, ws: Workspace, task: TaskRecord, reason: str, now: datetime) -> None:
    """Cancel a waiting Task; its pending Reservations are canceled first (EC-4)."""
    for reservation in pending_of(ws, task.sid):
        end_reservation(store, ws, reservation, "canceled", now)
    task.assignment_status, task.reason = "canceled", reason
    task.touch(now)
    store.emit(ws, "task.canceled", f"Task {task.sid} canceled: {reason}", now, task=task)
    finish(store, ws, task, now)


def wrap_up(store: Store, ws: Workspace, task: TaskRecord, now: datetime) -> None:
    """An assigned Task (and its Reservation) moves to wrapping."""
    task.assignment_status = "wrapping"
    task.touch(now)
    store.emit(ws, "task.wrapup", f"Task {task.sid} wrapping up", now, task=task)
    for reservation in accepted_of(ws, task.sid):
        reservation.move("wrapping", now)
        store.emit(
            ws,
            "reservation.wrapup",
            f"Reservation {reservation.sid} wrapping up",
            now,
            task=task,
            worker=ws.workers.get(reservation.worker_sid),
            reservation=reservation,
        )


def complete(store: Store, ws: Workspace, task: TaskRecord, reason: str, now: datetime) -> None:
    """The Task is done: capacity is freed, the Worker goes to its post-work Activity."""
    task.assignment_status, task.reason = "completed", reason
    task.touch(now)
    store.emit(ws, "task.completed", f"Task {task.sid} completed: {reason}", now, task=task)
    for reservation in accepted_of(ws, task.sid):
        end_reservation(store, ws, reservation, "completed", now)
        worker, after = ws.workers.get(reservation.worker_sid), task.post_work_activity_sid
        if worker is not None and after is not None and after in ws.activities:
            move_worker(store, ws, worker, after, now)  # unless it was deleted meanwhile
    finish(store, ws, task, now)


def finish(store: Store, ws: Workspace, task: TaskRecord, now: datetime) -> None:
    """A Task reached a final status: it is deleted five minutes on (EC-20)."""
    task.ended = now
    store.timeline.at(now + DELETED_AFTER, lambda due: _system_delete(store, ws, task, due))


def delete_task(store: Store, ws: Workspace, task: TaskRecord, now: datetime) -> None:
    """DeleteTask: the Task and its Reservations go; what they held is free."""
    store.emit(ws, "task.deleted", f"Task {task.sid} deleted", now, task=task)
    _forget(ws, task)


def move_worker(
    store: Store, ws: Workspace, worker: Worker, activity_sid: str, now: datetime
) -> None:
    """Put a Worker in an Activity (nothing happens if it is there already)."""
    if worker.activity_sid == activity_sid:
        return
    before = ws.activities.get(worker.activity_sid)
    after = ws.activities[activity_sid]
    spent = now - worker.date_status_changed
    worker.activity_sid, worker.date_status_changed = activity_sid, now
    if after.available:
        worker.available_since = now
    worker.touch(now)
    store.emit(
        ws,
        "worker.activity.update",
        f"Worker {worker.friendly_name} updated to {after.friendly_name} Activity",
        now,
        worker=worker,
        extra={
            "WorkerPreviousActivitySid": before.sid if before else "",
            "WorkerPreviousActivityName": before.friendly_name if before else "",
            "WorkerTimeInPreviousActivity": str(int(spent.total_seconds())),
            "WorkerTimeInPreviousActivityMs": str(int(spent.total_seconds()) * 1000),
        },
    )


def pending_of(ws: Workspace, task_sid: str) -> list[ReservationRecord]:
    """The Task's pending Reservations, oldest first."""
    return _of(ws, task_sid, {"pending"})


def accepted_of(ws: Workspace, task_sid: str) -> list[ReservationRecord]:
    """The Task's accepted (or wrapping) Reservation."""
    return _of(ws, task_sid, {"accepted", "wrapping"})


def _of(ws: Workspace, task_sid: str, statuses: set[str]) -> list[ReservationRecord]:
    return [
        r
        for r in ws.reservations.values()
        if r.task_sid == task_sid and r.reservation_status in statuses
    ]


# -- time-driven changes (each checks that it still applies) ----------------------------


def expire(store: Store, ws: Workspace, task: TaskRecord, due: datetime) -> None:
    """The Task's TTL: still waiting, it is canceled with its pending Reservations."""
    if ws.tasks.get(task.sid) is not task or task.assignment_status not in WAITING:
        return
    cancel(store, ws, task, "Task TTL Exceeded", due)
    store.router.dispatch(ws, due)


def time_out(store: Store, ws: Workspace, reservation: ReservationRecord, due: datetime) -> None:
    """An unanswered Reservation times out; its Worker goes to the timeout Activity."""
    pending = reservation.reservation_status == "pending"
    if ws.reservations.get(reservation.sid) is not reservation or not pending:
        return
    worker = ws.workers.get(reservation.worker_sid)
    refuse(store, ws, reservation, "timeout", due)
    if worker is not None and ws.timeout_activity_sid in ws.activities:
        move_worker(store, ws, worker, ws.timeout_activity_sid, due)
    store.router.dispatch(ws, due)  # only now: the Worker is out of reach first


def _system_delete(store: Store, ws: Workspace, task: TaskRecord, due: datetime) -> None:
    if ws.tasks.get(task.sid) is not task:
        return
    store.emit(ws, "task.system-deleted", f"Task {task.sid} deleted by the system", due, task=task)
    _forget(ws, task)


def _forget(ws: Workspace, task: TaskRecord) -> None:
    ws.tasks.pop(task.sid, None)
    for reservation in [r for r in ws.reservations.values() if r.task_sid == task.sid]:
        del ws.reservations[reservation.sid]
