"""Workspaces, Activities and TaskChannels: create, update, delete.

Each operation checks everything it was asked before it changes anything. Deleting what is
in use is refused with 400 and error 20001 (Twilio documents no code for it: EC-17): an
Activity a Worker holds (or the Workspace's default or timeout Activity, or a TaskQueue's
reservation or assignment Activity), a TaskChannel a Task not yet finished uses.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ._forms import Form, choice, flag, one, required, url
from ._queues import ORDERS, activity_sid, create_queue, create_workflow
from ._records import Activity, TaskChannel, Workspace, bad_request, new_sid, not_found

if TYPE_CHECKING:
    from ._store import Store

CHANNELS = ("default", "voice", "chat", "sms", "video")
ACTIVITIES = (("Offline", False), ("Available", True), ("Unavailable", False))


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
        "default_activity_sid": activity_sid(ws, form, "DefaultActivitySid"),
        "timeout_activity_sid": activity_sid(ws, form, "TimeoutActivitySid"),
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
    """DeleteWorkspace: everything in it goes (its event callback hears of it last).

    Its Tasks and Reservations are dropped, so that what time had in store for them (a TTL,
    a timeout, a Workflow step) finds them gone and does nothing: no Event, no callback.
    """
    store.emit(ws, "workspace.deleted", f"Workspace {ws.friendly_name} deleted", store.now())
    del store.workspaces[ws.sid]
    ws.tasks.clear()
    ws.reservations.clear()


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
