"""Every error the SDK raises survives pickle, and so a process boundary.

With ProcessPoolExecutor (or multiprocessing.Pool) a worker's exception travels pickled; an
error that does not unpickle becomes BrokenProcessPool, or a Pool.get() that never returns.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import httpx
import pytest

import taskrouter_client as tr
from taskrouter_client._errors import error_for_response
from taskrouter_client._http_info import HTTPInfo
from taskrouter_client.testing import FakeTaskRouter

ATTRIBUTES = (
    "status",
    "code",
    "message",
    "more_info",
    "details",
    "method",
    "path",
    "body",
    "may_have_been_sent",
    "retries",
    "argument",
    "position",
    "expected",
    "path",
)


def round_trip(error: Exception) -> Any:
    return pickle.loads(pickle.dumps(error))  # noqa: S301  # our own bytes, just made


def info(status: int, **headers: str) -> HTTPInfo:
    return HTTPInfo(
        status=status,
        method="POST",
        path="/v1/Workspaces/WS/Tasks",
        headers=httpx.Headers(headers),
        elapsed=0.2,
        retries=1,
    )


def api_error(status: int, **headers: str) -> tr.APIError:
    body = b'{"code": 20404, "message": "Not here", "more_info": "https://t/20404", "details": {}}'
    return error_for_response(
        status=status, content=body, method="POST", path="/v1/x", http=info(status, **headers)
    )


def connection_error(kind: type[tr.APIConnectionError]) -> tr.APIConnectionError:
    error = kind("request failed", method="GET", path="/v1/x", may_have_been_sent=True)
    error.retries = 2
    return error


ERRORS = [
    pytest.param(api_error(400), id="BadRequestError"),
    pytest.param(api_error(401), id="AuthenticationError"),
    pytest.param(api_error(403), id="PermissionDeniedError"),
    pytest.param(api_error(404, **{"Twilio-Request-Id": "RQ1"}), id="NotFoundError"),
    pytest.param(api_error(409), id="APIError"),
    pytest.param(api_error(412), id="PreconditionFailedError"),
    pytest.param(api_error(429, **{"Retry-After": "3"}), id="RateLimitError"),
    pytest.param(api_error(503), id="ServerError"),
    pytest.param(
        tr.InvalidResponseError(status=200, message="bad", method="GET", path="/", body="<html>"),
        id="InvalidResponseError",
    ),
    pytest.param(connection_error(tr.APIConnectionError), id="APIConnectionError"),
    pytest.param(connection_error(tr.APITimeoutError), id="APITimeoutError"),
    pytest.param(tr.InvalidArgumentError("priority", "expected an integer"), id="InvalidArgument"),
    pytest.param(tr.MissingCredentialsError("credentials", "none found"), id="MissingCredentials"),
    pytest.param(tr.PaginationError("refusing to follow"), id="PaginationError"),
    pytest.param(tr.TaskRouterError("root"), id="TaskRouterError"),
    pytest.param(
        tr.ExpressionError("level >=", 8, "a value or a key", "target_workers"),
        id="ExpressionError",
    ),
    pytest.param(
        tr.ConfigurationError(
            "configuration", "task_routing.default_filter.queue", "a TaskQueue SID", None, "no"
        ),
        id="ConfigurationError",
    ),
    pytest.param(
        tr.InvalidCallbackError("TaskAge", "expected a whole number of seconds"),
        id="InvalidCallbackError",
    ),
]


@pytest.mark.parametrize("error", ERRORS)
def test_every_error_round_trips_through_pickle(error):
    """Type, message, every attribute and the HTTP metadata (headers included) survive."""
    copy = round_trip(error)
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args
    for name in ATTRIBUTES:
        assert getattr(copy, name, None) == getattr(error, name, None), name
    http = getattr(error, "http", None)
    if http is not None:
        assert copy.http == http
        assert dict(copy.http.headers) == dict(http.headers)
        assert copy.request_id == error.request_id


def test_rate_limit_error_keeps_retry_after_across_pickle():
    """RateLimitError.retry_after is read from the pickled headers."""
    copy = round_trip(api_error(429, **{"Retry-After": "3"}))
    assert copy.retry_after == 3.0


def test_attributes_set_after_raising_survive_pickle():
    """may_have_been_sent and retries, set by the runner after building the error, are kept."""
    error = api_error(404)
    error.may_have_been_sent = True
    copy = round_trip(error)
    assert copy.may_have_been_sent is True


def test_every_error_class_is_covered_here():
    """A new error class must be added to ERRORS (its constructor may break pickling)."""
    exported = [getattr(tr, name) for name in tr.__all__]
    classes = {
        value
        for value in exported
        if isinstance(value, type) and issubclass(value, tr.TaskRouterError)
    }
    tested = {type(param.values[0]) for param in ERRORS}
    assert classes == tested


MISSING = "WT" + "0" * 32


def fetch_missing_task(kind: str, workspace_sid: str, **options: Any) -> None:
    """In a worker process: fetch a Task the emulator does not have (raises NotFoundError)."""
    if kind == "sync":
        with tr.Client(**options) as client:
            client.workspaces(workspace_sid).tasks(MISSING).fetch()
        return

    async def fetch() -> None:
        async with tr.AsyncClient(**options) as client:
            await client.workspaces(workspace_sid).tasks(MISSING).fetch()

    asyncio.run(fetch())


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_workers_not_found_error_reaches_the_parent_process(kind):
    """A real ProcessPoolExecutor: the worker's NotFoundError arrives whole, not broken."""
    fake = FakeTaskRouter()
    with (
        fake.serve() as base_url,
        ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool,
    ):
        future = pool.submit(
            fetch_missing_task,
            kind,
            fake.workspace_sid,
            account_sid=fake.account_sid,
            auth_token=fake.auth_token,
            base_url=base_url,
        )
        with pytest.raises(tr.NotFoundError) as caught:
            future.result(timeout=60)
    error = caught.value
    assert (error.status, error.method) == (404, "GET")
    assert error.path == f"/v1/Workspaces/{fake.workspace_sid}/Tasks/{MISSING}"
    assert error.http is not None
    assert error.request_id is not None
    assert error.may_have_been_sent is False
    assert fake.auth_token not in repr(vars(error))
