"""Change a Task without losing someone else's change: read, decide, write with If-Match.

    python examples/optimistic_update.py [WT...]

If another process updates the Task between our read and our write, Twilio answers 412 and
we read again and decide again, a bounded number of times. Without a Task SID, the example
creates a Task to work on. Runs against the built-in emulator unless TWILIO_ACCOUNT_SID is set.
"""

from __future__ import annotations

import sys

from _connect import connect

from taskrouter_client import PreconditionFailedError, Task, TaskContext

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
    with connect() as setup:
        tasks = setup.client.workspaces(setup.workspace_sid).tasks
        if len(sys.argv) > 1:
            sid = sys.argv[1]
        else:
            sid = tasks.create(attributes={"type": "support"}, workflow_sid=setup.workflow_sid).sid
        task = escalate(tasks(sid))
        print(f"escalated {task.sid}: priority {task.priority}, etag {task.etag}")


if __name__ == "__main__":
    main()
