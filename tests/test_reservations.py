"""Task and Worker Reservations, on both clients: every operation and every instruction flow."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

import taskrouter_client as tr
from tests.conftest import WK, WR, WS, WT, collect, fixture_json, run

pytestmark = pytest.mark.anyio

TASK_RES = f"/v1/Workspaces/{WS}/Tasks/{WT}/Reservations"
WORKER_RES = f"/v1/Workspaces/{WS}/Workers/{WK}/Reservations"
WA = "WA" + "1" * 32
CA = "CA" + "2" * 32


def body(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = fixture_json("reservation__test_fetch_response")
    data.update(changes)
    return data


def form(request: httpx.Request) -> list[tuple[str, str]]:
    return sorted(parse_qsl(request.content.decode("ascii"), keep_blank_values=True))


def task_reservation(client: Any) -> Any:
    return client.workspaces(WS).tasks(WT).reservations(WR)


def worker_reservation(client: Any) -> Any:
    return client.workspaces(WS).workers(WK).reservations(WR)


PATHS = [
    pytest.param(task_reservation, f"{TASK_RES}/{WR}", tr.Reservation, id="task-path"),
    pytest.param(worker_reservation, f"{WORKER_RES}/{WR}", tr.WorkerReservation, id="worker-path"),
]


async def test_list_task_reservations_sends_filters_and_parses(client, mock):
    """ListTaskReservation: GET with ReservationStatus, WorkerSid and PageSize."""
    route = mock.get(TASK_RES).respond(
        200, json=fixture_json("reservation__test_read_full_response")
    )
    reservations = await collect(
        client.workspaces(WS)
        .tasks(WT)
        .reservations.list(reservation_status="pending", worker_sid=WK, page_size=5)
    )
    request = route.calls.last.request
    assert request.method == "GET"
    assert sorted(request.url.params.multi_items()) == [
        ("PageSize", "5"),
        ("ReservationStatus", "pending"),
        ("WorkerSid", WK),
    ]
    assert [type(r) for r in reservations] == [tr.Reservation]
    reservation = reservations[0]
    assert reservation.sid == "WR" + "a" * 32
    assert reservation.worker_name == "Doug"
    assert reservation.reservation_status is tr.ReservationStatus.ACCEPTED
    assert reservation.links is not None
    assert set(reservation.links) == {"task", "worker", "workspace"}


async def test_list_worker_reservations_sends_filters_and_parses(client, mock):
    """ListWorkerReservation: GET with ReservationStatus; items are WorkerReservations."""
    route = mock.get(WORKER_RES).respond(
        200,
        json={
            "reservations": [body(url=f"https://taskrouter.twilio.com{WORKER_RES}/{WR}")],
            "meta": {"next_page_url": None, "key": "reservations"},
        },
    )
    reservations = await collect(
        client.workspaces(WS).workers(WK).reservations.list(reservation_status="accepted", limit=10)
    )
    assert sorted(route.calls.last.request.url.params.multi_items()) == [
        ("PageSize", "10"),
        ("ReservationStatus", "accepted"),
    ]
    assert [type(r) for r in reservations] == [tr.WorkerReservation]
    assert isinstance(reservations[0], tr.Reservation)


async def test_worker_reservation_list_has_no_worker_filter(client, mock):
    """The worker path takes no worker_sid: the worker is in the path."""
    with pytest.raises(TypeError, match="worker_sid"):
        client.workspaces(WS).workers(WK).reservations.list(worker_sid=WK)
    assert len(mock.calls) == 0


@pytest.mark.parametrize(("reach", "path", "model"), PATHS)
async def test_fetch_gets_the_reservation_with_its_etag(client, mock, reach, path, model):
    """Fetch sends a bodiless GET and reads the Etag header however it is spelled."""
    route = mock.get(path).respond(200, json=body(), headers={"Etag": '"4"'})
    reservation = await run(reach(client).fetch())
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.content == b""
    assert type(reservation) is model
    assert reservation.etag == '"4"'
    assert reservation.task_sid == "WT" + "a" * 32
    assert reservation.date_updated.tzinfo is not None


FULL_UPDATE = {
    "reservation_status": "accepted",
    "worker_activity_sid": WA,
    "instruction": "conference",
    "dequeue_post_work_activity_sid": WA,
    "dequeue_from": "+15550001111",
    "dequeue_record": "record-from-answer",
    "dequeue_timeout": 30,
    "dequeue_to": "client:alice",
    "dequeue_status_callback_url": "https://example.com/dequeue",
    "call_from": "+15550002222",
    "call_record": "do-not-record",
    "call_timeout": 20,
    "call_to": "sip:alice@example.com",
    "call_url": "https://example.com/twiml",
    "call_status_callback_url": "https://example.com/call",
    "call_accept": True,
    "redirect_call_sid": CA,
    "redirect_accept": False,
    "redirect_url": "https://example.com/redirect",
    "to": "client:bob",
    "from_": "+15550003333",
    "status_callback": "https://example.com/status",
    "status_callback_method": "GET",
    "status_callback_event": ["initiated", tr.CallStatus.ANSWERED],
    "timeout": 15,
    "record": True,
    "muted": False,
    "beep": "onEnter",
    "start_conference_on_enter": True,
    "end_conference_on_exit": False,
    "wait_url": "https://example.com/hold",
    "wait_method": "POST",
    "early_media": True,
    "max_participants": 10,
    "conference_status_callback": "https://example.com/conference",
    "conference_status_callback_method": "POST",
    "conference_status_callback_event": ["start", "end", tr.ConferenceEvent.JOIN],
    "conference_record": "record-from-start",
    "conference_trim": "do-not-trim",
    "recording_channels": "dual",
    "recording_status_callback": "https://example.com/recording",
    "recording_status_callback_method": "GET",
    "conference_recording_status_callback": "https://example.com/conf-recording",
    "conference_recording_status_callback_method": "POST",
    "region": "ie1",
    "sip_auth_username": "alice",
    "sip_auth_password": "sip-SECRET",
    "dequeue_status_callback_event": ["initiated", "completed"],
    "post_work_activity_sid": WA,
    "end_conference_on_customer_exit": True,
    "beep_on_customer_entrance": False,
    "jitter_buffer_size": "large",
}

FULL_FORM = [
    ("ReservationStatus", "accepted"),
    ("WorkerActivitySid", WA),
    ("Instruction", "conference"),
    ("DequeuePostWorkActivitySid", WA),
    ("DequeueFrom", "+15550001111"),
    ("DequeueRecord", "record-from-answer"),
    ("DequeueTimeout", "30"),
    ("DequeueTo", "client:alice"),
    ("DequeueStatusCallbackUrl", "https://example.com/dequeue"),
    ("CallFrom", "+15550002222"),
    ("CallRecord", "do-not-record"),
    ("CallTimeout", "20"),
    ("CallTo", "sip:alice@example.com"),
    ("CallUrl", "https://example.com/twiml"),
    ("CallStatusCallbackUrl", "https://example.com/call"),
    ("CallAccept", "true"),
    ("RedirectCallSid", CA),
    ("RedirectAccept", "false"),
    ("RedirectUrl", "https://example.com/redirect"),
    ("To", "client:bob"),
    ("From", "+15550003333"),
    ("StatusCallback", "https://example.com/status"),
    ("StatusCallbackMethod", "GET"),
    ("StatusCallbackEvent", "initiated"),
    ("StatusCallbackEvent", "answered"),
    ("Timeout", "15"),
    ("Record", "true"),
    ("Muted", "false"),
    ("Beep", "onEnter"),
    ("StartConferenceOnEnter", "true"),
    ("EndConferenceOnExit", "false"),
    ("WaitUrl", "https://example.com/hold"),
    ("WaitMethod", "POST"),
    ("EarlyMedia", "true"),
    ("MaxParticipants", "10"),
    ("ConferenceStatusCallback", "https://example.com/conference"),
    ("ConferenceStatusCallbackMethod", "POST"),
    ("ConferenceStatusCallbackEvent", "start"),
    ("ConferenceStatusCallbackEvent", "end"),
    ("ConferenceStatusCallbackEvent", "join"),
    ("ConferenceRecord", "record-from-start"),
    ("ConferenceTrim", "do-not-trim"),
    ("RecordingChannels", "dual"),
    ("RecordingStatusCallback", "https://example.com/recording"),
    ("RecordingStatusCallbackMethod", "GET"),
    ("ConferenceRecordingStatusCallback", "https://example.com/conf-recording"),
    ("ConferenceRecordingStatusCallbackMethod", "POST"),
    ("Region", "ie1"),
    ("SipAuthUsername", "alice"),
    ("SipAuthPassword", "sip-SECRET"),
    ("DequeueStatusCallbackEvent", "initiated"),
    ("DequeueStatusCallbackEvent", "completed"),
    ("PostWorkActivitySid", WA),
    ("EndConferenceOnCustomerExit", "true"),
    ("BeepOnCustomerEntrance", "false"),
    ("JitterBufferSize", "large"),
]


@pytest.mark.parametrize(("reach", "path", "model"), PATHS)
async def test_update_sends_every_form_parameter(client, mock, reach, path, model):
    """Every one of the 52 shared parameters goes out under its wire name, arrays repeated."""
    route = mock.post(path).respond(200, json=body(), headers={"ETag": '"5"'})
    reservation = await run(reach(client).update(**FULL_UPDATE, if_match='"4"'))
    request = route.calls.last.request
    assert request.method == "POST"
    assert request.headers["If-Match"] == '"4"'
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form(request) == sorted(FULL_FORM)
    assert len({name for name, _ in FULL_FORM}) == 52
    assert type(reservation) is model
    assert reservation.etag == '"5"'


async def test_task_path_update_also_takes_the_supervise_parameters(client, mock):
    """UpdateTaskReservation has Supervisor and SupervisorMode besides the 52."""
    route = mock.post(f"{TASK_RES}/{WR}").respond(
        200, json=fixture_json("reservation__test_update_supervise_instruction_response")
    )
    await run(
        task_reservation(client).update(
            instruction="supervise", supervisor=WK, supervisor_mode="barge"
        )
    )
    assert form(route.calls.last.request) == [
        ("Instruction", "supervise"),
        ("Supervisor", WK),
        ("SupervisorMode", "barge"),
    ]


async def test_worker_path_update_has_no_supervise_parameters(client, mock):
    """UpdateWorkerReservation lacks Supervisor: passing it is a TypeError, nothing sent."""
    with pytest.raises(TypeError, match="supervisor"):
        await run(worker_reservation(client).update(supervisor=WK))
    assert len(mock.calls) == 0


FLOWS = [
    pytest.param("accept", {}, [("ReservationStatus", "accepted")], id="accept"),
    pytest.param(
        "reject",
        {"worker_activity_sid": WA},
        [("ReservationStatus", "rejected"), ("WorkerActivitySid", WA)],
        id="reject",
    ),
    pytest.param(
        "dequeue",
        {
            "dequeue_from": "+15550001111",
            "dequeue_to": "client:alice",
            "dequeue_post_work_activity_sid": WA,
            "dequeue_status_callback_event": ["initiated", "completed"],
        },
        [
            ("Instruction", "dequeue"),
            ("DequeueFrom", "+15550001111"),
            ("DequeueTo", "client:alice"),
            ("DequeuePostWorkActivitySid", WA),
            ("DequeueStatusCallbackEvent", "initiated"),
            ("DequeueStatusCallbackEvent", "completed"),
        ],
        id="dequeue",
    ),
    pytest.param(
        "call",
        {"call_from": "+15550002222", "call_url": "https://example.com/twiml", "call_accept": True},
        [
            ("Instruction", "call"),
            ("CallFrom", "+15550002222"),
            ("CallUrl", "https://example.com/twiml"),
            ("CallAccept", "true"),
        ],
        id="call",
    ),
    pytest.param(
        "redirect",
        {"redirect_call_sid": CA, "redirect_url": "https://example.com/r", "redirect_accept": True},
        [
            ("Instruction", "redirect"),
            ("RedirectCallSid", CA),
            ("RedirectUrl", "https://example.com/r"),
            ("RedirectAccept", "true"),
        ],
        id="redirect",
    ),
    pytest.param(
        "conference",
        {
            "from_": "+15550003333",
            "to": "client:alice",
            "post_work_activity_sid": WA,
            "status_callback_event": ["ringing", "answered"],
            "end_conference_on_customer_exit": True,
        },
        [
            ("Instruction", "conference"),
            ("From", "+15550003333"),
            ("To", "client:alice"),
            ("PostWorkActivitySid", WA),
            ("StatusCallbackEvent", "ringing"),
            ("StatusCallbackEvent", "answered"),
            ("EndConferenceOnCustomerExit", "true"),
        ],
        id="conference",
    ),
]


@pytest.mark.parametrize(("reach", "path", "model"), PATHS)
@pytest.mark.parametrize(("flow", "arguments", "expected"), FLOWS)
async def test_instruction_flows_send_one_update(
    client, mock, reach, path, model, flow, arguments, expected
):
    """accept(), reject(), dequeue(), call(), redirect(), conference(): one POST each."""
    route = mock.post(path).respond(200, json=body(), headers={"ETag": '"6"'})
    reservation = await run(getattr(reach(client), flow)(**arguments, if_match='"5"'))
    request = route.calls.last.request
    assert route.call_count == 1
    assert request.headers["If-Match"] == '"5"'
    assert form(request) == sorted(expected)
    assert type(reservation) is model


async def test_supervise_flow_on_the_task_path(client, mock):
    """supervise() sends the supervise instruction with the supervisor and mode."""
    route = mock.post(f"{TASK_RES}/{WR}").respond(200, json=body())
    await run(task_reservation(client).supervise(supervisor=WK, supervisor_mode="monitor"))
    assert form(route.calls.last.request) == [
        ("Instruction", "supervise"),
        ("Supervisor", WK),
        ("SupervisorMode", "monitor"),
    ]


REQUIRED = [
    pytest.param("dequeue", {}, "dequeue_from", id="dequeue-needs-from"),
    pytest.param("call", {"call_url": "https://example.com/t"}, "call_from", id="call-needs-from"),
    pytest.param("call", {"call_from": "+1555"}, "call_url", id="call-needs-url"),
    pytest.param(
        "redirect",
        {"redirect_url": "https://example.com/r"},
        "redirect_call_sid",
        id="redirect-sid",
    ),
    pytest.param("redirect", {"redirect_call_sid": CA}, "redirect_url", id="redirect-needs-url"),
]


@pytest.mark.parametrize(("reach", "path", "model"), PATHS)
@pytest.mark.parametrize(("instruction", "arguments", "missing"), REQUIRED)
async def test_an_instruction_without_what_it_needs_is_refused(
    client, mock, reach, path, model, instruction, arguments, missing
):
    """Both the flow method and update(instruction=…) refuse before sending."""
    for call in (
        lambda: getattr(reach(client), instruction)(**arguments),
        lambda: reach(client).update(instruction=instruction, **arguments),
    ):
        with pytest.raises(ValueError, match=f"^{missing}: required when instruction=") as caught:
            await run(call())
        assert caught.value.argument == missing
    assert len(mock.calls) == 0


async def test_supervise_needs_a_supervisor(client, mock):
    """The supervise instruction without a supervisor is refused, nothing sent."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        await run(task_reservation(client).supervise(supervisor_mode="whisper"))
    assert caught.value.argument == "supervisor"
    assert len(mock.calls) == 0


async def test_instructions_twilio_adds_later_pass_through(client, mock):
    """Instruction is a free string in the spec: an unknown one is sent as given."""
    route = mock.post(f"{TASK_RES}/{WR}").respond(200, json=body())
    await run(task_reservation(client).update(instruction="transfer"))
    assert form(route.calls.last.request) == [("Instruction", "transfer")]


BAD = [
    ("reservation_status", {"reservation_status": "approved"}),
    ("worker_activity_sid", {"worker_activity_sid": "WK" + "1" * 32}),
    ("redirect_call_sid", {"redirect_call_sid": "CB" + "2" * 32}),
    ("status_callback", {"status_callback": "/relative/path"}),
    ("call_url", {"call_url": "ftp://example.com/twiml"}),
    ("status_callback_method", {"status_callback_method": "PUT"}),
    ("status_callback_event", {"status_callback_event": ["initiated", "busy"]}),
    ("conference_status_callback_event", {"conference_status_callback_event": "started"}),
    ("max_participants", {"max_participants": 1}),
    ("max_participants", {"max_participants": 251}),
    ("dequeue_timeout", {"dequeue_timeout": -1}),
    ("call_accept", {"call_accept": "yes"}),
    ("beep", {"beep": 1}),
    ("supervisor_mode", {"supervisor_mode": "listen"}),
]


@pytest.mark.parametrize(("argument", "arguments"), BAD, ids=[b[0] for b in BAD])
async def test_bad_update_arguments_are_refused_by_name(client, mock, argument, arguments):
    """Each bad value names its keyword; nothing is sent."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        await run(task_reservation(client).update(**arguments))
    assert caught.value.argument == argument
    assert len(mock.calls) == 0


async def test_a_bad_sip_password_is_never_echoed(client, mock):
    """SipAuthPassword is a secret: a refused value does not appear in the error."""
    with pytest.raises(tr.InvalidArgumentError) as caught:
        await run(task_reservation(client).conference(sip_auth_password=b"sip-SECRET"))
    assert "sip-SECRET" not in str(caught.value)


async def test_a_callback_url_with_credentials_is_accepted_but_not_echoed(client, mock):
    """Twilio allows user:password@ in callback URLs; errors never repeat a URL."""
    route = mock.post(f"{TASK_RES}/{WR}").respond(200, json=body())
    await run(task_reservation(client).conference(status_callback="https://u:pw@example.com/cb"))
    assert ("StatusCallback", "https://u:pw@example.com/cb") in form(route.calls.last.request)
    with pytest.raises(tr.InvalidArgumentError) as caught:
        await run(task_reservation(client).conference(status_callback="nope://u:pw@example.com"))
    assert "pw" not in str(caught.value)


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda c: c.workspaces(WS).tasks(WT).reservations("WT" + "f" * 32), "reservation_sid"),
        (lambda c: c.workspaces(WS).workers("WR" + "e" * 32), "worker_sid"),
        (lambda c: c.workspaces(WS).workers(WK).reservations("WR123"), "reservation_sid"),
        (lambda c: c.workspaces(WS).tasks("WK" + "b" * 32).reservations, "task_sid"),
    ],
)
async def test_path_sids_are_checked(client, mock, call, argument):
    """Reservation, Worker and Task SIDs in paths are checked when the path is made."""
    with pytest.raises(ValueError, match=f"^{argument}: expected a SID matching"):
        call(client)
    assert len(mock.calls) == 0


async def test_unknown_reservation_statuses_are_kept(client, mock):
    """A status the SDK does not list yet parses and compares as its string."""
    mock.get(f"{TASK_RES}/{WR}").respond(200, json=body(reservation_status="pre-accepted"))
    reservation = await run(task_reservation(client).fetch())
    assert reservation.reservation_status == "pre-accepted"
    assert isinstance(reservation.reservation_status, tr.ReservationStatus)
    assert not reservation.reservation_status.is_known


async def test_contexts_expose_their_sids(client):
    """Each context knows its own SID."""
    assert client.workspaces(WS).workers(WK).sid == WK
    assert task_reservation(client).sid == WR
    assert worker_reservation(client).sid == WR
