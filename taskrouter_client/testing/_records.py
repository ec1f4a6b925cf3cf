"""What the emulator keeps: Workspaces and the records in them, and the errors it answers.

Records are plain mutable attrs classes; the rules that change them live elsewhere. Each
record carries ``sequence``, its place in creation order, which breaks every tie the
clock's whole seconds leave (SIDs are random, so they never decide an order).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from .._expressions import Predicate
    from ._configuration import Routing

FINAL = frozenset({"canceled", "completed"})
TASK_STATUSES = ("pending", "reserved", "assigned", "canceled", "completed", "wrapping")
WAITING = frozenset({"pending", "reserved"})
BUSY = frozenset({"assigned", "wrapping"})


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


def iso(moment: datetime | None) -> str | None:
    """A moment as Twilio writes it: ISO 8601, whole seconds, ``Z``."""
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def etag(version: int) -> str:
    """The ETag of a version."""
    return f'"{version}"'


@attrs.define(kw_only=True)
class Activity:
    """An Activity: what a Worker is doing, and whether that lets it take Tasks."""

    sid: str
    sequence: int
    friendly_name: str
    available: bool
    date_created: datetime
    date_updated: datetime


@attrs.define(kw_only=True)
class TaskChannel:
    """A kind of work (``voice``, ``chat``...); Workers have a capacity for each."""

    sid: str
    sequence: int
    unique_name: str
    friendly_name: str
    channel_optimized_routing: bool | None = None
    date_created: datetime
    date_updated: datetime


@attrs.define(kw_only=True)
class TaskQueue:
    """A TaskQueue: ``target_workers`` (and ``eligible``, its compiled form) says who serves it."""

    sid: str
    sequence: int
    friendly_name: str
    target_workers: str
    eligible: Predicate
    max_reserved_workers: int = 1
    task_order: str = "FIFO"
    reservation_activity_sid: str | None = None
    assignment_activity_sid: str | None = None
    date_created: datetime
    date_updated: datetime


@attrs.define(kw_only=True)
class Workflow:
    """A Workflow: its configuration text, ``routing`` (the parsed form) and callbacks."""

    sid: str
    sequence: int
    friendly_name: str
    configuration: str
    routing: Routing
    assignment_callback_url: str | None = None
    fallback_assignment_callback_url: str | None = None
    task_reservation_timeout: int = 120
    date_created: datetime
    date_updated: datetime


@attrs.define(kw_only=True)
class WorkerChannel:
    """A Worker's capacity on one TaskChannel; ``last_ended`` feeds "longest idle"."""

    sid: str
    task_channel_sid: str
    capacity: int = 1
    available: bool = True
    last_ended: datetime | None = None
    date_created: datetime
    date_updated: datetime


@attrs.define(kw_only=True)
class Worker:
    """A Worker: Activity, attributes (JSON text and parsed), one channel per TaskChannel."""

    sid: str
    sequence: int
    friendly_name: str
    attributes: str = "{}"
    document: dict[str, Any] = attrs.field(factory=dict)
    activity_sid: str
    available_since: datetime
    date_status_changed: datetime
    channels: dict[str, WorkerChannel] = attrs.field(factory=dict)  # by TaskChannel SID
    date_created: datetime
    date_updated: datetime
    version: int = 1

    def set_attributes(self, text: str) -> None:
        """Keep the JSON text as given and its parsed form."""
        self.attributes, self.document = text, json.loads(text)

    def add_channel(self, task_channel_sid: str, now: datetime) -> None:
        """A channel for a TaskChannel: capacity 1, available (EC-13)."""
        self.channels[task_channel_sid] = WorkerChannel(
            sid=new_sid("WC"), task_channel_sid=task_channel_sid, date_created=now, date_updated=now
        )

    def touch(self, now: datetime) -> None:
        """Record a change: new version, new date_updated."""
        self.version += 1
        self.date_updated = now


@attrs.define(kw_only=True)
class TaskRecord:
    """A Task, with where it stands in its Workflow.

    ``routing`` is the configuration the Task entered its Workflow with (later changes to
    the Workflow do not reach it), ``filter_index`` the filter it matched (None: the
    default filter), ``step`` the target it is at, ``entered`` when it entered the Workflow
    (step timeouts count from there), ``epoch`` bumped whenever it re-enters (so stale
    step timeouts know they no longer apply), ``refused_by`` the Workers that rejected it or
    let a Reservation time out.
    """

    sid: str
    sequence: int
    attributes: str
    assignment_status: str = "pending"
    priority: int = 0
    timeout: int = 86_400
    reason: str | None = None
    workflow_sid: str
    workflow_friendly_name: str
    task_queue_sid: str | None = None
    task_queue_friendly_name: str | None = None
    task_channel_sid: str
    task_channel_unique_name: str
    date_created: datetime
    date_updated: datetime
    task_queue_entered_date: datetime | None = None
    virtual_start_time: datetime
    routing_target: str | None = None
    ignore_capacity: bool | None = None
    addons: str = "{}"
    version: int = 1
    ended: datetime | None = None
    assigned_at: datetime | None = None
    routing: Routing | None = None
    filter_index: int | None = None
    step: int = 0
    entered: datetime
    epoch: int = 0
    refused_by: set[str] = attrs.field(factory=set)
    post_work_activity_sid: str | None = None

    def touch(self, now: datetime) -> None:
        """Record a change: new version, new date_updated."""
        self.version += 1
        self.date_updated = now

    @property
    def document(self) -> dict[str, Any]:
        """The attributes, parsed."""
        parsed: dict[str, Any] = json.loads(self.attributes)
        return parsed


@attrs.define(kw_only=True)
class ReservationRecord:
    """A Reservation: a Task offered to a Worker from a TaskQueue."""

    sid: str
    sequence: int
    task_sid: str
    worker_sid: str
    worker_name: str
    workflow_sid: str
    task_queue_sid: str | None
    task_channel_sid: str
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
class EventRecord:
    """An Event: what changed, when, and the SIDs ListEvent filters on."""

    sid: str
    sequence: int
    event_type: str
    date: datetime
    description: str
    resource_type: str
    resource_sid: str
    data: dict[str, str]
    task_sid: str | None = None
    worker_sid: str | None = None
    reservation_sid: str | None = None
    task_queue_sid: str | None = None
    workflow_sid: str | None = None
    task_channel_sid: str | None = None


@attrs.frozen(kw_only=True)
class Outgoing:
    """A callback owed to an app: where (primary URL, then fallback), and the form to post.

    ``kind`` is ``assignment`` (``subject``: the Reservation SID) or ``event`` (the Event SID).
    """

    kind: str
    workspace_sid: str
    subject: str
    urls: tuple[str, ...]
    form: dict[str, str]


@attrs.define(kw_only=True)
class Workspace:
    """One Workspace and everything in it (each dict in creation order)."""

    sid: str
    sequence: int
    friendly_name: str
    event_callback_url: str | None = None
    events_filter: str | None = None
    multi_task_enabled: bool = True
    prioritize_queue_order: str = "FIFO"
    default_activity_sid: str = ""
    timeout_activity_sid: str = ""
    date_created: datetime
    date_updated: datetime
    activities: dict[str, Activity] = attrs.field(factory=dict)
    channels: dict[str, TaskChannel] = attrs.field(factory=dict)
    queues: dict[str, TaskQueue] = attrs.field(factory=dict)
    workflows: dict[str, Workflow] = attrs.field(factory=dict)
    workers: dict[str, Worker] = attrs.field(factory=dict)
    tasks: dict[str, TaskRecord] = attrs.field(factory=dict)
    reservations: dict[str, ReservationRecord] = attrs.field(factory=dict)
    events: dict[str, EventRecord] = attrs.field(factory=dict)
