"""Handlers for the statistics of the Workspace, its Workflows, TaskQueues and Workers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ._forms import one
from ._paging import page
from ._records import Worker, Workspace, bad_request
from ._routes_setup import WS, item, workspace_of
from ._rules import creation_order
from ._statistics import (
    Scope,
    activity_statistics,
    cumulative,
    queue_workers,
    real_time,
    worker_cumulative,
)
from ._workers import list_workers, worker_of

if TYPE_CHECKING:
    from ._app import Answer, App, Call, Handler
    from ._records import TaskQueue

_WORKSPACE_COUNTS = ("tasks_created", "tasks_timed_out_in_workflow")
_WORKFLOW_COUNTS = ("tasks_entered", "tasks_timed_out_in_workflow")
_QUEUE_COUNTS = ("tasks_entered",)


# -- Workspace ----------------------------------------------------------------------------


def _workspace_real_time(app: App, call: Call, ws: Workspace) -> dict[str, Any]:
    return {
        **real_time(Scope(ws, call.query), app.store.now()),
        "activity_statistics": activity_statistics(ws, ws.workers.values()),
        "total_workers": len(ws.workers),
    }


def _workspace_cumulative(app: App, call: Call, ws: Workspace) -> dict[str, Any]:
    scope = Scope(ws, call.query)
    return cumulative(scope, call.query, app.store.now(), counts=_WORKSPACE_COUNTS)


def workspace_real_time(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    figures = _workspace_real_time(app, call, ws)
    return 200, app.bodies(call).statistics(ws, "/RealTimeStatistics", **figures), None


def workspace_cumulative(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    figures = _workspace_cumulative(app, call, ws)
    return 200, app.bodies(call).statistics(ws, "/CumulativeStatistics", **figures), None


def workspace_statistics(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    bodies = app.bodies(call)
    body = bodies.statistics(
        ws,
        "/Statistics",
        realtime=bodies.statistics(
            ws, "/RealTimeStatistics", **_workspace_real_time(app, call, ws)
        ),
        cumulative=bodies.statistics(
            ws, "/CumulativeStatistics", **_workspace_cumulative(app, call, ws)
        ),
    )
    return 200, body, None


# -- Workflows ----------------------------------------------------------------------------


def workflow_real_time(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    sid = item(ws.workflows, call, "workflow").sid
    figures = real_time(Scope(ws, call.query, workflow=sid), app.store.now())
    path = f"/Workflows/{sid}/RealTimeStatistics"
    return 200, app.bodies(call).statistics(ws, path, workflow_sid=sid, **figures), None


def workflow_cumulative(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    sid = item(ws.workflows, call, "workflow").sid
    figures = cumulative(
        Scope(ws, call.query, workflow=sid), call.query, app.store.now(), counts=_WORKFLOW_COUNTS
    )
    path = f"/Workflows/{sid}/CumulativeStatistics"
    return 200, app.bodies(call).statistics(ws, path, workflow_sid=sid, **figures), None


def workflow_statistics(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    sid = item(ws.workflows, call, "workflow").sid
    scope, now, bodies = Scope(ws, call.query, workflow=sid), app.store.now(), app.bodies(call)
    root = f"/Workflows/{sid}"
    body = bodies.statistics(
        ws,
        f"{root}/Statistics",
        workflow_sid=sid,
        realtime=bodies.statistics(
            ws, f"{root}/RealTimeStatistics", workflow_sid=sid, **real_time(scope, now)
        ),
        cumulative=bodies.statistics(
            ws,
            f"{root}/CumulativeStatistics",
            workflow_sid=sid,
            **cumulative(scope, call.query, now, counts=_WORKFLOW_COUNTS),
        ),
    )
    return 200, body, None


# -- TaskQueues ---------------------------------------------------------------------------


def queue_real_time_figures(
    app: App, call: Call, ws: Workspace, queue: TaskQueue
) -> dict[str, Any]:
    """A TaskQueue's real-time figures (also an item of the bulk request's answer)."""
    scope = Scope(ws, call.query, queue=queue.sid)
    return {
        "task_queue_sid": queue.sid,
        **real_time(scope, app.store.now()),
        **queue_workers(ws, queue),
    }


def _queue_bodies(app: App, call: Call, ws: Workspace, queue: TaskQueue) -> dict[str, Any]:
    bodies, now = app.bodies(call), app.store.now()
    root = f"/TaskQueues/{queue.sid}"
    return {
        "task_queue_sid": queue.sid,
        "realtime": bodies.statistics(
            ws, f"{root}/RealTimeStatistics", **queue_real_time_figures(app, call, ws, queue)
        ),
        "cumulative": bodies.statistics(
            ws,
            f"{root}/CumulativeStatistics",
            task_queue_sid=queue.sid,
            **cumulative(
                Scope(ws, call.query, queue=queue.sid), call.query, now, counts=_QUEUE_COUNTS
            ),
        ),
    }


def queue_real_time(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    queue = item(ws.queues, call, "queue")
    figures = queue_real_time_figures(app, call, ws, queue)
    path = f"/TaskQueues/{queue.sid}/RealTimeStatistics"
    return 200, app.bodies(call).statistics(ws, path, **figures), None


def queue_cumulative(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    queue = item(ws.queues, call, "queue")
    scope = Scope(ws, call.query, queue=queue.sid)
    figures = cumulative(scope, call.query, app.store.now(), counts=_QUEUE_COUNTS)
    path = f"/TaskQueues/{queue.sid}/CumulativeStatistics"
    body = app.bodies(call).statistics(ws, path, task_queue_sid=queue.sid, **figures)
    return 200, body, None


def queue_statistics(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    queue = item(ws.queues, call, "queue")
    figures = _queue_bodies(app, call, ws, queue)
    path = f"/TaskQueues/{queue.sid}/Statistics"
    return 200, app.bodies(call).statistics(ws, path, **figures), None


def queues_statistics(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    name = one(call.query, "FriendlyName")
    found = [q for q in ws.queues.values() if name is None or q.friendly_name == name]
    bodies = app.bodies(call)

    def render(queue: TaskQueue) -> dict[str, Any]:
        body = bodies.statistics(ws, "", **_queue_bodies(app, call, ws, queue))
        del body["url"]  # the list's items carry none
        return body

    return 200, page("task_queues_statistics", found, creation_order, call, render), None


def queues_bulk_real_time(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    sids = _queue_sids(call)
    if not 1 <= len(sids) <= 50:
        raise bad_request("queueSids must hold 1 to 50 TaskQueue SIDs")
    queues = [ws.queues.get(sid) for sid in sids]
    data = [queue_real_time_figures(app, call, ws, q) for q in queues if q is not None]
    body = app.bodies(call).statistics(
        ws,
        "/TaskQueues/RealTimeStatistics",
        task_queue_data=data,
        task_queue_response_count=len(data),
    )
    return 200, body, None


def _queue_sids(call: Call) -> list[str]:
    """The SIDs of a bulk request: JSON ``{"queueSids": [...]}``, or a form's ``QueueSids``."""
    try:
        document = json.loads(call.body or b"{}")
    except ValueError:
        return [sid for name in ("QueueSids", "queueSids") for sid in call.form.get(name, [])]
    sids = (
        document.get("queueSids", document.get("QueueSids")) if isinstance(document, dict) else None
    )
    if not isinstance(sids, list) or not all(isinstance(sid, str) for sid in sids):
        raise bad_request('The body must be {"queueSids": ["WQ...", ...]}')
    return sids


# -- Workers ------------------------------------------------------------------------------


def _workers_real_time(ws: Workspace, workers: list[Worker]) -> dict[str, Any]:
    return {
        "activity_statistics": activity_statistics(ws, workers),
        "total_workers": len(workers),
    }


def workers_real_time(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    figures = _workers_real_time(ws, list(ws.workers.values()))
    return 200, app.bodies(call).statistics(ws, "/Workers/RealTimeStatistics", **figures), None


def workers_cumulative(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    figures = worker_cumulative(ws, call.query, app.store.now(), list(ws.workers.values()))
    return 200, app.bodies(call).statistics(ws, "/Workers/CumulativeStatistics", **figures), None


def workers_statistics(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    workers = list_workers(ws, call.query)
    bodies = app.bodies(call)
    body = bodies.statistics(
        ws,
        "/Workers/Statistics",
        realtime=bodies.statistics(
            ws, "/Workers/RealTimeStatistics", **_workers_real_time(ws, workers)
        ),
        cumulative=bodies.statistics(
            ws,
            "/Workers/CumulativeStatistics",
            **worker_cumulative(ws, call.query, app.store.now(), workers),
        ),
    )
    return 200, body, None


def worker_statistics(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    worker = worker_of(ws, call["worker"])
    bodies = app.bodies(call)
    path = f"/Workers/{worker.sid}/Statistics"
    figures = worker_cumulative(ws, call.query, app.store.now(), [worker])
    body = bodies.statistics(
        ws,
        path,
        worker_sid=worker.sid,
        cumulative=bodies.statistics(ws, path, **figures),
    )
    return 200, body, None


STATISTICS_ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", WS + "/Statistics", workspace_statistics),
    ("GET", WS + "/RealTimeStatistics", workspace_real_time),
    ("GET", WS + "/CumulativeStatistics", workspace_cumulative),
    ("GET", WS + "/Workflows/{workflow}/Statistics", workflow_statistics),
    ("GET", WS + "/Workflows/{workflow}/RealTimeStatistics", workflow_real_time),
    ("GET", WS + "/Workflows/{workflow}/CumulativeStatistics", workflow_cumulative),
    ("GET", WS + "/TaskQueues/Statistics", queues_statistics),
    ("POST", WS + "/TaskQueues/RealTimeStatistics", queues_bulk_real_time),
    ("GET", WS + "/TaskQueues/{queue}/Statistics", queue_statistics),
    ("GET", WS + "/TaskQueues/{queue}/RealTimeStatistics", queue_real_time),
    ("GET", WS + "/TaskQueues/{queue}/CumulativeStatistics", queue_cumulative),
    ("GET", WS + "/Workers/Statistics", workers_statistics),
    ("GET", WS + "/Workers/RealTimeStatistics", workers_real_time),
    ("GET", WS + "/Workers/CumulativeStatistics", workers_cumulative),
    ("GET", WS + "/Workers/{worker}/Statistics", worker_statistics),
]
