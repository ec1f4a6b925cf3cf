"""Retries by safety, on both clients: exactly which failures are sent again, how often, how
long the SDK waits, and what the caller sees."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import anyio
import httpx
import pytest

import taskrouter_client as tr
from taskrouter_client import _runner
from tests.conftest import TASK_PATH, TASKS_PATH, WS, WT, collect, run, task_body

pytestmark = pytest.mark.anyio

OK = httpx.Response(200, json=task_body())
CREATED = httpx.Response(201, json=task_body())


def status(code: int, **headers: str) -> httpx.Response:
    return httpx.Response(
        code, json={"code": 20000 + code, "message": "m", "status": code}, headers=headers
    )


def create(client: Any, **options: Any) -> Any:
    target = client.with_options(**options) if options else client
    return target.workspaces(WS).tasks.create(attributes={"type": "support"})


def fetch(client: Any) -> Any:
    return client.workspaces(WS).tasks(WT).fetch()


async def outcome(call: Callable[[], Any]) -> Any:
    """The call's result, or the exception it raised (the call is made here, for both kinds)."""
    try:
        return await run(call())
    except tr.TaskRouterError as error:
        return error


async def test_create_answered_500_is_sent_once(client, mock, waits):
    """A create Twilio may have processed is never sent again (it could duplicate the Task)."""
    route = mock.post(TASKS_PATH).mock(side_effect=[status(500), CREATED])
    error = await outcome(lambda: create(client))
    assert isinstance(error, tr.ServerError)
    assert route.call_count == 1
    assert waits == []


async def test_fetch_answered_503_503_200_succeeds_on_the_third_request(client, mock, waits):
    """A fetch is safe to repeat: two 503s are retried, with jittered exponential waits."""
    route = mock.get(TASK_PATH).mock(side_effect=[status(503), status(503), OK])
    task = await run(fetch(client))
    assert route.call_count == 3
    assert task.http.retries == 2
    assert len(waits) == 2
    assert 0 <= waits[0] <= 0.5
    assert 0 <= waits[1] <= 1.0


async def test_create_answered_429_then_201_is_sent_twice(client, mock, waits):
    """429 means Twilio did not process it: even a create is retried."""
    route = mock.post(TASKS_PATH).mock(side_effect=[status(429), CREATED])
    task = await run(create(client))
    assert route.call_count == 2
    assert task.http.status == 201
    assert task.http.retries == 1


async def test_retry_after_is_waited_out_exactly(client, mock, waits):
    """A Retry-After within the bound replaces the jittered wait."""
    route = mock.post(TASKS_PATH).mock(side_effect=[status(429, **{"Retry-After": "3"}), CREATED])
    await run(create(client))
    assert route.call_count == 2
    assert waits == [3.0]


async def test_a_long_retry_after_is_handed_to_the_caller(client, mock, waits):
    """Beyond the bound (10 s) the SDK does not block: RateLimitError carries retry_after."""
    route = mock.get(TASK_PATH).mock(side_effect=[status(429, **{"Retry-After": "60"}), OK])
    error = await outcome(lambda: fetch(client))
    assert isinstance(error, tr.RateLimitError)
    assert error.retry_after == 60.0
    assert route.call_count == 1
    assert waits == []


async def test_a_create_that_failed_to_connect_is_sent_again(client, mock):
    """A refused connection means nothing was sent: safe to retry a create."""
    route = mock.post(TASKS_PATH).mock(side_effect=[httpx.ConnectError("refused"), CREATED])
    await run(create(client))
    assert route.call_count == 2


async def test_a_create_that_timed_out_reading_is_not_sent_again(client, mock):
    """A read timeout means Twilio may have the Task: the create is not repeated."""
    route = mock.post(TASKS_PATH).mock(side_effect=[httpx.ReadTimeout("slow"), CREATED])
    error = await outcome(lambda: create(client))
    assert isinstance(error, tr.APITimeoutError)
    assert error.may_have_been_sent
    assert error.retries == 0
    assert route.call_count == 1


@pytest.mark.parametrize(
    "failure", [httpx.ReadTimeout("slow"), status(503), httpx.RemoteProtocolError("cut")]
)
async def test_retry_creates_opts_in_to_repeating_creates(client, mock, failure):
    """with_options(retry_creates=True) retries a create that may have been received."""
    route = mock.post(TASKS_PATH).mock(side_effect=[failure, CREATED])
    await run(create(client, retry_creates=True))
    assert route.call_count == 2


@pytest.mark.parametrize(
    "failure", [httpx.ReadTimeout("slow"), httpx.ReadError("reset"), httpx.WriteTimeout("w")]
)
async def test_a_fetch_that_may_have_been_received_is_sent_again(client, mock, failure):
    """Read timeouts and broken connections are retried for operations safe to repeat."""
    route = mock.get(TASK_PATH).mock(side_effect=[failure, OK])
    await run(fetch(client))
    assert route.call_count == 2


@pytest.mark.parametrize("code", [400, 401, 403, 404, 405, 409, 412, 422, 501])
async def test_other_statuses_are_never_retried(client, mock, code, waits):
    """412 and every other 4xx (and 501) go straight to the caller."""
    route = mock.get(TASK_PATH).mock(side_effect=[status(code), OK])
    error = await outcome(lambda: fetch(client))
    assert isinstance(error, tr.APIError)
    assert error.status == code
    assert route.call_count == 1
    assert waits == []


async def test_a_412_on_update_is_never_retried(client, mock):
    """A lost If-Match race needs the caller to decide again, not a retry."""
    route = mock.post(TASK_PATH).mock(side_effect=[status(412), OK])
    error = await outcome(
        lambda: client.workspaces(WS).tasks(WT).update(priority=1, if_match='"1"')
    )
    assert isinstance(error, tr.PreconditionFailedError)
    assert route.call_count == 1


@pytest.mark.parametrize("code", [408, 500, 502, 503, 504])
async def test_server_errors_are_retried_for_repeatable_operations(client, mock, code):
    """408 and 5xx are retried for fetch, update and delete."""
    fetched = mock.get(TASK_PATH).mock(side_effect=[status(code), OK])
    updated = mock.post(TASK_PATH).mock(side_effect=[status(code), OK])
    deleted = mock.delete(TASK_PATH).mock(side_effect=[status(code), httpx.Response(204)])
    tasks = client.workspaces(WS).tasks(WT)
    await run(tasks.fetch())
    await run(tasks.update(priority=2))
    await run(tasks.delete())
    assert (fetched.call_count, updated.call_count, deleted.call_count) == (2, 2, 2)


async def test_a_408_on_create_is_not_retried(client, mock):
    """408 may follow a request Twilio began to read: not repeated for a create."""
    route = mock.post(TASKS_PATH).mock(side_effect=[status(408), CREATED])
    assert isinstance(await outcome(lambda: create(client)), tr.APIError)
    assert route.call_count == 1


async def test_a_failing_page_is_retried_within_the_list(client, mock):
    """A 503 on the second page is retried; the list then completes."""
    second = f"https://taskrouter.twilio.com{TASKS_PATH}?PageToken=P2"
    first_page = {"tasks": [task_body(sid="WT" + "1" * 32)], "meta": {"next_page_url": second}}
    last_page = {"tasks": [task_body(sid="WT" + "2" * 32)], "meta": {"next_page_url": None}}
    route = mock.get(TASKS_PATH).mock(
        side_effect=[
            httpx.Response(200, json=first_page),
            status(503),
            httpx.Response(200, json=last_page),
        ]
    )
    tasks = await collect(client.workspaces(WS).tasks.list())
    assert [t.sid[-1] for t in tasks] == ["1", "2"]
    assert route.call_count == 3


async def test_retries_stop_at_max_retries_and_say_how_many(client, mock, waits):
    """After max_retries the last error goes to the caller, with the retries counted."""
    route = mock.get(TASK_PATH).mock(side_effect=[status(503)] * 5)
    error = await outcome(lambda: fetch(client))
    assert isinstance(error, tr.ServerError)
    assert error.http.retries == 2
    assert route.call_count == 3
    assert len(waits) == 2


async def test_connection_failures_stop_at_max_retries_too(client, mock):
    """Connection failures are retried up to max_retries, then raised with the count."""
    route = mock.get(TASK_PATH).mock(side_effect=[httpx.ConnectError("down")] * 5)
    error = await outcome(lambda: fetch(client))
    assert isinstance(error, tr.APIConnectionError)
    assert error.retries == 2
    assert route.call_count == 3


@pytest.mark.parametrize(("max_retries", "requests"), [(0, 1), (1, 2), (5, 6)])
async def test_max_retries_is_set_per_copy(client, mock, max_retries, requests):
    """with_options(max_retries=…) changes the copy only."""
    route = mock.get(TASK_PATH).mock(side_effect=[status(503)] * 10)
    await outcome(lambda: fetch(client.with_options(max_retries=max_retries)))
    assert route.call_count == requests
    route.reset()
    await outcome(lambda: fetch(client))
    assert route.call_count == 3


@pytest.mark.parametrize("client_class", [tr.Client, tr.AsyncClient])
async def test_max_retries_and_retry_creates_are_client_options(client_class, mock):
    """Both are constructor arguments too."""
    route = mock.post(TASKS_PATH).mock(side_effect=[status(503)] * 10)
    client = client_class(
        account_sid="AC" + "0" * 32, auth_token="t", max_retries=3, retry_creates=True
    )
    await outcome(lambda: create(client))
    assert route.call_count == 4
    await run(client.aclose() if isinstance(client, tr.AsyncClient) else client.close())


@pytest.mark.parametrize("client_class", [tr.Client, tr.AsyncClient])
@pytest.mark.parametrize(
    ("options", "argument"),
    [
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": "2"}, "max_retries"),
        ({"max_retries": True}, "max_retries"),
        ({"retry_creates": "yes"}, "retry_creates"),
    ],
)
def test_bad_retry_options_are_refused(client_class, options, argument):
    """Retry options are checked like every other argument."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        client_class(account_sid="AC" + "0" * 32, auth_token="t", **options)
    assert caught.value.argument == argument


async def test_each_retry_is_logged_with_its_reason(client, mock, caplog):
    """An INFO line says what is retried, why, after how long, and which retry it is."""
    mock.get(TASK_PATH).mock(side_effect=[status(503, **{"Twilio-Request-Id": "RQ7"}), OK])
    with caplog.at_level(logging.INFO, logger="taskrouter_client"):
        await run(fetch(client))
    (line,) = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert line.startswith(f"retrying GET {TASK_PATH} after HTTP 503 (request id RQ7) in ")
    assert line.endswith("(retry 1 of 2)")


async def test_without_instant_retries_the_sdk_really_waits(client, mock, monkeypatch):
    """Outside instant_retries() the waits are slept (through time.sleep / anyio.sleep)."""
    slept: list[float] = []

    async def async_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(_runner, "recorder", lambda: None)
    monkeypatch.setattr(_runner.time, "sleep", slept.append)
    monkeypatch.setattr(anyio, "sleep", async_sleep)
    mock.get(TASK_PATH).mock(side_effect=[status(429, **{"Retry-After": "2"}), OK])
    await run(fetch(client))
    assert slept == [2.0]


HOSTILE = [
    pytest.param(
        httpx.Response(200, content=b'{"sid": "WT'), tr.InvalidResponseError, 1, id="truncated-json"
    ),
    pytest.param(
        httpx.Response(200, content=b"<html>oops</html>"), tr.InvalidResponseError, 1, id="html-200"
    ),
    pytest.param(httpx.Response(200, content=b""), tr.InvalidResponseError, 1, id="empty-200"),
    pytest.param(
        httpx.Response(200, content=b"\xff\xfe\xfa"), tr.InvalidResponseError, 1, id="non-utf8-200"
    ),
    pytest.param(
        httpx.Response(200, json={k: v for k, v in task_body().items() if k != "sid"}),
        tr.InvalidResponseError,
        1,
        id="missing-sid",
    ),
    pytest.param(
        httpx.Response(502, content=b"<html>Bad Gateway</html>"), tr.ServerError, 3, id="html-502"
    ),
    pytest.param(httpx.Response(503, content=b""), tr.ServerError, 3, id="empty-503"),
    pytest.param(httpx.Response(520, content=b"\xff"), tr.ServerError, 1, id="unknown-520"),
    pytest.param(httpx.Response(429, content=b"{"), tr.RateLimitError, 3, id="broken-429"),
]


@pytest.mark.parametrize(("answer", "error_class", "requests"), HOSTILE)
async def test_broken_answers_give_our_errors_after_the_right_number_of_requests(
    client, mock, answer, error_class, requests
):
    """Broken bodies and odd statuses: our typed error, retried only where the rules say."""
    route = mock.get(TASK_PATH).mock(return_value=answer)
    error = await outcome(lambda: fetch(client))
    assert type(error) is error_class
    assert route.call_count == requests


async def test_unknown_fields_and_values_survive_a_retry(client, mock):
    """A Task read after a retry keeps fields and statuses the SDK does not know yet."""
    body = task_body(assignment_status="escalated", new_field={"a": 1})
    mock.get(TASK_PATH).mock(side_effect=[status(503), httpx.Response(200, json=body)])
    task = await run(fetch(client))
    assert task.assignment_status == "escalated"
    assert task.extra_fields == {"new_field": {"a": 1}}
    assert task.http.retries == 1
