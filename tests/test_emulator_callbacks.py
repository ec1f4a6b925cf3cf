"""The emulator's callbacks: assignment callbacks answered with instructions, event
callbacks, signatures, retries, and delivery that never holds up a request."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from taskrouter_client import webhooks
from taskrouter_client.testing import CallbackRequest, FakeTaskRouter
from tests.emulator_api import Api

ASSIGN = "https://app.example.com/assignment?tenant=7"
EVENTS = "https://app.example.com/events"
ASSIGNMENT_FIELDS = {
    "Timestamp",
    "AccountSid",
    "WorkspaceSid",
    "WorkflowSid",
    "TaskQueueSid",
    "WorkerSid",
    "WorkerAttributes",
    "TaskSid",
    "TaskAttributes",
    "TaskAge",
    "TaskPriority",
    "ReservationSid",
}


class Recorder:
    """An in-process app: records each request and answers with the next canned answer."""

    def __init__(self, *answers: Any) -> None:
        self.requests: list[CallbackRequest] = []
        self.answers = list(answers)

    def __call__(self, request: CallbackRequest) -> Any:
        self.requests.append(request)
        answer = self.answers.pop(0) if self.answers else None
        if isinstance(answer, Exception):
            raise answer
        return answer


def assigning(api: Api, app: Any, workers: int = 1, **more: Any) -> str:
    """A Workflow whose assignment callback is ``app``; ``workers`` available Workers."""
    api.fake.mount(ASSIGN, app)
    flow = api.workflow(
        {"default_filter": {"queue": api.queue("Q")}}, AssignmentCallbackUrl=ASSIGN, **more
    )
    for n in range(workers):
        api.fake.advance(1)
        api.worker(f"Agent{n}", contact_uri=f"client:agent{n}")
    return flow


def test_an_assignment_callback_is_twilios_signed_form(api: Api):
    """The twelve documented parameters, form-encoded, signed with the auth token."""
    app = Recorder()
    flow = assigning(api, app)
    task = api.task(flow, type="chat")
    assert app.requests == []  # owed, not made during the request
    (delivery,) = api.fake.deliver()
    (request,) = app.requests
    assert set(request.form) == ASSIGNMENT_FIELDS
    assert request.url == ASSIGN
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    signature = request.headers[webhooks.SIGNATURE_HEADER]
    assert webhooks.validate_signature(api.fake.auth_token, ASSIGN, request.form, signature)
    assert webhooks.validate_request(
        api.fake.auth_token, "POST", ASSIGN, request.headers, request.body
    )
    assert not webhooks.validate_signature("another-token", ASSIGN, request.form, signature)
    callback = webhooks.AssignmentCallback.from_form(request.form)
    (reservation,) = api.reservations(task["sid"])
    assert (callback.task_sid, callback.reservation_sid) == (task["sid"], reservation["sid"])
    assert callback.task_attributes == {"type": "chat"}
    assert callback.worker_attributes == {"contact_uri": "client:agent0"}
    assert (delivery.kind, delivery.subject, delivery.outcome) == (
        "assignment",
        reservation["sid"],
        "pending",
    )


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        (webhooks.accept(), "accepted"),
        (webhooks.reject(), "rejected"),
        (webhooks.dequeue(from_="+15550001111", to="client:agent0"), "accepted"),
        (webhooks.call(from_="+15550001111", url="https://example.com/t", accept=True), "accepted"),
        (webhooks.call(from_="+15550001111", url="https://example.com/t"), "pending"),
        (
            webhooks.redirect(call_sid="CA" + "1" * 32, url="https://example.com/r", accept=True),
            "accepted",
        ),
        (webhooks.conference(from_="+15550001111", end_conference_on_exit=True), "accepted"),
        ({}, "pending"),
        (None, "pending"),
    ],
    ids=lambda value: json.dumps(value) if not isinstance(value, str) else value,
)
def test_the_instruction_builders_answers_are_carried_out(api: Api, answer, status):
    """Each builder's JSON does what the REST update would; ``{}`` leaves it pending."""
    flow = assigning(api, Recorder(answer))
    task = api.task(flow)["sid"]
    (delivery,) = api.fake.deliver()
    (reservation, *_) = api.reservations(task)
    assert reservation["reservation_status"] == status
    assert delivery.outcome == status
    expected_task = {"accepted": "assigned", "rejected": "pending", "pending": "reserved"}
    assert api.status(task) == expected_task[status]


def test_a_rejecting_app_is_asked_about_the_next_worker(api: Api):
    """The answer is applied before the next callback: a reject offers the next Worker,
    whose callback the same ``deliver()`` makes."""
    app = Recorder(webhooks.reject(), webhooks.accept())
    flow = assigning(api, app, workers=2)
    task = api.task(flow)["sid"]
    outcomes = [d.outcome for d in api.fake.deliver()]
    assert outcomes == ["rejected", "accepted"]
    workers = [r.form["WorkerSid"] for r in app.requests]
    assert len(set(workers)) == 2
    assert api.status(task) == "assigned"


@pytest.mark.parametrize(
    ("reply", "outcome"),
    [
        (httpx.Response(200, text='{"instruction": "accept"}'), "40000"),
        (httpx.Response(200, json="not an object"), "40005"),
        (
            httpx.Response(200, content=b"{oops", headers={"Content-Type": "application/json"}),
            "40001",
        ),
        (httpx.Response(200, json={"note": "later"}), "40005"),
        (httpx.Response(200, json={"instruction": "teleport"}), "55555"),
        (httpx.Response(204), "pending"),
        (httpx.Response(200, json={"instruction": "dequeue", "to": "client:x"}), "refused"),
    ],
)
def test_answers_that_are_not_instructions_leave_it_pending(api: Api, reply, outcome):
    """Twilio's warning codes are recorded; the Reservation waits (EC-27)."""
    flow = assigning(api, Recorder(reply))
    task = api.task(flow)["sid"]
    (delivery,) = api.fake.deliver()
    assert outcome in (delivery.outcome or "")
    assert api.status(task) == "reserved"


def test_a_failing_app_falls_back_then_is_recorded_and_the_reservation_times_out(api: Api):
    """Primary fails, then the fallback URL; both failing leaves the Reservation to time out.
    The API call that caused it never noticed."""
    fallback = Recorder(httpx.Response(500))
    api.fake.mount("https://backup.example.com/assign", fallback)
    flow = assigning(
        api,
        Recorder(RuntimeError("app down")),
        FallbackAssignmentCallbackUrl="https://backup.example.com/assign",
        TaskReservationTimeout=30,
    )
    task = api.task(flow)["sid"]
    assert api.status(task) == "reserved"
    (delivery,) = api.fake.deliver()
    assert not delivery.delivered
    assert [(a.url, a.status) for a in delivery.attempts] == [
        (ASSIGN, None),
        ("https://backup.example.com/assign", 500),
    ]
    assert "RuntimeError" in (delivery.attempts[0].error or "")
    assert delivery.outcome == "pending: no answer"
    api.fake.advance(30)
    assert [r["reservation_status"] for r in api.reservations(task)] == ["timeout"]


@pytest.mark.anyio
async def test_an_async_app_answers_in_the_callers_event_loop(api: Api):
    """``await fake.adeliver()`` runs an async handler in the running loop."""
    loops: list[asyncio.AbstractEventLoop] = []

    async def app(request: CallbackRequest) -> dict[str, Any]:
        loops.append(asyncio.get_running_loop())
        await asyncio.sleep(0)
        return webhooks.accept()

    flow = assigning(api, app)
    task = api.task(flow)["sid"]
    (delivery,) = await api.fake.adeliver()
    assert (delivery.outcome, loops) == ("accepted", [asyncio.get_running_loop()])
    assert api.status(task) == "assigned"


def test_an_async_app_also_answers_deliver(api: Api):
    """The sync ``deliver()`` runs an async handler to completion too."""

    async def app(request: CallbackRequest) -> dict[str, Any]:
        return webhooks.accept()

    flow = assigning(api, app)
    task = api.task(flow)["sid"]
    assert [d.outcome for d in api.fake.deliver()] == ["accepted"]
    assert api.status(task) == "assigned"


# -- event callbacks ----------------------------------------------------------------------


def test_event_callbacks_follow_the_events_filter(api: Api):
    """Each Event the filter names is posted, signed, in order; ListEvent keeps them all."""
    app = Recorder()
    api.fake.mount(EVENTS, app)
    api.post(
        api.workspace,
        EventCallbackUrl=EVENTS,
        EventsFilter="task.created, reservation.created",
    )
    api.worker("Oli")
    flow = api.workflow({"default_filter": {"queue": api.queue("Q")}})
    task = api.task(flow)["sid"]
    deliveries = api.fake.deliver()
    assert [r.form["EventType"] for r in app.requests] == ["task.created", "reservation.created"]
    for request in app.requests:
        callback = webhooks.EventCallback.from_form(request.form)
        assert (callback.task_sid, callback.workspace_sid) == (task, api.fake.workspace_sid)
        assert webhooks.validate_request(
            api.fake.auth_token, "POST", EVENTS, request.headers, request.body
        )
    assert [d.subject for d in deliveries] == [r.form["Sid"] for r in app.requests]
    assert len(api.events()) > 2


def test_an_event_callback_is_retried_once_when_no_answer_came(api: Api):
    """No answer at all: one retry. An error status: no retry (EC-25)."""
    app = Recorder(ConnectionError("refused"), None, httpx.Response(503))
    api.fake.mount(EVENTS, app)
    api.post(api.workspace, EventCallbackUrl=EVENTS, EventsFilter="worker.created")
    api.worker("One")
    api.worker("Two")
    first, second = api.fake.deliver()
    assert [a.status for a in first.attempts] == [None, 200]
    assert first.delivered
    assert ([a.status for a in second.attempts], second.delivered) == ([503], False)


# -- delivery over HTTP, and in the background --------------------------------------------


@contextmanager
def app_server(
    answer: dict[str, Any],
) -> Iterator[tuple[str, list[tuple[str, dict[str, str], bytes]]]]:
    """A real HTTP app on loopback answering ``answer``; yields its URL and what it got."""
    received: list[tuple[str, dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's naming
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.path, dict(self.headers.items()), body))
            payload = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


def test_a_served_emulator_posts_to_a_real_app(api: Api):
    """Over HTTP: the app gets the signed form and its accept is carried out."""
    with app_server(webhooks.accept()) as (base, received):
        url = f"{base}/assign#rc=2"  # a connection-override fragment is never sent or signed
        flow = api.workflow(
            {"default_filter": {"queue": api.queue("Q")}}, AssignmentCallbackUrl=url
        )
        api.worker("Pia")
        task = api.task(flow)["sid"]
        (delivery,) = api.fake.deliver()
    (path, headers, body) = received[0]
    form = dict(parse_qsl(body.decode()))
    assert (path, set(form)) == ("/assign", ASSIGNMENT_FIELDS)
    assert webhooks.validate_request(api.fake.auth_token, "POST", f"{base}/assign", headers, body)
    assert (delivery.outcome, api.status(task)) == ("accepted", "assigned")


def test_background_delivery_never_holds_up_a_request(api: Api):
    """With ``delivering()``, a slow app answers while requests go on being answered."""
    release = threading.Event()

    def slow(request: CallbackRequest) -> dict[str, Any]:
        release.wait(10)
        return webhooks.accept()

    flow = assigning(api, slow)
    with api.fake.delivering():
        task = api.task(flow)["sid"]
        for _ in range(3):
            assert api.status(task) == "reserved"  # the app has not answered yet
        release.set()
        (delivery,) = api.fake.deliver()  # waits for the background thread to catch up
    assert delivery.outcome == "accepted"
    assert api.status(task) == "assigned"


def test_the_served_command_delivers_in_the_background():
    """``fake.serve()`` with ``delivering()``: callbacks reach an app with no test driving."""
    fake = FakeTaskRouter()
    seen = threading.Event()

    def app(request: CallbackRequest) -> dict[str, Any]:
        seen.set()
        return webhooks.accept()

    fake.mount(ASSIGN, app)
    with (
        fake.serve() as base_url,
        fake.delivering(),
        httpx.Client(
            base_url=f"{base_url}/v1/Workspaces/{fake.workspace_sid}",
            auth=(fake.account_sid, fake.auth_token),
        ) as http,
    ):
        http.post(f"/Workflows/{fake.workflow_sid}", data={"AssignmentCallbackUrl": ASSIGN})
        available = http.get("/Activities", params={"FriendlyName": "Available"}).json()
        http.post(
            f"/Workers/{fake.worker_sid}", data={"ActivitySid": available["activities"][0]["sid"]}
        )
        task = http.post("/Tasks", data={"Attributes": "{}"}).json()
        assert seen.wait(10)
        fake.deliver()
        assert http.get(f"/Tasks/{task['sid']}").json()["assignment_status"] == "assigned"
