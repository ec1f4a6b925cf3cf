"""Client construction: credentials, hosts, timeouts, the pool and its owner, on both clients."""

from __future__ import annotations

import base64
import re
from typing import Any

import aiohttp
import httpx
import pytest
import respx

import taskrouter_client as tr
from tests import clients, loopback
from tests.clients import HTTPX_KINDS, KINDS, http_client, sdk_client
from tests.conftest import (
    ACCOUNT_SID,
    API_KEY,
    API_SECRET,
    AUTH_TOKEN,
    TASK_PATH,
    TASKS_PATH,
    WS,
    WT,
    run,
    task_body,
)

pytestmark = pytest.mark.anyio

CLIENTS = pytest.mark.parametrize("client_class", [tr.Client, tr.AsyncClient])


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


async def close(client: Any) -> None:
    await run(client.aclose() if isinstance(client, tr.AsyncClient) else client.close())


async def fetch_authorization(client: Any, base: str = "https://taskrouter.twilio.com") -> str:
    """Fetch a Task through ``client`` and return the Authorization header it sent."""
    with respx.mock(base_url=base) as mock:
        route = mock.get(TASK_PATH).respond(200, json=task_body())
        await run(client.workspaces(WS).tasks(WT).fetch())
    await close(client)
    return str(route.calls.last.request.headers["Authorization"])


@CLIENTS
async def test_credentials_come_from_the_environment(client_class, monkeypatch):
    """TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are used when nothing is passed."""
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    client = client_class()
    assert client.account_sid == ACCOUNT_SID
    assert await fetch_authorization(client) == basic(ACCOUNT_SID, AUTH_TOKEN)


@CLIENTS
async def test_api_key_credentials_from_arguments(client_class):
    """An API key and secret authenticate as the key; the account SID is kept."""
    client = client_class(api_key=API_KEY, api_secret=API_SECRET, account_sid=ACCOUNT_SID)
    assert client.account_sid == ACCOUNT_SID
    assert await fetch_authorization(client) == basic(API_KEY, API_SECRET)


@CLIENTS
async def test_api_key_from_the_environment_is_preferred(client_class, monkeypatch):
    """With both kinds in the environment, the (narrower) API key is used."""
    for name, value in {
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_API_KEY": API_KEY,
        "TWILIO_API_SECRET": API_SECRET,
    }.items():
        monkeypatch.setenv(name, value)
    assert await fetch_authorization(client_class()) == basic(API_KEY, API_SECRET)


@CLIENTS
async def test_explicit_arguments_win_over_the_environment(client_class, monkeypatch):
    """Passed credentials are used even when the environment holds others."""
    monkeypatch.setenv("TWILIO_API_KEY", API_KEY)
    monkeypatch.setenv("TWILIO_API_SECRET", API_SECRET)
    client = client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN)
    assert await fetch_authorization(client) == basic(ACCOUNT_SID, AUTH_TOKEN)


@CLIENTS
def test_no_credentials_anywhere_is_a_clear_error(client_class):
    """With nothing passed or set, the error says what to pass or set."""
    with pytest.raises(tr.MissingCredentialsError) as caught:
        client_class()
    assert isinstance(caught.value, ValueError)
    assert "TWILIO_ACCOUNT_SID" in str(caught.value)
    assert "api_key" in str(caught.value)


@CLIENTS
@pytest.mark.parametrize(
    ("arguments", "missing"),
    [
        ({"account_sid": ACCOUNT_SID}, "auth_token"),
        ({"auth_token": AUTH_TOKEN}, "account_sid"),
        ({"api_key": API_KEY}, "api_secret"),
        ({"api_secret": API_SECRET}, "api_key"),
    ],
)
def test_half_of_a_credential_pair_names_the_missing_half(client_class, arguments, missing):
    """A partial pair names the argument (and variable) still needed."""
    with pytest.raises(tr.MissingCredentialsError) as caught:
        client_class(**arguments)
    assert caught.value.argument == missing


@CLIENTS
@pytest.mark.parametrize(
    ("arguments", "argument"),
    [
        ({"account_sid": "ACnot-a-sid", "auth_token": AUTH_TOKEN}, "account_sid"),
        ({"api_key": "AK" + "0" * 32, "api_secret": API_SECRET}, "api_key"),
        ({"account_sid": ACCOUNT_SID, "auth_token": 12345}, "auth_token"),
        ({"api_key": API_KEY, "api_secret": b"bytes"}, "api_secret"),
        ({"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "base_url": 8080}, "base_url"),
    ],
)
def test_malformed_credentials_and_options_are_refused(client_class, arguments, argument):
    """Credential SIDs are checked against their patterns, secrets must be strings."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        client_class(**arguments)
    assert caught.value.argument == argument


@CLIENTS
@pytest.mark.parametrize(
    ("options", "host"),
    [
        ({}, "taskrouter.twilio.com"),
        ({"region": "ie1"}, "taskrouter.ie1.twilio.com"),
        ({"edge": "dublin", "region": "ie1"}, "taskrouter.dublin.ie1.twilio.com"),
        ({"edge": "sydney"}, "taskrouter.sydney.us1.twilio.com"),
    ],
)
async def test_region_and_edge_compose_the_host_as_twilio_does(client_class, options, host):
    """Requests go to taskrouter.{edge}.{region}.twilio.com."""
    client = client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, **options)
    assert client.base_url == f"https://{host}"
    await fetch_authorization(client, base=f"https://{host}")


@CLIENTS
def test_region_and_edge_from_the_environment(client_class, monkeypatch):
    """TWILIO_REGION and TWILIO_EDGE are read like Twilio's own helper reads them."""
    monkeypatch.setenv("TWILIO_REGION", "au1")
    monkeypatch.setenv("TWILIO_EDGE", "sydney")
    client = client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN)
    assert client.base_url == "https://taskrouter.sydney.au1.twilio.com"


@CLIENTS
@pytest.mark.parametrize(
    ("options", "argument"),
    [
        ({"base_url": "https://example.com", "region": "ie1"}, "base_url"),
        ({"region": "ie1/../evil"}, "region"),
        ({"edge": "Dublin"}, "edge"),
        ({"base_url": "http://taskrouter.example.com"}, "base_url"),
        ({"base_url": "ftp://taskrouter.twilio.com"}, "base_url"),
        ({"base_url": "https://taskrouter.twilio.com?x=1"}, "base_url"),
        ({"base_url": "https://taskrouter.twilio.com:port"}, "base_url"),
        ({"base_url": "taskrouter.twilio.com"}, "base_url"),
    ],
)
def test_unsafe_or_malformed_hosts_are_refused(client_class, options, argument):
    """Plain http to a remote host, odd schemes and malformed names are refused."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, **options)
    assert caught.value.argument == argument


@CLIENTS
def test_a_base_url_with_a_password_is_refused_without_echoing_it(client_class):
    """The error does not repeat a URL that carries a password."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        client_class(
            account_sid=ACCOUNT_SID,
            auth_token=AUTH_TOKEN,
            base_url="ftp://user:hunter2@example.com",
        )
    assert "hunter2" not in str(caught.value)


@CLIENTS
@pytest.mark.parametrize(
    "base_url", ["http://localhost:8080", "http://127.0.0.1:9999/", "http://[::1]:8000"]
)
def test_plain_http_is_allowed_to_loopback(client_class, base_url):
    """A local emulator on loopback may be reached over http."""
    client = client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, base_url=base_url)
    assert client.base_url == base_url.rstrip("/")


@CLIENTS
async def test_repr_names_the_account_but_never_the_secret(client_class):
    """repr() of a client shows who it is and where it goes, not its token."""
    client = client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN)
    text = repr(client) + repr(vars(client)) + repr(client.workspaces(WS).tasks(WT))
    assert ACCOUNT_SID in repr(client)
    assert AUTH_TOKEN not in text
    await close(client)


@CLIENTS
@pytest.mark.parametrize(
    "timeout",
    [0, -1, float("inf"), float("nan"), "5", None, True, httpx.Timeout(5.0, read=0)],
)
def test_invalid_timeouts_are_refused(client_class, timeout):
    """A timeout must be finite seconds > 0 or an httpx.Timeout (no unbounded waits)."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, timeout=timeout)
    assert caught.value.argument == "timeout"


async def test_the_default_timeout_is_finite(client, mock):
    """Without a timeout argument, connect waits 5 s and reads 30 s."""
    route = mock.get(TASK_PATH).respond(200, json=task_body())
    await run(client.workspaces(WS).tasks(WT).fetch())
    timeouts = route.calls.last.request.extensions["timeout"]
    assert timeouts == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}


async def test_an_httpx_timeout_applies_part_by_part(client, mock):
    """An httpx.Timeout is passed on as given, unbounded reads included."""
    route = mock.get(TASK_PATH).respond(200, json=task_body())
    patient = client.with_options(timeout=httpx.Timeout(None, connect=2.0))
    await run(patient.workspaces(WS).tasks(WT).fetch())
    timeouts = route.calls.last.request.extensions["timeout"]
    assert timeouts == {"connect": 2.0, "read": None, "write": None, "pool": None}


async def test_with_options_sets_the_timeout_of_the_copy_only(client, mock):
    """with_options(timeout=…) applies to the copy's calls; the original keeps its own."""
    route = mock.get(TASK_PATH).respond(200, json=task_body())
    quick = client.with_options(timeout=1.5)
    await run(quick.workspaces(WS).tasks(WT).fetch())
    assert route.calls.last.request.extensions["timeout"]["read"] == 1.5
    await run(client.workspaces(WS).tasks(WT).fetch())
    assert route.calls.last.request.extensions["timeout"]["read"] == 30.0


async def test_with_options_shares_the_pool_and_does_not_close_it(client, mock):
    """Closing a copy leaves the original (and its pool) working."""
    route = mock.get(TASK_PATH).respond(200, json=task_body())
    copy = client.with_options(timeout=2)
    assert copy._runner.sender is client._runner.sender
    await close(copy)
    await run(client.workspaces(WS).tasks(WT).fetch())
    assert route.call_count == 1


async def test_a_caller_http_client_is_used_and_never_closed():
    """Requests go through the caller's httpx client, which stays open after close()."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=task_body())

    for client_class, http_class in [
        (tr.Client, httpx.Client),
        (tr.AsyncClient, httpx.AsyncClient),
    ]:
        http_client = http_class(transport=httpx.MockTransport(handler))
        client = client_class(
            account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, http_client=http_client
        )
        await run(client.workspaces(WS).tasks(WT).fetch())
        await close(client)
        assert not http_client.is_closed
        await run(http_client.aclose() if http_class is httpx.AsyncClient else http_client.close())
    assert len(seen) == 2
    assert seen[0].headers["Authorization"] == basic(ACCOUNT_SID, AUTH_TOKEN)


async def test_our_own_pool_is_closed_by_the_context_manager():
    """Leaving `with` / `async with` closes the client the SDK created."""
    with tr.Client(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as sync_client:
        pass
    assert sync_client._runner.sender._client.is_closed
    async with tr.AsyncClient(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as async_client:
        pass
    assert async_client._runner.sender._client.is_closed


@pytest.mark.parametrize(
    ("client_class", "wrong"), [(tr.Client, httpx.AsyncClient), (tr.AsyncClient, httpx.Client)]
)
async def test_the_wrong_kind_of_http_client_is_refused(client_class, wrong):
    """An AsyncClient needs an httpx.AsyncClient, a Client an httpx.Client."""
    http_client = wrong()
    with pytest.raises(tr.InvalidArgumentError) as caught:
        client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, http_client=http_client)
    assert caught.value.argument == "http_client"
    await run(http_client.aclose() if wrong is httpx.AsyncClient else http_client.close())


async def test_redirects_are_not_followed(client, mock):
    """A redirect is returned as an error, never followed with our credentials."""
    mock.get(TASK_PATH).respond(301, headers={"Location": "https://elsewhere.example.com/x"})
    with pytest.raises(tr.APIError) as caught:
        await run(client.workspaces(WS).tasks(WT).fetch())
    assert caught.value.status == 301
    assert len(mock.calls) == 1


@pytest.mark.parametrize("kind", KINDS)
async def test_user_agent_names_the_sdk_its_library_and_the_application(kind):
    """User-Agent: taskrouter-client/<v> python/<v> <library>/<v>, then user_agent_extra."""
    with loopback.serve() as (base, recorded):
        arguments = {"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "base_url": base}
        async with sdk_client(kind, **arguments) as plain:
            await run(plain.workspaces(WS).tasks(WT).fetch())
        async with sdk_client(kind, **arguments, user_agent_extra="myapp/1.2 (ops)") as named:
            await run(named.with_options(timeout=5).workspaces(WS).tasks(WT).fetch())
    plain_agent, named_agent = (headers["User-Agent"] for _, _, headers in recorded.requests)
    library = "aiohttp" if kind == "aiohttp" else "httpx"
    ours = re.escape(tr.__version__)
    pattern = rf"taskrouter-client/{ours} python/[\d.]+\S* {library}/[\d.]+\S*"
    assert re.fullmatch(pattern, plain_agent)
    assert named_agent == plain_agent + " myapp/1.2 (ops)"


@pytest.mark.parametrize("kind", ["sync", "async", "aiohttp", "given-sync", "given-async"])
async def test_each_request_carries_our_headers_once(kind):
    """Accept, Authorization and User-Agent once each, with a write's own headers.

    On our own httpx pool they are the pool's headers; on a caller's client, they are merged
    into the caller's per request.
    """
    with loopback.serve() as (base, recorded):
        arguments = {"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "base_url": base}
        if kind.startswith("given-"):
            async with http_client(kind.removeprefix("given-")) as given:
                client = clients.client_class(kind.removeprefix("given-"))(
                    **arguments, http_client=given
                )
                await exchange_twice(client.workspaces(WS).tasks(WT))
        else:
            async with sdk_client(kind, **arguments) as client:
                await exchange_twice(client.workspaces(WS).tasks(WT))
    fetch, update = (by_name(lines) for lines in recorded.header_lines)
    for named in (fetch, update):
        assert named["accept"] == ["application/json"]
        assert named["authorization"] == [basic(ACCOUNT_SID, AUTH_TOKEN)]
        assert len(named["user-agent"]) == 1
        assert named["user-agent"][0].startswith("taskrouter-client/")
    assert "if-match" not in fetch
    assert "content-type" not in fetch
    assert update["if-match"] == ['"1"']
    assert update["content-type"] == ["application/x-www-form-urlencoded"]


def by_name(lines: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Header values by lowercase name, repeats kept."""
    named: dict[str, list[str]] = {}
    for name, value in lines:
        named.setdefault(name.lower(), []).append(value)
    return named


async def exchange_twice(task: Any) -> None:
    """A fetch, then an update with ``If-Match``."""
    await run(task.fetch())
    await run(task.update(priority=2, if_match='"1"'))


@CLIENTS
@pytest.mark.parametrize(
    "extra", ["myapp/1.2\r\nX-Injected: 1", "myapp\n", "", " myapp", "appé/1", "a" * 201, 12]
)
def test_a_user_agent_extra_that_could_break_the_header_is_refused(client_class, extra):
    """No line breaks, control or non-ASCII characters, padding, or absurd length."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        client_class(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, user_agent_extra=extra)
    assert caught.value.argument == "user_agent_extra"


def callers_client(kind: str, **options: Any) -> httpx.Client | httpx.AsyncClient:
    """A caller's httpx client of ``kind`` (sync, async, trio), configured with ``options``."""
    return httpx.Client(**options) if kind == "sync" else httpx.AsyncClient(**options)


@pytest.mark.parametrize("kind", HTTPX_KINDS)
async def test_a_callers_httpx_auth_never_replaces_our_credentials(kind, mock):
    """A shared client set up with another service's ``auth=`` still sends ours to Twilio."""
    route = mock.get(TASK_PATH).respond(200, json=task_body())
    given = callers_client(kind, auth=("ACother", "other-service-password"))
    client = clients.client_class(kind)(
        account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, http_client=given
    )
    await run(client.workspaces(WS).tasks(WT).fetch())
    assert route.calls.last.request.headers["Authorization"] == basic(ACCOUNT_SID, AUTH_TOKEN)


# aiohttp 3.14 deprecates auth= (and BasicAuth); older aiohttp, which the extra admits, has it.
@pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:The 'auth' parameter is deprecated:DeprecationWarning")
async def test_an_aiohttp_session_with_auth_is_refused_when_the_client_is_made():
    """aiohttp would add its auth to each request and refuse ours with a bare ValueError."""
    async with aiohttp.ClientSession(auth=aiohttp.BasicAuth("ACother", "x")) as session:
        with pytest.raises(tr.InvalidArgumentError) as refused:
            tr.AsyncClient(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, http_client=session)
    assert refused.value.argument == "http_client"
    assert "auth" in str(refused.value)


def raise_for_status(kind: str) -> dict[str, list[Any]]:
    """The event hooks of a client that raises for every error status, as apps often do."""

    def hook(response: httpx.Response) -> None:
        response.raise_for_status()

    async def async_hook(response: httpx.Response) -> None:
        response.raise_for_status()

    return {"response": [hook if kind == "sync" else async_hook]}


@pytest.mark.parametrize("kind", HTTPX_KINDS)
async def test_a_callers_raise_for_status_hook_still_gives_our_errors_and_retries(kind, mock):
    """httpx.HTTPStatusError from a caller's hook never escapes: a 404 is NotFoundError,
    a 503 is retried like any other."""
    mock.get(TASK_PATH).mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=task_body())]
    )
    missing = mock.get(f"{TASKS_PATH}/WT{'0' * 32}").respond(404, json={"code": 20404})
    given = callers_client(kind, event_hooks=raise_for_status(kind))
    client = clients.client_class(kind)(
        account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, http_client=given
    )
    tasks = client.workspaces(WS).tasks
    fetched = await run(tasks(WT).fetch())
    assert (fetched.sid, fetched.http.retries) == (task_body()["sid"], 1)
    with pytest.raises(tr.NotFoundError) as caught:
        await run(tasks(f"WT{'0' * 32}").fetch())
    assert caught.value.status == 404
    assert missing.called
