"""Reading request parameters (form body or query) as TaskRouter checks them: a 400 if not."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

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


def timestamp(form: Form, name: str, now: datetime, *, future: bool = False) -> datetime | None:
    """An ISO 8601 date-time, or None; a 400 if not one.

    It may not be before 1900, nor (unless ``future``) in the future.
    """
    text = one(form, name)
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise bad_request(f"{name} must be an ISO 8601 date-time") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    if (not future and value > now + timedelta(seconds=1)) or value.year < 1900:
        raise bad_request(f"{name} must not be in the future or before 1900")
    return value.astimezone(timezone.utc)


def required(form: Form, name: str) -> str:
    """A parameter the operation cannot do without; a 400 if missing or empty."""
    value = one(form, name)
    if not value:
        raise bad_request(f"Missing required parameter {name} in the post body")
    return value


def choice(form: Form, name: str, allowed: tuple[str, ...]) -> str | None:
    """Parameter ``name`` if it is one of ``allowed``, or None; else a 400."""
    value = one(form, name)
    if value is not None and value not in allowed:
        raise bad_request(f"{name} must be one of {', '.join(allowed)}")
    return value


def url(form: Form, name: str) -> str | None:
    """An absolute http(s) URL, or None (absent or empty: no URL); else a 400."""
    value = one(form, name)
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise bad_request(f"{name} must be an absolute http or https URL")
    return value


def window(form: Form, now: datetime) -> tuple[datetime, datetime]:
    """The period ``Minutes`` / ``StartDate`` / ``EndDate`` ask for (default: 15 minutes).

    A start more than 30 days back is a 400, as Twilio refuses it (error 14241's text).
    """
    minutes = integer(form, "Minutes", 1, 43_200)
    end = timestamp(form, "EndDate", now, future=True) or now
    start = timestamp(form, "StartDate", now)
    if start is None:
        start = now - timedelta(minutes=15 if minutes is None else minutes)
    if start < now - timedelta(days=30):
        raise bad_request("StartDate must be within the last 30 days")
    return start, end
