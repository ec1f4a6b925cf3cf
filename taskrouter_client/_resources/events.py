"""``ws.events`` and ``ws.events("EV…")``, for both clients: the Workspace's audit trail."""

from __future__ import annotations

from typing import TypeVar

from .._endpoints.common import NoParams
from .._generated.events import FETCH_EVENT, LIST_EVENT, ListEventArguments
from .._runner import AsyncRunner, SyncRunner
from .base import Call, Context, Item, Lister, Resource

R = TypeVar("R", SyncRunner, AsyncRunner)


class _EventContext(Context[R]):
    """One Event, for either client. Strictly private."""

    __slots__ = ()
    _sid_key = "EventSid"
    fetch = Call(FETCH_EVENT, NoParams, "Fetch the Event (FetchEvent).")


class EventContext(_EventContext[SyncRunner]):
    """One Event (``ws.events("EV…")``): ``fetch()``.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncEventContext(_EventContext[AsyncRunner]):
    """Async twin of :class:`EventContext`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class _EventList(Resource[R]):
    """A Workspace's Events, for either client. Strictly private."""

    __slots__ = ()
    __call__ = Item(
        EventContext, AsyncEventContext, key="EventSid", argument="event_sid", prefix="EV"
    )
    list = Lister(
        LIST_EVENT,
        ListEventArguments,
        "The Workspace's Events, newest first, lazily (ListEvent); by default the last 15 "
        "minutes'.",
    )


class EventList(_EventList[SyncRunner]):
    """A Workspace's Events (``ws.events``): ``list()``; call it with a SID for one.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncEventList(_EventList[AsyncRunner]):
    """Async twin of :class:`EventList`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()
