"""Switch a Worker to another Activity (Available, Offline, Break...), and show its channels.

    python examples/worker_activity.py Offline
    python examples/worker_activity.py Available --worker WK...

Setting an Activity sets a value whatever it was before, so the SDK may safely send it again
after a lost answer; the update carries the ETag read, so it never overwrites a change made
in between. Going to an Activity that is not available rejects the Worker's pending
Reservations; going to an available one gets the Worker offered waiting Tasks.

Runs against Twilio when TWILIO_ACCOUNT_SID is set (TASKROUTER_WORKER_SID names the Worker),
else against the built-in emulator (see _connect.py), where a call is waiting: its Worker,
Alice, starts Offline.
"""

from __future__ import annotations

import argparse

from _connect import connect


def main(activity_name: str, worker_sid: str | None) -> int:
    with connect() as setup:
        ws = setup.client.workspaces(setup.workspace_sid)
        if setup.fake is not None:  # on the emulator, a call waits for someone to come online
            ws.tasks.create(workflow_sid=setup.workflow_sid, attributes={"type": "call"})
        worker = ws.workers(worker_sid or setup.worker_sids[0]).fetch()
        print(f"{worker.friendly_name}: {worker.activity_name} (available: {worker.available})")

        activity = next(iter(ws.activities.list(friendly_name=activity_name, limit=1)), None)
        if activity is None:
            names = ", ".join(a.friendly_name or a.sid for a in ws.activities.list())
            print(f"no Activity named {activity_name!r}; the Workspace has: {names}")
            return 1

        worker = ws.workers(worker.sid).update(
            activity_sid=activity.sid,
            reject_pending_reservations=True if activity.available is False else None,
            if_match=worker.etag,
        )
        print(f"{worker.friendly_name}: now {activity.friendly_name} ({worker.activity_sid})")

        for channel in ws.workers(worker.sid).channels.list():
            print(
                f"  {channel.task_channel_unique_name}: {channel.assigned_tasks} of "
                f"{channel.configured_capacity} Tasks, available: {channel.available}"
            )
        pending = ws.workers(worker.sid).reservations.list(reservation_status="pending")
        offers = pending.to_list()  # TaskRouter offers waiting Tasks to an available Worker
        for offer in offers:
            print(f"  offered Task {offer.task_sid} (Reservation {offer.sid})")
        if not offers:
            print("  no Task offered")
        return 0


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Move a Worker to another Activity.")
    parser.add_argument("activity", help="the Activity's friendly name, e.g. Available")
    parser.add_argument("--worker", help="the Worker's SID (default: TASKROUTER_WORKER_SID)")
    return parser.parse_args()


if __name__ == "__main__":
    options = arguments()
    raise SystemExit(main(options.activity, options.worker))
