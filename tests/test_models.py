"""Task parsing and the model conventions: spec fidelity, tolerance of new fields and values,
immutability, hashing and equality, the JSON form, and safe reprs."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import datetime, timezone

import attrs
import pytest

from taskrouter_client import (
    HTTPInfo,
    InvalidArgumentError,
    InvalidResponseError,
    Reservation,
    Task,
    TaskStatus,
)
from taskrouter_client._serialization import StructureError, converter, structure_model
from tests.conftest import fixture_json, task_body


def parse(body: dict[str, object], etag: str | None = None) -> Task:
    return structure_model(Task, body, etag=etag, http=None)


def test_unknown_fields_are_kept_not_dropped():
    """Fields Twilio adds later are kept in extra_fields, as received."""
    task = parse(task_body(api_tag="vip", routing={"step": 2}))
    assert task.extra_fields == {"api_tag": "vip", "routing": {"step": 2}}


def test_body_keys_named_like_sdk_fields_do_not_override_them():
    """A body key 'etag' stays a body field; the ETag header fills task.etag."""
    task = parse(task_body(etag="from-body", http="x"), etag='"header"')
    assert task.etag == '"header"'
    assert task.http is None
    assert task.extra_fields == {"etag": "from-body", "http": "x"}


def test_unknown_enum_values_are_kept():
    """An assignment_status the SDK does not list still parses and compares as its string."""
    task = parse(task_body(assignment_status="escalated"))
    status = task.assignment_status
    assert status == "escalated"
    assert isinstance(status, TaskStatus)
    assert not status.is_known
    assert str(status) == "escalated"
    assert f"{status}" == "escalated"
    assert json.dumps(status) == '"escalated"'
    assert status not in list(TaskStatus)
    assert pickle.loads(pickle.dumps(status)) == "escalated"  # noqa: S301  # our own bytes


@pytest.mark.parametrize("value", ["pending", "escalated"])
def test_the_converter_itself_returns_enum_members(value):
    """Enums are built by the converter, not only by a model's own attrs converter."""
    status = converter().structure(value, TaskStatus)
    assert type(status) is TaskStatus
    assert status == value


def test_known_enum_values_are_the_members():
    """Listed values give the very members, equal and hashing like their strings."""
    status = parse(task_body(assignment_status="wrapping")).assignment_status
    assert status is TaskStatus.WRAPPING
    assert status.is_known
    assert status == "wrapping"
    assert {status} == {"wrapping"}
    assert str(TaskStatus.PENDING) == "pending"


def test_absent_optional_fields_default_to_none_and_spec_defaults():
    """A 2022-style body lacking newer fields parses; age, priority, timeout default to 0."""
    body = task_body()
    for name in ("virtual_start_time", "ignore_capacity", "routing_target", "age", "priority"):
        body.pop(name, None)
    task = parse(body)
    assert task.virtual_start_time is None
    assert task.ignore_capacity is None
    assert task.age == 0
    assert task.priority == 0


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("2014-05-14T14:26:54Z", datetime(2014, 5, 14, 14, 26, 54, tzinfo=timezone.utc)),
        ("2014-05-14T16:26:54+02:00", datetime(2014, 5, 14, 14, 26, 54, tzinfo=timezone.utc)),
        (
            "2014-05-14T14:26:54.250Z",
            datetime(2014, 5, 14, 14, 26, 54, 250000, tzinfo=timezone.utc),
        ),
        ("2014-05-14T14:26:54", datetime(2014, 5, 14, 14, 26, 54, tzinfo=timezone.utc)),
        ("20140514T142654Z", datetime(2014, 5, 14, 14, 26, 54, tzinfo=timezone.utc)),
        # Forms only python-dateutil reads (datetime.fromisoformat refuses them):
        ("2014-05-14T24:00:00Z", datetime(2014, 5, 15, tzinfo=timezone.utc)),
        ("2014134T142654Z", datetime(2014, 5, 14, 14, 26, 54, tzinfo=timezone.utc)),
    ],
)
def test_datetimes_are_timezone_aware_utc(wire, expected):
    """Every date-time form becomes an aware datetime in UTC."""
    task = parse(task_body(date_created=wire))
    assert task.date_created == expected
    assert task.date_created.tzinfo is timezone.utc


@pytest.mark.parametrize("wire", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_a_datetime_that_does_not_fit_in_utc_is_an_error_naming_the_field(wire):
    """An offset that moves a date out of datetime's range fails as any wrong value does."""
    with pytest.raises(StructureError, match=r"date_created: .* out of range in UTC"):
        parse(task_body(date_created=wire))


def test_attributes_are_available_raw_and_parsed():
    """attributes stays JSON text; parsed_attributes decodes it into a new dict each time."""
    task = parse(task_body(attributes='{"type": "support", "n": [1, 2]}'))
    assert task.attributes == '{"type": "support", "n": [1, 2]}'
    parsed = task.parsed_attributes
    assert parsed == {"type": "support", "n": [1, 2]}
    parsed["type"] = "changed"
    assert task.parsed_attributes == {"type": "support", "n": [1, 2]}


@pytest.mark.parametrize("field", ["attributes", "addons"])
def test_absent_json_fields_parse_to_an_empty_dict(field):
    """List answers may carry null attributes or addons; parsed, they are {} (never None)."""
    task = parse(task_body(**{field: None}))
    assert getattr(task, f"parsed_{field}") == {}


@pytest.mark.parametrize("field", ["attributes", "addons"])
@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("[1, 2]", "holds JSON list, not an object"),
        ('"text"', "holds JSON str, not an object"),
        ("{nope", "is not JSON"),
        ("[" * 100_000 + "]" * 100_000, "is not JSON"),
    ],
    ids=["list", "string", "not-json", "absurdly-nested"],
)
def test_json_fields_that_are_not_an_object_raise_invalid_response(field, raw, problem):
    """The SDK's typed error (never a ValueError or RecursionError), naming the Task and the
    field but not what it holds."""
    task = parse(task_body(**{field: raw}))
    with pytest.raises(InvalidResponseError) as caught:
        getattr(task, f"parsed_{field}")
    assert f"Task {task.sid}: {field} {problem}" in str(caught.value)
    assert "nope" not in str(caught.value)
    assert (caught.value.status, caught.value.method, caught.value.http) == (200, "-", None)


def test_repr_shows_the_size_of_attributes_not_their_content():
    """Task attributes are customer data (PII in the spec): a repr never shows them."""
    attributes = '{"caller": "+15551234567", "name": "Ada"}'
    text = repr(parse(task_body(attributes=attributes)))
    assert "+15551234567" not in text
    assert "Ada" not in text
    assert f"attributes=<{len(attributes)} characters>" in text
    assert text.startswith("Task(sid='WT")


def test_tasks_can_be_built_directly_for_tests():
    """Users can construct models in their own tests; statuses become the enum."""
    task = Task(sid="WT" + "1" * 32, assignment_status="reserved", priority=3)
    assert task.assignment_status is TaskStatus.RESERVED
    assert task.attributes is None
    assert task.extra_fields == {}


def test_models_are_frozen_all_the_way_down():
    """Neither a field nor a JSON object or array inside one can be changed in place."""
    task = parse(task_body(routing={"steps": [1, 2]}))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        task.priority = 9  # type: ignore[misc]
    assert task.links is not None
    with pytest.raises(TypeError, match="read-only"):
        task.links["workflow"] = "elsewhere"  # type: ignore[index]
    with pytest.raises(TypeError, match="read-only"):
        task.extra_fields["routing"].update(steps=[])
    assert task.extra_fields["routing"]["steps"] == (1, 2)
    assert task.links == task_body()["links"]  # still equal to the plain JSON object


def test_read_only_mappings_behave_as_dicts_otherwise():
    """They serialise, copy and pickle as dicts do; dict(...) gives a mutable copy."""
    task = parse(task_body(routing={"steps": [1, 2]}))
    assert json.loads(json.dumps(task.extra_fields)) == {"routing": {"steps": [1, 2]}}
    mutable = dict(task.extra_fields)
    mutable["new"] = 1
    assert "new" not in task.extra_fields
    assert pickle.loads(pickle.dumps(task)) == task  # noqa: S301  # our own bytes
    assert copy.deepcopy(task) == task
    assert copy.copy(task.links) is task.links


def test_models_are_hashable():
    """Parsed models hash (links and extra_fields included) and work in sets and as keys."""
    first = parse(task_body(routing={"steps": [1, 2]}))
    again = parse(task_body(routing={"steps": [1, 2]}))
    other = parse(task_body(priority=5))
    assert hash(first) == hash(again)
    assert len({first, again, other}) == 2
    assert {first: "seen"}[again] == "seen"


def test_a_task_from_a_list_equals_the_same_task_fetched():
    """Equality is the resource's state: the ETag and HTTP metadata of the read are left out."""
    first = HTTPInfo(status=200, method="GET", path="/a", headers={}, elapsed=0.1)
    second = HTTPInfo(status=200, method="GET", path="/a", headers={}, elapsed=0.2, retries=1)
    fetched = structure_model(Task, task_body(), etag='"7"', http=first)
    listed = structure_model(Task, task_body(), etag=None, http=second)
    assert fetched == listed
    assert hash(fetched) == hash(listed)
    assert fetched != structure_model(Task, task_body(reason="other"), etag='"7"', http=first)
    assert fetched != structure_model(Task, task_body(new="x"), etag='"7"', http=first)


def test_models_built_by_hand_are_frozen_and_hashable_too():
    """Plain dicts and lists given to a constructor or attrs.evolve are made read-only."""
    parsed = parse(task_body())
    task = Task(
        sid="WT" + "1" * 32,
        assignment_status="pending",
        links={"workspace": "https://example.com"},
        extra_fields={"tags": ["a", {"b": 1}], "kept": [parsed.links]},
    )
    assert task.extra_fields == {"tags": ("a", {"b": 1}), "kept": (parsed.links,)}
    assert task.extra_fields["kept"][0] is parsed.links  # already read-only: kept as is
    assert repr(task.links) == "FrozenDict({'workspace': 'https://example.com'})"
    hash(task)
    changed = attrs.evolve(task, extra_fields={"tags": []})
    assert changed.extra_fields["tags"] == ()
    with pytest.raises(TypeError, match="read-only"):
        changed.links.clear()  # type: ignore[union-attr]


# -- the JSON form ----------------------------------------------------------------------------


def test_to_dict_gives_the_json_form():
    """Wire names, ISO 8601 datetimes, enum values, unknown fields; no etag or http."""
    body = task_body(routing={"steps": [1, 2]}, date_created="2014-05-14T20:50:02+02:00")
    task = parse(body, etag='"3"')
    data = task.to_dict()
    assert data["date_created"] == "2014-05-14T18:50:02Z"
    assert data["date_updated"] == "2014-05-15T07:26:06Z"
    assert type(data["assignment_status"]) is str
    assert data["routing"] == {"steps": [1, 2]}
    assert type(data["links"]) is dict
    assert "etag" not in data
    assert "http" not in data
    newer_fields = dict.fromkeys(("virtual_start_time", "ignore_capacity", "routing_target"))
    assert data == {**body, "date_created": "2014-05-14T18:50:02Z", **newer_fields}
    assert json.loads(json.dumps(data)) == data
    data["priority"] = 99
    assert task.to_dict()["priority"] == 0  # a new dict each time


def test_to_dict_keeps_fractions_of_seconds_and_unknown_enum_values():
    """A datetime with microseconds and a status Twilio added later survive the round trip."""
    task = parse(task_body(date_created="2014-05-14T14:26:54.250Z", assignment_status="parked"))
    data = task.to_dict()
    assert data["date_created"] == "2014-05-14T14:26:54.250000Z"
    assert data["assignment_status"] == "parked"
    assert Task.from_dict(data) == task


def test_from_dict_reads_what_to_dict_gives():
    """The JSON form builds the same model (unknown fields included), for each model."""
    task = parse(task_body(routing={"steps": [1]}))
    assert Task.from_dict(task.to_dict()) == task
    body = fixture_json("reservation__test_fetch_response")
    reservation = structure_model(Reservation, body, etag=None, http=None)
    assert Reservation.from_dict(reservation.to_dict()) == reservation
    assert Task.from_dict(task_body()).etag is None


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"sid": "WT" + "0" * 32}, "assignment_status: required, but missing"),
        (task_body(priority="high"), "priority: expected an integer, got string"),
        (task_body(links={"a": 1}), "links.a: expected a string, got integer"),
        (task_body(date_created="soon"), "date_created: expected an ISO 8601 date-time string"),
    ],
)
def test_from_dict_refuses_what_a_response_could_not_hold(data, problem):
    """Bad input is an InvalidArgumentError (a ValueError) naming the field and the problem."""
    with pytest.raises(InvalidArgumentError, match="data") as caught:
        Task.from_dict(data)
    assert problem in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_from_dict_takes_a_mapping_only():
    """Anything but a mapping is refused before any field is read."""
    with pytest.raises(InvalidArgumentError, match="expected a mapping, got list"):
        Task.from_dict([("sid", "WT")])  # type: ignore[arg-type]
