"""TaskRouter's rules, checked before anything changes (pure, no state).

ETag preconditions, the status moves a request may ask, instructions and what they need,
and the order of a Task list.
"""

from __future__ import annotations

from collections.abc import Callable

from ._forms import Form, flag, one
from ._paging import SortKey
from ._records import (
    FINAL,
    TASK_STATUSES,
    EmulatorError,
    ReservationRecord,
    TaskRecord,
    bad_request,
    etag,
)

TASK_MOVES = {  # status set by a request: the statuses it may come from
    "canceled": {"pending", "reserved"},
    "wrapping": {"assigned"},
    "completed": {"assigned", "wrapping"},
}
RESERVATION_MOVES = {  # status set by a request: (statuses it may come from, Task status)
    "accepted": ({"pending"}, "assigned"),
    "rejected": ({"pending"}, "pending"),
    "wrapping": ({"accepted"}, "wrapping"),
    "completed": ({"accepted", "wrapping"}, "completed"),
}


def task_order(ordering: str | None) -> Callable[[TaskRecord], SortKey]:
    """ListTask's ``Ordering`` (default ``DateCreated:asc``) as a sort key; else a 400."""
    pairs = [p.split(":", 1) for p in (ordering or "DateCreated:asc").split(",")]
    if any(len(p) != 2 or p[0] not in _ORDER_KEYS or p[1] not in {"asc", "desc"} for p in pairs):
        raise bad_request(
            "Ordering must be Attribute:asc|desc pairs, Attribute one of DateCreated, "
            "Priority, VirtualStartTime"
        )
    if {"DateCreated", "VirtualStartTime"} <= {p[0] for p in pairs}:
        raise bad_request("Ordering cannot combine DateCreated and VirtualStartTime")
    signs = [(_ORDER_KEYS[name], -1 if order == "desc" else 1) for name, order in pairs]
    return lambda task: (*(sign * value(task) for value, sign in signs), task.sequence)


def reservation_order(reservation: ReservationRecord) -> SortKey:
    """Reservations list oldest first."""
    return (reservation.sequence,)


_ORDER_KEYS: dict[str, Callable[[TaskRecord], float]] = {
    "DateCreated": lambda task: task.date_created.timestamp(),
    "Priority": lambda task: task.priority,
    "VirtualStartTime": lambda task: task.virtual_start_time.timestamp(),
}


def check_version(if_match: str | None, version: int) -> None:
    """A stale ``If-Match`` is a 412 (Twilio error 20412)."""
    if if_match is not None and if_match != etag(version):
        raise EmulatorError(
            412,
            20412,
            f"Precondition Failed: If-Match {if_match} does not match the current version "
            f"{etag(version)}",
        )


def check_task_move(task: TaskRecord, status: str, reason: str | None) -> None:
    """An ``AssignmentStatus`` a request may set from the Task's status; else a 400."""
    if status not in TASK_STATUSES:
        raise bad_request(f"AssignmentStatus {status!r} is not a Task status")
    if task.assignment_status not in TASK_MOVES.get(status, set()):
        raise bad_request(f"Cannot move Task {task.sid} from {task.assignment_status} to {status}")
    if status in FINAL and not reason:
        raise bad_request(f"Reason is required to move a Task to {status}")


def check_reservation_move(reservation: ReservationRecord, status: str) -> None:
    """A ``ReservationStatus`` a request may set from the Reservation's; else a 400."""
    if status not in RESERVATION_MOVES:
        raise bad_request(f"ReservationStatus {status!r} cannot be set by a request")
    if reservation.reservation_status not in RESERVATION_MOVES[status][0]:
        raise bad_request(
            f"Cannot move Reservation {reservation.sid} from "
            f"{reservation.reservation_status} to {status}"
        )


def check_instruction(reservation: ReservationRecord, instruction: str, form: Form) -> str | None:
    """Check an instruction; return the status it moves the Reservation to (if any)."""
    rules = {  # instruction: (required, error code when not pending, accepts it)
        "dequeue": (("DequeueFrom",), 20001, True),
        "call": (("CallFrom", "CallUrl"), 40114, flag(one(form, "CallAccept")) is True),
        "redirect": (
            ("RedirectCallSid", "RedirectUrl"),
            40123,
            flag(one(form, "RedirectAccept")) is True,
        ),
        "conference": ((), 40136, True),
    }
    if instruction == "supervise":
        if "Supervisor" not in form:
            raise bad_request("Supervisor is required for the supervise instruction")
        if reservation.reservation_status != "accepted":
            raise bad_request("The supervise instruction needs an accepted Reservation", 40146)
        return None
    if instruction not in rules:
        raise bad_request(f"Unknown instruction {instruction!r}")
    required, code, accepts = rules[instruction]
    for name in required:
        if not one(form, name):
            raise bad_request(f"{name} is required for the {instruction} instruction")
    if reservation.reservation_status != "pending":
        raise bad_request(
            f"Reservation {reservation.sid} is {reservation.reservation_status}, "
            f"not pending: cannot {instruction}",
            code,
        )
    return "accepted" if accepts else None
