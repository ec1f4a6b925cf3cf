"""Workers: how an update is recognised in the Worker read back."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .._params import json_object

if TYPE_CHECKING:  # the generated module imports this one
    from .._generated.workers import Worker


def holds_worker(worker: Worker, update: Mapping[str, object]) -> bool:
    """Whether ``worker`` already shows every value ``update`` (UpdateWorker keywords) sets.

    ``reject_pending_reservations`` acts rather than sets, and leaves nothing to compare.
    """
    for keyword, wanted in update.items():
        if wanted is None or keyword in {"if_match", "reject_pending_reservations"}:
            continue
        if keyword == "attributes":
            same = json.loads(json_object(keyword, wanted)[0]) == worker.parsed_attributes
        else:
            same = getattr(worker, keyword) == wanted
        if not same:
            return False
    return True
