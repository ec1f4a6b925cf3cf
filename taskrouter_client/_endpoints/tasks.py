"""Tasks: how an update is recognised in the Task read back."""

from __future__ import annotations

from collections.abc import Mapping

from .._models import Task
from .._params import timestamp
from .common import same_attributes


def holds(task: Task, update: Mapping[str, object]) -> bool:
    """Whether ``task`` already carries every value ``update`` (UpdateTask keywords) sets.

    Reading a write back: after an update whose answer was lost, the Task read shows whether
    it took effect (see :class:`ReadBack`). Attributes the server sent that are not a JSON
    object (or are nested too deeply to read) do not hold what was sent.
    """
    for keyword, wanted in update.items():
        if wanted is None or keyword == "if_match":
            continue
        if keyword == "attributes":
            same = same_attributes(lambda: task.parsed_attributes, wanted)
        elif keyword == "task_channel":
            same = wanted in {task.task_channel_unique_name, task.task_channel_sid}
        elif keyword == "virtual_start_time":
            same = task.virtual_start_time is not None and timestamp()(
                keyword, wanted
            ) == timestamp()(keyword, task.virtual_start_time)
        else:
            same = getattr(task, keyword) == wanted
        if not same:
            return False
    return True
