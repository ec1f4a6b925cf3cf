"""Operations described as data, and the pure step from arguments to a request.

Each TaskRouter operation is one :class:`Operation`: method, spec path, the TypedDict of its
parameters, the model it returns and whether repeating it is safe. Resource classes only name
an operation and pass their arguments along; nothing here touches the network.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar
from urllib.parse import urlencode

import attrs

from ._params import Wire, wire_params

M = TypeVar("M")

Check = Callable[[Mapping[str, object]], None]
"""A rule across arguments (one needs another); raises InvalidArgumentError."""

_FORM = "application/x-www-form-urlencoded"


@attrs.frozen
class Operation(Generic[M]):
    """One TaskRouter operation. Strictly private.

    Attributes:
        name: The spec's ``operationId`` (``CreateTask``).
        method: The HTTP method.
        path: The spec's path template (``/v1/Workspaces/{WorkspaceSid}/Tasks``).
        params: Keyword -> wire declaration, read from the parameters' TypedDict.
        model: The model class parsed from the body; None when the answer has no body.
        list_key: For list operations, the envelope key holding the items.
        repeatable: Whether sending it twice is harmless (fetch, list, update, delete).
        checks: Rules across arguments, run after each argument is checked on its own.
    """

    name: str
    method: str
    path: str
    params: Mapping[str, Wire]
    model: type[M] | None
    list_key: str | None = None
    repeatable: bool = True
    checks: tuple[Check, ...] = ()


def operation(
    name: str,
    method: str,
    path: str,
    params: type,
    model: type[M] | None,
    *,
    list_key: str | None = None,
    repeatable: bool = True,
    checks: tuple[Check, ...] = (),
) -> Operation[M]:
    """Describe an operation whose parameters are the fields of the TypedDict ``params``."""
    return Operation(name, method, path, wire_params(params), model, list_key, repeatable, checks)


@attrs.frozen
class Request:
    """A request ready to send: everything but credentials. Strictly private."""

    method: str
    url: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    repeatable: bool


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
        target = placed[wire.location]
        target.extend((wire.name, each) for each in wire.encode(keyword, value))
    for check in op.checks:
        check(arguments)
    path = op.path.format_map(path_values)
    url = base_url + path + ("?" + urlencode(query) if query else "")
    body = None
    if op.method == "POST":
        headers.append(("Content-Type", _FORM))
        body = urlencode(form).encode("ascii")
    return Request(op.method, url, path, tuple(headers), body, op.repeatable)


def _unexpected(op: Operation[M], keyword: str) -> str:
    message = f"{op.name} got an unexpected keyword argument {keyword!r}"
    close = difflib.get_close_matches(keyword, list(op.params), n=1)
    return message + (f"; did you mean {close[0]!r}?" if close else "")
