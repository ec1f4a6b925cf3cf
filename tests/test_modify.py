"""``ws.tasks(sid).modify(change)``: read, decide, write with If-Match, read again on 412."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx
import pytest
import respx

import taskrouter_client as tr
from taskrouter_client._endpoints.tasks import holds
from tests.conftest import TASK_PATH, WS, WT, run, task_body

pytestmark = pytest.mark.anyio

STALE = {"code": 20412, "message": "Precondition Failed", "status": 412}


def task_at(version: int, priority: int) -> httpx.Response:
    return httpx.Response(200, json=task_body(priority=priority), headers={"ETag": f'"{version}"'})


def route(mock: respx.MockRouter, *updates: httpx.Response) -> tuple[respx.Route, respx.Route]:
    """GET answers versions 1, 2, … with priorities 1, 2, …; POST answers ``updates`` in turn."""
    reads = iter(range(1, 100))

    def fetch(_: httpx.Request) -> httpx.Response:
        version = next(reads)
        return task_at(version, version)

    return mock.get(TASK_PATH).mock(side_effect=fetch), mock.post(TASK_PATH).mock(
        side_effect=list(updates)
    )


def bump(current: tr.Task) -> tr.UpdateTaskParams:
    return {"priority": current.priority + 10, "attributes": {"escalated": True}}


async def test_a_clean_write_reads_once_and_sends_the_version_read(client, mock):
    fetch, update = route(mock, task_at(2, 11))
    task = await run(client.workspaces(WS).tasks(WT).modify(bump))
    assert (task.priority, task.etag) == (11, '"2"')
    assert (fetch.call_count, update.call_count) == (1, 1)
    sent = update.calls.last.request
    assert sent.headers["If-Match"] == '"1"'
    assert sent.content == b"Priority=11&Attributes=%7B%22escalated%22%3Atrue%7D"


async def test_a_412_reads_again_and_decides_on_the_new_version(client, mock):
    fetch, update = route(mock, httpx.Response(412, json=STALE), task_at(3, 12))
    seen: list[tuple[int, str | None]] = []

    def change(current: tr.Task) -> tr.UpdateTaskParams:
        seen.append((current.priority, current.etag))
        return bump(current)

    task = await run(client.workspaces(WS).tasks(WT).modify(change))
    assert seen == [(1, '"1"'), (2, '"2"')]
    assert [call.request.headers["If-Match"] for call in update.calls] == ['"1"', '"2"']
    assert (fetch.call_count, update.call_count, task.priority) == (2, 2, 12)


async def test_the_last_412_is_raised_after_every_attempt(client, mock):
    fetch, update = route(mock, *[httpx.Response(412, json=STALE)] * 2)
    tasks = client.workspaces(WS).tasks
    with pytest.raises(tr.PreconditionFailedError) as raised:
        await run(tasks(WT).modify(bump, attempts=2))
    assert raised.value.code == 20412
    assert (fetch.call_count, update.call_count) == (2, 2)


async def test_other_errors_are_not_retried_by_modify(client, mock):
    gone = {"code": 20404, "message": "Not found", "status": 404}
    fetch, update = route(mock, httpx.Response(404, json=gone))
    with pytest.raises(tr.NotFoundError):
        await run(client.workspaces(WS).tasks(WT).modify(bump))
    assert (fetch.call_count, update.call_count) == (1, 1)


async def test_none_leaves_the_task_as_read(client, mock):
    fetch, update = route(mock)
    task = await run(client.workspaces(WS).tasks(WT).modify(lambda _: None))
    assert (task.priority, task.etag) == (1, '"1"')
    assert (fetch.call_count, update.call_count) == (1, 0)


@pytest.mark.parametrize("decided", [{}, {"priority": None}, {"attributes": None, "reason": None}])
async def test_an_empty_change_sends_nothing(client, mock, decided):
    """{} (or keywords that are all None) is no change: no write, no ETag bump for others."""
    fetch, update = route(mock)
    task = await run(client.workspaces(WS).tasks(WT).modify(lambda _: decided))
    assert (task.priority, task.etag) == (1, '"1"')
    assert (fetch.call_count, update.call_count) == (1, 0)


@pytest.mark.parametrize("attempts", [0, -1, 2.5, True, "3"])
async def test_bad_attempts_are_refused_before_sending(client, mock, attempts):
    fetch, update = route(mock)
    with pytest.raises(tr.InvalidArgumentError, match="attempts"):
        await run(client.workspaces(WS).tasks(WT).modify(bump, attempts=attempts))
    assert (fetch.call_count, update.call_count) == (0, 0)


@pytest.mark.parametrize(
    ("decided", "problem"),
    [
        ({"priority": 3, "if_match": '"9"'}, "must not return if_match"),
        ([("priority", 3)], "expected to return update keywords or None, got list"),
        ({"priority": -1}, None),
    ],
)
async def test_a_bad_decision_is_refused_before_the_update(client, mock, decided, problem):
    fetch, update = route(mock)
    with pytest.raises(tr.InvalidArgumentError) as refused:
        await run(client.workspaces(WS).tasks(WT).modify(lambda _: decided))
    assert refused.value.argument == ("change" if problem else "priority")
    if problem:
        assert problem in str(refused.value)
    assert (fetch.call_count, update.call_count) == (1, 0)


async def test_a_task_without_etag_is_not_updated_blindly(client, mock):
    mock.get(TASK_PATH).respond(200, json=task_body())
    update = mock.post(TASK_PATH)
    with pytest.raises(tr.InvalidResponseError, match="without an ETag"):
        await run(client.workspaces(WS).tasks(WT).modify(bump))
    assert update.call_count == 0


async def test_the_async_client_awaits_a_coroutine_decision(mock):
    fetch, update = route(mock, task_at(2, 11))

    async def change(current: tr.Task) -> tr.UpdateTaskParams:
        return bump(current)

    async with tr.AsyncClient(account_sid="AC" + "0" * 32, auth_token="token") as client:
        task = await client.workspaces(WS).tasks(WT).modify(change)
    assert (task.priority, fetch.call_count, update.call_count) == (11, 1, 1)


async def test_a_412_after_a_retry_whose_write_landed_returns_the_task_read_back(client, mock):
    """502 (but applied), then the retry's 412: reading back shows our write; no new decision."""
    reads = iter([task_at(1, 1), task_at(2, 11)])
    fetch = mock.get(TASK_PATH).mock(side_effect=lambda _: next(reads))
    update = mock.post(TASK_PATH).mock(
        side_effect=[httpx.Response(502), httpx.Response(412, json=STALE)]
    )
    decisions = []

    def change(current: tr.Task) -> tr.UpdateTaskParams:
        decisions.append(current.priority)
        return {"priority": current.priority + 10}

    task = await run(client.workspaces(WS).tasks(WT).modify(change))
    assert (task.priority, task.etag, decisions) == (11, '"2"', [1])
    assert (fetch.call_count, update.call_count) == (2, 2)


async def test_a_412_after_a_retry_that_the_read_back_does_not_confirm_is_raised(client, mock):
    """502 (perhaps applied), the retry's 412, and a read-back showing another writer's value:
    our write may have landed before theirs, so deciding again could apply it twice. The 412
    is raised, may_have_been_sent, and nothing more is sent."""
    fetch, update = route(
        mock, httpx.Response(502), httpx.Response(412, json=STALE), task_at(4, 13)
    )
    decisions = []

    def change(current: tr.Task) -> tr.UpdateTaskParams:
        decisions.append(current.priority)
        return {"priority": current.priority + 10}

    with pytest.raises(tr.PreconditionFailedError) as doubtful:
        await run(client.workspaces(WS).tasks(WT).modify(change))
    assert doubtful.value.may_have_been_sent is True
    assert decisions == [1]  # read 2 was the read-back, which did not hold priority 11
    assert (fetch.call_count, update.call_count) == (2, 2)


async def test_a_412_after_a_retry_whose_read_back_fails_is_raised_not_decided_again(client, mock):
    """The read-back itself fails: the write is unconfirmed, and is never decided again."""
    reads = iter([task_at(1, 1), httpx.Response(507)])
    mock.get(TASK_PATH).mock(side_effect=lambda _: next(reads))
    update = mock.post(TASK_PATH).mock(
        side_effect=[httpx.Response(502), httpx.Response(412, json=STALE)]
    )
    with pytest.raises(tr.PreconditionFailedError) as doubtful:
        await run(client.workspaces(WS).tasks(WT).modify(bump))
    assert doubtful.value.may_have_been_sent is True
    assert update.call_count == 2


CHANNEL = "TC" + "0" * 32
WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        ({"priority": 4}, True),
        ({"priority": 5}, False),
        ({"assignment_status": "canceled", "reason": "gone"}, True),
        ({"assignment_status": tr.TaskStatus.CANCELED, "reason": "other"}, False),
        ({"attributes": {"b": [1, 2], "a": "x"}}, True),
        ({"attributes": '{"a": "x", "b": [1, 2]}'}, True),
        ({"attributes": {"a": "x"}}, False),
        ({"task_channel": "voice"}, True),
        ({"task_channel": CHANNEL}, True),
        ({"task_channel": "chat"}, False),
        ({"virtual_start_time": WHEN.astimezone(timezone(timedelta(hours=2)))}, True),
        ({"virtual_start_time": WHEN + timedelta(seconds=1)}, False),
        ({"priority": 4, "reason": None, "if_match": '"1"'}, True),
        ({}, True),
    ],
)
def test_holds_compares_each_keyword_with_its_field(update, expected):
    task = tr.Task(
        sid=WT,
        priority=4,
        assignment_status=tr.TaskStatus.CANCELED,
        reason="gone",
        attributes='{"a": "x", "b": [1, 2]}',
        task_channel_unique_name="voice",
        task_channel_sid=CHANNEL,
        virtual_start_time=WHEN,
    )
    assert holds(task, update) is expected


def test_holds_is_false_for_a_task_without_virtual_start_time():
    task = tr.Task(sid=WT, assignment_status=tr.TaskStatus.PENDING)
    assert not holds(task, {"virtual_start_time": WHEN})
