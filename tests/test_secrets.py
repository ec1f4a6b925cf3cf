"""No secret in any log line (any logger, DEBUG included), repr or error, over real HTTP.

Every operation and every failure path runs against a loopback server, on both clients and
with both kinds of credentials, while every logger (ours, httpx's, httpcore's) records at
DEBUG. Then the log, the reprs of everything handed out and the errors are searched for the
secrets, including the Basic authorization value they travel in.
"""

from __future__ import annotations

import base64
import logging
from typing import Any

import pytest

import taskrouter_client as tr
from tests import loopback
from tests.clients import KINDS, sdk_client
from tests.conftest import (
    ACCOUNT_SID,
    API_KEY,
    API_SECRET,
    AUTH_TOKEN,
    WK,
    WR,
    WS,
    WT,
    collect,
    run,
)

pytestmark = pytest.mark.anyio

SIP_PASSWORD = "sip-password-SECRET-3c1f"  # fake; must never leak

CREDENTIALS = {
    "auth-token": ({"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN}, ACCOUNT_SID, AUTH_TOKEN),
    "api-key": ({"api_key": API_KEY, "api_secret": API_SECRET}, API_KEY, API_SECRET),
}


def secrets_of(username: str, password: str) -> list[str]:
    basic = base64.b64encode(f"{username}:{password}".encode()).decode()
    return [password, basic, SIP_PASSWORD, base64.b64encode(password.encode()).decode()]


async def every_operation(client: Any) -> list[Any]:
    """Run every operation, and every failure path; return all that came back or was raised."""
    ws = client.workspaces(WS)
    seen: list[Any] = [client, ws, ws.tasks, ws.workers(WK)]

    async def attempt(call: Any) -> None:
        try:
            seen.append(await run(call()))
        except tr.TaskRouterError as error:
            seen.append(error)

    task = ws.tasks(WT)
    by_task, by_worker = task.reservations(WR), ws.workers(WK).reservations(WR)
    await attempt(lambda: ws.tasks.create(attributes={"type": "support"}, priority=1))
    seen.extend(await collect(ws.tasks.list(assignment_status=["pending"])))
    seen.extend(await collect(ws.tasks.list(page_size=1).pages()))
    await attempt(task.fetch)
    await attempt(lambda: task.update(priority=2, if_match='"1"'))
    await attempt(lambda: task.delete(if_match='"2"'))
    seen.extend(await collect(task.reservations.list(reservation_status="pending")))
    seen.extend(await collect(ws.workers(WK).reservations.list()))
    for reservation in (by_task, by_worker):
        seen.append(reservation)
        await attempt(reservation.fetch)
        await attempt(reservation.accept)
        await attempt(
            lambda r=reservation: r.conference(
                sip_auth_username="u", sip_auth_password=SIP_PASSWORD
            )
        )
        await attempt(lambda r=reservation: r.update(instruction="dequeue", dequeue_from="+1555"))
    for failing in (
        loopback.UNAUTHORIZED,
        loopback.UNAVAILABLE,
        loopback.CUT_SHORT,
        loopback.REDIRECTED,
    ):
        await attempt(ws.tasks(failing).fetch)
    await attempt(lambda: collect(ws.tasks.list(evaluate_task_attributes='x == "GARBLED"')))
    await attempt(lambda: ws.tasks.create(priority=-1))
    return seen


@pytest.mark.parametrize("credentials", sorted(CREDENTIALS))
@pytest.mark.parametrize("kind", KINDS)
async def test_no_secret_in_logs_reprs_or_errors(kind, credentials, caplog):
    """Across every operation, DEBUG logs, reprs and error texts hold no secret."""
    arguments, username, password = CREDENTIALS[credentials]
    caplog.set_level(logging.DEBUG)
    with loopback.serve() as (base, recorded):
        async with sdk_client(kind, **arguments, base_url=base) as client:
            seen = await every_operation(client)

    authorizations = {headers.get("Authorization") for _, _, headers in recorded.requests}
    assert authorizations == {
        "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
    }
    assert any(r.name == "taskrouter_client" for r in caplog.records)
    assert kind == "aiohttp" or any(r.name.startswith("httpcore") for r in caplog.records)
    errors = [item for item in seen if isinstance(item, Exception)]
    assert {type(e) for e in errors} >= {
        tr.AuthenticationError,
        tr.ServerError,
        tr.APIConnectionError,
        tr.APIError,
        tr.InvalidArgumentError,
    }

    texts = [caplog.text]
    texts += [record.getMessage() for record in caplog.records]
    texts += [repr(item) for item in seen]
    texts += [repr(vars(item)) for item in seen if hasattr(item, "__dict__")]
    texts += [repr(getattr(item, "_runner", None)) for item in seen]
    texts += [repr(vars(client)), repr(client._runner.settings), repr(client._credentials)]
    texts += [str(error) for error in errors]
    texts += [repr(vars(error)) for error in errors]
    texts += [f"{error.__cause__!r} {error.__cause__}" for error in errors]
    texts += [repr(vars(error.__cause__)) for error in errors if error.__cause__]
    for secret in secrets_of(username, password):
        leaks = [text for text in texts if secret in text]
        assert not leaks, f"secret found in: {leaks[0][:200]}"


@pytest.mark.parametrize("kind", KINDS)
async def test_a_redirect_is_not_followed_with_credentials(kind):
    """A 302 comes back as an error; nothing is sent to where it points."""
    with loopback.serve() as (base, recorded), pytest.raises(tr.APIError) as caught:
        async with sdk_client(kind, **CREDENTIALS["auth-token"][0], base_url=base) as client:
            await run(client.workspaces(WS).tasks(loopback.REDIRECTED).fetch())
    assert caught.value.status == 302
    assert [path for _, path, _ in recorded.requests] == [
        f"/v1/Workspaces/{WS}/Tasks/{loopback.REDIRECTED}"
    ]


@pytest.mark.parametrize("kind", KINDS)
async def test_a_body_cut_short_is_a_connection_error_after_retries(kind):
    """A response shorter than its Content-Length surfaces as our error, retried as a fetch."""
    with loopback.serve() as (base, recorded):
        async with sdk_client(kind, **CREDENTIALS["auth-token"][0], base_url=base) as client:
            with pytest.raises(tr.APIConnectionError) as caught:
                await run(client.workspaces(WS).tasks(loopback.CUT_SHORT).fetch())
    assert caught.value.may_have_been_sent
    assert caught.value.retries == 2
    assert len(recorded.requests) == 3


@pytest.mark.parametrize("kind", KINDS)
async def test_a_network_error_names_the_path_but_never_the_query(kind):
    """An answer that is not HTTP is our APIConnectionError, quoting no query (customer data)."""
    expression = 'customer == "GARBLED-CUSTOMER-DATA"'
    with loopback.serve() as (base, recorded):
        async with sdk_client(kind, **CREDENTIALS["auth-token"][0], base_url=base) as client:
            with pytest.raises(tr.APIConnectionError) as caught:
                await collect(client.workspaces(WS).tasks.list(evaluate_task_attributes=expression))
    assert caught.value.may_have_been_sent
    assert f"[GET /v1/Workspaces/{WS}/Tasks]" in str(caught.value)
    assert "CUSTOMER-DATA" not in str(caught.value) + repr(caught.value.__cause__)
    assert len(recorded.requests) == 3  # a list is a read: retried twice
