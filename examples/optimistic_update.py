"""Change a Task without losing someone else's change: read, decide, write with If-Match.

    python examples/optimistic_update.py WT0123...

If another process updates the Task between our read and our write, Twilio answers 412 and
we read again and decide again, a bounded number of times.
"""

from __future__ import annotations

import os
import sys

from taskrouter_client import Client, PreconditionFailedError, Task, TaskContext

ATTEMPTS = 3


def escalate(task: TaskContext) -> Task:
    """Raise the Task's priority by 10 and mark it escalated, whatever else changes meanwhile."""
    for _ in range(ATTEMPTS):
        current = task.fetch()
        attributes = current.parsed_attributes or {}
        attributes["escalated"] = True
        try:
            return task.update(
                priority=current.priority + 10, attributes=attributes, if_match=current.etag
            )
        except PreconditionFailedError:
            print(f"{task.sid} changed under us (etag {current.etag}); reading it again")
    msg = f"{task.sid} kept changing; gave up after {ATTEMPTS} attempts"
    raise RuntimeError(msg)


def main() -> None:
    with Client() as client:
        task = escalate(
            client.workspaces(os.environ["TASKROUTER_WORKSPACE_SID"]).tasks(sys.argv[1])
        )
        print(f"escalated {task.sid}: priority {task.priority}, etag {task.etag}")


if __name__ == "__main__":
    main()
