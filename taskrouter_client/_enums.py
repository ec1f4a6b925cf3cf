"""Str-valued enums of the TaskRouter API that keep values they do not know yet.

Twilio adds enum values without notice. A response holding a value this SDK does not list
parses anyway: the enum returns a member built for that value, equal to the plain string,
so ``task.assignment_status == "escalated"`` works and the value is never lost.

Each enum ``X`` has a ``XLiteral`` alias listing its values, for annotating code that takes
either form (``def on(status: TaskStatus | TaskStatusLiteral)``); a test keeps the two equal.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal

__all__ = [
    "CallStatus",
    "CallStatusLiteral",
    "ConferenceEvent",
    "ConferenceEventLiteral",
    "OpenStrEnum",
    "ReservationStatus",
    "ReservationStatusLiteral",
    "SupervisorMode",
    "SupervisorModeLiteral",
    "TaskStatus",
    "TaskStatusLiteral",
]


class OpenStrEnum(str, Enum):
    """A str-valued enum that accepts values it does not list.

    Members compare equal to their string value. An unknown value gives a member that is not
    one of the class's listed members (``list(TaskStatus)`` does not grow) but still compares,
    hashes, formats and serialises as its string.

    .. versionadded:: 0.1.0
    """

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, format_spec: str) -> str:
        return str.__format__(str(self), format_spec)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """Whether this value is one the SDK lists (False for values Twilio added since)."""
        return type(self).__members__.get(self._name_) is self


class TaskStatus(OpenStrEnum):
    """A Task's ``assignment_status`` (spec enum ``task_enum_status``).

    .. versionadded:: 0.1.0
    """

    PENDING = "pending"
    RESERVED = "reserved"
    ASSIGNED = "assigned"
    CANCELED = "canceled"
    COMPLETED = "completed"
    WRAPPING = "wrapping"


TaskStatusLiteral = Literal["pending", "reserved", "assigned", "canceled", "completed", "wrapping"]
"""The values of :class:`TaskStatus`, as a ``Literal`` type.

.. versionadded:: 0.2.0
"""


class ReservationStatus(OpenStrEnum):
    """A Reservation's ``reservation_status``.

    Spec enums ``task_reservation_enum_status`` and ``worker_reservation_enum_status``, which
    hold the same values.

    .. versionadded:: 0.1.0
    """

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    TIMEOUT = "timeout"
    CANCELED = "canceled"
    RESCINDED = "rescinded"
    WRAPPING = "wrapping"
    COMPLETED = "completed"


ReservationStatusLiteral = Literal[
    "pending", "accepted", "rejected", "timeout", "canceled", "rescinded", "wrapping", "completed"
]
"""The values of :class:`ReservationStatus`, as a ``Literal`` type.

.. versionadded:: 0.2.0
"""


class CallStatus(OpenStrEnum):
    """A call event to be told about (``status_callback_event``).

    .. versionadded:: 0.1.0
    """

    INITIATED = "initiated"
    RINGING = "ringing"
    ANSWERED = "answered"
    COMPLETED = "completed"


CallStatusLiteral = Literal["initiated", "ringing", "answered", "completed"]
"""The values of :class:`CallStatus`, as a ``Literal`` type.

.. versionadded:: 0.2.0
"""


class ConferenceEvent(OpenStrEnum):
    """A conference event to be told about (``conference_status_callback_event``).

    .. versionadded:: 0.1.0
    """

    START = "start"
    END = "end"
    JOIN = "join"
    LEAVE = "leave"
    MUTE = "mute"
    HOLD = "hold"
    SPEAKER = "speaker"


ConferenceEventLiteral = Literal["start", "end", "join", "leave", "mute", "hold", "speaker"]
"""The values of :class:`ConferenceEvent`, as a ``Literal`` type.

.. versionadded:: 0.2.0
"""


class SupervisorMode(OpenStrEnum):
    """How a supervisor joins a call (``supervisor_mode`` of the supervise instruction).

    .. versionadded:: 0.1.0
    """

    MONITOR = "monitor"
    WHISPER = "whisper"
    BARGE = "barge"


SupervisorModeLiteral = Literal["monitor", "whisper", "barge"]
"""The values of :class:`SupervisorMode`, as a ``Literal`` type.

.. versionadded:: 0.2.0
"""
