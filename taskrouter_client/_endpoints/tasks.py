"""Tasks: how an update is recognised in the Task read back."""

from __future__ import annotations

import json
from collections.abc import Mapping

from .._models import Task
from .._params import json_object, timestamp


def holds(task: Task, update: Mapping[str, object]) -> bool:
    """Whether ``task`` already carries every value ``update`` (UpdateTask keywords) sets.

    Reading a write back: after an update whose answer was lost, the Task read shows whether
    it took effect (see :class:`ReadBack`).
    """
    for keyword, wanted in update.items():
        if wanted is None or keyword == "if_match":
            continue
        if keyword == "attributes":
            same = json.loads(json_object(keyword, wanted)[0]) == task.parsed_attributes
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
