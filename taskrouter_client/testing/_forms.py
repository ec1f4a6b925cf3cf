"""Reading request parameters (form body or query) as TaskRouter checks them: a 400 if not."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, timezone

from ._records import bad_request

Form = Mapping[str, Sequence[str]]


def one(form: Form, name: str) -> str | None:
    """The (last) value of parameter ``name``, or None."""
    values = form.get(name)
    return values[-1] if values else None


def integer(form: Form, name: str, minimum: int, maximum: int) -> int | None:
    """Parameter ``name`` as an int within ``minimum..maximum``, or None; else a 400."""
    text = one(form, name)
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        raise bad_request(f"{name} must be an integer") from None
    if not minimum <= value <= maximum:
        raise bad_request(f"{name} must be between {minimum} and {maximum}")
    return value


def flag(text: str | None) -> bool | None:
    """A boolean parameter's value, or None when absent."""
    return None if text is None else text.lower() in {"true", "1", "yes"}


def attributes(form: Form) -> str | None:
    """``Attributes``: JSON text of an object, or None when absent; else a 400."""
    text = one(form, "Attributes")
    if text is None:
        return None
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        raise bad_request("Attributes must be a JSON object") from None
    if not isinstance(parsed, dict):
        raise bad_request("Attributes must be a JSON object")
    return text


def timestamp(form: Form, name: str, now: datetime) -> datetime | None:
    """An ISO 8601 date-time, not in the future nor before 1900, or None; else a 400."""
    text = one(form, name)
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise bad_request(f"{name} must be an ISO 8601 date-time") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    if value > now + timedelta(seconds=1) or value.year < 1900:
        raise bad_request(f"{name} must not be in the future or before 1900")
    return value.astimezone(timezone.utc)
