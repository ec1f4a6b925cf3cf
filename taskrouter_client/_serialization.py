"""JSON bodies in, models out (and back): the one place that knows Twilio's wire forms.

Wire forms: ISO 8601 datetimes (``datetime.fromisoformat``; python-dateutil only for forms it
lacks, imported then), open enums, strict scalars (a string where an integer belongs is an
error, not a guess), JSON objects and arrays made read-only (``_frozen``). Unknown body fields
are kept in ``extra_fields``.

Each model is read by a parser generated for it (``_parsers``); the SDK's own cattrs
converter (never the global one, made and imported on first use) holds the hooks for the
field types a parser does not write inline, and structures models nested in other types.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin

import attrs

from ._enums import OpenStrEnum
from ._errors import InvalidArgumentError
from ._frozen import EMPTY, FrozenDict, freeze
from ._http_info import HTTPInfo
from ._models import SDK_FIELDS, Model

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "StructureError",
    "configure_converter",
    "converter",
    "make_converter",
    "model_from_dict",
    "structure_model",
    "unstructure_model",
]

M = TypeVar("M")
Hook = Callable[[Any, Any], Any]

UTC = timezone.utc


class StructureError(ValueError):
    """A JSON value that does not fit its model, and where it is. Strictly private."""

    def __init__(self, problem: str, path: tuple[str, ...] = ()) -> None:
        super().__init__(problem, path)
        self.problem = problem
        self.path = path

    def __str__(self) -> str:
        return f"{'.'.join(self.path)}: {self.problem}" if self.path else self.problem

    def within(self, name: str) -> StructureError:
        """The same problem, seen from one level further out (``links.workflow: ...``)."""
        return StructureError(self.problem, (name, *self.path))


def mismatch(expected: str, value: object) -> StructureError:
    """The error for ``value`` where ``expected`` (e.g. "a string") belongs."""
    return StructureError(f"expected {expected}, got {json_type(value)}")


def json_type(value: object) -> str:
    """How an error names the JSON type of ``value`` (never the value: it may be private)."""
    names = {
        dict: "object",
        list: "array",
        str: "string",
        int: "integer",
        float: "number",
        bool: "boolean",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


SCALARS = (str, int, bool)
"""The JSON scalar types fields hold as they are, checked exactly."""

EXPECTED: dict[object, str] = {
    str: "a string",
    int: "an integer",
    bool: "true or false",
    datetime: "an ISO 8601 date-time string",
}
"""How an error names each type a field may require."""


def structure_model(cls: type[M], data: object, *, etag: str | None, http: HTTPInfo | None) -> M:
    """Build a model from one decoded JSON object, keeping its unknown fields.

    Raises:
        StructureError: ``data`` is not a JSON object, or a field is missing or of the
            wrong type.
    """
    from ._parsers import parser  # noqa: PLC0415  # built on first use, with cattrs

    parse: Callable[[object, str | None, HTTPInfo | None], M] = parser(cls)
    return parse(data, etag, http)


def model_from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
    """``Model.from_dict``: a model from its JSON form, bad input an InvalidArgumentError."""
    if not isinstance(data, Mapping):
        raise InvalidArgumentError("data", f"expected a mapping, got {type(data).__name__}")
    try:
        return structure_model(cls, dict(data), etag=None, http=None)
    except StructureError as exc:
        raise InvalidArgumentError("data", f"not a valid {cls.__name__}: {exc}") from None


def unstructure_model(model: Model) -> dict[str, Any]:
    """``Model.to_dict``: the JSON form of a model, unknown fields included."""
    data = {
        field.name: _json_value(getattr(model, field.name))
        for field in attrs.fields(type(model))
        if field.name not in SDK_FIELDS
    }
    for key, value in model.extra_fields.items():
        data.setdefault(key, _json_value(value))
    return data


def _json_value(value: object) -> object:
    if isinstance(value, datetime):
        return as_utc(value).isoformat().replace("+00:00", "Z")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Model):
        return unstructure_model(value)
    if isinstance(value, Mapping):
        return {key: _json_value(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_json_value(item) for item in value]
    return value


# -- datetimes ------------------------------------------------------------------------------


def fromisoformat_with_z(text: str) -> datetime:
    """``datetime.fromisoformat`` taught the ``Z`` suffix, which Python 3.10's lacks."""
    return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)


# 3.11 reads "Z" and most ISO 8601 forms itself; on 3.10 dateutil reads more of the rest.
fromisoformat = datetime.fromisoformat if sys.version_info >= (3, 11) else fromisoformat_with_z


def as_utc(value: datetime) -> datetime:
    """An aware datetime in UTC (a naive one is taken to be UTC already)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def datetime_fallback(text: str) -> datetime:
    """Read a date-time ``fromisoformat`` refused, with python-dateutil, or fail."""
    from dateutil.parser import isoparse  # noqa: PLC0415  # rarely needed: import when it is

    try:
        return isoparse(text)
    except (ValueError, OverflowError):
        problem = f"expected {EXPECTED[datetime]}, got another string"
        raise StructureError(problem) from None


def parse_datetime(value: object) -> datetime:
    """Twilio's ISO 8601 date-time string as an aware UTC datetime."""
    if type(value) is not str:
        raise mismatch(EXPECTED[datetime], value)
    try:
        parsed = fromisoformat(value)
    except ValueError:
        parsed = datetime_fallback(value)
    return parsed if parsed.tzinfo is UTC else read_as_utc(parsed)


def read_as_utc(value: datetime) -> datetime:
    """:func:`as_utc` for a datetime read from JSON, which may not fit in UTC."""
    try:
        return as_utc(value)
    except OverflowError:  # an offset that moves 0001-01-01 or 9999-12-31 out of range
        problem = f"expected {EXPECTED[datetime]}, got one out of range in UTC"
        raise StructureError(problem) from None


# -- the converter --------------------------------------------------------------------------


@cache
def converter() -> cattrs.Converter:
    """The SDK's converter, made on first use (cattrs is imported then)."""
    return make_converter()


def make_converter() -> cattrs.Converter:
    """A new converter configured for TaskRouter models."""
    import cattrs  # noqa: PLC0415  # kept out of `import taskrouter_client`

    made = cattrs.Converter(forbid_extra_keys=False, detailed_validation=True)
    configure_converter(made)
    return made


def configure_converter(conv: cattrs.Converter) -> None:
    """Register the TaskRouter hooks on ``conv``."""
    conv.register_structure_hook(datetime, lambda value, _: parse_datetime(value))
    for kind in SCALARS:
        conv.register_structure_hook(kind, exactly(kind))
    conv.register_structure_hook(HTTPInfo, lambda value, _: value)
    # Registered by class, not predicate: open enums are str subclasses, and a class
    # registration for str would otherwise win and return plain strings.
    conv.register_structure_hook(OpenStrEnum, _structure_open_enum)
    conv.register_structure_hook_func(lambda kind: kind is Any, lambda value, _: freeze(value))
    conv.register_structure_hook_factory(_is_mapping, _mapping_of(conv))
    conv.register_structure_hook_factory(_is_sequence, _sequence_of(conv))
    conv.register_structure_hook_factory(is_optional, _optional_of(conv))
    conv.register_structure_hook_factory(_is_model, _model_hook)


def exactly(kind: type) -> Hook:
    """A hook accepting values of exactly ``kind`` (JSON true is not an integer)."""
    expected = EXPECTED[kind]

    def structure(value: object, _: object) -> object:
        if type(value) is kind:
            return value
        raise mismatch(expected, value)

    return structure


def is_optional(kind: object) -> bool:
    """Whether ``kind`` is ``X | None``."""
    args = get_args(kind)
    return get_origin(kind) in {Union, types.UnionType} and len(args) == 2 and type(None) in args


def _optional_of(conv: cattrs.Converter) -> Callable[[Any], Hook]:
    """Hooks for ``X | None``: the hook for X is found once, not per value."""

    def factory(kind: Any) -> Hook:
        (inner,) = (arg for arg in get_args(kind) if arg is not type(None))
        hook = conv.get_structure_hook(inner)
        return lambda value, _: None if value is None else hook(value, inner)

    return factory


def _is_mapping(kind: object) -> bool:
    return kind in {dict, Mapping} or get_origin(kind) in {dict, Mapping}


def _mapping_of(conv: cattrs.Converter) -> Callable[[Any], Hook]:
    """Hooks for ``Mapping[str, X]``: a JSON object, its values X, held as a FrozenDict."""

    def factory(kind: Any) -> Hook:
        args = get_args(kind)
        item_kind = args[1] if len(args) == 2 else Any
        item = conv.get_structure_hook(item_kind)

        def structure(value: object, _: object) -> FrozenDict:
            if not isinstance(value, dict):
                raise mismatch("a JSON object", value)
            if not value:
                return EMPTY
            return FrozenDict({key: _at(key, item, each, item_kind) for key, each in value.items()})

        return structure

    return factory


def _is_sequence(kind: object) -> bool:
    return get_origin(kind) in {list, Sequence}


def _sequence_of(conv: cattrs.Converter) -> Callable[[Any], Hook]:
    """Hooks for ``Sequence[X]``: a JSON array, its items X, held as a tuple."""

    def factory(kind: Any) -> Hook:
        (item_kind,) = get_args(kind)
        item = conv.get_structure_hook(item_kind)

        def structure(value: object, _: object) -> tuple[object, ...]:
            if not isinstance(value, list | tuple):
                raise mismatch("a JSON array", value)
            return tuple(_at(str(n), item, each, item_kind) for n, each in enumerate(value))

        return structure

    return factory


def _at(where: str, hook: Hook, value: object, kind: object) -> object:
    try:
        return hook(value, kind)
    except StructureError as exc:
        raise exc.within(where) from None


def _is_model(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, Model)


def _model_hook(kind: type[Model]) -> Hook:
    """Models inside models (and ``converter().structure(data, Task)``)."""
    return lambda value, _: structure_model(kind, value, etag=None, http=None)


def _structure_open_enum(value: object, cls: type[OpenStrEnum]) -> OpenStrEnum:
    if type(value) is not str:
        raise mismatch(EXPECTED[str], value)
    return cls(value)
