"""The table of operations: each TaskRouter operation described once, as data."""

from __future__ import annotations

from typing import Any

from .._operation import Operation
from . import reservations, tasks

OPERATIONS: tuple[Operation[Any], ...] = (
    tasks.CREATE_TASK,
    tasks.LIST_TASKS,
    tasks.FETCH_TASK,
    tasks.UPDATE_TASK,
    tasks.DELETE_TASK,
    reservations.LIST_TASK_RESERVATIONS,
    reservations.FETCH_TASK_RESERVATION,
    reservations.UPDATE_TASK_RESERVATION,
    reservations.LIST_WORKER_RESERVATIONS,
    reservations.FETCH_WORKER_RESERVATION,
    reservations.UPDATE_WORKER_RESERVATION,
)
"""Every operation the SDK offers, for the spec-conformance tests."""
