"""The resources TaskRouter returns, as frozen attrs classes.

Fields are named and typed as in the spec's response schemas (datetimes timezone-aware UTC,
enums open to new values, JSON objects read-only mappings and JSON arrays tuples). Three
fields come from us rather than the JSON body:

- ``etag``: the response's ``ETag`` header, to send back as ``if_match``;
- ``http``: the call's :class:`HTTPInfo` (status, headers, rate limits);
- ``extra_fields``: body fields this SDK does not know yet, kept rather than dropped.

Equality and hashing cover what the resource *is* (its JSON fields and ``extra_fields``),
not how it was read (``etag`` and ``http``): a Task from a list equals the same Task
fetched, although only the fetch carries an ETag.

Conventions every model follows by deriving from :class:`Model` (no per-model code):
``@attrs.frozen(kw_only=True, field_transformer=_sdk_fields_last)``; JSON objects annotated
``Mapping[str, X]`` (free-form ones :data:`JSONObject`) and arrays ``Sequence[X]``; enum
fields ``attrs.field(converter=TheEnum)`` so hand-built models accept plain strings. Parsing
never runs ``__init__`` (see ``_parsers``); building by hand, ``attrs.evolve`` and
``from_dict`` freeze any plain dict or list given.

Task attributes are customer data (the spec marks them PII): reprs show their size only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from ._errors import InvalidResponseError
from ._frozen import EMPTY, JSONObject, freeze

# Read at run time: parsers resolve the models' annotations (get_type_hints).
from ._generated.enums import ReservationStatus, TaskStatus
from ._http_info import HTTPInfo

if TYPE_CHECKING:
    from ._compat import Self

__all__ = ["JSONObject", "Model", "Reservation", "Task", "WorkerReservation"]

SDK_FIELDS = frozenset({"etag", "http", "extra_fields"})
"""Model fields filled by the SDK, never read from a response body."""


def _size_only(value: str | None) -> str:
    return "None" if value is None else f"<{len(value)} characters>"


def _json_object(model: Model, name: str, raw: str | None) -> dict[str, Any]:
    """A JSON-text field of ``model`` as a new dict ({} when absent); else InvalidResponseError."""
    if raw is None:
        return {}
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        problem = "is not JSON"
    else:
        if isinstance(parsed, dict):
            return parsed
        problem = f"holds JSON {type(parsed).__name__}, not an object"
    info = model.http
    raise InvalidResponseError(
        status=info.status if info is not None else 200,
        message=f"{type(model).__name__} {getattr(model, 'sid', '')}: {name} {problem}",
        method=info.method if info is not None else "-",
        path=info.path if info is not None else "-",
        http=info,
    )


@attrs.frozen(kw_only=True)
class Model:
    """What every resource model carries besides its JSON fields.

    Models are immutable all the way down and hashable; two models are equal when their
    JSON fields and ``extra_fields`` are, whatever their ``etag`` and ``http``.

    Attributes:
        etag: The response's ``ETag`` header (None for items of a list). Not part of
            equality or the hash.
        http: The HTTP metadata of the call that returned this object. Not part of equality
            or the hash.
        extra_fields: Body fields this SDK does not know yet, as received (read-only:
            JSON objects are mappings, arrays tuples).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Hashable; ``etag`` left out of equality; JSON objects and arrays read-only.
    """

    etag: str | None = attrs.field(default=None, eq=False)
    http: HTTPInfo | None = attrs.field(default=None, eq=False, repr=False)
    extra_fields: JSONObject = attrs.field(default=EMPTY, repr=False)

    def __attrs_post_init__(self) -> None:
        # Runs for models built by hand, by attrs.evolve and by from_dict; parsing sets
        # fields already frozen and does not come here.
        for field in attrs.fields(type(self)):
            value = getattr(self, field.name)
            if type(value) in _PLAIN_CONTAINERS:
                object.__setattr__(self, field.name, freeze(value))

    def to_dict(self) -> dict[str, Any]:
        """The model as Twilio's JSON would hold it: wire names, ISO 8601 datetimes.

        Unknown fields (``extra_fields``) are included; ``etag`` and ``http`` are not. The
        result is plain JSON data (``json.dumps`` takes it) and new on every call.

        .. versionadded:: 0.2.0
        """
        from ._serialization import unstructure_model  # noqa: PLC0415  # it imports this module

        return unstructure_model(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build the model from its JSON form (what :meth:`to_dict` returns, or a body).

        Checked as a response is: unknown fields go to ``extra_fields``.

        Raises:
            InvalidArgumentError: ``data`` lacks a required field or holds a wrong type.

        .. versionadded:: 0.2.0
        """
        from ._serialization import model_from_dict  # noqa: PLC0415  # it imports this module

        return model_from_dict(cls, data)


_PLAIN_CONTAINERS = frozenset({dict, list, tuple})
"""What a hand-built model's fields may hold that __attrs_post_init__ makes read-only."""


def _sdk_fields_last(_cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """Put a model's JSON fields before the SDK fields (in reprs and in order)."""
    return [f for f in fields if f.name not in SDK_FIELDS] + [
        f for f in fields if f.name in SDK_FIELDS
    ]


@attrs.frozen(kw_only=True, field_transformer=_sdk_fields_last)
class Task(Model):
    """A TaskRouter Task (spec schema ``taskrouter.v1.workspace.task``).

    ``attributes`` and ``addons`` are JSON text, as the API sends them;
    :attr:`parsed_attributes` and :attr:`parsed_addons` decode them.

    .. versionadded:: 0.1.0
    """

    sid: str
    account_sid: str | None = None
    age: int = 0
    assignment_status: TaskStatus = attrs.field(converter=TaskStatus)
    attributes: str | None = attrs.field(default=None, repr=_size_only)
    addons: str | None = attrs.field(default=None, repr=_size_only)
    date_created: datetime | None = None
    date_updated: datetime | None = None
    task_queue_entered_date: datetime | None = None
    priority: int = 0
    reason: str | None = None
    task_queue_sid: str | None = None
    task_queue_friendly_name: str | None = None
    task_channel_sid: str | None = None
    task_channel_unique_name: str | None = None
    timeout: int = 0
    workflow_sid: str | None = None
    workflow_friendly_name: str | None = None
    workspace_sid: str | None = None
    url: str | None = None
    links: Mapping[str, str] | None = attrs.field(default=None, repr=False)
    virtual_start_time: datetime | None = None
    ignore_capacity: bool | None = None
    routing_target: str | None = None

    @property
    def parsed_attributes(self) -> dict[str, Any]:
        """``attributes`` decoded from JSON: a new dict each time, ``{}`` if absent.

        Raises:
            InvalidResponseError: The server sent attributes that are not a JSON object
                (its message names the Task, never the content).

        .. versionchanged:: 0.2.0
           ``{}`` rather than None when absent; InvalidResponseError rather than ValueError.
        """
        return _json_object(self, "attributes", self.attributes)

    @property
    def parsed_addons(self) -> dict[str, Any]:
        """``addons`` decoded from JSON: a new dict each time, ``{}`` if absent.

        Raises:
            InvalidResponseError: The server sent addons that are not a JSON object.

        .. versionchanged:: 0.2.0
           ``{}`` rather than None when absent; InvalidResponseError rather than ValueError.
        """
        return _json_object(self, "addons", self.addons)


@attrs.frozen(kw_only=True, field_transformer=_sdk_fields_last)
class Reservation(Model):
    """A Reservation of a Task for a Worker, read through its Task.

    Spec schema ``taskrouter.v1.workspace.task.task_reservation``.

    .. versionadded:: 0.1.0
    """

    sid: str
    account_sid: str | None = None
    date_created: datetime | None = None
    date_updated: datetime | None = None
    reservation_status: ReservationStatus = attrs.field(converter=ReservationStatus)
    task_sid: str | None = None
    worker_name: str | None = None
    worker_sid: str | None = None
    workspace_sid: str | None = None
    url: str | None = None
    links: Mapping[str, str] | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True, field_transformer=_sdk_fields_last)
class WorkerReservation(Reservation):
    """A Reservation read through its Worker.

    Spec schema ``taskrouter.v1.workspace.worker.worker_reservation``. The spec gives it the
    same fields as :class:`Reservation`; the class says which path the object came from (its
    ``url`` is the Worker's reservation URL).

    .. versionadded:: 0.1.0
    """
