"""Answer a Worker's pending Reservations, each with the flow its Task calls for.

    python examples/reservations.py

Reads TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN (or an API key), TASKROUTER_WORKSPACE_SID and
TASKROUTER_WORKER_SID; optionally TASKROUTER_CALLER_ID (the number Workers are called from),
TASKROUTER_TWIML_URL (TwiML for call and redirect) and TASKROUTER_OFFLINE_ACTIVITY_SID (where
a rejecting Worker goes).
"""

from __future__ import annotations

import os

from taskrouter_client import Client, Task, WorkerReservationContext

CALLER_ID = os.environ.get("TASKROUTER_CALLER_ID", "+15005550006")
TWIML_URL = os.environ.get("TASKROUTER_TWIML_URL", "https://example.com/agent.xml")
OFFLINE = os.environ.get("TASKROUTER_OFFLINE_ACTIVITY_SID")


def answer(reservation: WorkerReservationContext, task: Task) -> str:
    """Pick the flow from the Task's attributes; return what was done."""
    attributes = task.parsed_attributes or {}
    kind = attributes.get("type")
    if kind == "chat":
        reservation.accept()
        return "accepted"
    if kind == "voice":
        # Bridge the caller waiting in the queue to the Worker.
        reservation.dequeue(dequeue_from=CALLER_ID, dequeue_status_callback_event=["completed"])
        return "dequeued"
    if kind == "callback":
        # Call the Worker first; the TwiML at call_url then dials the customer.
        reservation.call(call_from=CALLER_ID, call_url=TWIML_URL, call_accept=True)
        return "called"
    if kind == "transfer":
        # Send a call parked elsewhere to new TwiML.
        reservation.redirect(
            redirect_call_sid=attributes["call_sid"], redirect_url=TWIML_URL, redirect_accept=True
        )
        return "redirected"
    if kind == "conference":
        reservation.conference(
            from_=CALLER_ID,
            status_callback_event=["answered", "completed"],
            end_conference_on_customer_exit=True,
        )
        return "conferenced"
    reservation.reject(worker_activity_sid=OFFLINE)
    return "rejected"


def main() -> None:
    with Client() as client:
        workspace = client.workspaces(os.environ["TASKROUTER_WORKSPACE_SID"])
        worker = workspace.workers(os.environ["TASKROUTER_WORKER_SID"])
        for pending in worker.reservations.list(reservation_status="pending"):
            if pending.task_sid is None:
                continue
            task = workspace.tasks(pending.task_sid).fetch()
            done = answer(worker.reservations(pending.sid), task)
            print(f"{pending.sid} for {task.sid}: {done}")


if __name__ == "__main__":
    main()
