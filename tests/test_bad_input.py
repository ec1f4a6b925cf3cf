"""Bad arguments raise a ValueError naming the argument, and nothing is sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from taskrouter_client import InvalidArgumentError, TaskRouterError
from tests.conftest import WS, WT, collect, run

pytestmark = pytest.mark.anyio

NOW = datetime.now(timezone.utc)
GOOD_ID = "a" * 32


def tasks(client: Any) -> Any:
    return client.workspaces(WS).tasks


def task(client: Any) -> Any:
    return client.workspaces(WS).tasks(WT)


CASES: list[tuple[str, str, Callable[[Any], Any]]] = [
    # Path SIDs: checked when the context is made.
    ("workspace_sid", "wrong prefix", lambda c: c.workspaces("WT" + GOOD_ID)),
    ("workspace_sid", "too short", lambda c: c.workspaces("WS" + "a" * 31)),
    ("workspace_sid", "too long", lambda c: c.workspaces("WS" + "a" * 33)),
    ("workspace_sid", "not hex", lambda c: c.workspaces("WS" + "g" * 32)),
    ("workspace_sid", "lower-case prefix", lambda c: c.workspaces("ws" + GOOD_ID)),
    ("workspace_sid", "path injection", lambda c: c.workspaces("WS" + "a" * 30 + "/.")),
    ("workspace_sid", "empty", lambda c: c.workspaces("")),
    ("workspace_sid", "not a string", lambda c: c.workspaces(None)),
    ("task_sid", "wrong prefix", lambda c: tasks(c)("WS" + GOOD_ID)),
    ("task_sid", "trailing newline", lambda c: tasks(c)("WT" + GOOD_ID + "\n")),
    ("task_sid", "not a string", lambda c: tasks(c)(42)),
    # Priority: 0 to 2,147,483,647, an int.
    ("priority", "negative", lambda c: tasks(c).create(priority=-1)),
    ("priority", "above 2**31-1", lambda c: tasks(c).create(priority=2**31)),
    ("priority", "a string", lambda c: tasks(c).create(priority="5")),
    ("priority", "a bool", lambda c: tasks(c).create(priority=True)),
    ("priority", "a float", lambda c: tasks(c).create(priority=1.5)),
    ("priority", "negative on update", lambda c: task(c).update(priority=-5)),
    ("priority", "negative on list", lambda c: tasks(c).list(priority=-1)),
    # Task timeout: 1 to 1,209,600 seconds.
    ("timeout", "zero", lambda c: tasks(c).create(timeout=0)),
    ("timeout", "above 14 days", lambda c: tasks(c).create(timeout=1_209_601)),
    ("timeout", "a string", lambda c: tasks(c).create(timeout="60")),
    # Page size: 1 to 1000. Limit: 0 or more.
    ("page_size", "zero", lambda c: tasks(c).list(page_size=0)),
    ("page_size", "above 1000", lambda c: tasks(c).list(page_size=1001)),
    ("page_size", "a string", lambda c: tasks(c).list(page_size="50")),
    ("limit", "negative", lambda c: tasks(c).list(limit=-1)),
    ("limit", "a string", lambda c: tasks(c).list(limit="10")),
    # Datetimes: aware, not in the future, not before 1900.
    (
        "virtual_start_time",
        "naive",
        lambda c: tasks(c).create(virtual_start_time=datetime(2020, 1, 1)),  # noqa: DTZ001
    ),
    (
        "virtual_start_time",
        "in the future",
        lambda c: tasks(c).create(virtual_start_time=NOW + timedelta(minutes=5)),
    ),
    (
        "virtual_start_time",
        "before 1900",
        lambda c: tasks(c).create(virtual_start_time=datetime(1899, 12, 31, tzinfo=timezone.utc)),
    ),
    (
        "virtual_start_time",
        "a string",
        lambda c: tasks(c).create(virtual_start_time="2020-01-01T00:00:00Z"),
    ),
    (
        "virtual_start_time",
        "naive on update",
        lambda c: task(c).update(virtual_start_time=datetime(2020, 1, 1)),  # noqa: DTZ001
    ),
    # Enums and SIDs in parameters.
    ("assignment_status", "misspelt", lambda c: task(c).update(assignment_status="cancelled")),
    (
        "assignment_status",
        "unknown in list",
        lambda c: tasks(c).list(assignment_status=["pending", "x"]),
    ),
    ("assignment_status", "not a list", lambda c: tasks(c).list(assignment_status=5)),
    ("workflow_sid", "wrong prefix", lambda c: tasks(c).create(workflow_sid="WQ" + GOOD_ID)),
    ("task_queue_sid", "wrong prefix", lambda c: tasks(c).list(task_queue_sid="WW" + GOOD_ID)),
    # Attributes: a JSON object.
    ("attributes", "a list", lambda c: tasks(c).create(attributes=["a"])),
    ("attributes", "text that is not JSON", lambda c: tasks(c).create(attributes="{type: x}")),
    ("attributes", "a JSON array", lambda c: task(c).update(attributes="[1, 2]")),
    ("attributes", "not serialisable", lambda c: tasks(c).create(attributes={"a": {1, 2}})),
    ("attributes", "NaN", lambda c: tasks(c).create(attributes={"a": float("nan")})),
    # Other kinds.
    ("if_match", "not a string", lambda c: task(c).delete(if_match=7)),
    ("ignore_capacity", "a number", lambda c: tasks(c).create(ignore_capacity=1)),
    ("has_addons", "a string", lambda c: tasks(c).list(has_addons="yes")),
    ("reason", "not a string", lambda c: task(c).update(reason=b"bytes")),
]


@pytest.mark.parametrize(
    ("argument", "call"),
    [pytest.param(argument, call, id=f"{argument}-{why}") for argument, why, call in CASES],
)
async def test_bad_argument_raises_value_error_naming_it_and_sends_nothing(
    client, mock, argument, call
):
    """The error is a ValueError (and ours), names the argument, and no request leaves."""
    with pytest.raises(ValueError, match=f"^{argument}: ") as caught:
        await collect_or_run(call(client))
    assert isinstance(caught.value, InvalidArgumentError)
    assert isinstance(caught.value, TaskRouterError)
    assert caught.value.argument == argument
    assert len(mock.calls) == 0


async def test_list_checks_its_arguments_before_iteration(client, mock):
    """A bad list argument fails at the call, not later when iteration starts."""
    with pytest.raises(InvalidArgumentError):
        tasks(client).list(page_size=5000)
    assert len(mock.calls) == 0


async def test_an_unknown_keyword_is_a_type_error_with_a_suggestion(client, mock):
    """A misspelt keyword raises TypeError and suggests the right one."""
    with pytest.raises(
        TypeError, match=r"unexpected keyword argument 'workflowsid'.*'workflow_sid'"
    ):
        await run(tasks(client).create(workflowsid=WS))
    assert len(mock.calls) == 0


async def test_the_page_keyword_is_not_offered(client, mock):
    """Absolute paging is refused by Twilio, so `page` is not a keyword."""
    with pytest.raises(TypeError, match="unexpected keyword argument 'page'"):
        tasks(client).list(page=2)
    assert len(mock.calls) == 0


async def collect_or_run(value: Any) -> Any:
    if hasattr(value, "__aiter__") or hasattr(value, "pages"):
        return await collect(value)
    return await run(value)
