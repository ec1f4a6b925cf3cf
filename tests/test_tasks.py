"""Every Task operation, on both clients: what is sent, and what comes back."""

from __future__ import annotations

import base64
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl

import httpx
import pytest

from taskrouter_client import InvalidResponseError, Task, TaskStatus
from tests.conftest import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    TASK_PATH,
    TASKS_PATH,
    WQ,
    WS,
    WT,
    WW,
    collect,
    fixture_json,
    run,
    task_body,
)

pytestmark = pytest.mark.anyio

HEADERS = {
    "ETag": '"7"',
    "Twilio-Request-Id": "RQ" + "9" * 32,
    "X-Rate-Limit-Limit": "100",
    "X-Rate-Limit-Remaining": "97",
    "X-Rate-Limit-Config": "Tasks:POST",
}


def form(request: httpx.Request) -> list[tuple[str, str]]:
    return sorted(parse_qsl(request.content.decode("ascii"), keep_blank_values=True))


def assert_common_headers(request: httpx.Request) -> None:
    expected = base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
    assert request.headers["Authorization"] == f"Basic {expected}"
    assert re.fullmatch(
        r"taskrouter-client/\S+ python/\d+\.\d+\.\d+\S* httpx/\S+", request.headers["User-Agent"]
    )
    assert request.headers["Accept"] == "application/json"


async def test_create_sends_every_parameter_as_twilio_form_fields(client, mock):
    """create() posts the spec's form names, JSON attributes, true/false and a Z timestamp."""
    route = mock.post(TASKS_PATH).respond(201, json=fixture_json("task__test_create_response"))
    start = datetime(2024, 3, 1, 10, 30, 15, 999, tzinfo=timezone(timedelta(hours=2)))
    await run(
        client.workspaces(WS).tasks.create(
            attributes={"type": "support", "lang": "fr", "vip": True},
            workflow_sid=WW,
            task_queue_sid=WQ,
            priority=10,
            timeout=3600,
            task_channel="voice",
            virtual_start_time=start,
            routing_target="WK" + "e" * 32,
            ignore_capacity=False,
        )
    )
    request = route.calls.last.request
    assert request.method == "POST"
    assert request.url.path == TASKS_PATH
    assert request.url.query == b""
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert_common_headers(request)
    assert "If-Match" not in request.headers
    assert form(request) == sorted(
        [
            ("Attributes", '{"type":"support","lang":"fr","vip":true}'),
            ("WorkflowSid", WW),
            ("TaskQueueSid", WQ),
            ("Priority", "10"),
            ("Timeout", "3600"),
            ("TaskChannel", "voice"),
            ("VirtualStartTime", "2024-03-01T08:30:15Z"),
            ("RoutingTarget", "WK" + "e" * 32),
            ("IgnoreCapacity", "false"),
        ]
    )


async def test_create_leaves_out_unset_and_none_arguments(client, mock):
    """Only the arguments given (and not None) are sent."""
    route = mock.post(TASKS_PATH).respond(201, json=fixture_json("task__test_create_response"))
    await run(client.workspaces(WS).tasks.create(attributes='{"a": 1}', priority=None))
    assert form(route.calls.last.request) == [("Attributes", '{"a": 1}')]


async def test_create_returns_the_task_with_etag_and_http_metadata(client, mock):
    """The parsed Task carries the ETag and the call's status, headers and rate limits."""
    mock.post(TASKS_PATH).respond(
        201, json=fixture_json("task__test_create_response"), headers=HEADERS
    )
    task = await run(client.workspaces(WS).tasks.create(attributes={"type": "support"}))
    assert isinstance(task, Task)
    assert task.sid == "WT" + "a" * 32
    assert task.assignment_status is TaskStatus.PENDING
    assert task.etag == '"7"'
    assert task.http.status == 201
    assert task.http.request_id == "RQ" + "9" * 32
    assert task.http.rate_limit.limit == 100
    assert task.http.rate_limit.remaining == 97
    assert task.http.rate_limit.config == "Tasks:POST"
    assert task.http.headers["x-rate-limit-remaining"] == "97"
    assert task.http.method == "POST"
    assert task.http.path == TASKS_PATH
    assert task.http.retries == 0


async def test_fetch_gets_the_task(client, mock):
    """fetch() sends a bodiless GET to the task's path and parses every field."""
    route = mock.get(TASK_PATH).respond(
        200, json=fixture_json("task__test_fetch_response"), headers={"ETag": '"3"'}
    )
    task = await run(client.workspaces(WS).tasks(WT).fetch())
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.content == b""
    assert "Content-Type" not in request.headers
    assert_common_headers(request)
    assert task.etag == '"3"'
    assert task.priority == 0
    assert task.timeout == 60
    assert task.age == 25200
    assert task.reason == "Test Reason"
    assert task.task_queue_friendly_name == "Test Queue"
    assert task.workflow_friendly_name == "Test Workflow"
    assert task.task_channel_unique_name == "task-channel"
    assert task.date_created == datetime(2014, 5, 14, 18, 50, 2, tzinfo=timezone.utc)
    assert task.task_queue_entered_date == datetime(2014, 5, 14, 18, 50, 2, tzinfo=timezone.utc)
    assert task.attributes == '{"body": "hello"}'
    assert task.parsed_attributes == {"body": "hello"}
    assert task.parsed_addons == {}
    assert task.links is not None
    assert task.links["reservations"].endswith(f"/Tasks/{'WT' + 'a' * 32}/Reservations")


async def test_attributes_that_are_not_an_object_raise_the_sdks_error(client, mock):
    """A fetched Task whose attributes are not a JSON object reads fine; decoding them raises
    InvalidResponseError carrying the call's status, method and path."""
    body = fixture_json("task__test_fetch_response") | {"attributes": "[1]", "addons": None}
    mock.get(TASK_PATH).respond(200, json=body)
    task = await run(client.workspaces(WS).tasks(WT).fetch())
    assert task.parsed_addons == {}
    with pytest.raises(InvalidResponseError) as caught:
        _ = task.parsed_attributes
    error = caught.value
    assert (error.status, error.method, error.path) == (200, "GET", TASK_PATH)
    assert error.http is task.http


async def test_update_sends_if_match_and_form(client, mock):
    """update() posts its fields and puts if_match in the If-Match header."""
    route = mock.post(TASK_PATH).respond(
        200, json=fixture_json("task__test_update_response"), headers={"ETag": '"8"'}
    )
    task = await run(
        client.workspaces(WS)
        .tasks(WT)
        .update(
            assignment_status="canceled",
            reason="customer hung up",
            priority=0,
            attributes={"note": "é ünïcode & = ?"},
            task_channel="chat",
            virtual_start_time=datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
            if_match='"7"',
        )
    )
    request = route.calls.last.request
    assert request.method == "POST"
    assert request.headers["If-Match"] == '"7"'
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form(request) == sorted(
        [
            ("AssignmentStatus", "canceled"),
            ("Reason", "customer hung up"),
            ("Priority", "0"),
            ("Attributes", '{"note":"é ünïcode & = ?"}'),
            ("TaskChannel", "chat"),
            ("VirtualStartTime", "2020-01-02T03:04:05Z"),
        ]
    )
    assert task.etag == '"8"'


async def test_update_accepts_the_enum_member(client, mock):
    """A TaskStatus member is sent as its value."""
    route = mock.post(TASK_PATH).respond(200, json=task_body(assignment_status="completed"))
    task = await run(
        client.workspaces(WS).tasks(WT).update(assignment_status=TaskStatus.COMPLETED, reason="ok")
    )
    assert ("AssignmentStatus", "completed") in form(route.calls.last.request)
    assert task.assignment_status == "completed"


async def test_delete_sends_if_match_and_returns_none(client, mock):
    """delete() sends DELETE with If-Match and returns None on 204."""
    route = mock.delete(TASK_PATH).respond(204)
    result = await run(client.workspaces(WS).tasks(WT).delete(if_match='"8"'))
    request = route.calls.last.request
    assert result is None
    assert request.method == "DELETE"
    assert request.headers["If-Match"] == '"8"'
    assert request.content == b""
    assert_common_headers(request)


async def test_delete_without_if_match_sends_no_header(client, mock):
    """Without if_match the delete is unconditional."""
    route = mock.delete(TASK_PATH).respond(204)
    await run(client.workspaces(WS).tasks(WT).delete())
    assert "If-Match" not in route.calls.last.request.headers


async def test_list_sends_filters_as_query_and_repeats_statuses(client, mock):
    """list() sends its filters as query parameters, one AssignmentStatus key per value."""
    route = mock.get(TASKS_PATH).respond(200, json=fixture_json("task__test_read_full_response"))
    tasks = await collect(
        client.workspaces(WS).tasks.list(
            assignment_status=["pending", TaskStatus.RESERVED],
            priority=1,
            workflow_sid=WW,
            workflow_name="workflow_name",
            task_queue_sid=WQ,
            task_queue_name="task_queue_name",
            evaluate_task_attributes='type == "support"',
            routing_target="WK" + "e" * 32,
            ordering="Priority:desc,DateCreated:asc",
            has_addons=False,
            page_size=20,
        )
    )
    request = route.calls.last.request
    assert request.method == "GET"
    assert sorted(request.url.params.multi_items()) == sorted(
        [
            ("AssignmentStatus", "pending"),
            ("AssignmentStatus", "reserved"),
            ("Priority", "1"),
            ("WorkflowSid", WW),
            ("WorkflowName", "workflow_name"),
            ("TaskQueueSid", WQ),
            ("TaskQueueName", "task_queue_name"),
            ("EvaluateTaskAttributes", 'type == "support"'),
            ("RoutingTarget", "WK" + "e" * 32),
            ("Ordering", "Priority:desc,DateCreated:asc"),
            ("HasAddons", "false"),
            ("PageSize", "20"),
        ]
    )
    assert "Page" not in request.url.params
    assert [t.sid for t in tasks] == ["WT" + "a" * 32]
    assert tasks[0].etag is None


async def test_list_accepts_one_status_as_a_string(client, mock):
    """A single status may be given as a plain string."""
    route = mock.get(TASKS_PATH).respond(200, json=fixture_json("task__test_read_empty_response"))
    assert await collect(client.workspaces(WS).tasks.list(assignment_status="pending")) == []
    assert route.calls.last.request.url.params.get_list("AssignmentStatus") == ["pending"]


async def test_list_is_lazy(client, mock):
    """Creating the paginator sends nothing; iterating does."""
    route = mock.get(TASKS_PATH).respond(200, json=fixture_json("task__test_read_empty_response"))
    paginator = client.workspaces(WS).tasks.list()
    assert route.call_count == 0
    await collect(paginator)
    assert route.call_count == 1


async def test_sids_are_accepted_in_lower_and_upper_case_hex(client, mock):
    """The spec's patterns allow either case of hex digit."""
    sid = "WT" + "AbCdEf0123456789" * 2
    mock.get(f"{TASKS_PATH}/{sid}").respond(200, json=task_body(sid=sid))
    assert (await run(client.workspaces(WS).tasks(sid).fetch())).sid == sid
