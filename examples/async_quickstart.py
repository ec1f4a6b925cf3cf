"""Create a burst of Tasks concurrently with AsyncClient, then read them back with `async for`.

    python examples/async_quickstart.py

Reads the same environment as quickstart.py.
"""

from __future__ import annotations

import asyncio
import os

from taskrouter_client import AsyncClient

BURST = 20
CONCURRENCY = 5


async def main() -> None:
    workspace_sid = os.environ["TASKROUTER_WORKSPACE_SID"]
    workflow_sid = os.environ["TASKROUTER_WORKFLOW_SID"]

    async with AsyncClient() as client:
        tasks = client.workspaces(workspace_sid).tasks
        gate = asyncio.Semaphore(CONCURRENCY)

        async def create(ticket: int) -> str:
            async with gate:
                task = await tasks.create(
                    attributes={"type": "chat", "ticket": ticket}, workflow_sid=workflow_sid
                )
                return task.sid

        created = await asyncio.gather(*(create(n) for n in range(BURST)))
        print(f"created {len(created)} tasks, {CONCURRENCY} at a time")

        pending = [task.sid async for task in tasks.list(assignment_status="pending", limit=BURST)]
        print(f"listed {len(pending)} pending tasks")

        for sid in created:
            await tasks(sid).update(
                assignment_status="canceled", reason="async quickstart finished"
            )
        print(f"canceled {len(created)} tasks")


if __name__ == "__main__":
    asyncio.run(main())
