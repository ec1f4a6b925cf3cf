"""One parser per model, generated on its first use: a JSON object in, a frozen model out.

A page of 1,000 Tasks holds 25,000 fields, so per-field hook calls and attrs' ``__init__`` (a
converter call and a frozen ``setattr`` call per field) cost more than decoding the JSON:
cattrs' generated ``make_dict_structure_fn`` with those measured 2.7x ``json.loads`` for a
page. The parser generated here reads each field once and, by the field's type:

- ``str``, ``int``, ``bool`` (or ``X | None``): checks ``type(v) is X`` inline;
- ``datetime``: ``fromisoformat`` inline, python-dateutil only for forms it refuses;
- an open enum: looks the member up inline (unknown values become new members);
- ``Mapping[str, <scalar>]`` (``links``): checks the values, keeps a read-only copy;
- anything else (JSON arrays, free-form JSON, nested models): calls the hook the SDK's cattrs
  converter gives for that type, found once when the parser is made (so cattrs is imported
  only for a model that has such a field).

The instance is filled by plain attribute stores on a private subclass without the frozen
``__setattr__`` (``_frozen.unfrozen``), then given its real class: ``__init__`` is not run, so
nothing is converted twice. A missing field takes its attrs default; a required one, or a value of
the wrong type, raises ``StructureError`` naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar, cast, get_args, get_origin, get_type_hints

import attrs

from ._enums import OpenStrEnum
from ._frozen import EMPTY, FrozenDict, freeze, unfrozen
from ._http_info import HTTPInfo
from ._models import SDK_FIELDS, Model
from ._serialization import (
    EXPECTED,
    SCALARS,
    UTC,
    StructureError,
    converter,
    datetime_fallback,
    fromisoformat,
    is_optional,
    mismatch,
    read_as_utc,
)

__all__ = ["parser"]

M = TypeVar("M")
Parser = Callable[[object, str | None, HTTPInfo | None], M]

_PARSERS: dict[type, Parser[Any]] = {}
_MISSING = object()
_FACTORY = cast("type", attrs.Factory)  # a class, though typed as the function that makes one


def parser(cls: type[M]) -> Parser[M]:
    """The parser for model ``cls``: ``parse(json_object, etag, http)``."""
    found = _PARSERS.get(cls)
    if found is None:
        found = _PARSERS[cls] = _generate(cls)
    return found


def _generate(cls: type[Any]) -> Parser[Any]:
    _check_parsable(cls)
    hints = get_type_hints(cls)
    names: dict[str, object] = {
        "_cls": cls,
        "_new": object.__new__,
        "_building": unfrozen(cls),
        "_MISSING": _MISSING,
        "_UTC": UTC,
        "_EMPTY": EMPTY,
        "_fromiso": fromisoformat,
        "_fallback": _datetime_fallback,
        "_as_utc": _as_utc,
        "_wrong": _wrong,
        "_wrong_item": _wrong_item,
        "_Frozen": FrozenDict,
        "_failed": _failed,
        "_not_object": _not_object,
        "_extra": _extra_fields,
    }
    lines = [
        "def parse(o, etag, http):",
        "    if type(o) is not dict: _not_object(o)",
        "    self = _new(_building)",
        "    absent = 0",
    ]
    known = []
    for field in attrs.fields(cls):
        name = field.name
        if name in SDK_FIELDS:
            continue
        known.append(name)
        lines += [f"    {line}" for line in _read_field(field, hints[name], names)]
        lines.append(f"    self.{name} = v")
    names["_known"] = frozenset(known)
    # Every key is a known field when the keys present number the known fields found.
    lines += [
        "    self.etag = etag",
        "    self.http = http",
        f"    all_known = len(o) + absent == {len(known)}",
        "    self.extra_fields = _EMPTY if all_known else _extra(o, _known)",
        "    self.__class__ = _cls",
        "    return self",
    ]
    code = compile("\n".join(lines), f"<parser of {cls.__qualname__}>", "exec")
    exec(code, names)  # noqa: S102  # our own code, written from the model's fields
    parse: Parser[Any] = names["parse"]  # type: ignore[assignment]  # exec made it
    return parse


def _check_parsable(cls: type[Any]) -> None:
    """Refuse, when the parser is made, a model whose ``__init__`` does work it would skip."""
    if not issubclass(cls, Model):
        msg = f"{cls!r} is not a Model"
        raise TypeError(msg)
    if getattr(cls, "__attrs_post_init__", None) is not Model.__attrs_post_init__:
        msg = f"{cls.__name__} has its own __attrs_post_init__, which parsing would not run"
        raise TypeError(msg)
    for field in attrs.fields(cls):
        if field.validator is not None or not field.init:
            msg = f"{cls.__name__}.{field.name}: validators and init=False are not parsed"
            raise TypeError(msg)


def _read_field(field: attrs.Attribute[Any], kind: Any, names: dict[str, object]) -> list[str]:
    """Lines leaving field ``field``'s parsed value in ``v``."""
    name = field.name
    default = field.default
    if default is attrs.NOTHING:
        absent = f"_wrong({name!r}, '', _MISSING)"
    elif isinstance(default, _FACTORY):
        msg = f"{name}: give model fields constant defaults (models are immutable), not factories"
        raise TypeError(msg)
    else:
        names[f"_d_{name}"] = default
        absent = f"v = _d_{name}; absent += 1"
    # A subscript in a try costs less than dict.get when, as in Twilio's bodies, the key is there.
    return [
        f"try: v = o[{name!r}]",
        f"except KeyError: {absent}",
        "else:",
        *_indent(_check_lines(name, kind, names)),
    ]


def _check_lines(name: str, kind: Any, names: dict[str, object]) -> list[str]:
    """Lines checking (and converting) a value ``v`` present for a field of type ``kind``."""
    optional = is_optional(kind)
    if optional:
        (kind,) = (arg for arg in get_args(kind) if arg is not type(None))
    if kind in SCALARS:  # the most common fields: one test when the value is right
        maybe_null = " and v is not None" if optional else ""
        wrong = _wrong_call(name, EXPECTED[kind], optional=optional)
        return [f"if type(v) is not {kind.__name__}{maybe_null}: {wrong}"]
    if kind is datetime:
        lines = [
            f"if type(v) is not str: {_wrong_call(name, EXPECTED[datetime], optional=optional)}",
            "try: v = _fromiso(v)",
            f"except ValueError: v = _fallback(v, {name!r})",
            f"if v.tzinfo is not _UTC: v = _as_utc(v, {name!r})",
        ]
    elif _is_scalar_map(kind):  # links: a read-only copy once each value is checked
        item = get_args(kind)[1].__name__
        lines = [
            f"if not isinstance(v, dict): {_wrong_call(name, 'a JSON object', optional=optional)}",
            "for w in v.values():",
            f"    if type(w) is not {item}: _wrong_item({name!r}, v, {item})",
            "v = _Frozen(v) if v else _EMPTY",
        ]
    elif isinstance(kind, type) and issubclass(kind, OpenStrEnum):
        names[f"_e_{name}"] = kind
        names[f"_m_{name}"] = kind._value2member_map_
        lines = [
            f"if type(v) is not str: {_wrong_call(name, EXPECTED[str], optional=optional)}",
            f"v = _m_{name}.get(v) or _e_{name}(v)",  # a new value makes a new member
        ]
    else:
        names[f"_h_{name}"] = converter().get_structure_hook(kind)
        names[f"_k_{name}"] = kind
        lines = [
            f"try: v = _h_{name}(v, _k_{name})",
            f"except Exception as e: _failed({name!r}, e)",
        ]
    return ["if v is not None:", *_indent(lines)] if optional else lines


def _is_scalar_map(kind: Any) -> bool:
    args = get_args(kind)
    return get_origin(kind) in {dict, Mapping} and len(args) == 2 and args[1] in SCALARS


def _wrong_call(name: str, expected: str, *, optional: bool) -> str:
    """The call that reports a wrong value ``v`` for field ``name``."""
    if optional:
        expected += " or null"
    return f"_wrong({name!r}, {expected!r}, v)"


def _indent(lines: list[str]) -> list[str]:
    return [f"    {line}" for line in lines]


def _wrong(name: str, expected: str, value: object) -> None:
    if value is _MISSING:
        raise StructureError("required, but missing", (name,))
    raise mismatch(expected, value).within(name)


def _wrong_item(name: str, mapping: dict[str, object], kind: type) -> None:
    key, value = next((k, v) for k, v in mapping.items() if type(v) is not kind)
    raise mismatch(EXPECTED[kind], value).within(key).within(name)


def _failed(name: str, error: Exception) -> None:
    """A hook failed on field ``name``: say so as a StructureError."""
    if isinstance(error, StructureError):
        raise error.within(name) from None
    from cattrs import BaseValidationError, transform_error  # noqa: PLC0415  # its hook raised

    if isinstance(error, BaseValidationError):
        problem = "; ".join(transform_error(error, path=name))
        raise StructureError(problem) from None
    raise StructureError(str(error) or type(error).__name__, (name,)) from None


def _not_object(value: object) -> None:
    raise mismatch("a JSON object", value)


def _datetime_fallback(text: str, name: str) -> datetime:
    try:
        return datetime_fallback(text)
    except StructureError as exc:
        raise exc.within(name) from None


def _as_utc(value: datetime, name: str) -> datetime:
    try:
        return read_as_utc(value)
    except StructureError as exc:
        raise exc.within(name) from None


def _extra_fields(data: dict[str, Any], known: frozenset[str]) -> FrozenDict:
    return FrozenDict({key: freeze(value) for key, value in data.items() if key not in known})
