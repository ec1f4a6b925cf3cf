"""Response bodies in the shapes of the spec's schemas (every field, ``null`` where empty).

URLs use the scheme and host the request came to, so links stay on the caller's origin.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from ._events import event_data
from ._records import (
    BUSY,
    Activity,
    EventRecord,
    ReservationRecord,
    TaskChannel,
    TaskQueue,
    TaskRecord,
    Worker,
    WorkerChannel,
    Workflow,
    Workspace,
    iso,
)

_LIVE = frozenset({"pending", "accepted", "wrapping"})


@attrs.frozen
class Bodies:
    """Renders records for one request: the account, the origin asked, the time now."""

    account_sid: str
    base: str
    now: datetime

    def root(self, ws: Workspace) -> str:
        """The Workspace's URL."""
        return f"{self.base}/v1/Workspaces/{ws.sid}"

    def workspace(self, ws: Workspace) -> dict[str, Any]:
        """``taskrouter.v1.workspace``."""
        root = self.root(ws)
        names = ("Activities", "Statistics", "RealTimeStatistics", "CumulativeStatistics")
        children = ("TaskQueues", "Tasks", "Workers", "Workflows", "TaskChannels", "Events")
        return {
            "account_sid": self.account_sid,
            "date_created": iso(ws.date_created),
            "date_updated": iso(ws.date_updated),
            "default_activity_name": _name(ws, ws.default_activity_sid),
            "default_activity_sid": ws.default_activity_sid,
            "event_callback_url": ws.event_callback_url,
            "events_filter": ws.events_filter,
            "friendly_name": ws.friendly_name,
            "multi_task_enabled": ws.multi_task_enabled,
            "sid": ws.sid,
            "timeout_activity_name": _name(ws, ws.timeout_activity_sid),
            "timeout_activity_sid": ws.timeout_activity_sid,
            "prioritize_queue_order": ws.prioritize_queue_order,
            "url": root,
            "links": {_snake(name): f"{root}/{name}" for name in (*names, *children)},
        }

    def activity(self, ws: Workspace, activity: Activity) -> dict[str, Any]:
        """``taskrouter.v1.workspace.activity``."""
        return {
            "account_sid": self.account_sid,
            "available": activity.available,
            "date_created": iso(activity.date_created),
            "date_updated": iso(activity.date_updated),
            "friendly_name": activity.friendly_name,
            "sid": activity.sid,
            "workspace_sid": ws.sid,
            "url": f"{self.root(ws)}/Activities/{activity.sid}",
            "links": {"workspace": self.root(ws)},
        }

    def task_channel(self, ws: Workspace, channel: TaskChannel) -> dict[str, Any]:
        """``taskrouter.v1.workspace.task_channel``."""
        return {
            "account_sid": self.account_sid,
            "date_created": iso(channel.date_created),
            "date_updated": iso(channel.date_updated),
            "friendly_name": channel.friendly_name,
            "sid": channel.sid,
            "unique_name": channel.unique_name,
            "workspace_sid": ws.sid,
            "channel_optimized_routing": channel.channel_optimized_routing,
            "url": f"{self.root(ws)}/TaskChannels/{channel.sid}",
            "links": {"workspace": self.root(ws)},
        }

    def task_queue(self, ws: Workspace, queue: TaskQueue) -> dict[str, Any]:
        """``taskrouter.v1.workspace.task_queue``."""
        root = self.root(ws)
        url = f"{root}/TaskQueues/{queue.sid}"
        links = {
            "workspace": root,
            "statistics": f"{url}/Statistics",
            "real_time_statistics": f"{url}/RealTimeStatistics",
            "cumulative_statistics": f"{url}/CumulativeStatistics",
            "list_statistics": f"{root}/TaskQueues/Statistics",
            "bulk_real_time_statistics": f"{root}/TaskQueues/RealTimeStatistics",
        }
        for kind in ("assignment", "reservation"):
            sid = getattr(queue, f"{kind}_activity_sid")
            if sid:
                links[f"{kind}_activity"] = f"{root}/Activities/{sid}"
        return {
            "account_sid": self.account_sid,
            "assignment_activity_sid": queue.assignment_activity_sid,
            "assignment_activity_name": _name(ws, queue.assignment_activity_sid),
            "date_created": iso(queue.date_created),
            "date_updated": iso(queue.date_updated),
            "friendly_name": queue.friendly_name,
            "max_reserved_workers": queue.max_reserved_workers,
            "reservation_activity_sid": queue.reservation_activity_sid,
            "reservation_activity_name": _name(ws, queue.reservation_activity_sid),
            "sid": queue.sid,
            "target_workers": queue.target_workers,
            "task_order": queue.task_order,
            "url": url,
            "workspace_sid": ws.sid,
            "links": links,
        }

    def workflow(self, ws: Workspace, workflow: Workflow) -> dict[str, Any]:
        """``taskrouter.v1.workspace.workflow``."""
        url = f"{self.root(ws)}/Workflows/{workflow.sid}"
        return {
            "account_sid": self.account_sid,
            "assignment_callback_url": workflow.assignment_callback_url,
            "configuration": workflow.configuration,
            "date_created": iso(workflow.date_created),
            "date_updated": iso(workflow.date_updated),
            "document_content_type": "application/json",
            "fallback_assignment_callback_url": workflow.fallback_assignment_callback_url,
            "friendly_name": workflow.friendly_name,
            "sid": workflow.sid,
            "task_reservation_timeout": workflow.task_reservation_timeout,
            "workspace_sid": ws.sid,
            "url": url,
            "links": {
                name: f"{url}/{path}"
                for name, path in (
                    ("statistics", "Statistics"),
                    ("real_time_statistics", "RealTimeStatistics"),
                    ("cumulative_statistics", "CumulativeStatistics"),
                )
            },
        }

    def worker(self, ws: Workspace, worker: Worker) -> dict[str, Any]:
        """``taskrouter.v1.workspace.worker``."""
        root = self.root(ws)
        url = f"{root}/Workers/{worker.sid}"
        activity = ws.activities[worker.activity_sid]
        return {
            "account_sid": self.account_sid,
            "activity_name": activity.friendly_name,
            "activity_sid": activity.sid,
            "attributes": worker.attributes,
            "available": activity.available,
            "date_created": iso(worker.date_created),
            "date_status_changed": iso(worker.date_status_changed),
            "date_updated": iso(worker.date_updated),
            "friendly_name": worker.friendly_name,
            "sid": worker.sid,
            "workspace_sid": ws.sid,
            "url": url,
            "links": {
                "channels": f"{url}/Channels",
                "activity": f"{root}/Activities/{activity.sid}",
                "workspace": root,
                "statistics": f"{root}/Workers/Statistics",
                "real_time_statistics": f"{root}/Workers/RealTimeStatistics",
                "cumulative_statistics": f"{root}/Workers/CumulativeStatistics",
                "worker_statistics": f"{url}/Statistics",
                "worker_channels": f"{url}/Channels",
                "reservations": f"{url}/Reservations",
            },
        }

    def worker_channel(
        self, ws: Workspace, worker: Worker, channel: WorkerChannel
    ) -> dict[str, Any]:
        """``taskrouter.v1.workspace.worker.worker_channel``.

        ``assigned_tasks`` counts assigned and wrapping Tasks; free capacity counts pending
        Reservations too (EC-13).
        """
        live = [
            r
            for r in ws.reservations.values()
            if r.worker_sid == worker.sid
            and r.task_channel_sid == channel.task_channel_sid
            and r.reservation_status in _LIVE
        ]
        assigned = sum(
            ws.tasks[r.task_sid].assignment_status in BUSY for r in live if r.task_sid in ws.tasks
        )
        free = max(channel.capacity - len(live), 0)
        percentage = free * 100 // channel.capacity if channel.capacity and channel.available else 0
        task_channel = ws.channels[channel.task_channel_sid]
        return {
            "account_sid": self.account_sid,
            "assigned_tasks": assigned,
            "available": channel.available,
            "available_capacity_percentage": percentage,
            "configured_capacity": channel.capacity,
            "date_created": iso(channel.date_created),
            "date_updated": iso(channel.date_updated),
            "sid": channel.sid,
            "task_channel_sid": task_channel.sid,
            "task_channel_unique_name": task_channel.unique_name,
            "worker_sid": worker.sid,
            "workspace_sid": ws.sid,
            "url": f"{self.root(ws)}/Workers/{worker.sid}/Channels/{channel.sid}",
        }

    def task(self, ws: Workspace, task: TaskRecord) -> dict[str, Any]:
        """``taskrouter.v1.workspace.task``."""
        root = self.root(ws)
        return {
            "account_sid": self.account_sid,
            "age": max(int((self.now - task.date_created).total_seconds()), 0),
            "assignment_status": task.assignment_status,
            "attributes": task.attributes,
            "addons": task.addons,
            "date_created": iso(task.date_created),
            "date_updated": iso(task.date_updated),
            "task_queue_entered_date": iso(task.task_queue_entered_date),
            "priority": task.priority,
            "reason": task.reason,
            "sid": task.sid,
            "task_queue_sid": task.task_queue_sid,
            "task_queue_friendly_name": task.task_queue_friendly_name,
            "task_channel_sid": task.task_channel_sid,
            "task_channel_unique_name": task.task_channel_unique_name,
            "timeout": task.timeout,
            "workflow_sid": task.workflow_sid,
            "workflow_friendly_name": task.workflow_friendly_name,
            "workspace_sid": ws.sid,
            "url": f"{root}/Tasks/{task.sid}",
            "links": {
                "task_queue": f"{root}/TaskQueues/{task.task_queue_sid}",
                "workflow": f"{root}/Workflows/{task.workflow_sid}",
                "workspace": root,
                "reservations": f"{root}/Tasks/{task.sid}/Reservations",
            },
            "virtual_start_time": iso(task.virtual_start_time),
            "ignore_capacity": task.ignore_capacity,
            "routing_target": task.routing_target,
        }

    def reservation(
        self, ws: Workspace, reservation: ReservationRecord, via: str
    ) -> dict[str, Any]:
        """A Reservation as the task or worker reservation schema (``via``)."""
        root = self.root(ws)
        owner = (
            f"Tasks/{reservation.task_sid}"
            if via == "task"
            else f"Workers/{reservation.worker_sid}"
        )
        return {
            "account_sid": self.account_sid,
            "date_created": iso(reservation.date_created),
            "date_updated": iso(reservation.date_updated),
            "reservation_status": reservation.reservation_status,
            "sid": reservation.sid,
            "task_sid": reservation.task_sid,
            "worker_name": reservation.worker_name,
            "worker_sid": reservation.worker_sid,
            "workspace_sid": ws.sid,
            "url": f"{root}/{owner}/Reservations/{reservation.sid}",
            "links": {
                "task": f"{root}/Tasks/{reservation.task_sid}",
                "worker": f"{root}/Workers/{reservation.worker_sid}",
                "workspace": root,
            },
        }

    def event(self, ws: Workspace, event: EventRecord) -> dict[str, Any]:
        """``taskrouter.v1.workspace.event`` (actor: the Workspace; source: twilio)."""
        root = self.root(ws)
        resource_path = _RESOURCE_PATHS.get(event.resource_type)
        return {
            "account_sid": self.account_sid,
            "actor_sid": ws.sid,
            "actor_type": "workspace",
            "actor_url": root,
            "description": event.description,
            "event_data": event_data(event),
            "event_date": iso(event.date),
            "event_date_ms": int(event.date.timestamp()) * 1000,
            "event_type": event.event_type,
            "resource_sid": event.resource_sid,
            "resource_type": event.resource_type.lower(),
            "resource_url": (
                f"{root}/{resource_path}/{event.resource_sid}" if resource_path else root
            ),
            "sid": event.sid,
            "source": "twilio",
            "source_ip_address": None,
            "url": f"{root}/Events/{event.sid}",
            "workspace_sid": ws.sid,
        }

    def statistics(self, ws: Workspace, path: str, **figures: Any) -> dict[str, Any]:
        """A statistics body: ``figures`` with the account, Workspace and URL."""
        return {
            "account_sid": self.account_sid,
            "workspace_sid": ws.sid,
            **figures,
            "url": f"{self.root(ws)}{path}",
        }


_RESOURCE_PATHS = {
    "Task": "Tasks",
    "Reservation": "Reservations",
    "Worker": "Workers",
    "Activity": "Activities",
    "Workflow": "Workflows",
    "TaskQueue": "TaskQueues",
    "TaskChannel": "TaskChannels",
}


def _name(ws: Workspace, activity_sid: str | None) -> str | None:
    activity = ws.activities.get(activity_sid or "")
    return activity.friendly_name if activity else None


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
