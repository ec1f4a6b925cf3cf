"""The emulator's rarer rules at the HTTP level: single-tasking Activities, post-work
Activities, Tasks put straight in a queue, what each operation refuses, Event retention."""

from __future__ import annotations

import json

import pytest

from taskrouter_client import webhooks
from taskrouter_client.testing import CallbackRequest
from tests.emulator_api import Api


def test_single_tasking_moves_workers_through_the_queues_activities(api: Api):
    """Without multitasking, an offer puts the Worker in the queue's reservation Activity,
    accepting in its assignment Activity; completing leaves it there."""
    api.post(api.workspace, MultiTaskEnabled="false")
    reserved = api.post("/Activities", FriendlyName="Reserved", Available="false")["sid"]
    busy = api.post("/Activities", FriendlyName="Busy", Available="false")["sid"]
    queue = api.queue("Q", ReservationActivitySid=reserved, AssignmentActivitySid=busy)
    links = api.get(f"/TaskQueues/{queue}")["links"]
    assert links["reservation_activity"].endswith(reserved)
    flow = api.workflow({"default_filter": {"queue": queue}})
    worker = api.worker("Yan")
    task = api.task(flow)["sid"]
    assert api.get(f"/Workers/{worker}")["activity_name"] == "Reserved"
    api.answer(task, "accepted")
    assert api.get(f"/Workers/{worker}")["activity_name"] == "Busy"
    api.post(f"/Tasks/{task}", AssignmentStatus="completed", Reason="done")
    assert api.get(f"/Workers/{worker}")["activity_name"] == "Busy"


def test_a_post_work_activity_moves_the_worker_when_the_task_completes(api: Api):
    """``DequeuePostWorkActivitySid`` takes effect at completion; an unknown one is a 400."""
    flow = api.workflow({"default_filter": {"queue": api.queue("Q")}})
    worker = api.worker("Zed")
    task = api.task(flow)["sid"]
    (offer,) = api.reservations(task)
    path = f"/Tasks/{task}/Reservations/{offer['sid']}"
    bad = api.refused(
        "POST",
        path,
        Instruction="dequeue",
        DequeueFrom="+1",
        DequeuePostWorkActivitySid="WA" + "0" * 32,
    )
    assert bad[:2] == (400, 20001)
    unavailable = api.activity("Unavailable")
    api.post(path, Instruction="dequeue", DequeueFrom="+1", DequeuePostWorkActivitySid=unavailable)
    assert api.get(f"/Workers/{worker}")["activity_name"] == "Available"
    api.post(f"/Tasks/{task}", AssignmentStatus="completed", Reason="done")
    assert api.get(f"/Workers/{worker}")["activity_name"] == "Unavailable"


def test_a_task_given_a_queue_waits_there(api: Api):
    """``TaskQueueSid`` on create: straight into that queue, whatever the Workflow says;
    that queue cannot be deleted while the Task waits in it."""
    side = api.queue("Side", "x == 1")
    task = api.post("/Tasks", WorkflowSid=api.fake.workflow_sid, TaskQueueSid=side)
    assert task["task_queue_sid"] == side
    api.fake.advance(3600)
    assert api.get(f"/Tasks/{task['sid']}")["task_queue_sid"] == side
    assert api.refused("DELETE", f"/TaskQueues/{side}")[:2] == (400, 20001)


def test_skipping_past_a_filters_last_step_tries_the_later_filters(api: Api):
    """A skip off a filter's end goes to the next filter that matches; with none left, the
    Task stays in its step."""
    nobody, someone = api.queue("Nobody", "x == 1"), api.queue("Someone")
    skip = {"queue": nobody, "skip_if": "workers.available == 0"}
    flow = api.workflow(
        {
            "filters": [
                {"expression": "1 == 1", "targets": [skip]},
                {"expression": "route == 'on'", "targets": [{"queue": someone}]},
            ]
        }
    )
    api.worker("Ada")
    onward = api.task(flow, route="on")["sid"]
    stuck = api.task(flow, route="off")["sid"]
    assert (api.offered_to(onward), api.get(f"/Tasks/{stuck}")["task_queue_sid"]) == (
        ["Ada"],
        nobody,
    )


def test_a_time_of_day_filter_reads_the_emulators_clock(api: Api):
    """``taskrouter.dayOfWeek`` and ``taskrouter.currentTime`` (UTC) in a filter."""
    day, night = api.queue("Day"), api.queue("Night")
    flow = api.workflow(
        {
            "filters": [
                {
                    "expression": "taskrouter.dayOfWeek == 'Mon' AND taskrouter.currentTime < 1700",
                    "targets": [{"queue": day}],
                }
            ],
            "default_filter": {"queue": night},
        }
    )
    assert api.task(flow)["task_queue_sid"] == day  # Monday 23 November 2026, 09:00
    api.fake.advance(9 * 3600)
    assert api.task(flow)["task_queue_sid"] == night


@pytest.mark.parametrize(
    ("method", "path", "form", "expected"),
    [
        ("POST", "/Tasks", {"Attributes": "{}"}, (400, 20001)),  # two Workflows: which?
        ("POST", "/Tasks/{task}", {"AssignmentStatus": "lost"}, (400, 20001)),
        ("POST", "/Tasks/{task}/Reservations/{res}", {"Instruction": "supervise"}, (400, 20001)),
        # an instruction without what it needs: the code of Twilio's error for that field
        ("POST", "/Tasks/{task}/Reservations/{res}", {"Instruction": "dequeue"}, (400, 40132)),
        (
            "POST",
            "/Tasks/{task}/Reservations/{res}",
            {"Instruction": "call", "CallUrl": "https://example.com/a.xml"},
            (400, 40111),
        ),
        (
            "POST",
            "/Tasks/{task}/Reservations/{res}",
            {"Instruction": "call", "CallFrom": "+15550001111"},
            (400, 40112),
        ),
        (
            "POST",
            "/Tasks/{task}/Reservations/{res}",
            {"Instruction": "redirect", "RedirectUrl": "https://example.com/a.xml"},
            (400, 40121),
        ),
        (
            "POST",
            "/Tasks/{task}/Reservations/{res}",
            {"Instruction": "redirect", "RedirectCallSid": "CA" + "1" * 32},
            (400, 40120),
        ),
        ("GET", "/Workers/WK" + "0" * 32, {}, (404, 20404)),
        ("GET", "/Workers/WK" + "0" * 32 + "/Reservations", {}, (404, 20404)),
        ("GET", "/Workers/{worker}/Channels/fax", {}, (404, 20404)),
        ("GET", "/TaskChannels/fax", {}, (404, 20404)),
        ("GET", "/Activities/WA" + "0" * 32, {}, (404, 20404)),
        ("POST", "/Activities/{available}", {"FriendlyName": "offline"}, (400, 20001)),
        ("POST", "/TaskChannels/chat", {"FriendlyName": "Web-chat"}, (400, 20001)),
        ("POST", "/TaskQueues", {"FriendlyName": "Q", "TaskOrder": "RANDOM"}, (400, 20001)),
        ("POST", "/Workflows/{flow}", {"AssignmentCallbackUrl": "ftp://x"}, (400, 20001)),
        ("GET", "/CumulativeStatistics?SplitByWaitTime=5,ten", {}, (400, 20001)),
        ("GET", "/RealTimeStatistics?TaskChannel=fax", {}, (400, 20404)),
        ("POST", "/_emulator/Clock", {"AdvanceSeconds": "soon"}, (400, 20001)),
    ],
)
def test_what_each_operation_refuses(api: Api, method, path, form, expected):
    """Unknown records are 404; bad values 400 with Twilio's error body."""
    api.workflow({"default_filter": {"queue": api.queue("Q")}})
    api.worker("Bea")
    task = api.task(api.fake.workflow_sid)["sid"]
    (offer,) = api.reservations(task)
    path = path.format(
        task=task,
        res=offer["sid"],
        worker=api.fake.worker_sid,
        available=api.activity("Available"),
        flow=api.fake.workflow_sid,
    )
    if path.startswith("/_emulator"):
        path = f"https://taskrouter.twilio.com{path}"
    assert api.refused(method, path, **form)[:2] == expected


def test_forcing_an_offer_needs_a_pending_task_and_a_worker(api: Api):
    """``fake.reserve()`` refuses a Task already reserved, and an unknown Worker."""
    from taskrouter_client.testing._records import EmulatorError  # noqa: PLC0415

    task = api.task(api.fake.workflow_sid)["sid"]
    with pytest.raises(EmulatorError, match="not found"):
        api.fake.reserve(task, "WK" + "0" * 32)
    api.fake.reserve(task)
    with pytest.raises(EmulatorError, match="not pending"):
        api.fake.reserve(task)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"queueSids": []}, 400),
        ({"queueSids": "WQ"}, 400),
        (None, 200),
    ],
)
def test_bulk_real_time_statistics_take_one_to_fifty_queues(api: Api, body, expected):
    """JSON ``{"queueSids": [...]}`` (or the form's ``QueueSids``); unknown SIDs are left out."""
    queue = api.queue("Q")
    if body is None:
        response = api.http.post(
            "/TaskQueues/RealTimeStatistics", data={"QueueSids": [queue, "WQ" + "0" * 32]}
        )
        assert response.json()["task_queue_response_count"] == 1
    else:
        response = api.http.post("/TaskQueues/RealTimeStatistics", json=body)
    assert response.status_code == expected


def test_events_older_than_thirty_days_are_dropped(api: Api):
    """Twilio keeps Events 30 days; so does the emulator's clock."""
    worker = api.worker("Cy")
    api.fake.advance(31 * 24 * 3600)
    api.post(f"/Workers/{worker}", Attributes={"shift": "late"})
    ws = api.fake._store.workspaces[api.fake.workspace_sid]
    assert [e.event_type for e in ws.events.values()] == ["worker.attributes.update"]


def test_an_answer_for_a_reservation_gone_is_ignored(api: Api):
    """The Task was deleted between the offer and the app's answer."""
    api.fake.mount("https://app.example.com/a", lambda _request: webhooks.accept())
    flow = api.workflow(
        {"default_filter": {"queue": api.queue("Q")}},
        AssignmentCallbackUrl="https://app.example.com/a",
    )
    api.worker("Dee")
    task = api.task(flow)["sid"]
    api.delete(f"/Tasks/{task}")
    assert [d.outcome for d in api.fake.deliver()] == ["ignored: the Reservation is gone"]


def test_a_naive_virtual_start_time_is_utc(api: Api):
    """A date-time without a zone is read as UTC, the zone Twilio reports in."""
    task = api.post(
        "/Tasks", WorkflowSid=api.fake.workflow_sid, VirtualStartTime="2026-11-23T08:00:00"
    )
    assert task["virtual_start_time"] == "2026-11-23T08:00:00Z"


def test_an_app_may_answer_with_json_text(api: Api):
    """A mounted handler's ``str`` answer is JSON text."""
    url = api.fake.mount(
        "https://app.example.com/a", lambda _request: json.dumps(webhooks.accept())
    )
    flow = api.workflow({"default_filter": {"queue": api.queue("Q")}}, AssignmentCallbackUrl=url)
    api.worker("Eve")
    task = api.task(flow)["sid"]
    assert [d.outcome for d in api.fake.deliver()] == ["accepted"]
    assert api.status(task) == "assigned"


@pytest.mark.anyio
async def test_deliver_runs_an_async_app_inside_a_running_loop(api: Api):
    """Called from async code, the sync ``deliver()`` runs the coroutine in a thread."""

    async def app(request: CallbackRequest) -> dict[str, str | int | bool]:
        return webhooks.accept()

    url = api.fake.mount("https://app.example.com/a", app)
    flow = api.workflow({"default_filter": {"queue": api.queue("Q")}}, AssignmentCallbackUrl=url)
    api.worker("Fay")
    task = api.task(flow)["sid"]
    assert [d.outcome for d in api.fake.deliver()] == ["accepted"]
    assert api.status(task) == "assigned"


@pytest.mark.anyio
async def test_adeliver_posts_over_http_and_waits_for_background_delivery(api: Api):
    """Without a mounted app, ``adeliver()`` POSTs (here to nothing listening); with
    ``delivering()`` it waits for the background thread instead."""
    flow = api.workflow(
        {"default_filter": {"queue": api.queue("Q")}},
        AssignmentCallbackUrl="http://127.0.0.1:9/unreachable",
    )
    api.worker("Gus")
    task = api.task(flow)["sid"]
    (delivery,) = await api.fake.adeliver()
    assert (delivery.delivered, delivery.attempts[0].status) == (False, None)
    assert api.status(task) == "reserved"
    with api.fake.delivering():
        api.post(f"/Tasks/{task}", AssignmentStatus="canceled", Reason="test")
        assert await api.fake.adeliver() == []
    assert len(api.fake.deliveries) == 1


def test_a_post_work_activity_deleted_meanwhile_leaves_the_worker_be(api: Api):
    """The Activity named at accept time was deleted before completion: no move, no error."""
    flow = api.workflow({"default_filter": {"queue": api.queue("Q")}})
    worker = api.worker("Ike")
    later = api.post("/Activities", FriendlyName="Later", Available="false")["sid"]
    task = api.task(flow)["sid"]
    (offer,) = api.reservations(task)
    api.post(
        f"/Tasks/{task}/Reservations/{offer['sid']}",
        Instruction="conference",
        From="+1",
        PostWorkActivitySid=later,
    )
    api.delete(f"/Activities/{later}")
    api.post(f"/Tasks/{task}", AssignmentStatus="completed", Reason="done")
    assert api.get(f"/Workers/{worker}")["activity_name"] == "Available"


def test_a_deleted_workspace_calls_back_no_more(api: Api):
    """Its last callback is ``workspace.deleted``; what time does to its records after is
    never posted."""
    app_calls: list[str] = []
    url = api.fake.mount(
        "https://app.example.com/events",
        lambda request: app_calls.append(request.form["EventType"]),
    )
    made = api.post(
        "https://taskrouter.twilio.com/v1/Workspaces", FriendlyName="Gone", EventCallbackUrl=url
    )
    root = f"https://taskrouter.twilio.com/v1/Workspaces/{made['sid']}"
    queue = api.post(f"{root}/TaskQueues", FriendlyName="Q")["sid"]
    configuration = {"task_routing": {"default_filter": {"queue": queue}}}
    flow = api.post(f"{root}/Workflows", FriendlyName="F", Configuration=configuration)["sid"]
    api.post(f"{root}/Tasks", WorkflowSid=flow, Timeout=60)
    api.delete(root)
    api.fake.advance(61)
    api.fake.deliver()
    assert app_calls[-1] == "workspace.deleted"
    assert "task.canceled" not in app_calls


def test_a_deleted_workspace_offers_no_more_tasks(api: Api):
    """A Workflow step falling due after the Workspace was deleted would have offered the
    Task to a Worker: nothing happens, and no assignment callback is posted."""
    assignments: list[str] = []
    url = api.fake.mount(
        "https://app.example.com/assign",
        lambda request: assignments.append(request.form["TaskSid"]),
    )
    made = api.post("https://taskrouter.twilio.com/v1/Workspaces", FriendlyName="Gone")
    root = f"https://taskrouter.twilio.com/v1/Workspaces/{made['sid']}"
    (available,) = api.get(f"{root}/Activities", FriendlyName="Available")["activities"]
    api.post(f"{root}/Workers", FriendlyName="Ada", ActivitySid=available["sid"])
    nobody = api.post(f"{root}/TaskQueues", FriendlyName="Nobody", TargetWorkers="1==2")["sid"]
    everyone = api.post(f"{root}/TaskQueues", FriendlyName="Everyone", TargetWorkers="1==1")["sid"]
    steps = {"filter_friendly_name": "all", "expression": "1==1"} | {
        "targets": [{"queue": nobody, "timeout": 10}, {"queue": everyone}]
    }
    configuration = {"task_routing": {"filters": [steps]}}
    flow = api.post(
        f"{root}/Workflows",
        FriendlyName="F",
        Configuration=configuration,
        AssignmentCallbackUrl=url,
    )["sid"]
    api.post(f"{root}/Tasks", WorkflowSid=flow)
    api.delete(root)
    api.fake.advance(11)
    api.fake.deliver()
    assert assignments == []
