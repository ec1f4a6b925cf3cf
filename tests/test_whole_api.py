"""Every one of the 61 operations, called through the tree on both clients against respx
routes that answer with the spec's own example bodies: what is sent, and what comes back."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

import taskrouter_client as tr
from taskrouter_client._generated.operations import OPERATIONS
from tests.api_tree import SIDS, TREE, method
from tests.conftest import collect, load_spec, run

pytestmark = pytest.mark.anyio

SPEC = load_spec()
BY_NAME = {op.name: op for op in OPERATIONS}

# Values for the arguments an operation requires.
REQUIRED = {
    "friendly_name": "Support",
    "unique_name": "chat",
    "configuration": {
        "task_routing": {"filters": [], "default_filter": {"queue": SIDS["TaskQueueSid"]}}
    },
    "queue_sids": [SIDS["TaskQueueSid"]],
}


def example(name: str) -> tuple[int, Any]:
    """The status and the first example body the spec gives for an operation's success."""
    for item in SPEC["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == name:
                for status, response in op["responses"].items():
                    content = response.get("content", {}).get("application/json", {})
                    for value in content.get("examples", {}).values():
                        return int(status), value["value"]
                    if status.startswith("2"):
                        return int(status), None
    raise LookupError(name)


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: SIDS[m[1]], path)


def sent(request: httpx.Request) -> dict[str, Any]:
    """The request's arguments: query and form pairs, or the JSON body."""
    if request.headers.get("Content-Type") == "application/json":
        body: dict[str, Any] = json.loads(request.content)
        return body
    pairs = parse_qsl(request.url.query.decode(), keep_blank_values=True)
    if request.content:
        pairs += parse_qsl(request.content.decode(), keep_blank_values=True)
    return dict(pairs)


@pytest.mark.parametrize("name", sorted(TREE))
async def test_each_operation_runs_through_the_tree_and_parses_the_spec_example(client, mock, name):
    """The tree's method sends the operation's method and path, and reads its example."""
    op = BY_NAME[name]
    status, body = example(name)
    route = mock.request(op.method, concrete(op.path)).respond(status, json=body)
    face, attribute = TREE[name](client)
    arguments = {keyword: REQUIRED[keyword] for keyword in op.required}
    result = method(face, attribute)(**arguments)
    if op.list_key:
        items = await collect(result)
        assert len(items) == len(body[op.list_key])
        assert all(isinstance(item, op.model) for item in items)  # type: ignore[arg-type]
    else:
        result = await run(result)
        if op.model is None:
            assert result is None
        else:
            assert isinstance(result, op.model)
            assert result.http.status == status
            assert result.extra_fields == {}
    assert route.call_count == 1
    wires = {op.params[keyword].name for keyword in arguments}
    assert wires <= set(sent(route.calls[0].request))


# -- Workspaces ----------------------------------------------------------------------------

WS = SIDS["WorkspaceSid"]
WORKSPACE = f"/v1/Workspaces/{WS}"


async def test_workspaces_list_filters_by_name_and_one_is_reached_by_sid(client, mock):
    """client.workspaces is a list (list/create) that, called with a SID, gives one."""
    _, page = example("ListWorkspace")
    route = mock.get("/v1/Workspaces").respond(200, json=page)
    workspaces = await collect(client.workspaces.list(friendly_name="Support", limit=5))
    assert [w.sid for w in workspaces] == [w["sid"] for w in page["workspaces"]]
    assert sent(route.calls[0].request) == {"FriendlyName": "Support", "PageSize": "5"}
    assert isinstance(workspaces[0].prioritize_queue_order, tr.QueueOrder)
    ws = client.workspaces(WS)
    assert ws.sid == WS
    assert repr(ws).endswith(f"(WorkspaceSid={WS!r})")


async def test_workspace_event_callback_url_is_cleared_with_an_empty_string(client, mock):
    """UpdateWorkspace sends EventCallbackUrl= for "", which Twilio reads as 'clear it'."""
    _, body = example("UpdateWorkspace")
    route = mock.post(WORKSPACE).respond(200, json=body)
    await run(client.workspaces(WS).update(event_callback_url="", multi_task_enabled=True))
    assert sent(route.calls[0].request) == {"EventCallbackUrl": "", "MultiTaskEnabled": "true"}
    with pytest.raises(tr.InvalidArgumentError, match="event_callback_url"):
        await run(client.workspaces(WS).update(event_callback_url="ftp://example.com"))
    assert route.call_count == 1


async def test_a_create_without_its_required_arguments_sends_nothing(client, mock):
    """friendly_name is required by CreateWorkspace: refused before anything is sent."""
    route = mock.post("/v1/Workspaces").respond(201, json={})
    with pytest.raises(tr.InvalidArgumentError, match="friendly_name: required by CreateWorkspace"):
        await run(client.workspaces.create(template="FIFO"))
    with pytest.raises(tr.InvalidArgumentError, match="at most 64 characters, got 65"):
        await run(client.workspaces.create(friendly_name="x" * 65))
    assert route.call_count == 0


async def test_workspace_statistics_are_typed_to_the_nested_objects(client, mock):
    """Statistics hold typed parts: activity counts, wait durations, wait-time splits."""
    _, body = example("FetchWorkspaceStatistics")
    route = mock.get(f"{WORKSPACE}/Statistics").respond(200, json=body)
    stats = await run(
        client.workspaces(WS).statistics.fetch(minutes=240, split_by_wait_time=[5, 30])
    )
    assert sent(route.calls[0].request) == {"Minutes": "240", "SplitByWaitTime": "5,30"}
    assert isinstance(stats, tr.WorkspaceStatistics)
    assert isinstance(stats.realtime, tr.WorkspaceRealTimeStatistics)
    assert stats.realtime.activity_statistics[0] == tr.ActivityStatistic(
        sid="WA" + "a" * 32, friendly_name="Offline", workers=1
    )
    assert stats.realtime.tasks_by_status == {
        "assigned": 0,
        "pending": 0,
        "reserved": 0,
        "wrapping": 0,
    }
    assert isinstance(stats.cumulative, tr.WorkspaceCumulativeStatistics)
    assert stats.cumulative.avg_task_acceptance_time == 0.0


async def test_cumulative_statistics_split_by_wait_time(client, mock):
    """split_by_wait_time maps each threshold to counts below and above it."""
    _, body = example("FetchTaskQueueCumulativeStatistics")
    queue = f"{WORKSPACE}/TaskQueues/{SIDS['TaskQueueSid']}"
    mock.get(f"{queue}/CumulativeStatistics").respond(200, json=body)
    ws = client.workspaces(WS)
    stats = await run(ws.task_queues(SIDS["TaskQueueSid"]).cumulative_statistics.fetch())
    assert stats.split_by_wait_time["5"] == tr.WaitTimeSplit(
        above=tr.WaitTimeCounts(tasks_canceled=0, reservations_accepted=0),
        below=tr.WaitTimeCounts(tasks_canceled=0, reservations_accepted=0),
    )
    assert stats.wait_duration_until_accepted == tr.Durations(avg=0, min=0, max=0, total=0)
    assert stats.reservations_created == 100


# -- Task queues ---------------------------------------------------------------------------

QUEUES = f"{WORKSPACE}/TaskQueues"


async def test_bulk_real_time_statistics_post_a_json_body_and_are_retried_like_a_read(
    client, mock, waits
):
    """queueSids go as JSON; the request only reads, so a 503 is retried."""
    _, body = example("CreateTaskQueueBulkRealTimeStatistics")
    wq = [SIDS["TaskQueueSid"], "WQ" + "5" * 32]
    route = mock.post(f"{QUEUES}/RealTimeStatistics").mock(
        side_effect=[httpx.Response(503, json={}), httpx.Response(200, json=body)]
    )
    stats = await run(client.workspaces(WS).task_queues.real_time_statistics.create(queue_sids=wq))
    request = route.calls[1].request
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {"queueSids": wq}
    assert route.call_count == 2
    assert isinstance(stats.task_queue_data[0], tr.TaskQueueRealTimeStatistics)
    assert stats.task_queue_data[0].activity_statistics[1].workers == 9
    with pytest.raises(tr.InvalidArgumentError, match="expected 1 to 50 values, got 51"):
        await run(
            client.workspaces(WS).task_queues.real_time_statistics.create(queue_sids=wq[:1] * 51)
        )


async def test_queue_statistics_list_and_queue_update(client, mock):
    """ws.task_queues.statistics.list() pages TaskQueuesStatistics; update checks bounds."""
    _, page = example("ListTaskQueuesStatistics")
    mock.get(f"{QUEUES}/Statistics").respond(200, json=page)
    (stats,) = await collect(
        client.workspaces(WS).task_queues.statistics.list(friendly_name="Sales")
    )
    assert isinstance(stats.realtime, tr.TaskQueueRealTimeStatistics)
    assert stats.realtime.total_tasks == 0
    queue = client.workspaces(WS).task_queues(SIDS["TaskQueueSid"])
    with pytest.raises(
        tr.InvalidArgumentError, match="max_reserved_workers: expected an integer from 1 to 50"
    ):
        await run(queue.update(max_reserved_workers=51))
    _, body = example("UpdateTaskQueue")
    route = mock.post(f"{QUEUES}/{SIDS['TaskQueueSid']}").respond(200, json=body)
    updated = await run(queue.update(task_order="LIFO", target_workers=""))
    assert sent(route.calls[0].request) == {"TaskOrder": "LIFO", "TargetWorkers": ""}
    assert updated.task_order == tr.TaskOrder.FIFO


# -- Workers and their channels ------------------------------------------------------------

WK = SIDS["WorkerSid"]
WORKER = f"{WORKSPACE}/Workers/{WK}"


async def test_switching_a_workers_activity_is_a_set_retried_after_a_lost_answer(
    client, mock, waits
):
    """UpdateWorker sets values whatever they were: a 500 is retried (CreateWorker is not)."""
    _, body = example("UpdateWorker")
    route = mock.post(WORKER).mock(
        side_effect=[httpx.Response(500, json={}), httpx.Response(200, json=body)]
    )
    worker = await run(client.workspaces(WS).workers(WK).update(activity_sid=SIDS["ActivitySid"]))
    assert route.call_count == 2
    assert sent(route.calls[1].request) == {"ActivitySid": SIDS["ActivitySid"]}
    assert isinstance(worker, tr.Worker)
    assert worker.parsed_attributes == {}
    created = mock.post(f"{WORKSPACE}/Workers").respond(500, json={})
    with pytest.raises(tr.ServerError) as caught:
        await run(client.workspaces(WS).workers.create(friendly_name="Ashley"))
    assert created.call_count == 1
    assert caught.value.may_have_been_sent


async def test_a_412_answering_a_retried_worker_update_reads_the_worker_back(client, mock, waits):
    """With if_match, a 412 after a lost attempt is our own write if the Worker shows it."""
    _, body = example("UpdateWorker")
    body = {**body, "activity_sid": SIDS["ActivitySid"], "attributes": '{"skill": "fr"}'}
    update = mock.post(WORKER).mock(
        side_effect=[httpx.ReadTimeout("lost"), httpx.Response(412, json={"code": 20412})]
    )
    fetch = mock.get(WORKER).respond(200, json=body)
    worker = await run(
        client.workspaces(WS)
        .workers(WK)
        .update(
            activity_sid=SIDS["ActivitySid"],
            attributes={"skill": "fr"},
            reject_pending_reservations=True,
            if_match='"3"',
        )
    )
    assert (update.call_count, fetch.call_count) == (2, 1)
    assert worker.http.reconciled
    fetch.respond(200, json={**body, "activity_sid": "WA" + "9" * 32})
    update.side_effect = [httpx.ReadTimeout("lost"), httpx.Response(412, json={"code": 20412})]
    with pytest.raises(tr.PreconditionFailedError) as caught:
        await run(
            client.workspaces(WS)
            .workers(WK)
            .update(activity_sid=SIDS["ActivitySid"], if_match='"3"')
        )
    assert caught.value.may_have_been_sent


async def test_worker_channels_are_reached_by_sid_or_task_channel_name(client, mock):
    """channels("voice") and channels("WC…") both work; a name is percent-encoded."""
    _, body = example("UpdateWorkerChannel")
    route = mock.post(f"{WORKER}/Channels/voice").respond(200, json=body)
    channel = await run(
        client.workspaces(WS).workers(WK).channels("voice").update(capacity=3, available=True)
    )
    assert sent(route.calls[0].request) == {"Capacity": "3", "Available": "true"}
    assert isinstance(channel, tr.WorkerChannel)
    odd = client.workspaces(WS).workers(WK).channels("a/b c")
    assert odd.sid == "a%2Fb%20c"
    with pytest.raises(tr.InvalidArgumentError, match="worker_channel_sid"):
        client.workspaces(WS).workers(WK).channels("")
    with pytest.raises(tr.InvalidArgumentError, match="capacity"):
        await run(client.workspaces(WS).workers(WK).channels("voice").update(capacity=-1))


async def test_workers_statistics_and_reservations_hang_off_the_tree(client, mock):
    """ws.workers.statistics (all Workers) and ws.workers("WK…").statistics (one)."""
    _, every = example("FetchWorkerStatistics")
    _, one = example("FetchWorkerInstanceStatistics")
    all_route = mock.get(f"{WORKSPACE}/Workers/Statistics").respond(200, json=every)
    mock.get(f"{WORKER}/Statistics").respond(200, json=one)
    stats = await run(client.workspaces(WS).workers.statistics.fetch(task_queue_name="Sales"))
    assert sent(all_route.calls[0].request) == {"TaskQueueName": "Sales"}
    assert stats.realtime.total_workers == 15
    assert stats.cumulative.activity_durations[0] == tr.ActivityDuration(
        sid="WA" + "a" * 32, friendly_name="Offline", avg=1080, min=900, max=0, total=5400
    )
    mine = await run(client.workspaces(WS).workers(WK).statistics.fetch())
    assert isinstance(mine.cumulative, tr.WorkersCumulativeStatistics)
    assert mine.cumulative.reservations_accepted == 100


# -- Workflows, activities, task channels, events ------------------------------------------


async def test_workflow_callback_urls_are_cleared_with_an_empty_string(client, mock):
    """UpdateWorkflow sends AssignmentCallbackUrl= for ""; configuration is parsed back."""
    ww = SIDS["WorkflowSid"]
    _, body = example("UpdateWorkflow")
    body = {**body, "configuration": '{"task_routing": {"filters": []}}'}
    route = mock.post(f"{WORKSPACE}/Workflows/{ww}").respond(200, json=body)
    workflow = await run(
        client.workspaces(WS)
        .workflows(ww)
        .update(assignment_callback_url="", re_evaluate_tasks=True)
    )
    assert sent(route.calls[0].request) == {"AssignmentCallbackUrl": "", "ReEvaluateTasks": "true"}
    assert workflow.parsed_configuration == {"task_routing": {"filters": []}}
    not_json = {**body, "configuration": "task-routing:\n  - filter: 1 == 1\n"}
    mock.get(f"{WORKSPACE}/Workflows/{ww}").respond(200, json=not_json)
    fetched = await run(client.workspaces(WS).workflows(ww).fetch())
    with pytest.raises(tr.InvalidResponseError, match=f"Workflow {fetched.sid}: configuration is"):
        _ = fetched.parsed_configuration


async def test_activities_and_task_channels_create_with_their_flags(client, mock):
    """Available and ChannelOptimizedRouting go as true/false; a channel by unique name."""
    _, activity = example("CreateActivity")
    activities = mock.post(f"{WORKSPACE}/Activities").respond(201, json=activity)
    created = await run(
        client.workspaces(WS).activities.create(friendly_name="Break", available=False)
    )
    assert sent(activities.calls[0].request) == {"FriendlyName": "Break", "Available": "false"}
    assert isinstance(created, tr.Activity)
    _, channel = example("FetchTaskChannel")
    mock.get(f"{WORKSPACE}/TaskChannels/voice").respond(200, json=channel)
    fetched = await run(client.workspaces(WS).task_channels("voice").fetch())
    assert isinstance(fetched, tr.TaskChannel)


async def test_events_filter_by_date_and_resource_and_keep_event_data(client, mock):
    """ListEvent's filters go as query parameters; event_data is a mapping, not in reprs."""
    _, page = example("ListEvent")
    route = mock.get(f"{WORKSPACE}/Events").respond(200, json=page)
    since = datetime(2024, 5, 1, 8, 0, tzinfo=timezone.utc)
    (event,) = await collect(
        client.workspaces(WS).events.list(
            start_date=since, worker_sid=WK, event_type="worker.activity.update"
        )
    )
    assert sent(route.calls[0].request) == {
        "StartDate": "2024-05-01T08:00:00Z",
        "WorkerSid": WK,
        "EventType": "worker.activity.update",
    }
    assert isinstance(event, tr.Event)
    assert event.event_data is not None
    assert "worker_name" in event.event_data
    assert "event_data" not in repr(event)


async def test_a_delete_whose_first_answer_was_lost_and_finds_nothing_succeeded(
    client, mock, waits
):
    """DELETE is sent again after a lost answer; a 404 then means the first one worked."""
    wa = SIDS["ActivitySid"]
    route = mock.delete(f"{WORKSPACE}/Activities/{wa}").mock(
        side_effect=[httpx.ReadTimeout("lost"), httpx.Response(404, json={"code": 20404})]
    )
    assert await run(client.workspaces(WS).activities(wa).delete()) is None
    assert route.call_count == 2


async def test_statistics_endpoints_show_their_operation_and_take_keywords_only(client):
    """ws.statistics is an endpoint named by its operation; a positional argument is refused."""
    statistics = client.workspaces(WS).statistics
    assert repr(statistics).endswith("(FetchWorkspaceStatistics)")
    with pytest.raises(TypeError, match="keyword arguments only"):
        await run(statistics.fetch(15))
    with pytest.raises(tr.InvalidArgumentError, match="split_by_wait_time: expected a list"):
        await run(statistics.fetch(split_by_wait_time={"5": 1}))


async def test_split_by_wait_time_also_takes_twilios_own_text(client, mock):
    """ "5,30" is sent as given, as Twilio documents the parameter."""
    _, body = example("FetchWorkflowStatistics")
    ww = SIDS["WorkflowSid"]
    route = mock.get(f"{WORKSPACE}/Workflows/{ww}/Statistics").respond(200, json=body)
    stats = await run(
        client.workspaces(WS).workflows(ww).statistics.fetch(split_by_wait_time="5,30")
    )
    assert sent(route.calls[0].request) == {"SplitByWaitTime": "5,30"}
    assert isinstance(stats.realtime, tr.WorkflowRealTimeStatistics)


def test_json_text_properties_are_declared_on_the_class():
    """Worker.parsed_attributes, read from the class, is the declaration (for docs and IDEs)."""
    declared = tr.Worker.parsed_attributes
    assert type(declared).__name__ == "JSONText"
    assert tr.Worker(sid=SIDS["WorkerSid"]).parsed_attributes == {}
