"""TaskRouter's rules, checked before anything changes (pure, no state).

ETag preconditions, the status moves a request may ask, instructions and what they need,
and the orders lists come in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from ._forms import Form, flag, one
from ._paging import SortKey
from ._records import (
    FINAL,
    TASK_STATUSES,
    EmulatorError,
    ReservationRecord,
    TaskQueue,
    TaskRecord,
    Worker,
    bad_request,
    etag,
)

TASK_MOVES = {  # status set by a request: the statuses it may come from
    "canceled": {"pending", "reserved"},
    "wrapping": {"assigned"},
    "completed": {"assigned", "wrapping"},
}
RESERVATION_MOVES = {  # status set by a request: the statuses it may come from
    "accepted": {"pending"},
    "rejected": {"pending"},
    "wrapping": {"accepted"},
    "completed": {"accepted", "wrapping"},
}


class Ordered(Protocol):
    """A record a list orders: by its fields, then by ``sequence`` (creation order)."""

    @property
    def sequence(self) -> int: ...


R = TypeVar("R", bound=Ordered)


def ordering(text: str | None, keys: dict[str, Callable[[R], float]]) -> Callable[[R], SortKey]:
    """A list's ``Ordering`` (``Key:asc|desc`` pairs; default creation order); else a 400."""
    pairs = [p.split(":", 1) for p in text.split(",")] if text else []
    if any(len(p) != 2 or p[0] not in keys or p[1] not in {"asc", "desc"} for p in pairs):
        raise bad_request(
            f"Ordering must be Attribute:asc|desc pairs, Attribute one of {', '.join(keys)}"
        )
    if {"DateCreated", "VirtualStartTime"} <= {p[0] for p in pairs}:
        raise bad_request("Ordering cannot combine DateCreated and VirtualStartTime")
    signs = [(keys[name], -1 if order == "desc" else 1) for name, order in pairs]
    return lambda item: (*(sign * value(item) for value, sign in signs), item.sequence)


def creation_order(item: Ordered) -> SortKey:
    """Oldest first."""
    return (item.sequence,)


TASK_ORDERING: dict[str, Callable[[TaskRecord], float]] = {
    "DateCreated": lambda task: task.date_created.timestamp(),
    "Priority": lambda task: task.priority,
    "VirtualStartTime": lambda task: task.virtual_start_time.timestamp(),
}
WORKER_ORDERING: dict[str, Callable[[Worker], float]] = {
    "DateCreated": lambda worker: worker.date_created.timestamp(),
    "DateStatusChanged": lambda worker: worker.date_status_changed.timestamp(),
}
QUEUE_ORDERING: dict[str, Callable[[TaskQueue], float]] = {
    "DateCreated": lambda queue: queue.date_created.timestamp(),
    "DateUpdated": lambda queue: queue.date_updated.timestamp(),
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
    if reservation.reservation_status not in RESERVATION_MOVES[status]:
        raise bad_request(
            f"Cannot move Reservation {reservation.sid} from "
            f"{reservation.reservation_status} to {status}"
        )


def check_instruction(reservation: ReservationRecord, instruction: str, form: Form) -> str | None:
    """Check an instruction; return the status it moves the Reservation to (if any)."""
    # instruction: (required parameter: Twilio's error code without it), the error code when
    # the Reservation is not pending, whether it accepts the Reservation
    rules: dict[str, tuple[dict[str, int], int, bool]] = {
        "dequeue": ({"DequeueFrom": 40132}, 40135, True),
        "call": (
            {"CallFrom": 40111, "CallUrl": 40112},
            40114,
            flag(one(form, "CallAccept")) is True,
        ),
        "redirect": (
            {"RedirectCallSid": 40121, "RedirectUrl": 40120},
            40123,
            flag(one(form, "RedirectAccept")) is True,
        ),
        "conference": ({}, 40136, True),
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
    for name, missing in required.items():
        if not one(form, name):
            raise bad_request(f"{name} is required for the {instruction} instruction", missing)
    if reservation.reservation_status != "pending":
        raise bad_request(
            f"Reservation {reservation.sid} is {reservation.reservation_status}, "
            f"not pending: cannot {instruction}",
            code,
        )
    return "accepted" if accepts else None
