"""Lazy lists that follow ``meta.next_page_url``, for both clients.

The walk through pages is pure (:class:`_Walk`): which request comes next, when to stop for
``limit``, and the safety rules. Credentials go only to the client's base URL:

- a ``next_page_url`` on the base URL's scheme, host and port is followed; so is one on
  Twilio's own API host (``https://taskrouter[.edge.region].twilio.com``), which a gateway or
  a regional base URL passes through unchanged, but only its path and query are kept;
- a ``/v1/...`` path is put under the base URL's path prefix, so a base URL such as
  ``https://proxy.example.com/taskrouter`` pages through ``/taskrouter/v1/...``;
- any other host, a URL that cannot be parsed, or a URL seen twice stops the walk with
  PaginationError (the items already received are yielded first).

The two paginators only send what the walk asks for.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Iterator,
    Sequence,
)
from typing import Generic, TypeVar
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit

import attrs

from ._errors import PaginationError
from ._operation import Operation, Request, Safety
from ._responses import Page, Response, read_page

M = TypeVar("M")
S = TypeVar("S")

__all__ = ["AsyncPaginator", "Paginator"]

Origin = tuple[str, str, int | None]

_TWILIO_HOST = re.compile(r"taskrouter(?:\.[a-z0-9-]+){0,2}\.twilio\.com")
_API_PATH = "/v1/"


class _Walk(Generic[M]):
    """Where a walk through pages stands. Strictly private.

    The next page's URL is checked only when the next request is asked for, so the items of
    a page are yielded before an unsafe ``next_page_url`` on it raises.
    """

    def __init__(self, first: Request, base_url: str, limit: int | None) -> None:
        self._next: Request | str | None = first if limit != 0 else None
        base = urlsplit(base_url)
        self._origin = _origin(base)
        self._root = f"{base.scheme}://{base.netloc}"
        self._prefix = base.path.rstrip("/")
        self._base_url = base_url
        self._seen = {first.url}
        self._left = limit

    def next_request(self) -> Request | None:
        """The request for the next page, or None when the walk is over."""
        if isinstance(self._next, str):
            self._next = self._follow(self._next)
        return self._next

    def advance(self, page: Page[M]) -> Sequence[M]:
        """Take in a page; return its items within the limit."""
        items = page.items
        if self._left is not None:
            items = items[: self._left]
            self._left -= len(items)
        self._next = None if self._left == 0 else page.next_page_url
        return items

    def _follow(self, next_page_url: str) -> Request:
        url = self._on_base_url(next_page_url)
        if url in self._seen:
            msg = f"the server sent the same next_page_url twice ({urlsplit(url).path}); stopping"
            raise PaginationError(msg)
        self._seen.add(url)
        return Request("GET", url, urlsplit(url).path, (), None, Safety.READ)

    def _on_base_url(self, next_page_url: str) -> str:
        """``next_page_url`` re-rooted on the base URL, or PaginationError if it may not be."""
        try:
            parts = urlsplit(urljoin(self._base_url + "/", next_page_url))
            origin = _origin(parts)
        except ValueError:
            msg = "the server sent a next_page_url that is not a URL; stopping"
            raise PaginationError(msg) from None
        path = parts.path
        on_api_path = path.startswith(_API_PATH)
        if origin != self._origin and not (on_api_path and _is_twilio(origin)):
            msg = (
                f"refusing to follow next_page_url to {_origin_text(origin)}: it is not "
                f"{_origin_text(self._origin)}, and our credentials go only there"
            )
            raise PaginationError(msg)
        if on_api_path and not path.startswith(self._prefix + "/"):
            path = self._prefix + path
        return self._root + path + (f"?{parts.query}" if parts.query else "")


def _first_item_only(request: Request) -> Request:
    """``request`` asking for a page of one item (``PageSize=1``)."""
    base, _, query = request.url.partition("?")
    params = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "PageSize"]
    return attrs.evolve(request, url=f"{base}?{urlencode([*params, ('PageSize', '1')])}")


class _Paginator(Generic[M, S]):
    """What both paginators hold: the operation, its first request, how to send.

    Strictly private.
    """

    def __init__(
        self, op: Operation[M], first: Request, base_url: str, limit: int | None, send: S
    ) -> None:
        self._op = op
        self._first = first
        self._base_url = base_url
        self._limit = limit
        self._send = send

    def _walk(self, *, first_only: bool = False) -> _Walk[M]:
        if not first_only:
            return _Walk(self._first, self._base_url, self._limit)
        return _Walk(_first_item_only(self._first), self._base_url, 0 if self._limit == 0 else 1)

    def __repr__(self) -> str:
        query = urlsplit(self._first.url).query
        names = sorted({name for name, _ in parse_qsl(query, keep_blank_values=True)})
        # Parameter values are left out: filters may hold customer data.
        return (
            f"{type(self).__name__}(op={self._op.name!r}, path={self._first.path!r}, "
            f"params={names!r}, limit={self._limit!r})"
        )


class Paginator(_Paginator[M, Callable[[Request], Response]]):
    """The items of a list, fetched page by page as iteration reaches them.

    Nothing is sent until iteration starts; each iteration starts again from the first page.
    ``limit`` caps both the items yielded and the requests made.

    .. versionadded:: 0.1.0
    """

    def __iter__(self) -> Iterator[M]:
        return self._items(self._walk())

    def _items(self, walk: _Walk[M]) -> Generator[M, None, None]:
        while (request := walk.next_request()) is not None:
            yield from walk.advance(read_page(self._op, self._send(request)))

    def first(self) -> M | None:
        """The first item, or None for an empty list, in one request of one item.

        The first page is asked for with ``PageSize=1`` whatever ``page_size`` was given:
        the first item does not depend on the page size. ``limit=0`` sends nothing.

        .. versionadded:: 0.2.0
        """
        with contextlib.closing(self._items(self._walk(first_only=True))) as items:
            return next(items, None)

    def to_list(self) -> list[M]:
        """Every item (up to ``limit``), fetching every page: ``list(paginator)`` does the same.

        .. versionadded:: 0.2.0
        """
        return list(self)

    def pages(self) -> Iterator[Page[M]]:
        """Iterate over whole pages (each with ``items`` and ``next_page_token``).

        With ``limit``, stops after the page that reaches it; that page is yielded whole.
        """
        walk = self._walk()
        while (request := walk.next_request()) is not None:
            page = read_page(self._op, self._send(request))
            walk.advance(page)
            yield page


class AsyncPaginator(_Paginator[M, Callable[[Request], Awaitable[Response]]]):
    """Async twin of :class:`Paginator`: use ``async for``.

    .. versionadded:: 0.1.0
    """

    def __aiter__(self) -> AsyncIterator[M]:
        return self._items(self._walk())

    async def _items(self, walk: _Walk[M]) -> AsyncGenerator[M, None]:
        while (request := walk.next_request()) is not None:
            for item in walk.advance(read_page(self._op, await self._send(request))):
                yield item

    async def first(self) -> M | None:
        """Async twin of :meth:`Paginator.first`: ``await paginator.first()``.

        .. versionadded:: 0.2.0
        """
        items = self._items(self._walk(first_only=True))
        async with contextlib.aclosing(items):
            async for item in items:
                return item
        return None

    async def to_list(self) -> list[M]:
        """Async twin of :meth:`Paginator.to_list`: ``await paginator.to_list()``.

        .. versionadded:: 0.2.0
        """
        return [item async for item in self]

    async def pages(self) -> AsyncIterator[Page[M]]:
        """Async twin of :meth:`Paginator.pages`."""
        walk = self._walk()
        while (request := walk.next_request()) is not None:
            page = read_page(self._op, await self._send(request))
            walk.advance(page)
            yield page


def _origin(parts: SplitResult) -> Origin:
    """Scheme, host and port (the default one filled in); raises ValueError for a bad port."""
    scheme = parts.scheme.lower()
    port = parts.port or {"https": 443, "http": 80}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def _is_twilio(origin: Origin) -> bool:
    scheme, host, port = origin
    return scheme == "https" and port == 443 and bool(_TWILIO_HOST.fullmatch(host))


def _origin_text(origin: Origin) -> str:
    scheme, host, port = origin
    return f"{scheme}://{host}:{port}"
