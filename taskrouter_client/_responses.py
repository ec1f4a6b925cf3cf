"""From a received response to a model, a page or an error (pure; no I/O).

Whatever the server sends, the caller gets a model or one of our errors: a body that is not
JSON, JSON of the wrong shape, or a field of the wrong type becomes InvalidResponseError,
never a bare JSONDecodeError, KeyError or cattrs error.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast
from urllib.parse import parse_qs, urlsplit

import attrs

from ._errors import APIError, InvalidResponseError, PaginationError, error_for_response
from ._http_info import HTTPInfo
from ._operation import Operation
from ._serialization import StructureError

if TYPE_CHECKING:
    from ._parsers import Parser

M = TypeVar("M")


@attrs.define
class Response:
    """A response as received: metadata and the raw body. Strictly private.

    Not frozen, though nothing changes it (see ``Request``).
    """

    info: HTTPInfo
    content: bytes


@attrs.frozen(kw_only=True)
class Page(Generic[M]):
    """One page of a list, as the API returned it.

    Attributes:
        items: The page's resources.
        next_page_url: Where the next page is (None on the last page).
        page: The page's index, as the server counts.
        page_size: The page size the server used.
        url: This page's URL.
        http: The HTTP metadata of the request that returned this page.

    .. versionadded:: 0.1.0
    """

    items: Sequence[M]
    next_page_url: str | None
    page: int | None = None
    page_size: int | None = None
    url: str | None = None
    http: HTTPInfo = attrs.field(eq=False, repr=False)

    @property
    def next_page_token(self) -> str | None:
        """The ``PageToken`` of the next page: pass it as ``page_token`` to resume there.

        Raises:
            PaginationError: The server's ``next_page_url`` is not a URL.
        """
        if self.next_page_url is None:
            return None
        try:
            query = urlsplit(self.next_page_url).query
        except ValueError:
            msg = "the server sent a next_page_url that is not a URL"
            raise PaginationError(msg) from None
        tokens = parse_qs(query).get("PageToken")
        return tokens[0] if tokens else None


def read_result(op: Operation[M], response: Response) -> M:
    """The model an operation's response holds, or the error it reports."""
    info = response.info
    if not 200 <= info.status <= 299:
        raise _error(response)
    model = op.model
    if model is None:
        return cast("M", None)
    parse: Parser[M] = _PARSERS.get(model) or _parser(model)
    try:
        return parse(_json(response), info.etag, info)
    except StructureError as exc:
        raise invalid_response(info, f"unreadable {model.__name__}: {exc}") from None


def read_page(op: Operation[M], response: Response) -> Page[M]:
    """One page of a list operation's response, or the error it reports."""
    _raise_for_status(response)
    if op.model is None or op.list_key is None:
        msg = f"{op.name} is not a list operation"
        raise TypeError(msg)
    body = _json(response)
    info = response.info
    envelope = body if isinstance(body, dict) else {}
    items, meta = envelope.get(op.list_key), envelope.get("meta")
    if not isinstance(items, list) or not isinstance(meta, dict):
        raise invalid_response(info, f"expected a list envelope with {op.list_key!r} and 'meta'")
    next_url = meta.get("next_page_url")
    if next_url is not None and not isinstance(next_url, str):
        raise invalid_response(info, "meta.next_page_url is not a string")
    return Page(
        items=_parsed(op.model, items, etag=None, http=info),
        next_page_url=next_url or None,
        page=_int(meta.get("page")),
        page_size=_int(meta.get("page_size")),
        url=meta.get("url") if isinstance(meta.get("url"), str) else None,
        http=info,
    )


def _raise_for_status(response: Response) -> None:
    error = response_error(response)
    if error is not None:
        raise error


def response_error(response: Response) -> APIError | None:
    """The error an unsuccessful response reports (None for a success)."""
    if 200 <= response.info.status <= 299:
        return None
    return _error(response)


def _error(response: Response) -> APIError:
    info = response.info
    return error_for_response(
        status=info.status, content=response.content, method=info.method, path=info.path, http=info
    )


_decode_json = json.JSONDecoder().decode


def _json(response: Response) -> Any:
    """The body's JSON, or InvalidResponseError.

    JSON travels as UTF-8 (RFC 8259): decoded as that, not guessed among UTF-8, -16 and -32
    as ``json.loads`` of bytes does (8,000 instructions less for a Task).
    """
    try:
        return _decode_json(response.content.decode())
    except (ValueError, RecursionError):
        reason = "an empty body" if not response.content.strip() else "a body that is not JSON"
        raise invalid_response(response.info, f"expected JSON, got {reason}") from None


_PARSERS: dict[type[Any], Parser[Any]] = {}
"""Each model's parser, once made (looked up here first: one dict lookup per response)."""


def _parser(cls: type[M]) -> Parser[M]:
    from ._parsers import parser  # noqa: PLC0415  # made on the first response, not at import

    found = _PARSERS[cls] = parser(cls)
    return found


def _parsed(cls: type[M], items: list[Any], *, etag: str | None, http: HTTPInfo) -> list[M]:
    """``items`` (decoded JSON objects) as models of ``cls``, or InvalidResponseError."""
    parse = _PARSERS.get(cls) or _parser(cls)
    try:
        return [parse(item, etag, http) for item in items]
    except StructureError as exc:
        raise invalid_response(http, f"unreadable {cls.__name__}: {exc}") from None


def invalid_response(info: HTTPInfo, problem: str) -> InvalidResponseError:
    """The error for a success answer whose body is not what the API describes."""
    return InvalidResponseError(
        status=info.status, message=problem, method=info.method, path=info.path, http=info
    )


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
