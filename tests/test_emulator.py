"""The emulator, through the SDK: one scenario suite on both clients, in process (as an httpx
transport) and served over loopback HTTP (the ``world`` fixture). Every response is checked
against the spec."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import taskrouter_client as tr
from tests.conftest import collect, run
from tests.emulator_world import create
from tests.spec_schema import OPERATIONS

pytestmark = pytest.mark.anyio


async def test_create_fetch_update_delete_with_etags(world):
    """ETags version every change; a stale If-Match gets 412 (Twilio error 20412)."""
    task = await create(
        world, attributes={"type": "support", "lang": "fr"}, priority=4, timeout=600
    )
    assert task.assignment_status == "pending"
    assert task.parsed_attributes == {"type": "support", "lang": "fr"}
    assert (task.priority, task.timeout, task.etag) == (4, 600, '"1"')
    assert task.task_channel_unique_name == "default"
    assert task.workflow_sid == world.fake.workflow_sid
    fetched = await run(world.ws.tasks(task.sid).fetch())
    assert fetched == task
    updated = await run(world.ws.tasks(task.sid).update(priority=9, if_match=task.etag))
    assert (updated.priority, updated.etag) == (9, '"2"')
    with pytest.raises(tr.PreconditionFailedError) as stale:
        await run(world.ws.tasks(task.sid).update(priority=1, if_match=task.etag))
    assert (stale.value.status, stale.value.code) == (412, 20412)
    unconditional = await run(world.ws.tasks(task.sid).update(attributes={"type": "sales"}))
    assert unconditional.parsed_attributes == {"type": "sales"}
    with pytest.raises(tr.PreconditionFailedError):
        await run(world.ws.tasks(task.sid).delete(if_match=updated.etag))
    assert await run(world.ws.tasks(task.sid).delete(if_match=unconditional.etag)) is None
    with pytest.raises(tr.NotFoundError) as gone:
        await run(world.ws.tasks(task.sid).fetch())
    assert gone.value.code == 20404


async def test_modify_survives_a_rival_writer(world):
    """A write between modify's read and its update costs one more read, and loses nothing."""
    task = await create(world, priority=1)
    context = world.ws.tasks(task.sid)
    seen: list[tuple[int, str | None]] = []
    rivals = [5]  # priorities another writer sets, one per read of ours, while any are left

    def escalate(current: tr.Task) -> tr.UpdateTaskParams:
        seen.append((current.priority, current.etag))
        return {"priority": current.priority + 10}

    if isinstance(world.client, tr.AsyncClient):

        async def change(current: tr.Task) -> tr.UpdateTaskParams:
            if rivals:
                await context.update(priority=rivals.pop(0))
            return escalate(current)
    else:

        def change(current: tr.Task) -> tr.UpdateTaskParams:
            if rivals:
                context.update(priority=rivals.pop(0))
            return escalate(current)

    modified = await run(context.modify(change))
    assert seen == [(1, '"1"'), (5, '"2"')]
    assert (modified.priority, modified.etag) == (15, '"3"')

    seen.clear()
    rivals.extend([7, 8])
    with pytest.raises(tr.PreconditionFailedError):
        await run(context.modify(change, attempts=2))
    assert seen == [(15, '"3"'), (7, '"4"')]
    assert (await run(context.fetch())).priority == 8


async def test_list_filters(world):
    """Each ListTask filter as the API defines it, and Ordering with pairs."""
    fake = world.fake
    queue = fake.add_task_queue("Billing")
    workflow = fake.add_workflow("Billing Flow", queue)
    support = [
        await create(world, priority=p, attributes={"type": "support", "level": p})
        for p in (1, 5, 5)
    ]
    billing = await create(
        world, workflow_sid=workflow, priority=3, attributes={"type": "billing", "tags": ["vip"]}
    )
    routed = await create(world, routing_target=fake.worker_sid, attributes={"type": "direct"})
    fake.reserve(support[0].sid)
    await run(world.ws.tasks(support[1].sid).update(assignment_status="canceled", reason="dup"))

    async def sids(**filters: Any) -> list[str]:
        return [t.sid for t in await collect(world.ws.tasks.list(**filters))]

    everyone = [t.sid for t in (*support, billing, routed)]
    assert await sids() == everyone
    assert await sids(assignment_status=["reserved", "canceled"]) == [
        support[0].sid,
        support[1].sid,
    ]
    assert await sids(assignment_status="pending") == [support[2].sid, billing.sid, routed.sid]
    assert await sids(priority=5) == [support[1].sid, support[2].sid]
    assert await sids(workflow_sid=workflow) == [billing.sid]
    assert await sids(workflow_name="Default Workflow") == [s for s in everyone if s != billing.sid]
    assert await sids(task_queue_sid=queue) == [billing.sid]
    assert await sids(task_queue_name="Billing") == [billing.sid]
    assert await sids(routing_target=fake.worker_sid) == [routed.sid]
    assert await sids(has_addons=True) == []
    assert await sids(evaluate_task_attributes='type == "support" AND level >= 5') == [
        support[1].sid,
        support[2].sid,
    ]
    assert await sids(evaluate_task_attributes="tags HAS 'vip' OR type IN ['direct']") == [
        billing.sid,
        routed.sid,
    ]
    by_priority = await collect(world.ws.tasks.list(ordering="Priority:desc,DateCreated:asc"))
    assert [t.priority for t in by_priority] == [5, 5, 3, 1, 0]
    assert [t.sid for t in by_priority][:2] == [support[1].sid, support[2].sid]
    assert await sids(ordering="VirtualStartTime:desc") == list(reversed(everyone))
    for bad in (
        {"ordering": "DateCreated:asc,VirtualStartTime:desc"},
        {"ordering": "Age:asc"},
    ):
        with pytest.raises(tr.BadRequestError) as refused:
            await collect(world.ws.tasks.list(**bad))
        assert refused.value.code == 20001
    with pytest.raises(tr.ExpressionError):  # the SDK refuses it before sending
        await collect(world.ws.tasks.list(evaluate_task_attributes="type == "))
    raw = httpx.Client(transport=world.fake, auth=(world.fake.account_sid, world.fake.auth_token))
    with raw:
        answer = raw.get(
            f"https://taskrouter.twilio.com/v1/Workspaces/{world.fake.workspace_sid}/Tasks",
            params={"EvaluateTaskAttributes": "type == "},
        )
    assert (answer.status_code, answer.json()["code"]) == (400, 20001)


async def test_paging_with_page_tokens(world):
    """next_page_url carries PageToken; pages, tokens and limit all work through the SDK."""
    made = [(await create(world, attributes={"n": n})).sid for n in range(7)]
    pages = await collect(world.ws.tasks.list(page_size=3).pages())
    assert [[t.sid for t in p.items] for p in pages] == [made[0:3], made[3:6], made[6:7]]
    assert pages[0].next_page_token is not None
    assert pages[-1].next_page_token is None
    resumed = await collect(world.ws.tasks.list(page_size=3, page_token=pages[0].next_page_token))
    assert [t.sid for t in resumed] == made[3:]
    assert len(await collect(world.ws.tasks.list(page_size=2, limit=5))) == 5


async def test_reserve_accept_wrap_complete(world):
    """A Reservation accepted assigns its Task; completing the Task completes the Reservation."""
    task = await create(world)
    reservation_sid = world.fake.reserve(task.sid)
    task = await run(world.ws.tasks(task.sid).fetch())
    assert task.assignment_status == "reserved"
    by_task = await collect(
        world.ws.tasks(task.sid).reservations.list(reservation_status="pending")
    )
    by_worker = await collect(world.ws.workers(world.fake.worker_sid).reservations.list())
    assert [r.sid for r in by_task] == [r.sid for r in by_worker] == [reservation_sid]
    assert by_worker[0].url.endswith(
        f"/Workers/{world.fake.worker_sid}/Reservations/{reservation_sid}"
    )
    accepted = await run(world.ws.tasks(task.sid).reservations(reservation_sid).accept())
    assert accepted.reservation_status == "accepted"
    assert (await run(world.ws.tasks(task.sid).fetch())).assignment_status == "assigned"
    with pytest.raises(tr.BadRequestError, match="from assigned to canceled") as refused:
        await run(world.ws.tasks(task.sid).update(assignment_status="canceled", reason="late"))
    assert refused.value.code == 20001
    await run(world.ws.tasks(task.sid).update(assignment_status="wrapping"))
    with pytest.raises(tr.BadRequestError, match="Reason is required"):
        await run(world.ws.tasks(task.sid).update(assignment_status="completed"))
    done = await run(
        world.ws.tasks(task.sid).update(assignment_status="completed", reason="resolved")
    )
    assert (done.assignment_status, done.reason) == ("completed", "resolved")
    reservation = await run(
        world.ws.workers(world.fake.worker_sid).reservations(reservation_sid).fetch()
    )
    assert reservation.reservation_status == "completed"
    with pytest.raises(tr.BadRequestError, match="is completed and cannot be updated"):
        await run(world.ws.tasks(task.sid).update(priority=1))


async def test_reject_returns_the_task_to_pending(world):
    """Rejecting puts the Task back in its queue, ready to be reserved again."""
    task = await create(world)
    first = world.fake.reserve(task.sid)
    rejected = await run(world.ws.workers(world.fake.worker_sid).reservations(first).reject())
    assert rejected.reservation_status == "rejected"
    assert (await run(world.ws.tasks(task.sid).fetch())).assignment_status == "pending"
    with pytest.raises(tr.BadRequestError, match="from rejected to accepted"):
        await run(world.ws.tasks(task.sid).reservations(first).accept())
    second = world.fake.reserve(task.sid)
    assert second != first


async def test_instructions_move_reservations_as_twilio_does(world):
    """dequeue and conference accept; call and redirect accept when asked; supervise needs
    an accepted Reservation; an instruction on a used Reservation gets Twilio's code."""
    reservations = []
    for _ in range(5):
        task = await create(world)
        reservations.append(world.ws.tasks(task.sid).reservations(world.fake.reserve(task.sid)))
    dequeued = await run(reservations[0].dequeue(dequeue_from="+15550001111"))
    called = await run(reservations[1].call(call_from="+1555", call_url="https://example.com/t"))
    redirected = await run(
        reservations[2].redirect(
            redirect_call_sid="CA" + "0" * 32,
            redirect_url="https://example.com/r",
            redirect_accept=True,
        )
    )
    assert [
        dequeued.reservation_status,
        called.reservation_status,
        redirected.reservation_status,
    ] == ["accepted", "pending", "accepted"]
    with pytest.raises(tr.BadRequestError) as used:
        await run(reservations[0].conference(from_="+1555"))
    assert used.value.code == 40136
    with pytest.raises(tr.BadRequestError) as not_accepted:
        await run(reservations[3].supervise(supervisor=world.fake.worker_sid))
    assert not_accepted.value.code == 40146
    supervised = await run(
        reservations[0].supervise(supervisor=world.fake.worker_sid, supervisor_mode="monitor")
    )
    assert supervised.reservation_status == "accepted"
    conferenced = await run(
        reservations[4].conference(from_="+1555", end_conference_on_customer_exit=True)
    )
    assert conferenced.reservation_status == "accepted"


async def test_task_ttl_expires_to_canceled_on_the_injected_clock(world):
    """At its Timeout a waiting Task is canceled ("Task TTL Exceeded"), and deleted 5 min on."""
    task = await create(world, timeout=60)
    reservation_sid = world.fake.reserve(task.sid)
    world.fake.advance(59)
    assert (await run(world.ws.tasks(task.sid).fetch())).assignment_status == "reserved"
    world.fake.advance(2)
    expired = await run(world.ws.tasks(task.sid).fetch())
    assert (expired.assignment_status, expired.reason) == ("canceled", "Task TTL Exceeded")
    reservation = await run(world.ws.tasks(task.sid).reservations(reservation_sid).fetch())
    assert reservation.reservation_status == "canceled"
    world.fake.advance(300)
    with pytest.raises(tr.NotFoundError):
        await run(world.ws.tasks(task.sid).fetch())


async def test_an_unanswered_reservation_times_out(world):
    """After 120 s a pending Reservation is 'timeout' and its Task pending again."""
    task = await create(world)
    reservation_sid = world.fake.reserve(task.sid)
    world.fake.advance(121)
    reservation = await run(world.ws.tasks(task.sid).reservations(reservation_sid).fetch())
    assert reservation.reservation_status == "timeout"
    assert (await run(world.ws.tasks(task.sid).fetch())).assignment_status == "pending"


async def test_injected_faults_meet_the_sdk_retry_policy(world, waits):
    """503s and a 429 with Retry-After are retried; a dropped create is not resent."""
    task = await create(world)
    world.fake.fail_next(2, status=503)
    fetched = await run(world.ws.tasks(task.sid).fetch())
    assert fetched.http.retries == 2
    world.fake.fail_next(1, status=429, retry_after=2)
    created = await create(world)
    assert created.http.retries == 1
    assert waits[-1] == 2.0
    world.fake.drop_next(1)
    with pytest.raises(tr.APIConnectionError) as dropped:
        await create(world, attributes={"type": "lost"})
    assert dropped.value.may_have_been_sent
    listed = await collect(world.ws.tasks.list(evaluate_task_attributes='type == "lost"'))
    assert listed == []
    world.fake.drop_next(1)
    assert (await run(world.ws.tasks(task.sid).fetch())).http.retries == 1


async def test_applied_faults_make_the_change_and_lose_the_answer(world, waits):
    """A create whose answer is lost is made but not resent; a conditional update retried
    after its answer was lost meets its own write as a 412, and is read back."""
    world.fake.drop_next(1, applied=True)
    with pytest.raises(tr.APIConnectionError) as dropped:
        await create(world, attributes={"type": "made"})
    assert dropped.value.may_have_been_sent
    (made,) = await collect(world.ws.tasks.list(evaluate_task_attributes='type == "made"'))

    context = world.ws.tasks(made.sid)
    decisions: list[int] = []

    def escalate(current: tr.Task) -> tr.UpdateTaskParams:
        if not decisions:  # the update that follows this first read will lose its answer
            world.fake.fail_next(1, status=502, applied=True)
        decisions.append(current.priority)
        return {"priority": current.priority + 10}

    modified = await run(context.modify(escalate))
    assert decisions == [0]  # decided once: the landed write was recognised, not redone
    assert modified.priority == 10
    assert (await run(context.fetch())).priority == 10

    world.fake.fail_next(1, status=502, applied=True)
    updated = await run(context.update(priority=20, if_match=modified.etag))
    assert updated.priority == 20  # the retry's 412 was our own write: read back, not raised
    assert (updated.http.retries, updated.http.reconciled) == (1, True)


async def test_wrong_credentials_get_401(world):
    """A wrong auth token is refused with Twilio's 20003."""
    fake = world.fake
    client = tr.Client(
        account_sid=fake.account_sid, auth_token="wrong", http_client=httpx.Client(transport=fake)
    )
    with pytest.raises(tr.AuthenticationError) as refused:
        client.workspaces(fake.workspace_sid).tasks.create(attributes={})
    assert (refused.value.status, refused.value.code) == (401, 20003)


async def test_every_operation_answers_in_the_spec_shape(world):
    """A tour of all 61 operations through the tree; the hook validated each answer."""
    client, ws, fake = world.client, world.ws, world.fake
    other = await run(client.workspaces.create(friendly_name="Other", template="FIFO"))
    await collect(client.workspaces.list())
    await run(ws.fetch())
    await run(ws.update(events_filter="task.created"))
    await run(client.workspaces(other.sid).delete())
    lunch = await run(ws.activities.create(friendly_name="Lunch", available=False))
    await collect(ws.activities.list())
    await run(ws.activities(lunch.sid).fetch())
    await run(ws.activities(lunch.sid).update(friendly_name="Break"))
    await run(ws.activities(lunch.sid).delete())
    email = await run(ws.task_channels.create(friendly_name="Email", unique_name="email"))
    await collect(ws.task_channels.list())
    await run(ws.task_channels(email.sid).fetch())
    await run(ws.task_channels(email.sid).update(channel_optimized_routing=True))
    await run(ws.task_channels(email.sid).delete())
    queue = await run(ws.task_queues.create(friendly_name="Support", target_workers="1==1"))
    await collect(ws.task_queues.list())
    await run(ws.task_queues(queue.sid).fetch())
    await run(ws.task_queues(queue.sid).update(max_reserved_workers=2))
    routing = {"task_routing": {"default_filter": {"queue": queue.sid}}}
    flow = await run(ws.workflows.create(friendly_name="Flow", configuration=routing))
    await collect(ws.workflows.list())
    await run(ws.workflows(flow.sid).fetch())
    await run(ws.workflows(flow.sid).update(task_reservation_timeout=60))
    available = await run(ws.activities.list(friendly_name="Available").first())
    worker = await run(
        ws.workers.create(friendly_name="Sam", activity_sid=available.sid, attributes={"a": 1})
    )
    await collect(ws.workers.list())
    await run(ws.workers(worker.sid).fetch())
    await run(ws.workers(worker.sid).update(attributes={"a": 2}))
    (channel, *_) = await collect(ws.workers(worker.sid).channels.list())
    await run(ws.workers(worker.sid).channels(channel.sid).fetch())
    await run(ws.workers(worker.sid).channels(channel.sid).update(capacity=2))
    task = await run(ws.tasks.create(workflow_sid=flow.sid, attributes={"type": "chat"}))
    await collect(ws.tasks.list())
    await run(ws.tasks(task.sid).update(priority=2))
    await run(ws.tasks(task.sid).fetch())
    (offer,) = await collect(ws.tasks(task.sid).reservations.list())
    by_task = ws.tasks(task.sid).reservations(offer.sid)
    by_worker = ws.workers(worker.sid).reservations(offer.sid)
    await run(by_task.fetch())
    await collect(ws.workers(worker.sid).reservations.list())
    await run(by_worker.fetch())
    await run(by_worker.accept())
    await run(by_task.update(reservation_status="wrapping"))
    (event, *_) = await collect(ws.events.list())
    await run(ws.events(event.sid).fetch())
    for owner in (ws, ws.workflows(flow.sid), ws.task_queues(queue.sid), ws.workers):
        await run(owner.statistics.fetch())
        await run(owner.real_time_statistics.fetch())
        await run(owner.cumulative_statistics.fetch())
    await collect(ws.task_queues.statistics.list())
    await run(ws.task_queues.real_time_statistics.create(queue_sids=[queue.sid]))
    await run(ws.workers(worker.sid).statistics.fetch())
    await run(ws.tasks(task.sid).update(assignment_status="completed", reason="done"))
    await run(ws.tasks(task.sid).delete())
    with pytest.raises(tr.NotFoundError):
        await run(ws.tasks(task.sid).fetch())
    await run(ws.workflows(flow.sid).delete())
    await run(ws.task_queues(queue.sid).delete())
    await run(ws.workers(worker.sid).delete())
    assert fake.workspace_sid == ws.sid
    assert set(world.answered) == ALL_OPERATIONS | {"error"}


ALL_OPERATIONS = {operation for _, _, operation, _ in OPERATIONS}
