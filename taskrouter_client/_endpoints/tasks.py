"""Tasks: ``/v1/Workspaces/{WorkspaceSid}/Tasks[/{Sid}]``.

Operations CreateTask, ListTask, FetchTask, UpdateTask and DeleteTask.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any, TypedDict

from .._enums import TaskStatus, TaskStatusLiteral
from .._errors import InvalidResponseError
from .._models import Task
from .._operation import Operation, ReadBack, Safety, operation
from .._params import (
    boolean,
    boolean_or_text,
    choice,
    form,
    integer,
    json_object,
    query,
    repeated,
    sid,
    text,
    timestamp,
)
from .common import MAX_PRIORITY, MAX_TASK_TIMEOUT, IfMatchParams, ListParams, NoParams

TASKS = "/v1/Workspaces/{WorkspaceSid}/Tasks"
TASK = TASKS + "/{Sid}"

_priority = integer(0, MAX_PRIORITY)
_virtual_start_time = timestamp(past_only=True, earliest_year=1900)


class CreateTaskParams(TypedDict, total=False):
    """Keyword arguments of ``ws.tasks.create()`` (spec operation CreateTask).

    .. versionadded:: 0.1.0
    """

    timeout: Annotated[int | None, form("Timeout", integer(1, MAX_TASK_TIMEOUT))]
    """Seconds the Task may wait for assignment, 1 to 1,209,600 (default 86,400)."""
    priority: Annotated[int | None, form("Priority", _priority)]
    """0 to 2,147,483,647; overrides the Workflow target's priority."""
    task_channel: Annotated[str | None, form("TaskChannel", text)]
    """The TaskChannel's ``unique_name`` or SID (default ``default``)."""
    workflow_sid: Annotated[str | None, form("WorkflowSid", sid("WW"))]
    """The Workflow that routes the Task (optional if the Workspace has only one)."""
    attributes: Annotated[Mapping[str, Any] | str | None, form("Attributes", json_object)]
    """The Task's attributes: a mapping (JSON-encoded for you) or JSON text."""
    virtual_start_time: Annotated[datetime | None, form("VirtualStartTime", _virtual_start_time)]
    """Ordering timestamp: timezone-aware, not in the future, not before 1900."""
    routing_target: Annotated[str | None, form("RoutingTarget", text)]
    """Route straight to this Worker, TaskQueue or Workflow SID."""
    ignore_capacity: Annotated[bool | str | None, form("IgnoreCapacity", boolean_or_text)]
    """With a Worker ``routing_target``: ignore the Worker's capacity and availability."""
    task_queue_sid: Annotated[str | None, form("TaskQueueSid", sid("WQ"))]
    """The TaskQueue the Task belongs to."""


class ListTaskParams(ListParams, total=False):
    """Keyword arguments of ``ws.tasks.list()`` (spec operation ListTask), besides ``limit``.

    .. versionadded:: 0.1.0
    """

    priority: Annotated[int | None, query("Priority", _priority)]
    """Only Tasks of exactly this priority."""
    assignment_status: Annotated[
        Sequence[TaskStatus | TaskStatusLiteral] | TaskStatus | TaskStatusLiteral | None,
        query("AssignmentStatus", repeated(choice(TaskStatus))),
    ]
    """Only Tasks in these statuses (one or several)."""
    workflow_sid: Annotated[str | None, query("WorkflowSid", sid("WW"))]
    workflow_name: Annotated[str | None, query("WorkflowName", text)]
    task_queue_sid: Annotated[str | None, query("TaskQueueSid", sid("WQ"))]
    task_queue_name: Annotated[str | None, query("TaskQueueName", text)]
    evaluate_task_attributes: Annotated[str | None, query("EvaluateTaskAttributes", text)]
    """An expression on the attributes, such as ``type == "support"`` (limited to 3 req/s)."""
    routing_target: Annotated[str | None, query("RoutingTarget", text)]
    ordering: Annotated[str | None, query("Ordering", text)]
    """``Attribute:asc|desc`` pairs, comma-separated, e.g. ``Priority:desc,DateCreated:asc``."""
    has_addons: Annotated[bool | None, query("HasAddons", boolean)]


class UpdateTaskParams(IfMatchParams, total=False):
    """Keyword arguments of ``ws.tasks(sid).update()`` (spec operation UpdateTask).

    .. versionadded:: 0.1.0
    """

    attributes: Annotated[Mapping[str, Any] | str | None, form("Attributes", json_object)]
    """New attributes: a mapping (JSON-encoded for you) or JSON text."""
    assignment_status: Annotated[
        TaskStatus | TaskStatusLiteral | None, form("AssignmentStatus", choice(TaskStatus))
    ]
    """The new status, e.g. ``canceled`` or ``completed`` (give a ``reason`` with those)."""
    reason: Annotated[str | None, form("Reason", text)]
    """Why the Task is canceled or completed."""
    priority: Annotated[int | None, form("Priority", _priority)]
    task_channel: Annotated[str | None, form("TaskChannel", text)]
    virtual_start_time: Annotated[datetime | None, form("VirtualStartTime", _virtual_start_time)]


def holds(task: Task, update: Mapping[str, object]) -> bool:
    """Whether ``task`` already carries every value ``update`` (UpdateTask keywords) sets.

    Reading a write back: after an update whose answer was lost, the Task read shows whether
    it took effect (see :class:`ReadBack`). Attributes the server sent that are not a JSON
    object (or are nested too deeply to read) do not hold what was sent.
    """
    for keyword, wanted in update.items():
        if wanted is None or keyword == "if_match":
            continue
        if keyword == "attributes":
            try:
                current = task.parsed_attributes
            except InvalidResponseError:
                return False
            same = json.loads(json_object(keyword, wanted)[0]) == current
        elif keyword == "task_channel":
            same = wanted in {task.task_channel_unique_name, task.task_channel_sid}
        elif keyword == "virtual_start_time":
            same = task.virtual_start_time is not None and timestamp()(
                keyword, wanted
            ) == timestamp()(keyword, task.virtual_start_time)
        else:
            same = getattr(task, keyword) == wanted
        if not same:
            return False
    return True


class DeleteTaskParams(IfMatchParams, total=False):
    """Keyword arguments of ``ws.tasks(sid).delete()`` (spec operation DeleteTask).

    .. versionadded:: 0.1.0
    """


CREATE_TASK = operation("CreateTask", "POST", TASKS, CreateTaskParams, Task, safety=Safety.CREATE)
LIST_TASKS = operation(
    "ListTask", "GET", TASKS, ListTaskParams, Task, safety=Safety.READ, list_key="tasks"
)
FETCH_TASK = operation("FetchTask", "GET", TASK, NoParams, Task, safety=Safety.READ)
UPDATE_TASK = operation(
    "UpdateTask",
    "POST",
    TASK,
    UpdateTaskParams,
    Task,
    safety=Safety.SET,
    read_back=ReadBack(FETCH_TASK, holds),
    transition_if=frozenset({"assignment_status"}),
)
DELETE_TASK: Operation[None] = operation(
    "DeleteTask", "DELETE", TASK, DeleteTaskParams, None, safety=Safety.DELETE
)
