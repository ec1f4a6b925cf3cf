"""A contact-center wallboard: every TaskQueue's statistics, refreshed every few seconds.

    python examples/wallboard.py                      # 5 rounds on the emulator; see below
    python examples/wallboard.py --rounds 3 --interval 2

Each round reads the statistics of all TaskQueues (one request per 50 queues) and how many
Workers are in each Activity, concurrently, with AsyncClient.

On Twilio (TWILIO_ACCOUNT_SID set) it refreshes every 5 seconds until Ctrl-C or
``--rounds``. Without credentials it runs against the built-in emulator, where _traffic.py
plays half a minute of a small contact centre before each round (calls arriving, routed,
answered, abandoned), for 5 rounds a second apart.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from datetime import datetime, timezone

from _connect import connect_async
from _traffic import Traffic

from taskrouter_client import TaskQueuesStatistics, WorkersRealTimeStatistics

INTERVAL = 5.0  # seconds between rounds on Twilio
DEMO_ROUNDS, DEMO_INTERVAL = 5, 1.0  # on the emulator


def waiting(queue: TaskQueuesStatistics) -> int:
    """Tasks not yet with a Worker: pending, or reserved but not accepted."""
    by_status = queue.realtime.tasks_by_status if queue.realtime else None
    return sum((by_status or {}).get(status, 0) for status in ("pending", "reserved"))


def board(
    now: datetime,
    names: dict[str, str],
    queues: list[TaskQueuesStatistics],
    workers: WorkersRealTimeStatistics,
) -> str:
    """One screen of the wallboard."""
    lines = [
        f"-- {now:%H:%M:%S} UTC " + "-" * 55,
        f"{'queue':<24}{'waiting':>8}{'longest':>9}{'agents':>8}{'answered':>10}{'abandoned':>11}",
    ]
    for queue in queues:
        realtime, cumulative = queue.realtime, queue.cumulative
        name = names.get(queue.task_queue_sid or "", queue.task_queue_sid or "?")
        lines.append(
            f"{name[:23]:<24}{waiting(queue):>8}"
            f"{realtime.longest_task_waiting_age if realtime else 0:>8}s"
            f"{realtime.total_available_workers if realtime else 0:>8}"
            f"{cumulative.reservations_accepted if cumulative else 0:>10}"
            f"{cumulative.tasks_canceled if cumulative else 0:>11}"
        )
    activities = ", ".join(
        f"{a.friendly_name} {a.workers}" for a in workers.activity_statistics or ()
    )
    lines.append(f"workers: {workers.total_workers} ({activities})")
    return "\n".join(lines)


async def main(rounds: int | None, interval: float | None) -> None:
    async with connect_async() as setup:
        ws = setup.client.workspaces(setup.workspace_sid)
        traffic = Traffic(setup.fake, ws) if setup.fake else None
        if traffic is not None:
            await traffic.start()
            rounds = DEMO_ROUNDS if rounds is None else rounds
            print(f"{rounds} rounds, each after half a minute of calls (--rounds for more)")
        interval = (DEMO_INTERVAL if traffic else INTERVAL) if interval is None else interval
        if rounds is None:
            print(f"refreshing every {interval:g} s until Ctrl-C (--rounds N stops after N)")
        clock = setup.fake.now if setup.fake else lambda: datetime.now(timezone.utc)
        names = {
            queue.sid: queue.friendly_name or queue.sid async for queue in ws.task_queues.list()
        }
        done = 0
        while rounds is None or done < rounds:
            if done:
                await asyncio.sleep(interval)
            if traffic is not None:
                await traffic.step()
            queues, workers = await asyncio.gather(
                ws.task_queues.statistics.list(minutes=60, page_size=50).to_list(),
                ws.workers.real_time_statistics.fetch(),
            )
            print(board(clock(), names, queues, workers), flush=True)
            done += 1


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="TaskQueue statistics, every few seconds.")
    parser.add_argument(
        "--rounds",
        type=int,
        help=f"stop after this many (default: {DEMO_ROUNDS} on the emulator; "
        "on Twilio, none: run until Ctrl-C)",
    )
    parser.add_argument(
        "--interval",
        type=float,
        help=f"seconds between rounds (default: {DEMO_INTERVAL:g} on the emulator, "
        f"{INTERVAL:g} on Twilio)",
    )
    return parser.parse_args()


if __name__ == "__main__":
    options = arguments()
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C ends the wallboard
        asyncio.run(main(options.rounds, options.interval))
