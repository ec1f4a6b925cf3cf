"""Work several Workers' inboxes at once with AsyncClient.

Each pending Reservation is answered with a conference, all concurrently.

    python examples/async_reservations.py

Runs against the built-in emulator unless TWILIO_ACCOUNT_SID is set (then it needs
TASKROUTER_WORKER_SIDS, comma-separated). Optional: TASKROUTER_CALLER_ID.
"""

from __future__ import annotations

import asyncio
import os

from _connect import Setup, connect_async

from taskrouter_client import AsyncClient, AsyncWorkspaceContext
from taskrouter_client.testing import FakeTaskRouter

CALLER_ID = os.environ.get("TASKROUTER_CALLER_ID", "+15005550006")


async def inbox(workspace: AsyncWorkspaceContext, worker_sid: str) -> list[str]:
    """Conference every pending Reservation of one Worker; say what was done."""
    reservations = workspace.workers(worker_sid).reservations
    done = []
    async for pending in reservations.list(reservation_status="pending"):
        answered = await reservations(pending.sid).conference(
            from_=CALLER_ID, end_conference_on_customer_exit=True
        )
        done.append(f"{pending.worker_name}: {pending.sid} {answered.reservation_status}")
    return done


async def route_some_tasks(setup: Setup[AsyncClient], fake: FakeTaskRouter) -> None:
    """Emulator only: three more Workers, one reserved Task each, as Twilio's routing would."""
    tasks = setup.client.workspaces(setup.workspace_sid).tasks
    setup.worker_sids += [fake.add_worker(name) for name in ("Bob", "Chen", "Dara")]
    for worker_sid in setup.worker_sids:
        task = await tasks.create(attributes={"type": "voice"})
        fake.reserve(task.sid, worker_sid)


async def main() -> None:
    async with connect_async() as setup:
        if setup.fake is not None:
            await route_some_tasks(setup, setup.fake)
        workspace = setup.client.workspaces(setup.workspace_sid)
        inboxes = await asyncio.gather(*(inbox(workspace, sid) for sid in setup.worker_sids))
        for line in (line for lines in inboxes for line in lines):
            print(line)


if __name__ == "__main__":
    asyncio.run(main())
