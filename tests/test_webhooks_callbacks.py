"""AssignmentCallback and EventCallback: every documented field typed, bad input named."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import attrs
import pytest
from starlette.datastructures import FormData
from werkzeug.datastructures import MultiDict

from taskrouter_client import InvalidArgumentError, TaskRouterError, TaskStatus
from taskrouter_client.webhooks import (
    AssignmentCallback,
    EventCallback,
    EventType,
    InvalidCallbackError,
)
from tests.conftest import ACCOUNT_SID, WK, WQ, WR, WS, WT, WW

WA = "WA" + "1" * 32
SECRET_NOTE = "customer says: card 4111-1111"  # attributes are PII: never echoed

ASSIGNMENT = {
    "Timestamp": "1700000000",
    "AccountSid": ACCOUNT_SID,
    "WorkspaceSid": WS,
    "WorkflowSid": WW,
    "TaskQueueSid": WQ,
    "WorkerSid": WK,
    "WorkerAttributes": '{"languages": ["en"], "contact_uri": "client:alice"}',
    "TaskSid": WT,
    "TaskAttributes": json.dumps({"type": "chat", "note": SECRET_NOTE}),
    "TaskAge": "42",
    "TaskPriority": "7",
    "ReservationSid": WR,
}


def assignment(**changes: str | None) -> dict[str, str]:
    form = {**ASSIGNMENT, **changes}
    return {name: value for name, value in form.items() if value is not None}


def test_an_assignment_callback_reads_every_documented_field():
    """Twilio's twelve assignment parameters arrive typed: SIDs, ints, JSON, an aware time."""
    callback = AssignmentCallback.from_form(assignment())
    assert callback == AssignmentCallback(
        timestamp=datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc),
        account_sid=ACCOUNT_SID,
        workspace_sid=WS,
        workflow_sid=WW,
        task_queue_sid=WQ,
        worker_sid=WK,
        worker_attributes={"languages": ["en"], "contact_uri": "client:alice"},
        task_sid=WT,
        task_attributes={"type": "chat", "note": SECRET_NOTE},
        task_age=42,
        task_priority=7,
        reservation_sid=WR,
    )
    assert callback.extra_fields == {}


def test_fields_twilio_adds_are_kept_not_refused():
    """Unknown parameters land in extra_fields as posted."""
    callback = AssignmentCallback.from_form(assignment(WorkerName="alice", TaskChannelSid="TC1"))
    assert callback.extra_fields == {"WorkerName": "alice", "TaskChannelSid": "TC1"}


def test_a_callback_is_frozen_and_its_repr_hides_attributes():
    """The model cannot be changed; attributes (customer data) show as a size only."""
    callback = AssignmentCallback.from_form(assignment())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        callback.task_age = 0  # type: ignore[misc]
    assert SECRET_NOTE not in repr(callback)
    assert "task_attributes=<2 keys>" in repr(callback)


@pytest.mark.parametrize("field", sorted(ASSIGNMENT))
def test_each_documented_assignment_field_is_required(field):
    """A callback without any one of the documented fields raises, naming that field."""
    with pytest.raises(InvalidCallbackError) as caught:
        AssignmentCallback.from_form(assignment(**{field: None}))
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: missing")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("TaskSid", WR),
        ("WorkerSid", "WK123"),
        ("ReservationSid", ""),
        ("AccountSid", "AC" + "g" * 32),
        ("TaskAge", "-1"),
        ("TaskAge", "4.5"),
        ("TaskPriority", "high"),
        ("TaskAttributes", "{not json " + SECRET_NOTE),
        ("TaskAttributes", json.dumps([SECRET_NOTE])),
        ("WorkerAttributes", ""),
        ("Timestamp", "yesterday"),
        ("Timestamp", ""),
    ],
)
def test_a_malformed_field_raises_naming_it_without_echoing_it(field, value):
    """A ValueError (and TaskRouterError) that names the field; the value is not echoed."""
    with pytest.raises(InvalidCallbackError) as caught:
        AssignmentCallback.from_form(assignment(**{field: value}))
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, TaskRouterError)
    assert error.field == field
    assert str(error).startswith(f"{field}: expected")
    assert SECRET_NOTE not in str(error)


@pytest.mark.parametrize(
    ("posted", "expected"),
    [
        ("1700000000", datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)),
        ("1700000000.25", datetime(2023, 11, 14, 22, 13, 20, 250000, tzinfo=timezone.utc)),
        ("2023-11-14T22:13:20Z", datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)),
        ("2023-11-14T22:13:20.000Z", datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)),
        ("2023-11-14T23:13:20+01:00", datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)),
        ("2023-11-14T22:13:20", datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)),
        (
            "Tue, 14 Nov 2023 22:13:20 +0000",
            datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc),
        ),
        (
            "Tue, 14 Nov 2023 22:13:20 -0000",
            datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc),
        ),
    ],
)
def test_the_timestamp_is_an_aware_utc_datetime_in_any_form_twilio_uses(posted, expected):
    """Unix seconds, ISO 8601 or RFC 2822; zone-less times are UTC; always tz-aware UTC."""
    moment = AssignmentCallback.from_form(assignment(Timestamp=posted)).timestamp
    assert moment == expected
    assert moment.utcoffset() == timedelta(0)


def test_framework_form_objects_are_read_like_dicts():
    """Werkzeug's MultiDict (Flask) and Starlette's FormData parse the same."""
    expected = AssignmentCallback.from_form(assignment())
    assert AssignmentCallback.from_form(MultiDict(assignment())) == expected
    assert AssignmentCallback.from_form(FormData(assignment())) == expected


EVENT = {
    "EventType": "worker.activity.update",
    "AccountSid": ACCOUNT_SID,
    "WorkspaceSid": WS,
    "WorkspaceName": "Support",
    "EventDescription": "Worker alice updated to Idle Activity",
    "ResourceType": "worker",
    "ResourceSid": WK,
    "Timestamp": "1700000000",
    "TimestampMs": "1700000000123",
    "Sid": "EV" + "2" * 32,
    "WorkerSid": WK,
    "WorkerName": "alice",
    "WorkerAttributes": '{"languages": ["en"]}',
    "WorkerActivitySid": WA,
    "WorkerActivityName": "Idle",
    "WorkerVersion": "5",
    "WorkerTimeInPreviousActivity": "61",
    "WorkerTimeInPreviousActivityMs": "61250",
    "WorkerPreviousActivitySid": WA,
    "WorkerPreviousActivityName": "Offline",
    "OperatingUnitSid": "OU" + "3" * 32,
}


def test_a_worker_activity_event_is_typed():
    """The common fields and the Worker activity fields, each in its type."""
    event = EventCallback.from_form(EVENT)
    assert event.event_type is EventType.WORKER_ACTIVITY_UPDATE
    assert event.event_type == "worker.activity.update"
    assert event.timestamp == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)
    assert (event.timestamp_ms, event.sid) == (1700000000123, "EV" + "2" * 32)
    assert (event.workspace_name, event.resource_type, event.resource_sid) == (
        "Support",
        "worker",
        WK,
    )
    assert event.worker_attributes == {"languages": ["en"]}
    assert (event.worker_time_in_previous_activity, event.worker_time_in_previous_activity_ms) == (
        61,
        61250,
    )
    assert (event.worker_previous_activity_name, event.worker_version) == ("Offline", "5")
    assert event.operating_unit_sid == "OU" + "3" * 32
    assert event.task_sid is None
    assert event.extra_fields == {}


def test_a_reservation_event_carries_task_and_worker_fields():
    """reservation.created: Task, Worker, TaskQueue, Reservation and Workflow fields."""
    form = {
        **{k: EVENT[k] for k in ("AccountSid", "WorkspaceSid", "WorkspaceName", "Timestamp")},
        "EventType": "reservation.created",
        "EventDescription": "Task reserved",
        "ResourceType": "reservation",
        "ResourceSid": WR,
        "ReservationSid": WR,
        "TaskSid": WT,
        "TaskAttributes": '{"type": "voice"}',
        "TaskAge": "3",
        "TaskPriority": "0",
        "TaskAssignmentStatus": "reserved",
        "TaskQueueSid": WQ,
        "TaskQueueName": "English",
        "WorkflowSid": WW,
        "WorkflowName": "Default",
        "WorkerSid": WK,
        "TaskChannelUniqueName": "voice",
        "TaskCanceledReason": "",
        "TaskQueueEnteredDate": "1699999990",
    }
    event = EventCallback.from_form(form)
    assert event.event_type is EventType.RESERVATION_CREATED
    assert event.task_assignment_status is TaskStatus.RESERVED
    assert (event.task_age, event.task_priority, event.task_attributes) == (3, 0, {"type": "voice"})
    assert (event.reservation_sid, event.task_queue_sid, event.workflow_sid) == (WR, WQ, WW)
    assert (event.task_queue_name, event.workflow_name, event.task_channel_unique_name) == (
        "English",
        "Default",
        "voice",
    )
    assert event.task_canceled_reason == ""  # empty text is a value
    assert event.extra_fields == {"TaskQueueEnteredDate": "1699999990"}


def test_activity_and_channel_events_read_their_booleans():
    """ActivityAvailable, WorkerChannelAvailable and TaskChannelOptimizedRouting are bools."""
    base = {k: EVENT[k] for k in ("AccountSid", "WorkspaceSid", "WorkspaceName", "Timestamp")}
    common = {**base, "EventDescription": "", "ResourceType": "Activity", "ResourceSid": WA}
    event = EventCallback.from_form(
        {**common, "EventType": "activity.created", "ActivitySid": WA, "ActivityName": "Idle",
         "ActivityAvailable": "true", "WorkerChannelAvailable": "False",
         "WorkerChannelAvailableCapacity": "2", "WorkerChannelPreviousCapacity": "1",
         "WorkerChannelTaskCount": "0", "TaskChannelOptimizedRouting": "TRUE",
         "TaskChannelSid": "TC" + "4" * 32, "TaskChannelName": "Voice"}
    )  # fmt: skip
    assert (event.activity_sid, event.activity_name, event.activity_available) == (WA, "Idle", True)
    assert (event.worker_channel_available, event.task_channel_optimized_routing) == (False, True)
    assert (event.worker_channel_available_capacity, event.worker_channel_previous_capacity) == (
        2,
        1,
    )
    assert (event.worker_channel_task_count, event.task_channel_name) == (0, "Voice")


def test_an_event_type_twilio_adds_later_still_parses():
    """The event type is an open enum: a new value is kept and compares as its string."""
    event = EventCallback.from_form({**EVENT, "EventType": "worker.skills.update"})
    assert event.event_type == "worker.skills.update"
    assert not event.event_type.is_known
    assert EventType.WORKER_CREATED.is_known


def test_an_optional_field_posted_empty_counts_as_absent():
    """Empty numbers, flags, SIDs and JSON are None rather than errors."""
    blanks = {"TaskAge": "", "ActivityAvailable": "", "ReservationSid": "", "TaskAttributes": ""}
    event = EventCallback.from_form({**EVENT, **blanks})
    assert (event.task_age, event.activity_available, event.reservation_sid) == (None, None, None)
    assert event.task_attributes is None


@pytest.mark.parametrize(
    "field",
    ["EventType", "AccountSid", "WorkspaceSid", "WorkspaceName", "EventDescription",
     "ResourceType", "ResourceSid", "Timestamp"],
)  # fmt: skip
def test_the_eight_common_event_fields_are_required(field):
    """Every event callback carries the common fields; one missing is named."""
    form = {name: value for name, value in EVENT.items() if name != field}
    with pytest.raises(InvalidCallbackError) as caught:
        EventCallback.from_form(form)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ActivityAvailable", "yes"),
        ("WorkerChannelTaskCount", "one"),
        ("ResourceSid", "worker"),
        ("Sid", WK),
        ("WorkerAttributes", "[]"),
        ("TimestampMs", "soon"),
    ],
)
def test_a_malformed_event_field_is_named(field, value):
    """Optional fields are still checked when present."""
    form = {**EVENT, field: value}
    with pytest.raises(InvalidCallbackError) as caught:
        EventCallback.from_form(form)
    assert caught.value.field == field


def test_a_task_status_twilio_adds_later_still_parses():
    """TaskAssignmentStatus is an open enum too."""
    event = EventCallback.from_form({**EVENT, "TaskAssignmentStatus": "escalated"})
    assert event.task_assignment_status == "escalated"
    assert event.task_assignment_status is not None
    assert not event.task_assignment_status.is_known


@pytest.mark.parametrize("form", [None, "AccountSid=AC...", [("AccountSid", "AC")]])
def test_a_form_that_is_not_a_mapping_is_refused_naming_it(form):
    """from_form takes the decoded form; anything else is refused as the argument it is."""
    with pytest.raises(InvalidArgumentError) as caught:
        AssignmentCallback.from_form(form)
    assert caught.value.argument == "form"
