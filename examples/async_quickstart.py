"""Create a burst of Tasks concurrently with AsyncClient, then read them back with `async for`.

    python examples/async_quickstart.py

Runs against the built-in emulator unless TWILIO_ACCOUNT_SID is set (see _connect.py).
"""

from __future__ import annotations

import asyncio

from _connect import connect_async

BURST = 20
CONCURRENCY = 5


async def main() -> None:
    async with connect_async() as setup:
        tasks = setup.client.workspaces(setup.workspace_sid).tasks
        gate = asyncio.Semaphore(CONCURRENCY)

        async def create(ticket: int) -> str:
            async with gate:
                task = await tasks.create(
                    attributes={"type": "chat", "ticket": ticket}, workflow_sid=setup.workflow_sid
                )
                return task.sid

        created = await asyncio.gather(*(create(n) for n in range(BURST)))
        print(f"created {len(created)} tasks, {CONCURRENCY} at a time")

        pending = [task.sid async for task in tasks.list(assignment_status="pending", limit=BURST)]
        print(f"listed {len(pending)} pending tasks")

        async def cancel(sid: str) -> None:
            async with gate:
                await tasks(sid).update(assignment_status="canceled", reason="demo done")

        await asyncio.gather(*(cancel(sid) for sid in created))
        print(f"canceled {len(created)} tasks")


if __name__ == "__main__":
    asyncio.run(main())
