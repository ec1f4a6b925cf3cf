"""The base of the API's str-valued enums: it keeps values it does not know yet.

Twilio adds enum values without notice. A response holding a value this SDK does not list
parses anyway: the enum returns a member built for that value, equal to the plain string,
so ``task.assignment_status == "escalated"`` works and the value is never lost.

The enums themselves are generated from the spec (``_generated/enums.py``). Each enum ``X``
has a ``XLiteral`` alias listing its values, for annotating code that takes either form
(``def on(status: TaskStatus | TaskStatusLiteral)``); a test keeps the two equal.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

__all__ = ["OpenStrEnum"]


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
