"""The emulator on the wire: method, URL, headers and body in; status, headers, body out.

Bodies have the shapes of the spec's response schemas (every field, ``null`` where empty),
errors have Twilio's ``{code, message, more_info, status}`` shape, and every response
carries ``Twilio-Request-Id`` and the ``X-Rate-Limit-*`` headers. URLs in bodies use the
scheme and host the request came to, so ``next_page_url`` stays on the caller's origin.

Besides TaskRouter's 61 operations it answers ``/_emulator/...``, so a served emulator can
be driven from another process: reserve a Task, move the clock, inject faults. The handlers
are in ``_routes_setup`` (Workspaces and what configures them, Events), ``_routes_work``
(Tasks, Reservations, Workers) and ``_routes_statistics``.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import re
import threading
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

import attrs

from ._records import EmulatorError, not_found
from ._render import Bodies
from ._routes_setup import SETUP_ROUTES
from ._routes_statistics import STATISTICS_ROUTES
from ._routes_work import WORK_ROUTES
from ._store import Store
from ._wire import Fault, WireResponse, error_response, fault_response

RATE_LIMIT = 100
_SID = r"[A-Z]{2}[0-9a-fA-F]{32}"
_NAME = r"[^/]+"


@attrs.frozen
class Call:
    """One request, as a handler reads it: path names, query, form, raw body, If-Match."""

    match: re.Match[str]
    query: dict[str, list[str]]
    form: dict[str, list[str]]
    body: bytes
    if_match: str | None
    base: str
    path: str

    @property
    def url(self) -> str:
        """The URL requested, without its query."""
        return self.base + self.path

    def __getitem__(self, name: str) -> str:
        """A SID (or name) from the path."""
        return self.match[name]


Answer = tuple[int, Any, "str | None"]
"""A handler's answer: status, body (None: none), ETag (None: none)."""
Handler = Callable[["App", Call], Answer]


class App:
    """Answers requests from the store, under one lock (thread-safe for the served mode)."""

    def __init__(
        self,
        store: Store,
        *,
        account_sid: str,
        credentials: Mapping[str, str],
        advance: Callable[[float], None],
    ) -> None:
        self.store = store
        self.advance = advance
        self.account_sid = account_sid
        self.lock = threading.RLock()
        self.faults: deque[Fault] = deque()
        self._credentials = dict(credentials)
        self._calls: dict[tuple[str, int], int] = {}

    def handle(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes
    ) -> WireResponse:
        """Answer one request."""
        with self.lock:
            fault = self.faults.popleft() if self.faults else None
            if fault is not None and not fault.applied:
                return fault_response(fault)
            answer = self._dispatch(method, url, headers, body)
            return answer if fault is None else fault_response(fault)

    def _dispatch(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes
    ) -> WireResponse:
        if not self._authorized(headers.get("authorization")):
            return error_response(EmulatorError(401, 20003, "Authenticate"))
        parts = urlsplit(url)
        call_base = f"{parts.scheme}://{parts.netloc}"
        for route_method, pattern, handler in _ROUTES:
            match = pattern.fullmatch(parts.path)
            if match is None or route_method != method:
                continue
            call = Call(
                match=match,
                query=parse_qs(parts.query, keep_blank_values=True),
                form=parse_qs(body.decode("utf-8"), keep_blank_values=True),
                body=body,
                if_match=headers.get("if-match"),
                base=call_base,
                path=parts.path,
            )
            try:
                status, payload, version = handler(self, call)
            except EmulatorError as error:
                return error_response(error)
            return self._answer(status, payload, version, pattern.pattern, method)
        if any(p.fullmatch(parts.path) for _, p, _ in _ROUTES):
            return error_response(EmulatorError(405, 20004, f"Method {method} not allowed"))
        return error_response(not_found(parts.path))

    def _authorized(self, header: str | None) -> bool:
        scheme, _, encoded = (header or "").partition(" ")
        try:
            username, _, password = base64.b64decode(encoded).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        expected = self._credentials.get(username)
        return (
            scheme == "Basic"
            and expected is not None
            and hmac.compare_digest(expected.encode(), password.encode())
        )

    def _answer(
        self, status: int, payload: Any, version: str | None, route: str, method: str
    ) -> WireResponse:
        second = int(self.store.now().timestamp())
        key = (f"{method} {route}", second)
        self._calls = {k: v for k, v in self._calls.items() if k[1] == second}
        self._calls[key] = self._calls.get(key, 0) + 1
        headers = [
            ("Twilio-Request-Id", "RQ" + uuid.uuid4().hex),
            ("X-Rate-Limit-Limit", str(RATE_LIMIT)),
            ("X-Rate-Limit-Remaining", str(max(RATE_LIMIT - self._calls[key], 0))),
            ("X-Rate-Limit-Config", f"{method}:{RATE_LIMIT}/s"),
        ]
        if version is not None:
            headers.append(("ETag", version))
        if payload is None:
            return WireResponse(status, tuple(headers))
        headers.append(("Content-Type", "application/json"))
        return WireResponse(status, tuple(headers), json.dumps(payload).encode())

    def bodies(self, call: Call) -> Bodies:
        """What renders this request's answer."""
        return Bodies(self.account_sid, call.base, self.store.now())


def _route(method: str, path: str, handler: Handler) -> tuple[str, re.Pattern[str], Handler]:
    """A route: ``{name}`` in ``path`` matches a SID (``{channel}``: a SID or a unique name)."""
    pattern = re.sub(
        r"\{(\w+)\}",
        lambda m: f"(?P<{m[1]}>{_NAME if m[1] == 'channel' else _SID})",
        path,
    )
    return method, re.compile(pattern), handler


_ROUTES = [
    _route(method, path, handler)
    for method, path, handler in [*SETUP_ROUTES, *WORK_ROUTES, *STATISTICS_ROUTES]
]
