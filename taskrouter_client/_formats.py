"""Encoders for parameters that are plain strings on the wire but more to Twilio.

The spec types these as ``string`` (or leaves them to prose): a name with a length limit,
a URL that an empty string clears, a comma-separated list, a JSON array with a count
limit, an expression in TaskRouter's language. Like every encoder (``_params``) they check
a value and return its wire strings, or raise InvalidArgumentError naming the keyword.
"""

from __future__ import annotations

from ._errors import InvalidArgumentError
from ._params import Encoder, text


def bounded_text(maximum: int) -> Encoder:
    """A string of at most ``maximum`` characters."""

    def encode(argument: str, value: object) -> tuple[str, ...]:
        (wire,) = text(argument, value)
        if len(wire) > maximum:
            raise InvalidArgumentError(
                argument, f"expected at most {maximum} characters, got {len(wire)}"
            )
        return (wire,)

    return encode


def clearable(encoder: Encoder) -> Encoder:
    """What ``encoder`` accepts, or ``""``: Twilio clears the value on an empty string."""

    def encode(argument: str, value: object) -> tuple[str, ...]:
        return ("",) if value == "" else encoder(argument, value)

    return encode


def comma_separated(item: Encoder) -> Encoder:
    """Several values sent as one comma-separated string; a string is sent as it is."""

    def encode(argument: str, value: object) -> tuple[str, ...]:
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list | tuple):
            raise InvalidArgumentError(
                argument, f"expected a list of values or a string, got {type(value).__name__}"
            )
        return (",".join(wire for each in value for wire in item(argument, each)),)

    return encode


def repeated_between(item: Encoder, minimum: int, maximum: int) -> Encoder:
    """A list of ``minimum`` to ``maximum`` values, each checked by ``item``."""

    def encode(argument: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list | tuple):
            raise InvalidArgumentError(
                argument, f"expected a list of values, got {type(value).__name__}"
            )
        if not minimum <= len(value) <= maximum:
            raise InvalidArgumentError(
                argument, f"expected {minimum} to {maximum} values, got {len(value)}"
            )
        return tuple(wire for each in value for wire in item(argument, each))

    return encode


def expression(argument: str, value: object) -> tuple[str, ...]:
    """An expression in TaskRouter's language; ExpressionError if it does not parse."""
    from ._expressions import compile_expression  # noqa: PLC0415  # loads on first use

    (wire,) = text(argument, value)
    compile_expression(wire, argument=argument)
    return (wire,)
