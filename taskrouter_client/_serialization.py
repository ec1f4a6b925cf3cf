"""The SDK's own cattrs converter: JSON bodies in, models out.

Never the global converter. Hooks here are the only place that knows Twilio's wire forms:
ISO 8601 datetimes (python-dateutil for the forms ``datetime.fromisoformat`` lacks), open
enums, and strict primitives (a string where an integer belongs is an error, not a guess).
Unknown body fields are kept in ``extra_fields``.
"""

from __future__ import annotations

import types
from datetime import datetime, timezone
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from dateutil.parser import isoparse

from ._enums import OpenStrEnum
from ._http_info import HTTPInfo
from ._models import SDK_FIELDS

__all__ = ["configure_converter", "make_converter", "structure_model"]

M = TypeVar("M")


def make_converter() -> cattrs.Converter:
    """A new converter configured for TaskRouter models."""
    converter = cattrs.Converter(forbid_extra_keys=False, detailed_validation=True)
    configure_converter(converter)
    return converter


def configure_converter(converter: cattrs.Converter) -> None:
    """Register the TaskRouter hooks on ``converter``."""
    converter.register_structure_hook(datetime, _structure_datetime)
    for kind in _PRIMITIVES:
        converter.register_structure_hook(kind, _exactly(kind))
    converter.register_structure_hook(HTTPInfo, _as_is)
    # Registered by class, not predicate: open enums are str subclasses, and a class
    # registration for str would otherwise win and return plain strings.
    converter.register_structure_hook(OpenStrEnum, _structure_open_enum)
    converter.register_structure_hook_factory(_is_optional, _optional_of(converter))


def structure_model(cls: type[M], data: object, *, etag: str | None, http: HTTPInfo | None) -> M:
    """Build a model from one decoded JSON object, keeping its unknown fields.

    Raises:
        TypeError: ``data`` is not a JSON object.
        cattrs.BaseValidationError: A field is missing or of the wrong type.
    """
    if not isinstance(data, dict):
        msg = f"expected a JSON object, got {_json_type(data)}"
        raise TypeError(msg)
    known = _json_fields(cls)
    extra = {key: value for key, value in data.items() if key not in known}
    return _CONVERTER.structure({**data, "etag": etag, "http": http, "extra_fields": extra}, cls)


_JSON_FIELDS: dict[type, frozenset[str]] = {}


def _json_fields(cls: type) -> frozenset[str]:
    known = _JSON_FIELDS.get(cls)
    if known is None:
        known = _JSON_FIELDS[cls] = frozenset(a.name for a in attrs.fields(cls)) - SDK_FIELDS
    return known


def _structure_datetime(value: object, _: type) -> datetime:
    if not isinstance(value, str):
        msg = f"expected an ISO 8601 date-time string, got {_json_type(value)}"
        raise TypeError(msg)
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = isoparse(value)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


_PRIMITIVES = (str, int, bool)


def _exactly(kind: type[M], *, or_none: bool = False) -> Any:
    def structure(value: object, _: type) -> M | None:
        # bool is an int subclass, but JSON true is not an integer.
        if type(value) is kind or (or_none and value is None):
            return value
        expected = f"{kind.__name__} or null" if or_none else kind.__name__
        msg = f"expected {expected}, got {_json_type(value)}"
        raise TypeError(msg)

    return structure


def _is_optional(kind: object) -> bool:
    args = get_args(kind)
    return get_origin(kind) in {Union, types.UnionType} and len(args) == 2 and type(None) in args


def _optional_of(converter: cattrs.Converter) -> Any:
    """Hooks for ``X | None`` fields (most fields): the hook for X is found once, not per value."""

    def factory(kind: Any) -> Any:
        (inner,) = (arg for arg in get_args(kind) if arg is not type(None))
        if inner in _PRIMITIVES:
            return _exactly(inner, or_none=True)
        hook = converter.get_structure_hook(inner)

        def structure(value: object, _: type) -> object:
            return None if value is None else hook(value, inner)

        return structure

    return factory


def _as_is(value: object, _: type) -> object:
    return value


def _structure_open_enum(value: object, cls: type[OpenStrEnum]) -> OpenStrEnum:
    if not isinstance(value, str):
        msg = f"expected a string, got {_json_type(value)}"
        raise TypeError(msg)
    return cls(value)


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), type(value).__name__)


_CONVERTER = make_converter()
