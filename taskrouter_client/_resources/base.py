"""What every resource face shares: its runner, its path, and operations as methods.

A face holds the runner that sends and the path it stands on; the declarations below turn
an operation into a method.

A face is a class body of declarations, written once for both clients::

    class _WorkerContext(Context[R]):
        fetch = Call(FETCH_WORKER, NoParams, "Fetch the Worker.")
        update = Call(UPDATE_WORKER, UpdateWorkerParams, "Update the Worker.")

    class WorkerContext(_WorkerContext[SyncRunner]): ...
    class AsyncWorkerContext(_WorkerContext[AsyncRunner]): ...

On a face bound to the sync runner ``update`` returns the model; on one bound to the async
runner it returns an awaitable. Its keywords are the fields of the parameters' TypedDict,
checked by type checkers as if written out (the TypedDict's constructor gives the
signature), and at run time by the operation's encoders.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Coroutine, Mapping
from types import MethodType
from typing import Any, Generic, ParamSpec, TypeVar, overload
from urllib.parse import quote

from .._compat import Self
from .._errors import InvalidArgumentError
from .._operation import Operation
from .._pagination import AsyncPaginator, Paginator
from .._params import check_sid
from .._runner import AsyncRunner, SyncRunner

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M")
S = TypeVar("S")
A = TypeVar("A")

Awaited = Coroutine[Any, Any, M]


class Resource(Generic[R]):
    """A place in the API tree, bound to a runner. Strictly private."""

    __slots__ = ("_path", "_runner")

    def __init__(self, runner: R, path: Mapping[str, str]) -> None:
        self._runner = runner
        self._path = path

    def __repr__(self) -> str:
        where = ", ".join(f"{name}={value!r}" for name, value in self._path.items())
        return f"{type(self).__name__}({where})"


class Context(Resource[R]):
    """A single resource: its SID is one of the path values. Strictly private."""

    __slots__ = ()
    _sid_key = "Sid"

    @property
    def sid(self) -> str:
        """The resource's SID (or, for channels, the unique name it was reached by)."""
        return self._path[self._sid_key]


def _is_async(face: Resource[Any]) -> bool:
    return isinstance(face._runner, AsyncRunner)


class _Bound(Generic[S, A]):
    """A class attribute bound to the face it is read from. Strictly private.

    Read from a face of the sync client it is ``S``; of the async client, ``A``; from the
    class, itself. ``_make`` makes it from the face: for a method, ``MethodType`` bound to
    a function made once per declaration (a C call, where a closure made per read cost
    twice the instructions).
    """

    _make: Callable[[Resource[Any]], Any]

    @overload
    def __get__(self, face: None, owner: type) -> Self: ...
    @overload
    def __get__(self, face: Resource[SyncRunner], owner: type) -> S: ...
    @overload
    def __get__(self, face: Resource[AsyncRunner], owner: type) -> A: ...
    def __get__(self, face: Resource[Any] | None, owner: type) -> Any:
        return self if face is None else self._make(face)


def _method(function: Callable[..., Any], doc: str) -> Callable[[Resource[Any]], Any]:
    """What makes ``function`` (face first) a method of the face it is read from."""
    function.__doc__ = doc
    return functools.partial(MethodType, function)


class _Runs(_Bound[S, A], Generic[P, M, S, A]):
    """A declaration that runs one operation with the caller's keywords. Strictly private.

    Args:
        op: The operation; it uses the path of the face it is declared on.
        keywords: The TypedDict of its parameters (its constructor is the signature).
        doc: The docstring of the method or attribute.
    """

    def __init__(self, op: Operation[M], keywords: Callable[P, object], doc: str) -> None:
        self.op = op
        self.keywords = keywords
        self.__doc__ = doc


class Call(_Runs[P, M, Callable[P, M], Callable[P, Awaited[M]]]):
    """Declares a method that returns the operation's result. Strictly private."""

    def __init__(self, op: Operation[M], keywords: Callable[P, object], doc: str) -> None:
        super().__init__(op, keywords, doc)

        def method(face: Resource[Any], **arguments: Any) -> Any:
            return face._runner.call(op, face._path, arguments)

        self._make = _method(method, doc)


class Lister(_Runs[P, M, Callable[P, Paginator[M]], Callable[P, AsyncPaginator[M]]]):
    """Declares a lazy list; its keywords' TypedDict also holds ``limit``. Strictly private."""

    def __init__(self, op: Operation[M], keywords: Callable[P, object], doc: str) -> None:
        super().__init__(op, keywords, doc)

        def method(face: Resource[Any], *, limit: int | None = None, **arguments: Any) -> Any:
            return face._runner.paginate(op, face._path, arguments, limit)

        self._make = _method(method, doc)


class Endpoint(Generic[P, M]):
    """A sub-resource with one operation, such as ``ws.statistics``. Strictly private."""

    __slots__ = ("_op", "_path", "_runner")

    def __init__(self, runner: SyncRunner, path: Mapping[str, str], op: Operation[M]) -> None:
        self._runner = runner
        self._path = path
        self._op = op

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._op.name})"

    def fetch(self, *args: P.args, **kwargs: P.kwargs) -> M:
        """Fetch it; the keywords are the operation's (see the statistics page of the docs)."""
        _keywords_only(args)
        return self._runner.call(self._op, self._path, kwargs)


class AsyncEndpoint(Generic[P, M]):
    """Async twin of :class:`Endpoint`. Strictly private."""

    __slots__ = ("_op", "_path", "_runner")

    def __init__(self, runner: AsyncRunner, path: Mapping[str, str], op: Operation[M]) -> None:
        self._runner = runner
        self._path = path
        self._op = op

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._op.name})"

    async def fetch(self, *args: P.args, **kwargs: P.kwargs) -> M:
        """See :meth:`Endpoint.fetch`."""
        _keywords_only(args)
        return await self._runner.call(self._op, self._path, kwargs)


def _keywords_only(args: tuple[object, ...]) -> None:
    if args:
        msg = "fetch() takes keyword arguments only"
        raise TypeError(msg)


class Fetches(_Runs[P, M, "Endpoint[P, M]", "AsyncEndpoint[P, M]"]):
    """Declares a sub-resource fetched with one operation (statistics). Strictly private."""

    def __init__(self, op: Operation[M], keywords: Callable[P, object], doc: str) -> None:
        super().__init__(op, keywords, doc)
        self._make = self._endpoint

    def _endpoint(self, face: Resource[Any]) -> Any:
        kind = AsyncEndpoint if _is_async(face) else Endpoint
        return kind(face._runner, face._path, self.op)


Kinds = tuple[
    Callable[[SyncRunner, Mapping[str, str]], S], Callable[[AsyncRunner, Mapping[str, str]], A]
]


class Child(_Bound[S, A]):
    """Declares a resource below this one (``ws.workers``), for both clients. Strictly private.

    Args:
        sync: The sync face's class.
        asynchronous: The async face's class.
        doc: The attribute's docstring.

    The child stands on its parent's path: paths name every SID after its resource, so the
    parent's values are the child's.
    """

    _kinds: Kinds[S, A] | None

    def __init__(
        self,
        sync: Callable[[SyncRunner, Mapping[str, str]], S],
        asynchronous: Callable[[AsyncRunner, Mapping[str, str]], A],
        doc: str,
    ) -> None:
        self._kinds = (sync, asynchronous)
        self.__doc__ = doc
        self._make = self._child

    def _child(self, face: Resource[Any]) -> Any:
        sync, asynchronous = self._kinds or self._load()
        kind: Callable[[Any, Mapping[str, str]], Any] = asynchronous if _is_async(face) else sync
        return kind(face._runner, face._path)

    def _load(self) -> Kinds[S, A]:
        raise NotImplementedError


class Branch(Child[S, A]):
    """A :class:`Child` in a module of its own, imported when it is first reached.

    Strictly private.

    Args:
        module: The module, relative to this package (``".workers"``).
        sync: The sync face's class name (``"WorkerList"``); the async one's is ``"Async"``
            and it.
        doc: The attribute's docstring.

    So that a Workspace loads only the branches an application walks: the whole tree
    costs five times what the Tasks branch does to import.
    """

    def __init__(self, module: str, sync: str, doc: str) -> None:
        self._where = (module, sync)
        self._kinds = None
        self.__doc__ = doc
        self._make = self._child

    def _load(self) -> Kinds[S, A]:
        where, name = self._where
        module = importlib.import_module(where, __package__)
        self._kinds = (getattr(module, name), getattr(module, "Async" + name))
        return self._kinds


class Item(_Bound[Callable[[str], S], Callable[[str], A]]):
    """Declares ``__call__`` of a list: one item, by SID. Strictly private.

    Args:
        sync: The sync context class.
        asynchronous: The async context class.
        key: The path key the SID is stored under (``WorkerSid``).
        argument: The argument's name in errors (``worker_sid``).
        prefix: The SID's two-letter prefix, checked against ``^XX[0-9a-fA-F]{32}$``; None
            for items also reachable by a unique name (channels), which are only
            required to be non-empty text and are percent-encoded into the path.
    """

    def __init__(
        self,
        sync: Callable[[SyncRunner, Mapping[str, str]], S],
        asynchronous: Callable[[AsyncRunner, Mapping[str, str]], A],
        *,
        key: str,
        argument: str,
        prefix: str | None,
    ) -> None:
        self._argument = argument
        self._prefix = prefix
        check = self.check

        def item(face: Resource[Any], sid: str) -> Any:
            kind: Callable[[Any, Mapping[str, str]], Any] = (
                asynchronous if isinstance(face._runner, AsyncRunner) else sync
            )
            return kind(face._runner, {**face._path, key: check(sid)})

        self._make = _method(item, f"The item ``{argument}`` (checked; nothing is sent).")

    def check(self, value: object) -> str:
        """``value`` as it goes into the path, or InvalidArgumentError."""
        if self._prefix is not None:
            return check_sid(self._argument, value, self._prefix)
        if isinstance(value, str) and value:
            return quote(value, safe="")
        raise InvalidArgumentError(
            self._argument, "expected a SID or unique name (a non-empty string)"
        )
