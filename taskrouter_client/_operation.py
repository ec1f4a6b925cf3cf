"""Operations described as data, and the pure step from arguments to a request.

Each TaskRouter operation is one :class:`Operation`: method, path, the TypedDict of its
parameters, the model it returns, what sending it twice would do (:class:`Safety`) and how to
tell whether a write whose answer was lost took effect (:class:`ReadBack`). The table is
generated from the spec (``_generated``); resource classes only name an operation and pass
their arguments along. Nothing here touches the network.

Paths name every SID after its resource (``{WorkspaceSid}``, ``{WorkerSid}``, ...), where
the spec names a resource's own SID ``{Sid}``: a context holds one set of path values that
every operation under it can use.
"""

from __future__ import annotations

import difflib
import enum
import functools
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

import attrs

from ._errors import InvalidArgumentError
from ._params import Wire, wire_params

M = TypeVar("M")

Check = Callable[[Mapping[str, object]], None]
"""A rule across arguments (one needs another); raises InvalidArgumentError."""

_FORM = "application/x-www-form-urlencoded"
_JSON = "application/json"


class Safety(enum.Enum):
    """What sending an operation a second time would do. Strictly private.

    It decides, after a failure that may have reached Twilio (a read timeout, a dropped
    connection, 408 or 5xx), whether the request is sent again. 429 and failures to connect
    never reached Twilio, so every operation is retried after those.
    """

    READ = "read"
    """Changes nothing (fetch, list, statistics): always sent again."""
    SET = "set"
    """Sets values whatever they were (an update of fields): sent again. A 412 that answers
    such a retry may be our own first attempt having landed: the resource is read back."""
    DELETE = "delete"
    """Sent again; a 404 answering a retry after an attempt that may have landed is success."""
    TRANSITION = "transition"
    """Moves a state machine (a Reservation instruction, a Task's status): never sent again,
    since the second would be refused for the first one's success (or, for ``call``, dial
    twice). The resource is read back instead, where the outcome can be seen."""
    CREATE = "create"
    """Makes a new resource: never sent again (Twilio has no idempotency key), unless the
    client opted in with ``retry_creates``."""


@attrs.frozen
class ReadBack:
    """How to see whether a write whose answer was lost took effect. Strictly private.

    Attributes:
        fetch: The operation that reads the resource (same path as the write).
        shows: Whether the resource read holds what the write's arguments asked for.
        observable: Whether the write's effect can be seen at all, given its arguments
            (a ``call`` instruction that does not accept changes nothing one can read).
    """

    fetch: Operation[Any]
    shows: Callable[[Any, Mapping[str, object]], bool]
    observable: Callable[[Mapping[str, object]], bool] = lambda _arguments: True


@attrs.frozen
class Operation(Generic[M]):
    """One TaskRouter operation. Strictly private.

    Attributes:
        name: The spec's ``operationId`` (``CreateTask``).
        method: The HTTP method.
        path: The path template, SIDs named after their resource
            (``/v1/Workspaces/{WorkspaceSid}/Tasks/{TaskSid}``).
        declared: The TypedDict of its parameters, each annotated with its wire
            declaration (read into :attr:`params` on first use).
        required: Keywords that must be given (not None): the spec's required parameters.
        json_body: Whether the body is a JSON object rather than a form (each argument's
            wire strings under its wire name: a list for a list argument, else the one string).
        model: The model class parsed from the body; None when the answer has no body.
        safety: What sending it twice would do.
        list_key: For list operations, the envelope key holding the items.
        checks: Rules across arguments, run after each argument is checked on its own.
        read_back: How to tell whether a lost write landed (writes only).
        transition_if: Keywords that, when given, make a SET a TRANSITION (a Task update
            that moves ``assignment_status``).
    """

    name: str
    method: str
    path: str
    declared: type
    model: type[M] | None
    safety: Safety
    required: frozenset[str] = frozenset()
    json_body: bool = False
    list_key: str | None = None
    checks: tuple[Check, ...] = ()
    read_back: ReadBack | None = None
    transition_if: frozenset[str] = frozenset()

    def safety_for(self, arguments: Mapping[str, object]) -> Safety:
        """The operation's safety when sent with ``arguments``."""
        if self.transition_if and any(
            arguments.get(keyword) is not None for keyword in self.transition_if
        ):
            return Safety.TRANSITION
        return self.safety

    @functools.cached_property
    def params(self) -> Mapping[str, Wire]:
        """Keyword -> wire declaration, read from :attr:`declared`.

        Read on first use rather than when the operation is defined: reading annotations
        compiles each one, and a branch of the tree defines dozens of operations that a
        process may never call.
        """
        return wire_params(self.declared)


def operation(
    name: str,
    method: str,
    path: str,
    params: type,
    model: type[M] | None,
    *,
    safety: Safety,
    required: frozenset[str] = frozenset(),
    json_body: bool = False,
    list_key: str | None = None,
    checks: tuple[Check, ...] = (),
    read_back: ReadBack | None = None,
    transition_if: frozenset[str] = frozenset(),
) -> Operation[M]:
    """Describe an operation whose parameters are the fields of the TypedDict ``params``."""
    return Operation(
        name,
        method,
        path,
        params,
        model,
        safety,
        required,
        json_body,
        list_key,
        checks,
        read_back,
        transition_if,
    )


@attrs.define
class Request:
    """A request ready to send: everything but credentials. Strictly private.

    Not frozen, though nothing changes it once made: a frozen attrs class sets each field
    through ``object.__setattr__``, which made a fetch 3,000 instructions dearer.
    """

    method: str
    url: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    safety: Safety


Pairs = Sequence[tuple[str, str]]

_NO_ARGUMENTS: tuple[Pairs, Pairs, Pairs] = ((), (), ())
"""Query, form and header pairs of a call without arguments."""


def build_request(
    op: Operation[M],
    base_url: str,
    path_values: Mapping[str, str],
    arguments: Mapping[str, object],
) -> Request:
    """Check ``arguments`` against ``op`` and encode them; raise before anything is sent.

    Arguments left out or given as None are not sent. ``path_values`` must already be
    checked (resource contexts check their SIDs when they are made).
    """
    document: dict[str, str | list[str]] = {}
    query, form, headers = _encoded(op, arguments, document) if arguments else _NO_ARGUMENTS
    if op.required:
        for keyword in sorted(op.required):
            if arguments.get(keyword) is None:
                raise InvalidArgumentError(keyword, f"required by {op.name}")
    for check in op.checks:
        check(arguments)
    path = op.path.format_map(path_values)
    url = base_url + path + ("?" + urlencode(query) if query else "")
    body = None
    if op.json_body:
        headers = [*headers, ("Content-Type", _JSON)]
        body = json.dumps(document, separators=(",", ":")).encode("utf-8")
    elif op.method == "POST":
        headers = [*headers, ("Content-Type", _FORM)]
        body = urlencode(form).encode("ascii")
    return Request(op.method, url, path, tuple(headers), body, op.safety_for(arguments))


def _encoded(
    op: Operation[M], arguments: Mapping[str, object], document: dict[str, str | list[str]]
) -> tuple[Pairs, Pairs, Pairs]:
    """The query, form and header pairs of ``arguments``; a JSON body's go in ``document``."""
    query: list[tuple[str, str]] = []
    form: list[tuple[str, str]] = []
    headers: list[tuple[str, str]] = []
    placed = {"query": query, "form": form, "header": headers}
    for keyword, value in arguments.items():
        wire = op.params.get(keyword)
        if wire is None:
            raise TypeError(_unexpected(op, keyword))
        if value is None:
            continue
        encoded = wire.encode(keyword, value)
        if op.json_body and wire.location == "form":
            document[wire.name] = list(encoded) if _is_list(value) else encoded[0]
            continue
        placed[wire.location].extend((wire.name, each) for each in encoded)
    return query, form, headers


def _is_list(value: object) -> bool:
    return isinstance(value, list | tuple | set | frozenset)


def _unexpected(op: Operation[M], keyword: str) -> str:
    message = f"{op.name} got an unexpected keyword argument {keyword!r}"
    close = difflib.get_close_matches(keyword, list(op.params), n=1)
    return message + (f"; did you mean {close[0]!r}?" if close else "")
