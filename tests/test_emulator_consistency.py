"""What tests built on the emulator rely on to hold against Twilio too: a refused write
changes nothing, time-driven changes land in due order however the clock was moved, and
page tokens are cursors. Through the SDK, on both clients, in process and served."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest

import taskrouter_client as tr
from tests.conftest import run
from tests.emulator_world import World, create

pytestmark = pytest.mark.anyio


def state(task: tr.Task) -> tuple[Any, ...]:
    """What a write could change on a Task (``age`` moves with the clock by itself)."""
    return (
        task.attributes,
        task.priority,
        task.assignment_status,
        task.reason,
        task.task_channel_unique_name,
        task.virtual_start_time,
        task.date_updated,
        task.etag,
    )


async def test_a_refused_task_update_changes_nothing(world):
    """A 400 found on the last parameter, or a stale If-Match, leaves every field, the
    date_updated and the ETag as they were, and the Reservation untouched."""
    task = await create(world, attributes={"type": "support"}, priority=3)
    reservation_sid = world.fake.reserve(task.sid)
    context = world.ws.tasks(task.sid)
    before = await run(context.fetch())
    world.fake.advance(5)  # a change landing now would move date_updated
    with pytest.raises(tr.BadRequestError) as unknown_channel:
        await run(
            context.update(
                assignment_status="canceled",
                reason="duplicate",
                attributes={"type": "sales"},
                priority=9,
                task_channel="fax",
            )
        )
    assert unknown_channel.value.code == 20404
    with pytest.raises(tr.BadRequestError, match="from reserved to completed"):
        await run(context.update(priority=9, assignment_status="completed", reason="done"))
    with pytest.raises(tr.PreconditionFailedError):
        await run(context.update(priority=9, attributes={"type": "sales"}, if_match='"99"'))
    assert state(await run(context.fetch())) == state(before)
    reservation = await run(context.reservations(reservation_sid).fetch())
    assert (reservation.reservation_status, reservation.etag) == ("pending", '"1"')
    updated = await run(context.update(priority=9, if_match=before.etag))
    assert (updated.priority, updated.etag) == (9, '"3"')


async def test_a_refused_reservation_update_changes_nothing(world):
    """A stale If-Match or an instruction refused leaves the Reservation and its Task."""
    task = await create(world)
    reservation = world.ws.tasks(task.sid).reservations(world.fake.reserve(task.sid))
    with pytest.raises(tr.PreconditionFailedError):
        await run(reservation.accept(if_match='"7"'))
    with pytest.raises(tr.BadRequestError) as not_accepted:
        await run(reservation.supervise(supervisor=world.fake.worker_sid))
    assert not_accepted.value.code == 40146
    unchanged = await run(reservation.fetch())
    assert (unchanged.reservation_status, unchanged.etag) == ("pending", '"1"')
    assert (await run(world.ws.tasks(task.sid).fetch())).assignment_status == "reserved"


JUMPS: dict[str, list[int | str]] = {
    "one jump": [200],
    "two jumps": [61, 139],
    "two jumps with a read between": [61, "read", 139],
    "twenty small jumps": [10] * 20,
}


@pytest.mark.parametrize("jumps", JUMPS.values(), ids=list(JUMPS))
async def test_a_ttl_due_before_the_reservation_timeout_wins_however_time_moves(world, jumps):
    """TTL at 60 s, Reservation timeout at 120 s: the Task is canceled at 60 s with its
    Reservation, which then never times out; deleted five minutes later. The same whether
    the clock jumps once or in steps, read or not in between."""
    task = await create(world, timeout=60)
    created = task.date_created
    assert created is not None
    context = world.ws.tasks(task.sid)
    reservation = context.reservations(world.fake.reserve(task.sid))
    for jump in jumps:
        if jump == "read":
            await run(context.fetch())
        else:
            world.fake.advance(int(jump))
    expired = await run(context.fetch())
    assert (expired.assignment_status, expired.reason) == ("canceled", "Task TTL Exceeded")
    assert (expired.date_updated, expired.etag) == (created + timedelta(seconds=60), '"3"')
    canceled = await run(reservation.fetch())
    assert canceled.reservation_status == "canceled"
    assert (canceled.date_updated, canceled.etag) == (created + timedelta(seconds=60), '"2"')
    world.fake.advance(159)  # at 359 s: still there
    assert (await run(context.fetch())).etag == '"3"'
    world.fake.advance(1)
    with pytest.raises(tr.NotFoundError):
        await run(context.fetch())


async def test_a_reservation_timeout_due_before_the_ttl_comes_first(world):
    """Timeout at 120 s puts the Task back to pending; its TTL at 300 s then cancels it."""
    task = await create(world, timeout=300)
    created = task.date_created
    assert created is not None
    context = world.ws.tasks(task.sid)
    reservation = context.reservations(world.fake.reserve(task.sid))
    world.fake.advance(400)
    timed_out = await run(reservation.fetch())
    assert (timed_out.reservation_status, timed_out.date_updated) == (
        "timeout",
        created + timedelta(seconds=120),
    )
    expired = await run(context.fetch())
    assert (expired.assignment_status, expired.reason, expired.etag) == (
        "canceled",
        "Task TTL Exceeded",
        '"4"',  # created, reserved, back to pending, canceled
    )
    assert expired.date_updated == created + timedelta(seconds=300)


async def test_what_time_finds_already_done_it_leaves_alone(world):
    """A Task accepted before its TTL is not canceled at it; a Task completed through its
    Reservation, then deleted by hand, is not deleted twice five minutes on."""
    assigned = await create(world, timeout=60)
    accepted = world.ws.tasks(assigned.sid).reservations(world.fake.reserve(assigned.sid))
    await run(accepted.accept())
    done = await create(world)
    finished = world.ws.tasks(done.sid).reservations(world.fake.reserve(done.sid))
    await run(finished.accept())
    await run(finished.update(reservation_status="completed"))
    completed = await run(world.ws.tasks(done.sid).fetch())
    assert (completed.assignment_status, completed.reason) == ("completed", "Reservation completed")
    await run(world.ws.tasks(done.sid).delete())
    world.fake.advance(301)
    still = await run(world.ws.tasks(assigned.sid).fetch())
    assert (still.assignment_status, still.reason) == ("assigned", None)
    assert (await run(accepted.fetch())).reservation_status == "accepted"


async def pages_while(
    world: World, between: Callable[[int], Awaitable[None]], **filters: Any
) -> list[list[str]]:
    """The SIDs of each page of a Task list, calling ``between`` after each page."""
    listing = world.ws.tasks.list(page_size=3, **filters).pages()
    seen: list[list[str]] = []
    if isinstance(world.client, tr.AsyncClient):
        async for page in listing:
            seen.append([t.sid for t in page.items])
            await between(len(seen))
    else:
        for page in listing:
            seen.append([t.sid for t in page.items])
            await between(len(seen))
    return seen


async def test_deleting_seen_tasks_between_pages_skips_nothing(world):
    """After the first page, two of its Tasks go (the last one is the cursor's): the next
    page still starts right after it (an offset would skip two)."""
    made = [(await create(world)).sid for _ in range(7)]

    async def delete_seen(pages: int) -> None:
        if pages == 1:
            await run(world.ws.tasks(made[0]).delete())
            await run(world.ws.tasks(made[2]).delete())

    assert await pages_while(world, delete_seen) == [made[0:3], made[3:6], made[6:7]]


async def test_creating_a_task_before_the_cursor_repeats_nothing(world):
    """A Task created between pages that sorts before the cursor is not shown again or
    shifting others (an offset would repeat the last Task seen)."""
    made = [(await create(world)).sid for _ in range(7)]
    early: list[str] = []

    async def create_first_in_order(pages: int) -> None:
        if pages == 1:
            early.append((await create(world, priority=10)).sid)

    pages = await pages_while(
        world, create_first_in_order, ordering="Priority:desc,DateCreated:asc"
    )
    assert pages == [made[0:3], made[3:6], made[6:7]]
    assert early  # it exists, before the cursor: a new listing shows it first
    relisted = await pages_while(world, _nothing, ordering="Priority:desc,DateCreated:asc")
    assert relisted[0][0] == early[0]


async def _nothing(_: int) -> None:
    """Change nothing between pages."""
