"""Pages of a list, with ``PageToken`` cursors as TaskRouter issues them.

Twilio's page token is a cursor, ``PA`` + the SID of the last item seen ("page after"; its
warning 40153 says so): the next page starts after that item, wherever it now stands. So a
Task created or deleted between two requests makes iteration neither skip nor repeat what
existed throughout. The emulator's token is ``PA<sid>.<position>`` (``PB`` for the previous
page, before the first item): the position is the item's place in the list's order when the
page was served (its sort key), so the cursor holds even if that very item is deleted or
changed meanwhile. Clients treat the token as opaque.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
import re
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar
from urllib.parse import urlencode

from ._forms import Form, integer, one
from ._records import bad_request

SortKey = tuple[float, ...]
"""An item's place in a list's order (ascending; the last part makes it unique)."""


class Listed(Protocol):
    """What a list holds: records with a SID."""

    @property
    def sid(self) -> str: ...


class ListRequest(Protocol):
    """A list request: its query (filters, paging) and its URL without the query."""

    @property
    def query(self) -> Form: ...

    @property
    def url(self) -> str: ...


Item = TypeVar("Item", bound=Listed)

_TOKEN = re.compile(r"(?P<direction>P[AB])(?P<sid>[A-Z]{2}[0-9a-f]{32})\.(?P<position>[\w-]+)")


def page(
    key: str,
    items: Iterable[Item],
    sort_key: Callable[[Item], SortKey],
    request: ListRequest,
    render: Callable[[Item], Any],
) -> dict[str, Any]:
    """One page of ``items`` in ``sort_key`` order, as ``request`` asks, with Twilio's ``meta``."""
    query, url = request.query, request.url
    size = integer(query, "PageSize", 1, 1000) or 50
    token = one(query, "PageToken")
    if token is None and (one(query, "Page") or "0") != "0":
        raise bad_request("Absolute paging is not supported: follow meta.next_page_url", 40153)
    index = (integer(query, "Page", 0, 2**31) or 0) if token else 0
    ordered = sorted(items, key=sort_key)
    keys = [sort_key(item) for item in ordered]
    start, stop = 0, size
    if token is not None:
        direction, cursor = _read(token)
        if direction == "PA":
            start = bisect.bisect_right(keys, cursor)
            stop = start + size
        else:
            stop = bisect.bisect_left(keys, cursor)
            start = max(stop - size, 0)
    chosen = ordered[start:stop]
    filters = [
        (name, value)
        for name, values in query.items()
        if name not in {"PageSize", "Page", "PageToken"}
        for value in values
    ]

    def link(page_index: int, page_token: str | None) -> str:
        paging = [("PageSize", str(size)), ("Page", str(page_index))]
        if page_token is not None:
            paging.append(("PageToken", page_token))
        return f"{url}?{urlencode(filters + paging)}"

    more = bool(chosen) and start + len(chosen) < len(ordered)
    earlier = bool(chosen) and start > 0
    return {
        key: [render(item) for item in chosen],
        "meta": {
            "first_page_url": link(0, None),
            "key": key,
            "next_page_url": link(index + 1, _token("PA", chosen[-1], sort_key)) if more else None,
            "page": index,
            "page_size": size,
            "previous_page_url": (
                link(max(index - 1, 0), _token("PB", chosen[0], sort_key)) if earlier else None
            ),
            "url": link(index, token),
        },
    }


def _token(direction: str, item: Item, sort_key: Callable[[Item], SortKey]) -> str:
    position = json.dumps(list(sort_key(item)), separators=(",", ":")).encode()
    encoded = base64.urlsafe_b64encode(position).decode().rstrip("=")
    return f"{direction}{item.sid}.{encoded}"


def _read(token: str) -> tuple[str, SortKey]:
    match = _TOKEN.fullmatch(token)
    invalid = bad_request(f"Invalid PageToken {token!r}", 21481)
    if match is None:
        raise invalid
    encoded = match["position"]
    try:
        position = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (binascii.Error, ValueError, RecursionError):
        raise invalid from None
    numbers = isinstance(position, list) and position
    if not numbers or not all(isinstance(n, int | float) for n in numbers):
        raise invalid
    return match["direction"], tuple(position)
