"""TaskRouter's expression language, as ``EvaluateTaskAttributes`` uses it (pure).

Grammar, keywords case-insensitive::

    expression := conjunction ("OR" conjunction)*
    conjunction := term ("AND" term)*
    term := "(" expression ")" | operand operator operand
    operator := == | = | != | > | < | >= | <= | HAS | >- | IN | <- | NOT IN | CONTAINS
    operand := 'string' | "string" | number | true | false | [operand, ...] | key.path[0]

A key resolves against the Task's attributes (dots for objects, ``[n]`` for array items); a
missing key is NULL, and every comparison with NULL is false (``!=`` and ``NOT IN`` too).
``HAS``/``>-``: the left array holds the right value. ``IN``/``<-``: the left value (or any
item of a left array) is in the right array. ``CONTAINS``: the left string (or any string
of a left array) contains the right string. Ordering compares two numbers or two strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

__all__ = ["ExpressionError", "compile_expression"]

Predicate = Callable[[Mapping[str, Any]], bool]

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
_KEYWORDS = {"AND", "OR", "HAS", "IN", "NOT", "CONTAINS", "TRUE", "FALSE"}
_WORD_OPERATORS = {"HAS": "HAS", "IN": "IN", "CONTAINS": "CONTAINS"}
_SYMBOL_OPERATORS = {"=": "==", ">-": "HAS", "<-": "IN"}


class ExpressionError(ValueError):
    """An expression that does not parse; the message says where."""


def compile_expression(text: str) -> Predicate:
    """Parse ``text`` once; return a function that tests a Task's attributes against it."""
    parser = _Parser(_tokens(text), text)
    predicate = parser.expression()
    parser.expect_end()
    return predicate


def _tokens(text: str) -> list[tuple[str, str, int]]:
    tokens, position, end = [], 0, len(text.rstrip())
    while position < end:
        match = _TOKEN.match(text, position)
        if match is None or match.lastgroup is None:
            at = len(text) - len(text[position:].lstrip())
            msg = f"unexpected character {text[at]!r} at {at} in {text!r}"
            raise ExpressionError(msg)
        tokens.append((match.lastgroup, match.group(match.lastgroup), match.start(match.lastgroup)))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent over the tokens, building closures. Strictly private."""

    def __init__(self, tokens: list[tuple[str, str, int]], text: str) -> None:
        self._tokens = tokens
        self._at = 0
        self._text = text

    def expression(self) -> Predicate:
        parts = [self._conjunction()]
        while self._keyword("OR"):
            parts.append(self._conjunction())
        return parts[0] if len(parts) == 1 else (lambda a: any(p(a) for p in parts))

    def expect_end(self) -> None:
        if self._at < len(self._tokens):
            self._fail("expected the end of the expression")

    def _conjunction(self) -> Predicate:
        parts = [self._term()]
        while self._keyword("AND"):
            parts.append(self._term())
        return parts[0] if len(parts) == 1 else (lambda a: all(p(a) for p in parts))

    def _term(self) -> Predicate:
        if self._punctuation("("):
            inner = self.expression()
            if not self._punctuation(")"):
                self._fail("expected ')'")
            return inner
        left = self._operand()
        operator = self._operator()
        right = self._operand()
        compare = _COMPARISONS[operator]
        return lambda attributes: compare(left(attributes), right(attributes))

    def _operator(self) -> str:
        kind, value = self._peek()
        if kind == "operator":
            self._at += 1
            return _SYMBOL_OPERATORS.get(value, value)
        word = value.upper() if kind == "word" else ""
        if word in _WORD_OPERATORS:
            self._at += 1
            return _WORD_OPERATORS[word]
        if word == "NOT":
            self._at += 1
            if not self._keyword("IN"):
                self._fail("expected IN after NOT")
            return "NOT IN"
        return self._fail("expected a comparison operator")

    def _operand(self) -> Callable[[Mapping[str, Any]], Any]:
        kind, value = self._peek()
        if kind == "punctuation" and value == "[":
            self._at += 1
            items: list[Callable[[Mapping[str, Any]], Any]] = []
            while not self._punctuation("]"):
                if items and not self._punctuation(","):
                    self._fail("expected ',' or ']'")
                items.append(self._operand())
            return lambda a: [item(a) for item in items]
        self._at += 1
        if kind == "string":
            constant: Any = re.sub(r"\\(.)", r"\1", value[1:-1])
        elif kind == "number":
            constant = float(value) if "." in value else int(value)
        elif kind == "word" and value.upper() in {"TRUE", "FALSE"}:
            constant = value.upper() == "TRUE"
        elif kind == "word" and value.upper() not in _KEYWORDS:
            path = _path(value)
            return lambda attributes: _resolve(attributes, path)
        else:
            self._at -= 1
            self._fail("expected a value or a key")
        return lambda _: constant

    def _peek(self) -> tuple[str, str]:
        if self._at >= len(self._tokens):
            return "end", ""
        kind, value, _ = self._tokens[self._at]
        return kind, value

    def _keyword(self, word: str) -> bool:
        kind, value = self._peek()
        if kind == "word" and value.upper() == word:
            self._at += 1
            return True
        return False

    def _punctuation(self, mark: str) -> bool:
        if self._peek() == ("punctuation", mark):
            self._at += 1
            return True
        return False

    def _fail(self, problem: str) -> NoReturn:
        where = self._tokens[self._at][2] if self._at < len(self._tokens) else len(self._text)
        msg = f"{problem} at {where} in {self._text!r}"
        raise ExpressionError(msg)


def _path(key: str) -> list[str | int]:
    return [int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[^.\[\]]+", key)]


def _resolve(attributes: Mapping[str, Any], path: list[str | int]) -> Any:
    value: Any = attributes
    for step in path:
        in_list = isinstance(step, int) and isinstance(value, list) and step < len(value)
        in_object = isinstance(step, str) and isinstance(value, dict) and step in value
        if not (in_list or in_object):
            return _NULL
        value = value[step]
    return _NULL if value is None else value


def _same(left: Any, right: Any) -> bool:
    """JSON equality: a boolean never equals a number."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    return bool(left == right)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _ordered(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def compare(left: Any, right: Any) -> bool:
        both_numbers = _number(left) and _number(right)
        both_strings = isinstance(left, str) and isinstance(right, str)
        return (both_numbers or both_strings) and test(left, right)

    return compare


def _known(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    return lambda left, right: left is not _NULL and right is not _NULL and test(left, right)


def _in(left: Any, right: Any) -> bool:
    if not isinstance(right, list):
        return False
    candidates = left if isinstance(left, list) else [left]
    return any(_same(c, r) for c in candidates for r in right)


def _contains(left: Any, right: Any) -> bool:
    if not isinstance(right, str):
        return False
    texts = left if isinstance(left, list) else [left]
    return any(isinstance(t, str) and right in t for t in texts)


_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": _known(_same),
    "!=": _known(lambda left, right: not _same(left, right)),
    ">": _known(_ordered(lambda left, right: left > right)),
    "<": _known(_ordered(lambda left, right: left < right)),
    ">=": _known(_ordered(lambda left, right: left >= right)),
    "<=": _known(_ordered(lambda left, right: left <= right)),
    "HAS": _known(
        lambda left, right: isinstance(left, list) and any(_same(i, right) for i in left)
    ),
    "IN": _known(_in),
    "NOT IN": _known(lambda left, right: isinstance(right, list) and not _in(left, right)),
    "CONTAINS": _known(_contains),
}
