"""Events: what each one says, as its callback parameters and as the Event resource.

Twilio's Events reference lists the base parameters every event callback carries
(``EventType``, ``AccountSid``, ``WorkspaceSid``, ``WorkspaceName``, ``EventDescription``,
``ResourceType``, ``ResourceSid``, ``Timestamp``); the emulator adds ``TimestampMs`` and
``Sid`` and then one group of parameters per record the event concerns (Task, Worker,
TaskQueue, Workflow, Reservation, Activity, TaskChannel), named as real callbacks name them
(emulator choice EC-24). The Event resource's ``event_data`` holds the same parameters in
snake_case, without the base ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime, timedelta

import attrs

from ._forms import Form, one, window
from ._records import (
    Activity,
    EventRecord,
    ReservationRecord,
    TaskChannel,
    TaskQueue,
    TaskRecord,
    Worker,
    Workflow,
    Workspace,
    new_sid,
)

RETENTION = timedelta(days=30)
_BASE = frozenset(
    {
        "EventType",
        "AccountSid",
        "EventDescription",
        "ResourceType",
        "ResourceSid",
        "Timestamp",
        "TimestampMs",
        "Sid",
    }
)


@attrs.frozen(kw_only=True)
class Concerns:
    """The records an event is about (each adds its group of parameters)."""

    task: TaskRecord | None = None
    worker: Worker | None = None
    reservation: ReservationRecord | None = None
    queue: TaskQueue | None = None
    workflow: Workflow | None = None
    activity: Activity | None = None
    channel: TaskChannel | None = None


def make_event(
    ws: Workspace,
    event_type: str,
    description: str,
    concerns: Concerns,
    *,
    account_sid: str,
    sequence: int,
    now: datetime,
    extra: Mapping[str, str] | None = None,
) -> EventRecord:
    """An Event, its parameters taken from the records as they are now."""
    resource_type, resource_sid = _resource(ws, event_type, concerns)
    sid = new_sid("EV")
    params = {
        "EventType": event_type,
        "AccountSid": account_sid,
        "WorkspaceSid": ws.sid,
        "WorkspaceName": ws.friendly_name,
        "EventDescription": description,
        "ResourceType": resource_type,
        "ResourceSid": resource_sid,
        "Timestamp": str(int(now.timestamp())),
        "TimestampMs": str(int(now.timestamp()) * 1000),
        "Sid": sid,
        **_groups(ws, concerns, now),
        **(extra or {}),
    }
    task, channel = concerns.task, concerns.channel
    return EventRecord(
        sid=sid,
        sequence=sequence,
        event_type=event_type,
        date=now,
        description=description,
        resource_type=resource_type,
        resource_sid=resource_sid,
        data=params,
        task_sid=params.get("TaskSid"),
        worker_sid=params.get("WorkerSid"),
        reservation_sid=params.get("ReservationSid"),
        task_queue_sid=params.get("TaskQueueSid"),
        workflow_sid=params.get("WorkflowSid"),
        task_channel_sid=(task.task_channel_sid if task else channel.sid if channel else None),
    )


def event_data(event: EventRecord) -> dict[str, str]:
    """An Event's ``event_data``: its parameters but the base ones, in snake_case."""
    return {_snake(name): value for name, value in event.data.items() if name not in _BASE}


def wanted(ws: Workspace, event_type: str) -> bool:
    """Whether the Workspace's ``events_filter`` lets ``event_type`` through (EC-24)."""
    names = {name.strip() for name in (ws.events_filter or "").split(",") if name.strip()}
    return not names or event_type in names


def list_events(ws: Workspace, query: Form, now: datetime) -> list[EventRecord]:
    """ListEvent's filters over the Workspace's Events (window: the last 15 minutes, EC-22)."""
    start, end = window(query, now)
    channel = one(query, "TaskChannel")
    channel_sids = {c.sid for c in ws.channels.values() if channel in {c.sid, c.unique_name}}
    wanted_sids = {
        "sid": one(query, "Sid"),
        "event_type": one(query, "EventType"),
        "task_sid": one(query, "TaskSid"),
        "worker_sid": one(query, "WorkerSid"),
        "reservation_sid": one(query, "ReservationSid"),
        "task_queue_sid": one(query, "TaskQueueSid"),
        "workflow_sid": one(query, "WorkflowSid"),
    }
    return [
        event
        for event in ws.events.values()
        if start <= event.date <= end
        and all(v is None or getattr(event, k) == v for k, v in wanted_sids.items())
        and (channel is None or event.task_channel_sid in (channel_sids or {channel}))
    ]


def forget_old(ws: Workspace, now: datetime) -> None:
    """Drop Events older than the 30 days Twilio keeps them."""
    while ws.events:
        oldest = next(iter(ws.events.values()))
        if oldest.date >= now - RETENTION:
            return
        del ws.events[oldest.sid]


def _resource(ws: Workspace, event_type: str, concerns: Concerns) -> tuple[str, str]:
    family = event_type.split(".", 1)[0]
    subject: list[tuple[str, object]] = [
        ("Reservation", concerns.reservation),
        ("Task", concerns.task),
        ("Worker", concerns.worker),
        ("Activity", concerns.activity),
        ("TaskChannel", concerns.channel),
        ("TaskQueue", concerns.queue),
        ("Workflow", concerns.workflow),
    ]
    preferred = {
        "reservation": "Reservation",
        "worker": "Worker",
        "activity": "Activity",
        "task-channel": "TaskChannel",
    }.get(family)
    if event_type in _ABOUT_A_QUEUE:
        preferred = "TaskQueue"
    if event_type in {"workflow.created", "workflow.updated", "workflow.deleted"}:
        preferred = "Workflow"
    for kind, record in subject:
        if record is not None and (preferred is None or kind == preferred):
            return kind, str(getattr(record, "sid"))  # noqa: B009  # every record has one
    return "Workspace", ws.sid


_ABOUT_A_QUEUE = frozenset(
    {"task-queue.created", "task-queue.deleted", "task-queue.expression.updated"}
)


def _groups(ws: Workspace, concerns: Concerns, now: datetime) -> dict[str, str]:
    params: dict[str, str] = {}
    task, worker, reservation = concerns.task, concerns.worker, concerns.reservation
    if task is not None:
        params |= {
            "TaskSid": task.sid,
            "TaskAttributes": task.attributes,
            "TaskAge": str(max(int((now - task.date_created).total_seconds()), 0)),
            "TaskPriority": str(task.priority),
            "TaskAssignmentStatus": task.assignment_status,
            "TaskDateCreated": str(int(task.date_created.timestamp())),
            "TaskChannelSid": task.task_channel_sid,
            "TaskChannelUniqueName": task.task_channel_unique_name,
            "TaskVersion": str(task.version),
        }
        if task.reason and task.assignment_status == "canceled":
            params["TaskCanceledReason"] = params["Reason"] = task.reason
        if task.reason and task.assignment_status == "completed":
            params["TaskCompletedReason"] = params["Reason"] = task.reason
        if task.task_queue_entered_date is not None:
            params["TaskQueueEnteredDate"] = str(int(task.task_queue_entered_date.timestamp()))
    queue = concerns.queue or (ws.queues.get(task.task_queue_sid or "") if task else None)
    if queue is not None:
        params |= {
            "TaskQueueSid": queue.sid,
            "TaskQueueName": queue.friendly_name,
            "TaskQueueTargetExpression": queue.target_workers,
        }
    workflow = concerns.workflow or (ws.workflows.get(task.workflow_sid) if task else None)
    if workflow is not None:
        params |= {"WorkflowSid": workflow.sid, "WorkflowName": workflow.friendly_name}
    if worker is not None:
        activity = ws.activities.get(worker.activity_sid)
        params |= {
            "WorkerSid": worker.sid,
            "WorkerName": worker.friendly_name,
            "WorkerAttributes": worker.attributes,
            "WorkerActivitySid": worker.activity_sid,
            "WorkerActivityName": activity.friendly_name if activity else "",
            "WorkerVersion": str(worker.version),
        }
    if reservation is not None:
        params["ReservationSid"] = reservation.sid
    if concerns.activity is not None:
        params |= {
            "ActivitySid": concerns.activity.sid,
            "ActivityName": concerns.activity.friendly_name,
            "ActivityAvailable": json.dumps(concerns.activity.available),
        }
    if concerns.channel is not None:
        params |= {
            "TaskChannelSid": concerns.channel.sid,
            "TaskChannelUniqueName": concerns.channel.unique_name,
            "TaskChannelName": concerns.channel.friendly_name,
        }
    return params


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
