"""TaskRouter's expression language: parse once, evaluate against JSON documents (pure).

Twilio's "TaskRouter expression syntax" page
(https://www.twilio.com/docs/taskrouter/expression-syntax) is the reference; the emulator
uses this module for ``EvaluateTaskAttributes``, and routing will use it for TaskQueue
``target_workers`` and Workflow filters. docs/testing.md lists every rule with its source.

Grammar (keywords in any case)::

    expression  := conjunction ("OR" conjunction)*
    conjunction := term ("AND" term)*
    term        := "(" expression ")" | operand operator operand
    operator    := == | = | != | > | >= | < | <= | CONTAINS | HAS | >- | IN | <- | NOT IN
    operand     := 'string' | "string" | number | true | false | [operand, ...] | key
    key         := name ("." name | "[" digits "]")*

Values are JSON: a key resolves against the document, and a missing key (or JSON null) is
NULL, which makes any comparison false. Scalars are strings, numbers and booleans. Scalar
operators (``==``, ``!=``, ordering, ``CONTAINS``) are false when either side is not a
scalar; array operators (``HAS``, ``IN``, ``NOT IN``) are false unless the array is on the
side that operator names and the other side is a scalar.

A Workflow target's ``order_by`` ("Order Workers", https://www.twilio.com/docs/taskrouter/order-workers)
is parsed here too: comma-separated ``key ASC|DESC`` clauses over integer values, a Worker
without the value (or with a value that is not an integer) ordered after those with one,
whatever the direction.

Only the standard library and the SDK's error classes are imported here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from ._errors import InvalidArgumentError

__all__ = ["ExpressionError", "compile_expression", "compile_key", "compile_order_by"]

Predicate = Callable[[Mapping[str, Any]], bool]
"""A compiled expression: True when a document matches it."""

_Operand = Callable[[Mapping[str, Any]], Any]

SortKey = Callable[[Mapping[str, Any]], tuple[int, ...]]
"""A compiled ``order_by``: the sort key of a document (ascending sorts put it in order)."""

MAX_NESTING = 32
"""Parentheses and brackets nested deeper than this are refused (not a RecursionError)."""

_NULL = object()

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
      | (?P<number>-?\d+(?:\.\d+)?)
      | (?P<operator>==|!=|>=|<=|>-|<-|=|>|<)
      | (?P<punctuation>[()\[\],])
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*)
    )""",
    re.VERBOSE,
)
_KEYWORDS = frozenset({"AND", "OR", "HAS", "IN", "NOT", "CONTAINS", "TRUE", "FALSE"})
_ALIASES = {"=": "==", ">-": "HAS", "<-": "IN", "HAS": "HAS", "IN": "IN", "CONTAINS": "CONTAINS"}


class ExpressionError(InvalidArgumentError):
    """An expression that does not parse.

    Attributes:
        position: Where the problem is: a 0-based index into the expression's text.
        expected: What the parser expected there (for example ``"a comparison operator"``).
        argument: The parameter that held the expression.

    .. versionadded:: 0.2.0
    """

    def __init__(self, text: str, position: int, expected: str, argument: str) -> None:
        self.position = position
        self.expected = expected
        found = text[position:].split(maxsplit=1)
        near = f" (found {found[0][:20]!r})" if found else " (found the end)"
        super().__init__(argument, f"expected {expected} at position {position}{near}")


def compile_expression(text: str, *, argument: str = "expression") -> Predicate:
    """Parse ``text``; return the function that tests a JSON document against it.

    Args:
        text: The expression, e.g. ``skills HAS 'support' AND level >= 3``.
        argument: The parameter name to quote in an :class:`ExpressionError`.

    Raises:
        ExpressionError: ``text`` is not a valid expression.
    """
    parser = _Parser(text, argument)
    predicate = parser.expression()
    if parser.peek() != ("end", ""):
        parser.fail("AND, OR or the end of the expression")
    return predicate


def compile_order_by(text: str, *, argument: str = "order_by") -> SortKey:
    """Parse an ``order_by`` (``worker.level DESC, worker.tenure ASC``); return its sort key.

    Each clause gives two parts: whether the value is missing (missing last, in either
    direction), then the value, negated for ``DESC``. A value that is not an integer counts
    as missing.

    Raises:
        ExpressionError: ``text`` is not comma-separated ``key ASC|DESC`` clauses.
    """
    clauses: list[tuple[list[str | int], int]] = []
    position = 0
    for clause in text.split(","):
        match = _ORDER_CLAUSE.fullmatch(clause)
        if match is None:
            at = position + len(clause) - len(clause.lstrip())
            raise ExpressionError(text, at, "an attribute then ASC or DESC", argument)
        sign = -1 if match["direction"].upper() == "DESC" else 1
        clauses.append((_path(match["key"]), sign))
        position += len(clause) + 1

    def key(document: Mapping[str, Any]) -> tuple[int, ...]:
        parts: list[int] = []
        for path, sign in clauses:
            value = _resolve(document, path)
            usable = isinstance(value, int) and not isinstance(value, bool)
            parts += [0, sign * value] if usable else [1, 0]
        return tuple(parts)

    return key


def compile_key(text: str, *, argument: str = "key") -> Callable[[Mapping[str, Any]], Any]:
    """Parse a key (``task.agent.sid``, ``skills[0]``); return what reads it from a document.

    The reader gives the value, or None when it is missing (or JSON null).

    Raises:
        ExpressionError: ``text`` is not a key.
    """
    if _KEY.fullmatch(text) is None:
        raise ExpressionError(text, 0, "a key", argument)
    path = _path(text)

    def read(document: Mapping[str, Any]) -> Any:
        value = _resolve(document, path)
        return None if value is _NULL else value

    return read


_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*")
_ORDER_CLAUSE = re.compile(rf"\s*(?P<key>{_KEY.pattern})\s+(?P<direction>(?i:ASC|DESC))\s*")


class _Parser:
    """Recursive descent over the tokens, building closures. Strictly private."""

    def __init__(self, text: str, argument: str) -> None:
        self._text = text
        self._argument = argument
        self._tokens = self._tokenize()
        self._at = 0
        self._depth = 0

    def _tokenize(self) -> list[tuple[str, str, int]]:
        tokens, position, end = [], 0, len(self._text.rstrip())
        while position < end:
            match = _TOKEN.match(self._text, position)
            if match is None or match.lastgroup is None:
                at = len(self._text) - len(self._text[position:].lstrip())
                if self._text[at] in "'\"":
                    self._fail_at(len(self._text), f"a closing {self._text[at]}")
                self._fail_at(at, "a value, a key, an operator or a parenthesis")
            kind = match.lastgroup
            tokens.append((kind, match.group(kind), match.start(kind)))
            position = match.end()
        return tokens

    def expression(self) -> Predicate:
        parts = [self._conjunction()]
        while self._keyword("OR"):
            parts.append(self._conjunction())
        return parts[0] if len(parts) == 1 else (lambda d: any(p(d) for p in parts))

    def _conjunction(self) -> Predicate:
        parts = [self._term()]
        while self._keyword("AND"):
            parts.append(self._term())
        return parts[0] if len(parts) == 1 else (lambda d: all(p(d) for p in parts))

    def _term(self) -> Predicate:
        if self._punctuation("("):
            self._enter()
            inner = self.expression()
            if not self._punctuation(")"):
                self.fail("')' or AND or OR")
            self._depth -= 1
            return inner
        left = self._operand()
        compare = _COMPARISONS[self._operator()]
        right = self._operand()
        return lambda document: compare(left(document), right(document))

    def _operator(self) -> str:
        kind, value = self.peek()
        word = value.upper() if kind in {"operator", "word"} else ""
        if word in _ALIASES or kind == "operator":
            self._at += 1
            return _ALIASES.get(word, word)
        if word == "NOT":
            self._at += 1
            if not self._keyword("IN"):
                self.fail("IN after NOT")
            return "NOT IN"
        return self.fail("a comparison operator")

    def _operand(self) -> _Operand:
        kind, value = self.peek()
        if (kind, value) == ("punctuation", "["):
            return self._array()
        if kind == "string":
            constant: Any = re.sub(r"\\(.)", r"\1", value[1:-1])
        elif kind == "number":
            constant = float(value) if "." in value else int(value)
        elif kind == "word" and value.upper() in {"TRUE", "FALSE"}:
            constant = value.upper() == "TRUE"
        elif kind == "word" and value.upper() not in _KEYWORDS:
            path = _path(value)
            self._at += 1
            return lambda document: _resolve(document, path)
        else:
            self.fail("a value or a key")
        self._at += 1
        return lambda _: constant

    def _array(self) -> _Operand:
        self._at += 1
        self._enter()
        items: list[_Operand] = []
        while not self._punctuation("]"):
            if items and not self._punctuation(","):
                self.fail("',' or ']'")
            items.append(self._operand())
        self._depth -= 1
        return lambda document: [item(document) for item in items]

    def _enter(self) -> None:
        self._depth += 1
        if self._depth > MAX_NESTING:
            self._at -= 1
            self.fail(f"at most {MAX_NESTING} nested parentheses or brackets")

    def peek(self) -> tuple[str, str]:
        if self._at >= len(self._tokens):
            return "end", ""
        kind, value, _ = self._tokens[self._at]
        return kind, value

    def _keyword(self, word: str) -> bool:
        kind, value = self.peek()
        if kind == "word" and value.upper() == word:
            self._at += 1
            return True
        return False

    def _punctuation(self, mark: str) -> bool:
        if self.peek() == ("punctuation", mark):
            self._at += 1
            return True
        return False

    def fail(self, expected: str) -> NoReturn:
        at = self._tokens[self._at][2] if self._at < len(self._tokens) else len(self._text)
        self._fail_at(at, expected)

    def _fail_at(self, position: int, expected: str) -> NoReturn:
        raise ExpressionError(self._text, position, expected, self._argument)


def _path(key: str) -> list[str | int]:
    return [int(p[1:-1]) if p[0] == "[" else p for p in re.findall(r"\[\d+\]|[^.\[\]]+", key)]


def _resolve(document: Mapping[str, Any], path: list[str | int]) -> Any:
    value: Any = document
    for step in path:
        in_list = isinstance(step, int) and isinstance(value, list) and step < len(value)
        in_object = isinstance(step, str) and isinstance(value, dict) and step in value
        if not (in_list or in_object):
            return _NULL
        value = value[step]
    return _NULL if value is None else value


def _kind(value: Any) -> str:
    """``number``, ``string``, ``boolean``, ``array``, or ``other`` (NULL, an object)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "other"


_SCALARS = frozenset({"number", "string", "boolean"})


def _equal(left: Any, right: Any) -> bool:
    """Two scalars of one kind holding the same value (a boolean never equals a number)."""
    kind = _kind(left)
    return kind in _SCALARS and kind == _kind(right) and bool(left == right)


def _scalar(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    return lambda left, right: (
        _kind(left) in _SCALARS and _kind(right) in _SCALARS and test(left, right)
    )


def _ordered(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def compare(left: Any, right: Any) -> bool:
        kind = _kind(left)
        return kind in {"number", "string"} and kind == _kind(right) and test(left, right)

    return compare


def _in(value: Any, array: Any) -> bool | None:
    """Whether a scalar is an item of an array; None when the operands are not that."""
    if _kind(value) not in _SCALARS or _kind(array) != "array":
        return None
    return any(_equal(value, item) for item in array)


_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": _equal,
    "!=": _scalar(lambda left, right: not _equal(left, right)),
    ">": _ordered(lambda left, right: left > right),
    ">=": _ordered(lambda left, right: left >= right),
    "<": _ordered(lambda left, right: left < right),
    "<=": _ordered(lambda left, right: left <= right),
    "CONTAINS": lambda left, right: (
        isinstance(left, str) and isinstance(right, str) and right in left
    ),
    "HAS": lambda left, right: _in(right, left) is True,
    "IN": lambda left, right: _in(left, right) is True,
    "NOT IN": lambda left, right: _in(left, right) is False,
}
