"""Reading a callback's form fields into typed values (pure; stdlib and attrs only).

A callback model declares each field once, with the form name Twilio posts and a parser::

    task_sid: str = attrs.field(metadata=posted("TaskSid", sid_of("WT")))  # required
    task_age: int | None = attrs.field(default=None, metadata=posted("TaskAge", count))

:func:`parse_form` reads every declared field, raising :class:`InvalidCallbackError` that
names the form field for one that is missing (when required) or does not parse, and keeps
the fields it does not know in ``extra_fields``. Values are never echoed in errors: task and
worker attributes are customer data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from enum import Enum
from typing import Any, TypeVar

import attrs
from attrs import AttrsInstance

from .._errors import TaskRouterError

__all__ = ["InvalidCallbackError", "parse_form"]

Parser = Callable[[str, str], Any]
"""Turns one field's text into its value, or raises InvalidCallbackError naming the field."""

_SPEC = "taskrouter_client.webhooks.field"
_SID = re.compile(r"[A-Za-z]{2}[0-9a-fA-F]{32}")
_COUNT = re.compile(r"\d+")
_EPOCH = re.compile(r"\d+(\.\d+)?")

M = TypeVar("M", bound=AttrsInstance)


class InvalidCallbackError(TaskRouterError, ValueError):
    """A callback lacks a field Twilio always sends, or holds one that does not parse.

    Attributes:
        field: The form field at fault, named as Twilio posts it (``TaskSid``).

    .. versionadded:: 0.2.0
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(f"{field}: {problem}")


def text(_field: str, raw: str) -> str:
    """The text as posted."""
    return raw


def sid_of(prefix: str) -> Parser:
    """A SID with the given two-letter prefix (``^{prefix}[0-9a-fA-F]{32}$``)."""

    def parse(field: str, raw: str) -> str:
        if _SID.fullmatch(raw) and raw.startswith(prefix):
            return raw
        raise InvalidCallbackError(field, f"expected a SID matching ^{prefix}[0-9a-fA-F]{{32}}$")

    return parse


def any_sid(field: str, raw: str) -> str:
    """A SID of any resource (two letters, 32 hex digits)."""
    if _SID.fullmatch(raw):
        return raw
    raise InvalidCallbackError(field, "expected a SID matching ^[a-zA-Z]{2}[0-9a-fA-F]{32}$")


def count(field: str, raw: str) -> int:
    """A whole number of at least 0."""
    if _COUNT.fullmatch(raw.strip()):
        return int(raw)
    raise InvalidCallbackError(field, "expected a whole number of at least 0")


def flag(field: str, raw: str) -> bool:
    """``true`` or ``false`` (any case)."""
    lowered = raw.strip().lower()
    if lowered in {"true", "false"}:
        return lowered == "true"
    raise InvalidCallbackError(field, "expected true or false")


def json_object(field: str, raw: str) -> dict[str, Any]:
    """JSON text holding an object, decoded."""
    try:
        decoded = json.loads(raw)
    except ValueError:
        raise InvalidCallbackError(
            field, "expected a JSON object, got text that is not JSON"
        ) from None
    if not isinstance(decoded, dict):
        raise InvalidCallbackError(
            field, f"expected a JSON object, got JSON {type(decoded).__name__}"
        )
    return decoded


def moment(field: str, raw: str) -> datetime:
    """A moment, as Unix seconds, ISO 8601 or RFC 2822; always returned timezone-aware UTC.

    A time without a zone is taken as UTC, the zone Twilio reports in.
    """
    value = raw.strip()
    try:
        if _EPOCH.fullmatch(value):
            return datetime.fromtimestamp(float(value), tz=timezone.utc)
        if value[:4].isdigit():
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        else:
            parsed = parsedate_to_datetime(value)
    except (ValueError, TypeError, OverflowError, OSError):
        raise InvalidCallbackError(
            field, "expected a time (Unix seconds, ISO 8601 or RFC 2822)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def member_of(enum: type[Enum]) -> Parser:
    """A value of an open str enum (values it does not list are kept, never refused)."""

    def parse(_field: str, raw: str) -> Any:
        return enum(raw)

    return parse


def posted(wire: str, parse: Parser = text) -> dict[str, tuple[str, Parser]]:
    """The ``metadata`` of a model field read from the form field ``wire`` with ``parse``.

    A field with no default is required; one defaulting to None is optional.
    """
    return {_SPEC: (wire, parse)}


def attributes_repr(value: Mapping[str, Any] | None) -> str:
    """Show only the size of customer attributes in reprs."""
    return "None" if value is None else f"<{len(value)} keys>"


def parse_form(model: type[M], form: Mapping[str, str]) -> M:
    """Build ``model`` from a callback's form fields (see the module docstring).

    An optional field posted empty counts as absent, except for text, where empty is a value.
    """
    values: dict[str, Any] = {}
    known: set[str] = set()
    for attribute in attrs.fields(model):
        spec = attribute.metadata.get(_SPEC)
        if spec is None:
            continue
        wire, parse = spec
        is_required = attribute.default is attrs.NOTHING
        known.add(wire)
        raw = form.get(wire)
        if raw is None or (raw == "" and parse is not text and not is_required):
            if is_required:
                raise InvalidCallbackError(wire, "missing: Twilio always sends this field")
            continue
        values[attribute.name] = parse(wire, raw)
    values["extra_fields"] = {name: value for name, value in form.items() if name not in known}
    return model(**values)
