"""The emulator's routing engine, rule by rule (docs/testing.md, "The routing engine").

Each test sets up a small Workspace over HTTP and asserts who is offered what, and when.
"""

from __future__ import annotations

import pytest

from tests.emulator_api import Api


def everyone(api: Api, **more: object) -> str:
    """A Workflow sending every Task to one queue targeting every Worker."""
    return api.workflow({"default_filter": {"queue": api.queue("Everyone", **more)}})


# -- filters and targets ------------------------------------------------------------------


def test_the_first_matching_filter_wins_else_the_default_filter(api: Api):
    """Filters are tried top to bottom; a Task no filter takes goes to the default filter."""
    sales, vip, rest = api.queue("Sales"), api.queue("VIP"), api.queue("Rest")
    flow = api.workflow(
        {
            "filters": [
                {"expression": "type == 'sales'", "targets": [{"queue": sales}]},
                {"expression": "type == 'sales' OR vip == true", "targets": [{"queue": vip}]},
            ],
            "default_filter": {"queue": rest},
        }
    )
    queues = [
        api.task(flow, **attributes)["task_queue_friendly_name"]
        for attributes in ({"type": "sales", "vip": True}, {"vip": True}, {"type": "other"})
    ]
    assert queues == ["Sales", "VIP", "Rest"]


def test_a_task_no_filter_takes_is_refused_without_a_default_filter(api: Api):
    """No filter and no default filter: CreateTask answers 400 and no Task exists (EC-5)."""
    flow = api.workflow(
        {"filters": [{"expression": "type == 'sales'", "targets": [{"queue": api.queue("S")}]}]}
    )
    status, code, message = api.refused("POST", "/Tasks", WorkflowSid=flow, Attributes="{}")
    assert (status, code) == (400, 20001)
    assert "Could not match the task" in message
    assert api.get("/Tasks")["tasks"] == []


def test_step_timeouts_add_up_then_the_workflow_times_out(api: Api):
    """A Task moves to the next target when its time in the filter passes the sum of the
    timeouts so far; after the last one it is canceled (workflow.timeout)."""
    first, second = api.queue("First", "skill == 'x'"), api.queue("Second", "skill == 'x'")
    flow = api.workflow(
        {
            "filters": [
                {
                    "expression": "1 == 1",
                    "targets": [{"queue": first, "timeout": 30}, {"queue": second, "timeout": 20}],
                }
            ]
        }
    )
    sid = api.task(flow)["sid"]
    api.fake.advance(29)
    assert api.get(f"/Tasks/{sid}")["task_queue_sid"] == first
    api.fake.advance(1)
    assert api.get(f"/Tasks/{sid}")["task_queue_sid"] == second
    api.fake.advance(19)
    assert api.status(sid) == "pending"
    api.fake.advance(1)  # 50 s in the filter: 30 + 20
    task = api.get(f"/Tasks/{sid}")
    assert (task["assignment_status"], task["reason"]) == (
        "canceled",
        "Task canceled on Workflow timeout",
    )
    assert api.events(TaskSid=sid)[-3:] == [
        "task-queue.timeout",
        "workflow.timeout",
        "task.canceled",
    ]


def test_a_target_priority_replaces_the_tasks_priority(api: Api):
    """Entering a step with a ``priority`` sets the Task's priority; one without keeps it."""
    queue = api.queue("Q", "skill == 'none'")
    flow = api.workflow(
        {
            "filters": [
                {
                    "expression": "1 == 1",
                    "targets": [{"queue": queue, "timeout": 10}, {"queue": queue, "priority": 9}],
                }
            ]
        }
    )
    sid = api.post("/Tasks", WorkflowSid=flow, Attributes={}, Priority=3)["sid"]
    assert api.get(f"/Tasks/{sid}")["priority"] == 3
    api.fake.advance(10)
    assert api.get(f"/Tasks/{sid}")["priority"] == 9


def test_a_target_expression_compares_the_worker_with_the_task(api: Api):
    """``worker.*`` and ``task.*`` in a target expression: only the preferred agent."""
    queue = api.queue("Support")
    flow = api.workflow(
        {
            "filters": [
                {
                    "expression": "1 == 1",
                    "targets": [{"queue": queue, "expression": "worker.id IN task.preferred"}],
                }
            ]
        }
    )
    api.worker("Alex", id="alex")
    api.worker("Bea", id="bea")
    sid = api.task(flow, preferred=["bea", "cy"])["sid"]
    assert api.offered_to(sid) == ["Bea"]


def test_order_by_picks_the_worker_then_longest_idle_breaks_ties(api: Api):
    """``order_by`` on an integer attribute first; Workers without it come last."""
    queue = api.queue("Q")
    flow = api.workflow(
        {"default_filter": {"queue": queue, "order_by": "worker.level DESC"}},
    )
    api.worker("NoLevel")
    api.fake.advance(1)
    api.worker("Junior", level=1)
    api.fake.advance(1)
    api.worker("Senior", level=5)
    offered = [api.offered_to(api.task(flow)["sid"]) for _ in range(3)]
    assert offered == [["Senior"], ["Junior"], ["NoLevel"]]


def test_without_order_by_the_worker_idle_longest_goes_first(api: Api):
    """The Worker available longest (then created first) is offered the Task."""
    flow = everyone(api)
    late = api.worker("Late", activity="Offline")
    api.worker("Early")
    api.fake.advance(5)
    api.set_activity(late, "Available")
    assert api.offered_to(api.task(flow)["sid"]) == ["Early"]
    assert api.offered_to(api.task(flow)["sid"]) == ["Late"]


def test_skip_if_moves_on_at_once_when_no_worker_could_be_reserved(api: Api):
    """``skip_if: workers.available == 0`` skips a step nobody can serve."""
    experts = api.queue("Experts", "expert == true")
    anyone = api.queue("Anyone")
    flow = api.workflow(
        {
            "filters": [
                {
                    "expression": "1 == 1",
                    "targets": [
                        {"queue": experts, "timeout": 300, "skip_if": "workers.available == 0"},
                        {"queue": anyone},
                    ],
                }
            ]
        }
    )
    api.worker("Expert", activity="Offline", expert=True)
    api.worker("Generalist")
    sid = api.task(flow)["sid"]
    assert api.offered_to(sid) == ["Generalist"]
    assert "workflow.skipped" in api.events(TaskSid=sid)


def test_known_worker_routing_offers_only_the_named_worker(api: Api):
    """``known_worker_sid`` / ``known_worker_friendly_name`` name the Worker from the Task."""
    queue = api.queue("Q")
    by_sid = api.workflow(
        {"default_filter": {"queue": queue, "known_worker_sid": "task.agent"}},
    )
    by_name = api.workflow(
        {"default_filter": {"queue": queue, "known_worker_friendly_name": "task.agent_name"}},
    )
    api.worker("Ana")
    bo = api.worker("Bo")
    assert api.offered_to(api.task(by_sid, agent=bo)["sid"]) == ["Bo"]
    assert api.offered_to(api.task(by_name, agent_name="ana")["sid"]) == ["Ana"]
    assert api.offered_to(api.task(by_sid, agent="WK" + "0" * 32)["sid"]) == []


# -- who may take a Task ------------------------------------------------------------------


def test_target_workers_and_an_available_activity_decide_who_is_offered(api: Api):
    """Only Workers matching ``target_workers`` and in an available Activity."""
    flow = everyone(api, target_workers="languages HAS 'fr'")
    api.worker("English", languages=["en"])
    api.worker("Away", activity="Unavailable", languages=["fr"])
    sid = api.task(flow)["sid"]
    assert api.offered_to(sid) == []
    api.worker("French", languages=["fr", "en"])
    assert api.offered_to(sid) == ["French"]


def test_capacity_is_per_channel_and_completing_frees_it(api: Api):
    """A Worker takes Tasks of a channel up to its capacity there; completing frees one."""
    flow = everyone(api)
    worker = api.worker("Multi")
    api.post(f"/Workers/{worker}/Channels/chat", Capacity=2)
    chats = [api.post("/Tasks", WorkflowSid=flow, TaskChannel="chat")["sid"] for _ in range(3)]
    voice = api.post("/Tasks", WorkflowSid=flow, TaskChannel="voice")["sid"]
    assert [api.status(sid) for sid in chats] == ["reserved", "reserved", "pending"]
    assert api.status(voice) == "reserved"
    channel = api.get(f"/Workers/{worker}/Channels/chat")
    assert (channel["configured_capacity"], channel["available_capacity_percentage"]) == (2, 0)
    api.answer(chats[0], "accepted")
    api.post(f"/Tasks/{chats[0]}", AssignmentStatus="completed", Reason="done")
    assert api.status(chats[2]) == "reserved"


def test_a_single_tasking_workspace_gives_one_task_at_a_time(api: Api):
    """With ``MultiTaskEnabled=false`` a Worker holds one Task whatever its channels."""
    api.post(api.workspace, MultiTaskEnabled="false")
    flow = everyone(api)
    api.worker("Solo")
    chat = api.post("/Tasks", WorkflowSid=flow, TaskChannel="chat")["sid"]
    voice = api.post("/Tasks", WorkflowSid=flow, TaskChannel="voice")["sid"]
    assert [api.status(chat), api.status(voice)] == ["reserved", "pending"]


def test_raising_capacity_or_becoming_available_offers_waiting_tasks(api: Api):
    """Waiting Tasks are offered again when a Worker becomes able to take them."""
    flow = everyone(api)
    worker = api.worker("Pat", activity="Offline")
    first, second = api.task(flow)["sid"], api.task(flow)["sid"]
    assert api.offered_to(first) == []
    api.set_activity(worker, "Available")
    assert (api.offered_to(first), api.offered_to(second)) == (["Pat"], [])
    api.post(f"/Workers/{worker}/Channels/default", Capacity=2)
    assert api.offered_to(second) == ["Pat"]


# -- the order Tasks are offered in -------------------------------------------------------


def test_higher_priority_then_older_tasks_are_offered_first(api: Api):
    """In a FIFO queue: priority first, then the oldest."""
    flow = everyone(api)
    old, high, new = (
        api.post("/Tasks", WorkflowSid=flow, Priority=priority)["sid"] for priority in (0, 5, 0)
    )
    worker = api.worker("Kim", activity="Offline")
    api.post(f"/Workers/{worker}/Channels/default", Capacity=2)
    api.set_activity(worker, "Available")
    assert [api.status(sid) for sid in (old, high, new)] == ["reserved", "reserved", "pending"]


def test_a_lifo_queue_offers_the_newest_task_first(api: Api):
    """``TaskOrder=LIFO``: the most recent Task, whatever its priority."""
    flow = everyone(api, TaskOrder="LIFO")
    old = api.post("/Tasks", WorkflowSid=flow, Priority=9)["sid"]
    api.fake.advance(1)
    new = api.post("/Tasks", WorkflowSid=flow)["sid"]
    api.worker("Lee")
    assert [api.status(old), api.status(new)] == ["pending", "reserved"]


# -- Reservations -------------------------------------------------------------------------


def test_a_rejected_task_moves_on_and_is_never_offered_to_that_worker_again(api: Api):
    """Reject: the next Worker is offered it; the one who rejected is not again (EC-18)."""
    flow = everyone(api)
    api.worker("First")
    api.fake.advance(1)
    api.worker("Second")
    sid = api.task(flow)["sid"]
    assert api.offered_to(sid) == ["First"]
    api.answer(sid, "rejected")
    assert api.offered_to(sid) == ["Second"]
    api.answer(sid, "rejected")
    assert (api.offered_to(sid), api.status(sid)) == ([], "pending")


def test_rejecting_with_an_activity_moves_the_worker(api: Api):
    """``WorkerActivitySid`` on a reject puts the Worker in that Activity."""
    flow = everyone(api)
    worker = api.worker("Rae")
    sid = api.task(flow)["sid"]
    api.answer(sid, "rejected", WorkerActivitySid=api.activity("Unavailable"))
    assert api.get(f"/Workers/{worker}")["activity_name"] == "Unavailable"
    refused = api.refused(
        "POST",
        f"/Tasks/{api.task(flow)['sid']}/Reservations/WR{'0' * 32}",
        ReservationStatus="rejected",
    )
    assert refused[:2] == (404, 20404)


def test_an_unanswered_reservation_times_out_to_the_next_worker(api: Api):
    """After the Workflow's reservation timeout the Worker goes Offline (the Workspace's
    timeout Activity) and the Task is offered to the next Worker."""
    flow = api.workflow({"default_filter": {"queue": api.queue("Q")}}, TaskReservationTimeout=30)
    first = api.worker("Slow")
    api.fake.advance(1)
    api.worker("Quick")
    sid = api.task(flow)["sid"]
    api.fake.advance(30)
    assert api.offered_to(sid) == ["Quick"]
    assert api.get(f"/Workers/{first}")["activity_name"] == "Offline"
    assert [r["reservation_status"] for r in api.reservations(sid)] == ["timeout", "pending"]


def test_accepting_one_of_several_offers_rescinds_the_others(api: Api):
    """``MaxReservedWorkers=2``: two offers at once; the first to accept gets it."""
    flow = everyone(api, MaxReservedWorkers=2)
    api.worker("One")
    api.worker("Two")
    sid = api.task(flow)["sid"]
    assert sorted(api.offered_to(sid)) == ["One", "Two"]
    first = api.reservations(sid, "pending")[0]["sid"]
    api.post(f"/Tasks/{sid}/Reservations/{first}", ReservationStatus="accepted")
    statuses = sorted(r["reservation_status"] for r in api.reservations(sid))
    assert (api.status(sid), statuses) == ("assigned", ["accepted", "rescinded"])


def test_a_task_reserved_past_its_step_timeout_moves_on_once_released(api: Api):
    """A Reservation holds its Task in its step; rejected after the step's time, the Task
    goes to the next step at once (EC-32)."""
    narrow, wide = api.queue("Narrow", "tier == 1"), api.queue("Wide")
    flow = api.workflow(
        {
            "filters": [
                {
                    "expression": "1 == 1",
                    "targets": [{"queue": narrow, "timeout": 10}, {"queue": wide}],
                }
            ]
        }
    )
    api.worker("Tier1", tier=1)
    sid = api.task(flow)["sid"]
    api.fake.advance(15)
    assert api.get(f"/Tasks/{sid}")["task_queue_sid"] == narrow
    api.answer(sid, "rejected")
    assert api.get(f"/Tasks/{sid}")["task_queue_sid"] == wide


def test_the_ttl_cancels_a_waiting_task_with_its_offers(api: Api):
    """At its Timeout a Task still waiting is canceled, and its pending Reservation too."""
    flow = everyone(api)
    api.worker("Max")
    sid = api.post("/Tasks", WorkflowSid=flow, Timeout=60)["sid"]
    api.fake.advance(60)
    task = api.get(f"/Tasks/{sid}")
    assert (task["assignment_status"], task["reason"]) == ("canceled", "Task TTL Exceeded")
    assert [r["reservation_status"] for r in api.reservations(sid)] == ["canceled"]


def test_re_evaluating_sends_pending_tasks_through_the_new_configuration(api: Api):
    """Tasks keep the configuration they entered with, unless ``ReEvaluateTasks``."""
    old, new = api.queue("Old", "x == 1"), api.queue("New", "x == 1")
    flow = api.workflow({"default_filter": {"queue": old}})
    kept = api.task(flow)["sid"]
    configuration = {"task_routing": {"default_filter": {"queue": new}}}
    api.post(f"/Workflows/{flow}", Configuration=configuration)
    assert api.get(f"/Tasks/{kept}")["task_queue_sid"] == old
    api.post(f"/Workflows/{flow}", Configuration=configuration, ReEvaluateTasks="true")
    assert api.get(f"/Tasks/{kept}")["task_queue_sid"] == new


@pytest.mark.parametrize("jumps", [[200], [61, 139], [30] * 6 + [20]], ids=str)
def test_routing_in_time_lands_the_same_however_the_clock_moves(api: Api, jumps: list[int]):
    """Step timeouts, reservation timeouts and the TTL land in due order."""
    queue = api.queue("Q")
    flow = api.workflow(
        {
            "filters": [
                {
                    "expression": "1 == 1",
                    "targets": [{"queue": queue, "timeout": 50}, {"queue": queue, "timeout": 100}],
                }
            ]
        },
        TaskReservationTimeout=60,
    )
    api.worker("Wren")
    sid = api.post("/Tasks", WorkflowSid=flow, Timeout=180)["sid"]
    for seconds in jumps:
        api.fake.advance(seconds)
    assert api.events(TaskSid=sid, Minutes=60) == [
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
