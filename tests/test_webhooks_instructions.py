"""Assignment instruction builders: Twilio's keys, JSON-ready values, the REST checks."""

from __future__ import annotations

import inspect
import json
from typing import Any, get_type_hints

import pytest

from taskrouter_client import ConferenceParams, InvalidArgumentError
from taskrouter_client.webhooks import accept, call, conference, dequeue, redirect, reject

WA = "WA" + "1" * 32
CA = "CA" + "2" * 32
SIP_PASSWORD = "sip-password-SECRET-7d2e"


def test_accept():
    """The documented accept answer."""
    assert accept() == {"instruction": "accept"}


def test_reject_with_and_without_an_activity():
    """reject sends activity_sid only when given."""
    assert reject() == {"instruction": "reject"}
    assert reject(activity_sid=WA) == {"instruction": "reject", "activity_sid": WA}


def test_dequeue_with_every_documented_option():
    """Twilio's keys (``from``, not ``from_``), a number for timeout, events comma-joined."""
    answer = dequeue(
        from_="+18001231234",
        to="+14151112222",
        post_work_activity_sid=WA,
        record="record-from-answer",
        timeout=15,
        status_callback_url="https://example.com/status",
        status_callback_events=["answered", "completed"],
    )
    assert answer == {
        "instruction": "dequeue",
        "to": "+14151112222",
        "from": "+18001231234",
        "post_work_activity_sid": WA,
        "record": "record-from-answer",
        "timeout": 15,
        "status_callback_url": "https://example.com/status",
        "status_callback_events": "answered,completed",
    }
    assert dequeue() == {"instruction": "dequeue"}  # from and to have documented defaults


def test_call_with_every_documented_option():
    """The documented call answer; accept is a JSON boolean."""
    answer = call(
        from_="+15558675309",
        url="http://example.com/agent_answer",
        to="client:joey",
        accept=True,
        record="do-not-record",
        timeout=30,
        status_callback_url="http://example.com/agent_answer_status_callback",
    )
    assert json.loads(json.dumps(answer)) == {
        "instruction": "call",
        "to": "client:joey",
        "from": "+15558675309",
        "url": "http://example.com/agent_answer",
        "accept": True,
        "record": "do-not-record",
        "timeout": 30,
        "status_callback_url": "http://example.com/agent_answer_status_callback",
    }


def test_redirect():
    """call_sid and url are required; accept is optional."""
    assert redirect(call_sid=CA, url="https://example.com/r") == {
        "instruction": "redirect",
        "call_sid": CA,
        "url": "https://example.com/r",
    }
    assert redirect(call_sid=CA, url="https://example.com/r", accept=False)["accept"] is False


@pytest.mark.parametrize(
    ("build", "missing"),
    [
        (lambda: call(from_="+1555"), "url"),
        (lambda: call(url="https://example.com/a"), "from_"),
        (lambda: redirect(url="https://example.com/a"), "call_sid"),
        (lambda: redirect(call_sid=CA), "url"),
    ],
)
def test_an_instruction_without_what_twilio_requires_is_refused(build, missing):
    """A ValueError naming the keyword, before anything is answered."""
    with pytest.raises(InvalidArgumentError, match="required by the") as caught:
        build()
    assert caught.value.argument == missing
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("build", "keyword"),
    [
        (lambda: call(from_="+1", url="ftp://example.com/a"), "url"),
        (lambda: call(from_="+1", url="/relative"), "url"),
        (lambda: call(from_="+1", url="https://e.com", accept="true"), "accept"),
        (lambda: call(from_="+1", url="https://e.com", timeout=1000), "timeout"),
        (lambda: call(from_=1, url="https://e.com"), "from_"),  # type: ignore[arg-type]
        (lambda: dequeue(timeout=0), "timeout"),
        (lambda: dequeue(timeout=True), "timeout"),
        (lambda: dequeue(status_callback_events=["hungup"]), "status_callback_events"),
        (lambda: dequeue(status_callback_url="example.com"), "status_callback_url"),
        (lambda: dequeue(post_work_activity_sid="WK" + "1" * 32), "post_work_activity_sid"),
        (lambda: reject(activity_sid="offline"), "activity_sid"),
        (lambda: redirect(call_sid="WR" + "1" * 32, url="https://e.com"), "call_sid"),
        (lambda: conference(max_participants=1), "max_participants"),
        (lambda: conference(max_participants=251), "max_participants"),
        (lambda: conference(status_callback_method="PUT"), "status_callback_method"),
        (
            lambda: conference(conference_status_callback_event=["ring"]),
            "conference_status_callback_event",
        ),
        (lambda: conference(wait_url="ftp://e.com/hold"), "wait_url"),
        (lambda: conference(beep=3), "beep"),  # type: ignore[arg-type]
        (lambda: conference(timeout=-1), "timeout"),
    ],
)
def test_a_malformed_value_is_refused_naming_the_keyword(build, keyword):
    """The same checks as the Reservation resource's keywords."""
    with pytest.raises(InvalidArgumentError) as caught:
        build()
    assert caught.value.argument == keyword


def test_conference_takes_the_rest_apis_keywords_and_those_twilios_errors_name():
    """The keywords of ``reservation.conference()`` (spec: UpdateTaskReservation), but the
    Worker's call status callback is ``status_callback_url`` (error 40159), and the room is
    named by ``room_name`` (errors 40141-40145), which the REST API does not have."""
    rest = set(get_type_hints(ConferenceParams)) - {"if_match", "status_callback"}
    expected = rest | {"status_callback_url", "room_name"}
    assert set(inspect.signature(conference).parameters) == expected


EVERY_CONFERENCE_OPTION: dict[str, Any] = {
    "room_name": "WT-support-42",
    "from_": "+18001234567",
    "to": "client:alice",
    "post_work_activity_sid": WA,
    "timeout": 20,
    "status_callback_url": "https://example.com/participant",
    "status_callback_method": "POST",
    "status_callback_event": ["initiated", "completed"],
    "record": True,
    "muted": False,
    "beep": "onEnter",
    "start_conference_on_enter": True,
    "end_conference_on_exit": True,
    "end_conference_on_customer_exit": True,
    "beep_on_customer_entrance": False,
    "wait_url": "https://example.com/hold.xml",
    "wait_method": "GET",
    "early_media": True,
    "max_participants": 10,
    "conference_status_callback": "https://example.com/conference",
    "conference_status_callback_method": "POST",
    "conference_status_callback_event": ["start", "end", "join"],
    "conference_record": "record-from-start",
    "conference_trim": "do-not-trim",
    "recording_channels": "dual",
    "recording_status_callback": "https://example.com/recording",
    "recording_status_callback_method": "POST",
    "conference_recording_status_callback": "https://example.com/conference-recording",
    "conference_recording_status_callback_method": "GET",
    "region": "ie1",
    "sip_auth_username": "alice",
    "sip_auth_password": SIP_PASSWORD,
    "jitter_buffer_size": "small",
}


def test_conference_with_every_option_keeps_twilios_snake_case_keys():
    """Each keyword becomes its own key (``from`` for ``from_``), typed for JSON."""
    assert set(EVERY_CONFERENCE_OPTION) == set(inspect.signature(conference).parameters)
    answer = conference(**EVERY_CONFERENCE_OPTION)
    expected = {
        "from" if keyword == "from_" else keyword: value
        for keyword, value in EVERY_CONFERENCE_OPTION.items()
    }
    expected["status_callback_event"] = "initiated,completed"
    expected["conference_status_callback_event"] = "start,end,join"
    assert answer == {"instruction": "conference", **expected}
    assert json.loads(json.dumps(answer)) == answer


def test_a_bad_sip_password_is_not_echoed():
    """The SIP password is a secret: a malformed one is refused without showing it."""
    with pytest.raises(InvalidArgumentError) as caught:
        conference(sip_auth_password=[SIP_PASSWORD])  # type: ignore[arg-type]
    assert caught.value.argument == "sip_auth_password"
    assert SIP_PASSWORD not in str(caught.value)


def test_builders_take_keywords_only():
    """Positional arguments would be ambiguous between so many options."""
    for builder in (reject, dequeue, call, redirect, conference):
        kinds = {p.kind for p in inspect.signature(builder).parameters.values()}
        assert kinds == {inspect.Parameter.KEYWORD_ONLY}
