"""Workspaces, Activities, TaskChannels, TaskQueues and Workflows: create, update, delete.

Each operation checks everything it was asked before it changes anything. Deleting what is
in use is refused with 400 and error 20001 (Twilio documents no code for it: EC-17): an
Activity a Worker holds (or the Workspace's default or timeout Activity, or a TaskQueue's
reservation or assignment Activity), a TaskQueue a Workflow routes to (or a waiting Task is
in), a Workflow or a TaskChannel a Task not yet finished uses.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ._configuration import routing, target_workers
from ._forms import Form, choice, flag, integer, one, required, url
from ._records import (
    Activity,
    TaskChannel,
    TaskQueue,
    Workflow,
    Workspace,
    bad_request,
    new_sid,
    not_found,
)

if TYPE_CHECKING:
    from ._store import Store

CHANNELS = ("default", "voice", "chat", "sms", "video")
ACTIVITIES = (("Offline", False), ("Available", True), ("Unavailable", False))
ORDERS = ("FIFO", "LIFO")


def create_workspace(store: Store, form: Form) -> Workspace:
    """CreateWorkspace, as Twilio makes one.

    Three Activities (Offline, the default and timeout one, Available, Unavailable) and five
    TaskChannels; with ``Template=FIFO`` also a queue and a Workflow routing to it.
    """
    name = required(form, "FriendlyName")
    template = choice(form, "Template", ("NONE", "FIFO"))
    now = store.now()
    ws = Workspace(
        sid=new_sid("WS"),
        sequence=store.next_sequence(),
        friendly_name=name,
        event_callback_url=url(form, "EventCallbackUrl"),
        events_filter=one(form, "EventsFilter"),
        multi_task_enabled=flag(one(form, "MultiTaskEnabled")) is not False,
        prioritize_queue_order=choice(form, "PrioritizeQueueOrder", ORDERS) or "FIFO",
        date_created=now,
        date_updated=now,
    )
    store.workspaces[ws.sid] = ws
    store.emit(ws, "workspace.created", f"Workspace {name} created", now)
    for activity_name, available in ACTIVITIES:
        add_activity(store, ws, activity_name, available=available)
    ws.default_activity_sid = ws.timeout_activity_sid = next(iter(ws.activities))
    for unique_name in CHANNELS:
        add_channel(store, ws, unique_name, unique_name.capitalize(), optimized=None)
    if template == "FIFO":
        queue = create_queue(store, ws, {"FriendlyName": ["Sample Queue"]})
        configuration = {"task_routing": {"default_filter": {"queue": queue.sid}}}
        create_workflow(
            store,
            ws,
            {
                "FriendlyName": ["Default Fifo Workflow"],
                "Configuration": [json.dumps(configuration)],
            },
        )
    return ws


def update_workspace(store: Store, ws: Workspace, form: Form) -> Workspace:
    """UpdateWorkspace."""
    changes: dict[str, Any] = {
        "friendly_name": one(form, "FriendlyName"),
        "events_filter": one(form, "EventsFilter"),
        "multi_task_enabled": flag(one(form, "MultiTaskEnabled")),
        "prioritize_queue_order": choice(form, "PrioritizeQueueOrder", ORDERS),
        "default_activity_sid": _activity_sid(ws, form, "DefaultActivitySid"),
        "timeout_activity_sid": _activity_sid(ws, form, "TimeoutActivitySid"),
    }
    callback = url(form, "EventCallbackUrl")
    now = store.now()
    for name, value in changes.items():
        if value is not None:
            setattr(ws, name, value)
    if "EventCallbackUrl" in form:
        ws.event_callback_url = callback
    ws.date_updated = now
    store.emit(ws, "workspace.updated", f"Workspace {ws.friendly_name} updated", now)
    store.router.dispatch(ws, now)
    return ws


def delete_workspace(store: Store, ws: Workspace) -> None:
    """DeleteWorkspace: everything in it goes (its event callback hears of it last)."""
    store.emit(ws, "workspace.deleted", f"Workspace {ws.friendly_name} deleted", store.now())
    del store.workspaces[ws.sid]


# -- Activities ---------------------------------------------------------------------------


def add_activity(store: Store, ws: Workspace, name: str, *, available: bool) -> Activity:
    """A new Activity (its name checked unique, case-insensitively)."""
    if any(a.friendly_name.lower() == name.lower() for a in ws.activities.values()):
        raise bad_request(f"Activity with the friendly name {name!r} already exists")
    now = store.now()
    activity = Activity(
        sid=new_sid("WA"),
        sequence=store.next_sequence(),
        friendly_name=name,
        available=available,
        date_created=now,
        date_updated=now,
    )
    ws.activities[activity.sid] = activity
    store.emit(ws, "activity.created", f"Activity {name} created", now, activity=activity)
    return activity


def create_activity(store: Store, ws: Workspace, form: Form) -> Activity:
    """CreateActivity (``Available`` defaults to true; it never changes after)."""
    name = required(form, "FriendlyName")
    return add_activity(store, ws, name, available=flag(one(form, "Available")) is not False)


def update_activity(store: Store, ws: Workspace, activity: Activity, form: Form) -> Activity:
    """UpdateActivity: only the name changes (``Available`` is ignored, EC-12)."""
    name = one(form, "FriendlyName")
    if name is not None:
        taken = [a for a in ws.activities.values() if a.friendly_name.lower() == name.lower()]
        if taken and taken[0] is not activity:
            raise bad_request(f"Activity with the friendly name {name!r} already exists")
        activity.friendly_name = name
    now = store.now()
    activity.date_updated = now
    store.emit(
        ws, "activity.updated", f"Activity {activity.friendly_name} updated", now, activity=activity
    )
    return activity


def delete_activity(store: Store, ws: Workspace, activity: Activity) -> None:
    """DeleteActivity, unless something uses it."""
    sid = activity.sid
    used = (
        sid in {ws.default_activity_sid, ws.timeout_activity_sid}
        or any(w.activity_sid == sid for w in ws.workers.values())
        or any(
            sid in {q.reservation_activity_sid, q.assignment_activity_sid}
            for q in ws.queues.values()
        )
    )
    if used:
        raise bad_request(f"Activity {sid} is in use and cannot be deleted.")
    del ws.activities[sid]
    store.emit(
        ws,
        "activity.deleted",
        f"Activity {activity.friendly_name} deleted",
        store.now(),
        activity=activity,
    )


# -- TaskChannels -------------------------------------------------------------------------


def add_channel(
    store: Store, ws: Workspace, unique_name: str, name: str, *, optimized: bool | None
) -> TaskChannel:
    """A new TaskChannel; every Worker gets a channel for it (capacity 1, EC-13)."""
    if "-" in unique_name or "-" in name:
        raise bad_request("TaskChannel names cannot contain hyphens")
    if any(c.unique_name == unique_name for c in ws.channels.values()):
        raise bad_request(f"TaskChannel with the unique name {unique_name!r} already exists")
    now = store.now()
    channel = TaskChannel(
        sid=new_sid("TC"),
        sequence=store.next_sequence(),
        unique_name=unique_name,
        friendly_name=name,
        channel_optimized_routing=optimized,
        date_created=now,
        date_updated=now,
    )
    ws.channels[channel.sid] = channel
    for worker in ws.workers.values():
        worker.add_channel(channel.sid, now)
    store.emit(
        ws, "task-channel.created", f"TaskChannel {unique_name} created", now, channel=channel
    )
    return channel


def create_channel(store: Store, ws: Workspace, form: Form) -> TaskChannel:
    """CreateTaskChannel."""
    name, unique_name = required(form, "FriendlyName"), required(form, "UniqueName")
    optimized = flag(one(form, "ChannelOptimizedRouting"))
    return add_channel(store, ws, unique_name, name, optimized=optimized)


def channel_by_name(ws: Workspace, sid: str) -> TaskChannel:
    """A TaskChannel by SID or unique name; 404 if neither."""
    for channel in ws.channels.values():
        if sid in {channel.sid, channel.unique_name}:
            return channel
    raise not_found(f"/v1/Workspaces/{ws.sid}/TaskChannels/{sid}")


def update_channel(store: Store, ws: Workspace, channel: TaskChannel, form: Form) -> TaskChannel:
    """UpdateTaskChannel."""
    name = one(form, "FriendlyName")
    if name is not None and "-" in name:
        raise bad_request("TaskChannel names cannot contain hyphens")
    optimized = flag(one(form, "ChannelOptimizedRouting"))
    now = store.now()
    channel.friendly_name = name or channel.friendly_name
    if optimized is not None:
        channel.channel_optimized_routing = optimized
    channel.date_updated = now
    store.emit(
        ws,
        "task-channel.updated",
        f"TaskChannel {channel.unique_name} updated",
        now,
        channel=channel,
    )
    return channel


def delete_channel(store: Store, ws: Workspace, channel: TaskChannel) -> None:
    """DeleteTaskChannel, unless a Task not yet finished uses it."""
    if any(t.task_channel_sid == channel.sid and t.ended is None for t in ws.tasks.values()):
        raise bad_request(f"TaskChannel {channel.sid} is in use and cannot be deleted.")
    del ws.channels[channel.sid]
    for worker in ws.workers.values():
        worker.channels.pop(channel.sid, None)
    store.emit(
        ws,
        "task-channel.deleted",
        f"TaskChannel {channel.unique_name} deleted",
        store.now(),
        channel=channel,
    )


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
        reservation_activity_sid=_activity_sid(ws, form, "ReservationActivitySid"),
        assignment_activity_sid=_activity_sid(ws, form, "AssignmentActivitySid"),
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
        "reservation_activity_sid": _activity_sid(ws, form, "ReservationActivitySid"),
        "assignment_activity_sid": _activity_sid(ws, form, "AssignmentActivitySid"),
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


def _pending_in(ws: Workspace, workflow: Workflow) -> list[Any]:
    return [
        t
        for t in ws.tasks.values()
        if t.workflow_sid == workflow.sid and t.assignment_status == "pending"
    ]


def _activity_sid(ws: Workspace, form: Form, name: str) -> str | None:
    sid = one(form, name)
    if sid is not None and sid not in ws.activities:
        raise bad_request(f"{name} {sid} is not an Activity of this Workspace")
    return sid
