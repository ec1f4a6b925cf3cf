"""Twilio's own helper library against the served emulator: what it sends (its form
encoding, its list parameters, its paging) is understood, and what the emulator answers
is read by it, through a Reservation's whole flow, with its sync and its async client."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client as TwilioClient

from tests.test_emulator_served import served


@pytest.fixture(scope="module")
def emulator() -> Iterator[dict[str, str]]:
    """``python -m taskrouter_client.testing serve``, and the variables it printed."""
    with served() as (_server, environment):
        yield environment


def twilio_client(environment: dict[str, str], **options: object) -> TwilioClient:
    client = TwilioClient(
        environment["TWILIO_ACCOUNT_SID"], environment["TWILIO_AUTH_TOKEN"], **options
    )
    client.taskrouter.base_url = environment["TASKROUTER_BASE_URL"]
    return client


def test_twilio_sync_client_routes_a_task_to_a_worker_who_accepts(emulator):
    """Make the Worker available, create a Task, find its Reservation, accept it, complete
    the Task: every step through Twilio's client, every answer read by it."""
    ws = twilio_client(emulator).taskrouter.v1.workspaces(emulator["TASKROUTER_WORKSPACE_SID"])
    available = ws.activities.list(available="true")
    assert available
    assert all(activity.available for activity in available)
    worker = ws.workers(emulator["TASKROUTER_WORKER_SID"]).update(activity_sid=available[0].sid)
    assert worker.available is True

    task = ws.tasks.create(
        workflow_sid=emulator["TASKROUTER_WORKFLOW_SID"],
        attributes=json.dumps({"type": "support", "from": "twilio-python"}),
        priority=7,
    )
    assert json.loads(task.attributes) == {"type": "support", "from": "twilio-python"}
    assert task.priority == 7

    reservations = ws.tasks(task.sid).reservations.list(reservation_status="pending")
    assert [r.worker_sid for r in reservations] == [emulator["TASKROUTER_WORKER_SID"]]
    accepted = (
        ws.tasks(task.sid).reservations(reservations[0].sid).update(reservation_status="accepted")
    )
    assert accepted.reservation_status == "accepted"
    assert ws.tasks(task.sid).fetch().assignment_status == "assigned"

    listed = ws.tasks.list(assignment_status=["assigned", "wrapping"], page_size=1)
    assert task.sid in [t.sid for t in listed]
    completed = ws.tasks(task.sid).update(assignment_status="completed", reason="resolved")
    assert (completed.assignment_status, completed.reason) == ("completed", "resolved")
    assert ws.tasks(task.sid).delete() is True


def test_twilio_sync_client_pages_through_tasks(emulator):
    """Twilio's paging follows the emulator's next_page_url to the end, page by page."""
    ws = twilio_client(emulator).taskrouter.v1.workspaces(emulator["TASKROUTER_WORKSPACE_SID"])
    made = {
        ws.tasks.create(
            workflow_sid=emulator["TASKROUTER_WORKFLOW_SID"],
            attributes=json.dumps({"n": n}),
        ).sid
        for n in range(7)
    }
    seen = [t.sid for t in ws.tasks.stream(page_size=3)]
    assert len(seen) == len(set(seen))
    assert made <= set(seen)
    for sid in made:
        ws.tasks(sid).delete()


# Twilio's async client still hands aiohttp a BasicAuth, which aiohttp 3.14 deprecates.
@pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:The 'auth' parameter is deprecated:DeprecationWarning")
def test_twilio_async_client_creates_fetches_updates_and_deletes(emulator):
    """Twilio's aiohttp-based client: the same wire, the ``_async`` methods."""

    async def flow() -> tuple[str, int, str, bool]:
        http_client = AsyncTwilioHttpClient()
        try:
            client = twilio_client(emulator, http_client=http_client)
            ws = client.taskrouter.v1.workspaces(emulator["TASKROUTER_WORKSPACE_SID"])
            task = await ws.tasks.create_async(
                workflow_sid=emulator["TASKROUTER_WORKFLOW_SID"],
                attributes=json.dumps({"type": "async"}),
            )
            updated = await ws.tasks(task.sid).update_async(priority=3)
            fetched = await ws.tasks(task.sid).fetch_async()
            canceled = await ws.tasks(task.sid).update_async(
                assignment_status="canceled", reason="done"
            )
            deleted = await ws.tasks(task.sid).delete_async()
            return fetched.sid, updated.priority, canceled.assignment_status, deleted
        finally:
            await http_client.close()

    sid, priority, status, deleted = asyncio.run(flow())
    assert sid.startswith("WT")
    assert (priority, status, deleted) == (3, "canceled", True)


def test_twilio_client_reads_the_emulators_errors(emulator):
    """A refused request reaches Twilio's client as its own exception, with Twilio's error
    code and status: the emulator's error bodies are Twilio's."""
    from twilio.base.exceptions import TwilioRestException  # noqa: PLC0415

    ws = twilio_client(emulator).taskrouter.v1.workspaces(emulator["TASKROUTER_WORKSPACE_SID"])
    with pytest.raises(TwilioRestException) as missing:
        ws.tasks("WT" + "0" * 32).fetch()
    assert (missing.value.status, missing.value.code) == (404, 20404)
    with pytest.raises(TwilioRestException) as refused:
        ws.tasks.create(workflow_sid=emulator["TASKROUTER_WORKFLOW_SID"], priority=-1)
    assert refused.value.status == 400
