"""``ws.workflows`` and ``ws.workflows("WW…")``, with statistics, for both clients."""

from __future__ import annotations

from typing import TypeVar

from .._endpoints.common import NoParams
from .._generated.shared import RealTimeParams, SplitIntervalParams
from .._generated.workflows import (
    CREATE_WORKFLOW,
    DELETE_WORKFLOW,
    FETCH_WORKFLOW,
    FETCH_WORKFLOW_CUMULATIVE_STATISTICS,
    FETCH_WORKFLOW_REAL_TIME_STATISTICS,
    FETCH_WORKFLOW_STATISTICS,
    LIST_WORKFLOW,
    UPDATE_WORKFLOW,
    CreateWorkflowParams,
    ListWorkflowArguments,
    UpdateWorkflowParams,
)
from .._runner import AsyncRunner, SyncRunner
from .base import Call, Context, Fetches, Item, Lister, Resource

R = TypeVar("R", SyncRunner, AsyncRunner)


class _WorkflowContext(Context[R]):
    """One Workflow, for either client. Strictly private."""

    __slots__ = ()
    _sid_key = "WorkflowSid"
    fetch = Call(FETCH_WORKFLOW, NoParams, "Fetch the Workflow (FetchWorkflow).")
    update = Call(
        UPDATE_WORKFLOW,
        UpdateWorkflowParams,
        "Update the Workflow (UpdateWorkflow); ``configuration`` is checked before sending.",
    )
    delete = Call(DELETE_WORKFLOW, NoParams, "Delete the Workflow (DeleteWorkflow).")
    statistics = Fetches(
        FETCH_WORKFLOW_STATISTICS,
        SplitIntervalParams,
        "Its real-time and cumulative statistics: ``.fetch()`` (FetchWorkflowStatistics).",
    )
    cumulative_statistics = Fetches(
        FETCH_WORKFLOW_CUMULATIVE_STATISTICS,
        SplitIntervalParams,
        "What happened to its Tasks over a period: ``.fetch()`` "
        "(FetchWorkflowCumulativeStatistics).",
    )
    real_time_statistics = Fetches(
        FETCH_WORKFLOW_REAL_TIME_STATISTICS,
        RealTimeParams,
        "Its Tasks now: ``.fetch()`` (FetchWorkflowRealTimeStatistics).",
    )


class WorkflowContext(_WorkflowContext[SyncRunner]):
    """One Workflow (``ws.workflows("WW…")``): ``fetch()``, ``update()``, ``delete()``.

    ``statistics``, ``cumulative_statistics`` and ``real_time_statistics``, each with
    ``fetch()``.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncWorkflowContext(_WorkflowContext[AsyncRunner]):
    """Async twin of :class:`WorkflowContext`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class _WorkflowList(Resource[R]):
    """A Workspace's Workflows, for either client. Strictly private."""

    __slots__ = ()
    __call__ = Item(
        WorkflowContext,
        AsyncWorkflowContext,
        key="WorkflowSid",
        argument="workflow_sid",
        prefix="WW",
    )
    list = Lister(
        LIST_WORKFLOW, ListWorkflowArguments, "The Workspace's Workflows, lazily (ListWorkflow)."
    )
    create = Call(
        CREATE_WORKFLOW,
        CreateWorkflowParams,
        "Create a Workflow (CreateWorkflow); ``configuration`` is checked before sending.",
    )


class WorkflowList(_WorkflowList[SyncRunner]):
    """A Workspace's Workflows (``ws.workflows``): ``list()``, ``create()``.

    Call it with a SID for one.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncWorkflowList(_WorkflowList[AsyncRunner]):
    """Async twin of :class:`WorkflowList`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()
