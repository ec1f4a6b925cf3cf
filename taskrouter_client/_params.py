"""How each keyword argument is checked and written on the wire (pure; no I/O).

A parameter is declared once, as an ``Annotated`` field of its operation's TypedDict::

    priority: Annotated[int | None, form("Priority", integer(0, MAX_PRIORITY))]

The annotation carries the Python type (for type checkers and IDEs), the wire name and
location, and an *encoder*: a function that checks the value and turns it into the strings
sent. Encoders raise :class:`InvalidArgumentError` naming the keyword, so a bad value is
refused before any request exists.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Literal, get_type_hints
from urllib.parse import SplitResult, urlsplit

import attrs

from ._errors import InvalidArgumentError

Encoder = Callable[[str, object], tuple[str, ...]]
"""Checks one argument's value and returns the wire strings for it (several for arrays)."""

Location = Literal["query", "form", "header"]


@attrs.frozen
class Wire:
    """Where a keyword goes on the wire, and how. Strictly private."""

    name: str
    location: Location
    encode: Encoder


def query(name: str, encode: Encoder) -> Wire:
    """Declare a query-string parameter."""
    return Wire(name, "query", encode)


def form(name: str, encode: Encoder) -> Wire:
    """Declare a form-body parameter."""
    return Wire(name, "form", encode)


def header(name: str, encode: Encoder) -> Wire:
    """Declare a request-header parameter: its values must also be printable ASCII."""

    def encode_header(argument: str, value: object) -> tuple[str, ...]:
        wires = encode(argument, value)
        if not all(wire.isascii() and wire.isprintable() for wire in wires):
            raise InvalidArgumentError(
                argument,
                "expected printable ASCII: an HTTP header cannot carry line breaks, NUL or "
                "non-ASCII characters (the value is not shown)",
            )
        return wires

    return Wire(name, "header", encode_header)


def wire_params(typed_dict: type) -> dict[str, Wire]:
    """Read the ``Wire`` declarations of a TypedDict of parameters, keyed by keyword."""
    hints = get_type_hints(typed_dict, include_extras=True)
    table: dict[str, Wire] = {}
    for keyword, hint in hints.items():
        wires = [m for m in getattr(hint, "__metadata__", ()) if isinstance(m, Wire)]
        if len(wires) != 1:
            msg = f"{typed_dict.__name__}.{keyword} needs exactly one Wire annotation"
            raise TypeError(msg)
        table[keyword] = wires[0]
    return table


# -- the encoders --------------------------------------------------------------------------

_HEX32 = re.compile(r"[0-9a-fA-F]{32}")
_LARGEST = 2**63 - 1
"""No integer parameter of the API is wider than 64 bits."""
_TOO_DEEP = "expected a JSON object, got one nested too deeply to encode"


def not_shown(where: str = "") -> str:
    """What an error says in place of a value that may be a secret given in the wrong place."""
    return f"a value that is not one{where}; it is not shown, as it may be a secret"


def check_sid(argument: str, value: object, prefix: str, *, shown: str | None = None) -> str:
    """Return ``value`` if it is a SID with ``prefix`` (``^{prefix}[0-9a-fA-F]{32}$``).

    ``shown`` replaces the value in the error, for a value that may be a secret given in
    the wrong place (an auth token passed as ``account_sid``).
    """
    if (
        isinstance(value, str)
        and len(value) == 34
        and value.startswith(prefix)
        and _HEX32.fullmatch(value, 2)
    ):
        return value
    raise InvalidArgumentError(
        argument,
        f"expected a SID matching ^{prefix}[0-9a-fA-F]{{32}}$, got {shown or _show(value)}",
    )


def sid(prefix: str) -> Encoder:
    """A SID with the given two-letter prefix."""

    def encode(argument: str, value: object) -> tuple[str, ...]:
        return (check_sid(argument, value, prefix),)

    return encode


def text(argument: str, value: object) -> tuple[str, ...]:
    """Any string. The value is never echoed in errors (some strings are secrets)."""
    if isinstance(value, str):
        return (well_formed(argument, value),)
    raise InvalidArgumentError(argument, f"expected a string, got {type(value).__name__}")


def well_formed(argument: str, value: str) -> str:
    """Return ``value`` if it can be sent as UTF-8: it holds no lone surrogate."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidArgumentError(
                argument,
                "contains a lone surrogate (a code point from U+D800 to U+DFFF on its own), "
                "which is not text that can be sent",
            ) from None
    return value


def integer(minimum: int | None = None, maximum: int | None = None) -> Encoder:
    """An int (not a bool), optionally within ``minimum..maximum`` inclusive."""

    def encode(argument: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidArgumentError(argument, f"expected an integer, got {type(value).__name__}")
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise InvalidArgumentError(
                argument, f"expected an integer {_range(minimum, maximum)}, got {_show(value)}"
            )
        if abs(value) > _LARGEST:
            raise InvalidArgumentError(argument, "expected an integer that fits in 64 bits")
        return (str(value),)

    return encode


def url(argument: str, value: object) -> tuple[str, ...]:
    """An absolute http(s) URL, such as a callback. Never echoed: it may hold credentials."""
    if not isinstance(value, str):
        raise InvalidArgumentError(argument, f"expected a URL string, got {type(value).__name__}")
    parts = split_url(argument, value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise InvalidArgumentError(argument, "expected an absolute http:// or https:// URL")
    return (value,)


def split_url(argument: str, value: str) -> SplitResult:
    """``urlsplit(value)``, refusing what it would silently drop or fail on.

    ``urlsplit`` removes tabs and line breaks without a word (so the text sent would differ
    from the URL checked) and raises a bare ValueError for a broken ``[`` host or a port
    that is not a number from 0 to 65535.
    """
    if not value.isprintable() or " " in value:
        raise InvalidArgumentError(
            argument, "is not a URL: it holds spaces, line breaks or control characters"
        )
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  # raises for a port that is not a number from 0 to 65535
    except ValueError:
        raise InvalidArgumentError(
            argument, "is not a URL: its host or port is malformed"
        ) from None
    return parts


def boolean(argument: str, value: object) -> tuple[str, ...]:
    """A bool, sent as ``true`` or ``false``."""
    if isinstance(value, bool):
        return ("true" if value else "false",)
    raise InvalidArgumentError(argument, f"expected True or False, got {_show(value)}")


def boolean_or_text(argument: str, value: object) -> tuple[str, ...]:
    """A bool (sent as ``true``/``false``) or a string Twilio reads itself."""
    return boolean(argument, value) if isinstance(value, bool) else text(argument, value)


def choice(values: type[Enum] | tuple[str, ...]) -> Encoder:
    """One of a closed set: an enum's values (member or string), or the strings given."""
    allowed = values if isinstance(values, tuple) else tuple(m.value for m in values)

    def encode(argument: str, value: object) -> tuple[str, ...]:
        wire = value.value if isinstance(value, Enum) else value
        if wire in allowed:
            return (str(wire),)
        raise InvalidArgumentError(
            argument, f"expected one of {', '.join(allowed)}, got {_show(value)}"
        )

    return encode


def repeated(item: Encoder) -> Encoder:
    """Several values, each sent as its own key; a lone string counts as one value."""

    def encode(argument: str, value: object) -> tuple[str, ...]:
        values = (value,) if isinstance(value, str | Enum) else value
        if not isinstance(values, list | tuple | set | frozenset):
            raise InvalidArgumentError(
                argument, f"expected a list of values, got {type(value).__name__}"
            )
        return tuple(wire for each in values for wire in item(argument, each))

    return encode


def timestamp(*, past_only: bool = False, earliest_year: int | None = None) -> Encoder:
    """A timezone-aware datetime, sent as ISO 8601 UTC with ``Z`` (whole seconds)."""

    def encode(argument: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, datetime):
            raise InvalidArgumentError(
                argument, f"expected a timezone-aware datetime, got {type(value).__name__}"
            )
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidArgumentError(
                argument,
                "expected a timezone-aware datetime, got a naive one "
                "(use datetime.now(timezone.utc) or attach a tzinfo)",
            )
        try:
            utc = value.astimezone(timezone.utc)
        except OverflowError:
            raise InvalidArgumentError(
                argument, "is out of datetime's range once converted to UTC"
            ) from None
        if past_only and utc > datetime.now(timezone.utc):
            raise InvalidArgumentError(
                argument, f"must not be in the future, got {utc:%Y-%m-%dT%H:%M:%SZ}"
            )
        if earliest_year is not None and utc.year < earliest_year:
            raise InvalidArgumentError(
                argument, f"must not be before {earliest_year}, got {utc:%Y-%m-%dT%H:%M:%SZ}"
            )
        return (utc.strftime("%Y-%m-%dT%H:%M:%SZ"),)

    return encode


def json_object(argument: str, value: object) -> tuple[str, ...]:
    """A JSON object: a mapping (encoded here) or a string already holding one."""
    if isinstance(value, str):
        try:
            parsed = json.loads(well_formed(argument, value))
        except ValueError:
            raise InvalidArgumentError(
                argument, "expected a JSON object, got text that is not JSON"
            ) from None
        except RecursionError:
            raise InvalidArgumentError(argument, _TOO_DEEP) from None
        if not isinstance(parsed, dict):
            raise InvalidArgumentError(
                argument, f"expected a JSON object, got JSON {type(parsed).__name__}"
            )
        return (value,)
    if isinstance(value, Mapping):
        try:
            encoded = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise InvalidArgumentError(
                argument, f"expected a JSON-serialisable mapping: {exc}"
            ) from None
        except RecursionError:
            raise InvalidArgumentError(argument, _TOO_DEEP) from None
        return (well_formed(argument, encoded),)
    raise InvalidArgumentError(
        argument, f"expected a mapping or a JSON string, got {type(value).__name__}"
    )


def _range(minimum: int | None, maximum: int | None) -> str:
    if maximum is None:
        return f"of at least {minimum:,}"
    if minimum is None:
        return f"of at most {maximum:,}"
    return f"from {minimum:,} to {maximum:,}"


def _show(value: Any) -> str:
    try:
        shown = repr(value)
    except ValueError:  # an int past the 4,300 digits str() will write
        return f"an {type(value).__name__} too large to show"
    return shown if len(shown) <= 60 else shown[:57] + "..."
