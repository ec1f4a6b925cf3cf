"""What the emulator keeps: Workspaces and the records in them, and the errors it answers."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import attrs

FINAL = frozenset({"canceled", "completed"})
TASK_STATUSES = ("pending", "reserved", "assigned", "canceled", "completed", "wrapping")


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


def not_found(path: str) -> EmulatorError:
    """Twilio's 404 for ``path``."""
    return EmulatorError(404, 20404, f"The requested resource {path} was not found")


def new_sid(prefix: str) -> str:
    """A fresh SID: two letters and 32 hex digits."""
    return prefix + uuid.uuid4().hex


def etag(version: int) -> str:
    """The ETag of a version."""
    return f'"{version}"'


@attrs.define(kw_only=True)
class Worker:
    """A Worker Reservations can be made for."""

    sid: str
    friendly_name: str
    attributes: dict[str, Any] = attrs.field(factory=dict)


@attrs.define(kw_only=True)
class TaskRecord:
    """A Task as the emulator keeps it; ``sequence`` orders records by creation."""

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
    version: int = 1
    ended: datetime | None = None

    def touch(self, now: datetime) -> None:
        """Record a change: new version, new date_updated."""
        self.version += 1
        self.date_updated = now


@attrs.define(kw_only=True)
class ReservationRecord:
    """A Reservation as the emulator keeps it."""

    sid: str
    sequence: int
    task_sid: str
    worker_sid: str
    worker_name: str
    reservation_status: str = "pending"
    date_created: datetime
    date_updated: datetime
    version: int = 1

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
