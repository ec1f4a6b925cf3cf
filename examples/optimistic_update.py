"""Change a Task without losing someone else's change: read, decide, write with If-Match.

    python examples/optimistic_update.py

`modify` reads the Task, asks our function what to change, and updates only the version it
read. Here a rival writer changes the Task between our first read and our write, as another
process could: Twilio answers 412, and `modify` reads again and asks again. The example
creates the Task it works on. Runs against the built-in emulator unless TWILIO_ACCOUNT_SID is set.
"""

from __future__ import annotations

from _connect import connect

from taskrouter_client import Task, TaskContext, UpdateTaskParams


def escalate_with_a_rival(task: TaskContext) -> Task:
    """Raise the Task's priority by 10 and mark it escalated, whatever else changes meanwhile."""
    rival_writes = [5]  # the priority another writer sets, once, right after our first read

    def escalate(current: Task) -> UpdateTaskParams:
        print(f"deciding on version {current.etag}: priority {current.priority}")
        if rival_writes:
            task.update(priority=rival_writes.pop())
            print("  (meanwhile a rival writer sets the priority to 5)")
        attributes = {**current.parsed_attributes, "escalated": True}
        return {"priority": current.priority + 10, "attributes": attributes}

    return task.modify(escalate, attempts=3)


def main() -> None:
    with connect() as setup:
        tasks = setup.client.workspaces(setup.workspace_sid).tasks
        created = tasks.create(attributes={"type": "support"}, workflow_sid=setup.workflow_sid)
        task = escalate_with_a_rival(tasks(created.sid))
        print(f"escalated {task.sid}: priority {task.priority}, etag {task.etag}")


if __name__ == "__main__":
    main()
