"""The emulator on the wire: method, URL, headers and body in; status, headers, body out.

Bodies have the shapes of the spec's response schemas (every field, ``null`` where empty),
errors have Twilio's ``{code, message, more_info, status}`` shape, and every response
carries ``Twilio-Request-Id`` and the ``X-Rate-Limit-*`` headers. URLs in bodies use the
scheme and host the request came to, so ``next_page_url`` stays on the caller's origin.

Besides TaskRouter's paths it answers ``/_emulator/...``, so a served emulator can be
driven from another process: reserve a Task, move the clock, inject faults.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hmac
import json
import re
import threading
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import attrs

from ._forms import one
from ._paging import page
from ._records import (
    EmulatorError,
    ReservationRecord,
    TaskRecord,
    Workspace,
    bad_request,
    etag,
    not_found,
)
from ._rules import reservation_order, task_order
from ._store import Store

RATE_LIMIT = 100
_SID = r"[A-Z]{2}[0-9a-fA-F]{32}"


@attrs.frozen
class WireResponse:
    """What the emulator answers; ``drop`` closes the connection without an answer."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    drop: bool = False


@attrs.frozen
class Fault:
    """An injected failure for one coming request: a status, or a dropped connection.

    ``applied``: the request is carried out first and only its answer is lost.
    """

    status: int | None
    retry_after: float | None = None
    applied: bool = False


@attrs.frozen
class _Call:
    match: re.Match[str]
    query: dict[str, list[str]]
    form: dict[str, list[str]]
    if_match: str | None
    base: str
    path: str

    @property
    def url(self) -> str:
        """The URL requested, without its query."""
        return self.base + self.path


Handler = Callable[["App", _Call], tuple[int, Any, str | None]]


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
        self._advance = advance
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
                return _fault(fault)
            answer = self._dispatch(method, url, headers, body)
            return answer if fault is None else _fault(fault)

    def _dispatch(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes
    ) -> WireResponse:
        if not self._authorized(headers.get("authorization")):
            return _error(EmulatorError(401, 20003, "Authenticate"))
        parts = urlsplit(url)
        call_base = f"{parts.scheme}://{parts.netloc}"
        for route_method, pattern, handler in _ROUTES:
            match = pattern.fullmatch(parts.path)
            if match is None or route_method != method:
                continue
            call = _Call(
                match=match,
                query=parse_qs(parts.query, keep_blank_values=True),
                form=parse_qs(body.decode("utf-8"), keep_blank_values=True),
                if_match=headers.get("if-match"),
                base=call_base,
                path=parts.path,
            )
            try:
                status, payload, version = handler(self, call)
            except EmulatorError as error:
                return _error(error)
            return self._answer(status, payload, version, pattern.pattern, method)
        if any(p.fullmatch(parts.path) for _, p, _ in _ROUTES):
            return _error(EmulatorError(405, 20004, f"Method {method} not allowed"))
        return _error(not_found(parts.path))

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

    # -- handlers -----------------------------------------------------------------------

    def _workspace(self, call: _Call) -> Workspace:
        return self.store.workspace(call.match["ws"])

    def create_task(self, call: _Call) -> tuple[int, Any, str | None]:
        ws = self._workspace(call)
        task = self.store.create_task(ws, call.form)
        return 201, self.task_json(ws, task, call.base), etag(task.version)

    def list_tasks(self, call: _Call) -> tuple[int, Any, str | None]:
        ws = self._workspace(call)
        order = task_order(one(call.query, "Ordering"))
        tasks = self.store.list_tasks(ws, call.query)
        body = page("tasks", tasks, order, call, lambda t: self.task_json(ws, t, call.base))
        return 200, body, None

    def fetch_task(self, call: _Call) -> tuple[int, Any, str | None]:
        ws = self._workspace(call)
        task = self.store.task(ws, call.match["task"])
        return 200, self.task_json(ws, task, call.base), etag(task.version)

    def update_task(self, call: _Call) -> tuple[int, Any, str | None]:
        ws = self._workspace(call)
        task = self.store.update_task(ws, call.match["task"], call.form, call.if_match)
        return 200, self.task_json(ws, task, call.base), etag(task.version)

    def delete_task(self, call: _Call) -> tuple[int, Any, str | None]:
        self.store.delete_task(self._workspace(call), call.match["task"], call.if_match)
        return 204, None, None

    def list_reservations(self, call: _Call) -> tuple[int, Any, str | None]:
        ws = self._workspace(call)
        owner = _owner(call)
        wanted = {"worker_sid": one(call.query, "WorkerSid")} if "task_sid" in owner else {}
        status = one(call.query, "ReservationStatus")
        found = [
            r
            for r in self.store.reservations(ws, **owner)
            if (status is None or r.reservation_status == status)
            and all(value is None or getattr(r, key) == value for key, value in wanted.items())
        ]
        via = "worker" if "worker_sid" in owner else "task"
        render = functools.partial(self.reservation_json, ws, base=call.base, via=via)
        return 200, page("reservations", found, reservation_order, call, render), None

    def fetch_reservation(self, call: _Call) -> tuple[int, Any, str | None]:
        ws = self._workspace(call)
        reservation = self.store.reservation(ws, call.match["res"], **_owner(call))
        return 200, self._reservation_body(ws, reservation, call), etag(reservation.version)

    def update_reservation(self, call: _Call) -> tuple[int, Any, str | None]:
        ws = self._workspace(call)
        reservation = self.store.reservation(ws, call.match["res"], **_owner(call))
        if "Supervisor" in call.form and "worker_sid" in _owner(call):
            raise bad_request("Supervisor is not a parameter of the Worker Reservation update")
        self.store.update_reservation(ws, reservation, call.form, call.if_match)
        return 200, self._reservation_body(ws, reservation, call), etag(reservation.version)

    def control_reserve(self, call: _Call) -> tuple[int, Any, str | None]:
        ws = self._workspace(call)
        worker_sid = one(call.form, "WorkerSid") or next(iter(ws.workers))
        reservation = self.store.reserve(ws, call.match["task"], worker_sid)
        return 201, self.reservation_json(ws, reservation, call.base, "task"), None

    def control_clock(self, call: _Call) -> tuple[int, Any, str | None]:
        seconds = one(call.form, "AdvanceSeconds") or "0"
        try:
            self._advance(float(seconds))
        except ValueError:
            raise bad_request("AdvanceSeconds must be a number of seconds") from None
        return 200, {"now": _iso(self.store.now())}, None

    def control_faults(self, call: _Call) -> tuple[int, Any, str | None]:
        count = int(one(call.form, "Count") or "1")
        drop = (one(call.form, "Drop") or "").lower() == "true"
        status = None if drop else int(one(call.form, "Status") or "503")
        retry_after = one(call.form, "RetryAfter")
        applied = (one(call.form, "Applied") or "").lower() == "true"
        fault = Fault(status, float(retry_after) if retry_after else None, applied)
        self.faults.extend(fault for _ in range(count))
        return 204, None, None

    # -- bodies -------------------------------------------------------------------------

    def task_json(self, ws: Workspace, task: TaskRecord, base: str) -> dict[str, Any]:
        """A Task shaped as ``taskrouter.v1.workspace.task``."""
        root = f"{base}/v1/Workspaces/{ws.sid}"
        now = self.store.now()
        return {
            "account_sid": self.account_sid,
            "age": max(int((now - task.date_created).total_seconds()), 0),
            "assignment_status": task.assignment_status,
            "attributes": task.attributes,
            "addons": task.addons,
            "date_created": _iso(task.date_created),
            "date_updated": _iso(task.date_updated),
            "task_queue_entered_date": _iso(task.task_queue_entered_date),
            "priority": task.priority,
            "reason": task.reason,
            "sid": task.sid,
            "task_queue_sid": task.task_queue_sid,
            "task_queue_friendly_name": task.task_queue_friendly_name,
            "task_channel_sid": task.task_channel_sid,
            "task_channel_unique_name": task.task_channel_unique_name,
            "timeout": task.timeout,
            "workflow_sid": task.workflow_sid,
            "workflow_friendly_name": task.workflow_friendly_name,
            "workspace_sid": ws.sid,
            "url": f"{root}/Tasks/{task.sid}",
            "links": {
                "task_queue": f"{root}/TaskQueues/{task.task_queue_sid}",
                "workflow": f"{root}/Workflows/{task.workflow_sid}",
                "workspace": root,
                "reservations": f"{root}/Tasks/{task.sid}/Reservations",
            },
            "virtual_start_time": _iso(task.virtual_start_time),
            "ignore_capacity": task.ignore_capacity,
            "routing_target": task.routing_target,
        }

    def reservation_json(
        self, ws: Workspace, reservation: ReservationRecord, base: str, via: str
    ) -> dict[str, Any]:
        """A Reservation shaped as the task or worker reservation schema (``via``)."""
        root = f"{base}/v1/Workspaces/{ws.sid}"
        owner = (
            f"Tasks/{reservation.task_sid}"
            if via == "task"
            else f"Workers/{reservation.worker_sid}"
        )
        return {
            "account_sid": self.account_sid,
            "date_created": _iso(reservation.date_created),
            "date_updated": _iso(reservation.date_updated),
            "reservation_status": reservation.reservation_status,
            "sid": reservation.sid,
            "task_sid": reservation.task_sid,
            "worker_name": reservation.worker_name,
            "worker_sid": reservation.worker_sid,
            "workspace_sid": ws.sid,
            "url": f"{root}/{owner}/Reservations/{reservation.sid}",
            "links": {
                "task": f"{root}/Tasks/{reservation.task_sid}",
                "worker": f"{root}/Workers/{reservation.worker_sid}",
                "workspace": root,
            },
        }

    def _reservation_body(
        self, ws: Workspace, reservation: ReservationRecord, call: _Call
    ) -> dict[str, Any]:
        via = "worker" if "worker_sid" in _owner(call) else "task"
        return self.reservation_json(ws, reservation, call.base, via)


def _owner(call: _Call) -> dict[str, str]:
    groups = call.match.groupdict()
    return {"task_sid": groups["task"]} if groups.get("task") else {"worker_sid": groups["worker"]}


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _error(error: EmulatorError) -> WireResponse:
    body = {
        "code": error.code,
        "message": error.message,
        "more_info": f"https://www.twilio.com/docs/errors/{error.code}",
        "status": error.status,
    }
    headers = [("Content-Type", "application/json"), ("Twilio-Request-Id", "RQ" + uuid.uuid4().hex)]
    if error.status == 401:
        headers.append(("WWW-Authenticate", 'Basic realm="Twilio API"'))
    return WireResponse(error.status, tuple(headers), json.dumps(body).encode())


def overloaded() -> WireResponse:
    """Twilio's answer to a request beyond the concurrency limit: 429, error 20429."""
    return _error(EmulatorError(429, 20429, "Too Many Requests"))


def _fault(fault: Fault) -> WireResponse:
    if fault.status is None:
        return WireResponse(0, drop=True)
    phrases = {429: "Too Many Requests"}
    response = _error(
        EmulatorError(
            fault.status, 20000 + fault.status, phrases.get(fault.status, "Injected failure")
        )
    )
    if fault.retry_after is not None:
        return attrs.evolve(
            response, headers=(*response.headers, ("Retry-After", f"{fault.retry_after:g}"))
        )
    return response


def _route(method: str, path: str, handler: Handler) -> tuple[str, re.Pattern[str], Handler]:
    """A route: ``{ws}``, ``{task}``, ``{worker}`` and ``{res}`` in ``path`` match SIDs."""
    names = ("ws", "task", "worker", "res")
    pattern = path.format(**{name: f"(?P<{name}>{_SID})" for name in names})
    return method, re.compile(pattern), handler


_WS = "/v1/Workspaces/{ws}"
_ROUTES = [
    _route("POST", _WS + "/Tasks", App.create_task),
    _route("GET", _WS + "/Tasks", App.list_tasks),
    _route("GET", _WS + "/Tasks/{task}", App.fetch_task),
    _route("POST", _WS + "/Tasks/{task}", App.update_task),
    _route("DELETE", _WS + "/Tasks/{task}", App.delete_task),
    _route("GET", _WS + "/Tasks/{task}/Reservations", App.list_reservations),
    _route("GET", _WS + "/Tasks/{task}/Reservations/{res}", App.fetch_reservation),
    _route("POST", _WS + "/Tasks/{task}/Reservations/{res}", App.update_reservation),
    _route("GET", _WS + "/Workers/{worker}/Reservations", App.list_reservations),
    _route("GET", _WS + "/Workers/{worker}/Reservations/{res}", App.fetch_reservation),
    _route("POST", _WS + "/Workers/{worker}/Reservations/{res}", App.update_reservation),
    _route("POST", "/_emulator/Workspaces/{ws}/Tasks/{task}/Reserve", App.control_reserve),
    _route("POST", "/_emulator/Faults", App.control_faults),
    _route("POST", "/_emulator/Clock", App.control_clock),
]
