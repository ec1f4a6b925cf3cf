"""Reservations: the arguments each instruction needs, and the status an update leads to.

An update carries one instruction's parameters; Twilio documents what each instruction
requires, which the spec leaves optional. The generated operations (``_generated``) name
these checks and predicates.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from .._errors import InvalidArgumentError
from .._models import Reservation
from .._operation import Check

InstructionLiteral = Literal["conference", "dequeue", "call", "redirect", "supervise"]


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


WORKER_PATH_REQUIRES = {
    "dequeue": ("dequeue_from",),
    "call": ("call_from", "call_url"),
    "redirect": ("redirect_call_sid", "redirect_url"),
}
TASK_PATH_REQUIRES = {**WORKER_PATH_REQUIRES, "supervise": ("supervisor",)}


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


def status_observable(arguments: Mapping[str, object]) -> bool:
    """Whether an update with ``arguments`` leaves a status to read back."""
    return status_asked(arguments) is not None


def shows_status(reservation: Reservation, arguments: Mapping[str, object]) -> bool:
    """Whether ``reservation`` is in the status the update asked for."""
    return reservation.reservation_status == status_asked(arguments)
