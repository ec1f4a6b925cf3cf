"""Handlers for Workspaces, what configures them, and Events.

What configures a Workspace: Activities, TaskChannels, TaskQueues and Workflows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from . import _queues, _workspaces
from ._configuration import expression
from ._engine import worker_document
from ._events import list_events
from ._forms import flag, one
from ._paging import page
from ._records import Workspace, not_found
from ._rules import QUEUE_ORDERING, creation_order, ordering

if TYPE_CHECKING:
    from ._app import Answer, App, Call, Handler

T = TypeVar("T")
WS = "/v1/Workspaces/{ws}"


def workspace_of(app: App, call: Call) -> Workspace:
    """The Workspace the path names (time caught up); 404 if unknown."""
    return app.store.workspace(call["ws"])


def item(items: Mapping[str, T], call: Call, name: str = "sid") -> T:
    """The record the path names; 404 if unknown."""
    found = items.get(call[name])
    if found is None:
        raise not_found(call.path)
    return found


# -- Workspaces ---------------------------------------------------------------------------


def create_workspace(app: App, call: Call) -> Answer:
    app.store.catch_up()
    return 201, app.bodies(call).workspace(_workspaces.create_workspace(app.store, call.form)), None


def list_workspaces(app: App, call: Call) -> Answer:
    app.store.catch_up()
    name = one(call.query, "FriendlyName")
    found = [ws for ws in app.store.workspaces.values() if name is None or ws.friendly_name == name]
    return 200, page("workspaces", found, creation_order, call, app.bodies(call).workspace), None


def fetch_workspace(app: App, call: Call) -> Answer:
    return 200, app.bodies(call).workspace(workspace_of(app, call)), None


def update_workspace(app: App, call: Call) -> Answer:
    ws = _workspaces.update_workspace(app.store, workspace_of(app, call), call.form)
    return 200, app.bodies(call).workspace(ws), None


def delete_workspace(app: App, call: Call) -> Answer:
    _workspaces.delete_workspace(app.store, workspace_of(app, call))
    return 204, None, None


# -- Activities ---------------------------------------------------------------------------


def create_activity(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    return (
        201,
        app.bodies(call).activity(ws, _workspaces.create_activity(app.store, ws, call.form)),
        None,
    )


def list_activities(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    name, available = one(call.query, "FriendlyName"), flag(one(call.query, "Available"))
    found = [
        a
        for a in ws.activities.values()
        if (name is None or a.friendly_name == name)
        and (available is None or a.available == available)
    ]
    render = _bound(app.bodies(call).activity, ws)
    return 200, page("activities", found, creation_order, call, render), None


def fetch_activity(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    return 200, app.bodies(call).activity(ws, item(ws.activities, call)), None


def update_activity(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    activity = _workspaces.update_activity(app.store, ws, item(ws.activities, call), call.form)
    return 200, app.bodies(call).activity(ws, activity), None


def delete_activity(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    _workspaces.delete_activity(app.store, ws, item(ws.activities, call))
    return 204, None, None


# -- TaskChannels -------------------------------------------------------------------------


def create_channel(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    channel = _workspaces.create_channel(app.store, ws, call.form)
    return 201, app.bodies(call).task_channel(ws, channel), None


def list_channels(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    render = _bound(app.bodies(call).task_channel, ws)
    return 200, page("channels", ws.channels.values(), creation_order, call, render), None


def fetch_channel(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    return (
        200,
        app.bodies(call).task_channel(ws, _workspaces.channel_by_name(ws, call["channel"])),
        None,
    )


def update_channel(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    channel = _workspaces.channel_by_name(ws, call["channel"])
    channel = _workspaces.update_channel(app.store, ws, channel, call.form)
    return 200, app.bodies(call).task_channel(ws, channel), None


def delete_channel(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    _workspaces.delete_channel(app.store, ws, _workspaces.channel_by_name(ws, call["channel"]))
    return 204, None, None


# -- TaskQueues ---------------------------------------------------------------------------


def create_queue(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    return (
        201,
        app.bodies(call).task_queue(ws, _queues.create_queue(app.store, ws, call.form)),
        None,
    )


def list_queues(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    query = call.query
    order = ordering(one(query, "Ordering"), QUEUE_ORDERING)
    name, worker_sid = one(query, "FriendlyName"), one(query, "WorkerSid")
    text = one(query, "EvaluateWorkerAttributes")
    attributes = None if text is None else expression(text, "EvaluateWorkerAttributes")
    documents = [worker_document(ws, w) for w in ws.workers.values()]
    if worker_sid is not None:
        documents = [d for d in documents if d["sid"] == worker_sid]
    if attributes is not None:
        documents = [d for d in documents if attributes(d)]
    filtered = worker_sid is not None or attributes is not None
    found = [
        q
        for q in ws.queues.values()
        if (name is None or q.friendly_name == name)
        and (not filtered or any(q.eligible(d) for d in documents))
    ]
    render = _bound(app.bodies(call).task_queue, ws)
    return 200, page("task_queues", found, order, call, render), None


def fetch_queue(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    return 200, app.bodies(call).task_queue(ws, item(ws.queues, call)), None


def update_queue(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    queue = _queues.update_queue(app.store, ws, item(ws.queues, call), call.form)
    return 200, app.bodies(call).task_queue(ws, queue), None


def delete_queue(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    _queues.delete_queue(app.store, ws, item(ws.queues, call))
    return 204, None, None


# -- Workflows ----------------------------------------------------------------------------


def create_workflow(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    workflow = _queues.create_workflow(app.store, ws, call.form)
    return 201, app.bodies(call).workflow(ws, workflow), None


def list_workflows(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    name = one(call.query, "FriendlyName")
    found = [w for w in ws.workflows.values() if name is None or w.friendly_name == name]
    render = _bound(app.bodies(call).workflow, ws)
    return 200, page("workflows", found, creation_order, call, render), None


def fetch_workflow(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    return 200, app.bodies(call).workflow(ws, item(ws.workflows, call)), None


def update_workflow(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    workflow = _queues.update_workflow(app.store, ws, item(ws.workflows, call), call.form)
    return 200, app.bodies(call).workflow(ws, workflow), None


def delete_workflow(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    _queues.delete_workflow(app.store, ws, item(ws.workflows, call))
    return 204, None, None


# -- Events -------------------------------------------------------------------------------


def list_event_records(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    found = list_events(ws, call.query, app.store.now())
    render = _bound(app.bodies(call).event, ws)
    return 200, page("events", found, creation_order, call, render), None


def fetch_event(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    return 200, app.bodies(call).event(ws, item(ws.events, call)), None


def _bound(render: Any, ws: Workspace) -> Any:
    """``render`` with the Workspace given: what a page renders each item with."""
    return lambda record: render(ws, record)


SETUP_ROUTES: list[tuple[str, str, Handler]] = [
    ("POST", "/v1/Workspaces", create_workspace),
    ("GET", "/v1/Workspaces", list_workspaces),
    ("GET", "/v1/Workspaces/{ws}", fetch_workspace),
    ("POST", "/v1/Workspaces/{ws}", update_workspace),
    ("DELETE", "/v1/Workspaces/{ws}", delete_workspace),
    ("POST", WS + "/Activities", create_activity),
    ("GET", WS + "/Activities", list_activities),
    ("GET", WS + "/Activities/{sid}", fetch_activity),
    ("POST", WS + "/Activities/{sid}", update_activity),
    ("DELETE", WS + "/Activities/{sid}", delete_activity),
    ("POST", WS + "/TaskChannels", create_channel),
    ("GET", WS + "/TaskChannels", list_channels),
    ("GET", WS + "/TaskChannels/{channel}", fetch_channel),
    ("POST", WS + "/TaskChannels/{channel}", update_channel),
    ("DELETE", WS + "/TaskChannels/{channel}", delete_channel),
    ("POST", WS + "/TaskQueues", create_queue),
    ("GET", WS + "/TaskQueues", list_queues),
    ("GET", WS + "/TaskQueues/{sid}", fetch_queue),
    ("POST", WS + "/TaskQueues/{sid}", update_queue),
    ("DELETE", WS + "/TaskQueues/{sid}", delete_queue),
    ("POST", WS + "/Workflows", create_workflow),
    ("GET", WS + "/Workflows", list_workflows),
    ("GET", WS + "/Workflows/{sid}", fetch_workflow),
    ("POST", WS + "/Workflows/{sid}", update_workflow),
    ("DELETE", WS + "/Workflows/{sid}", delete_workflow),
    ("GET", WS + "/Events", list_event_records),
    ("GET", WS + "/Events/{sid}", fetch_event),
]
