"""What an app's answer to an assignment callback does to its Reservation.

Twilio's "Handling Assignment Callbacks": a ``200`` with ``Content-Type: application/json``
and an ``instruction`` (``accept``, ``reject``, ``dequeue``, ``call``, ``redirect``,
``conference``) is carried out as the same REST update would be (the same checks, the same
Events); ``{}`` or an empty body leaves the Reservation pending for the REST API. Anything
else leaves it pending too, with Twilio's warning code (EC-27): 40000 (not JSON by its
Content-Type), 40001 (not parseable JSON), 40005 (no ``instruction``), 55555 (an unknown
one). A refused instruction (a check failed, the Reservation is no longer pending) is
recorded with the error's code.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ._records import EmulatorError
from ._tasks import update_reservation

if TYPE_CHECKING:
    from ._store import Store

# instruction: (the REST form's fixed part, callback key -> REST parameter)
_INSTRUCTIONS: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "accept": ({"ReservationStatus": "accepted"}, {}),
    "reject": ({"ReservationStatus": "rejected"}, {"activity_sid": "WorkerActivitySid"}),
    "dequeue": (
        {"Instruction": "dequeue"},
        {
            "from": "DequeueFrom",
            "to": "DequeueTo",
            "post_work_activity_sid": "DequeuePostWorkActivitySid",
            "timeout": "DequeueTimeout",
            "record": "DequeueRecord",
            "status_callback_url": "DequeueStatusCallbackUrl",
            "status_callback_events": "DequeueStatusCallbackEvent",
        },
    ),
    "call": (
        {"Instruction": "call"},
        {
            "from": "CallFrom",
            "to": "CallTo",
            "url": "CallUrl",
            "accept": "CallAccept",
            "record": "CallRecord",
            "timeout": "CallTimeout",
            "status_callback_url": "CallStatusCallbackUrl",
        },
    ),
    "redirect": (
        {"Instruction": "redirect"},
        {"call_sid": "RedirectCallSid", "url": "RedirectUrl", "accept": "RedirectAccept"},
    ),
    # The other keys are the REST names in snake_case; room_name has no REST twin (the
    # emulator places no calls) and is read as RoomName, which nothing reads.
    "conference": ({"Instruction": "conference"}, {"status_callback_url": "StatusCallback"}),
}


def outcome(content_type: str | None, body: bytes) -> tuple[dict[str, list[str]] | None, str]:
    """The REST form an answer asks for (None: nothing to do), and what to record of it."""
    try:
        answer = _decode(content_type, body)
    except _PendingError as why:
        return None, str(why)
    if not isinstance(answer, dict) or "instruction" not in answer:
        return None, "pending: 40005 no instruction in the answer"
    name = answer["instruction"]
    if name not in _INSTRUCTIONS:
        return None, f"pending: 55555 Invalid Instruction {name!r}"
    fixed, keys = _INSTRUCTIONS[name]
    form = {key: [value] for key, value in fixed.items()}
    for key, value in answer.items():
        wire = keys.get(key) or (_pascal(key) if name == "conference" else None)
        if key != "instruction" and wire is not None:
            form[wire] = [_text(value)]
    return form, str(name)


class _PendingError(Exception):
    """An answer that leaves the Reservation pending; its text says why."""


def _decode(content_type: str | None, body: bytes) -> Any:
    if not body.strip():
        raise _PendingError("pending")
    if (content_type or "").split(";")[0].strip().lower() != "application/json":
        raise _PendingError("pending: 40000 Content-Type of 'application/json' not set")
    try:
        answer = json.loads(body)
    except (ValueError, RecursionError):
        raise _PendingError(
            "pending: 40001 Could not parse Assignment Instruction response as JSON"
        ) from None
    if answer == {}:
        raise _PendingError("pending")
    return answer


def apply(
    store: Store, workspace_sid: str, reservation_sid: str, form: dict[str, list[str]]
) -> str:
    """Carry out an instruction on a Reservation (the caller holds the lock); what it did."""
    ws = store.workspaces.get(workspace_sid)
    reservation = ws.reservations.get(reservation_sid) if ws else None
    if ws is None or reservation is None:
        return "ignored: the Reservation is gone"
    store.catch_up()
    try:
        update_reservation(store, ws, reservation, form, None)
    except EmulatorError as error:
        return f"refused: {error.code} {error.message}"
    return reservation.reservation_status


def _pascal(key: str) -> str:
    return "".join(part.capitalize() for part in key.split("_"))


def _text(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)
