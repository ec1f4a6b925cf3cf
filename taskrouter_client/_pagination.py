"""Lazy lists that follow ``meta.next_page_url``, for both clients.

The walk through pages is pure (:class:`_Walk`): which request comes next, when to stop for
``limit``, and the two safety rules. A ``next_page_url`` is followed only if it has the
scheme, host and port of the client's base URL (credentials never leave for another host),
and a URL seen twice stops the walk with PaginationError instead of looping for ever.
The two paginators only send what the walk asks for.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Generic, TypeVar
from urllib.parse import urljoin, urlsplit

from ._errors import PaginationError
from ._operation import Operation, Request, Safety
from ._responses import Page, Response, read_page

M = TypeVar("M")
S = TypeVar("S")

__all__ = ["AsyncPaginator", "Paginator"]


class _Walk(Generic[M]):
    """Where a walk through pages stands. Strictly private.

    The next page's URL is checked only when the next request is asked for, so the items of
    a page are yielded before an unsafe ``next_page_url`` on it raises.
    """

    def __init__(self, first: Request, base_url: str, limit: int | None) -> None:
        self._next: Request | str | None = first if limit != 0 else None
        self._origin = _origin(base_url)
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
        url = urljoin(self._base_url + "/", next_page_url)
        if _origin(url) != self._origin:
            msg = (
                f"refusing to follow next_page_url to {_origin_text(url)}: it is not "
                f"{_origin_text(self._base_url)}, and our credentials go only there"
            )
            raise PaginationError(msg)
        if url in self._seen:
            msg = f"the server sent the same next_page_url twice ({urlsplit(url).path}); stopping"
            raise PaginationError(msg)
        self._seen.add(url)
        return Request("GET", url, urlsplit(url).path, (), None, Safety.READ)


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

    def _walk(self) -> _Walk[M]:
        return _Walk(self._first, self._base_url, self._limit)


class Paginator(_Paginator[M, Callable[[Request], Response]]):
    """The items of a list, fetched page by page as iteration reaches them.

    Nothing is sent until iteration starts; each iteration starts again from the first page.
    ``limit`` caps both the items yielded and the requests made.

    .. versionadded:: 0.1.0
    """

    def __iter__(self) -> Iterator[M]:
        walk = self._walk()
        while (request := walk.next_request()) is not None:
            yield from walk.advance(read_page(self._op, self._send(request)))

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

    async def __aiter__(self) -> AsyncIterator[M]:
        walk = self._walk()
        while (request := walk.next_request()) is not None:
            for item in walk.advance(read_page(self._op, await self._send(request))):
                yield item

    async def pages(self) -> AsyncIterator[Page[M]]:
        """Async twin of :meth:`Paginator.pages`."""
        walk = self._walk()
        while (request := walk.next_request()) is not None:
            page = read_page(self._op, await self._send(request))
            walk.advance(page)
            yield page


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"https": 443, "http": 80}.get(scheme)
    except ValueError:  # a port that is not a number: an origin matching nothing
        return scheme, "", -1
    return scheme, (parts.hostname or "").lower(), port


def _origin_text(url: str) -> str:
    scheme, host, port = _origin(url)
    return f"{scheme}://{host}:{port}"
