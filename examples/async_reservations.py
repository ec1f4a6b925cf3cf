"""Answer every pending Reservation of a Task's candidates at once, with AsyncClient.

    python examples/async_reservations.py

A supervisor's view of one Task: its Reservations are read through the Task, the first
pending one is accepted with a conference, the others are rejected, all concurrently.
Reads TWILIO_* credentials, TASKROUTER_WORKSPACE_SID and TASKROUTER_TASK_SID; optionally
TASKROUTER_CALLER_ID.
"""

from __future__ import annotations

import asyncio
import os

from taskrouter_client import AsyncClient, Reservation

CALLER_ID = os.environ.get("TASKROUTER_CALLER_ID", "+15005550006")


async def main() -> None:
    async with AsyncClient() as client:
        task = client.workspaces(os.environ["TASKROUTER_WORKSPACE_SID"]).tasks(
            os.environ["TASKROUTER_TASK_SID"]
        )
        pending = [r async for r in task.reservations.list(reservation_status="pending")]
        if not pending:
            print("no pending reservations")
            return
        chosen, others = pending[0], pending[1:]

        async def conference(reservation: Reservation) -> str:
            await task.reservations(reservation.sid).conference(
                from_=CALLER_ID, end_conference_on_customer_exit=True
            )
            return f"{reservation.sid}: conference with {reservation.worker_name}"

        async def reject(reservation: Reservation) -> str:
            await task.reservations(reservation.sid).reject()
            return f"{reservation.sid}: rejected"

        for line in await asyncio.gather(conference(chosen), *(reject(r) for r in others)):
            print(line)


if __name__ == "__main__":
    asyncio.run(main())
