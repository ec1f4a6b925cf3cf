"""Lists follow next_page_url lazily, honour limit and page tokens, and refuse unsafe URLs."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

import taskrouter_client as tr
from taskrouter_client import Page, PaginationError
from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, BASE, TASKS_PATH, WS, collect, run, task_body

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
        "https://taskrouter.ie1.twilio.com/elsewhere?PageToken=x",
        "https://evil.example.com/taskrouter/v1/Tasks?PageToken=x",
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


async def test_a_page_that_never_connects_raises_after_the_retries(client, mock):
    """A list whose next page cannot be reached: APIConnectionError, retries counted."""
    next_url = f"{URL}?PageToken=PT1"
    route = mock.get(TASKS_PATH).mock(
        side_effect=[httpx.Response(200, json=page_body(0, 1, next_url))]
        + [httpx.ConnectError("refused")] * 3
    )
    seen = await collect_until_error(client.workspaces(WS).tasks.list())
    assert len(seen.items) == 1
    assert isinstance(seen.error, tr.APIConnectionError)
    assert (seen.error.retries, seen.error.may_have_been_sent) == (2, False)
    assert route.call_count == 4


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


PROXY = "https://proxy.example.com/taskrouter"


@pytest.fixture
def proxied() -> Any:
    """A respx router for a gateway that serves TaskRouter under a path prefix."""
    with respx.mock(base_url=PROXY, assert_all_called=False) as router:
        yield router


@pytest.mark.parametrize(
    "next_url",
    [
        pytest.param(f"https://taskrouter.twilio.com{TASKS_PATH}?PageToken=PT1", id="twilio"),
        pytest.param(
            f"https://taskrouter.dublin.ie1.twilio.com{TASKS_PATH}?PageToken=PT1", id="edge"
        ),
        pytest.param(f"{TASKS_PATH}?PageToken=PT1", id="relative"),
        pytest.param(f"https://proxy.example.com{TASKS_PATH}?PageToken=PT1", id="gateway-root"),
        pytest.param(f"/taskrouter{TASKS_PATH}?PageToken=PT1", id="prefixed"),
        pytest.param(f"{PROXY}{TASKS_PATH}?PageToken=PT1", id="prefixed-absolute"),
    ],
)
@pytest.mark.parametrize("client_class", [tr.Client, tr.AsyncClient])
async def test_a_base_url_with_a_path_prefix_pages_under_it(client_class, proxied, next_url):
    """Every next_page_url of the API's shape is re-rooted on the base URL, prefix included."""
    bodies = iter([page_body(0, 1, next_url), page_body(1, 1, None)])
    route = proxied.get(TASKS_PATH).mock(
        side_effect=lambda _: httpx.Response(200, json=next(bodies))
    )
    client = client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, base_url=PROXY + "/")
    tasks = await collect(client.workspaces(WS).tasks.list())
    assert [t.sid for t in tasks] == [sid(0), sid(1)]
    assert [str(call.request.url) for call in route.calls] == [
        f"{PROXY}{TASKS_PATH}",
        f"{PROXY}{TASKS_PATH}?PageToken=PT1",
    ]
    assert all(call.request.headers["Authorization"] for call in route.calls)
    await run(client.aclose() if isinstance(client, tr.AsyncClient) else client.close())


async def test_twilio_next_page_urls_are_followed_on_a_regional_base_url(mock):
    """A regional client keeps its region when Twilio's page links name the default host."""
    client = tr.Client(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, region="ie1")
    with respx.mock(base_url="https://taskrouter.ie1.twilio.com") as regional:
        bodies = iter([page_body(0, 1, f"{URL}?PageToken=PT1"), page_body(1, 1, None)])
        route = regional.get(TASKS_PATH).mock(
            side_effect=lambda _: httpx.Response(200, json=next(bodies))
        )
        assert len(list(client.workspaces(WS).tasks.list())) == 2
    assert route.calls.last.request.url.host == "taskrouter.ie1.twilio.com"
    assert len(mock.calls) == 0


# -- first(), to_list() and repr ----------------------------------------------------------


async def test_first_fetches_one_page_of_one_item(client, mock):
    """first() is one request with PageSize=1, the caller's filters kept."""
    route = mock.get(TASKS_PATH).respond(200, json=page_body(0, 1, f"{URL}?PageToken=PT1"))
    paginator = client.workspaces(WS).tasks.list(assignment_status="pending")
    task = await run(paginator.first())
    assert task.sid == sid(0)
    assert route.call_count == 1
    params = route.calls.last.request.url.params
    assert (params["PageSize"], params["AssignmentStatus"]) == ("1", "pending")


@pytest.mark.parametrize(
    "options", [{"page_size": 50}, {"limit": 20}, {"page_size": 5, "limit": 9}]
)
async def test_first_asks_for_one_item_whatever_the_page_size(client, mock, options):
    """The first item does not depend on the page size: first() never asks for more."""
    route = mock.get(TASKS_PATH).respond(200, json=page_body(0, 1, None))
    await run(client.workspaces(WS).tasks.list(**options).first())
    assert route.calls.last.request.url.params.get_list("PageSize") == ["1"]


async def test_first_of_an_empty_list_is_none(client, mock):
    """No item: None, after one request."""
    route = mock.get(TASKS_PATH).respond(200, json=page_body(0, 0, None))
    assert await run(client.workspaces(WS).tasks.list().first()) is None
    assert route.call_count == 1


async def test_first_with_limit_zero_sends_nothing(client, mock):
    """limit=0 means no items: first() is None without a request."""
    route = mock.get(TASKS_PATH).respond(200, json=page_body(0, 1, None))
    assert await run(client.workspaces(WS).tasks.list(limit=0).first()) is None
    assert route.call_count == 0


async def test_first_passes_an_empty_first_page_by(client, mock):
    """An empty page that still names a next page: first() follows it to the first item."""
    bodies = iter([page_body(0, 0, f"{URL}?PageToken=PT2"), page_body(4, 1, None)])
    route = mock.get(TASKS_PATH).mock(side_effect=lambda _: httpx.Response(200, json=next(bodies)))
    task = await run(client.workspaces(WS).tasks.list().first())
    assert (task.sid, route.call_count) == (sid(4), 2)


async def test_to_list_collects_every_page_within_the_limit(client, mock):
    """to_list() gives what iterating gives: every item up to limit, as a list."""
    route = three_pages(mock)
    everything = await run(client.workspaces(WS).tasks.list(page_size=2).to_list())
    assert [t.sid for t in everything] == [sid(n) for n in range(6)]
    limited = await run(client.workspaces(WS).tasks.list(page_size=2, limit=3).to_list())
    assert [t.sid for t in limited] == [sid(0), sid(1), sid(2)]
    assert route.call_count == 5


async def test_a_paginator_repr_says_what_it_lists_without_the_values(client, mock):
    """The operation, the path and the parameter names: filter values may be customer data."""
    paginator = client.workspaces(WS).tasks.list(
        evaluate_task_attributes='customer == "Zoë Secret"', page_size=5, limit=10
    )
    kind = "AsyncPaginator" if isinstance(client, tr.AsyncClient) else "Paginator"
    assert repr(paginator) == (
        f"{kind}(op='ListTask', path='{TASKS_PATH}', "
        "params=['EvaluateTaskAttributes', 'PageSize'], limit=10)"
    )
    assert len(mock.calls) == 0
