"""Lists follow next_page_url lazily, honour limit and page tokens, and refuse unsafe URLs."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

from taskrouter_client import Page, PaginationError
from tests.conftest import BASE, TASKS_PATH, WS, collect, task_body

pytestmark = pytest.mark.anyio

URL = BASE + TASKS_PATH


def sid(n: int) -> str:
    return f"WT{n:032x}"


def page_body(first: int, count: int, next_url: str | None) -> dict[str, Any]:
    return {
        "tasks": [task_body(sid=sid(n)) for n in range(first, first + count)],
        "meta": {
            "key": "tasks",
            "next_page_url": next_url,
            "page": first // 2,
            "page_size": count,
            "url": URL,
        },
    }


def three_pages(mock: respx.MockRouter) -> respx.Route:
    """Pages of two tasks each, chained by PageToken, the last one without next_page_url."""
    bodies = {
        None: page_body(0, 2, f"{URL}?PageSize=2&Page=1&PageToken=PT1"),
        "PT1": page_body(2, 2, f"{URL}?PageSize=2&Page=2&PageToken=PT2"),
        "PT2": page_body(4, 2, None),
    }

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=bodies[request.url.params.get("PageToken")])

    return mock.get(TASKS_PATH).mock(side_effect=answer)


async def test_follows_next_page_url_until_it_is_null(client, mock):
    """All pages are fetched in order, each from the URL the previous page named."""
    route = three_pages(mock)
    tasks = await collect(client.workspaces(WS).tasks.list(page_size=2))
    assert [t.sid for t in tasks] == [sid(n) for n in range(6)]
    urls = [str(call.request.url) for call in route.calls]
    assert urls == [
        f"{URL}?PageSize=2",
        f"{URL}?PageSize=2&Page=1&PageToken=PT1",
        f"{URL}?PageSize=2&Page=2&PageToken=PT2",
    ]


async def test_limit_caps_items_and_requests(client, mock):
    """limit=3 over pages of 2 needs two requests and yields three items."""
    route = three_pages(mock)
    tasks = await collect(client.workspaces(WS).tasks.list(page_size=2, limit=3))
    assert [t.sid for t in tasks] == [sid(0), sid(1), sid(2)]
    assert route.call_count == 2


async def test_limit_exactly_at_a_page_end_sends_no_further_request(client, mock):
    """Reaching the limit at the end of a page does not fetch the next page."""
    route = three_pages(mock)
    tasks = await collect(client.workspaces(WS).tasks.list(page_size=2, limit=4))
    assert len(tasks) == 4
    assert route.call_count == 2


@pytest.mark.parametrize(("limit", "page_size"), [(5, "5"), (1000, "1000"), (5000, "1000")])
async def test_limit_sets_page_size_when_none_is_given(client, mock, limit, page_size):
    """Without page_size, the first request asks for min(limit, 1000) items."""
    route = mock.get(TASKS_PATH).respond(200, json=page_body(0, 1, None))
    await collect(client.workspaces(WS).tasks.list(limit=limit))
    assert route.calls.last.request.url.params["PageSize"] == page_size


async def test_limit_zero_sends_nothing(client, mock):
    """limit=0 yields nothing without a request."""
    route = mock.get(TASKS_PATH).respond(200, json=page_body(0, 1, None))
    assert await collect(client.workspaces(WS).tasks.list(limit=0)) == []
    assert route.call_count == 0


async def test_page_token_resumes_from_a_saved_token(client, mock):
    """page_token is sent as PageToken on the first request."""
    route = three_pages(mock)
    tasks = await collect(client.workspaces(WS).tasks.list(page_token="PT2"))
    assert [t.sid for t in tasks] == [sid(4), sid(5)]
    assert route.calls.last.request.url.params["PageToken"] == "PT2"


async def test_pages_expose_items_and_next_page_token(client, mock):
    """pages() yields whole pages with their next token; the last page's token is None."""
    three_pages(mock)
    pages = await collect(client.workspaces(WS).tasks.list(page_size=2).pages())
    assert all(isinstance(p, Page) for p in pages)
    assert [[t.sid for t in p.items] for p in pages] == [
        [sid(0), sid(1)],
        [sid(2), sid(3)],
        [sid(4), sid(5)],
    ]
    assert [p.next_page_token for p in pages] == ["PT1", "PT2", None]
    assert pages[0].http.status == 200
    assert pages[0].page_size == 2
    assert pages[0].url == URL


async def test_pages_with_limit_stop_after_the_page_that_reaches_it(client, mock):
    """pages() honours limit in requests, yielding the last page whole (safe to resume)."""
    route = three_pages(mock)
    pages = await collect(client.workspaces(WS).tasks.list(page_size=2, limit=3).pages())
    assert [len(p.items) for p in pages] == [2, 2]
    assert pages[-1].next_page_token == "PT2"
    assert route.call_count == 2


async def test_each_iteration_starts_again(client, mock):
    """A paginator is a recipe: iterating twice reads the list twice."""
    route = three_pages(mock)
    paginator = client.workspaces(WS).tasks.list(page_size=2)
    assert len(await collect(paginator)) == 6
    assert len(await collect(paginator)) == 6
    assert route.call_count == 6


@pytest.mark.parametrize(
    "foreign",
    [
        "https://evil.example.com/v1/Workspaces/WS/Tasks?PageToken=x",
        "http://taskrouter.twilio.com/v1/Workspaces/WS/Tasks?PageToken=x",
        "https://taskrouter.twilio.com:8443/v1/Workspaces/WS/Tasks?PageToken=x",
        "https://taskrouter.twilio.com.evil.example.com/v1/Tasks?PageToken=x",
        "https://taskrouter.twilio.com:notaport/v1/Tasks?PageToken=x",
    ],
)
async def test_next_page_url_on_another_origin_is_never_requested(client, mock, foreign):
    """A next_page_url with another scheme, host or port raises before any request to it."""
    mock.get(TASKS_PATH).respond(200, json=page_body(0, 2, foreign))
    seen = await collect_until_error(client.workspaces(WS).tasks.list())
    assert [t.sid for t in seen.items] == [sid(0), sid(1)]
    assert isinstance(seen.error, PaginationError)
    assert "refusing to follow" in str(seen.error)
    assert len(mock.calls) == 1


async def test_a_repeated_next_page_url_stops_the_walk(client, mock):
    """A server that sends the same next_page_url twice cannot make us loop."""
    loop_url = f"{URL}?PageToken=SAME"
    route = mock.get(TASKS_PATH).respond(200, json=page_body(0, 1, loop_url))
    seen = await collect_until_error(client.workspaces(WS).tasks.list())
    assert isinstance(seen.error, PaginationError)
    assert "same next_page_url twice" in str(seen.error)
    assert route.call_count == 2
    assert len(seen.items) == 2


async def test_a_relative_next_page_url_is_resolved_against_the_base_url(client, mock):
    """A path-only next_page_url stays on the base URL's origin."""
    bodies = iter([page_body(0, 1, f"{TASKS_PATH}?PageToken=REL"), page_body(1, 1, None)])
    route = mock.get(TASKS_PATH).mock(side_effect=lambda _: httpx.Response(200, json=next(bodies)))
    tasks = await collect(client.workspaces(WS).tasks.list())
    assert len(tasks) == 2
    assert str(route.calls.last.request.url) == f"{URL}?PageToken=REL"


class Seen:
    def __init__(self) -> None:
        self.items: list[Any] = []
        self.error: Exception | None = None


async def collect_until_error(paginator: Any) -> Seen:
    """Iterate, keeping what came before an error and the error itself."""
    seen = Seen()
    try:
        if hasattr(paginator, "__aiter__"):
            async for item in paginator:
                seen.items.append(item)
        else:
            for item in paginator:
                seen.items.append(item)
    except Exception as exc:  # noqa: BLE001  # the test inspects whatever was raised
        seen.error = exc
    return seen
