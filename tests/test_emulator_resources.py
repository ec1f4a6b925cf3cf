"""The emulator's resources at the HTTP level: what a new Workspace holds, and what
TaskRouter refuses (deleting what is in use, bad input the SDK would not even send).
(tests/test_emulator.py tours all 61 operations through the SDK.)
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.emulator_api import Api

# -- what a Workspace starts with ---------------------------------------------------------


def test_a_new_workspace_starts_as_twilios_does(api: Api):
    """Offline (the default and timeout Activity), Available, Unavailable; five channels."""
    made = api.post("https://taskrouter.twilio.com/v1/Workspaces", FriendlyName="Fresh")
    assert made["default_activity_name"] == made["timeout_activity_name"] == "Offline"
    assert made["multi_task_enabled"] is True
    root = f"https://taskrouter.twilio.com/v1/Workspaces/{made['sid']}"
    activities = api.get(f"{root}/Activities")["activities"]
    assert [(a["friendly_name"], a["available"]) for a in activities] == [
        ("Offline", False),
        ("Available", True),
        ("Unavailable", False),
    ]
    channels = api.get(f"{root}/TaskChannels")["channels"]
    assert [c["unique_name"] for c in channels] == ["default", "voice", "chat", "sms", "video"]
    for kind in ("TaskQueues", "Workflows", "Workers"):
        assert api.get(f"{root}/{kind}")["meta"]["key"] in api.get(f"{root}/{kind}")
    assert api.get(f"{root}/Workers")["workers"] == []


def test_the_fifo_template_adds_a_queue_and_a_workflow(api: Api):
    """``Template=FIFO``: a queue for everyone and a Workflow routing to it."""
    made = api.post(
        "https://taskrouter.twilio.com/v1/Workspaces", FriendlyName="Fifo", Template="FIFO"
    )
    root = f"https://taskrouter.twilio.com/v1/Workspaces/{made['sid']}"
    (queue,) = api.get(f"{root}/TaskQueues")["task_queues"]
    (flow,) = api.get(f"{root}/Workflows")["workflows"]
    assert (queue["friendly_name"], queue["target_workers"]) == ("Sample Queue", "1==1")
    assert json.loads(flow["configuration"]) == {
        "task_routing": {"default_filter": {"queue": queue["sid"]}}
    }


def test_workers_get_a_channel_per_task_channel(api: Api):
    """A Worker has one channel per TaskChannel, capacity 1; a new TaskChannel adds one."""
    worker = api.worker("Noor")
    api.post("/TaskChannels", FriendlyName="Email", UniqueName="email")
    channels = api.get(f"/Workers/{worker}/Channels")["channels"]
    assert [(c["task_channel_unique_name"], c["configured_capacity"]) for c in channels] == [
        (name, 1) for name in ("default", "voice", "chat", "sms", "video", "email")
    ]
    assert all(c["available_capacity_percentage"] == 100 for c in channels)


# -- what TaskRouter refuses --------------------------------------------------------------


def test_deleting_what_is_in_use_is_refused(api: Api):
    """An Activity a Worker holds, a queue a Workflow routes to, a Workflow or TaskChannel
    a waiting Task uses, a Worker holding a Reservation: 400, error 20001."""
    queue = api.queue("Q")
    flow = api.workflow({"default_filter": {"queue": queue}})
    worker = api.worker("Uma")
    task = api.post("/Tasks", WorkflowSid=flow, TaskChannel="chat")["sid"]
    in_use = [
        f"/Activities/{api.activity('Available')}",
        f"/Activities/{api.activity('Offline')}",
        f"/TaskQueues/{queue}",
        f"/Workflows/{flow}",
        "/TaskChannels/chat",
        f"/Workers/{worker}",
    ]
    for path in in_use:
        assert api.refused("DELETE", path)[:2] == (400, 20001), path
    api.answer(task, "rejected")
    api.post(f"/Tasks/{task}", AssignmentStatus="canceled", Reason="test")
    api.delete(f"/Workers/{worker}")
    api.delete(f"/Workflows/{flow}")
    api.delete(f"/TaskQueues/{queue}")


@pytest.mark.parametrize(
    ("path", "form", "says"),
    [
        ("/TaskQueues", {"FriendlyName": "Q", "TargetWorkers": "skill-level > 3"}, "expression"),
        (
            "/TaskQueues",
            {"FriendlyName": "Q", "ReservationActivitySid": "WA" + "0" * 32},
            "Activity",
        ),
        ("/TaskQueues", {"FriendlyName": "Q", "MaxReservedWorkers": "51"}, "between 1 and 50"),
        ("/TaskQueues", {"TargetWorkers": "1==1"}, "FriendlyName"),
        ("/Workers", {"FriendlyName": "W", "ActivitySid": "WA" + "0" * 32}, "Activity"),
        ("/Workers", {"FriendlyName": "W", "Attributes": "[1]"}, "JSON object"),
        ("/Workers", {"FriendlyName": "alice"}, "same friendly name"),
        ("/Workflows", {"FriendlyName": "F", "Configuration": "{not json"}, "JSON"),
        ("/Workflows", {"FriendlyName": "F", "Configuration": "{}"}, "task_routing"),
        ("/Activities", {"FriendlyName": "offline"}, "already exists"),
        ("/TaskChannels", {"FriendlyName": "E-mail", "UniqueName": "e-mail"}, "hyphens"),
        ("/TaskChannels", {"FriendlyName": "Voice", "UniqueName": "voice"}, "already exists"),
    ],
)
def test_bad_input_is_refused_with_twilios_error_shape(api: Api, path, form, says):
    """An unparseable expression or configuration, an unknown Activity, a duplicate name."""
    status, code, message = api.refused("POST", path, **form)
    assert (status, code) == (400, 20001)
    assert says in message


@pytest.mark.parametrize(
    ("routing", "where"),
    [
        ({"filters": [{"expression": "1==1", "targets": []}]}, "filters[0].targets"),
        ({"default_filter": {"queue": "WQ" + "0" * 32}}, "default_filter.queue"),
        ({"default_filter": {"queue": "Q", "timeout": 10}}, "default_filter.timeout"),
        # what the SDK checks before sending, the emulator refuses too
        ({"filters": [{"expression": "a ==", "targets": [{"queue": "Q"}]}]}, "expression"),
        ({"default_filter": {"queue": "Q", "priority": "high"}}, "default_filter.priority"),
        ({"default_filter": {"queue": "Q", "order_by": "worker.level UP"}}, "order_by"),
        ({"default_filter": {"queue": "Q", "skip_if": "workers.available =="}}, "skip_if"),
        ({"filters": {"expression": "1==1"}}, "task_routing.filters"),
        (
            {
                "default_filter": {
                    "queue": "Q",
                    "known_worker_sid": "a",
                    "known_worker_friendly_name": "b",
                }
            },
            "not both",
        ),
    ],
)
def test_a_workflow_configuration_is_checked_whole(api: Api, routing, where):
    """Each fault in a configuration is a 400 naming where it is (EC-1)."""
    queue = api.queue("Q")
    text = json.dumps({"task_routing": routing}).replace('"Q"', json.dumps(queue))
    status, code, message = api.refused("POST", "/Workflows", FriendlyName="F", Configuration=text)
    assert (status, code) == (400, 20001)
    assert where in message
    assert api.get("/Workflows", FriendlyName="F")["workflows"] == []


def test_keys_nobody_documents_are_ignored(api: Api):
    """A target key Twilio may add is kept in the configuration and ignored by routing."""
    queue = api.queue("Q")
    flow = api.workflow({"default_filter": {"queue": queue, "sideways": 1}})
    assert json.loads(api.get(f"/Workflows/{flow}")["configuration"])["task_routing"] == {
        "default_filter": {"queue": queue, "sideways": 1}
    }
    api.worker("Ola")
    assert api.offered_to(api.task(flow)["sid"]) == ["Ola"]


def test_a_configuration_may_write_numbers_as_digits(api: Api):
    """``"timeout": "30"`` is 30, as Twilio's examples sometimes write it (EC-1)."""
    queue = api.queue("Q", "x == 1")
    steps = [{"queue": queue, "timeout": "30", "priority": "4"}, {"queue": queue}]
    flow = api.workflow({"filters": [{"expression": "1==1", "targets": steps}]})
    task = api.task(flow)["sid"]
    assert api.get(f"/Tasks/{task}")["priority"] == 4
    api.fake.advance(30)
    assert api.events(TaskSid=task).count("task-queue.timeout") == 1


def test_an_empty_target_workers_matches_no_worker(api: Api):
    """An empty ``TargetWorkers``: Tasks wait in the queue (Twilio's words)."""
    flow = api.workflow({"default_filter": {"queue": api.queue("Nobody", "")}})
    api.worker("Hal")
    assert api.offered_to(api.task(flow)["sid"]) == []


def test_a_refused_worker_update_changes_nothing(api: Api):
    """An update refused on its last parameter leaves the Worker (and its ETag) as it was."""
    worker = api.worker("Vic", skills=["a"])
    before = api.http.get(f"/Workers/{worker}")
    status, _, message = api.refused(
        "POST",
        f"/Workers/{worker}",
        FriendlyName="Victor",
        ActivitySid=api.activity("Offline"),
        Attributes="not json",
    )
    assert status == 400
    assert "Attributes" in message
    after = api.http.get(f"/Workers/{worker}")
    assert after.json() == before.json()
    assert after.headers["ETag"] == before.headers["ETag"]


def test_reject_pending_reservations_needs_an_unavailable_activity(api: Api):
    """With an available Activity it is refused; with an unavailable one it rejects them."""
    flow = api.workflow({"default_filter": {"queue": api.queue("Q")}})
    worker = api.worker("Wes")
    task = api.task(flow)["sid"]
    refused = api.refused(
        "POST",
        f"/Workers/{worker}",
        ActivitySid=api.activity("Available"),
        RejectPendingReservations="true",
    )
    assert refused[:2] == (400, 20001)
    api.set_activity(worker, "Unavailable", RejectPendingReservations="true")
    assert [r["reservation_status"] for r in api.reservations(task)] == ["rejected"]
    assert api.status(task) == "pending"


def test_update_activity_keeps_its_availability(api: Api):
    """``Available`` cannot change after creation: UpdateActivity ignores it (EC-12)."""
    sid = api.post("/Activities", FriendlyName="Break", Available="false")["sid"]
    updated = api.post(f"/Activities/{sid}", FriendlyName="Coffee", Available="true")
    assert (updated["friendly_name"], updated["available"]) == ("Coffee", False)


def test_list_filters_of_workers_and_queues(api: Api):
    """ListWorker by Activity, availability, expression and queue; ListTaskQueue by Worker."""
    sales = api.queue("Sales", "skills HAS 'sales'")
    api.queue("Support", "skills HAS 'support'")
    api.fake.advance(1)
    seller = api.worker("Sel", skills=["sales"])
    api.fake.advance(1)
    api.worker("Sup", activity="Offline", skills=["support"])

    def names(**query: Any) -> list[str]:
        return [w["friendly_name"] for w in api.get("/Workers", **query)["workers"]]

    assert names(Available="true") == ["Sel"]
    assert names(ActivityName="Offline") == ["Alice", "Sup"]
    assert names(TargetWorkersExpression="skills HAS 'support'") == ["Sup"]
    assert names(TaskQueueSid=sales) == ["Sel"]
    assert names(TaskQueueName="Support") == ["Sup"]
    assert names(Ordering="DateCreated:desc")[0] == "Sup"
    queues = api.get("/TaskQueues", WorkerSid=seller)["task_queues"]
    assert [q["friendly_name"] for q in queues] == ["Default Queue", "Sales"]
    queues = api.get("/TaskQueues", EvaluateWorkerAttributes="skills HAS 'support'")["task_queues"]
    assert [q["friendly_name"] for q in queues] == ["Default Queue", "Support"]
