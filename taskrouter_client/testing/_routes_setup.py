"""Handlers for Workspaces, what configures them, and Events.

What configures a Workspace: Activities, TaskChannels, TaskQueues and Workflows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from . import _queues, _workspaces
from ._configuration import expression
from ._engine import worker_document
from ._events import list_events
from ._forms import Form, flag, one
from ._paging import Listed, SortKey, page
from ._records import Activity, TaskChannel, TaskQueue, Workflow, Workspace, not_found
from ._render import Bodies
from ._rules import QUEUE_ORDERING, creation_order, ordering

if TYPE_CHECKING:
    from ._app import Answer, App, Call, Handler
    from ._store import Store

T = TypeVar("T")
R = TypeVar("R", bound=Listed)
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


# -- Activities, TaskChannels, TaskQueues, Workflows: one pattern ------------------------


@attrs.frozen
class Kind(Generic[R]):
    """A kind of record a Workspace holds: how to find, render, create, update, delete one.

    Its bound methods are the handlers of the record's create, fetch, update and delete.
    """

    find: Callable[[Workspace, str], R]
    render: Callable[[Bodies, Workspace, R], dict[str, Any]]
    make: Callable[[Store, Workspace, Form], R]
    change: Callable[[Store, Workspace, R, Form], R]
    remove: Callable[[Store, Workspace, R], None]
    key: str = "sid"
    """The path's name for the record (``channel``: a SID or a unique name)."""

    def create(self, app: App, call: Call) -> Answer:
        ws = workspace_of(app, call)
        return 201, self.render(app.bodies(call), ws, self.make(app.store, ws, call.form)), None

    def fetch(self, app: App, call: Call) -> Answer:
        ws = workspace_of(app, call)
        return 200, self.render(app.bodies(call), ws, self.find(ws, call[self.key])), None

    def update(self, app: App, call: Call) -> Answer:
        ws = workspace_of(app, call)
        record = self.change(app.store, ws, self.find(ws, call[self.key]), call.form)
        return 200, self.render(app.bodies(call), ws, record), None

    def delete(self, app: App, call: Call) -> Answer:
        ws = workspace_of(app, call)
        self.remove(app.store, ws, self.find(ws, call[self.key]))
        return 204, None, None

    def listed(
        self, key: str, app: App, call: Call, found: Iterable[R], order: Callable[[R], SortKey]
    ) -> Answer:
        """A page of ``found`` under ``key``."""
        ws, bodies = workspace_of(app, call), app.bodies(call)
        return 200, page(key, found, order, call, lambda r: self.render(bodies, ws, r)), None

    def routes(self, path: str, lister: Handler) -> list[tuple[str, str, Handler]]:
        """The five routes of the kind at ``path``."""
        one_path = f"{path}/{{{self.key}}}"
        return [
            ("POST", path, self.create),
            ("GET", path, lister),
            ("GET", one_path, self.fetch),
            ("POST", one_path, self.update),
            ("DELETE", one_path, self.delete),
        ]


def _in(
    records: Callable[[Workspace], Mapping[str, T]], kind: str
) -> Callable[[Workspace, str], T]:
    def find(ws: Workspace, sid: str) -> T:
        found = records(ws).get(sid)
        if found is None:
            raise not_found(f"/v1/Workspaces/{ws.sid}/{kind}/{sid}")
        return found

    return find


ACTIVITIES: Kind[Activity] = Kind(
    _in(lambda ws: ws.activities, "Activities"),
    Bodies.activity,
    _workspaces.create_activity,
    _workspaces.update_activity,
    _workspaces.delete_activity,
)
CHANNELS: Kind[TaskChannel] = Kind(
    _workspaces.channel_by_name,
    Bodies.task_channel,
    _workspaces.create_channel,
    _workspaces.update_channel,
    _workspaces.delete_channel,
    key="channel",
)
QUEUES: Kind[TaskQueue] = Kind(
    _in(lambda ws: ws.queues, "TaskQueues"),
    Bodies.task_queue,
    _queues.create_queue,
    _queues.update_queue,
    _queues.delete_queue,
)
WORKFLOWS: Kind[Workflow] = Kind(
    _in(lambda ws: ws.workflows, "Workflows"),
    Bodies.workflow,
    _queues.create_workflow,
    _queues.update_workflow,
    _queues.delete_workflow,
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
    return ACTIVITIES.listed("activities", app, call, found, creation_order)


def list_channels(app: App, call: Call) -> Answer:
    found = workspace_of(app, call).channels.values()
    return CHANNELS.listed("channels", app, call, found, creation_order)


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
    return QUEUES.listed("task_queues", app, call, found, order)


def list_workflows(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    name = one(call.query, "FriendlyName")
    found = [w for w in ws.workflows.values() if name is None or w.friendly_name == name]
    return WORKFLOWS.listed("workflows", app, call, found, creation_order)


# -- Events -------------------------------------------------------------------------------


def list_event_records(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    found = list_events(ws, call.query, app.store.now())
    render = app.bodies(call).event
    return 200, page("events", found, creation_order, call, lambda e: render(ws, e)), None


def fetch_event(app: App, call: Call) -> Answer:
    ws = workspace_of(app, call)
    return 200, app.bodies(call).event(ws, item(ws.events, call)), None


SETUP_ROUTES: list[tuple[str, str, Handler]] = [
    ("POST", "/v1/Workspaces", create_workspace),
    ("GET", "/v1/Workspaces", list_workspaces),
    ("GET", "/v1/Workspaces/{ws}", fetch_workspace),
    ("POST", "/v1/Workspaces/{ws}", update_workspace),
    ("DELETE", "/v1/Workspaces/{ws}", delete_workspace),
    *ACTIVITIES.routes(WS + "/Activities", list_activities),
    *CHANNELS.routes(WS + "/TaskChannels", list_channels),
    *QUEUES.routes(WS + "/TaskQueues", list_queues),
    *WORKFLOWS.routes(WS + "/Workflows", list_workflows),
    ("GET", WS + "/Events", list_event_records),
    ("GET", WS + "/Events/{sid}", fetch_event),
]
