"""The SDK against Twilio's OpenAPI description: every wire name, location, type, pattern,
enum and response field of the operations we offer."""

from __future__ import annotations

import inspect
import keyword
import re
import typing
from datetime import datetime, timezone
from typing import Any

import attrs
import pytest

import taskrouter_client as tr
from taskrouter_client._endpoints import OPERATIONS
from taskrouter_client._models import SDK_FIELDS
from taskrouter_client._operation import Operation
from taskrouter_client._serialization import structure_model
from tests.conftest import load_spec

SPEC = load_spec()
SCHEMAS = SPEC["components"]["schemas"]

# Each SDK method and the spec operation it performs (both clients).
FACES: list[tuple[Any, str]] = [
    (tr.TaskList.create, "CreateTask"),
    (tr.TaskList.list, "ListTask"),
    (tr.TaskContext.fetch, "FetchTask"),
    (tr.TaskContext.update, "UpdateTask"),
    (tr.TaskContext.delete, "DeleteTask"),
    (tr.AsyncTaskList.create, "CreateTask"),
    (tr.AsyncTaskList.list, "ListTask"),
    (tr.AsyncTaskContext.fetch, "FetchTask"),
    (tr.AsyncTaskContext.update, "UpdateTask"),
    (tr.AsyncTaskContext.delete, "DeleteTask"),
    (tr.ReservationList.list, "ListTaskReservation"),
    (tr.ReservationContext.fetch, "FetchTaskReservation"),
    (tr.ReservationContext.update, "UpdateTaskReservation"),
    (tr.WorkerReservationList.list, "ListWorkerReservation"),
    (tr.WorkerReservationContext.fetch, "FetchWorkerReservation"),
    (tr.WorkerReservationContext.update, "UpdateWorkerReservation"),
    (tr.AsyncReservationList.list, "ListTaskReservation"),
    (tr.AsyncReservationContext.fetch, "FetchTaskReservation"),
    (tr.AsyncReservationContext.update, "UpdateTaskReservation"),
    (tr.AsyncWorkerReservationList.list, "ListWorkerReservation"),
    (tr.AsyncWorkerReservationContext.fetch, "FetchWorkerReservation"),
    (tr.AsyncWorkerReservationContext.update, "UpdateWorkerReservation"),
]

MODELS: list[tuple[type, str]] = [
    (tr.Task, "taskrouter.v1.workspace.task"),
    (tr.Reservation, "taskrouter.v1.workspace.task.task_reservation"),
    (tr.WorkerReservation, "taskrouter.v1.workspace.worker.worker_reservation"),
]
ENUMS: list[tuple[type, str]] = [
    (tr.TaskStatus, "task_enum_status"),
    (tr.ReservationStatus, "task_reservation_enum_status"),
    (tr.ReservationStatus, "worker_reservation_enum_status"),
    (tr.CallStatus, "task_reservation_enum_call_status"),
    (tr.CallStatus, "worker_reservation_enum_call_status"),
    (tr.ConferenceEvent, "task_reservation_enum_conference_event"),
    (tr.ConferenceEvent, "worker_reservation_enum_conference_event"),
    (tr.SupervisorMode, "task_reservation_enum_supervisor_mode"),
]

# The instruction flows and the update operation whose keywords they must be a part of.
FLOWS: list[tuple[Any, str]] = [
    *[
        (getattr(cls, name), update)
        for cls, update in [
            (tr.ReservationContext, "UpdateTaskReservation"),
            (tr.WorkerReservationContext, "UpdateWorkerReservation"),
            (tr.AsyncReservationContext, "UpdateTaskReservation"),
            (tr.AsyncWorkerReservationContext, "UpdateWorkerReservation"),
        ]
        for name in ("accept", "reject", "dequeue", "call", "redirect", "conference")
    ],
    (tr.ReservationContext.supervise, "UpdateTaskReservation"),
    (tr.AsyncReservationContext.supervise, "UpdateTaskReservation"),
]

# Parameters the SDK leaves out on purpose: Twilio answers absolute paging with HTTP 400.
LEFT_OUT = {"Page"}


def spec_operation(operation_id: str) -> tuple[str, str, dict[str, Any]]:
    for path, item in SPEC["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return method.upper(), path, op
    raise LookupError(operation_id)


def spec_parameters(op: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Wire name -> (location, schema) for every non-path parameter."""
    params = {
        p["name"]: (p["in"], p["schema"]) for p in op.get("parameters", []) if p["in"] != "path"
    }
    body = op.get("requestBody", {}).get("content", {})
    for name, schema in (
        body.get("application/x-www-form-urlencoded", {})
        .get("schema", {})
        .get("properties", {})
        .items()
    ):
        params[name] = ("form", schema)
    return {name: spec for name, spec in params.items() if name not in LEFT_OUT}


def snake(wire_name: str) -> str:
    """The SDK keyword for a wire name: WorkflowSid -> workflow_sid, From -> from_."""
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", wire_name.replace("-", "")).lower()
    return name + "_" if keyword.iskeyword(name) else name


def ours(operation_id: str) -> Operation[Any]:
    return next(op for op in OPERATIONS if op.name == operation_id)


def method_keywords(method: Any) -> set[str]:
    """The keywords a method accepts: explicit ones and those of its **params TypedDict."""
    hints = typing.get_type_hints(method, include_extras=True)
    names = set()
    for name, parameter in inspect.signature(method).parameters.items():
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            names.add(name)
        elif parameter.kind is inspect.Parameter.VAR_KEYWORD:
            (typed_dict,) = typing.get_args(hints[name])
            names |= set(typing.get_type_hints(typed_dict))
    return names


def test_every_offered_operation_has_a_face_on_both_clients():
    """The table and the faces list agree, so nothing below is skipped silently."""
    assert {op.name for op in OPERATIONS} == {operation_id for _, operation_id in FACES}
    assert len(FACES) == 2 * len(OPERATIONS)


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_method_and_path_match_the_spec(op):
    """Each operation uses the spec's HTTP method and path template."""
    method, path, _ = spec_operation(op.name)
    assert (op.method, op.path) == (method, path)


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_parameters_match_the_spec_names_and_locations(op):
    """Every spec parameter (Page aside) is declared, with its wire name and location."""
    _, _, spec_op = spec_operation(op.name)
    expected = {
        snake(name): (name, location) for name, (location, _) in spec_parameters(spec_op).items()
    }
    declared = {keyword: (wire.name, wire.location) for keyword, wire in op.params.items()}
    assert declared == expected


@pytest.mark.parametrize(
    ("method", "operation_id"), FACES, ids=lambda v: getattr(v, "__qualname__", v)
)
def test_every_spec_parameter_is_a_keyword_of_the_method(method, operation_id):
    """The SDK method takes a snake_case keyword for every spec parameter (Page aside)."""
    _, _, spec_op = spec_operation(operation_id)
    wanted = {snake(name) for name in spec_parameters(spec_op)}
    accepted = method_keywords(method)
    assert wanted <= accepted, f"missing keywords: {sorted(wanted - accepted)}"
    assert accepted - wanted <= {"limit"}


# Parameters whose valid values the spec gives only in prose: (value, wire strings).
_ATTRIBUTES = ({"type": "support"}, ['{"type":"support"}'])
PROSE_VALUES: dict[str, tuple[Any, list[str]]] = {
    "CreateTask.Attributes": _ATTRIBUTES,
    "UpdateTask.Attributes": _ATTRIBUTES,
    "ListTask.AssignmentStatus": (["pending", "reserved"], ["pending", "reserved"]),
}


def sample(schema: dict[str, Any]) -> tuple[Any, list[str]]:  # noqa: PLR0911  # one per type
    """A valid Python value for a spec schema, and how it must look on the wire."""
    if "$ref" in schema:
        return sample(SCHEMAS[schema["$ref"].rsplit("/", 1)[1]])
    if "pattern" in schema:
        sid = schema["pattern"][1:3] + "0123456789abcdef" * 2
        return sid, [sid]
    if "enum" in schema:
        return schema["enum"][0], [schema["enum"][0]]
    kind = schema.get("type")
    if kind == "array":
        value, wire = sample(schema["items"])
        return [value, value], wire * 2
    if schema.get("format") == "date-time":
        return datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone.utc), ["2020-01-02T03:04:05Z"]
    if schema.get("format") == "uri":
        return "https://example.com/callback", ["https://example.com/callback"]
    if kind == "integer":
        return 10, ["10"]
    if kind == "boolean":
        return True, ["true"]
    return "text", ["text"]


PARAMETERS = [
    pytest.param(op, name, location, schema, id=f"{op.name}.{name}")
    for op in OPERATIONS
    for name, (location, schema) in spec_parameters(spec_operation(op.name)[2]).items()
]


@pytest.mark.parametrize(("op", "name", "location", "schema"), PARAMETERS)
def test_each_parameter_encodes_a_valid_value_as_the_spec_expects(op, name, location, schema):
    """A value of the spec's type is accepted and written in Twilio's form."""
    wire = op.params[snake(name)]
    value, expected = PROSE_VALUES.get(f"{op.name}.{name}") or sample(schema)
    assert list(wire.encode(snake(name), value)) == expected


@pytest.mark.parametrize(("op", "name", "location", "schema"), PARAMETERS)
def test_each_parameter_refuses_what_its_schema_refuses(op, name, location, schema):
    """Patterns, enums and types from the spec are enforced before sending."""
    wire = op.params[snake(name)]
    target = SCHEMAS[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema
    items = target.get("items", {})
    if "pattern" in target:
        other = "XX" if target["pattern"][1:3] != "XX" else "YY"
        bad: Any = other + "0123456789abcdef" * 2
    elif "enum" in target or "enum" in items:
        bad = "not-a-listed-value"
    elif target.get("type") in {"integer", "boolean"} or target.get("format") == "date-time":
        bad = object()
    else:
        bad = 12345  # every string parameter refuses a number
    with pytest.raises(tr.InvalidArgumentError) as caught:
        wire.encode(snake(name), [bad] if target.get("type") == "array" else bad)
    assert caught.value.argument == snake(name)


@pytest.mark.parametrize(("flow", "update"), FLOWS, ids=lambda v: getattr(v, "__qualname__", v))
def test_each_flow_takes_only_keywords_of_its_update(flow, update):
    """accept(), dequeue(), ... accept a part of the update's keywords, always if_match."""
    _, _, spec_op = spec_operation(update)
    keywords = method_keywords(flow)
    assert "if_match" in keywords
    assert keywords <= {snake(name) for name in spec_parameters(spec_op)}
    assert not keywords & {"instruction", "reservation_status"}


@pytest.mark.parametrize(("model", "schema_name"), MODELS, ids=lambda v: getattr(v, "__name__", v))
def test_models_have_exactly_the_spec_fields(model, schema_name):
    """A model holds every field of its spec schema, and nothing else but the SDK fields."""
    fields = {a.name for a in attrs.fields(model)}
    assert fields - SDK_FIELDS == set(SCHEMAS[schema_name]["properties"])


@pytest.mark.parametrize(("model", "schema_name"), MODELS, ids=lambda v: getattr(v, "__name__", v))
def test_model_field_types_follow_the_spec(model, schema_name):
    """Date-times are datetimes, integers ints, booleans bools, enums our open enums."""
    hints = typing.get_type_hints(model)
    for name, schema in SCHEMAS[schema_name]["properties"].items():
        hinted = set(typing.get_args(hints[name])) or {hints[name]}
        if "$ref" in schema:
            enum_schema = schema["$ref"].rsplit("/", 1)[1]
            assert any(isinstance(t, type) and issubclass(t, tr.OpenStrEnum) for t in hinted), name
            (enum,) = [e for e, s in ENUMS if s == enum_schema]
            assert enum in hinted
        elif schema.get("format") == "date-time":
            assert datetime in hinted, name
        elif schema.get("type") == "integer":
            assert int in hinted, name
        elif schema.get("type") == "boolean":
            assert bool in hinted, name
        elif schema.get("type") == "string":
            assert str in hinted, name


@pytest.mark.parametrize(("enum", "schema_name"), ENUMS, ids=lambda v: getattr(v, "__name__", v))
def test_enums_list_exactly_the_spec_values(enum, schema_name):
    """Our enums hold the spec's values, in the spec's order."""
    assert [member.value for member in enum] == SCHEMAS[schema_name]["enum"]


# How to reach each path's resource in the SDK, given its path values in order.
NAVIGATE: dict[str, Any] = {
    "/v1/Workspaces/{WorkspaceSid}/Tasks": lambda c, ws: c.workspaces(ws).tasks,
    "/v1/Workspaces/{WorkspaceSid}/Tasks/{Sid}": lambda c, ws, wt: c.workspaces(ws).tasks(wt),
    "/v1/Workspaces/{WorkspaceSid}/Tasks/{TaskSid}/Reservations": (
        lambda c, ws, wt: c.workspaces(ws).tasks(wt).reservations
    ),
    "/v1/Workspaces/{WorkspaceSid}/Tasks/{TaskSid}/Reservations/{Sid}": (
        lambda c, ws, wt, wr: c.workspaces(ws).tasks(wt).reservations(wr)
    ),
    "/v1/Workspaces/{WorkspaceSid}/Workers/{WorkerSid}/Reservations": (
        lambda c, ws, wk: c.workspaces(ws).workers(wk).reservations
    ),
    "/v1/Workspaces/{WorkspaceSid}/Workers/{WorkerSid}/Reservations/{Sid}": (
        lambda c, ws, wk, wr: c.workspaces(ws).workers(wk).reservations(wr)
    ),
}


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
@pytest.mark.parametrize("client_class", [tr.Client, tr.AsyncClient])
def test_path_sids_are_checked_against_the_spec_patterns(op, client_class):
    """SIDs matching the spec's path patterns are accepted; any other prefix is refused."""
    _, path, spec_op = spec_operation(op.name)
    patterns = [p["schema"]["pattern"] for p in spec_op["parameters"] if p["in"] == "path"]
    valid = [pattern[1:3] + "0123456789ABCDEF" * 2 for pattern in patterns]
    client = client_class(account_sid="AC" + "0" * 32, auth_token="t")
    reached = repr(NAVIGATE[path](client, *valid))
    assert all(sid in reached for sid in valid)
    for position, pattern in enumerate(patterns):
        assert re.fullmatch(pattern, valid[position])
        wrong = [*valid]
        wrong[position] = ("WK" if pattern[1:3] != "WK" else "WQ") + valid[position][2:]
        with pytest.raises(tr.InvalidArgumentError, match=re.escape(pattern)):
            NAVIGATE[path](client, *wrong)


@pytest.mark.parametrize(
    ("operation_id", "example_status"),
    [("CreateTask", "201"), ("FetchTask", "200"), ("UpdateTask", "200")],
)
def test_spec_example_responses_parse(operation_id, example_status):
    """Every example body the spec gives for a Task parses into a Task."""
    _, _, spec_op = spec_operation(operation_id)
    examples = spec_op["responses"][example_status]["content"]["application/json"]["examples"]
    for example in examples.values():
        task = structure_model(tr.Task, example["value"], etag=None, http=None)
        assert task.sid == example["value"]["sid"]
        assert task.extra_fields == {}
        assert task.date_created is not None
        assert task.date_created.tzinfo is timezone.utc
