"""Properties over generated inputs (hypothesis).

- Whatever JSON a server sends where a Task belongs, the SDK returns a correct Task (keeping
  unknown fields) or raises InvalidResponseError: never KeyError, JSONDecodeError or cattrs'
  own errors.
- Whatever bytes come back under whatever status, only our errors escape.
- Encoding arguments to form and query strings loses nothing: decoding gives them back.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import attrs
import httpx
from dateutil.parser import isoparse
from hypothesis import given, settings
from hypothesis import strategies as st

from taskrouter_client import InvalidResponseError, Task, TaskRouterError, TaskStatus
from taskrouter_client._generated.reservations import UPDATE_TASK_RESERVATION
from taskrouter_client._generated.tasks import CREATE_TASK, FETCH_TASK, LIST_TASK
from taskrouter_client._http_info import HTTPInfo
from taskrouter_client._models import SDK_FIELDS
from taskrouter_client._operation import build_request
from taskrouter_client._responses import Response, read_page, read_result
from tests.conftest import WS, task_body

BASE = "https://taskrouter.twilio.com"
KNOWN = {a.name for a in attrs.fields(Task)} - SDK_FIELDS

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def response(status: int, content: bytes) -> Response:
    headers = httpx.Headers({"ETag": '"1"'})
    info = HTTPInfo(status=status, method="GET", path="/", headers=headers, elapsed=0.0)
    return Response(info, content)


@st.composite
def task_shaped(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A real Task body with some fields removed or replaced, and unknown fields added."""
    body = task_body()
    for key in draw(st.sets(st.sampled_from(sorted(body)))):
        if draw(st.booleans()):
            del body[key]
        else:
            body[key] = draw(json_values)
    extras = draw(st.dictionaries(st.text(min_size=1, max_size=12), json_values, max_size=4))
    extras = {key: value for key, value in extras.items() if key not in KNOWN}
    body.update(extras)
    return body, extras


@settings(max_examples=400)
@given(task_shaped())
def test_task_shaped_json_gives_a_task_or_our_error(case):
    """A Task comes back whole (unknown fields kept, hashable, round-tripping through
    to_dict and from_dict) or InvalidResponseError is raised."""
    body, extras = case
    try:
        task = read_result(FETCH_TASK, response(200, json.dumps(body).encode()))
    except InvalidResponseError:
        return
    data = task.to_dict()
    assert {key: data[key] for key in extras} == extras
    assert Task.from_dict(data) == task
    assert hash(task) == hash(attrs.evolve(task))
    assert task.sid == body["sid"]
    assert task.assignment_status == body["assignment_status"]
    assert isinstance(task.assignment_status, TaskStatus)
    for name in ("priority", "age", "timeout"):
        assert getattr(task, name) == body.get(name, 0)
    for name in ("date_created", "date_updated", "virtual_start_time"):
        value = getattr(task, name)
        assert value is None or value.tzinfo is timezone.utc
    assert task.etag == '"1"'


@settings(max_examples=200)
@given(st.lists(json_values, max_size=3), json_values)
def test_list_shaped_json_gives_a_page_or_our_error(items, next_page_url):
    """Any envelope contents give a page of Tasks or InvalidResponseError."""
    body = {"tasks": items, "meta": {"next_page_url": next_page_url}}
    try:
        page = read_page(LIST_TASK, response(200, json.dumps(body).encode()))
    except InvalidResponseError:
        return
    assert len(page.items) == len(items)
    assert page.next_page_url is None or isinstance(page.next_page_url, str)


@settings(max_examples=300)
@given(st.integers(100, 599), st.binary(max_size=300))
def test_any_bytes_under_any_status_raise_only_our_errors(status, content):
    """Whatever arrives, nothing but a Task or a TaskRouterError comes out."""
    try:
        result = read_result(FETCH_TASK, response(status, content))
    except TaskRouterError:
        return
    assert isinstance(result, Task)


# -- encoding round trips -------------------------------------------------------------------

sids = lambda prefix: st.text("0123456789abcdefABCDEF", min_size=32, max_size=32).map(  # noqa: E731
    lambda tail: prefix + tail
)
json_objects = st.dictionaries(
    st.text(max_size=10),
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    max_size=5,
)
aware_datetimes = st.datetimes(
    min_value=datetime(1900, 1, 2),  # noqa: DTZ001  # hypothesis bounds are naive
    max_value=datetime(2025, 1, 1),  # noqa: DTZ001
    timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=5, minutes=30))]),
)


@settings(max_examples=300)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "attributes": json_objects,
            "priority": st.integers(0, 2_147_483_647),
            "timeout": st.integers(1, 1_209_600),
            "task_channel": st.text(),
            "workflow_sid": sids("WW"),
            "virtual_start_time": aware_datetimes,
            "routing_target": st.text(),
            "ignore_capacity": st.booleans(),
            "task_queue_sid": sids("WQ"),
        },
    )
)
def test_create_form_round_trips(arguments):
    """Every argument comes back from the form body as it was given."""
    request = build_request(CREATE_TASK, BASE, {"WorkspaceSid": WS}, arguments)
    assert request.body is not None
    decoded = dict(parse_qsl(request.body.decode("ascii"), keep_blank_values=True))
    expected = {
        "Attributes": arguments.get("attributes"),
        "Priority": arguments.get("priority"),
        "Timeout": arguments.get("timeout"),
        "TaskChannel": arguments.get("task_channel"),
        "WorkflowSid": arguments.get("workflow_sid"),
        "VirtualStartTime": _whole_seconds_utc(arguments.get("virtual_start_time")),
        "RoutingTarget": arguments.get("routing_target"),
        "IgnoreCapacity": arguments.get("ignore_capacity"),
        "TaskQueueSid": arguments.get("task_queue_sid"),
    }
    readers = {
        "Attributes": json.loads,
        "Priority": int,
        "Timeout": int,
        "VirtualStartTime": isoparse,
        "IgnoreCapacity": {"true": True, "false": False}.__getitem__,
    }
    got = {name: readers.get(name, str)(value) for name, value in decoded.items()}
    assert got == {name: value for name, value in expected.items() if value is not None}


@settings(max_examples=200)
@given(
    st.lists(st.sampled_from(list(TaskStatus)), max_size=4),
    st.text(),
    st.text(),
    st.integers(1, 1000),
)
def test_list_query_round_trips(statuses, value, ordering, page_size):
    """Query parameters, repeated keys included, come back from the URL in order."""
    expression = f"type == {json.dumps(value)}"
    arguments = {
        "assignment_status": statuses,
        "evaluate_task_attributes": expression,
        "ordering": ordering,
        "page_size": page_size,
    }
    request = build_request(LIST_TASK, BASE, {"WorkspaceSid": WS}, arguments)
    pairs = parse_qsl(urlsplit(request.url).query, keep_blank_values=True)
    assert [v for k, v in pairs if k == "AssignmentStatus"] == [s.value for s in statuses]
    assert dict(pairs).get("EvaluateTaskAttributes") == expression
    assert dict(pairs).get("Ordering") == ordering
    assert dict(pairs)["PageSize"] == str(page_size)


@settings(max_examples=200)
@given(
    st.lists(st.sampled_from(["initiated", "ringing", "answered", "completed"]), max_size=4),
    st.lists(st.text(), max_size=4),
    st.text(),
    st.booleans(),
)
def test_reservation_arrays_and_booleans_round_trip(events, dequeue_events, password, record):
    """Array parameters become repeated keys in order; booleans true/false; text exact."""
    arguments = {
        "status_callback_event": events,
        "dequeue_status_callback_event": dequeue_events,
        "sip_auth_password": password,
        "record": record,
    }
    path = {"WorkspaceSid": WS, "TaskSid": "WT" + "0" * 32, "ReservationSid": "WR" + "0" * 32}
    request = build_request(UPDATE_TASK_RESERVATION, BASE, path, arguments)
    assert request.body is not None
    pairs = parse_qsl(request.body.decode("ascii"), keep_blank_values=True)
    assert [v for k, v in pairs if k == "StatusCallbackEvent"] == events
    assert [v for k, v in pairs if k == "DequeueStatusCallbackEvent"] == dequeue_events
    assert dict(pairs)["SipAuthPassword"] == password
    assert dict(pairs)["Record"] == ("true" if record else "false")


def _whole_seconds_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.astimezone(timezone.utc).replace(microsecond=0)
