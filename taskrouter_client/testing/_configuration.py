"""Workflow configurations and TaskQueue expressions, parsed and checked (pure, no state).

A Workflow's ``configuration`` is JSON (Twilio's "Workflow configuration" page)::

    {"task_routing": {
        "filters": [{"filter_friendly_name": "...", "expression": "...",
                     "targets": [{"queue": "WQ...", "expression": "...", "priority": 5,
                                  "timeout": 30, "order_by": "...", "skip_if": "...",
                                  "known_worker_sid": "task.agent"}, ...]}, ...],
        "default_filter": {"queue": "WQ..."}}}

Everything is checked when the Workflow is created or updated, so routing never meets a
configuration it cannot follow: the answer to anything else is a 400 (error 20001) naming
the path of the part at fault (emulator choice EC-1 in docs/testing.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping
from typing import Any

import attrs

from .._expressions import (
    ExpressionError,
    Predicate,
    SortKey,
    compile_expression,
    compile_key,
    compile_order_by,
)
from ._records import EmulatorError, bad_request

_TARGET_KEYS = frozenset(
    {
        "queue",
        "expression",
        "priority",
        "timeout",
        "order_by",
        "skip_if",
        "known_worker_sid",
        "known_worker_friendly_name",
    }
)
MAX_PRIORITY = 2_147_483_647


@attrs.frozen(kw_only=True)
class Target:
    """One routing step: a queue and how to pick Workers from it."""

    queue_sid: str
    expression: Predicate | None = None
    priority: int | None = None
    timeout: int | None = None
    order_by: SortKey | None = None
    skip_if: Predicate | None = None
    known_worker: tuple[str, Callable[[Mapping[str, Any]], Any]] | None = None
    """``("sid" | "friendly_name", reader of the Task attribute naming the Worker)``."""


@attrs.frozen(kw_only=True)
class Filter:
    """A filter: its name, what Tasks it takes, its steps in order."""

    name: str | None
    matches: Predicate
    targets: tuple[Target, ...]


@attrs.frozen(kw_only=True)
class Routing:
    """A parsed configuration: filters in order, then the default filter (if any)."""

    filters: tuple[Filter, ...]
    default: Filter | None

    def queue_sids(self) -> set[str]:
        """Every TaskQueue it routes to."""
        every = [*self.filters, *([self.default] if self.default else [])]
        return {target.queue_sid for f in every for target in f.targets}

    def filter_at(self, index: int | None) -> Filter:
        """The filter ``index`` (None: the default filter)."""
        if index is None:
            assert self.default is not None  # noqa: S101  # only ever set when there is one
            return self.default
        return self.filters[index]


def expression(text: str, argument: str) -> Predicate:
    """An expression, or a 400 saying where it stops making sense."""
    try:
        return compile_expression(text, argument=argument)
    except ExpressionError as error:
        raise bad_request(f"Invalid expression: {error}") from None


def target_workers(text: str | None) -> tuple[str, Predicate]:
    """A TaskQueue's ``TargetWorkers`` (default ``1==1``); empty matches no Worker."""
    text = "1==1" if text is None else text
    if not text.strip():
        return text, lambda _: False
    return text, expression(text, "TargetWorkers")


def routing(text: str, queues: Collection[str]) -> Routing:
    """Parse and check a Workflow ``Configuration`` against the Workspace's ``queues``."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise _invalid("", "not JSON") from None
    task_routing = document.get("task_routing") if isinstance(document, dict) else None
    if not isinstance(task_routing, dict):
        raise _invalid("task_routing", "missing, or not an object")
    filters = task_routing.get("filters", [])
    if not isinstance(filters, list):
        raise _invalid("task_routing.filters", "not an array")
    parsed = tuple(
        _filter(item, f"task_routing.filters[{i}]", queues) for i, item in enumerate(filters)
    )
    default = task_routing.get("default_filter")
    if default is None:
        return Routing(filters=parsed, default=None)
    target = _target(default, "task_routing.default_filter", queues)
    if target.timeout is not None:
        raise _invalid("task_routing.default_filter.timeout", "the default filter has none")
    return Routing(
        filters=parsed, default=Filter(name="Default Filter", matches=_always, targets=(target,))
    )


def _always(_: Mapping[str, Any]) -> bool:
    return True


def _filter(item: object, path: str, queues: Collection[str]) -> Filter:
    if not isinstance(item, dict):
        raise _invalid(path, "not an object")
    name = item.get("filter_friendly_name")
    if name is not None and not isinstance(name, str):
        raise _invalid(f"{path}.filter_friendly_name", "not a string")
    targets = item.get("targets")
    if not isinstance(targets, list) or not targets:
        raise _invalid(f"{path}.targets", "missing or empty")
    return Filter(
        name=name,
        matches=_expression(item.get("expression", "1==1"), f"{path}.expression"),
        targets=tuple(
            _target(target, f"{path}.targets[{i}]", queues) for i, target in enumerate(targets)
        ),
    )


def _target(item: object, path: str, queues: Collection[str]) -> Target:
    if not isinstance(item, dict):
        raise _invalid(path, "not an object")
    unknown = sorted(set(item) - _TARGET_KEYS)
    if unknown:
        raise _invalid(f"{path}.{unknown[0]}", "not a target key")
    queue = item.get("queue")
    if not isinstance(queue, str) or queue not in queues:
        raise _invalid(f"{path}.queue", f"unknown TaskQueue {queue!r}")
    known = [key for key in ("known_worker_sid", "known_worker_friendly_name") if key in item]
    if len(known) > 1:
        raise _invalid(path, "known_worker_sid and known_worker_friendly_name together")
    return Target(
        queue_sid=queue,
        expression=_optional(item, "expression", path, _expression),
        priority=_number(item, "priority", path, MAX_PRIORITY),
        timeout=_number(item, "timeout", path, 1_209_600),
        order_by=_optional(item, "order_by", path, _order_by),
        skip_if=_optional(item, "skip_if", path, _expression),
        known_worker=_known_worker(item[known[0]], known[0], path) if known else None,
    )


def _optional(
    item: dict[str, Any], key: str, path: str, parse: Callable[[object, str], Any]
) -> Any:
    return None if item.get(key) is None else parse(item[key], f"{path}.{key}")


def _expression(text: object, path: str) -> Predicate:
    if not isinstance(text, str):
        raise _invalid(path, "not a string")
    try:
        return compile_expression(text, argument=path)
    except ExpressionError as error:
        raise _invalid(path, str(error).removeprefix(f"{path}: ")) from None


def _order_by(text: object, path: str) -> SortKey:
    if not isinstance(text, str):
        raise _invalid(path, "not a string")
    try:
        return compile_order_by(text, argument=path)
    except ExpressionError as error:
        raise _invalid(path, str(error).removeprefix(f"{path}: ")) from None


def _number(item: dict[str, Any], key: str, path: str, maximum: int) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= maximum:
        raise _invalid(f"{path}.{key}", f"expected an integer from 0 to {maximum}")
    return value


def _known_worker(
    reference: object, key: str, path: str
) -> tuple[str, Callable[[Mapping[str, Any]], Any]]:
    if not isinstance(reference, str):
        raise _invalid(f"{path}.{key}", "not a string")
    try:
        read = compile_key(reference.removeprefix("task."), argument=f"{path}.{key}")
    except ExpressionError:
        raise _invalid(f"{path}.{key}", "expected a Task attribute such as task.agent") from None
    return key.removeprefix("known_worker_"), read


def _invalid(path: str, problem: str) -> EmulatorError:
    where = f"{path}: " if path else ""
    return bad_request(f"Invalid workflow configuration: {where}{problem}")
