"""The SDK against Twilio's OpenAPI description, mechanically, for all 61 operations: method,
path, every parameter's wire name, location, type, pattern, enum and required flag, every
response field and enum value, on both clients."""

from __future__ import annotations

import dataclasses
import json
import keyword
import re
import typing
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

import attrs
import pytest
from typing_extensions import Required

import taskrouter_client as tr
from taskrouter_client._generated.operations import OPERATIONS
from taskrouter_client._http_info import HTTPInfo
from taskrouter_client._models import SDK_FIELDS
from taskrouter_client._operation import Operation, Safety
from taskrouter_client._responses import Response, read_page, read_result
from taskrouter_client._spec import overlay
from tests.api_tree import SIDS, TREE, declaration, keywords
from tests.conftest import load_spec

SPEC = load_spec()
SCHEMAS = SPEC["components"]["schemas"]
BY_NAME = {op.name: op for op in OPERATIONS}

# Parameters the SDK leaves out on purpose: Twilio answers absolute paging with HTTP 400.
LEFT_OUT = {"Page"}

# The one JSON body the spec leaves undescribed, as Twilio's TaskQueue statistics page
# documents it: {"queueSids": [...]}, required.
UNDESCRIBED_BODIES = {"CreateTaskQueueBulkRealTimeStatistics": {"queueSids": ("form", True)}}

# Where the spec writes "{Sid}", the SDK names the SID after its resource: the collection's
# name in the singular, but for a Worker's channels.
IRREGULAR_SINGULARS = {"Activities": "Activity", "Channels": "WorkerChannel"}


def spec_operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    found = {}
    for path, item in SPEC["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                found[op["operationId"]] = (method.upper(), path, op)
    return found


SPEC_OPS = spec_operations()
NAMES = sorted(SPEC_OPS)


def spec_parameters(name: str) -> dict[str, tuple[str, dict[str, Any], bool]]:
    """Wire name -> (location, schema, required) for every non-path parameter."""
    _, _, op = SPEC_OPS[name]
    params = {
        p["name"]: (p["in"], p["schema"], p.get("required", False))
        for p in op.get("parameters", [])
        if p["in"] != "path" and p["name"] not in LEFT_OUT
    }
    body = op.get("requestBody", {}).get("content", {})
    form = body.get("application/x-www-form-urlencoded", {}).get("schema", {})
    for wire, schema in form.get("properties", {}).items():
        params[wire] = ("form", schema, wire in form.get("required", []))
    return params


def snake(wire_name: str) -> str:
    """The SDK keyword for a wire name: WorkflowSid -> workflow_sid, From -> from_."""
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", wire_name.replace("-", "")).lower()
    return name + "_" if keyword.iskeyword(name) else name


def normalised(path: str) -> str:
    def singular(collection: str) -> str:
        return IRREGULAR_SINGULARS.get(collection, collection.removesuffix("s"))

    return re.sub(r"/([A-Za-z]+)/\{Sid\}", lambda m: f"/{m[1]}/{{{singular(m[1])}Sid}}", path)


def test_every_spec_operation_is_offered_once():
    """The table holds the spec's 61 operations, each once, and the tree reaches each."""
    assert len(SPEC_OPS) == 61
    assert sorted(op.name for op in OPERATIONS) == NAMES
    assert sorted(TREE) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_method_and_path_match_the_spec(name):
    """The spec's HTTP method and path, with every {Sid} named after its collection."""
    method, path, _ = SPEC_OPS[name]
    assert (BY_NAME[name].method, BY_NAME[name].path) == (method, normalised(path))
    assert set(re.findall(r"\{(\w+)\}", BY_NAME[name].path)) <= set(SIDS)


@pytest.mark.parametrize("name", NAMES)
def test_parameters_match_the_spec_names_locations_and_required_flags(name):
    """Every spec parameter (Page aside) is declared with its wire name, location and flag."""
    expected = {
        snake(wire): (wire, location, required)
        for wire, (location, _, required) in spec_parameters(name).items()
    }
    for wire, (location, required) in UNDESCRIBED_BODIES.get(name, {}).items():
        expected[snake(wire)] = (wire, location, required)
    op = BY_NAME[name]
    declared = {
        keyword: (wire.name, wire.location, keyword in op.required)
        for keyword, wire in op.params.items()
    }
    assert declared == expected
    assert op.json_body == (name in UNDESCRIBED_BODIES)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("client_class", [tr.Client, tr.AsyncClient])
def test_every_spec_parameter_is_a_keyword_of_the_method(name, client_class):
    """The method in the tree takes a snake_case keyword for every spec parameter, no other."""
    client = client_class(account_sid="AC" + "0" * 32, auth_token="t")
    face, attribute = TREE[name](client)
    wanted = {snake(wire) for wire in spec_parameters(name)}
    wanted |= {snake(wire) for wire in UNDESCRIBED_BODIES.get(name, {})}
    accepted = keywords(face, attribute)
    assert wanted <= accepted, f"missing keywords: {sorted(wanted - accepted)}"
    extra = {"limit"} if BY_NAME[name].list_key else set()
    assert accepted - wanted == extra


@pytest.mark.parametrize("name", NAMES)
def test_required_parameters_are_required_by_the_signature(name):
    """A spec-required parameter is Required in the TypedDict type checkers see."""
    client = tr.Client(account_sid="AC" + "0" * 32, auth_token="t")
    face, attribute = TREE[name](client)
    declared = declaration(face, attribute)
    typed_dict = getattr(declared, "keywords", None)
    required = {snake(wire) for wire, (_, _, flag) in spec_parameters(name).items() if flag}
    required |= {snake(wire) for wire in UNDESCRIBED_BODIES.get(name, {})}
    if typed_dict is None:
        assert not required
        return
    hints = typing.get_type_hints(typing.cast("type", typed_dict), include_extras=True)
    marked = {
        key
        for key, hint in hints.items()
        if typing.get_origin(typing.get_args(hint)[0]) is Required
    }
    assert marked == required


# Parameters whose valid values the spec gives only in prose: (value, wire strings).
_ATTRIBUTES = ({"type": "support"}, ['{"type":"support"}'])
_CONFIGURATION = (
    {"task_routing": {"filters": []}},
    ['{"task_routing":{"filters":[]}}'],
)
PROSE_VALUES: dict[str, tuple[Any, list[str]]] = {
    "CreateTask.Attributes": _ATTRIBUTES,
    "UpdateTask.Attributes": _ATTRIBUTES,
    "CreateWorker.Attributes": _ATTRIBUTES,
    "UpdateWorker.Attributes": _ATTRIBUTES,
    "CreateWorkflow.Configuration": _CONFIGURATION,
    "UpdateWorkflow.Configuration": _CONFIGURATION,
    "CreateTaskQueue.TargetWorkers": ('languages HAS "es"', ['languages HAS "es"']),
    "UpdateTaskQueue.TargetWorkers": ("1==1", ["1==1"]),
    "ListWorker.TargetWorkersExpression": ("skills HAS 'fr'", ["skills HAS 'fr'"]),
    "ListTask.EvaluateTaskAttributes": ('type == "chat"', ['type == "chat"']),
    "ListTask.AssignmentStatus": (["pending", "reserved"], ["pending", "reserved"]),
}
SPLIT_BY_WAIT_TIME = ([5, 30], ["5,30"])


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


def valid_value(name: str, wire: str, schema: dict[str, Any]) -> tuple[Any, list[str]]:
    if wire == "SplitByWaitTime":
        return SPLIT_BY_WAIT_TIME
    return PROSE_VALUES.get(f"{name}.{wire}") or sample(schema)


PARAMETERS = [
    pytest.param(name, wire, location, schema, id=f"{name}.{wire}")
    for name in NAMES
    for wire, (location, schema, _) in spec_parameters(name).items()
]


@pytest.mark.parametrize(("name", "wire", "location", "schema"), PARAMETERS)
def test_each_parameter_encodes_a_valid_value_as_the_spec_expects(name, wire, location, schema):
    """A value of the spec's type is accepted and written in Twilio's form."""
    declared = BY_NAME[name].params[snake(wire)]
    value, expected = valid_value(name, wire, schema)
    assert list(declared.encode(snake(wire), value)) == expected


@pytest.mark.parametrize(("name", "wire", "location", "schema"), PARAMETERS)
def test_each_parameter_refuses_what_its_schema_refuses(name, wire, location, schema):
    """Patterns, enums and types from the spec are enforced before sending."""
    declared = BY_NAME[name].params[snake(wire)]
    target = SCHEMAS[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema
    items = target.get("items", {})
    if "pattern" in target:
        other = "XX" if target["pattern"][1:3] != "XX" else "YY"
        bad: Any = other + "0123456789abcdef" * 2
    elif "enum" in target or "enum" in items or "$ref" in items:
        bad = "not-a-listed-value"
    elif target.get("type") in {"integer", "boolean"} or target.get("format") == "date-time":
        bad = object()
    else:
        bad = 12345  # every string parameter refuses a number
    with pytest.raises(tr.InvalidArgumentError) as caught:
        declared.encode(snake(wire), [bad] if target.get("type") == "array" else bad)
    assert caught.value.argument == snake(wire)


def test_the_undescribed_json_body_takes_one_to_fifty_queue_sids():
    """queueSids: TaskQueue SIDs only, one to fifty (Twilio's documented limits)."""
    declared = BY_NAME["CreateTaskQueueBulkRealTimeStatistics"].params["queue_sids"]
    sid = "WQ" + "0123456789abcdef" * 2
    assert declared.encode("queue_sids", [sid] * 50) == (sid,) * 50
    for bad in ([], [sid] * 51, ["WW" + sid[2:]], sid):
        with pytest.raises(tr.InvalidArgumentError, match="queue_sids"):
            declared.encode("queue_sids", bad)


@pytest.mark.parametrize(
    ("flow", "update"),
    [
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
    ],
    ids=lambda v: getattr(v, "__qualname__", v),
)
def test_each_flow_takes_only_keywords_of_its_update(flow, update):
    """accept(), dequeue(), ... accept a part of the update's keywords, always if_match."""
    accepted = _function_keywords(flow)
    assert "if_match" in accepted
    assert accepted <= {snake(name) for name in spec_parameters(update)}
    assert not accepted & {"instruction", "reservation_status"}


def _function_keywords(function: Any) -> set[str]:
    hints = typing.get_type_hints(function, include_extras=True)
    (typed_dict,) = typing.get_args(hints["params"])
    return set(typing.get_type_hints(typed_dict))


# -- models --------------------------------------------------------------------------------


def response_schemas() -> dict[str, str]:
    """Every schema an operation returns (a list's item schema), by name."""
    found = {}
    for name in NAMES:
        _, _, op = SPEC_OPS[name]
        (response,) = [r for status, r in op["responses"].items() if status.startswith("2")]
        content = response.get("content")
        if content is None:
            continue
        schema = content["application/json"]["schema"]
        if "$ref" not in schema:
            (key,) = [k for k in schema["properties"] if k != "meta"]
            schema = schema["properties"][key]["items"]
        found[name] = schema["$ref"].rsplit("/", 1)[1]
    return found


RETURNS = response_schemas()
MODELS = sorted(set(RETURNS.values()))


def model_for(schema_name: str) -> type:
    (model,) = {BY_NAME[name].model for name, schema in RETURNS.items() if schema == schema_name}
    assert model is not None
    return model


def test_every_model_is_exported_from_the_package():
    """Each response schema's model is importable from taskrouter_client."""
    assert len(MODELS) == 26
    for schema_name in MODELS:
        model = model_for(schema_name)
        assert getattr(tr, model.__name__) is model
        assert issubclass(model, tr.Model)


@pytest.mark.parametrize("schema_name", MODELS)
def test_models_have_exactly_the_spec_fields(schema_name):
    """A model holds every field of its spec schema, and nothing else but the SDK fields."""
    fields = {a.name for a in attrs.fields(model_for(schema_name))}
    assert fields - SDK_FIELDS == set(SCHEMAS[schema_name]["properties"])


# Fields the spec leaves untyped ("nullable" only) or types as arrays of anything, typed from
# Twilio's documentation; and averages, which Twilio sends as floats (0.0) where the spec says
# integer.
UNTYPED_IN_SPEC = {
    "activity_durations": Sequence[tr.ActivityDuration],
    "activity_statistics": Sequence[tr.ActivityStatistic],
    "split_by_wait_time": Mapping[str, tr.WaitTimeSplit],
    "wait_duration_until_accepted": tr.Durations,
    "wait_duration_until_canceled": tr.Durations,
    "wait_duration_in_queue_until_accepted": tr.Durations,
    "tasks_by_priority": Mapping[str, int],
    "tasks_by_status": Mapping[str, int],
    "event_data": Mapping[str, Any],
    "task_queue_data": Sequence[tr.TaskQueueRealTimeStatistics],
}
FLOATS = {"avg_task_acceptance_time"}


@pytest.mark.parametrize("schema_name", MODELS)
def test_model_field_types_follow_the_spec(schema_name):  # one per type
    """Date-times are datetimes, integers ints, booleans bools, enums our open enums."""
    model = model_for(schema_name)
    hints = typing.get_type_hints(model)
    for name, schema in SCHEMAS[schema_name]["properties"].items():
        hinted = set(typing.get_args(hints[name])) or {hints[name]}
        if name in {"cumulative", "realtime"}:
            (nested,) = hinted - {type(None)}
            assert issubclass(nested, tr.Model), name
            assert {"cumulative": "Cumulative", "realtime": "RealTime"}[name] in nested.__name__
        elif name in UNTYPED_IN_SPEC:
            assert UNTYPED_IN_SPEC[name] in hinted, name
        elif "$ref" in schema:
            enum_schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[1]]
            (enum,) = hinted
            assert issubclass(enum, tr.OpenStrEnum), name
            assert [m.value for m in enum] == enum_schema["enum"], name
        elif schema.get("format") == "date-time":
            assert datetime in hinted, name
        elif name in FLOATS:
            assert float in hinted, name
        elif schema.get("type") == "integer":
            assert int in hinted, name
        elif schema.get("type") == "boolean":
            assert bool in hinted, name
        elif schema.get("type") == "string":
            assert str in hinted, name
        elif schema.get("format") == "uri-map":
            assert Mapping[str, str] in hinted, name
        else:
            pytest.fail(f"{name}: a spec type the test does not know: {schema}")


def spec_enums() -> dict[str, list[str]]:
    return {name: schema["enum"] for name, schema in SCHEMAS.items() if "enum" in schema}


ENUM_CLASSES = {
    "task_enum_status": tr.TaskStatus,
    "task_reservation_enum_status": tr.ReservationStatus,
    "worker_reservation_enum_status": tr.ReservationStatus,
    "task_reservation_enum_call_status": tr.CallStatus,
    "worker_reservation_enum_call_status": tr.CallStatus,
    "task_reservation_enum_conference_event": tr.ConferenceEvent,
    "worker_reservation_enum_conference_event": tr.ConferenceEvent,
    "task_reservation_enum_supervisor_mode": tr.SupervisorMode,
    "task_queue_enum_task_order": tr.TaskOrder,
    "workspace_enum_queue_order": tr.QueueOrder,
}


@pytest.mark.parametrize(("schema_name", "values"), sorted(spec_enums().items()))
def test_enums_list_exactly_the_spec_values(schema_name, values):
    """Every spec enum has a class listing its values, in the spec's order."""
    assert [member.value for member in ENUM_CLASSES[schema_name]] == values


# -- paths ---------------------------------------------------------------------------------

_WRONG = "XX" + "0" * 32
# How to reach a resource with a wrong SID in one place, by the placeholder it fills.
WRONG_SIDS = {
    "WorkspaceSid": ("workspace_sid", lambda c: c.workspaces(_WRONG)),
    "ActivitySid": (
        "activity_sid",
        lambda c: c.workspaces(SIDS["WorkspaceSid"]).activities(_WRONG),
    ),
    "EventSid": ("event_sid", lambda c: c.workspaces(SIDS["WorkspaceSid"]).events(_WRONG)),
    "TaskQueueSid": (
        "task_queue_sid",
        lambda c: c.workspaces(SIDS["WorkspaceSid"]).task_queues(_WRONG),
    ),
    "TaskSid": ("task_sid", lambda c: c.workspaces(SIDS["WorkspaceSid"]).tasks(_WRONG)),
    "WorkerSid": ("worker_sid", lambda c: c.workspaces(SIDS["WorkspaceSid"]).workers(_WRONG)),
    "ReservationSid": (
        "reservation_sid",
        lambda c: c.workspaces(SIDS["WorkspaceSid"]).tasks(SIDS["TaskSid"]).reservations(_WRONG),
    ),
    "WorkflowSid": ("workflow_sid", lambda c: c.workspaces(SIDS["WorkspaceSid"]).workflows(_WRONG)),
}


def path_patterns() -> list[Any]:
    """(operation, placeholder, pattern) for every path SID the spec gives a pattern."""
    found = []
    for name in NAMES:
        _, path, op = SPEC_OPS[name]
        placeholders = re.findall(r"\{(\w+)\}", normalised(path))
        spec_names = re.findall(r"\{(\w+)\}", path)
        schemas = {p["name"]: p["schema"] for p in op.get("parameters", []) if p["in"] == "path"}
        for placeholder, spec_name in zip(placeholders, spec_names, strict=True):
            pattern = schemas[spec_name].get("pattern")
            found.append(pytest.param(name, placeholder, pattern, id=f"{name}-{placeholder}"))
    return found


@pytest.mark.parametrize(("name", "placeholder", "pattern"), path_patterns())
@pytest.mark.parametrize("client_class", [tr.Client, tr.AsyncClient])
def test_path_sids_are_checked_against_the_spec_patterns(name, placeholder, pattern, client_class):
    """Each path SID is checked against the spec's pattern when the tree is walked."""
    client = client_class(account_sid="AC" + "0" * 32, auth_token="t")
    face, _ = TREE[name](client)
    assert re.fullmatch(pattern or ".+", SIDS[placeholder])
    assert f"{placeholder}={SIDS[placeholder]!r}" in repr(face)
    if pattern is None:  # a channel, reached by its SID or its unique name
        assert placeholder in {"TaskChannelSid", "WorkerChannelSid"}
        return
    argument, reach = WRONG_SIDS[placeholder]
    with pytest.raises(tr.InvalidArgumentError, match=re.escape(pattern)) as caught:
        reach(client)
    assert caught.value.argument == argument


# -- the spec's example responses ----------------------------------------------------------


def examples() -> list[Any]:
    found = []
    for name in NAMES:
        _, _, op = SPEC_OPS[name]
        for status, response in op["responses"].items():
            content = response.get("content", {}).get("application/json", {})
            for key, example in content.get("examples", {}).items():
                found.append(pytest.param(name, int(status), example["value"], id=f"{name}-{key}"))
    return found


@pytest.mark.parametrize(("name", "status", "body"), examples())
def test_every_spec_example_response_parses_with_no_field_left_over(name, status, body):
    """Each example body the spec gives parses into its model, every field known."""
    op: Operation[Any] = BY_NAME[name]
    info = HTTPInfo(status=status, headers={}, method=op.method, path=op.path, elapsed=0.0)
    response = Response(info, json.dumps(body).encode())
    if op.list_key:
        page = read_page(op, response)
        items = list(page.items)
        assert len(items) == len(body[op.list_key])
    else:
        items = [read_result(op, response)]
    for item in items:
        assert isinstance(item, op.model)  # type: ignore[arg-type]
        assert item.extra_fields == {}


# -- the overlay ---------------------------------------------------------------------------


def test_the_overlay_has_no_defaults_and_agrees_with_the_table():
    """Every overlay row states everything (no field has a default), one row per operation,
    and each operation's safety, required keywords and body are the row's."""
    rows = [overlay.Arg, overlay.ReadBack, overlay.Op, overlay.Group, overlay.Model, overlay.Enum]
    for row in rows:
        for field in dataclasses.fields(row):
            assert field.default is dataclasses.MISSING, f"{row.__name__}.{field.name}"
            assert field.default_factory is dataclasses.MISSING, f"{row.__name__}.{field.name}"
    assert sorted(overlay.OPERATIONS) == NAMES
    for name, row in overlay.OPERATIONS.items():
        op = BY_NAME[name]
        assert op.safety is Safety[row.safety], name
        assert (op.read_back is None) == (row.read_back is None), name
        assert op.json_body == (row.body is not None), name
        assert (op.model.__name__ if op.model else None) == row.model, name
