"""The two callbacks TaskRouter posts to an application, as frozen attrs models.

Field lists, from Twilio's documentation:

- Assignment callback (POSTed to a Workflow's ``AssignmentCallbackUrl`` when a Worker is
  reserved): https://www.twilio.com/docs/taskrouter/handle-assignment-callbacks
  ("Task assignment callback parameters"). Every documented field is required here.
- Event callback (POSTed to a Workspace's ``EventCallbackUrl`` for each Event):
  https://www.twilio.com/docs/taskrouter/api/event/reference. The eight common fields are
  required; the others come with some event types only, so they are optional.
  ``TimestampMs`` is from the TaskRouter changelog (January 2018); ``Sid`` and
  ``WorkerPreviousActivityName`` are posted but not tabulated by Twilio.

Fields Twilio adds later land in ``extra_fields`` as posted, never refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal, TypeVar

import attrs

from .._enums import OpenStrEnum
from .._errors import InvalidArgumentError
from .._generated.enums import TaskStatus
from ._fields import (
    any_sid,
    attributes_repr,
    count,
    flag,
    json_object,
    member_of,
    moment,
    parse_form,
    posted,
    sid_of,
)

__all__ = ["AssignmentCallback", "EventCallback", "EventType"]


class EventType(OpenStrEnum):
    """A TaskRouter event's ``EventType`` (values Twilio adds parse too).

    .. versionadded:: 0.2.0
    """

    ACTIVITY_CREATED = "activity.created"
    ACTIVITY_UPDATED = "activity.updated"
    ACTIVITY_DELETED = "activity.deleted"
    RESERVATION_CREATED = "reservation.created"
    RESERVATION_ACCEPTED = "reservation.accepted"
    RESERVATION_REJECTED = "reservation.rejected"
    RESERVATION_TIMEOUT = "reservation.timeout"
    RESERVATION_CANCELED = "reservation.canceled"
    RESERVATION_RESCINDED = "reservation.rescinded"
    RESERVATION_COMPLETED = "reservation.completed"
    RESERVATION_FAILED = "reservation.failed"
    RESERVATION_WRAPUP = "reservation.wrapup"
    TASK_CREATED = "task.created"
    TASK_UPDATED = "task.updated"
    TASK_CANCELED = "task.canceled"
    TASK_WRAPUP = "task.wrapup"
    TASK_COMPLETED = "task.completed"
    TASK_DELETED = "task.deleted"
    TASK_SYSTEM_DELETED = "task.system-deleted"
    TASK_TRANSFER_INITIATED = "task.transfer-initiated"
    TASK_TRANSFER_ATTEMPT_FAILED = "task.transfer-attempt-failed"
    TASK_TRANSFER_FAILED = "task.transfer-failed"
    TASK_TRANSFER_CANCELED = "task.transfer-canceled"
    TASK_TRANSFER_COMPLETED = "task.transfer-completed"
    TASK_CHANNEL_CREATED = "task-channel.created"
    TASK_CHANNEL_UPDATED = "task-channel.updated"
    TASK_CHANNEL_DELETED = "task-channel.deleted"
    TASK_QUEUE_CREATED = "task-queue.created"
    TASK_QUEUE_DELETED = "task-queue.deleted"
    TASK_QUEUE_ENTERED = "task-queue.entered"
    TASK_QUEUE_TIMEOUT = "task-queue.timeout"
    TASK_QUEUE_MOVED = "task-queue.moved"
    TASK_QUEUE_EXPRESSION_UPDATED = "task-queue.expression.updated"
    WORKER_CREATED = "worker.created"
    WORKER_ACTIVITY_UPDATE = "worker.activity.update"
    WORKER_ATTRIBUTES_UPDATE = "worker.attributes.update"
    WORKER_CAPACITY_UPDATE = "worker.capacity.update"
    WORKER_CHANNEL_AVAILABILITY_UPDATE = "worker.channel.availability.update"
    WORKER_DELETED = "worker.deleted"
    WORKFLOW_CREATED = "workflow.created"
    WORKFLOW_UPDATED = "workflow.updated"
    WORKFLOW_DELETED = "workflow.deleted"
    WORKFLOW_TARGET_MATCHED = "workflow.target-matched"
    WORKFLOW_ENTERED = "workflow.entered"
    WORKFLOW_TIMEOUT = "workflow.timeout"
    WORKFLOW_SKIPPED = "workflow.skipped"
    WORKSPACE_CREATED = "workspace.created"
    WORKSPACE_UPDATED = "workspace.updated"
    WORKSPACE_DELETED = "workspace.deleted"


EventTypeLiteral = Literal[
    "activity.created",
    "activity.updated",
    "activity.deleted",
    "reservation.created",
    "reservation.accepted",
    "reservation.rejected",
    "reservation.timeout",
    "reservation.canceled",
    "reservation.rescinded",
    "reservation.completed",
    "reservation.failed",
    "reservation.wrapup",
    "task.created",
    "task.updated",
    "task.canceled",
    "task.wrapup",
    "task.completed",
    "task.deleted",
    "task.system-deleted",
    "task.transfer-initiated",
    "task.transfer-attempt-failed",
    "task.transfer-failed",
    "task.transfer-canceled",
    "task.transfer-completed",
    "task-channel.created",
    "task-channel.updated",
    "task-channel.deleted",
    "task-queue.created",
    "task-queue.deleted",
    "task-queue.entered",
    "task-queue.timeout",
    "task-queue.moved",
    "task-queue.expression.updated",
    "worker.created",
    "worker.activity.update",
    "worker.attributes.update",
    "worker.capacity.update",
    "worker.channel.availability.update",
    "worker.deleted",
    "workflow.created",
    "workflow.updated",
    "workflow.deleted",
    "workflow.target-matched",
    "workflow.entered",
    "workflow.timeout",
    "workflow.skipped",
    "workspace.created",
    "workspace.updated",
    "workspace.deleted",
]
"""The values of :class:`EventType`, for annotations that take plain strings.

.. versionadded:: 0.2.0
"""


C = TypeVar("C", bound="_Callback")


@attrs.frozen(kw_only=True)
class _Callback:
    """What both callback models share. Strictly private."""

    extra_fields: Mapping[str, str] = attrs.field(factory=dict, repr=False)

    @classmethod
    def from_form(cls: type[C], form: Mapping[str, str]) -> C:
        """Read the callback's POSTed form fields.

        Args:
            form: The decoded form (a dict, or a framework's form object).

        Raises:
            InvalidCallbackError: A field is missing or malformed (a ``ValueError``; its
                ``field`` names the form field).
            InvalidArgumentError: ``form`` is not a mapping.
        """
        if not isinstance(form, Mapping):
            raise InvalidArgumentError(
                "form", f"expected a mapping of the posted fields, got {type(form).__name__}"
            )
        return parse_form(cls, form)


@attrs.frozen(kw_only=True)
class AssignmentCallback(_Callback):
    """What TaskRouter posts to a Workflow's assignment callback URL.

    Answer it with one of the instruction builders (:func:`accept`, :func:`dequeue`, ...) as
    a JSON body, or with ``{}`` to decide later through the REST API.

    Attributes:
        extra_fields: Posted fields this SDK does not know, as posted.

    .. versionadded:: 0.2.0
    """

    timestamp: datetime = attrs.field(metadata=posted("Timestamp", moment))
    account_sid: str = attrs.field(metadata=posted("AccountSid", sid_of("AC")))
    workspace_sid: str = attrs.field(metadata=posted("WorkspaceSid", sid_of("WS")))
    workflow_sid: str = attrs.field(metadata=posted("WorkflowSid", sid_of("WW")))
    task_queue_sid: str = attrs.field(metadata=posted("TaskQueueSid", sid_of("WQ")))
    worker_sid: str = attrs.field(metadata=posted("WorkerSid", sid_of("WK")))
    worker_attributes: dict[str, Any] = attrs.field(
        metadata=posted("WorkerAttributes", json_object), repr=attributes_repr
    )
    task_sid: str = attrs.field(metadata=posted("TaskSid", sid_of("WT")))
    task_attributes: dict[str, Any] = attrs.field(
        metadata=posted("TaskAttributes", json_object), repr=attributes_repr
    )
    task_age: int = attrs.field(metadata=posted("TaskAge", count))
    task_priority: int = attrs.field(metadata=posted("TaskPriority", count))
    reservation_sid: str = attrs.field(metadata=posted("ReservationSid", sid_of("WR")))


@attrs.frozen(kw_only=True)
class EventCallback(_Callback):
    """What TaskRouter posts to a Workspace's event callback URL for each Event.

    Which of the optional fields are present depends on ``event_type``: Task fields for
    task, reservation, task-queue and workflow events, Worker fields for worker and
    reservation events, and so on (see Twilio's Events reference).

    Attributes:
        extra_fields: Posted fields this SDK does not know, as posted.

    .. versionadded:: 0.2.0
    """

    event_type: EventType = attrs.field(metadata=posted("EventType", member_of(EventType)))
    account_sid: str = attrs.field(metadata=posted("AccountSid", sid_of("AC")))
    workspace_sid: str = attrs.field(metadata=posted("WorkspaceSid", sid_of("WS")))
    workspace_name: str = attrs.field(metadata=posted("WorkspaceName"))
    event_description: str = attrs.field(metadata=posted("EventDescription"))
    resource_type: str = attrs.field(metadata=posted("ResourceType"))
    resource_sid: str = attrs.field(metadata=posted("ResourceSid", any_sid))
    timestamp: datetime = attrs.field(metadata=posted("Timestamp", moment))
    timestamp_ms: int | None = attrs.field(default=None, metadata=posted("TimestampMs", count))
    sid: str | None = attrs.field(default=None, metadata=posted("Sid", sid_of("EV")))
    # Activity events
    activity_sid: str | None = attrs.field(
        default=None, metadata=posted("ActivitySid", sid_of("WA"))
    )
    activity_name: str | None = attrs.field(default=None, metadata=posted("ActivityName"))
    activity_available: bool | None = attrs.field(
        default=None, metadata=posted("ActivityAvailable", flag)
    )
    # Reservation, Task, TaskQueue and Workflow events
    reservation_sid: str | None = attrs.field(
        default=None, metadata=posted("ReservationSid", sid_of("WR"))
    )
    task_queue_sid: str | None = attrs.field(
        default=None, metadata=posted("TaskQueueSid", sid_of("WQ"))
    )
    task_queue_name: str | None = attrs.field(default=None, metadata=posted("TaskQueueName"))
    task_queue_target_expression: str | None = attrs.field(
        default=None, metadata=posted("TaskQueueTargetExpression")
    )
    operating_unit_sid: str | None = attrs.field(
        default=None, metadata=posted("OperatingUnitSid", any_sid)
    )
    workflow_sid: str | None = attrs.field(
        default=None, metadata=posted("WorkflowSid", sid_of("WW"))
    )
    workflow_name: str | None = attrs.field(default=None, metadata=posted("WorkflowName"))
    task_sid: str | None = attrs.field(default=None, metadata=posted("TaskSid", sid_of("WT")))
    task_attributes: dict[str, Any] | None = attrs.field(
        default=None, metadata=posted("TaskAttributes", json_object), repr=attributes_repr
    )
    task_age: int | None = attrs.field(default=None, metadata=posted("TaskAge", count))
    task_priority: int | None = attrs.field(default=None, metadata=posted("TaskPriority", count))
    task_assignment_status: TaskStatus | None = attrs.field(
        default=None, metadata=posted("TaskAssignmentStatus", member_of(TaskStatus))
    )
    task_canceled_reason: str | None = attrs.field(
        default=None, metadata=posted("TaskCanceledReason")
    )
    task_completed_reason: str | None = attrs.field(
        default=None, metadata=posted("TaskCompletedReason")
    )
    # Task Channel events (and a Worker's channel changes)
    task_channel_sid: str | None = attrs.field(
        default=None, metadata=posted("TaskChannelSid", sid_of("TC"))
    )
    task_channel_name: str | None = attrs.field(default=None, metadata=posted("TaskChannelName"))
    task_channel_unique_name: str | None = attrs.field(
        default=None, metadata=posted("TaskChannelUniqueName")
    )
    task_channel_optimized_routing: bool | None = attrs.field(
        default=None, metadata=posted("TaskChannelOptimizedRouting", flag)
    )
    # Worker and Reservation events
    worker_sid: str | None = attrs.field(default=None, metadata=posted("WorkerSid", sid_of("WK")))
    worker_name: str | None = attrs.field(default=None, metadata=posted("WorkerName"))
    worker_attributes: dict[str, Any] | None = attrs.field(
        default=None, metadata=posted("WorkerAttributes", json_object), repr=attributes_repr
    )
    worker_activity_sid: str | None = attrs.field(
        default=None, metadata=posted("WorkerActivitySid", sid_of("WA"))
    )
    worker_activity_name: str | None = attrs.field(
        default=None, metadata=posted("WorkerActivityName")
    )
    worker_version: str | None = attrs.field(default=None, metadata=posted("WorkerVersion"))
    worker_time_in_previous_activity: int | None = attrs.field(
        default=None, metadata=posted("WorkerTimeInPreviousActivity", count)
    )
    worker_time_in_previous_activity_ms: int | None = attrs.field(
        default=None, metadata=posted("WorkerTimeInPreviousActivityMs", count)
    )
    worker_previous_activity_sid: str | None = attrs.field(
        default=None, metadata=posted("WorkerPreviousActivitySid", sid_of("WA"))
    )
    worker_previous_activity_name: str | None = attrs.field(
        default=None, metadata=posted("WorkerPreviousActivityName")
    )
    worker_channel_available: bool | None = attrs.field(
        default=None, metadata=posted("WorkerChannelAvailable", flag)
    )
    worker_channel_available_capacity: int | None = attrs.field(
        default=None, metadata=posted("WorkerChannelAvailableCapacity", count)
    )
    worker_channel_previous_capacity: int | None = attrs.field(
        default=None, metadata=posted("WorkerChannelPreviousCapacity", count)
    )
    worker_channel_task_count: int | None = attrs.field(
        default=None, metadata=posted("WorkerChannelTaskCount", count)
    )
