"""``ws.activities`` and ``ws.activities("WA…")``, for both clients."""

from __future__ import annotations

from typing import TypeVar

from .._endpoints.common import NoParams
from .._generated.activities import (
    CREATE_ACTIVITY,
    DELETE_ACTIVITY,
    FETCH_ACTIVITY,
    LIST_ACTIVITY,
    UPDATE_ACTIVITY,
    CreateActivityParams,
    ListActivityArguments,
    UpdateActivityParams,
)
from .._runner import AsyncRunner, SyncRunner
from .base import Call, Context, Item, Lister, Resource

R = TypeVar("R", SyncRunner, AsyncRunner)


class _ActivityContext(Context[R]):
    """One Activity, for either client. Strictly private."""

    __slots__ = ()
    _sid_key = "ActivitySid"
    fetch = Call(FETCH_ACTIVITY, NoParams, "Fetch the Activity (FetchActivity).")
    update = Call(UPDATE_ACTIVITY, UpdateActivityParams, "Rename the Activity (UpdateActivity).")
    delete = Call(DELETE_ACTIVITY, NoParams, "Delete the Activity (DeleteActivity).")


class ActivityContext(_ActivityContext[SyncRunner]):
    """One Activity (``ws.activities("WA…")``): ``fetch()``, ``update()``, ``delete()``.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncActivityContext(_ActivityContext[AsyncRunner]):
    """Async twin of :class:`ActivityContext`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class _ActivityList(Resource[R]):
    """A Workspace's Activities, for either client. Strictly private."""

    __slots__ = ()
    __call__ = Item(
        ActivityContext,
        AsyncActivityContext,
        key="ActivitySid",
        argument="activity_sid",
        prefix="WA",
    )
    list = Lister(
        LIST_ACTIVITY, ListActivityArguments, "The Workspace's Activities, lazily (ListActivity)."
    )
    create = Call(CREATE_ACTIVITY, CreateActivityParams, "Create an Activity (CreateActivity).")


class ActivityList(_ActivityList[SyncRunner]):
    """A Workspace's Activities (``ws.activities``): ``list()``, ``create()``.

    Call it with a SID for one.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncActivityList(_ActivityList[AsyncRunner]):
    """Async twin of :class:`ActivityList`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()
