"""TaskRouter's expression language, as the emulator evaluates EvaluateTaskAttributes."""

from __future__ import annotations

import pytest

from taskrouter_client.testing._expressions import ExpressionError, compile_expression

ATTRIBUTES = {
    "type": "support",
    "priority": 5,
    "rating": 4.5,
    "vip": True,
    "skills": ["english", "french"],
    "customer": {"tier": "gold", "tags": ["vip", "churn-risk"], "email": "ada@example.com"},
    "empty": None,
}

TABLE = [
    # equality, both spellings, strings in either quotes, constants on either side
    ('type == "support"', True),
    ("type = 'support'", True),
    ('"support" == type', True),
    ('type != "sales"', True),
    ('type == "Support"', False),
    ("1 == 1", True),
    ("0 != 1", True),
    ('"apple" != "orange"', True),
    # numbers and ordering
    ("priority > 3", True),
    ("priority < 5", False),
    ("priority >= 5", True),
    ("priority <= 4", False),
    ("rating >= 4.5", True),
    ("rating > 4.49", True),
    ("priority == 5.0", True),
    ('type > "suppor"', True),
    ('priority > "3"', False),
    # booleans are not numbers
    ("vip == true", True),
    ("vip == 1", False),
    ("vip != false", True),
    # arrays: HAS / >-, IN / <-, NOT IN, CONTAINS
    ('skills HAS "french"', True),
    ("skills >- 'german'", False),
    ('type IN ["sales", "support"]', True),
    ('type <- ["sales"]', False),
    ('type NOT IN ["sales", "billing"]', True),
    ('type not in ["support"]', False),
    ('skills IN ["french", "spanish"]', True),
    ('customer.email CONTAINS "@example"', True),
    ('customer.tags CONTAINS "churn"', True),
    ('type CONTAINS "x"', False),
    # nested keys and array indices
    ('customer.tier == "gold"', True),
    ('customer.tags[1] == "churn-risk"', True),
    ('customer.tags[5] == "x"', False),
    ("customer.tier.deeper == 1", False),
    # NULL: missing keys and JSON null compare false, whatever the operator
    ("missing == 1", False),
    ("missing != 1", False),
    ('missing NOT IN ["x"]', False),
    ("empty == empty", False),
    # AND, OR, parentheses, precedence (AND binds tighter), case-insensitive keywords
    ('type == "support" AND priority > 3', True),
    ('type == "sales" OR priority > 3', True),
    ('type == "sales" OR priority > 3 AND vip == false', False),
    ('(type == "sales" OR priority > 3) AND vip == true', True),
    ('((customer.tier == "gold"))', True),
    ('type == "support" and vip == true or 1 == 0', True),
    ("skills HAS 'english' AND skills HAS 'french' AND rating < 5", True),
    ('customer.tier IN ["gold", "platinum"] AND NOT_A_KEY == 1', False),
    ("priority IN [1, 5, 9]", True),
    ("[] == []", True),
    ('type == "say \\"hi\\""', False),
]


@pytest.mark.parametrize(("expression", "expected"), TABLE, ids=[e for e, _ in TABLE])
def test_expression_table(expression, expected):
    """Each expression matches the attributes exactly when the table says."""
    assert compile_expression(expression)(ATTRIBUTES) is expected


MALFORMED = [
    "",
    "type ==",
    '== "support"',
    'type "support"',
    'type == "support" AND',
    'OR type == "support"',
    '(type == "support"',
    'type == "support")',
    "type ~ 1",
    "type NOT 1",
    "type IN [1, 2",
    "type IN [1 2]",
    'type == "unterminated',
    "type == AND",
    "priority >",
    "a.b- == 1",
]


@pytest.mark.parametrize("expression", MALFORMED)
def test_malformed_expressions_are_refused_with_a_position(expression):
    """A syntax error raises ExpressionError saying what was expected and where."""
    with pytest.raises(ExpressionError, match=r" at \d+"):
        compile_expression(expression)
