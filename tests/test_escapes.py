"""The last untyped escapes: what a hostile server or a careless caller sent that used to come
out as a bare ValueError, OverflowError, UnicodeEncodeError or RecursionError.

Each case now gives one of our errors (an InvalidArgumentError naming the argument, with
nothing sent, or a TaskRouterError for what the server sent), on both clients.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
import respx

import taskrouter_client as tr
from tests.conftest import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    TASK_PATH,
    TASKS_PATH,
    WR,
    WS,
    WT,
    collect,
    run,
    task_body,
)

pytestmark = pytest.mark.anyio

CLIENTS = pytest.mark.parametrize("client_class", [tr.Client, tr.AsyncClient])


def tasks(client: Any) -> Any:
    return client.workspaces(WS).tasks


def task(client: Any) -> Any:
    return client.workspaces(WS).tasks(WT)


def reservation(client: Any) -> Any:
    return task(client).reservations(WR)


def nested(depth: int) -> dict[str, Any]:
    """A mapping nested ``depth`` levels deep (built without recursion)."""
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


# -- what the server sends ----------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    ["²", "٣", "1" * 5_000, 10**30, -5],
    ids=["superscript", "arabic", "5000", "huge", "neg"],
)
async def test_an_error_code_that_is_no_twilio_code_is_dropped(client, mock, code):
    """int("²") and int("1" * 5000) raise ValueError; the error keeps its status, code None."""
    mock.get(TASK_PATH).respond(400, json={"code": code, "message": "odd", "status": 400})
    with pytest.raises(tr.BadRequestError) as caught:
        await run(task(client).fetch())
    assert (caught.value.code, caught.value.message) == (None, "odd")


ABSURD_DATES = [
    pytest.param({"Retry-After": "Mon, 01 Jan 2024 99999999999999999999:00:00 GMT"}, id="hour"),
    pytest.param({"Retry-After": "Mon, 01 Jan 2024 00:00:00 +99999999999999999999"}, id="zone"),
    pytest.param(
        {
            "Retry-After": "Mon, 01 Jan 2024 00:00:05 GMT",
            "Date": "Mon, 01 Jan 2024 00:00:00 -99999999999999999999",
        },
        id="date-zone",
    ),
]


@pytest.mark.parametrize("headers", ABSURD_DATES)
async def test_a_429_with_an_absurd_http_date_is_a_rate_limit_error(client, mock, headers, waits):
    """An unreadable Retry-After is no Retry-After: backoff, then RateLimitError."""
    route = mock.get(TASK_PATH).respond(429, json={"code": 20429}, headers=headers)
    with pytest.raises(tr.RateLimitError) as caught:
        await run(task(client).fetch())
    assert caught.value.retry_after is None
    assert caught.value.http.retry_after is None
    assert route.call_count == 3
    assert all(0.1 <= wait <= 1.0 for wait in waits)


async def test_rate_limit_figures_that_are_no_numbers_are_none(client, mock):
    """X-Rate-Limit-* with "²" or 5,000 digits: None, as for a figure not sent at all."""
    headers = [(b"X-Rate-Limit-Limit", "²".encode()), (b"X-Rate-Limit-Remaining", b"9" * 5_000)]
    mock.get(TASK_PATH).respond(200, json=task_body(), headers=headers)
    fetched = await run(task(client).fetch())
    assert (fetched.http.rate_limit.limit, fetched.http.rate_limit.remaining) == (None, None)
    mock.get(TASK_PATH).respond(200, json=task_body())
    unsent = (await run(task(client).fetch())).http.rate_limit
    assert (unsent.limit, unsent.remaining, unsent.config) == (None, None, None)


MALFORMED_NEXT = ["https://[::1/v1/x", "https://taskrouter.twilio.com:notaport/v1/x"]


@pytest.mark.parametrize("next_url", MALFORMED_NEXT)
async def test_a_next_page_url_that_is_not_a_url_stops_iteration(client, mock, next_url):
    """The page's items come first, then PaginationError (urlsplit's ValueError is ours)."""
    page = {"tasks": [task_body()], "meta": {"next_page_url": next_url}}
    mock.get(TASKS_PATH).respond(200, json=page)
    items: list[Any] = []
    with pytest.raises(tr.PaginationError, match="not a URL"):
        await drain(tasks(client).list(), into=items)
    assert len(items) == 1
    assert len(mock.calls) == 1


async def drain(paginator: Any, *, into: list[Any]) -> None:
    """Iterate, keeping the items seen before an error."""
    if isinstance(paginator, tr.AsyncPaginator):
        async for item in paginator:
            into.append(item)
    else:
        into.extend(paginator)


async def test_the_token_of_a_next_page_url_that_is_not_a_url_is_a_pagination_error(client, mock):
    """Page.next_page_token raises PaginationError, not urlsplit's ValueError."""
    page = {"tasks": [task_body()], "meta": {"next_page_url": "https://[::1/v1/x?PageToken=a"}}
    mock.get(TASKS_PATH).respond(200, json=page)
    pages = tasks(client).list().pages()
    page = await pages.__anext__() if hasattr(pages, "__anext__") else next(pages)
    await run(pages.aclose() if hasattr(pages, "aclose") else pages.close())
    with pytest.raises(tr.PaginationError, match="not a URL"):
        _ = page.next_page_token


async def test_attributes_a_lost_update_reads_back_unreadable_do_not_escape(client, mock):
    """The read-back after a lost update meets attributes that are not JSON: the 412 stands."""
    mock.post(TASK_PATH).mock(
        side_effect=[httpx.Response(502), httpx.Response(412, json={"code": 20412})]
    )
    for broken in ("{not json", "[" * 100_000 + "]" * 100_000):
        mock.get(TASK_PATH).respond(200, json=task_body(attributes=broken))
        with pytest.raises(tr.PreconditionFailedError) as caught:
            await run(task(client).update(attributes={"type": "x"}, if_match='"1"'))
        assert caught.value.may_have_been_sent
        mock.post(TASK_PATH).mock(
            side_effect=[httpx.Response(502), httpx.Response(412, json={"code": 20412})]
        )


# -- what the caller passes ------------------------------------------------------------------

SURROGATE = "\ud800"

BAD_ARGUMENTS = [
    # if_match travels in a header: printable ASCII only.
    ("if_match", "CR LF", lambda c: task(c).update(priority=1, if_match='"1"\r\nX-Evil: 1')),
    ("if_match", "NUL", lambda c: task(c).delete(if_match='"1"\x00')),
    ("if_match", "non-ASCII", lambda c: task(c).update(priority=1, if_match='"é"')),
    ("if_match", "surrogate", lambda c: task(c).delete(if_match=SURROGATE)),
    ("if_match", "reservation", lambda c: reservation(c).accept(if_match='"1"\n')),
    # Lone surrogates cannot be encoded as UTF-8, in any text or attributes argument.
    ("attributes", "surrogate value", lambda c: tasks(c).create(attributes={"a": SURROGATE})),
    ("attributes", "surrogate key", lambda c: tasks(c).create(attributes={SURROGATE: 1})),
    ("attributes", "surrogate text", lambda c: task(c).update(attributes='{"a": "\udfff"}')),
    ("task_channel", "surrogate", lambda c: tasks(c).create(task_channel=SURROGATE)),
    ("reason", "surrogate", lambda c: task(c).update(reason="x" + SURROGATE)),
    ("ordering", "surrogate in a query", lambda c: tasks(c).list(ordering=SURROGATE)),
    ("dequeue_from", "surrogate", lambda c: reservation(c).dequeue(dequeue_from=SURROGATE)),
    (
        "dequeue_status_callback_event",
        "surrogate in a list",
        lambda c: reservation(c).dequeue(
            dequeue_from="+1", dequeue_status_callback_event=[SURROGATE]
        ),
    ),
    (
        "call_url",
        "surrogate in a URL",
        lambda c: reservation(c).call(call_from="+1", call_url="https://e.com/" + SURROGATE),
    ),
    # Callback URLs that urlsplit cannot read, or would read after dropping characters.
    (
        "call_url",
        "broken IPv6 host",
        lambda c: reservation(c).call(call_from="+1", call_url="https://[::1/x"),
    ),
    (
        "call_url",
        "a line break",
        lambda c: reservation(c).call(call_from="+1", call_url="https://e.com/\n"),
    ),
    # Nesting too deep for json.
    ("attributes", "100,000 deep", lambda c: tasks(c).create(attributes=nested(100_000))),
    (
        "attributes",
        "100,000 deep as text",
        lambda c: task(c).update(attributes='{"a":' * 100_000 + "1" + "}" * 100_000),
    ),
    # Datetimes that overflow on the way to UTC.
    (
        "virtual_start_time",
        "datetime.max with a negative offset",
        lambda c: tasks(c).create(
            virtual_start_time=datetime.max.replace(tzinfo=timezone(timedelta(hours=-5)))
        ),
    ),
    (
        "virtual_start_time",
        "datetime.min with a positive offset",
        lambda c: task(c).update(
            virtual_start_time=datetime.min.replace(tzinfo=timezone(timedelta(hours=5)))
        ),
    ),
    # Integers too large for str() (4,300 digits) or for the API (64 bits).
    ("priority", "10**5000", lambda c: tasks(c).create(priority=10**5000)),
    (
        "dequeue_timeout",
        "10**5000",
        lambda c: reservation(c).dequeue(dequeue_from="+1", dequeue_timeout=10**5000),
    ),
    (
        "dequeue_timeout",
        "2**64",
        lambda c: reservation(c).dequeue(dequeue_from="+1", dequeue_timeout=2**64),
    ),
]


@pytest.mark.parametrize(
    ("argument", "call"),
    [pytest.param(argument, call, id=f"{argument}-{why}") for argument, why, call in BAD_ARGUMENTS],
)
async def test_a_bad_argument_is_refused_by_name_before_sending(client, mock, argument, call):
    """InvalidArgumentError naming the argument; nothing reaches the wire."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        await collect_or_run(call(client))
    assert caught.value.argument == argument
    assert str(caught.value).startswith(f"{argument}: ")
    assert len(mock.calls) == 0


async def collect_or_run(value: Any) -> Any:
    if isinstance(value, tr.Paginator | tr.AsyncPaginator):
        return await collect(value)
    return await run(value)


async def test_if_match_with_an_etag_twilio_sends_is_accepted(client, mock):
    """The header check lets real ETags through: quoted, weak, with punctuation."""
    route = mock.delete(TASK_PATH).respond(204)
    for etag in ('"1"', 'W/"1a2b"', '"a b,c=d"'):
        await run(task(client).delete(if_match=etag))
        assert route.calls.last.request.headers["If-Match"] == etag


async def test_non_ascii_text_that_is_valid_unicode_is_sent(client, mock):
    """Accents, emoji and CJK are text; only lone surrogates are refused."""
    route = mock.post(TASKS_PATH).respond(201, json=task_body())
    await run(tasks(client).create(attributes={"name": "Zoë 🎧 王"}, task_channel="vóz"))
    assert b"Zo%C3%AB" in route.calls.last.request.content


BAD_BASE_URLS = [
    pytest.param("https://taskrouter.twilio.com\n", id="trailing-newline"),
    pytest.param("https://taskrouter.twilio.com\t/x", id="tab"),
    pytest.param("https://task\x00router.twilio.com", id="nul"),
    pytest.param("https://exa mple.com", id="space"),
    pytest.param("https://[::1", id="broken-ipv6"),
    pytest.param("https://[::1]x:80", id="junk-after-ipv6"),
    pytest.param("https://☃.example", id="not-idna"),
    pytest.param("https://xn--xx.example", id="broken-punycode"),
    pytest.param("https://a..b", id="empty-label"),
    pytest.param("https://-a-.example", id="hyphen-label"),
    pytest.param("https://ex%41mple.com", id="percent-host"),
    pytest.param("https://[v1.x]", id="ipvfuture"),
    pytest.param("https://example.com?", id="empty-query"),
    pytest.param("taskrouter.twilio.com", id="no-scheme"),
]


@CLIENTS
@pytest.mark.parametrize("base_url", BAD_BASE_URLS)
def test_a_base_url_that_is_not_a_url_fails_in_the_constructor(client_class, base_url):
    """Not at the first call (as httpx's InvalidURL, or a bare ValueError): at once, named."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, base_url=base_url)
    assert caught.value.argument == "base_url"


@CLIENTS
@pytest.mark.parametrize(
    "base_url",
    [
        "https://taskrouter.twilio.com/",
        "https://proxy.example.com:8443/taskrouter",
        "https://xn--bcher-kva.example/api",
        "http://[::1]:8080",
        "http://localhost:9000/",
        "https://under_score.example.com.",
    ],
)
async def test_base_urls_that_are_urls_are_sent_to(client_class, base_url):
    """What the check lets through, httpx can send to."""
    client = client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, base_url=base_url)
    with respx.mock(assert_all_called=False) as anywhere:
        route = anywhere.route().respond(200, json=task_body())
        fetched = await run(client.workspaces(WS).tasks(WT).fetch())
    assert fetched.sid == task_body()["sid"]
    assert str(route.calls.last.request.url) == client.base_url + TASK_PATH
    await run(client.aclose() if isinstance(client, tr.AsyncClient) else client.close())
