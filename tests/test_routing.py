"""The emulator's routing engine, rule by rule, through the SDK on both clients
(docs/testing.md, "The routing engine"): each test sets up a small Workspace through the
API and asserts who is offered what, and when."""

from __future__ import annotations

from typing import Any

import pytest

import taskrouter_client as tr
from tests.conftest import collect, run
from tests.emulator_world import World

pytestmark = pytest.mark.anyio


class Centre:
    """Shorthands over the SDK for setting a Workspace up and reading what routing did."""

    def __init__(self, world: World) -> None:
        self.fake = world.fake
        self.ws = world.ws

    async def activity(self, name: str) -> str:
        found = await run(self.ws.activities.list(friendly_name=name).first())
        return str(found.sid)

    async def queue(self, name: str, target_workers: str = "1==1", **more: Any) -> str:
        made = await run(
            self.ws.task_queues.create(friendly_name=name, target_workers=target_workers, **more)
        )
        return str(made.sid)

    async def workflow(self, routing: dict[str, Any], **more: Any) -> str:
        made = await run(
            self.ws.workflows.create(
                friendly_name="Flow", configuration={"task_routing": routing}, **more
            )
        )
        return str(made.sid)

    async def everyone(self, **more: Any) -> str:
        """A Workflow sending every Task to one queue targeting every Worker."""
        return await self.workflow({"default_filter": {"queue": await self.queue("All", **more)}})

    async def worker(self, name: str, activity: str = "Available", **attributes: Any) -> str:
        made = await run(
            self.ws.workers.create(
                friendly_name=name,
                activity_sid=await self.activity(activity),
                attributes=attributes,
            )
        )
        return str(made.sid)

    async def task(self, workflow: str, **arguments: Any) -> tr.Task:
        self.fake.advance(1)  # one Task a second: creation order is also time order
        arguments.setdefault("attributes", {})
        task: tr.Task = await run(self.ws.tasks.create(workflow_sid=workflow, **arguments))
        return task

    async def fetch(self, task: str) -> tr.Task:
        fetched: tr.Task = await run(self.ws.tasks(task).fetch())
        return fetched

    async def status(self, task: str) -> str:
        return str((await self.fetch(task)).assignment_status)

    async def queue_of(self, task: str) -> str | None:
        return (await self.fetch(task)).task_queue_sid

    async def reservations(self, task: str, status: str | None = None) -> list[Any]:
        return await collect(self.ws.tasks(task).reservations.list(reservation_status=status))

    async def offered_to(self, task: str) -> list[str]:
        """The names of the Workers the Task is offered to now."""
        return [r.worker_name for r in await self.reservations(task, "pending")]

    async def pending(self, task: str) -> Any:
        (reservation,) = await self.reservations(task, "pending")
        return self.ws.tasks(task).reservations(reservation.sid)

    async def set_activity(self, worker: str, activity: str, **more: Any) -> tr.Worker:
        updated: tr.Worker = await run(
            self.ws.workers(worker).update(activity_sid=await self.activity(activity), **more)
        )
        return updated

    async def channel(self, worker: str, unique_name: str) -> Any:
        channels = await collect(self.ws.workers(worker).channels.list())
        (found,) = [c for c in channels if c.task_channel_unique_name == unique_name]
        return self.ws.workers(worker).channels(found.sid)

    async def events(self, **filters: Any) -> list[str]:
        return [str(e.event_type) for e in await collect(self.ws.events.list(**filters))]


@pytest.fixture
def centre(local_world: World) -> Centre:
    return Centre(local_world)


def steps(*targets: dict[str, Any], expression: str = "1 == 1") -> dict[str, Any]:
    """A configuration of one filter with these targets."""
    return {"filters": [{"expression": expression, "targets": list(targets)}]}


# -- filters and targets ------------------------------------------------------------------


async def test_the_first_matching_filter_wins_else_the_default_filter(centre: Centre):
    """Filters are tried top to bottom; a Task no filter takes goes to the default filter."""
    sales, vip, rest = [await centre.queue(n) for n in ("Sales", "VIP", "Rest")]
    flow = await centre.workflow(
        {
            "filters": [
                {"expression": "type == 'sales'", "targets": [{"queue": sales}]},
                {"expression": "type == 'sales' OR vip == true", "targets": [{"queue": vip}]},
            ],
            "default_filter": {"queue": rest},
        }
    )
    queues = [
        (await centre.task(flow, attributes=attributes)).task_queue_friendly_name
        for attributes in ({"type": "sales", "vip": True}, {"vip": True}, {"type": "other"})
    ]
    assert queues == ["Sales", "VIP", "Rest"]


async def test_a_task_no_filter_takes_is_refused_without_a_default_filter(centre: Centre):
    """No filter and no default filter: 400 and no Task (EC-5)."""
    flow = await centre.workflow(
        steps({"queue": await centre.queue("S")}, expression="type == 'sales'")
    )
    with pytest.raises(tr.BadRequestError, match="Could not match the task") as refused:
        await centre.task(flow)
    assert refused.value.code == 20001
    assert await collect(centre.ws.tasks.list()) == []


async def test_step_timeouts_add_up_then_the_workflow_times_out(centre: Centre):
    """The Task moves to the next target when its time in the filter passes the sum of the
    timeouts so far; after the last it is canceled (``workflow.timeout``)."""
    first, second = await centre.queue("First", "x == 1"), await centre.queue("Second", "x == 1")
    flow = await centre.workflow(
        steps({"queue": first, "timeout": 30}, {"queue": second, "timeout": 20})
    )
    sid = (await centre.task(flow)).sid
    centre.fake.advance(29)
    assert await centre.queue_of(sid) == first
    centre.fake.advance(1)
    assert await centre.queue_of(sid) == second
    centre.fake.advance(19)
    assert await centre.status(sid) == "pending"
    centre.fake.advance(1)  # 50 s in the filter: 30 + 20
    task = await centre.fetch(sid)
    assert (task.assignment_status, task.reason) == (
        "canceled",
        "Task canceled on Workflow timeout",
    )
    assert (await centre.events(task_sid=sid))[-3:] == [
        "task-queue.timeout",
        "workflow.timeout",
        "task.canceled",
    ]


async def test_a_target_priority_replaces_the_tasks_priority(centre: Centre):
    """Entering a step with a ``priority`` sets the Task's; a step without one keeps it."""
    queue = await centre.queue("Q", "x == 1")
    flow = await centre.workflow(
        steps({"queue": queue, "timeout": 10}, {"queue": queue, "priority": 9})
    )
    sid = (await centre.task(flow, priority=3)).sid
    assert (await centre.fetch(sid)).priority == 3
    centre.fake.advance(10)
    assert (await centre.fetch(sid)).priority == 9


async def test_a_target_expression_compares_the_worker_with_the_task(centre: Centre):
    """``worker.*`` and ``task.*`` in a target expression: only the preferred agent."""
    queue = await centre.queue("Support")
    flow = await centre.workflow(
        steps({"queue": queue, "expression": "worker.id IN task.preferred"})
    )
    await centre.worker("Alex", id="alex")
    await centre.worker("Bea", id="bea")
    task = await centre.task(flow, attributes={"preferred": ["bea", "cy"]})
    assert await centre.offered_to(task.sid) == ["Bea"]


async def test_order_by_picks_the_worker_and_those_without_the_value_come_last(centre: Centre):
    """``order_by`` on an integer attribute first; Workers without it come last."""
    queue = await centre.queue("Q")
    flow = await centre.workflow(
        {"default_filter": {"queue": queue, "order_by": "worker.level DESC"}}
    )
    await centre.worker("NoLevel")
    await centre.worker("Junior", level=1)
    await centre.worker("Senior", level=5)
    offered = [await centre.offered_to((await centre.task(flow)).sid) for _ in range(3)]
    assert offered == [["Senior"], ["Junior"], ["NoLevel"]]


async def test_without_order_by_the_worker_idle_longest_goes_first(centre: Centre):
    """The Worker available longest is offered the Task first."""
    flow = await centre.everyone()
    late = await centre.worker("Late", activity="Offline")
    await centre.worker("Early")
    centre.fake.advance(5)
    await centre.set_activity(late, "Available")
    assert await centre.offered_to((await centre.task(flow)).sid) == ["Early"]
    assert await centre.offered_to((await centre.task(flow)).sid) == ["Late"]


async def test_skip_if_moves_on_at_once_when_no_worker_could_be_reserved(centre: Centre):
    """``skip_if: workers.available == 0`` skips a step nobody can serve now."""
    experts, anyone = await centre.queue("Experts", "expert == true"), await centre.queue("Any")
    flow = await centre.workflow(
        steps(
            {"queue": experts, "timeout": 300, "skip_if": "workers.available == 0"},
            {"queue": anyone},
        )
    )
    await centre.worker("Expert", activity="Offline", expert=True)
    await centre.worker("Generalist")
    sid = (await centre.task(flow)).sid
    assert await centre.offered_to(sid) == ["Generalist"]
    assert "workflow.skipped" in await centre.events(task_sid=sid)


async def test_known_worker_routing_offers_only_the_named_worker(centre: Centre):
    """``known_worker_sid`` / ``known_worker_friendly_name`` name the Worker from the Task."""
    queue = await centre.queue("Q")
    by_sid = await centre.workflow(
        {"default_filter": {"queue": queue, "known_worker_sid": "task.agent"}}
    )
    by_name = await centre.workflow(
        {"default_filter": {"queue": queue, "known_worker_friendly_name": "task.agent_name"}}
    )
    await centre.worker("Ana")
    bo = await centre.worker("Bo")
    assert await centre.offered_to((await centre.task(by_sid, attributes={"agent": bo})).sid) == [
        "Bo"
    ]
    named = await centre.task(by_name, attributes={"agent_name": "ana"})
    assert await centre.offered_to(named.sid) == ["Ana"]
    unknown = await centre.task(by_sid, attributes={"agent": "WK" + "0" * 32})
    assert await centre.offered_to(unknown.sid) == []


# -- who may take a Task ------------------------------------------------------------------


async def test_target_workers_and_an_available_activity_decide_who_is_offered(centre: Centre):
    """Only Workers matching ``target_workers`` and in an available Activity."""
    flow = await centre.everyone(target_workers="languages HAS 'fr'")
    await centre.worker("English", languages=["en"])
    await centre.worker("Away", activity="Unavailable", languages=["fr"])
    sid = (await centre.task(flow)).sid
    assert await centre.offered_to(sid) == []
    await centre.worker("French", languages=["fr", "en"])
    assert await centre.offered_to(sid) == ["French"]


async def test_capacity_is_per_channel_and_completing_frees_it(centre: Centre):
    """A Worker takes Tasks of a channel up to its capacity there; completing frees one."""
    flow = await centre.everyone()
    worker = await centre.worker("Multi")
    await run((await centre.channel(worker, "chat")).update(capacity=2))
    chats = [(await centre.task(flow, task_channel="chat")).sid for _ in range(3)]
    voice = (await centre.task(flow, task_channel="voice")).sid
    assert [await centre.status(sid) for sid in chats] == ["reserved", "reserved", "pending"]
    assert await centre.status(voice) == "reserved"
    channel = await run((await centre.channel(worker, "chat")).fetch())
    assert (channel.configured_capacity, channel.available_capacity_percentage) == (2, 0)
    await run((await centre.pending(chats[0])).accept())
    await run(centre.ws.tasks(chats[0]).update(assignment_status="completed", reason="done"))
    assert await centre.status(chats[2]) == "reserved"


async def test_a_single_tasking_workspace_gives_one_task_at_a_time(centre: Centre):
    """With ``multi_task_enabled=False`` a Worker holds one Task whatever its channels."""
    await run(centre.ws.update(multi_task_enabled=False))
    flow = await centre.everyone()
    await centre.worker("Solo")
    chat = (await centre.task(flow, task_channel="chat")).sid
    voice = (await centre.task(flow, task_channel="voice")).sid
    assert [await centre.status(chat), await centre.status(voice)] == ["reserved", "pending"]


async def test_becoming_available_or_more_capacity_offers_waiting_tasks(centre: Centre):
    """Waiting Tasks are offered again when a Worker becomes able to take them."""
    flow = await centre.everyone()
    worker = await centre.worker("Pat", activity="Offline")
    first, second = (await centre.task(flow)).sid, (await centre.task(flow)).sid
    assert await centre.offered_to(first) == []
    await centre.set_activity(worker, "Available")
    assert (await centre.offered_to(first), await centre.offered_to(second)) == (["Pat"], [])
    await run((await centre.channel(worker, "default")).update(capacity=2))
    assert await centre.offered_to(second) == ["Pat"]


# -- the order Tasks are offered in -------------------------------------------------------


async def test_higher_priority_then_older_tasks_are_offered_first(centre: Centre):
    """In a FIFO queue: priority first, then the oldest."""
    flow = await centre.everyone()
    old, high, new = [(await centre.task(flow, priority=p)).sid for p in (0, 5, 0)]
    worker = await centre.worker("Kim", activity="Offline")
    await run((await centre.channel(worker, "default")).update(capacity=2))
    await centre.set_activity(worker, "Available")
    assert [await centre.status(sid) for sid in (old, high, new)] == [
        "reserved",
        "reserved",
        "pending",
    ]


async def test_a_lifo_queue_offers_the_newest_task_first(centre: Centre):
    """``task_order="LIFO"``: the most recent Task, whatever its priority."""
    flow = await centre.everyone(task_order="LIFO")
    old = (await centre.task(flow, priority=9)).sid
    new = (await centre.task(flow)).sid
    await centre.worker("Lee")
    assert [await centre.status(old), await centre.status(new)] == ["pending", "reserved"]


# -- Reservations -------------------------------------------------------------------------


async def test_a_rejected_task_moves_on_and_never_returns_to_that_worker(centre: Centre):
    """Reject: the next Worker is offered it; the one who rejected never again (EC-18)."""
    flow = await centre.everyone()
    await centre.worker("First")
    centre.fake.advance(1)
    await centre.worker("Second")
    sid = (await centre.task(flow)).sid
    assert await centre.offered_to(sid) == ["First"]
    await run((await centre.pending(sid)).reject())
    assert await centre.offered_to(sid) == ["Second"]
    await run((await centre.pending(sid)).reject())
    assert (await centre.offered_to(sid), await centre.status(sid)) == ([], "pending")


async def test_rejecting_with_an_activity_moves_the_worker(centre: Centre):
    """``worker_activity_sid`` on a reject puts the Worker in that Activity."""
    flow = await centre.everyone()
    worker = await centre.worker("Rae")
    sid = (await centre.task(flow)).sid
    await run(
        (await centre.pending(sid)).reject(worker_activity_sid=await centre.activity("Unavailable"))
    )
    assert (await run(centre.ws.workers(worker).fetch())).activity_name == "Unavailable"


async def test_an_unanswered_reservation_times_out_to_the_next_worker(centre: Centre):
    """After the Workflow's reservation timeout the Worker goes Offline (the Workspace's
    timeout Activity) and the next Worker is offered the Task."""
    queue = await centre.queue("Q")
    flow = await centre.workflow({"default_filter": {"queue": queue}}, task_reservation_timeout=30)
    slow = await centre.worker("Slow")
    centre.fake.advance(1)
    await centre.worker("Quick")
    sid = (await centre.task(flow)).sid
    centre.fake.advance(30)
    assert await centre.offered_to(sid) == ["Quick"]
    assert (await run(centre.ws.workers(slow).fetch())).activity_name == "Offline"
    statuses = [r.reservation_status for r in await centre.reservations(sid)]
    assert statuses == ["timeout", "pending"]


async def test_accepting_one_of_several_offers_rescinds_the_others(centre: Centre):
    """``max_reserved_workers=2``: two offers at once; the first to accept gets it."""
    flow = await centre.everyone(max_reserved_workers=2)
    await centre.worker("One")
    await centre.worker("Two")
    sid = (await centre.task(flow)).sid
    assert sorted(await centre.offered_to(sid)) == ["One", "Two"]
    first = (await centre.reservations(sid, "pending"))[0]
    await run(centre.ws.tasks(sid).reservations(first.sid).accept())
    statuses = sorted(r.reservation_status for r in await centre.reservations(sid))
    assert (await centre.status(sid), statuses) == ("assigned", ["accepted", "rescinded"])


async def test_a_task_reserved_past_its_step_timeout_moves_on_once_released(centre: Centre):
    """A Reservation holds its Task in its step; rejected after the step's time, the Task
    goes on to the next step at once (EC-32)."""
    narrow, wide = await centre.queue("Narrow", "tier == 1"), await centre.queue("Wide")
    flow = await centre.workflow(steps({"queue": narrow, "timeout": 10}, {"queue": wide}))
    await centre.worker("Tier1", tier=1)
    sid = (await centre.task(flow)).sid
    centre.fake.advance(15)
    assert await centre.queue_of(sid) == narrow
    await run((await centre.pending(sid)).reject())
    assert await centre.queue_of(sid) == wide


async def test_the_ttl_cancels_a_waiting_task_with_its_offers(centre: Centre):
    """At its ``timeout`` a Task still waiting is canceled, its pending Reservation too."""
    flow = await centre.everyone()
    await centre.worker("Max")
    sid = (await centre.task(flow, timeout=60)).sid
    centre.fake.advance(60)
    task = await centre.fetch(sid)
    assert (task.assignment_status, task.reason) == ("canceled", "Task TTL Exceeded")
    assert [r.reservation_status for r in await centre.reservations(sid)] == ["canceled"]


async def test_re_evaluating_sends_pending_tasks_through_the_new_configuration(centre: Centre):
    """Tasks keep the configuration they entered with, unless ``re_evaluate_tasks``."""
    old, new = await centre.queue("Old", "x == 1"), await centre.queue("New", "x == 1")
    flow = await centre.workflow({"default_filter": {"queue": old}})
    kept = (await centre.task(flow)).sid
    configuration = {"task_routing": {"default_filter": {"queue": new}}}
    await run(centre.ws.workflows(flow).update(configuration=configuration))
    assert await centre.queue_of(kept) == old
    await run(centre.ws.workflows(flow).update(configuration=configuration, re_evaluate_tasks=True))
    assert await centre.queue_of(kept) == new


@pytest.mark.parametrize("jumps", [[200], [61, 139], [30] * 6 + [20]], ids=str)
async def test_routing_in_time_lands_the_same_however_the_clock_moves(
    centre: Centre, jumps: list[int]
):
    """Step timeouts, reservation timeouts and the TTL land in due order."""
    queue = await centre.queue("Q")
    flow = await centre.workflow(
        steps({"queue": queue, "timeout": 50}, {"queue": queue, "timeout": 100}),
        task_reservation_timeout=60,
    )
    await centre.worker("Wren")
    sid = (await centre.task(flow, timeout=180)).sid
    for seconds in jumps:
        centre.fake.advance(seconds)
    assert await centre.events(task_sid=sid, minutes=60) == [
        "task.created",
        "workflow.entered",
        "workflow.target-matched",
        "task-queue.entered",
        "reservation.created",
        "reservation.timeout",
        "task-queue.timeout",
        "workflow.target-matched",
        "task-queue.entered",
        "task-queue.timeout",
        "workflow.timeout",
        "task.canceled",
    ]
