"""The parts of statistics that the spec leaves untyped, typed from Twilio's documentation.

Twilio's statistics pages (Workspace, TaskQueue, Worker and Workflow statistics) and the
spec's own response examples show these objects; the spec's schemas say only "nullable".
They are parts of a statistics model, never returned alone: like every model they keep
fields Twilio adds later in ``extra_fields``, and their ``etag`` and ``http`` stay None.
"""

from __future__ import annotations

import attrs

from ._models import Model, _sdk_fields_last

__all__ = [
    "ActivityDuration",
    "ActivityStatistic",
    "Durations",
    "WaitTimeCounts",
    "WaitTimeSplit",
]


@attrs.frozen(kw_only=True, field_transformer=_sdk_fields_last)
class ActivityStatistic(Model):
    """How many Workers are in one Activity now (an item of ``activity_statistics``).

    .. versionadded:: 0.2.0
    """

    sid: str | None = None
    """The Activity's SID."""
    friendly_name: str | None = None
    """The Activity's name."""
    workers: int = 0
    """How many Workers are in it."""


@attrs.frozen(kw_only=True, field_transformer=_sdk_fields_last)
class Durations(Model):
    """Durations in seconds: their average, the shortest, the longest and their total.

    How long Tasks waited (``wait_duration_until_accepted`` and the like).

    .. versionadded:: 0.2.0
    """

    avg: float = 0.0
    """The average."""
    min: int = 0
    """The shortest."""
    max: int = 0
    """The longest."""
    total: int = 0
    """All of them added up."""


@attrs.frozen(kw_only=True, field_transformer=_sdk_fields_last)
class ActivityDuration(Durations):
    """Time Workers spent in one Activity over the period (an item of ``activity_durations``).

    .. versionadded:: 0.2.0
    """

    sid: str | None = None
    """The Activity's SID."""
    friendly_name: str | None = None
    """The Activity's name."""


@attrs.frozen(kw_only=True, field_transformer=_sdk_fields_last)
class WaitTimeCounts(Model):
    """What happened on one side of a wait-time threshold.

    .. versionadded:: 0.2.0
    """

    tasks_canceled: int = 0
    """Tasks canceled."""
    reservations_accepted: int = 0
    """Reservations accepted."""


@attrs.frozen(kw_only=True, field_transformer=_sdk_fields_last)
class WaitTimeSplit(Model):
    """Counts below and above one ``split_by_wait_time`` threshold (keyed by its seconds).

    .. versionadded:: 0.2.0
    """

    below: WaitTimeCounts | None = None
    """Tasks that waited less than the threshold."""
    above: WaitTimeCounts | None = None
    """Tasks that waited longer than the threshold."""
