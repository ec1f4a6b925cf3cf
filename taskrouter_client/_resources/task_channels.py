"""``ws.task_channels`` and ``ws.task_channels("TC…")``, for both clients.

A TaskChannel is reached by its SID or by its ``unique_name`` (``ws.task_channels("voice")``).
"""

from __future__ import annotations

from typing import TypeVar

from .._endpoints.common import NoParams
from .._generated.task_channels import (
    CREATE_TASK_CHANNEL,
    DELETE_TASK_CHANNEL,
    FETCH_TASK_CHANNEL,
    LIST_TASK_CHANNEL,
    UPDATE_TASK_CHANNEL,
    CreateTaskChannelParams,
    ListTaskChannelArguments,
    UpdateTaskChannelParams,
)
from .._runner import AsyncRunner, SyncRunner
from .base import Call, Context, Item, Lister, Resource

R = TypeVar("R", SyncRunner, AsyncRunner)


class _TaskChannelContext(Context[R]):
    """One TaskChannel, for either client. Strictly private."""

    __slots__ = ()
    _sid_key = "TaskChannelSid"
    fetch = Call(FETCH_TASK_CHANNEL, NoParams, "Fetch the TaskChannel (FetchTaskChannel).")
    update = Call(
        UPDATE_TASK_CHANNEL,
        UpdateTaskChannelParams,
        "Update the TaskChannel (UpdateTaskChannel).",
    )
    delete = Call(DELETE_TASK_CHANNEL, NoParams, "Delete the TaskChannel (DeleteTaskChannel).")


class TaskChannelContext(_TaskChannelContext[SyncRunner]):
    """One TaskChannel (``ws.task_channels("TC…")`` or ``("voice")``).

    ``fetch()``, ``update()``, ``delete()``.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncTaskChannelContext(_TaskChannelContext[AsyncRunner]):
    """Async twin of :class:`TaskChannelContext`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class _TaskChannelList(Resource[R]):
    """A Workspace's TaskChannels, for either client. Strictly private."""

    __slots__ = ()
    __call__ = Item(
        TaskChannelContext,
        AsyncTaskChannelContext,
        key="TaskChannelSid",
        argument="task_channel_sid",
        prefix=None,
    )
    list = Lister(
        LIST_TASK_CHANNEL,
        ListTaskChannelArguments,
        "The Workspace's TaskChannels, lazily (ListTaskChannel).",
    )
    create = Call(
        CREATE_TASK_CHANNEL,
        CreateTaskChannelParams,
        "Create a TaskChannel (CreateTaskChannel); ``friendly_name`` and ``unique_name`` are "
        "required.",
    )


class TaskChannelList(_TaskChannelList[SyncRunner]):
    """A Workspace's TaskChannels (``ws.task_channels``): ``list()``, ``create()``.

    Call it with a SID or unique name for one.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncTaskChannelList(_TaskChannelList[AsyncRunner]):
    """Async twin of :class:`TaskChannelList`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()
