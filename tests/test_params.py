"""The parameter encoders and the request builder, directly (pure functions, no client)."""

from __future__ import annotations

from typing import Annotated, TypedDict

import pytest

from taskrouter_client import InvalidArgumentError, TaskStatus
from taskrouter_client._generated.tasks import FETCH_TASK
from taskrouter_client._http_info import HTTPInfo
from taskrouter_client._params import integer, wire_params
from taskrouter_client._responses import Response, read_page


@pytest.mark.parametrize(
    ("encoder", "value", "message"),
    [
        (integer(0, 10), 11, "expected an integer from 0 to 10, got 11"),
        (integer(minimum=1), 0, "expected an integer of at least 1, got 0"),
        (integer(maximum=5), 6, "expected an integer of at most 5, got 6"),
    ],
)
def test_integer_bounds_are_stated_in_the_error(encoder, value, message):
    """An out-of-range integer error says the accepted range."""
    with pytest.raises(InvalidArgumentError, match=f"^n: {message}$"):
        encoder("n", value)


def test_an_unbounded_integer_accepts_any_int():
    """Without bounds, any int is sent as its decimal text."""
    assert integer()("n", -(10**12)) == ("-1000000000000",)


def test_a_parameter_without_a_wire_declaration_is_a_definition_error():
    """Declaring a TypedDict field without its Wire annotation fails at import time."""

    class Broken(TypedDict, total=False):
        plain: int
        doubled: Annotated[int, "not a wire"]

    with pytest.raises(TypeError, match=r"Broken\.plain needs exactly one Wire annotation"):
        wire_params(Broken)


def test_read_page_refuses_an_operation_that_is_not_a_list():
    """Only list operations have pages."""
    info = HTTPInfo(status=200, method="GET", path="/", headers={}, elapsed=0.0)
    with pytest.raises(TypeError, match="FetchTask is not a list operation"):
        read_page(FETCH_TASK, Response(info, b"{}"))


def test_an_open_enum_refuses_values_that_are_not_strings():
    """Only strings can become unknown members."""
    with pytest.raises(ValueError, match="5 is not a valid TaskStatus"):
        TaskStatus(5)
