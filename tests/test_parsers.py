"""The generated parsers, on every kind of field a model may declare (not only Task's).

The models generated for the rest of the API follow the same conventions: these tests build
a model with each kind of field and check parsing, errors and the JSON form on it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

import attrs
import pytest

from taskrouter_client import Model, Task, TaskStatus
from taskrouter_client._frozen import EMPTY, FrozenDict, JSONObject
from taskrouter_client._models import _sdk_fields_last
from taskrouter_client._parsers import parser
from taskrouter_client._serialization import (
    StructureError,
    converter,
    fromisoformat_with_z,
    structure_model,
)
from tests.conftest import task_body


@attrs.frozen(kw_only=True, field_transformer=_sdk_fields_last)
class Queue(Model):
    """A model with one field of each kind the conventions allow."""

    sid: str
    label: str | None  # required, though it may be null
    size: int = 3
    status: TaskStatus | None = None
    statistics: Any = None
    activity: Sequence[JSONObject] = ()
    sizes: Sequence[int] | None = None
    names: Mapping[str, str] | None = None
    config: JSONObject = EMPTY
    task: Task | None = None
    window: tuple[int, int] | None = None  # no hook of ours: cattrs' own, with ours for int
    times: Sequence[datetime] = ()  # the hooks cattrs uses inside arrays, for each kind
    statuses: Sequence[TaskStatus] = ()
    maybe: Sequence[int | None] = ()


def queue(**changes: Any) -> Queue:
    body = {"sid": "WQ1", "label": None, **changes}
    return structure_model(Queue, body, etag=None, http=None)


def test_every_kind_of_field_parses_to_read_only_values():
    """Arrays become tuples and objects FrozenDicts at every depth; models nest."""
    parsed = queue(
        size=5,
        status="reserved",
        statistics={"by_priority": [{"p": 1}]},
        activity=[{"name": "Idle", "workers": 2}],
        sizes=[1, 2],
        names={"a": "b"},
        config={"k": [1, {"x": None}]},
        task=task_body(),
        window=[9, 17],
        times=["2014-05-14T16:26:54+02:00", "2014-05-14T24:00:00Z"],
        statuses=["pending", "parked"],
        maybe=[1, None],
    )
    assert parsed.size == 5
    assert parsed.status is TaskStatus.RESERVED
    assert parsed.statistics == {"by_priority": ({"p": 1},)}
    assert type(parsed.statistics) is FrozenDict
    assert parsed.activity == ({"name": "Idle", "workers": 2},)
    assert type(parsed.activity[0]) is FrozenDict
    assert parsed.sizes == (1, 2)
    assert parsed.names == {"a": "b"}
    assert parsed.config["k"][1] == {"x": None}
    assert isinstance(parsed.task, Task)
    assert parsed.task.sid == task_body()["sid"]
    assert parsed.window == (9, 17)
    utc = timezone.utc
    assert parsed.times == (
        datetime(2014, 5, 14, 14, 26, 54, tzinfo=utc),
        datetime(2014, 5, 15, tzinfo=utc),
    )
    assert parsed.statuses == (TaskStatus.PENDING, "parked")
    assert type(parsed.statuses[1]) is TaskStatus
    assert parsed.maybe == (1, None)
    assert queue(config={}).config is EMPTY
    hash(parsed)
    assert Queue.from_dict(parsed.to_dict()) == parsed
    assert parsed.to_dict()["task"] == parsed.task.to_dict()


def test_absent_fields_take_their_defaults_and_nulls_stay_null():
    """A missing field takes the attrs default; null is None where the type allows it."""
    parsed = queue()
    assert (parsed.size, parsed.activity, parsed.config, parsed.task) == (3, (), {}, None)
    assert parsed.label is None
    assert queue(sizes=None, statistics=None).sizes is None


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"label": 5}, "label: expected a string or null, got integer"),
        ({"size": None}, "size: expected an integer, got null"),
        ({"size": 1.5}, "size: expected an integer, got number"),
        ({"status": ["reserved"]}, "status: expected a string or null, got array"),
        ({"activity": {"name": "Idle"}}, "activity: expected a JSON array, got object"),
        ({"activity": [1]}, "activity.0: expected a JSON object, got integer"),
        ({"sizes": [1, "2"]}, "sizes.1: expected an integer, got string"),
        ({"names": {"a": None}}, "names.a: expected a string, got null"),
        ({"task": task_body(priority="1")}, "task.priority: expected an integer, got string"),
        ({"task": "WT1"}, "task: expected a JSON object, got string"),
        ({"window": [9, "x"]}, "window"),
        ({"window": 5}, "window: "),  # cattrs' own failure, whose wording varies by version
        ({"times": [5]}, "times.0: expected an ISO 8601 date-time string, got integer"),
        ({"times": ["soon"]}, "times.0: expected an ISO 8601 date-time string, got another"),
        ({"times": ["0001-01-01T00:00:00+01:00"]}, "times.0: expected an ISO 8601 date-time"),
        ({"statuses": [None]}, "statuses.0: expected a string, got null"),
        ({"maybe": [True]}, "maybe.0: expected an integer, got boolean"),
    ],
)
def test_a_wrong_value_is_named_by_its_path(changes, problem):
    """The error says which field (and which item inside it) was wrong, and how."""
    with pytest.raises(StructureError) as caught:
        queue(**changes)
    assert problem in str(caught.value)


def test_a_required_field_that_is_absent_is_named():
    """Required means present: null is a value, absence is not."""
    with pytest.raises(StructureError, match="label: required, but missing"):
        structure_model(Queue, {"sid": "WQ1"}, etag=None, http=None)


def test_the_converter_structures_models_with_the_same_parser():
    """converter().structure(data, Model) gives what the parser gives, for nested use too."""
    body = {"sid": "WQ1", "label": "x", "sizes": [1]}
    assert converter().structure(body, Queue) == structure_model(Queue, body, etag=None, http=None)
    assert parser(Queue) is parser(Queue)  # made once


def test_a_model_whose_init_does_more_is_refused_when_its_parser_is_made():
    """Parsing skips __init__, so a model relying on it cannot be parsed silently wrong."""

    @attrs.frozen(kw_only=True)
    class Validated(Model):
        sid: str = attrs.field(validator=attrs.validators.min_len(2))

    @attrs.frozen(kw_only=True)
    class PostInit(Model):
        sid: str

        def __attrs_post_init__(self) -> None:
            pass

    @attrs.frozen(kw_only=True)
    class Factory(Model):
        tags: Sequence[str] = attrs.field(factory=tuple)

    for model, problem in [
        (Validated, "validators"),
        (PostInit, "__attrs_post_init__"),
        (Factory, "constant defaults"),
    ]:
        with pytest.raises(TypeError, match=problem):
            parser(model)
    with pytest.raises(TypeError, match="not a Model"):
        parser(dict)


def test_a_parsed_model_is_exactly_of_its_class():
    """Parsing fills a private subclass, then hands out a plain instance of the model."""
    parsed = queue(task=task_body())
    assert type(parsed) is Queue
    assert type(parsed.task) is Task
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        parsed.sid = "WQ2"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del parsed.sid


def test_a_model_without_slots_parses_too():
    """Dict-based attrs classes work the same way (models are slotted by convention)."""

    @attrs.frozen(kw_only=True, slots=False)
    class Unslotted(Model):
        sid: str

    parsed = structure_model(Unslotted, {"sid": "x", "y": 1}, etag=None, http=None)
    assert type(parsed) is Unslotted
    assert (parsed.sid, parsed.extra_fields) == ("x", {"y": 1})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014-05-14T14:26:54Z", datetime(2014, 5, 14, 14, 26, 54, tzinfo=timezone.utc)),
        ("2014-05-14T14:26:54z", datetime(2014, 5, 14, 14, 26, 54, tzinfo=timezone.utc)),
        ("2014-05-14T14:26:54", datetime(2014, 5, 14, 14, 26, 54)),  # noqa: DTZ001  # naive in
    ],
)
def test_python_3_10_reads_the_z_suffix_too(text, expected):
    """Python 3.10's fromisoformat lacks "Z"; the SDK's wrapper for it reads it."""
    assert fromisoformat_with_z(text) == expected
