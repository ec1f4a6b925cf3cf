"""Workers: how an update is recognised in the Worker read back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .common import shows_update

if TYPE_CHECKING:  # the generated module imports this one
    from .._generated.workers import Worker


def holds_worker(worker: Worker, update: Mapping[str, object]) -> bool:
    """Whether ``worker`` already shows every value ``update`` (UpdateWorker keywords) sets.

    ``reject_pending_reservations`` acts rather than sets, and leaves nothing to compare;
    attributes that are not a JSON object do not hold what was sent.
    """
    return shows_update(worker, update, ignored=("if_match", "reject_pending_reservations"))
