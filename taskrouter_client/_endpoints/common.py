"""Parameters shared by operations of every family, and bounds Twilio states in prose."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, TypedDict

from .._errors import InvalidResponseError
from .._params import header, integer, json_object, query, text

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping
    from typing import Any

# Bounds that Twilio states only in prose (the spec's schemas leave these integers open).
MAX_PRIORITY = 2_147_483_647
MAX_TASK_TIMEOUT = 1_209_600  # 14 days, in seconds


class NoParams(TypedDict):
    """The parameters of an operation that takes none besides its path."""


class ListParams(TypedDict, total=False):
    """Paging parameters of every list. ``Page`` is left out: Twilio refuses absolute paging.

    .. versionadded:: 0.1.0
    """

    page_size: Annotated[int | None, query("PageSize", integer(1, 1000))]
    """Items per page, 1 to 1000 (the server's default is 50)."""
    page_token: Annotated[str | None, query("PageToken", text)]
    """Resume from a saved :attr:`Page.next_page_token`."""


class Limit(TypedDict, total=False):
    """The keyword every list takes besides its parameters.

    .. versionadded:: 0.2.0
    """

    limit: int | None
    """Yield at most this many items, and send no request beyond what they need."""


class IfMatchParams(TypedDict, total=False):
    """The optimistic-concurrency header of updates and deletes.

    .. versionadded:: 0.1.0
    """

    if_match: Annotated[str | None, header("If-Match", text)]
    """An ``etag`` from an earlier response; a stale one gets PreconditionFailedError."""


def same_attributes(parsed: Callable[[], dict[str, Any]], wanted: object) -> bool:
    """Whether attributes read back (``parsed()``) equal the ``wanted`` ones sent.

    Attributes the server sent that are not a JSON object do not hold what was sent.
    """
    try:
        current = parsed()
    except InvalidResponseError:
        return False
    return bool(json.loads(json_object("attributes", wanted)[0]) == current)


def shows_update(
    record: Any,
    update: Mapping[str, object],
    *,
    ignored: Collection[str] = ("if_match",),
    compare: Mapping[str, Callable[[Any, object], bool]] | None = None,
) -> bool:
    """Whether ``record``, read back, carries every value ``update`` sets.

    Keywords left out (None) or ``ignored`` are not compared; ``attributes`` is compared as
    JSON (see :func:`same_attributes`), a keyword in ``compare`` by its function, any other
    with the field of the same name.
    """
    for keyword, wanted in update.items():
        if wanted is None or keyword in ignored:
            continue
        if keyword == "attributes":
            same = same_attributes(lambda: record.parsed_attributes, wanted)
        elif compare and keyword in compare:
            same = compare[keyword](record, wanted)
        else:
            same = getattr(record, keyword) == wanted
        if not same:
            return False
    return True
