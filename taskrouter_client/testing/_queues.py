"""TaskQueues and Workflows: create, update, delete.

Each operation checks everything it was asked before it changes anything (a Workflow's
configuration whole: EC-1). Deleting what is in use is refused with 400 and error 20001
(EC-17): a TaskQueue a Workflow routes to (or a Task not yet finished may enter), a
Workflow a Task not yet finished is routed by.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._configuration import routing, target_workers
from ._forms import Form, choice, flag, integer, one, required, url
from ._records import TaskQueue, TaskRecord, Workflow, Workspace, bad_request, new_sid

if TYPE_CHECKING:
    from ._store import Store

ORDERS = ("FIFO", "LIFO")


# -- TaskQueues ---------------------------------------------------------------------------


def create_queue(store: Store, ws: Workspace, form: Form) -> TaskQueue:
    """CreateTaskQueue (``TargetWorkers`` defaults to ``1==1``)."""
    name = required(form, "FriendlyName")
    text, eligible = target_workers(one(form, "TargetWorkers"))
    now = store.now()
    queue = TaskQueue(
        sid=new_sid("WQ"),
        sequence=store.next_sequence(),
        friendly_name=name,
        target_workers=text,
        eligible=eligible,
        max_reserved_workers=integer(form, "MaxReservedWorkers", 1, 50) or 1,
        task_order=choice(form, "TaskOrder", ORDERS) or "FIFO",
        reservation_activity_sid=activity_sid(ws, form, "ReservationActivitySid"),
        assignment_activity_sid=activity_sid(ws, form, "AssignmentActivitySid"),
        date_created=now,
        date_updated=now,
    )
    ws.queues[queue.sid] = queue
    store.emit(ws, "task-queue.created", f"TaskQueue {name} created", now, queue=queue)
    return queue


def update_queue(store: Store, ws: Workspace, queue: TaskQueue, form: Form) -> TaskQueue:
    """UpdateTaskQueue; a new ``TargetWorkers`` applies to the Tasks waiting in it."""
    text = one(form, "TargetWorkers")
    parsed = None if text is None else target_workers(text)
    changes: dict[str, Any] = {
        "friendly_name": one(form, "FriendlyName"),
        "max_reserved_workers": integer(form, "MaxReservedWorkers", 1, 50),
        "task_order": choice(form, "TaskOrder", ORDERS),
        "reservation_activity_sid": activity_sid(ws, form, "ReservationActivitySid"),
        "assignment_activity_sid": activity_sid(ws, form, "AssignmentActivitySid"),
    }
    now = store.now()
    for name, value in changes.items():
        if value is not None:
            setattr(queue, name, value)
    queue.date_updated = now
    if parsed is not None:
        queue.target_workers, queue.eligible = parsed
        store.emit(
            ws,
            "task-queue.expression.updated",
            f"TaskQueue {queue.friendly_name} now targets {parsed[0]}",
            now,
            queue=queue,
        )
    store.router.dispatch(ws, now)
    return queue


def delete_queue(store: Store, ws: Workspace, queue: TaskQueue) -> None:
    """DeleteTaskQueue, unless a Workflow routes to it or a Task may still enter it."""
    for workflow in ws.workflows.values():
        if queue.sid in workflow.routing.queue_sids():
            raise bad_request(
                f"TaskQueue {queue.sid} is referenced by Workflow {workflow.sid} and cannot be "
                "deleted."
            )
    for task in ws.tasks.values():
        routed = task.routing is not None and queue.sid in task.routing.queue_sids()
        if task.ended is None and (routed or task.task_queue_sid == queue.sid):
            raise bad_request(
                f"TaskQueue {queue.sid} is used by Task {task.sid} and cannot be deleted."
            )
    del ws.queues[queue.sid]
    store.emit(
        ws,
        "task-queue.deleted",
        f"TaskQueue {queue.friendly_name} deleted",
        store.now(),
        queue=queue,
    )


# -- Workflows ----------------------------------------------------------------------------


def create_workflow(store: Store, ws: Workspace, form: Form) -> Workflow:
    """CreateWorkflow: the configuration is checked whole (EC-1)."""
    name = required(form, "FriendlyName")
    text = required(form, "Configuration")
    parsed = routing(text, ws.queues)
    now = store.now()
    workflow = Workflow(
        sid=new_sid("WW"),
        sequence=store.next_sequence(),
        friendly_name=name,
        configuration=text,
        routing=parsed,
        assignment_callback_url=url(form, "AssignmentCallbackUrl"),
        fallback_assignment_callback_url=url(form, "FallbackAssignmentCallbackUrl"),
        task_reservation_timeout=integer(form, "TaskReservationTimeout", 1, 86_400) or 120,
        date_created=now,
        date_updated=now,
    )
    ws.workflows[workflow.sid] = workflow
    store.emit(ws, "workflow.created", f"Workflow {name} created", now, workflow=workflow)
    return workflow


def update_workflow(store: Store, ws: Workspace, workflow: Workflow, form: Form) -> Workflow:
    """UpdateWorkflow.

    Tasks keep the configuration they entered with, unless ``ReEvaluateTasks`` sends the
    pending ones through the new one (EC-11).
    """
    text = one(form, "Configuration")
    parsed = None if text is None else routing(text, ws.queues)
    changes: dict[str, Any] = {
        "friendly_name": one(form, "FriendlyName"),
        "task_reservation_timeout": integer(form, "TaskReservationTimeout", 1, 86_400),
    }
    urls = {
        "assignment_callback_url": url(form, "AssignmentCallbackUrl"),
        "fallback_assignment_callback_url": url(form, "FallbackAssignmentCallbackUrl"),
    }
    again = flag(one(form, "ReEvaluateTasks")) is True
    if again and parsed is not None:
        for task in _pending_in(ws, workflow):
            store.router.first_filter(parsed, task.document, store.now())
    now = store.now()
    for name, value in changes.items():
        if value is not None:
            setattr(workflow, name, value)
    for (name, value), wire in zip(
        urls.items(), ("AssignmentCallbackUrl", "FallbackAssignmentCallbackUrl"), strict=True
    ):
        if wire in form:
            setattr(workflow, name, value)
    if parsed is not None and text is not None:
        workflow.configuration, workflow.routing = text, parsed
    workflow.date_updated = now
    store.emit(
        ws, "workflow.updated", f"Workflow {workflow.friendly_name} updated", now, workflow=workflow
    )
    if again:
        for task in _pending_in(ws, workflow):
            task.touch(now)
            index = store.router.first_filter(workflow.routing, task.document, now)
            store.router.enter(ws, task, workflow.routing, index, now)
    store.router.dispatch(ws, now)
    return workflow


def delete_workflow(store: Store, ws: Workspace, workflow: Workflow) -> None:
    """DeleteWorkflow, unless a Task not yet finished is routed by it."""
    if any(t.workflow_sid == workflow.sid and t.ended is None for t in ws.tasks.values()):
        raise bad_request(f"Workflow {workflow.sid} has Tasks in progress and cannot be deleted.")
    del ws.workflows[workflow.sid]
    store.emit(
        ws,
        "workflow.deleted",
        f"Workflow {workflow.friendly_name} deleted",
        store.now(),
        workflow=workflow,
    )


def _pending_in(ws: Workspace, workflow: Workflow) -> list[TaskRecord]:
    return [
        t
        for t in ws.tasks.values()
        if t.workflow_sid == workflow.sid and t.assignment_status == "pending"
    ]


def activity_sid(ws: Workspace, form: Form, name: str) -> str | None:
    """An Activity SID parameter of this Workspace, or None; else a 400."""
    sid = one(form, name)
    if sid is not None and sid not in ws.activities:
        raise bad_request(f"{name} {sid} is not an Activity of this Workspace")
    return sid
