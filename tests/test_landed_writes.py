"""Writes whose answer was lost: never resend a state transition, read it back instead.

Each scenario makes the emulator carry a request out and then lose its answer (a dropped
connection or a 502 after applying it), and counts what the SDK sent. Both clients, in
process and served over loopback.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

import taskrouter_client as tr
from taskrouter_client.testing import FakeTaskRouter, instant_retries
from tests.clients import EMULATED, emulated_client
from tests.conftest import TASK_PATH, WR, WS, WT, run

pytestmark = pytest.mark.anyio

Lose = Callable[[FakeTaskRouter], None]


def dropped(fake: FakeTaskRouter) -> None:
    fake.drop_next(1, applied=True)


def bad_gateway(fake: FakeTaskRouter) -> None:
    fake.fail_next(1, status=502, applied=True)


LOSSES = [pytest.param(dropped, id="dropped"), pytest.param(bad_gateway, id="502")]


class Bench:
    """A client on an emulator, and the requests it sent (method and path)."""

    def __init__(self, client: Any, fake: FakeTaskRouter, sent: list[tuple[str, str]]) -> None:
        self.client = client
        self.fake = fake
        self.sent = sent
        self.ws = client.workspaces(fake.workspace_sid)

    async def pending_reservation(self) -> tuple[str, str]:
        task = await run(self.ws.tasks.create(attributes={"type": "call"}))
        return task.sid, self.fake.reserve(task.sid)

    def methods(self) -> list[str]:
        return [method for method, _ in self.sent]


@pytest.fixture(params=EMULATED, ids="-".join)
async def bench(request: pytest.FixtureRequest) -> AsyncIterator[Bench]:
    kind, where = request.param
    fake = FakeTaskRouter()
    sent: list[tuple[str, str]] = []

    def log(method: str, path: str) -> None:
        sent.append((method, path))

    with instant_retries():
        async with emulated_client(kind, where, fake, on_request=log) as client:
            yield Bench(client, fake, sent)


@pytest.mark.parametrize("lose", LOSSES)
@pytest.mark.parametrize(
    ("flow", "arguments", "status"),
    [
        ("accept", {}, "accepted"),
        ("reject", {}, "rejected"),
        ("dequeue", {"dequeue_from": "+15550001111"}, "accepted"),
        ("conference", {"from_": "+15550001111"}, "accepted"),
        (
            "call",
            {"call_from": "+1555", "call_url": "https://example.com/a.xml", "call_accept": True},
            "accepted",
        ),
        (
            "redirect",
            {"redirect_call_sid": "CA" + "1" * 32, "redirect_url": "https://e.com/t.xml"}
            | {"redirect_accept": True},
            "accepted",
        ),
    ],
)
@pytest.mark.parametrize("path", ["task", "worker"])
async def test_a_lost_instruction_that_landed_is_read_back_not_resent(
    bench, lose, flow, arguments, status, path
):
    """One POST, then one GET that shows the asked status: that is the result."""
    task_sid, reservation_sid = await bench.pending_reservation()
    parent = bench.ws.tasks(task_sid) if path == "task" else bench.ws.workers(bench.fake.worker_sid)
    reservation = parent.reservations(reservation_sid)
    bench.sent.clear()
    lose(bench.fake)
    result = await run(getattr(reservation, flow)(**arguments))
    assert result.reservation_status == status
    assert (result.http.reconciled, result.http.retries) == (True, 0)
    assert bench.methods() == ["POST", "GET"]


@pytest.mark.parametrize("lose", LOSSES)
@pytest.mark.parametrize(
    ("flow", "arguments"),
    [
        ("call", {"call_from": "+1555", "call_url": "https://example.com/agent.xml"}),
        ("redirect", {"redirect_call_sid": "CA" + "1" * 32, "redirect_url": "https://e.com/t"}),
    ],
)
async def test_an_instruction_with_no_visible_effect_is_never_resent(bench, lose, flow, arguments):
    """call / redirect without accept: one POST, no read-back, the original error raised."""
    task_sid, reservation_sid = await bench.pending_reservation()
    reservation = bench.ws.tasks(task_sid).reservations(reservation_sid)
    bench.sent.clear()
    lose(bench.fake)
    with pytest.raises((tr.APIConnectionError, tr.ServerError)) as lost:
        await run(getattr(reservation, flow)(**arguments))
    assert lost.value.may_have_been_sent
    assert bench.methods() == ["POST"]


async def test_a_lost_instruction_that_did_not_land_raises_the_original_error(bench):
    """502 without applying: the read-back shows the Reservation still pending."""
    task_sid, reservation_sid = await bench.pending_reservation()
    reservation = bench.ws.tasks(task_sid).reservations(reservation_sid)
    bench.sent.clear()
    bench.fake.fail_next(1, status=502)
    with pytest.raises(tr.ServerError) as lost:
        await run(reservation.accept())
    assert (lost.value.status, lost.value.may_have_been_sent) == (502, True)
    assert bench.methods() == ["POST", "GET"]
    assert (await run(reservation.fetch())).reservation_status == "pending"


@pytest.mark.parametrize("applied", [True, False], ids=["applied", "not-applied"])
async def test_a_read_back_that_fails_raises_the_original_error(bench, applied):
    """When the read-back itself cannot get an answer (a 404), the instruction's own error
    (502) is raised, whether or not the accept was carried out."""
    task_sid, reservation_sid = await bench.pending_reservation()
    reservation = bench.ws.tasks(task_sid).reservations(reservation_sid)
    bench.sent.clear()
    bench.fake.fail_next(1, status=502, applied=applied)
    bench.fake.fail_next(3, status=404)  # the read-back GET and nothing else
    with pytest.raises(tr.ServerError) as lost:
        await run(reservation.accept())
    assert (lost.value.status, lost.value.may_have_been_sent) == (502, True)
    assert bench.methods() == ["POST", "GET"]


async def test_an_instruction_refused_at_once_is_not_read_back(bench):
    """A 429 never reached Twilio: the instruction is sent again, as before."""
    task_sid, reservation_sid = await bench.pending_reservation()
    reservation = bench.ws.tasks(task_sid).reservations(reservation_sid)
    bench.sent.clear()
    bench.fake.fail_next(1, status=429, retry_after=0)
    accepted = await run(reservation.accept())
    assert (accepted.reservation_status, accepted.http.retries) == ("accepted", 1)
    assert accepted.http.reconciled is False
    assert bench.methods() == ["POST", "POST"]


@pytest.mark.parametrize("lose", LOSSES)
@pytest.mark.parametrize("status", ["canceled", "completed"])
async def test_a_lost_task_status_change_is_read_back(bench, lose, status):
    """Cancel (from pending) or complete (from assigned): one POST and one GET."""
    task = await run(bench.ws.tasks.create(attributes={"type": "call"}))
    context = bench.ws.tasks(task.sid)
    if status == "completed":
        await run(context.reservations(bench.fake.reserve(task.sid)).accept())
    bench.sent.clear()
    lose(bench.fake)
    updated = await run(context.update(assignment_status=status, reason="done"))
    assert (updated.assignment_status, updated.reason) == (status, "done")
    assert updated.http.reconciled
    assert bench.methods() == ["POST", "GET"]


@pytest.mark.parametrize("lose", LOSSES)
async def test_a_lost_field_update_is_simply_sent_again(bench, lose):
    """A priority update sets a value whatever it was: resending it is harmless."""
    task = await run(bench.ws.tasks.create(attributes={"type": "call"}))
    bench.sent.clear()
    lose(bench.fake)
    updated = await run(bench.ws.tasks(task.sid).update(priority=7))
    assert (updated.priority, updated.http.retries, updated.http.reconciled) == (7, 1, False)
    assert bench.methods() == ["POST", "POST"]


@pytest.mark.parametrize("lose", LOSSES)
async def test_a_retried_delete_that_finds_the_task_gone_succeeded(bench, lose):
    """The first DELETE landed, its answer was lost; the retry's 404 means success."""
    task = await run(bench.ws.tasks.create(attributes={"type": "call"}))
    bench.sent.clear()
    lose(bench.fake)
    assert await run(bench.ws.tasks(task.sid).delete()) is None
    assert bench.methods() == ["DELETE", "DELETE"]
    with pytest.raises(tr.NotFoundError):
        await run(bench.ws.tasks(task.sid).fetch())


async def test_deleting_a_task_that_never_existed_is_still_not_found(bench):
    """A 404 after a 429 (which never reached Twilio) is a real 404."""
    missing = bench.ws.tasks("WT" + "0" * 32)
    with pytest.raises(tr.NotFoundError) as first:
        await run(missing.delete())
    assert first.value.may_have_been_sent is False
    bench.fake.fail_next(1, status=429, retry_after=0)
    with pytest.raises(tr.NotFoundError):
        await run(missing.delete())


@pytest.mark.parametrize(
    ("method", "call"),
    [
        ("POST", lambda tasks: tasks(WT).update(priority=5)),
        ("DELETE", lambda tasks: tasks(WT).delete()),
    ],
    ids=["update", "delete"],
)
async def test_a_failure_to_connect_after_a_lost_answer_may_still_have_been_sent(
    client, mock, method, call
):
    """A 503 (maybe carried out), then connections refused: the error raised is the last
    one, a failure to connect, but the write may have been carried out by the first."""
    route = mock.route(method=method, path=TASK_PATH).mock(
        side_effect=[httpx.Response(503), *[httpx.ConnectError("refused")] * 2]
    )
    with pytest.raises(tr.APIConnectionError) as caught:
        await run(call(client.workspaces(WS).tasks))
    assert route.call_count == 3
    assert caught.value.retries == 2
    assert caught.value.may_have_been_sent is True


async def test_connections_refused_from_the_start_were_never_sent(client, mock):
    """Nothing reached Twilio: may_have_been_sent stays False."""
    mock.post(TASK_PATH).mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(tr.APIConnectionError) as caught:
        await run(client.workspaces(WS).tasks(WT).update(priority=5))
    assert caught.value.may_have_been_sent is False


async def test_a_client_closed_before_the_read_back_still_says_the_write_may_have_landed(
    client, mock
):
    """The accept's answer is lost and the client is closed meanwhile: the read-back cannot
    run, so the caller gets the accept's own error, may_have_been_sent, not RuntimeError."""
    if isinstance(client, tr.Client):

        def lost_then_closed(_request: httpx.Request) -> httpx.Response:
            client.close()
            return httpx.Response(502)
    else:

        async def lost_then_closed(_request: httpx.Request) -> httpx.Response:
            await client.aclose()
            return httpx.Response(502)

    path = f"{TASK_PATH}/Reservations/{WR}"
    mock.post(path).mock(side_effect=lost_then_closed)
    reservation = client.workspaces(WS).tasks(WT).reservations(WR)
    with pytest.raises(tr.ServerError) as lost:
        await run(reservation.accept())
    assert (lost.value.status, lost.value.may_have_been_sent) == (502, True)
