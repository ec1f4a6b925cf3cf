"""Cassettes: record real TaskRouter exchanges to JSON once, replay them in tests with respx.

Recording wraps a real httpx transport; credentials never reach the file (no request
header but ``If-Match`` is kept, and secret form fields such as ``SipAuthPassword`` are
redacted). Replay is strict: a request must match a recorded one in method, path, query,
form body (a redacted field matches any value) and ``If-Match`` header, which decides
between a 200 and a 412; exchanges with the same request are answered in the order
recorded, and by default every recorded exchange must be used.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import httpx

if TYPE_CHECKING:
    import respx

__all__ = ["CassetteMismatchError", "CassetteRecorder", "replay_cassette"]

REDACTED = "[REDACTED]"
SECRET_FORM_FIELDS = frozenset({"SipAuthPassword"})
KEPT_RESPONSE_HEADERS = (
    "content-type",
    "etag",
    "retry-after",
    "twilio-request-id",
    "x-rate-limit-config",
    "x-rate-limit-limit",
    "x-rate-limit-remaining",
)
FORMAT = 1


class CassetteMismatchError(AssertionError):
    """A replayed test sent a request the cassette does not hold (or left some unused).

    .. versionadded:: 0.1.0
    """


class CassetteRecorder(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An httpx transport that passes requests on and records each exchange.

    ::

        recorder = CassetteRecorder()
        with Client(http_client=httpx.Client(transport=recorder)) as client:
            ...                                  # real calls to Twilio
        recorder.save("tests/cassettes/cancel_task.json")

    Args:
        transport: The sync transport to pass requests to (default ``httpx.HTTPTransport()``).
        async_transport: The async one (default ``httpx.AsyncHTTPTransport()``).

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._transport = transport or httpx.HTTPTransport()
        self._async_transport = async_transport or httpx.AsyncHTTPTransport()
        self.interactions: list[dict[str, Any]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` on, record the exchange, return the response."""
        response = self._transport.handle_request(request)
        content = response.read()
        return self._record(request, response, content)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Async twin of :meth:`handle_request`."""
        response = await self._async_transport.handle_async_request(request)
        content = await response.aread()
        return self._record(request, response, content)

    def save(self, path: str | Path) -> None:
        """Write the recorded exchanges to ``path`` as JSON."""
        document = {"format": FORMAT, "interactions": self.interactions}
        Path(path).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")

    def close(self) -> None:
        """Close the wrapped sync transport."""
        self._transport.close()

    async def aclose(self) -> None:
        """Close the wrapped async transport."""
        await self._async_transport.aclose()

    def _record(
        self, request: httpx.Request, response: httpx.Response, content: bytes
    ) -> httpx.Response:
        self.interactions.append(
            {
                "request": _request_record(request),
                "response": {
                    "status": response.status_code,
                    "headers": {
                        name: response.headers[name]
                        for name in KEPT_RESPONSE_HEADERS
                        if name in response.headers
                    },
                    "body": content.decode("utf-8", errors="replace"),
                },
            }
        )
        return httpx.Response(
            response.status_code, headers=response.headers, content=content, request=request
        )


@contextmanager
def replay_cassette(
    path: str | Path, *, assert_all_used: bool = True
) -> Iterator[respx.MockRouter]:
    """Answer every httpx request from the cassette at ``path``, strictly, while active.

    Yields the respx router (its ``calls`` list every request made).

    Raises:
        CassetteMismatchError: A request matches no unused recorded exchange, or (with
            ``assert_all_used``) some recorded exchange was never requested.

    .. versionadded:: 0.1.0
    """
    import respx  # noqa: PLC0415  # a test dependency: only replay needs it

    document = json.loads(Path(path).read_text())
    player = _Player(document["interactions"])
    with respx.mock(assert_all_called=False) as router:
        router.route().mock(side_effect=player)
        yield router
    if assert_all_used:
        player.check_all_used()


class _Player:
    """Hands out recorded responses to matching requests, in order. Strictly private."""

    def __init__(self, interactions: list[dict[str, Any]]) -> None:
        self._interactions = interactions
        self._used = [False] * len(interactions)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        asked = _request_record(request)
        for index, interaction in enumerate(self._interactions):
            if not self._used[index] and _matches(interaction["request"], asked):
                self._used[index] = True
                answer = interaction["response"]
                return httpx.Response(
                    answer["status"], headers=answer["headers"], content=answer["body"].encode()
                )
        msg = f"no unused recorded exchange matches {_describe(asked)}; unused: {self._unused()}"
        raise CassetteMismatchError(msg)

    def check_all_used(self) -> None:
        if not all(self._used):
            msg = f"recorded exchanges never requested: {self._unused()}"
            raise CassetteMismatchError(msg)

    def _unused(self) -> list[str]:
        return [
            _describe(i["request"])
            for i, used in zip(self._interactions, self._used, strict=True)
            if not used
        ]


def _request_record(request: httpx.Request) -> dict[str, Any]:
    """What identifies a request, with secrets redacted (as stored, and as matched)."""
    return {
        "method": request.method,
        "path": request.url.path,
        "query": _redacted(parse_qsl(request.url.query.decode(), keep_blank_values=True)),
        "form": _redacted(_form(request)),
        "if_match": request.headers.get("if-match"),
    }


def _form(request: httpx.Request) -> list[tuple[str, str]]:
    if request.headers.get("content-type") != "application/x-www-form-urlencoded":
        return []
    return parse_qsl(request.content.decode(), keep_blank_values=True)


def _redacted(pairs: list[tuple[str, str]]) -> list[list[str]]:
    return [[name, REDACTED if name in SECRET_FORM_FIELDS else value] for name, value in pairs]


def _matches(recorded: dict[str, Any], asked: dict[str, Any]) -> bool:
    # A cassette recorded before If-Match was kept has no "if_match": any value matches.
    if_match = recorded.get("if_match", asked["if_match"])
    return (
        all(recorded[part] == asked[part] for part in ("method", "path"))
        and if_match == asked["if_match"]
        and all(
            sorted(map(tuple, recorded[part])) == sorted(map(tuple, asked[part]))
            for part in ("query", "form")
        )
    )


def _describe(request: dict[str, Any]) -> str:
    query = "&".join(f"{k}={v}" for k, v in request["query"])
    form = ", ".join(f"{k}={v}" for k, v in request["form"])
    described = f"{request['method']} {request['path']}{'?' + query if query else ''} [{form}]"
    if_match = request.get("if_match")
    return f"{described} If-Match: {if_match}" if if_match else described
