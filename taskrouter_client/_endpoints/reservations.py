"""Reservations, through their Task or their Worker.

Operations ListTaskReservation, FetchTaskReservation, UpdateTaskReservation,
ListWorkerReservation, FetchWorkerReservation and UpdateWorkerReservation.

An update carries one instruction's parameters, so each instruction's keywords form their
own TypedDict: the flow methods (``accept()``, ``dequeue()``, ...) take exactly those, and
the full ``update()`` takes them all. The worker path lacks only the supervise instruction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Literal, TypeVar

from .._enums import (
    CallStatus,
    CallStatusLiteral,
    ConferenceEvent,
    ConferenceEventLiteral,
    ReservationStatus,
    ReservationStatusLiteral,
    SupervisorMode,
    SupervisorModeLiteral,
)
from .._errors import InvalidArgumentError
from .._models import Reservation, WorkerReservation
from .._operation import Check, Operation, ReadBack, Safety, operation
from .._params import (
    boolean,
    boolean_or_text,
    choice,
    form,
    integer,
    query,
    repeated,
    sid,
    text,
    url,
)
from .common import IfMatchParams, ListParams, NoParams

TASK_RESERVATIONS = "/v1/Workspaces/{WorkspaceSid}/Tasks/{TaskSid}/Reservations"
WORKER_RESERVATIONS = "/v1/Workspaces/{WorkspaceSid}/Workers/{WorkerSid}/Reservations"

R = TypeVar("R", bound=Reservation)

InstructionLiteral = Literal["conference", "dequeue", "call", "redirect", "supervise"]
HTTPMethodLiteral = Literal["GET", "POST"]

_activity = sid("WA")
_seconds = integer(minimum=0)
_http_method = choice(("GET", "POST"))


class RejectParams(IfMatchParams, total=False):
    """Keywords of ``reject()``.

    .. versionadded:: 0.1.0
    """

    worker_activity_sid: Annotated[str | None, form("WorkerActivitySid", _activity)]
    """Move the Worker to this Activity on rejecting."""


class DequeueParams(IfMatchParams, total=False):
    """Keywords of ``dequeue()``: connect the queued call to the Worker.

    .. versionadded:: 0.1.0
    """

    dequeue_from: Annotated[str | None, form("DequeueFrom", text)]
    """The caller ID for the call to the Worker (required)."""
    dequeue_to: Annotated[str | None, form("DequeueTo", text)]
    """The Worker's contact URI (default: the Worker's ``contact_uri`` attribute)."""
    dequeue_post_work_activity_sid: Annotated[
        str | None, form("DequeuePostWorkActivitySid", _activity)
    ]
    dequeue_record: Annotated[str | None, form("DequeueRecord", text)]
    dequeue_timeout: Annotated[int | None, form("DequeueTimeout", _seconds)]
    dequeue_status_callback_url: Annotated[str | None, form("DequeueStatusCallbackUrl", url)]
    dequeue_status_callback_event: Annotated[
        Sequence[str] | str | None, form("DequeueStatusCallbackEvent", repeated(text))
    ]


class CallParams(IfMatchParams, total=False):
    """Keywords of ``call()``: call the Worker and run TwiML from ``call_url``.

    .. versionadded:: 0.1.0
    """

    call_from: Annotated[str | None, form("CallFrom", text)]
    """The caller ID for the call to the Worker (required)."""
    call_url: Annotated[str | None, form("CallUrl", url)]
    """The TwiML URL run when the Worker answers (required)."""
    call_to: Annotated[str | None, form("CallTo", text)]
    call_accept: Annotated[bool | None, form("CallAccept", boolean)]
    """Accept the Reservation as part of the instruction."""
    call_record: Annotated[str | None, form("CallRecord", text)]
    call_timeout: Annotated[int | None, form("CallTimeout", _seconds)]
    call_status_callback_url: Annotated[str | None, form("CallStatusCallbackUrl", url)]


class RedirectParams(IfMatchParams, total=False):
    """Keywords of ``redirect()``: move a parked call to new TwiML.

    .. versionadded:: 0.1.0
    """

    redirect_call_sid: Annotated[str | None, form("RedirectCallSid", sid("CA"))]
    """The parked call (required)."""
    redirect_url: Annotated[str | None, form("RedirectUrl", url)]
    """The TwiML URL to run (required)."""
    redirect_accept: Annotated[bool | None, form("RedirectAccept", boolean)]
    """Accept the Reservation as part of the instruction."""


class ConferenceParams(IfMatchParams, total=False):
    """Keywords of ``conference()``: join the Worker and the caller in a conference.

    .. versionadded:: 0.1.0
    """

    to: Annotated[str | None, form("To", text)]
    from_: Annotated[str | None, form("From", text)]
    timeout: Annotated[int | None, form("Timeout", _seconds)]
    """Seconds to ring the Worker (Twilio's parameter, not an HTTP timeout)."""
    status_callback: Annotated[str | None, form("StatusCallback", url)]
    status_callback_method: Annotated[
        HTTPMethodLiteral | None, form("StatusCallbackMethod", _http_method)
    ]
    status_callback_event: Annotated[
        Sequence[CallStatus | CallStatusLiteral] | CallStatus | CallStatusLiteral | None,
        form("StatusCallbackEvent", repeated(choice(CallStatus))),
    ]
    record: Annotated[bool | None, form("Record", boolean)]
    muted: Annotated[bool | None, form("Muted", boolean)]
    beep: Annotated[
        bool | Literal["true", "false", "onEnter", "onExit"] | None, form("Beep", boolean_or_text)
    ]
    start_conference_on_enter: Annotated[bool | None, form("StartConferenceOnEnter", boolean)]
    end_conference_on_exit: Annotated[bool | None, form("EndConferenceOnExit", boolean)]
    end_conference_on_customer_exit: Annotated[
        bool | None, form("EndConferenceOnCustomerExit", boolean)
    ]
    beep_on_customer_entrance: Annotated[bool | None, form("BeepOnCustomerEntrance", boolean)]
    wait_url: Annotated[str | None, form("WaitUrl", url)]
    wait_method: Annotated[HTTPMethodLiteral | None, form("WaitMethod", _http_method)]
    early_media: Annotated[bool | None, form("EarlyMedia", boolean)]
    max_participants: Annotated[int | None, form("MaxParticipants", integer(2, 250))]
    conference_status_callback: Annotated[str | None, form("ConferenceStatusCallback", url)]
    conference_status_callback_method: Annotated[
        HTTPMethodLiteral | None, form("ConferenceStatusCallbackMethod", _http_method)
    ]
    conference_status_callback_event: Annotated[
        Sequence[ConferenceEvent | ConferenceEventLiteral]
        | ConferenceEvent
        | ConferenceEventLiteral
        | None,
        form("ConferenceStatusCallbackEvent", repeated(choice(ConferenceEvent))),
    ]
    conference_record: Annotated[
        bool | Literal["true", "false", "record-from-start", "do-not-record"] | None,
        form("ConferenceRecord", boolean_or_text),
    ]
    conference_trim: Annotated[
        Literal["trim-silence", "do-not-trim"] | str | None, form("ConferenceTrim", text)
    ]
    recording_channels: Annotated[
        Literal["mono", "dual"] | str | None, form("RecordingChannels", text)
    ]
    recording_status_callback: Annotated[str | None, form("RecordingStatusCallback", url)]
    recording_status_callback_method: Annotated[
        HTTPMethodLiteral | None, form("RecordingStatusCallbackMethod", _http_method)
    ]
    conference_recording_status_callback: Annotated[
        str | None, form("ConferenceRecordingStatusCallback", url)
    ]
    conference_recording_status_callback_method: Annotated[
        HTTPMethodLiteral | None, form("ConferenceRecordingStatusCallbackMethod", _http_method)
    ]
    region: Annotated[str | None, form("Region", text)]
    """Where to mix the recording: us1, us2, ie1, de1, sg1, br1, au1 or jp1."""
    sip_auth_username: Annotated[str | None, form("SipAuthUsername", text)]
    sip_auth_password: Annotated[str | None, form("SipAuthPassword", text)]
    """A secret: never logged or echoed in errors."""
    post_work_activity_sid: Annotated[str | None, form("PostWorkActivitySid", _activity)]
    jitter_buffer_size: Annotated[
        Literal["small", "medium", "large", "off"] | str | None, form("JitterBufferSize", text)
    ]


class SuperviseParams(IfMatchParams, total=False):
    """Keywords of ``supervise()`` (task path only): join a supervisor to the call.

    .. versionadded:: 0.1.0
    """

    supervisor: Annotated[str | None, form("Supervisor", text)]
    """The supervisor's Worker SID or contact URI (required)."""
    supervisor_mode: Annotated[
        SupervisorMode | SupervisorModeLiteral | None,
        form("SupervisorMode", choice(SupervisorMode)),
    ]


class UpdateWorkerReservationParams(
    RejectParams, DequeueParams, CallParams, RedirectParams, ConferenceParams, total=False
):
    """Keywords of ``ws.workers(sid).reservations(sid).update()`` (UpdateWorkerReservation).

    .. versionadded:: 0.1.0
    """

    reservation_status: Annotated[
        ReservationStatus | ReservationStatusLiteral | None,
        form("ReservationStatus", choice(ReservationStatus)),
    ]
    instruction: Annotated[InstructionLiteral | str | None, form("Instruction", text)]
    """conference, dequeue, call, redirect or supervise (values Twilio adds are passed on)."""


class UpdateTaskReservationParams(UpdateWorkerReservationParams, SuperviseParams, total=False):
    """Keywords of ``ws.tasks(sid).reservations(sid).update()`` (UpdateTaskReservation).

    .. versionadded:: 0.1.0
    """


class ListWorkerReservationParams(ListParams, total=False):
    """Keywords of ``ws.workers(sid).reservations.list()``, besides ``limit``.

    .. versionadded:: 0.1.0
    """

    reservation_status: Annotated[
        ReservationStatus | ReservationStatusLiteral | None,
        query("ReservationStatus", choice(ReservationStatus)),
    ]


class ListTaskReservationParams(ListWorkerReservationParams, total=False):
    """Keywords of ``ws.tasks(sid).reservations.list()``, besides ``limit``.

    .. versionadded:: 0.1.0
    """

    worker_sid: Annotated[str | None, query("WorkerSid", sid("WK"))]
    """Only this Worker's Reservations of the Task."""


def required_by_instruction(required: Mapping[str, tuple[str, ...]]) -> Check:
    """Refuse an instruction sent without the arguments Twilio documents it needs."""

    def check(arguments: Mapping[str, object]) -> None:
        instruction = arguments.get("instruction")
        for keyword in required.get(str(instruction), ()):
            if arguments.get(keyword) is None:
                raise InvalidArgumentError(
                    keyword, f"required when instruction={str(instruction)!r}"
                )

    return check


_WORKER_PATH_REQUIRES = {
    "dequeue": ("dequeue_from",),
    "call": ("call_from", "call_url"),
    "redirect": ("redirect_call_sid", "redirect_url"),
}
_TASK_PATH_REQUIRES = {**_WORKER_PATH_REQUIRES, "supervise": ("supervisor",)}


_ACCEPTING = frozenset({"dequeue", "conference"})
_ACCEPTING_IF = {"call": "call_accept", "redirect": "redirect_accept"}


def status_asked(arguments: Mapping[str, object]) -> str | None:
    """The Reservation status an update's arguments lead to, if one can be read back.

    ``reservation_status`` says it; ``dequeue`` and ``conference`` accept; ``call`` and
    ``redirect`` accept only with ``call_accept`` / ``redirect_accept``. A ``call`` or
    ``redirect`` that does not accept, and ``supervise``, leave no status to see.
    """
    status = arguments.get("reservation_status")
    if status is not None:
        return str(getattr(status, "value", status))
    instruction = arguments.get("instruction")
    if instruction in _ACCEPTING or (
        instruction in _ACCEPTING_IF and arguments.get(_ACCEPTING_IF[str(instruction)]) is True
    ):
        return "accepted"
    return None


def shows_status(reservation: Reservation, arguments: Mapping[str, object]) -> bool:
    """Whether ``reservation`` is in the status the update asked for."""
    return reservation.reservation_status == status_asked(arguments)


def _operations(
    kind: str,
    path: str,
    *,
    list_params: type,
    update_params: type,
    model: type[R],
    required: Mapping[str, tuple[str, ...]],
) -> tuple[Operation[R], Operation[R], Operation[R]]:
    """List, fetch and update of the Reservations under one path."""
    fetch = operation(
        f"Fetch{kind}Reservation", "GET", path + "/{Sid}", NoParams, model, safety=Safety.READ
    )
    return (
        operation(
            f"List{kind}Reservation",
            "GET",
            path,
            list_params,
            model,
            safety=Safety.READ,
            list_key="reservations",
        ),
        fetch,
        operation(
            f"Update{kind}Reservation",
            "POST",
            path + "/{Sid}",
            update_params,
            model,
            safety=Safety.TRANSITION,
            checks=(required_by_instruction(required),),
            read_back=ReadBack(
                fetch,
                shows_status,
                observable=lambda arguments: status_asked(arguments) is not None,
            ),
        ),
    )


LIST_TASK_RESERVATIONS, FETCH_TASK_RESERVATION, UPDATE_TASK_RESERVATION = _operations(
    "Task",
    TASK_RESERVATIONS,
    list_params=ListTaskReservationParams,
    update_params=UpdateTaskReservationParams,
    model=Reservation,
    required=_TASK_PATH_REQUIRES,
)
LIST_WORKER_RESERVATIONS, FETCH_WORKER_RESERVATION, UPDATE_WORKER_RESERVATION = _operations(
    "Worker",
    WORKER_RESERVATIONS,
    list_params=ListWorkerReservationParams,
    update_params=UpdateWorkerReservationParams,
    model=WorkerReservation,
    required=_WORKER_PATH_REQUIRES,
)
