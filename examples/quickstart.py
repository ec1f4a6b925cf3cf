"""The life of one Task: create it, raise its priority safely, find it, cancel it, delete it.

    python examples/quickstart.py

Runs against the built-in emulator unless TWILIO_ACCOUNT_SID is set (see _connect.py).
"""

from __future__ import annotations

from _connect import connect


def main() -> None:
    with connect() as setup:
        tasks = setup.client.workspaces(setup.workspace_sid).tasks

        task = tasks.create(
            attributes={"type": "support", "language": "en", "customer": "ticket-4711"},
            workflow_sid=setup.workflow_sid,
            priority=5,
            timeout=3600,
        )
        print(f"created   {task.sid}: {task.assignment_status}, priority {task.priority}")

        # Update only the version we read: a concurrent change makes this raise
        # PreconditionFailedError instead of being silently overwritten.
        task = tasks(task.sid).update(priority=10, if_match=task.etag)
        print(f"updated   {task.sid}: priority {task.priority} (etag {task.etag})")

        for listed in tasks.list(assignment_status=["pending", "reserved"], limit=5):
            print(f"listed    {listed.sid}: {listed.assignment_status}, priority {listed.priority}")

        task = tasks(task.sid).update(
            assignment_status="canceled", reason="quickstart finished", if_match=task.etag
        )
        print(f"canceled  {task.sid}: {task.reason}")

        tasks(task.sid).delete(if_match=task.etag)
        print(f"deleted   {task.sid}")
        if task.http is not None:
            print(f"rate limit remaining: {task.http.rate_limit.remaining}")


if __name__ == "__main__":
    main()
