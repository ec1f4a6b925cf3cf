"""Every exception the SDK raises.

The tree::

    TaskRouterError
    ├── InvalidArgumentError (also a ValueError)  bad argument, nothing was sent
    │   └── MissingCredentialsError               no credentials passed or in the environment
    ├── APIConnectionError                        the request may not have reached Twilio
    │   └── APITimeoutError
    ├── PaginationError                           an unsafe or looping next_page_url
    └── APIError                                  Twilio answered, and not with success
        ├── BadRequestError            400
        ├── AuthenticationError        401
        ├── PermissionDeniedError      403
        ├── NotFoundError              404
        ├── PreconditionFailedError    412 (an If-Match ETag no longer matches)
        ├── RateLimitError             429
        ├── ServerError                5xx
        └── InvalidResponseError       a success status with a body we cannot read

An APIError never holds the request's credentials: only the method and the URL path.

Every error pickles with its type, message and attributes (``http`` included: its headers are
an ``httpx.Headers``), so one raised in a worker process reaches the parent intact.
"""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._http_info import HTTPInfo

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "InvalidArgumentError",
    "InvalidResponseError",
    "MissingCredentialsError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "RateLimitError",
    "ServerError",
    "TaskRouterError",
]


class TaskRouterError(Exception):
    """The root of every exception this SDK raises.

    .. versionadded:: 0.1.0
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own reduce calls cls(*args), which keyword-only constructors refuse:
        # rebuild without calling __init__, then restore the attributes.
        return (_restore, (type(self), self.args), self.__dict__)


def _restore(cls: type[TaskRouterError], args: tuple[Any, ...]) -> TaskRouterError:
    """Unpickle an error: its class and args, without running its ``__init__``."""
    error = cls.__new__(cls)
    error.args = args
    return error


class InvalidArgumentError(TaskRouterError, ValueError):
    """An argument was rejected before anything was sent.

    Attributes:
        argument: The keyword (or option) at fault.

    .. versionadded:: 0.1.0
    """

    def __init__(self, argument: str, problem: str) -> None:
        self.argument = argument
        super().__init__(f"{argument}: {problem}")


class MissingCredentialsError(InvalidArgumentError):
    """Neither the arguments nor the environment hold usable credentials.

    .. versionadded:: 0.1.0
    """


class APIConnectionError(TaskRouterError):
    """The request failed on the network.

    Attributes:
        method: The HTTP method of the request.
        path: The URL path of the request.
        may_have_been_sent: False when the failure came before the request could leave
            (connecting, or waiting for a pooled connection); True when Twilio may have
            received and acted on it.
        retries: How many times the request was retried before this failure.

    .. versionadded:: 0.1.0
    """

    def __init__(self, message: str, *, method: str, path: str, may_have_been_sent: bool) -> None:
        self.method = method
        self.path = path
        self.may_have_been_sent = may_have_been_sent
        self.retries = 0
        super().__init__(f"{message} [{method} {path}]")


class APITimeoutError(APIConnectionError):
    """The request timed out (connecting, writing, reading or waiting for the pool).

    .. versionadded:: 0.1.0
    """


class PaginationError(TaskRouterError):
    """A list could not be followed safely: a foreign or repeated ``next_page_url``.

    .. versionadded:: 0.1.0
    """


class APIError(TaskRouterError):
    """Twilio answered with an error status (or a success we could not read).

    Attributes:
        status: The HTTP status code.
        code: Twilio's error code (for example 20404), when the body gave one.
        message: Twilio's message, or a description of the HTTP failure.
        more_info: The URL of Twilio's page about ``code``.
        details: Any ``details`` object from the error body.
        method: The HTTP method of the request.
        path: The URL path of the request (no query string, no host).
        request_id: The ``Twilio-Request-Id`` header, to quote to Twilio support.
        http: The response's metadata (headers, rate-limit figures).
        body: The response body as text, for bodies that were not Twilio's JSON.
        may_have_been_sent: True when Twilio may have carried out the request despite the
            error: a 408 or 5xx answer, or an earlier attempt of a retried write whose
            answer was lost (see docs/retries.md). False for an answer that refused it.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        *,
        status: int,
        message: str,
        method: str,
        path: str,
        code: int | None = None,
        more_info: str | None = None,
        details: Any = None,
        http: HTTPInfo | None = None,
        body: str | None = None,
        may_have_been_sent: bool | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.more_info = more_info
        self.details = details
        self.method = method
        self.path = path
        self.http = http
        self.body = body
        self.may_have_been_sent = (
            may_have_been_carried_out(status) if may_have_been_sent is None else may_have_been_sent
        )
        super().__init__(self._describe())

    @property
    def request_id(self) -> str | None:
        """The ``Twilio-Request-Id`` of the failed response, if any."""
        return self.http.request_id if self.http is not None else None

    def _describe(self) -> str:
        code = f" (Twilio error {self.code})" if self.code is not None else ""
        parts = [f"HTTP {self.status}{code}: {self.message} [{self.method} {self.path}]"]
        if self.more_info:
            parts.append(f"see {self.more_info}")
        if self.request_id:
            parts.append(f"request id {self.request_id}")
        return "; ".join(parts)


def may_have_been_carried_out(status: int) -> bool:
    """Whether a request answered ``status`` may still have been carried out by Twilio.

    408 and 5xx say the server failed while (or after) handling it; 501 and 505 say it could
    not be handled at all.
    """
    return status == 408 or (500 <= status <= 599 and status not in {501, 505})


class BadRequestError(APIError):
    """HTTP 400: Twilio rejected the request's parameters.

    .. versionadded:: 0.1.0
    """


class AuthenticationError(APIError):
    """HTTP 401: the credentials were not accepted.

    .. versionadded:: 0.1.0
    """


class PermissionDeniedError(APIError):
    """HTTP 403: the credentials may not do this.

    .. versionadded:: 0.1.0
    """


class NotFoundError(APIError):
    """HTTP 404: no such resource.

    .. versionadded:: 0.1.0
    """


class PreconditionFailedError(APIError):
    """HTTP 412 (Twilio error 20412): the ``If-Match`` ETag is stale.

    Fetch the resource again, decide again, and retry with the new ``etag``.

    .. versionadded:: 0.1.0
    """


class RateLimitError(APIError):
    """HTTP 429: too many requests.

    .. versionadded:: 0.1.0
    """

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked us to wait before trying again, if it said."""
        return self.http.retry_after if self.http is not None else None


class ServerError(APIError):
    """HTTP 5xx: Twilio failed to handle the request.

    .. versionadded:: 0.1.0
    """


class InvalidResponseError(APIError):
    """The status said success but the body was not what the API describes.

    .. versionadded:: 0.1.0
    """


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    412: PreconditionFailedError,
    429: RateLimitError,
}

_BODY_TEXT_LIMIT = 2048


def error_for_response(
    *, status: int, content: bytes, method: str, path: str, http: HTTPInfo
) -> APIError:
    """Build the APIError for an unsuccessful response (pure: no I/O).

    Twilio's error body is JSON ``{code, message, more_info, status, details}``; an empty, HTML
    or otherwise unreadable body still gives an error with a useful message.
    """
    fields = _twilio_error_fields(content)
    cls = _BY_STATUS.get(status) or (ServerError if 500 <= status <= 599 else APIError)
    if fields is None:
        text = content.decode("utf-8", errors="replace")[:_BODY_TEXT_LIMIT]
        kind = _describe_body(content, http)
        return cls(
            status=status,
            message=f"{_reason(status)} ({kind})",
            method=method,
            path=path,
            http=http,
            body=text or None,
        )
    message = fields.get("message")
    return cls(
        status=status,
        message=message if isinstance(message, str) and message else _reason(status),
        code=_as_int(fields.get("code")),
        more_info=_as_str(fields.get("more_info")),
        details=fields.get("details"),
        method=method,
        path=path,
        http=http,
    )


def _twilio_error_fields(content: bytes) -> dict[str, Any] | None:
    if not content.strip():
        return None
    try:
        parsed = json.loads(content)
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None


def _describe_body(content: bytes, http: HTTPInfo) -> str:
    if not content.strip():
        return "empty body"
    content_type = http.headers.get("content-type", "unknown content type")
    return f"unreadable body of type {content_type.split(';')[0].strip()}"


_CODE_TEXT = re.compile(r"[0-9]{1,9}")
"""An error code sent as text: ASCII digits only (``"²".isdigit()`` is True), and few."""
_CODE_LIMIT = 10**9
"""Twilio's codes have five digits; a number this large is not one."""


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < _CODE_LIMIT else None
    if isinstance(value, str) and _CODE_TEXT.fullmatch(value):
        return int(value)
    return None


def _as_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unexpected status"
