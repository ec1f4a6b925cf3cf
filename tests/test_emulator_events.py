"""The emulator's Events (ListEvent, FetchEvent) and statistics, at the HTTP level."""

from __future__ import annotations

from typing import Any

from tests.emulator_api import Api


def routed(api: Api) -> tuple[str, str, str]:
    """A Workflow, a queue and an available Worker: (workflow, queue, worker)."""
    queue = api.queue("Q")
    flow = api.workflow({"default_filter": {"queue": queue}})
    return flow, queue, api.worker("Ines")


def test_a_task_routed_and_done_leaves_twilios_events_in_order(api: Api):
    """Created, entered, matched, offered, accepted, wrapped, completed: one Event each."""
    flow, _, _ = routed(api)
    sid = api.task(flow)["sid"]
    api.answer(sid, "accepted")
    api.post(f"/Tasks/{sid}", AssignmentStatus="wrapping")
    api.post(f"/Tasks/{sid}", AssignmentStatus="completed", Reason="resolved")
    assert api.events(TaskSid=sid) == [
        "task.created",
        "workflow.entered",
        "workflow.target-matched",
        "task-queue.entered",
        "reservation.created",
        "reservation.accepted",
        "task.wrapup",
        "reservation.wrapup",
        "task.completed",
        "reservation.completed",
    ]


def test_resource_changes_leave_events_too(api: Api):
    """Workers, Activities, queues, Workflows and channels record their changes."""
    worker = api.worker("Jo", activity="Offline")
    api.set_activity(worker, "Available")
    api.post(f"/Workers/{worker}", Attributes={"x": 1})
    api.post(f"/Workers/{worker}/Channels/chat", Capacity=3, Available="false")
    queue = api.queue("Q")
    api.post(f"/TaskQueues/{queue}", TargetWorkers="x == 1")
    assert api.events(WorkerSid=worker) == [
        "worker.created",
        "worker.activity.update",
        "worker.attributes.update",
        "worker.capacity.update",
        "worker.channel.availability.update",
    ]
    assert api.events(TaskQueueSid=queue) == ["task-queue.created", "task-queue.expression.updated"]


def test_an_event_carries_its_resource_and_data(api: Api):
    """FetchEvent: the type, resource, description and snake_case ``event_data``."""
    worker = api.worker("Kai", activity="Offline")
    api.fake.advance(26)
    api.set_activity(worker, "Available")
    (event,) = api.get("/Events", EventType="worker.activity.update")["events"]
    fetched = api.get(f"/Events/{event['sid']}")
    assert fetched == event
    assert (event["resource_type"], event["resource_sid"]) == ("worker", worker)
    assert event["description"] == "Worker Kai updated to Available Activity"
    data = event["event_data"]
    assert data["worker_activity_name"] == "Available"
    assert data["worker_previous_activity_name"] == "Offline"
    assert data["worker_time_in_previous_activity"] == "26"
    assert data["workspace_sid"] == api.fake.workspace_sid


def test_list_event_filters_and_its_default_window(api: Api):
    """Filters by Task, Reservation, Worker, queue, Workflow, channel, type; by default the
    last 15 minutes of the emulator's clock (EC-22)."""
    flow, queue, worker = routed(api)
    chat = api.post("/Tasks", WorkflowSid=flow, TaskChannel="chat")["sid"]
    reservation = api.answer(chat, "accepted")
    api.fake.advance(16 * 60)
    voice = api.post("/Tasks", WorkflowSid=flow, TaskChannel="voice")["sid"]
    assert api.events(TaskSid=chat) == []
    assert "task.created" in api.events(TaskSid=chat, Minutes=20)
    assert api.events(ReservationSid=reservation["sid"], Minutes=20) == [
        "reservation.created",
        "reservation.accepted",
    ]
    assert api.events(TaskChannel="chat") == []
    assert api.events(TaskChannel="voice")[0] == "task.created"
    assert set(api.events(WorkflowSid=flow)) >= {"workflow.entered", "reservation.created"}
    assert api.events(EventType="reservation.created", WorkerSid=worker) == ["reservation.created"]
    assert api.events(TaskQueueSid=queue, EventType="task-queue.entered") == ["task-queue.entered"]
    assert voice
    status, code, _ = api.refused("GET", "/Events?StartDate=2026-01-01T00:00:00Z")
    assert (status, code) == (400, 20001)


def test_real_time_statistics_come_from_the_live_state(api: Api):
    """Tasks by status and priority, the longest waiting, Workers by Activity."""
    flow, queue, _ = routed(api)
    api.worker("Off", activity="Offline")
    reserved = api.task(flow)["sid"]
    api.fake.advance(10)
    waiting = api.post("/Tasks", WorkflowSid=flow, Priority=7)["sid"]
    api.fake.advance(5)
    figures = api.get(f"/TaskQueues/{queue}/RealTimeStatistics")
    assert figures["tasks_by_status"] == {"pending": 1, "reserved": 1, "assigned": 0, "wrapping": 0}
    assert figures["tasks_by_priority"] == {"0": 1, "7": 1}
    assert (figures["longest_task_waiting_sid"], figures["longest_task_waiting_age"]) == (
        reserved,
        15,
    )
    assert (figures["total_eligible_workers"], figures["total_available_workers"]) == (3, 1)
    workers = {a["friendly_name"]: a["workers"] for a in figures["activity_statistics"]}
    assert workers == {"Offline": 2, "Available": 1, "Unavailable": 0}
    workspace = api.get("/RealTimeStatistics")
    assert (workspace["total_tasks"], workspace["total_workers"]) == (2, 3)
    assert api.get(f"/Workflows/{flow}/RealTimeStatistics")["total_tasks"] == 2
    assert waiting


def test_cumulative_statistics_count_the_events_of_the_period(api: Api):
    """Counts, waits until accepted and canceled, split by wait time, over the period."""
    flow, queue, worker = routed(api)
    quick = api.task(flow)["sid"]
    api.fake.advance(4)
    api.answer(quick, "accepted")
    slow = api.task(flow)["sid"]  # waits: the Worker's one unit of capacity is in use
    api.fake.advance(20)
    api.post(f"/Tasks/{slow}", AssignmentStatus="canceled", Reason="gave up")
    figures = api.get("/CumulativeStatistics", SplitByWaitTime="10")
    expected: dict[str, Any] = {
        "tasks_created": 2,
        "tasks_canceled": 1,
        "reservations_created": 1,
        "reservations_accepted": 1,
        "avg_task_acceptance_time": 4,
        "wait_duration_until_accepted": {"avg": 4, "min": 4, "max": 4, "total": 4},
        "wait_duration_until_canceled": {"avg": 20, "min": 20, "max": 20, "total": 20},
        "split_by_wait_time": {
            "10": {
                "above": {"tasks_canceled": 1, "reservations_accepted": 0},
                "below": {"tasks_canceled": 0, "reservations_accepted": 1},
            }
        },
    }
    assert {name: figures[name] for name in expected} == expected
    later = api.get("/CumulativeStatistics", StartDate="2026-11-23T09:00:05Z")
    assert (later["tasks_created"], later["start_time"]) == (1, "2026-11-23T09:00:05Z")
    in_queue = api.get(f"/TaskQueues/{queue}/CumulativeStatistics")
    assert (in_queue["tasks_entered"], in_queue["reservations_accepted"]) == (2, 1)
    workers = api.get(f"/Workers/{worker}/Statistics")["cumulative"]
    assert (workers["reservations_created"], workers["reservations_accepted"]) == (1, 1)


def test_activity_durations_add_up_each_workers_time(api: Api):
    """Seconds spent in each Activity over the period (docs/testing.md: approximate)."""
    worker = api.worker("Lou", activity="Offline")
    api.fake.advance(60)
    api.set_activity(worker, "Available")
    api.fake.advance(30)
    durations = api.get("/Workers/CumulativeStatistics", Minutes=5)["activity_durations"]
    spent = {d["friendly_name"]: d["total"] for d in durations}
    assert spent["Available"] == 30
    assert spent["Offline"] >= 60  # Lou's minute, and the default Worker's five


def test_a_task_entering_one_queue_twice_counts_once(api: Api):
    """Two steps on one queue: ``tasks_entered`` counts the Task, not the entries."""
    queue = api.queue("Q", "x == 1")
    flow = api.workflow(
        {
            "filters": [
                {
                    "expression": "1==1",
                    "targets": [{"queue": queue, "timeout": 5}, {"queue": queue}],
                }
            ]
        }
    )
    task = api.task(flow)["sid"]
    api.fake.advance(5)
    assert api.events(TaskSid=task, EventType="task-queue.entered") == ["task-queue.entered"] * 2
    assert api.get(f"/TaskQueues/{queue}/CumulativeStatistics")["tasks_entered"] == 1
