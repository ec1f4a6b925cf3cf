"""Walk a long list page by page, and resume later from a saved page token.

    python examples/pagination.py

Runs against the built-in emulator unless TWILIO_ACCOUNT_SID is set (the emulator is first
given 130 Tasks to list).
"""

from __future__ import annotations

from _connect import connect


def main() -> None:
    with connect() as setup:
        tasks = setup.client.workspaces(setup.workspace_sid).tasks
        if setup.fake is not None:  # demo data for the emulator's empty Workspace
            for n in range(130):
                tasks.create(attributes={"type": "backlog", "n": n}, priority=n % 7)

        # Items, lazily: at most 120 Tasks, and only the requests they need.
        urgent = [t.sid for t in tasks.list(ordering="Priority:desc", page_size=50, limit=120)]
        print(f"read {len(urgent)} tasks by priority")

        # Whole pages, keeping the token to come back to where we stopped.
        token = None
        for page in tasks.list(assignment_status="pending", page_size=50).pages():
            print(f"page of {len(page.items)} (requests left: {page.http.rate_limit.remaining})")
            token = page.next_page_token
            break
        if token is not None:
            later = tasks.list(assignment_status="pending", page_size=50, page_token=token)
            print(f"resumed: {sum(1 for _ in later)} more pending tasks")


if __name__ == "__main__":
    main()
