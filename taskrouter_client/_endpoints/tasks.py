"""Tasks: how an update is recognised in the Task read back."""

from __future__ import annotations

from collections.abc import Mapping

from .._models import Task
from .._params import timestamp
from .common import shows_update


def holds(task: Task, update: Mapping[str, object]) -> bool:
    """Whether ``task`` already carries every value ``update`` (UpdateTask keywords) sets.

    Reading a write back: after an update whose answer was lost, the Task read shows whether
    it took effect (see :class:`ReadBack`). Attributes the server sent that are not a JSON
    object (or are nested too deeply to read) do not hold what was sent.
    """
    return shows_update(task, update, compare=_TASK_FIELDS)


def _same_channel(task: Task, wanted: object) -> bool:
    return wanted in {task.task_channel_unique_name, task.task_channel_sid}


def _same_start(task: Task, wanted: object) -> bool:
    read, keyword = timestamp(), "virtual_start_time"
    start = task.virtual_start_time
    return start is not None and read(keyword, wanted) == read(keyword, start)


_TASK_FIELDS = {"task_channel": _same_channel, "virtual_start_time": _same_start}
"""Keywords whose value is not the field's: a channel by SID or name, a time in any zone."""
