"""Workflow configuration and TaskQueue expressions, checked before they are sent: the typed
configuration, its JSON round trip, every documented rule, and nothing sent when refused."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

import pytest
from hypothesis import given as generated
from hypothesis import strategies as st

import taskrouter_client as tr
from taskrouter_client._expressions import ExpressionError, compile_order_by
from tests.conftest import WQ, WS, WW, run

pytestmark = pytest.mark.anyio

WQ2 = "WQ" + "9" * 32
WORKFLOWS = f"/v1/Workspaces/{WS}/Workflows"

# The document of Twilio's "Workflows Overview" and "Lifecycle of a Task" pages, with the
# keys their other pages add (order_by, skip_if, known agents) and one Twilio may add later.
DOCUMENT: dict[str, Any] = {
    "task_routing": {
        "filters": [
            {
                "filter_friendly_name": "Support Calls",
                "expression": 'type == "Support"',
                "targets": [
                    {
                        "queue": WQ,
                        "timeout": 15,
                        "expression": "worker.id IN task.preferred_agents",
                        "order_by": "worker.level DESC, worker.tenure ASC",
                        "skip_if": "workers.available == 0",
                        "priority": 10,
                    },
                    {"queue": WQ2, "known_worker_sid": "task.last_agent", "timeout": 30},
                    {"timeout": 15},
                ],
                "future_key": {"kept": True},
            }
        ],
        "default_filter": {"queue": WQ2},
    }
}


def test_a_configuration_reads_from_json_and_writes_back_the_same_document():
    """from_json gives typed filters and targets; to_json writes it all back, unknown keys too."""
    config = tr.WorkflowConfiguration.from_json(json.dumps(DOCUMENT))
    (support,) = config.filters
    assert support.filter_friendly_name == "Support Calls"
    assert support.targets[0] == tr.WorkflowTarget(
        queue=WQ,
        timeout=15,
        expression="worker.id IN task.preferred_agents",
        order_by="worker.level DESC, worker.tenure ASC",
        skip_if="workers.available == 0",
        priority=10,
    )
    assert support.targets[1].known_worker_sid == "task.last_agent"
    assert support.extra == {"future_key": {"kept": True}}
    assert config.default_filter == tr.WorkflowTarget(queue=WQ2)
    assert json.loads(config.to_json()) == DOCUMENT
    config.check()


def test_a_configuration_built_in_python_is_the_json_twilio_documents():
    """The typed value writes the document TaskRouter reads."""
    config = tr.WorkflowConfiguration(
        filters=[
            tr.WorkflowFilter(
                expression="vip == true",
                targets=[tr.WorkflowTarget(queue=WQ, priority=100, timeout=60)],
            )
        ],
        default_filter=tr.WorkflowTarget(queue=WQ2),
    )
    assert json.loads(config.to_json()) == {
        "task_routing": {
            "filters": [
                {
                    "expression": "vip == true",
                    "targets": [{"queue": WQ, "priority": 100, "timeout": 60}],
                }
            ],
            "default_filter": {"queue": WQ2},
        }
    }


def broken(path: list[Any], value: Any) -> dict[str, Any]:
    """DOCUMENT with the value at ``path`` replaced."""
    document = json.loads(json.dumps(DOCUMENT))
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return document


FILTER = ["task_routing", "filters", 0]
TARGET = [*FILTER, "targets", 0]
PROBLEMS = [
    pytest.param(
        broken([*FILTER, "expression"], 'type == "Support" AND'),
        "task_routing.filters[0].expression",
        21,
        "a value or a key",
        id="filter-expression-ends-early",
    ),
    pytest.param(
        broken([*TARGET, "expression"], "worker.id INN task.agents"),
        "task_routing.filters[0].targets[0].expression",
        10,
        "a comparison operator",
        id="target-expression-bad-operator",
    ),
    pytest.param(
        broken([*TARGET, "skip_if"], "workers.available == "),
        "task_routing.filters[0].targets[0].skip_if",
        21,
        "a value or a key",
        id="skip-if-without-a-value",
    ),
    pytest.param(
        broken([*TARGET, "order_by"], "worker.level DESC, worker.tenure UP"),
        "task_routing.filters[0].targets[0].order_by",
        19,
        "an attribute then ASC or DESC",
        id="order-by-direction",
    ),
    pytest.param(
        broken([*FILTER, "expression"], ""),
        "task_routing.filters[0].expression",
        0,
        "a value or a key",
        id="filter-without-expression",
    ),
    pytest.param(
        broken([*TARGET, "queue"], WW),
        "task_routing.filters[0].targets[0].queue",
        None,
        "a TaskQueue SID (WQ…)",
        id="queue-not-a-taskqueue",
    ),
    pytest.param(
        broken([*TARGET, "priority"], -1),
        "task_routing.filters[0].targets[0].priority",
        None,
        "a whole number of at least 0",
        id="negative-priority",
    ),
    pytest.param(
        broken([*FILTER, "targets", 1, "known_worker_friendly_name"], "task.agent_name"),
        "task_routing.filters[0].targets[1].known_worker_friendly_name",
        None,
        "known_worker_sid or known_worker_friendly_name, not both",
        id="two-known-workers",
    ),
    pytest.param(
        broken(["task_routing", "default_filter"], ["not", "an", "object"]),
        "task_routing.default_filter",
        None,
        "a JSON object",
        id="default-filter-not-an-object",
    ),
    pytest.param(
        broken([*TARGET, "timeout"], "soon"),
        "task_routing.filters[0].targets[0].timeout",
        None,
        "a whole number",
        id="timeout-not-a-number",
    ),
]


@pytest.mark.parametrize(("document", "path", "position", "expected"), PROBLEMS)
async def test_a_bad_configuration_is_refused_naming_where_and_what_nothing_sent(
    client, mock, document, path, position, expected
):
    """The error names the argument, the place in the document, the position, the want."""
    route = mock.post(WORKFLOWS).respond(201, json={})
    for given in (json.dumps(document), document):
        with pytest.raises(tr.ConfigurationError) as caught:
            await run(
                client.workspaces(WS).workflows.create(friendly_name="Main", configuration=given)
            )
        error = caught.value
        assert isinstance(error, tr.InvalidArgumentError)
        assert (error.argument, error.path, error.position, error.expected) == (
            "configuration",
            path,
            position,
            expected,
        )
        assert str(error).startswith(f"configuration: {path}: expected {expected}")
    assert route.call_count == 0


async def test_a_configuration_is_sent_as_given_once_checked(client, mock):
    """JSON text goes as written; a mapping and a typed value go as compact JSON."""
    route = mock.post(WORKFLOWS).respond(201, json={"sid": WW})
    text = json.dumps(DOCUMENT, indent=2)
    typed = tr.WorkflowConfiguration.from_json(text)
    for given in (text, DOCUMENT, typed):
        await run(client.workspaces(WS).workflows.create(friendly_name="Main", configuration=given))
    sent = [dict(parse_qsl(call.request.content.decode()))["Configuration"] for call in route.calls]
    assert sent[0] == text
    assert json.loads(sent[1]) == DOCUMENT
    assert json.loads(sent[2]) == DOCUMENT
    update = mock.post(f"{WORKFLOWS}/{WW}").respond(200, json={})
    with pytest.raises(tr.ConfigurationError, match="expected JSON text"):
        await run(client.workspaces(WS).workflows(WW).update(configuration="task-routing: {}"))
    with pytest.raises(tr.InvalidArgumentError, match="expected a WorkflowConfiguration"):
        await run(client.workspaces(WS).workflows(WW).update(configuration=42))  # type: ignore[arg-type]
    assert update.call_count == 0


async def test_target_workers_must_parse_and_empty_means_no_worker(client, mock):
    """target_workers is an expression, refused with where and what; "" is sent as is."""
    created = {"sid": WQ, "task_order": "FIFO"}
    route = mock.post(f"/v1/Workspaces/{WS}/TaskQueues").respond(201, json=created)
    queues = client.workspaces(WS).task_queues
    with pytest.raises(tr.ExpressionError) as caught:
        await run(queues.create(friendly_name="Spanish", target_workers='languages HAS "es'))
    assert (caught.value.argument, caught.value.position, caught.value.expected) == (
        "target_workers",
        len('languages HAS "es'),
        'a closing "',
    )
    assert route.call_count == 0
    await run(queues.create(friendly_name="Parked", target_workers=""))
    await run(queues.create(friendly_name="Spanish", target_workers='languages HAS "es"'))
    sent = [
        dict(parse_qsl(c.request.content.decode(), keep_blank_values=True)) for c in route.calls
    ]
    assert [form["TargetWorkers"] for form in sent] == ["", 'languages HAS "es"']


async def test_worker_and_task_list_filters_are_expressions_too(client, mock):
    """TargetWorkersExpression and EvaluateTaskAttributes are refused before sending."""
    route = mock.get(f"/v1/Workspaces/{WS}/Workers").respond(200, json={})
    with pytest.raises(tr.ExpressionError, match="target_workers_expression: expected"):
        client.workspaces(WS).workers.list(target_workers_expression="skills HAS")
    with pytest.raises(tr.ExpressionError, match="evaluate_task_attributes: expected"):
        client.workspaces(WS).tasks.list(evaluate_task_attributes="(type == 'chat'")
    assert route.call_count == 0


def test_check_expression_is_pure_and_says_where_and_what():
    """check_expression returns None for a valid expression, else ExpressionError."""
    assert tr.check_expression('skills HAS "support" AND level >= 3') is None
    with pytest.raises(tr.ExpressionError) as caught:
        tr.check_expression("level >= ", argument="skip_if")
    assert (caught.value.argument, caught.value.position, caught.value.expected) == (
        "skip_if",
        9,
        "a value or a key",
    )


def test_reading_refuses_what_is_not_a_configuration_with_its_path():
    """from_json refuses text that is not JSON, and parts of the wrong JSON type."""
    with pytest.raises(tr.ConfigurationError, match=r"\(document\): expected JSON text"):
        tr.WorkflowConfiguration.from_json("{nope")
    with pytest.raises(tr.ConfigurationError, match=r"task_routing.filters: expected a JSON array"):
        tr.WorkflowConfiguration.from_json('{"task_routing": {"filters": {}}}')
    with pytest.raises(tr.ConfigurationError, match=r"filters\[0\].expression: expected a string"):
        tr.WorkflowConfiguration.from_json('{"task_routing": {"filters": [{"expression": 1}]}}')
    read = tr.WorkflowConfiguration.from_json('{"task_routing": {"filters": []}, "v": 2}')
    assert read.document_extra == {"v": 2}
    assert read.to_dict() == {"v": 2, "task_routing": {"filters": []}}
    digits = tr.WorkflowConfiguration.from_dict(
        {"task_routing": {"default_filter": {"queue": WQ, "timeout": "30"}}}
    )
    assert digits.default_filter == tr.WorkflowTarget(queue=WQ, timeout=30)


def test_a_fetched_workflows_configuration_reads_back_into_the_typed_value():
    """Workflow.configuration (JSON text) -> WorkflowConfiguration -> the same document."""
    workflow = tr.Workflow(sid=WW, configuration=json.dumps(DOCUMENT))
    assert workflow.parsed_configuration == DOCUMENT
    config = tr.WorkflowConfiguration.from_json(workflow.configuration or "")
    assert config.to_dict() == DOCUMENT
    assert "extra" not in repr(config.filters[0])


def test_typed_values_are_checked_like_the_json_they_write():
    """A WorkflowTarget built in Python meets the same rules as one read from JSON."""
    cases = [
        (tr.WorkflowTarget(known_worker_sid="task agent"), "a Task attribute such as task.agent"),
        (
            tr.WorkflowTarget(known_worker_friendly_name=" task.agent"),  # routing reads no space
            "a Task attribute such as task.agent",
        ),
        (tr.WorkflowTarget(known_worker_sid=7), "a Task attribute such as task.agent"),  # type: ignore[arg-type]
        (tr.WorkflowTarget(priority=2**31), "a whole number of at most 2,147,483,647"),
        (tr.WorkflowTarget(expression=5), "an expression (a string)"),  # type: ignore[arg-type]
        (tr.WorkflowTarget(order_by=5), "an order_by (a string)"),  # type: ignore[arg-type]
    ]
    for target, expected in cases:
        config = tr.WorkflowConfiguration(default_filter=target)
        with pytest.raises(tr.ConfigurationError) as caught:
            config.check()
        assert caught.value.expected == expected
        assert caught.value.path.startswith("task_routing.default_filter.")


ORDER_BY = "task_routing.default_filter.order_by"
CLAUSE = "an attribute then ASC or DESC"


def order_by_refusal(text: str) -> tuple[str, int | None, str] | None:
    """Where and why a configuration holding this ``order_by`` is refused (None: accepted)."""
    config = tr.WorkflowConfiguration(default_filter=tr.WorkflowTarget(queue=WQ, order_by=text))
    try:
        config.check()
    except tr.ConfigurationError as error:
        return error.path, error.position, error.expected
    return None


def routing_refusal(text: str) -> tuple[str, int | None, str] | None:
    """Where and why the routing engine's parser refuses this ``order_by`` (None: reads it)."""
    try:
        compile_order_by(text)
    except ExpressionError as error:
        return ORDER_BY, error.position, error.expected
    return None


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("worker.level DESC", None),
        ("worker.level desc,worker.tenure Asc", None),
        ("  worker.skills[0] ASC  ,  worker.years_2 DESC ", None),
        ("worker.level", 0),
        ("", 0),
        ("DESC", 0),
        ("worker level DESC", 0),
        ("worker.level DESC,", 18),
        ("worker.level DESC, worker.tenure UP", 19),
        ("worker.level DESC,,worker.tenure ASC", 18),
        ("worker.level DESC ASC", 0),
        ("worker.skills[x] ASC", 0),
        # Keys are ASCII: case-insensitive matching once let the long s (which folds to
        # "s") through the configuration check, and the routing parser then refused it.
        ("\u017fkills ASC", 0),
    ],
)
def test_order_by_is_checked_by_the_parser_routing_uses(text, position):
    """A configuration's ``order_by`` is accepted exactly when routing can read it, and a
    refusal gives the clause's position and what was expected there."""
    refused = None if position is None else (ORDER_BY, position, CLAUSE)
    assert order_by_refusal(text) == routing_refusal(text) == refused


CLAUSE_PARTS = [
    "worker",
    ".level",
    "[0]",
    "[x]",
    " ",
    "\t",
    ",",
    "ASC",
    "desc",
    "UP",
    "1",
    "\u017f",
]


@generated(st.lists(st.sampled_from(CLAUSE_PARTS), max_size=8).map("".join))
def test_any_order_by_is_refused_by_both_or_neither(text):
    """Whatever the text, the configuration check and routing agree: both read it, or both
    refuse it at the same position."""
    assert order_by_refusal(text) == routing_refusal(text)
