"""Handlers for Tasks, Reservations, Workers and their channels, and the control endpoints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _tasks, _workers
from ._forms import one
from ._paging import page
from ._records import Workspace, bad_request, etag
from ._routes_setup import WS, workspace_of
from ._rules import TASK_ORDERING, WORKER_ORDERING, creation_order, ordering
from ._wire import Fault

if TYPE_CHECKING:
    from ._app import Answer, App, Call, Handler
    from ._records import ReservationRecord


# -- Tasks --------------------------------------------------------------------------------


def create_task(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    task = _tasks.create_task(app.store, ws, call.form)
    return 201, app.bodies(call).task(ws, task), etag(task.version)


def list_tasks(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    order = ordering(one(call.query, "Ordering"), TASK_ORDERING)
    tasks = _tasks.list_tasks(ws, call.query)
    render = app.bodies(call).task
    return 200, page("tasks", tasks, order, call, lambda t: render(ws, t)), None


def fetch_task(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    task = _tasks.task_of(ws, call["task"])
    return 200, app.bodies(call).task(ws, task), etag(task.version)


def update_task(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    task = _tasks.update_task(app.store, ws, call["task"], call.form, call.if_match)
    return 200, app.bodies(call).task(ws, task), etag(task.version)


def delete_task(app: App, call: Call) -> Answer:
    _tasks.remove_task(app.store, workspace_of(app, call), call["task"], call.if_match)
    return 204, None, None


# -- Reservations -------------------------------------------------------------------------


def list_reservations(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    owner = _owner(call)
    wanted = {"worker_sid": one(call.query, "WorkerSid")} if "task_sid" in owner else {}
    status = one(call.query, "ReservationStatus")
    found = [
        r
        for r in _tasks.reservations_of(ws, **owner)
        if (status is None or r.reservation_status == status)
        and all(value is None or getattr(r, key) == value for key, value in wanted.items())
    ]
    render = app.bodies(call).reservation
    via = "worker" if "worker_sid" in owner else "task"
    body = page("reservations", found, creation_order, call, lambda r: render(ws, r, via))
    return 200, body, None


def fetch_reservation(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    reservation = _tasks.reservation_of(ws, call["res"], **_owner(call))
    return 200, _reservation_body(app, call, ws, reservation), etag(reservation.version)


def update_reservation(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    reservation = _tasks.reservation_of(ws, call["res"], **_owner(call))
    if "Supervisor" in call.form and "worker_sid" in _owner(call):
        raise bad_request("Supervisor is not a parameter of the Worker Reservation update")
    _tasks.update_reservation(app.store, ws, reservation, call.form, call.if_match)
    return 200, _reservation_body(app, call, ws, reservation), etag(reservation.version)


def _reservation_body(
    app: App, call: Call, ws: Workspace, reservation: ReservationRecord
) -> dict[str, object]:
    via = "worker" if "worker_sid" in _owner(call) else "task"
    return app.bodies(call).reservation(ws, reservation, via)


def _owner(call: Call) -> dict[str, str]:
    groups = call.match.groupdict()
    return {"task_sid": groups["task"]} if groups.get("task") else {"worker_sid": groups["worker"]}


# -- Workers ------------------------------------------------------------------------------


def create_worker(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    worker = _workers.create_worker(app.store, ws, call.form)
    return 201, app.bodies(call).worker(ws, worker), etag(worker.version)


def list_workers(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    order = ordering(one(call.query, "Ordering"), WORKER_ORDERING)
    render = app.bodies(call).worker
    workers = _workers.list_workers(ws, call.query)
    return 200, page("workers", workers, order, call, lambda w: render(ws, w)), None


def fetch_worker(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    worker = _workers.worker_of(ws, call["worker"])
    return 200, app.bodies(call).worker(ws, worker), etag(worker.version)


def update_worker(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    worker = _workers.worker_of(ws, call["worker"])
    _workers.update_worker(app.store, ws, worker, call.form, call.if_match)
    return 200, app.bodies(call).worker(ws, worker), etag(worker.version)


def delete_worker(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    worker = _workers.worker_of(ws, call["worker"])
    _workers.delete_worker(app.store, ws, worker, call.if_match)
    return 204, None, None


def list_worker_channels(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    worker = _workers.worker_of(ws, call["worker"])
    render = app.bodies(call).worker_channel
    channels = sorted(
        worker.channels.values(), key=lambda c: ws.channels[c.task_channel_sid].sequence
    )
    positions = {c.sid: i for i, c in enumerate(channels)}
    body = page(
        "channels",
        channels,
        lambda c: (positions[c.sid],),
        call,
        lambda c: render(ws, worker, c),
    )
    return 200, body, None


def fetch_worker_channel(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    worker = _workers.worker_of(ws, call["worker"])
    channel = _workers.channel_of(ws, worker, call["channel"])
    return 200, app.bodies(call).worker_channel(ws, worker, channel), None


def update_worker_channel(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    worker = _workers.worker_of(ws, call["worker"])
    channel = _workers.channel_of(ws, worker, call["channel"])
    _workers.update_channel(app.store, ws, worker, channel, call.form)
    return 200, app.bodies(call).worker_channel(ws, worker, channel), None


# -- control ------------------------------------------------------------------------------


def control_reserve(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    worker_sid = one(call.form, "WorkerSid") or next(iter(ws.workers))
    reservation = _tasks.force_reserve(app.store, ws, call["task"], worker_sid)
    return 201, app.bodies(call).reservation(ws, reservation, "task"), None


def control_clock(app: App, call: Call) -> Answer:
    seconds = one(call.form, "AdvanceSeconds") or "0"
    try:
        app.advance(float(seconds))
    except ValueError:
        raise bad_request("AdvanceSeconds must be a number of seconds") from None
    return 200, {"now": app.store.now().strftime("%Y-%m-%dT%H:%M:%SZ")}, None


def control_faults(app: App, call: Call) -> Answer:
    count = int(one(call.form, "Count") or "1")
    drop = (one(call.form, "Drop") or "").lower() == "true"
    status = None if drop else int(one(call.form, "Status") or "503")
    retry_after = one(call.form, "RetryAfter")
    applied = (one(call.form, "Applied") or "").lower() == "true"
    fault = Fault(status, float(retry_after) if retry_after else None, applied)
    app.faults.extend(fault for _ in range(count))
    return 204, None, None


WORK_ROUTES: list[tuple[str, str, Handler]] = [
    ("POST", WS + "/Tasks", create_task),
    ("GET", WS + "/Tasks", list_tasks),
    ("GET", WS + "/Tasks/{task}", fetch_task),
    ("POST", WS + "/Tasks/{task}", update_task),
    ("DELETE", WS + "/Tasks/{task}", delete_task),
    ("GET", WS + "/Tasks/{task}/Reservations", list_reservations),
    ("GET", WS + "/Tasks/{task}/Reservations/{res}", fetch_reservation),
    ("POST", WS + "/Tasks/{task}/Reservations/{res}", update_reservation),
    ("POST", WS + "/Workers", create_worker),
    ("GET", WS + "/Workers", list_workers),
    ("GET", WS + "/Workers/{worker}", fetch_worker),
    ("POST", WS + "/Workers/{worker}", update_worker),
    ("DELETE", WS + "/Workers/{worker}", delete_worker),
    ("GET", WS + "/Workers/{worker}/Channels", list_worker_channels),
    ("GET", WS + "/Workers/{worker}/Channels/{channel}", fetch_worker_channel),
    ("POST", WS + "/Workers/{worker}/Channels/{channel}", update_worker_channel),
    ("GET", WS + "/Workers/{worker}/Reservations", list_reservations),
    ("GET", WS + "/Workers/{worker}/Reservations/{res}", fetch_reservation),
    ("POST", WS + "/Workers/{worker}/Reservations/{res}", update_reservation),
    ("POST", "/_emulator/Workspaces/{ws}/Tasks/{task}/Reserve", control_reserve),
    ("POST", "/_emulator/Faults", control_faults),
    ("POST", "/_emulator/Clock", control_clock),
]
