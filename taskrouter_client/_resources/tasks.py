"""``ws.tasks`` and ``ws.tasks("WT…")``, for both clients."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import cast

from .._compat import Unpack
from .._errors import InvalidArgumentError, PreconditionFailedError
from .._generated.tasks import (
    CREATE_TASK,
    DELETE_TASK,
    FETCH_TASK,
    LIST_TASK,
    UPDATE_TASK,
    CreateTaskParams,
    DeleteTaskParams,
    ListTaskArguments,
    UpdateTaskParams,
)
from .._http_info import HTTPInfo
from .._models import Task
from .._params import check_sid, integer
from .._responses import invalid_response
from .._runner import AsyncRunner, SyncRunner
from .base import Context, Lister, Resource
from .reservations import AsyncReservationList, ReservationList

_Change = Callable[[Task], UpdateTaskParams | None]
_AsyncChange = Callable[[Task], Awaitable[UpdateTaskParams | None] | UpdateTaskParams | None]

_LIST_DOC = """The Workspace's Tasks, lazily, page by page (ListTask).

Keywords: ``limit`` (yield at most this many Tasks, and send no request beyond what they
need) and the filters and paging of :class:`ListTaskParams`. Arguments are checked now;
nothing is sent until iteration starts.
"""


class TaskList(Resource[SyncRunner]):
    """A Workspace's Tasks (``ws.tasks``); call it with a Task SID for one Task.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __call__(self, task_sid: str) -> TaskContext:
        """The Task ``task_sid`` (checked against ``^WT[0-9a-fA-F]{32}$``; nothing is sent)."""
        return TaskContext(
            self._runner, {**self._path, "TaskSid": check_sid("task_sid", task_sid, "WT")}
        )

    def create(self, **params: Unpack[CreateTaskParams]) -> Task:
        """Create a Task (CreateTask). Keywords: :class:`CreateTaskParams`.

        A create that may have reached Twilio is never retried: Twilio has no idempotency
        key, so a retry could create a second Task.

        Raises:
            InvalidArgumentError: A keyword's value is out of range or of the wrong kind.
            APIError: Twilio refused the request.
        """
        return self._runner.call(CREATE_TASK, self._path, params)

    list = Lister(LIST_TASK, ListTaskArguments, _LIST_DOC)


class TaskContext(Context[SyncRunner]):
    """One Task (``ws.tasks("WT…")``).

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    _sid_key = "TaskSid"

    def fetch(self) -> Task:
        """Fetch the Task (FetchTask); its ``etag`` holds the current version."""
        return self._runner.call(FETCH_TASK, self._path, {})

    def update(self, **params: Unpack[UpdateTaskParams]) -> Task:
        """Update the Task (UpdateTask). Keywords: :class:`UpdateTaskParams`.

        Pass ``if_match=task.etag`` to update only the version you read.

        Raises:
            PreconditionFailedError: ``if_match`` no longer names the current version.
        """
        return self._runner.call(UPDATE_TASK, self._path, params)

    def delete(self, **params: Unpack[DeleteTaskParams]) -> None:
        """Delete the Task (DeleteTask), optionally only at version ``if_match``."""
        self._runner.call(DELETE_TASK, self._path, params)

    def modify(self, change: _Change, *, attempts: int = 3) -> Task:
        """Read the Task, let ``change`` decide the update, and send it only if nobody else did.

        ``change`` gets the current Task and returns :class:`UpdateTaskParams` keywords, or
        None to leave the Task as it is (so does an empty change: ``{}``, or keywords that
        are all None, sends nothing). The update carries ``if_match`` with the version
        read; if Twilio answers 412 the Task changed meanwhile, so it is read again and
        ``change`` asked again, up to ``attempts`` reads in all. A 412 that answers a retry
        (the first attempt's answer was lost) may be our own write landing: the update reads
        the Task back, and if it holds every value sent, returns it without deciding again.
        If it does not (the read failed, or someone else wrote in between), our write may
        still have landed, and deciding again could apply the change twice: the 412 is
        raised, with ``may_have_been_sent=True``.

        Returns:
            The updated Task, or the Task as read when ``change`` returned None.

        Raises:
            PreconditionFailedError: The Task changed under every one of the ``attempts``,
                or (``may_have_been_sent=True``) our own update may have landed unconfirmed.
        """
        integer(minimum=1)("attempts", attempts)
        for _ in range(attempts - 1):
            try:
                return self._modify_once(change)
            except PreconditionFailedError as conflict:
                _decide_again_only_after(conflict)
        return self._modify_once(change)

    def _modify_once(self, change: _Change) -> Task:
        current = self.fetch()
        params = _conditional(change(current), current)
        if params is None:
            return current
        return self.update(**params)

    @property
    def reservations(self) -> ReservationList:
        """The Task's Reservations."""
        return ReservationList(self._runner, self._path)


def _decide_again_only_after(conflict: PreconditionFailedError) -> None:
    """Let ``modify`` decide again after a plain conflict; re-raise a doubtful one.

    A plain 412 means someone else wrote first. One that may have been sent (it answered a
    retry after a lost answer, and the read-back did not confirm our write) may hide our own
    write landing, which deciding again would repeat.
    """
    if conflict.may_have_been_sent:
        raise conflict


class AsyncTaskList(Resource[AsyncRunner]):
    """Async twin of :class:`TaskList`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __call__(self, task_sid: str) -> AsyncTaskContext:
        """See :meth:`TaskList.__call__`."""
        return AsyncTaskContext(
            self._runner, {**self._path, "TaskSid": check_sid("task_sid", task_sid, "WT")}
        )

    async def create(self, **params: Unpack[CreateTaskParams]) -> Task:
        """See :meth:`TaskList.create`."""
        return await self._runner.call(CREATE_TASK, self._path, params)

    list = Lister(
        LIST_TASK, ListTaskArguments, "See :meth:`TaskList.list`; iterate with ``async for``."
    )


class AsyncTaskContext(Context[AsyncRunner]):
    """Async twin of :class:`TaskContext`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    _sid_key = "TaskSid"

    async def fetch(self) -> Task:
        """See :meth:`TaskContext.fetch`."""
        return await self._runner.call(FETCH_TASK, self._path, {})

    async def update(self, **params: Unpack[UpdateTaskParams]) -> Task:
        """See :meth:`TaskContext.update`."""
        return await self._runner.call(UPDATE_TASK, self._path, params)

    async def delete(self, **params: Unpack[DeleteTaskParams]) -> None:
        """See :meth:`TaskContext.delete`."""
        await self._runner.call(DELETE_TASK, self._path, params)

    async def modify(
        self,
        change: _AsyncChange,
        *,
        attempts: int = 3,
    ) -> Task:
        """See :meth:`TaskContext.modify`; ``change`` may also be a coroutine function."""
        integer(minimum=1)("attempts", attempts)
        for _ in range(attempts - 1):
            try:
                return await self._modify_once(change)
            except PreconditionFailedError as conflict:
                _decide_again_only_after(conflict)
        return await self._modify_once(change)

    async def _modify_once(self, change: _AsyncChange) -> Task:
        current = await self.fetch()
        decided = change(current)
        if inspect.isawaitable(decided):
            decided = await decided
        params = _conditional(decided, current)
        if params is None:
            return current
        return await self.update(**params)

    @property
    def reservations(self) -> AsyncReservationList:
        """See :attr:`TaskContext.reservations`."""
        return AsyncReservationList(self._runner, self._path)


def _conditional(decided: object, current: Task) -> UpdateTaskParams | None:
    """What ``change`` decided for ``current``, made conditional on the version read."""
    if decided is None:
        return None
    if not isinstance(decided, Mapping):
        problem = f"expected to return update keywords or None, got {type(decided).__name__}"
        raise InvalidArgumentError("change", problem)
    if "if_match" in decided:
        raise InvalidArgumentError("change", "must not return if_match: modify sends the etag")
    if all(value is None for value in decided.values()):
        return None  # nothing to send: a write would only bump the ETag under other writers
    if current.etag is None:
        info = cast("HTTPInfo", current.http)  # a fetched Task always has its HTTP metadata
        raise invalid_response(info, "the Task came without an ETag to update against")
    return cast("UpdateTaskParams", {**decided, "if_match": current.etag})
