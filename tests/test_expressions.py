"""TaskRouter's expression language, as its own module: Twilio's documented cases first (each
with its page), then what this evaluator decides where the documentation is silent."""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Any

import pytest

import taskrouter_client as tr
from taskrouter_client._expressions import (
    MAX_NESTING,
    ExpressionError,
    compile_expression,
    compile_key,
    compile_order_by,
)

SYNTAX = "https://www.twilio.com/docs/taskrouter/expression-syntax"
LIFECYCLE = "https://www.twilio.com/docs/taskrouter/lifecycle-task-workflows-and-assignment"
ACTIVITY = "https://www.twilio.com/docs/taskrouter/activity-based-routing"
TIME_OF_DAY = "https://www.twilio.com/docs/taskrouter/time-of-day-routing"
ORDER_WORKERS = "https://www.twilio.com/docs/taskrouter/order-workers"

# The attributes the expression syntax page resolves its example keys against.
PAGE = {"string_const": "foo", "object": {"array": ["a", "b", "c"], "attr": "bar"}}

DOCUMENTED: list[tuple[dict[str, Any], str, bool, str]] = [
    # "Expression Structure": the page's examples, with documents that make them true or false
    ({}, "1 == 1", True, SYNTAX),
    ({}, "0 != 1", True, SYNTAX),
    ({}, '"apple" != "orange"', True, SYNTAX),
    ({"key": 2}, "key > 1", True, SYNTAX),
    ({"key": 1}, "key > 1", False, SYNTAX),
    ({"object": {"param": "pear"}}, 'object.param != "apple"', True, SYNTAX),
    ({"language": "es"}, 'language IN ["en", "es"]', True, SYNTAX),
    ({"language": "fr"}, 'language IN ["en", "es"]', False, SYNTAX),
    (
        {"condition_a": False, "condition_b": True},
        "(condition_a == true) OR (condition_b == true)",
        True,
        SYNTAX,
    ),
    (
        {"language": "fr", "skill_rating": 5.1},
        '(language == "en" OR language == "fr") AND skill_rating >= 5.1',
        True,
        SYNTAX,
    ),
    (
        {"language": "fr", "skill_rating": 5},
        '(language == "en" OR language == "fr") AND skill_rating >= 5.1',
        False,
        SYNTAX,
    ),
    # the page's TaskQueue TargetWorkers and Workflow filter examples
    (
        {"skills": ["support", "sales"], "languages": ["english"]},
        "(skills HAS 'support') AND (languages HAS 'english')",
        True,
        SYNTAX,
    ),
    (
        {"skills": ["sales"], "languages": ["english"]},
        "(skills HAS 'support') AND (languages HAS 'english')",
        False,
        SYNTAX,
    ),
    (
        {"customer_value": "Gold", "type": "ticket"},
        "customer_value == 'Gold' AND type == 'ticket'",
        True,
        SYNTAX,
    ),
    # "Constants": strings in either quotes, integers and floats, unquoted booleans
    ({}, "\"string\" == 'string'", True, SYNTAX),
    ({}, "1 == 1.0", True, SYNTAX),
    ({}, "1.00 == 1", True, SYNTAX),
    ({}, "3.141529 > 3", True, SYNTAX),
    ({}, "true != false", True, SYNTAX),
    # "References": dots for sub-properties, brackets for array items, a missing key is NULL
    (PAGE, 'string_const == "foo"', True, SYNTAX),
    (PAGE, 'object.array[2] == "c"', True, SYNTAX),
    (PAGE, 'object.attr == "bar"', True, SYNTAX),
    (PAGE, 'object.array HAS "b"', True, SYNTAX),
    (PAGE, 'missing == "foo"', False, SYNTAX),
    # "Comparison Operators": CONTAINS is scalar (the left value contains the right one)
    (PAGE, 'string_const CONTAINS "oo"', True, SYNTAX),
    (PAGE, 'string_const CONTAINS "x"', False, SYNTAX),
    # ... HAS: the array on the left holds the value; IN / NOT IN: the scalar on the left is
    # (is not) in the array on the right
    (PAGE, 'object.array HAS "z"', False, SYNTAX),
    (PAGE, '"b" IN object.array', True, SYNTAX),
    (PAGE, '"z" NOT IN object.array', True, SYNTAX),
    (PAGE, '"a" NOT IN object.array', False, SYNTAX),
    # ... "Using scalar operators on Arrays results in false"
    (PAGE, 'object.array == "a"', False, SYNTAX),
    (PAGE, 'object.array != "z"', False, SYNTAX),
    (PAGE, 'object.array CONTAINS "a"', False, SYNTAX),
    (PAGE, 'object.array > "a"', False, SYNTAX),
    (PAGE, "object.array == object.array", False, SYNTAX),
    # ... "Using array operators on two scalar values also returns false"
    (PAGE, 'string_const HAS "foo"', False, SYNTAX),
    (PAGE, 'string_const IN "foo"', False, SYNTAX),
    (PAGE, 'string_const NOT IN "bar"', False, SYNTAX),
    # ... IN takes "the scalar value on the left": an array there is not one
    (PAGE, 'object.array IN ["a", "b"]', False, SYNTAX),
    (PAGE, 'object.array NOT IN ["x"]', False, SYNTAX),
    # "Logical Operators"
    (PAGE, 'string_const == "foo" AND object.attr == "bar"', True, SYNTAX),
    (PAGE, 'string_const == "foo" AND object.attr == "baz"', False, SYNTAX),
    (PAGE, 'string_const == "x" OR object.attr == "bar"', True, SYNTAX),
    # a routing step's expression, over task. and worker. prefixed attributes
    (
        {"worker": {"id": "alice"}, "task": {"preferred_agents": ["bob", "alice"]}},
        "worker.id IN task.preferred_agents",
        True,
        LIFECYCLE,
    ),
    (
        {"worker": {"id": "carol"}, "task": {"preferred_agents": ["bob", "alice"]}},
        "worker.id IN task.preferred_agents",
        False,
        LIFECYCLE,
    ),
    # a lower-case keyword
    (
        {"worker": {"activity_name": "High Value Tasks"}},
        "worker.activity_name in ['Generally Available', 'High Value Tasks']",
        True,
        ACTIVITY,
    ),
    # a single = for equality, and an integer written with a leading zero
    (
        {"taskrouter": {"dayOfWeek": "Sat", "currentTime": 1200}},
        (
            "taskrouter.dayOfWeek = 'Sat' AND taskrouter.currentTime > 1100"
            " AND taskrouter.currentTime < 1530"
        ),
        True,
        TIME_OF_DAY,
    ),
    (
        {"taskrouter": {"currentTime": 745}},
        "taskrouter.currentTime > 0800 AND taskrouter.currentTime < 1830",
        False,
        TIME_OF_DAY,
    ),
    (
        {"taskrouter": {"dayOfWeek": "Wed", "currentTime": 1000}},
        (
            "(taskrouter.dayOfWeek IN ['Mon', 'Tue', 'THU'] AND taskrouter.currentTime > 800)"
            " OR (taskrouter.dayOfWeek IN ['Wed', 'Fri'] AND taskrouter.currentTime > 900)"
        ),
        True,
        TIME_OF_DAY,
    ),
]


@pytest.mark.parametrize(
    ("document", "expression", "expected", "source"),
    DOCUMENTED,
    ids=[f"{e} -> {x}" for _, e, x, _ in DOCUMENTED],
)
def test_what_twilio_documents(document, expression, expected, source):
    """Each documented case evaluates as the cited page says."""
    assert source.startswith("https://www.twilio.com/docs/taskrouter/")
    assert compile_expression(expression)(document) is expected


ATTRIBUTES = {
    "type": "support",
    "priority": 5,
    "vip": True,
    "skills": ["english", "french"],
    "customer": {"tier": "gold"},
    "empty": None,
}

# Where the documentation is silent: what this evaluator does, and why (docs/testing.md).
DECIDED = [
    # NULL (a missing key, or JSON null) makes every comparison false, as in SQL
    ("missing != 1", False),
    ('missing NOT IN ["x"]', False),
    ("empty == empty", False),
    ("1 IN [missing]", False),
    # kinds: a boolean is not a number; ordering needs two numbers or two strings; != of two
    # scalars of different kinds is true (they are not equal)
    ("vip == 1", False),
    ("vip == true", True),
    ('priority > "3"', False),
    ('type > "suppor"', True),
    ('priority != "5"', True),
    ("vip > false", False),
    # objects are neither scalars nor arrays: no operator is true of them
    ("customer == customer", False),
    ('customer CONTAINS "gold"', False),
    # CONTAINS is about strings; HAS takes a scalar on the right
    ("priority CONTAINS 5", False),
    ('skills HAS ["english"]', False),
    ('skills IN [["english", "french"]]', False),
    # aliases this emulator has always accepted: >- for HAS, <- for IN
    ("skills >- 'french'", True),
    ("type <- ['sales', 'support']", True),
    # AND binds tighter than OR; keywords in any case; escaped quotes inside strings
    ('type == "sales" OR priority > 3 AND vip == false', False),
    ('(type == "sales" OR priority > 3) AND vip == true', True),
    ('type == "support" and vip == TRUE or 1 == 0', True),
    ('type == "say \\"hi\\""', False),
    ("'it\\'s' CONTAINS \"'\"", True),
    ('customer.tier.deeper == 1 OR skills[5] == "x"', False),
    ("[] == []", False),
]


@pytest.mark.parametrize(("expression", "expected"), DECIDED, ids=[e for e, _ in DECIDED])
def test_where_the_documentation_is_silent(expression, expected):
    """Each case evaluates as docs/testing.md says this evaluator decides."""
    assert compile_expression(expression)(ATTRIBUTES) is expected


MALFORMED = [
    # (expression, position, expected)
    ("", 0, "a value or a key"),
    ("type ==", 7, "a value or a key"),
    ('== "support"', 0, "a value or a key"),
    ('type "support"', 5, "a comparison operator"),
    ('type == "support" AND', 21, "a value or a key"),
    ('OR type == "support"', 0, "a value or a key"),
    ('(type == "support"', 18, "')' or AND or OR"),
    ('type == "support")', 17, "AND, OR or the end of the expression"),
    ("type ~ 1", 5, "a value, a key, an operator or a parenthesis"),
    ("type NOT 1", 9, "IN after NOT"),
    ("type IN [1, 2", 13, "',' or ']'"),
    ("type IN [1 2]", 11, "',' or ']'"),
    ('type == "unterminated', 21, 'a closing "'),
    ("type == AND", 8, "a value or a key"),
    ("a.b- == 1", 3, "a value, a key, an operator or a parenthesis"),
    # "Hyphens are not supported in TaskRouter expressions." (SYNTAX)
    ("customer-tier == 'gold'", 8, "a value, a key, an operator or a parenthesis"),
]


@pytest.mark.parametrize(("expression", "position", "expected"), MALFORMED)
def test_a_parse_error_says_where_and_what_was_expected(expression, position, expected):
    """ExpressionError carries the 0-based position and what was expected, and says both."""
    with pytest.raises(ExpressionError) as caught:
        compile_expression(expression, argument="evaluate_task_attributes")
    error = caught.value
    assert (error.position, error.expected) == (position, expected)
    assert f"expected {expected} at position {position}" in str(error)
    assert str(error).startswith("evaluate_task_attributes: ")
    assert isinstance(error, tr.InvalidArgumentError)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("opening", ["(", "["])
def test_absurd_nesting_is_a_parse_error_not_a_recursion_error(opening):
    """Nesting past the limit is refused at the bracket that goes too deep."""
    text = opening * 10_000 + "1 == 1"
    with pytest.raises(ExpressionError) as caught:
        compile_expression(text)
    assert caught.value.position == MAX_NESTING
    nested = "(" * MAX_NESTING + "1 == 1" + ")" * MAX_NESTING
    assert compile_expression(nested)({}) is True


def test_order_by_sorts_by_each_clause_then_the_next():
    """``order_by`` (ORDER_WORKERS): integer values, ASC or DESC, later clauses break ties,
    and a Worker without the value comes after, whatever the direction."""
    workers = [
        {"name": "none", "worker": {}},
        {"name": "text", "worker": {"level": "5", "years": 1}},
        {"name": "flag", "worker": {"level": True}},
        {"name": "low", "worker": {"level": 1, "years": 9}},
        {"name": "high-new", "worker": {"level": 5, "years": 1}},
        {"name": "high-old", "worker": {"level": 5, "years": 8}},
    ]
    key = compile_order_by("worker.level DESC, worker.years asc")
    assert [w["name"] for w in sorted(workers, key=key)] == [
        "high-new",
        "high-old",
        "low",
        "text",  # a string is not an integer: missing, then ordered by years
        "none",
        "flag",
    ]
    ascending = compile_order_by("worker.level ASC")
    assert [w["name"] for w in sorted(workers, key=ascending)][:3] == [
        "low",
        "high-new",
        "high-old",
    ]


@pytest.mark.parametrize(
    ("text", "position"),
    [("worker.level", 0), ("worker.level DESC,", 18), ("worker.level DESC, years UP", 19)],
)
def test_a_malformed_order_by_says_which_clause(text, position):
    """Each clause needs a key and a direction; the error points at the clause."""
    with pytest.raises(ExpressionError) as caught:
        compile_order_by(text, argument="order_by")
    assert caught.value.position == position
    assert caught.value.expected == "an attribute then ASC or DESC"


def test_a_key_reads_a_value_or_none():
    """``compile_key`` (a known worker's reference): the value, or None when missing."""
    read = compile_key("agent.ids[1]")
    assert read({"agent": {"ids": ["a", "b"]}}) == "b"
    assert read({"agent": {"ids": ["a"]}}) is None
    with pytest.raises(ExpressionError):
        compile_key("agent ids")


def test_the_evaluator_needs_only_the_standard_library():
    """The module (and the errors it raises) import nothing outside the standard library, so
    `check_expression()` can stay cheap to import."""
    package = Path(tr.__file__).parent
    for name in ("_expressions.py", "_errors.py"):
        tree = ast.parse((package / name).read_text())
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
        }
        assert imported <= set(sys.stdlib_module_names) - {"asyncio"}, name
