"""A Workflow's configuration, typed, and checked before it is sent.

Twilio's "Workflows Overview" gives the document: ``task_routing`` holds ``filters`` (each
an ``expression`` on the Task's attributes, an optional ``filter_friendly_name``, and
``targets``) and a ``default_filter`` for Tasks no filter matches. A target names a TaskQueue
(``queue``) and may narrow its Workers (``expression``), set the Task's ``priority``, wait
``timeout`` seconds before the next target, order the Workers (``order_by``, "Ordering
Workers"), skip itself (``skip_if``, "Worker presence") or ask for one known Worker
(``known_worker_sid`` or ``known_worker_friendly_name``, "Known Agent Routing").

What is checked, each rule from those pages: expressions parse (the SDK's parser, after
"TaskRouter expression syntax"); ``order_by`` is comma-separated ``<attribute> ASC|DESC``
clauses; a known Worker is given by one Task attribute, by SID or by name, not both; queues
are TaskQueue SIDs; priorities are 0 to 2,147,483,647 and timeouts whole seconds. Where the
pages are silent the document is accepted: keys Twilio adds are kept, round trip included.

Expressions, ``order_by`` and known-Worker attributes are parsed by ``_expressions``, the
code the emulator routes with: what this check accepts, routing reads.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from ._endpoints.common import MAX_PRIORITY
from ._errors import InvalidArgumentError
from ._expressions import ExpressionError, compile_expression, compile_key, compile_order_by
from ._params import check_sid, json_object

__all__ = [
    "ConfigurationError",
    "WorkflowConfiguration",
    "WorkflowFilter",
    "WorkflowTarget",
    "check_expression",
]

_TARGET_KEYS = (
    "queue",
    "expression",
    "priority",
    "timeout",
    "order_by",
    "skip_if",
    "known_worker_sid",
    "known_worker_friendly_name",
)


def check_expression(text: str, *, argument: str = "expression") -> None:
    """Check that ``text`` is a TaskRouter expression, without sending anything.

    Pure: use it in your own CI for the expressions you keep in code or configuration.

    Args:
        text: An expression, such as ``skills HAS "support" AND level >= 3``.
        argument: The name to quote in the error.

    Raises:
        ExpressionError: ``text`` does not parse; ``position`` and ``expected`` say where and
            what the parser expected there.

    .. versionadded:: 0.2.0
    """
    compile_expression(text, argument=argument)


class ConfigurationError(InvalidArgumentError):
    """A Workflow configuration that is not what TaskRouter reads.

    Attributes:
        argument: The parameter that held it (``configuration``).
        path: Where in the document, e.g. ``task_routing.filters[0].targets[1].skip_if``.
        position: For text that does not parse: a 0-based index into that text; else None.
        expected: What was expected there.

    .. versionadded:: 0.2.0
    """

    def __init__(
        self, argument: str, path: str, expected: str, position: int | None, problem: str
    ) -> None:
        self.path = path
        self.position = position
        self.expected = expected
        super().__init__(argument, f"{path}: {problem}")


def _fail(argument: str, path: str, expected: str, found: object) -> ConfigurationError:
    shown = repr(found) if len(repr(found)) <= 40 else repr(found)[:37] + "..."
    return ConfigurationError(argument, path, expected, None, f"expected {expected}, got {shown}")


@attrs.frozen(kw_only=True)
class WorkflowTarget:
    """One routing step of a filter, or the default filter: where a Task waits, and how.

    Attributes:
        queue: The TaskQueue's SID.
        expression: Only Workers matching this (``worker.`` and ``task.`` attributes).
        priority: The Task's priority while here, 0 to 2,147,483,647.
        timeout: Seconds to wait here before the next target.
        order_by: How to order the Workers, e.g. ``worker.level DESC, worker.tenure ASC``.
        skip_if: Skip this step when true, e.g. ``workers.available == 0``.
        known_worker_sid: The Task attribute holding the one Worker's SID (``task.agent``).
        known_worker_friendly_name: Or the attribute holding that Worker's name.
        extra: Keys this SDK does not know, kept as they are.

    .. versionadded:: 0.2.0
    """

    queue: str | None = None
    expression: str | None = None
    priority: int | None = None
    timeout: int | None = None
    order_by: str | None = None
    skip_if: str | None = None
    known_worker_sid: str | None = None
    known_worker_friendly_name: str | None = None
    extra: Mapping[str, Any] = attrs.field(factory=dict, repr=False)


@attrs.frozen(kw_only=True)
class WorkflowFilter:
    """One filter: the Tasks its ``expression`` matches go through its ``targets`` in order.

    .. versionadded:: 0.2.0
    """

    expression: str
    targets: Sequence[WorkflowTarget]
    filter_friendly_name: str | None = None
    extra: Mapping[str, Any] = attrs.field(factory=dict, repr=False)


@attrs.frozen(kw_only=True)
class WorkflowConfiguration:
    """A Workflow's routing rules (its ``configuration``), built in Python or read from JSON.

    ``ws.workflows.create(configuration=...)`` and ``update(...)`` take one, or the JSON
    text or a mapping, and check it (:meth:`check`) before sending.

    Attributes:
        filters: Tried in order; a Task goes to the first whose expression it matches.
        default_filter: Where a Task no filter matches goes.
        extra: Keys of ``task_routing`` this SDK does not know, kept as they are.
        document_extra: Keys beside ``task_routing``, kept as they are.

    .. versionadded:: 0.2.0
    """

    filters: Sequence[WorkflowFilter] = ()
    default_filter: WorkflowTarget | None = None
    extra: Mapping[str, Any] = attrs.field(factory=dict, repr=False)
    document_extra: Mapping[str, Any] = attrs.field(factory=dict, repr=False)

    @classmethod
    def from_json(cls, text: str, *, argument: str = "configuration") -> WorkflowConfiguration:
        """Read a configuration from its JSON text (as ``Workflow.configuration`` holds it).

        Raises:
            ConfigurationError: The text is not JSON, or not shaped as a configuration.
        """
        try:
            document = json.loads(text)
        except (ValueError, RecursionError):
            raise ConfigurationError(
                argument, "(document)", "JSON", None, "expected JSON text"
            ) from None
        return cls.from_dict(document, argument=argument)

    @classmethod
    def from_dict(
        cls, document: object, *, argument: str = "configuration"
    ) -> WorkflowConfiguration:
        """Read a configuration from a decoded document (``{"task_routing": {...}}``)."""
        read = _Reader(argument)
        top = read.mapping("(document)", document)
        routing = read.mapping("task_routing", top.get("task_routing", {}))
        filters = read.sequence("task_routing.filters", routing.get("filters", []))
        default = routing.get("default_filter")
        return cls(
            filters=[read.filter(f"task_routing.filters[{n}]", f) for n, f in enumerate(filters)],
            default_filter=None
            if default is None
            else read.target("task_routing.default_filter", default),
            extra=_without(routing, "filters", "default_filter"),
            document_extra=_without(top, "task_routing"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON document, unknown keys included."""
        routing: dict[str, Any] = {"filters": [_filter_dict(f) for f in self.filters]}
        if self.default_filter is not None:
            routing["default_filter"] = _target_dict(self.default_filter)
        return {**self.document_extra, "task_routing": {**routing, **self.extra}}

    def to_json(self) -> str:
        """The JSON text TaskRouter reads (compact)."""
        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False)

    def check(self, *, argument: str = "configuration") -> None:
        """Check every rule TaskRouter documents, without sending anything.

        Raises:
            ConfigurationError: The first problem found, with its ``path`` in the document,
                and for an expression the ``position`` and what was ``expected``.
        """
        for number, routing in enumerate(self.filters):
            path = f"task_routing.filters[{number}]"
            _expression(argument, f"{path}.expression", routing.expression)
            for step, target in enumerate(routing.targets):
                _check_target(argument, f"{path}.targets[{step}]", target)
        if self.default_filter is not None:
            _check_target(argument, "task_routing.default_filter", self.default_filter)


def _check_target(argument: str, path: str, target: WorkflowTarget) -> None:
    if target.queue is not None:
        try:
            check_sid(argument, target.queue, "WQ")
        except InvalidArgumentError:
            raise _fail(argument, f"{path}.queue", "a TaskQueue SID (WQ…)", target.queue) from None
    for name in ("expression", "skip_if"):
        text = getattr(target, name)
        if text is not None:
            _expression(argument, f"{path}.{name}", text)
    if target.order_by is not None:
        _parsed(argument, f"{path}.order_by", target.order_by, compile_order_by, "an order_by")
    if target.known_worker_sid is not None and target.known_worker_friendly_name is not None:
        raise _fail(
            argument,
            f"{path}.known_worker_friendly_name",
            "known_worker_sid or known_worker_friendly_name, not both",
            target.known_worker_friendly_name,
        )
    for name in ("known_worker_sid", "known_worker_friendly_name"):
        key = getattr(target, name)
        if key is not None and not _is_key(key):
            raise _fail(argument, f"{path}.{name}", "a Task attribute such as task.agent", key)
    _whole(argument, f"{path}.priority", target.priority, MAX_PRIORITY)
    _whole(argument, f"{path}.timeout", target.timeout, None)


def _expression(argument: str, path: str, text: object) -> None:
    _parsed(argument, path, text, compile_expression, "an expression")


def _parsed(
    argument: str, path: str, text: object, parse: Callable[..., object], what: str
) -> None:
    """Parse ``text`` with ``parse`` (from ``_expressions``); its error, at ``path``."""
    if not isinstance(text, str):
        raise _fail(argument, path, f"{what} (a string)", text)
    try:
        parse(text, argument=argument)
    except ExpressionError as error:
        problem = str(error).split(": ", 1)[1]
        raise ConfigurationError(argument, path, error.expected, error.position, problem) from None


def _is_key(text: object) -> bool:
    """Whether ``text`` is a key (``task.agent``), as routing reads a known Worker's."""
    try:
        compile_key(text if isinstance(text, str) else "")
    except ExpressionError:
        return False
    return True


def _whole(argument: str, path: str, value: object, maximum: int | None) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _fail(argument, path, "a whole number of at least 0", value)
    if maximum is not None and value > maximum:
        raise _fail(argument, path, f"a whole number of at most {maximum:,}", value)


class _Reader:
    """Reads a decoded document into the typed classes; checks shapes only. Strictly private."""

    def __init__(self, argument: str) -> None:
        self._argument = argument

    def mapping(self, path: str, value: object) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise _fail(self._argument, path, "a JSON object", value)
        return value

    def sequence(self, path: str, value: object) -> Sequence[Any]:
        if not isinstance(value, list | tuple):
            raise _fail(self._argument, path, "a JSON array", value)
        return value

    def filter(self, path: str, value: object) -> WorkflowFilter:
        found = self.mapping(path, value)
        targets = self.sequence(f"{path}.targets", found.get("targets", []))
        return WorkflowFilter(
            expression=self.text(f"{path}.expression", found.get("expression", "")) or "",
            targets=[self.target(f"{path}.targets[{n}]", t) for n, t in enumerate(targets)],
            filter_friendly_name=self.text(
                f"{path}.filter_friendly_name", found.get("filter_friendly_name")
            ),
            extra=_without(found, "expression", "targets", "filter_friendly_name"),
        )

    def target(self, path: str, value: object) -> WorkflowTarget:
        found = self.mapping(path, value)

        def text(name: str) -> str | None:
            return self.text(f"{path}.{name}", found.get(name))

        def number(name: str) -> int | None:
            return self.number(f"{path}.{name}", found.get(name))

        return WorkflowTarget(
            queue=text("queue"),
            expression=text("expression"),
            priority=number("priority"),
            timeout=number("timeout"),
            order_by=text("order_by"),
            skip_if=text("skip_if"),
            known_worker_sid=text("known_worker_sid"),
            known_worker_friendly_name=text("known_worker_friendly_name"),
            extra=_without(found, *_TARGET_KEYS),
        )

    def text(self, path: str, value: object) -> str | None:
        if value is None or isinstance(value, str):
            return value
        raise _fail(self._argument, path, "a string", value)

    def number(self, path: str, value: object) -> int | None:
        """An integer; a string of digits is read as one (Twilio's own pages quote some)."""
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise _fail(self._argument, path, "a whole number", value)


def _without(found: Mapping[str, Any], *known: str) -> dict[str, Any]:
    return {key: value for key, value in found.items() if key not in known}


def _target_dict(target: WorkflowTarget) -> dict[str, Any]:
    fields = attrs.asdict(target, recurse=False)
    del fields["extra"]
    return {**{k: v for k, v in fields.items() if v is not None}, **target.extra}


def _filter_dict(routing: WorkflowFilter) -> dict[str, Any]:
    found: dict[str, Any] = {"expression": routing.expression}
    if routing.filter_friendly_name is not None:
        found["filter_friendly_name"] = routing.filter_friendly_name
    found["targets"] = [_target_dict(target) for target in routing.targets]
    return {**found, **routing.extra}


def configuration(argument: str, value: object) -> tuple[str, ...]:
    """Encoder of ``configuration``: a WorkflowConfiguration, a mapping or JSON text, checked.

    A mapping or JSON text is sent as given once it reads and checks; a WorkflowConfiguration
    as :meth:`WorkflowConfiguration.to_json` writes it.
    """
    if isinstance(value, WorkflowConfiguration):
        value.check(argument=argument)
        return (value.to_json(),)
    if isinstance(value, str):
        WorkflowConfiguration.from_json(value, argument=argument).check(argument=argument)
    elif isinstance(value, Mapping):
        WorkflowConfiguration.from_dict(value, argument=argument).check(argument=argument)
    else:
        raise InvalidArgumentError(
            argument,
            f"expected a WorkflowConfiguration, a mapping or JSON text, got {type(value).__name__}",
        )
    return json_object(argument, value)
