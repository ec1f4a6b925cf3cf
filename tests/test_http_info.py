"""HTTPInfo: the headers TaskRouter sends, read leniently into typed figures."""

from __future__ import annotations

import logging

import attrs
import httpx
import pytest

from taskrouter_client import HTTPInfo
from taskrouter_client._http_info import received
from taskrouter_client._operation import Request, Safety
from tests.conftest import TASK_PATH, WS, WT, run, task_body

pytestmark = pytest.mark.anyio


def info(**headers: str) -> HTTPInfo:
    return HTTPInfo(status=429, method="GET", path="/", headers=httpx.Headers(headers), elapsed=0.0)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "120"}, 120.0),
        ({"Retry-After": " 1.5 "}, 1.5),
        ({"Retry-After": "-3"}, 0.0),
        ({"Retry-After": "inf"}, None),
        ({"Retry-After": "soon"}, None),
        ({}, None),
        (
            {
                "Retry-After": "Wed, 21 Oct 2026 07:28:30 GMT",
                "Date": "Wed, 21 Oct 2026 07:28:00 GMT",
            },
            30.0,
        ),
        (
            {
                "Retry-After": "Wed, 21 Oct 2026 07:27:00 GMT",
                "Date": "Wed, 21 Oct 2026 07:28:00 GMT",
            },
            0.0,
        ),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),
        ({"Retry-After": "Wed, 21 Oct 2026 07:28:00"}, None),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(headers, expected):
    """Retry-After is a delay in seconds or an HTTP date (measured from the Date header)."""
    assert info(**headers).retry_after == expected


def test_rate_limit_figures_are_ints_or_none():
    """Figures that are not integers are None rather than an exception."""
    figures = info(**{"X-Rate-Limit-Limit": "x", "X-Rate-Limit-Remaining": " 5 "}).rate_limit
    assert figures.limit is None
    assert figures.remaining == 5
    assert figures.config is None


def test_etag_is_read_in_either_spelling():
    """The spec spells the header ETag and Etag; both are read."""
    assert info(Etag='"5"').etag == '"5"'
    assert info().etag is None
    assert info().request_id is None


async def test_each_response_is_logged_at_debug_without_secrets(client, mock, caplog):
    """DEBUG shows method, path, status, request id and retries on the package logger."""
    mock.get(TASK_PATH).respond(200, json=task_body(), headers={"Twilio-Request-Id": "RQ42"})
    with caplog.at_level(logging.DEBUG, logger="taskrouter_client"):
        await run(client.workspaces(WS).tasks(WT).fetch())
    (record,) = [r for r in caplog.records if r.name == "taskrouter_client"]
    message = record.getMessage()
    assert message.startswith(f"GET {TASK_PATH} -> 200 in ")
    assert "request id RQ42, retries 0" in message


async def test_an_httpx_timeout_object_is_accepted(client, mock):
    """with_options takes an httpx.Timeout as it is."""
    route = mock.get(TASK_PATH).respond(200, json=task_body())
    await run(
        client.with_options(timeout=httpx.Timeout(3.0, connect=1.0))
        .workspaces(WS)
        .tasks(WT)
        .fetch()
    )
    assert route.calls.last.request.extensions["timeout"] == {
        "connect": 1.0,
        "read": 3.0,
        "write": 3.0,
        "pool": 3.0,
    }


def test_the_senders_httpinfo_is_the_one_init_makes():
    """received() fills every field, as HTTPInfo(...) would, and the result is frozen."""
    request = Request("GET", "https://h/v1/x", "/v1/x", (), None, Safety.READ)
    headers = httpx.Headers({"ETag": '"1"'})
    made = received(request, 200, headers, 0.25, 2)
    assert type(made) is HTTPInfo
    expected = HTTPInfo(
        status=200, method="GET", path="/v1/x", headers=headers, elapsed=0.25, retries=2
    )
    assert attrs.asdict(made) == attrs.asdict(expected)
    assert made.reconciled is False
    assert made.etag == '"1"'
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.status = 500  # type: ignore[misc]
