"""Answer a Worker's pending Reservations, each with the flow its Task calls for.

    python examples/reservations.py

Runs against the built-in emulator unless TWILIO_ACCOUNT_SID is set (then it needs
TASKROUTER_WORKER_SID too). Optional: TASKROUTER_CALLER_ID (the number Workers are called
from), TASKROUTER_TWIML_URL (TwiML for call and redirect), TASKROUTER_OFFLINE_ACTIVITY_SID
(where a rejecting Worker goes).
"""

from __future__ import annotations

import os

from _connect import Setup, connect

from taskrouter_client import Client, Task, WorkerReservationContext
from taskrouter_client.testing import FakeTaskRouter

CALLER_ID = os.environ.get("TASKROUTER_CALLER_ID", "+15005550006")
TWIML_URL = os.environ.get("TASKROUTER_TWIML_URL", "https://example.com/agent.xml")
OFFLINE = os.environ.get("TASKROUTER_OFFLINE_ACTIVITY_SID")
KINDS = ["chat", "voice", "callback", "transfer", "conference", "fax"]


def answer(reservation: WorkerReservationContext, task: Task) -> str:
    """Pick the flow from the Task's attributes; return what was done."""
    attributes = task.parsed_attributes
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


def route_some_tasks(setup: Setup[Client], fake: FakeTaskRouter) -> None:
    """Emulator only: create a Task of each kind and reserve it, as Twilio's routing would."""
    tasks = setup.client.workspaces(setup.workspace_sid).tasks
    for kind in KINDS:
        task = tasks.create(attributes={"type": kind, "call_sid": "CA" + "0" * 32})
        fake.reserve(task.sid, setup.worker_sids[0])


def main() -> None:
    with connect() as setup:
        if setup.fake is not None:
            route_some_tasks(setup, setup.fake)
        workspace = setup.client.workspaces(setup.workspace_sid)
        worker = workspace.workers(setup.worker_sids[0])
        for pending in worker.reservations.list(reservation_status="pending"):
            if pending.task_sid is None:
                continue
            task = workspace.tasks(pending.task_sid).fetch()
            done = answer(worker.reservations(pending.sid), task)
            print(f"{pending.sid} for {task.sid}: {done}")


if __name__ == "__main__":
    main()
