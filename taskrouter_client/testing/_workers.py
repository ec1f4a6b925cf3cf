"""Workers and their channels: create, update, delete, list.

A Worker is created in the Workspace's default Activity unless given one, with one channel
per TaskChannel (capacity 1, available: EC-13). Moving a Worker into an available Activity,
raising a channel's capacity or making it available lets routing offer it waiting Tasks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._configuration import expression
from ._engine import worker_document
from ._forms import Form, attributes, flag, integer, one, required
from ._lifecycle import move_worker, refuse
from ._records import Worker, WorkerChannel, Workspace, bad_request, new_sid, not_found
from ._rules import check_version

if TYPE_CHECKING:
    from ._store import Store

_LIVE = frozenset({"pending", "accepted", "wrapping"})
MAX_CAPACITY = 1000


def create_worker(store: Store, ws: Workspace, form: Form) -> Worker:
    """CreateWorker."""
    name = required(form, "FriendlyName")
    _check_unique(ws, name, None)
    activity_sid = _activity(ws, form) or ws.default_activity_sid
    text = attributes(form) or "{}"
    now = store.now()
    worker = Worker(
        sid=new_sid("WK"),
        sequence=store.next_sequence(),
        friendly_name=name,
        activity_sid=activity_sid,
        available_since=now,
        date_status_changed=now,
        date_created=now,
        date_updated=now,
    )
    worker.set_attributes(text)
    for channel_sid in ws.channels:
        worker.add_channel(channel_sid, now)
    ws.workers[worker.sid] = worker
    store.emit(ws, "worker.created", f"Worker {name} created", now, worker=worker)
    store.router.dispatch(ws, now)
    return worker


def worker_of(ws: Workspace, sid: str) -> Worker:
    """The Worker ``sid``; 404 if unknown."""
    worker = ws.workers.get(sid)
    if worker is None:
        raise not_found(f"/v1/Workspaces/{ws.sid}/Workers/{sid}")
    return worker


def update_worker(
    store: Store, ws: Workspace, worker: Worker, form: Form, if_match: str | None
) -> Worker:
    """UpdateWorker; ``RejectPendingReservations`` needs an unavailable Activity (EC-16)."""
    check_version(if_match, worker.version)
    activity_sid = _activity(ws, form)
    reject = flag(one(form, "RejectPendingReservations")) is True
    if reject and (activity_sid is None or ws.activities[activity_sid].available):
        raise bad_request(
            "RejectPendingReservations is only valid with an ActivitySid whose Activity is "
            "unavailable"
        )
    name = one(form, "FriendlyName")
    if name is not None:
        _check_unique(ws, name, worker)
    text = attributes(form)
    # Nothing left to refuse: apply.
    now = store.now()
    worker.friendly_name = name or worker.friendly_name
    if text is not None:
        worker.set_attributes(text)
        store.emit(
            ws,
            "worker.attributes.update",
            f"Worker {worker.friendly_name} attributes updated",
            now,
            worker=worker,
        )
    moves = activity_sid is not None and activity_sid != worker.activity_sid
    if activity_sid is not None and moves:
        move_worker(store, ws, worker, activity_sid, now)
    else:
        worker.touch(now)
    if reject:
        for reservation in [
            r
            for r in ws.reservations.values()
            if r.worker_sid == worker.sid and r.reservation_status == "pending"
        ]:
            refuse(store, ws, reservation, "rejected", now)
    store.router.dispatch(ws, now)
    return worker


def delete_worker(store: Store, ws: Workspace, worker: Worker, if_match: str | None) -> None:
    """DeleteWorker, unless it holds a pending Reservation or a Task (EC-17)."""
    check_version(if_match, worker.version)
    if any(
        r.worker_sid == worker.sid and r.reservation_status in _LIVE
        for r in ws.reservations.values()
    ):
        raise bad_request(
            f"Worker {worker.sid} has pending reservations or assigned tasks and cannot be deleted."
        )
    del ws.workers[worker.sid]
    store.emit(
        ws, "worker.deleted", f"Worker {worker.friendly_name} deleted", store.now(), worker=worker
    )


def list_workers(ws: Workspace, query: Form) -> list[Worker]:
    """ListWorker's filters."""
    text = one(query, "TargetWorkersExpression")
    matches = None if text is None else expression(text, "TargetWorkersExpression")
    queue_sid, queue_name = one(query, "TaskQueueSid"), one(query, "TaskQueueName")
    queues = [
        q
        for q in ws.queues.values()
        if (queue_sid is None or q.sid == queue_sid)
        and (queue_name is None or q.friendly_name == queue_name)
    ]
    available = flag(one(query, "Available"))
    wanted = {
        "activity_sid": one(query, "ActivitySid"),
        "friendly_name": one(query, "FriendlyName"),
    }
    activity_name = one(query, "ActivityName")
    found = []
    for worker in ws.workers.values():
        activity = ws.activities[worker.activity_sid]
        document = worker_document(ws, worker)
        if (
            all(v is None or getattr(worker, k) == v for k, v in wanted.items())
            and (activity_name is None or activity.friendly_name == activity_name)
            and (available is None or activity.available == available)
            and (matches is None or matches(document))
            and (
                (queue_sid is None and queue_name is None)
                or any(q.eligible(document) for q in queues)
            )
        ):
            found.append(worker)
    return found


# -- WorkerChannels -----------------------------------------------------------------------


def channel_of(ws: Workspace, worker: Worker, sid: str) -> WorkerChannel:
    """A Worker's channel by its SID, or its TaskChannel's SID or unique name; else 404."""
    for channel in worker.channels.values():
        task_channel = ws.channels[channel.task_channel_sid]
        if sid in {channel.sid, task_channel.sid, task_channel.unique_name}:
            return channel
    raise not_found(f"/v1/Workspaces/{ws.sid}/Workers/{worker.sid}/Channels/{sid}")


def update_channel(
    store: Store, ws: Workspace, worker: Worker, channel: WorkerChannel, form: Form
) -> WorkerChannel:
    """UpdateWorkerChannel: ``Capacity`` (0 to 1000, EC-13) and ``Available``."""
    capacity = integer(form, "Capacity", 0, MAX_CAPACITY)
    available = flag(one(form, "Available"))
    now = store.now()
    task_channel = ws.channels[channel.task_channel_sid]
    if capacity is not None:
        previous, channel.capacity = channel.capacity, capacity
        store.emit(
            ws,
            "worker.capacity.update",
            f"Worker {worker.friendly_name} capacity on {task_channel.unique_name} is {capacity}",
            now,
            worker=worker,
            channel=task_channel,
            extra={"WorkerChannelPreviousCapacity": str(previous), **_channel_params(channel)},
        )
    if available is not None:
        channel.available = available
        store.emit(
            ws,
            "worker.channel.availability.update",
            f"Worker {worker.friendly_name} channel {task_channel.unique_name} available: "
            f"{available}",
            now,
            worker=worker,
            channel=task_channel,
            extra=_channel_params(channel),
        )
    channel.date_updated = now
    store.router.dispatch(ws, now)
    return channel


def _channel_params(channel: WorkerChannel) -> dict[str, str]:
    return {
        "WorkerChannelAvailable": str(channel.available).lower(),
        "WorkerChannelAvailableCapacity": str(channel.capacity),
    }


def _check_unique(ws: Workspace, name: str, worker: Worker | None) -> None:
    for other in ws.workers.values():
        if other is not worker and other.friendly_name.lower() == name.lower():
            raise bad_request("Worker with the same friendly name already exists")


def _activity(ws: Workspace, form: Form) -> str | None:
    sid = one(form, "ActivitySid")
    if sid is not None and sid not in ws.activities:
        raise bad_request(f"ActivitySid {sid} is not an Activity of this Workspace")
    return sid
