"""Assignment instructions: the JSON an assignment callback answers with.

Source: https://www.twilio.com/docs/taskrouter/handle-assignment-callbacks ("Responding to
the Assignment Callback"). The answer is ``200 OK`` with ``Content-Type: application/json``
and a JSON object whose ``instruction`` key says what to do; ``{}`` means "decide later
through the REST API" (Twilio warning 40005 is about a non-empty object without
``instruction``). Keys and checks, per instruction:

- ``accept``: nothing else.
- ``reject``: ``activity_sid`` (the Worker's next Activity; the page's table marks it
  required, its text says the Worker keeps its Activity without one, so it is optional here).
- ``dequeue``: ``to``, ``from``, ``post_work_activity_sid``, ``record``, ``timeout`` (at
  most 999 s), ``status_callback_url``, ``status_callback_events`` (a comma-separated
  string, as Twilio error 40134 spells out). ``from`` may be left out for Tasks made by
  ``<Enqueue>``.
- ``call``: ``to``, ``from`` (required), ``url`` (required), ``accept``, ``record``,
  ``timeout`` (at most 999 s), ``status_callback_url``.
- ``redirect``: ``call_sid`` (required), ``url`` (required), ``accept``.
- ``conference``: not tabulated on that page; Twilio's conference-instruction errors
  (40137-40145) show its JSON with ``room_name``, ``to``, ``from`` and
  ``post_work_activity_sid``, and 40159 names its ``status_callback_url`` (the Worker's
  call, as in ``call``). The other keys are the snake_case names of the Reservation
  resource's conference parameters (spec: UpdateTaskReservation), the convention every
  documented instruction follows; list-valued ones are comma-separated strings like
  ``status_callback_events``.

Booleans are JSON ``true``/``false``; URLs must be absolute http(s).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from .._errors import InvalidArgumentError
from .._generated.enums import (
    CallStatus,
    CallStatusLiteral,
    ConferenceEvent,
    ConferenceEventLiteral,
)
from .._params import boolean, boolean_or_text, choice, integer, repeated, sid, text, url

__all__ = ["Instruction", "accept", "call", "conference", "dequeue", "redirect", "reject"]

Instruction = dict[str, "str | int | bool"]
"""An assignment instruction, ready for ``json.dumps``."""

Check = Callable[[str, object], "str | int | bool"]
HTTPMethod = Literal["GET", "POST"]
Record = Literal["record-from-answer", "do-not-record"]

_MAX_RING = 999  # seconds; "the maximum is 999 seconds" (600 for SIP) for dequeue and call


def _wire(encode: Callable[[str, object], tuple[str, ...]]) -> Check:
    """Check with a REST encoder; keep its single wire string."""
    return lambda keyword, value: encode(keyword, value)[0]


def _native(encode: Callable[[str, object], tuple[str, ...]]) -> Check:
    """Check with a REST encoder; keep the value itself (a JSON number or boolean)."""

    def check(keyword: str, value: object) -> str | int | bool:
        encode(keyword, value)
        return value  # type: ignore[return-value]  # the encoder accepted only these types

    return check


def _joined(encode: Callable[[str, object], tuple[str, ...]]) -> Check:
    """Check a list with a REST encoder; join its values with commas."""
    return lambda keyword, value: ",".join(encode(keyword, value))


_text = _wire(text)
_url = _wire(url)
_activity = _wire(sid("WA"))
_flag = _native(boolean)
_flag_or_text = _native(boolean_or_text)
_method = _wire(choice(("GET", "POST")))
_ring = _native(integer(1, _MAX_RING))
_call_events = _joined(repeated(choice(CallStatus)))

# What each instruction takes: keyword -> check. The JSON key is the keyword ("from" for
# ``from_``); the checks are the Reservation resource's, so both paths refuse the same input.
_REJECT: dict[str, Check] = {"activity_sid": _activity}
_DEQUEUE: dict[str, Check] = {
    "to": _text,
    "from_": _text,
    "post_work_activity_sid": _activity,
    "record": _text,
    "timeout": _ring,
    "status_callback_url": _url,
    "status_callback_events": _call_events,
}
_CALL: dict[str, Check] = {
    "to": _text,
    "from_": _text,
    "url": _url,
    "accept": _flag,
    "record": _text,
    "timeout": _ring,
    "status_callback_url": _url,
}
_REDIRECT: dict[str, Check] = {"call_sid": _wire(sid("CA")), "url": _url, "accept": _flag}
_CONFERENCE: dict[str, Check] = {
    "room_name": _text,
    "to": _text,
    "from_": _text,
    "post_work_activity_sid": _activity,
    "timeout": _native(integer(minimum=0)),
    "status_callback_url": _url,
    "status_callback_method": _method,
    "status_callback_event": _call_events,
    "record": _flag,
    "muted": _flag,
    "beep": _flag_or_text,
    "start_conference_on_enter": _flag,
    "end_conference_on_exit": _flag,
    "end_conference_on_customer_exit": _flag,
    "beep_on_customer_entrance": _flag,
    "wait_url": _url,
    "wait_method": _method,
    "early_media": _flag,
    "max_participants": _native(integer(2, 250)),
    "conference_status_callback": _url,
    "conference_status_callback_method": _method,
    "conference_status_callback_event": _joined(repeated(choice(ConferenceEvent))),
    "conference_record": _flag_or_text,
    "conference_trim": _text,
    "recording_channels": _text,
    "recording_status_callback": _url,
    "recording_status_callback_method": _method,
    "conference_recording_status_callback": _url,
    "conference_recording_status_callback_method": _method,
    "region": _text,
    "sip_auth_username": _text,
    "sip_auth_password": _text,
    "jitter_buffer_size": _text,
}


def _build(
    instruction: str,
    checks: dict[str, Check],
    arguments: dict[str, object],
    *,
    needs: Sequence[str] = (),
) -> Instruction:
    """``{"instruction": ...}`` plus each argument given, checked; refuse missing ``needs``.

    Builders pass ``locals()`` as their first statement: exactly their keyword arguments.
    """
    answer: Instruction = {"instruction": instruction}
    for keyword, check in checks.items():
        value = arguments[keyword]
        if value is None:
            if keyword in needs:
                raise InvalidArgumentError(keyword, f"required by the {instruction} instruction")
            continue
        answer["from" if keyword == "from_" else keyword] = check(keyword, value)
    return answer


def accept() -> Instruction:
    """Accept the Reservation: ``{"instruction": "accept"}``.

    .. versionadded:: 0.2.0
    """
    return {"instruction": "accept"}


def reject(*, activity_sid: str | None = None) -> Instruction:
    """Reject the Reservation; the Task goes back to its queue.

    Args:
        activity_sid: The Activity to move the Worker to (``WA...``); Twilio recommends an
            unavailable one, so the Task is not offered to the same Worker again at once.
            Left out, the Worker keeps its Activity.

    .. versionadded:: 0.2.0
    """
    return _build("reject", _REJECT, locals())


def dequeue(
    *,
    from_: str | None = None,
    to: str | None = None,
    post_work_activity_sid: str | None = None,
    record: Record | str | None = None,
    timeout: int | None = None,
    status_callback_url: str | None = None,
    status_callback_events: Sequence[CallStatus | CallStatusLiteral]
    | CallStatus
    | CallStatusLiteral
    | None = None,
) -> Instruction:
    """Call the Worker and bridge the caller waiting in ``<Enqueue>`` (Tasks made by it only).

    Args:
        from_: Caller ID for the call to the Worker (a Twilio number or verified caller ID);
            left out, Twilio uses the number the caller dialled.
        to: The Worker's phone number, ``client:`` or SIP URI (default: the Worker's
            ``contact_uri`` attribute).
        post_work_activity_sid: The Activity to move the Worker to when the call ends.
        record: ``record-from-answer`` to record both legs (default ``do-not-record``).
        timeout: Seconds to ring the Worker, 1 to 999 (default 60).
        status_callback_url: Where Twilio reports the Worker's call (``completed`` only,
            unless ``status_callback_events`` asks for more).
        status_callback_events: ``initiated``, ``ringing``, ``answered``, ``completed``.

    Raises:
        InvalidArgumentError: A value is malformed.

    .. versionadded:: 0.2.0
    """
    return _build("dequeue", _DEQUEUE, locals())


def call(
    *,
    from_: str | None = None,
    url: str | None = None,
    to: str | None = None,
    accept: bool | None = None,
    record: Record | str | None = None,
    timeout: int | None = None,
    status_callback_url: str | None = None,
) -> Instruction:
    """Place a new call to the Worker and run the TwiML at ``url`` when they answer.

    Args:
        from_: Caller ID for the call (required).
        url: Absolute http(s) URL of the TwiML for the Worker's leg (required).
        to: The Worker's phone number, ``client:`` or SIP URI (default: ``contact_uri``).
        accept: Accept the Reservation too (default False: accept or reject it later).
        record: ``record-from-answer`` to record both legs (default ``do-not-record``).
        timeout: Seconds to ring the Worker, 1 to 999 (default 60).
        status_callback_url: Where Twilio reports the call's completion.

    Raises:
        InvalidArgumentError: ``from_`` or ``url`` is missing, or a value is malformed.

    .. versionadded:: 0.2.0
    """
    return _build("call", _CALL, locals(), needs=("from_", "url"))


def redirect(
    *, call_sid: str | None = None, url: str | None = None, accept: bool | None = None
) -> Instruction:
    """Move the Task's live call (parked by ``<Enqueue>``) to the TwiML at ``url``.

    Args:
        call_sid: The call to move (``CA...``, required).
        url: Absolute http(s) URL of the new TwiML (required).
        accept: Accept the Reservation too (default False).

    Raises:
        InvalidArgumentError: ``call_sid`` or ``url`` is missing, or a value is malformed.

    .. versionadded:: 0.2.0
    """
    return _build("redirect", _REDIRECT, locals(), needs=("call_sid", "url"))


def conference(
    *,
    room_name: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    post_work_activity_sid: str | None = None,
    timeout: int | None = None,
    status_callback_url: str | None = None,
    status_callback_method: HTTPMethod | None = None,
    status_callback_event: Sequence[CallStatus | CallStatusLiteral]
    | CallStatus
    | CallStatusLiteral
    | None = None,
    record: bool | None = None,
    muted: bool | None = None,
    beep: bool | Literal["onEnter", "onExit"] | None = None,
    start_conference_on_enter: bool | None = None,
    end_conference_on_exit: bool | None = None,
    end_conference_on_customer_exit: bool | None = None,
    beep_on_customer_entrance: bool | None = None,
    wait_url: str | None = None,
    wait_method: HTTPMethod | None = None,
    early_media: bool | None = None,
    max_participants: int | None = None,
    conference_status_callback: str | None = None,
    conference_status_callback_method: HTTPMethod | None = None,
    conference_status_callback_event: Sequence[ConferenceEvent | ConferenceEventLiteral]
    | ConferenceEvent
    | ConferenceEventLiteral
    | None = None,
    conference_record: bool | Literal["record-from-start", "do-not-record"] | None = None,
    conference_trim: Literal["trim-silence", "do-not-trim"] | str | None = None,
    recording_channels: Literal["mono", "dual"] | str | None = None,
    recording_status_callback: str | None = None,
    recording_status_callback_method: HTTPMethod | None = None,
    conference_recording_status_callback: str | None = None,
    conference_recording_status_callback_method: HTTPMethod | None = None,
    region: str | None = None,
    sip_auth_username: str | None = None,
    sip_auth_password: str | None = None,
    jitter_buffer_size: Literal["small", "medium", "large", "off"] | str | None = None,
) -> Instruction:
    """Call the Worker into a conference with the Task's caller.

    ``room_name`` names the conference and ``status_callback_url`` gets the Worker's call
    events, as Twilio's conference-instruction errors name them. Each other keyword is the
    Reservation resource's conference parameter of the same name
    (``reservation.conference(...)``, docs/reservations.md) and is checked the same way:
    ``to`` defaults to the Worker's ``contact_uri``, ``max_participants`` is 2 to 250, URLs
    are absolute http(s), and the ``*_event`` lists are sent comma-separated.
    ``sip_auth_password`` is a secret and is never echoed in an error.

    Raises:
        InvalidArgumentError: A value is malformed.

    .. versionadded:: 0.2.0
    """
    return _build("conference", _CONFERENCE, locals())
