"""Workflow configurations and TaskQueue expressions, checked and compiled (pure, no state).

A Workflow's ``configuration`` is read and checked by the SDK's own
:class:`~taskrouter_client._workflow_configuration.WorkflowConfiguration` (the rules of
Twilio's "Workflows Overview"), so what the SDK refuses before sending, the emulator refuses
too. The emulator then asks what only the Workspace can answer, and what routing needs
(emulator choice EC-1): ``task_routing`` is there, every target names a TaskQueue of this
Workspace, a filter has targets, the default filter has no ``timeout``. Anything else is a
400 (error 20001) naming the path of the part at fault. Keys nobody documents are ignored.

What routing uses is compiled once: :class:`Routing`, its filters and their targets.
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
from .._workflow_configuration import (
    ConfigurationError,
    WorkflowConfiguration,
    WorkflowFilter,
    WorkflowTarget,
)
from ._records import EmulatorError, bad_request


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
    """A compiled configuration: filters in order, then the default filter (if any)."""

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
    """Check a Workflow ``Configuration`` against the Workspace's ``queues``; compile it."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise _invalid("(document)", "expected JSON text") from None
    try:
        configuration = WorkflowConfiguration.from_dict(document)
        configuration.check()
    except ConfigurationError as error:
        problem = str(error).removeprefix(f"{error.argument}: ")
        raise bad_request(f"Invalid workflow configuration: {problem}") from None
    if "task_routing" not in document:
        raise _invalid("task_routing", "missing")
    filters = tuple(
        _filter(f"task_routing.filters[{n}]", item, queues)
        for n, item in enumerate(configuration.filters)
    )
    default = configuration.default_filter
    if default is None:
        return Routing(filters=filters, default=None)
    if default.timeout is not None:
        raise _invalid("task_routing.default_filter.timeout", "the default filter has none")
    target = _target("task_routing.default_filter", default, queues)
    return Routing(
        filters=filters,
        default=Filter(name="Default Filter", matches=lambda _: True, targets=(target,)),
    )


def _filter(path: str, item: WorkflowFilter, queues: Collection[str]) -> Filter:
    if not item.targets:
        raise _invalid(f"{path}.targets", "missing or empty")
    return Filter(
        name=item.filter_friendly_name,
        matches=compile_expression(item.expression),
        targets=tuple(
            _target(f"{path}.targets[{n}]", target, queues) for n, target in enumerate(item.targets)
        ),
    )


def _target(path: str, item: WorkflowTarget, queues: Collection[str]) -> Target:
    queue = item.queue
    if queue is None or queue not in queues:
        raise _invalid(f"{path}.queue", f"not a TaskQueue of this Workspace: {queue!r}")
    known = [
        (kind, reference)
        for kind, reference in (
            ("sid", item.known_worker_sid),
            ("friendly_name", item.known_worker_friendly_name),
        )
        if reference is not None
    ]
    return Target(
        queue_sid=queue,
        expression=None if item.expression is None else compile_expression(item.expression),
        priority=item.priority,
        timeout=item.timeout,
        order_by=None if item.order_by is None else compile_order_by(item.order_by),
        skip_if=None if item.skip_if is None else compile_expression(item.skip_if),
        known_worker=(
            (known[0][0], compile_key(known[0][1].removeprefix("task."))) if known else None
        ),
    )


def _invalid(path: str, problem: str) -> EmulatorError:
    return bad_request(f"Invalid workflow configuration: {path}: {problem}")
