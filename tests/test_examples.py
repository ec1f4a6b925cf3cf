"""Every script in examples/ runs to the end as a newcomer runs it: with no Twilio
credentials, against the built-in emulator, whose state is then inspected."""

from __future__ import annotations

import asyncio
import json
import runpy
import sys
from pathlib import Path
from typing import Any

import pytest

import taskrouter_client.testing
from taskrouter_client.testing import FakeTaskRouter

EXAMPLES = Path(__file__).parent.parent / "examples"


class Used:
    """The emulators the examples created."""

    fakes: list[FakeTaskRouter]


@pytest.fixture
def used(monkeypatch: pytest.MonkeyPatch) -> Used:
    """Run examples from their own folder, fresh, keeping hold of the emulator they make."""
    record = Used()
    record.fakes = []

    class Kept(FakeTaskRouter):
        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            record.fakes.append(self)

    monkeypatch.setattr(taskrouter_client.testing, "FakeTaskRouter", Kept)
    monkeypatch.syspath_prepend(str(EXAMPLES))
    monkeypatch.delitem(sys.modules, "_connect", raising=False)
    return record


def run_example(name: str, *argv: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", [name, *argv])
    runpy.run_path(str(EXAMPLES / name), run_name="__main__")


def tasks_of(fake: FakeTaskRouter) -> list[Any]:
    return list(fake._store.workspaces[fake.workspace_sid].tasks.values())


def reservations_of(fake: FakeTaskRouter) -> list[Any]:
    return list(fake._store.workspaces[fake.workspace_sid].reservations.values())


def test_every_example_is_covered():
    """Each script in examples/ has a test below."""
    tested = {
        "quickstart.py",
        "async_quickstart.py",
        "optimistic_update.py",
        "pagination.py",
        "reservations.py",
        "async_reservations.py",
        "wallboard.py",
        "worker_activity.py",
        "assignment_flask.py",
        "assignment_starlette.py",
        "contact_centre.py",
    }
    assert {p.name for p in EXAMPLES.glob("*.py") if not p.name.startswith("_")} == tested


def test_quickstart(used, monkeypatch, capsys):
    """Create, update with If-Match, list, cancel and delete one Task."""
    run_example("quickstart.py", monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    assert out.startswith("TWILIO_ACCOUNT_SID is not set: running against the built-in")
    for line in (
        "created   WT",
        "updated   WT",
        'priority 10 (etag "2")',
        "listed    WT",
        "canceled  WT",
        "deleted   WT",
    ):
        assert line in out
    (fake,) = used.fakes
    assert tasks_of(fake) == []


def test_async_quickstart(used, monkeypatch, capsys):
    """Twenty Tasks created five at a time, listed, and canceled."""
    run_example("async_quickstart.py", monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    assert "created 20 tasks, 5 at a time" in out
    assert "listed 20 pending tasks" in out
    (fake,) = used.fakes
    assert [t.assignment_status for t in tasks_of(fake)] == ["canceled"] * 20


def test_optimistic_update(used, monkeypatch, capsys):
    """The rival's write costs one more read; the Task ends with both changes."""
    run_example("optimistic_update.py", monkeypatch=monkeypatch)
    (task,) = tasks_of(used.fakes[0])
    assert task.priority == 15
    assert json.loads(task.attributes) == {"type": "support", "escalated": True}
    out = capsys.readouterr().out
    assert 'deciding on version "1": priority 0' in out
    assert 'deciding on version "2": priority 5' in out
    assert f"escalated {task.sid}: priority 15" in out


def test_pagination(used, monkeypatch, capsys):
    """Reads 120 of 130 Tasks by priority, then resumes a walk from a page token."""
    run_example("pagination.py", monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    assert "read 120 tasks by priority" in out
    assert "page of 50" in out
    assert "resumed: 80 more pending tasks" in out


def test_reservations(used, monkeypatch, capsys):
    """Each kind of Task gets its flow; the emulator shows the outcome of each."""
    run_example("reservations.py", monkeypatch=monkeypatch)
    fake = used.fakes[0]
    kind_of = {t.sid: json.loads(t.attributes)["type"] for t in tasks_of(fake)}
    outcome = {kind_of[r.task_sid]: r.reservation_status for r in reservations_of(fake)}
    assert outcome == {
        "chat": "accepted",
        "voice": "accepted",
        "callback": "accepted",
        "transfer": "accepted",
        "conference": "accepted",
        "fax": "rejected",
    }
    out = capsys.readouterr().out
    for done in ("accepted", "dequeued", "called", "redirected", "conferenced", "rejected"):
        assert f": {done}" in out


def test_async_reservations(used, monkeypatch, capsys):
    """Four Workers' inboxes answered concurrently: every Reservation accepted."""
    run_example("async_reservations.py", monkeypatch=monkeypatch)
    fake = used.fakes[0]
    assert [r.reservation_status for r in reservations_of(fake)] == ["accepted"] * 4
    assert {t.assignment_status for t in tasks_of(fake)} == {"assigned"}
    out = capsys.readouterr().out
    for name in ("Alice", "Bob", "Chen", "Dara"):
        assert f"{name}: WR" in out


def board_rows(out: str) -> dict[str, list[int]]:
    """The last wallboard's queue rows: name -> waiting, longest, agents, answered, abandoned."""
    last = out.rsplit("queue                    waiting", 1)[1].splitlines()[1:]
    rows = [line.split() for line in last if not line.startswith("workers:")]
    return {row[0]: [int(cell.rstrip("s")) for cell in row[1:]] for row in rows}


def test_wallboard(used, monkeypatch, capsys):
    """With no other argument, five rounds of calls on the emulator, then it stops; the last
    board shows what the emulator holds."""
    run_example("wallboard.py", "--interval", "0", monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    assert "5 rounds, each after half a minute of calls" in out
    assert out.count("queue                    waiting") == 5
    (fake,) = used.fakes
    statuses = [t.assignment_status for t in tasks_of(fake)]
    answers = [r.reservation_status for r in reservations_of(fake)]
    rows = board_rows(out)
    assert set(rows) == {"Sales", "Support"}
    totals = (sum(column) for column in zip(*rows.values(), strict=True))
    waiting, _, agents, answered, abandoned = totals
    assert len(statuses) == 15
    assert waiting == statuses.count("pending") + statuses.count("reserved") > 0
    assert answered == answers.count("accepted") + answers.count("completed") > 0
    assert abandoned == statuses.count("canceled") > 0
    assert agents == 5  # Ana serves both queues; Ben and Dee sales, Cy support
    assert "workers: 5 (Offline 1, Available 4, Unavailable 0)" in out


def test_wallboard_rounds(used, monkeypatch, capsys):
    """``--rounds 2`` stops after two boards, the emulator's clock half a minute on each."""
    run_example("wallboard.py", "--rounds", "2", "--interval", "0", monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    assert out.count("queue                    waiting") == 2
    assert "2 rounds, each after half a minute of calls" in out


def test_wallboard_on_twilio_says_how_to_stop(monkeypatch, capsys):
    """On Twilio (here a served emulator) it refreshes until Ctrl-C, and says so first."""
    fake = FakeTaskRouter()
    monkeypatch.syspath_prepend(str(EXAMPLES))
    monkeypatch.delitem(sys.modules, "_connect", raising=False)

    async def interrupted(_seconds: float) -> None:
        raise KeyboardInterrupt  # Ctrl-C during the wait between two rounds

    with fake.serve() as base_url:
        for name, value in {
            "TWILIO_ACCOUNT_SID": fake.account_sid,
            "TWILIO_AUTH_TOKEN": fake.auth_token,
            "TASKROUTER_BASE_URL": base_url,
            "TASKROUTER_WORKSPACE_SID": fake.workspace_sid,
            "TASKROUTER_WORKFLOW_SID": fake.workflow_sid,
        }.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(asyncio, "sleep", interrupted)
        run_example("wallboard.py", monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    assert out.startswith("refreshing every 5 s until Ctrl-C (--rounds N stops after N)\n")
    assert out.count("queue                    waiting") == 1
    assert "Default Queue" in out


def test_worker_activity(used, monkeypatch, capsys):
    """The Worker goes Available and is offered the waiting call; an unknown Activity is
    refused with the list; going Unavailable leaves no offer."""
    with pytest.raises(SystemExit) as exited:
        run_example("worker_activity.py", "Available", monkeypatch=monkeypatch)
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "Alice: Offline (available: False)\nAlice: now Available (WA" in out
    assert "  voice: 0 of 1 Tasks, available: True" in out
    fake = used.fakes[-1]
    (task,) = tasks_of(fake)
    (offer,) = reservations_of(fake)
    assert (offer.task_sid, offer.reservation_status) == (task.sid, "pending")
    assert f"  offered Task {task.sid} (Reservation {offer.sid})" in out
    with pytest.raises(SystemExit) as exited:
        run_example("worker_activity.py", "Break", monkeypatch=monkeypatch)
    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert "no Activity named 'Break'; the Workspace has: Offline, Available, Unavailable" in out
    with pytest.raises(SystemExit) as exited:
        run_example("worker_activity.py", "Unavailable", monkeypatch=monkeypatch)
    assert exited.value.code == 0
    assert "now Unavailable" in (out := capsys.readouterr().out)
    assert out.endswith("  no Task offered\n")
    assert reservations_of(used.fakes[-1]) == []


@pytest.mark.parametrize("name", ["assignment_flask.py", "assignment_starlette.py"])
def test_assignment_callback_apps(name, used, monkeypatch, capsys):
    """Run without arguments, each app answers signed callbacks and refuses a forged one.

    (No emulator: the app is driven through its framework's test client; serving it is
    ``python examples/<name> serve``.)
    """
    run_example(name, monkeypatch=monkeypatch)
    out = capsys.readouterr().out.splitlines()
    assert out == [
        'signed callback, chat task    -> 200 {"instruction":"accept"}',
        'signed callback, voice task   -> 200 {"instruction":"dequeue","to":"client:alice"}',
        'signed callback, French task  -> 200 {"instruction":"reject"}',
        "forged callback                -> 403",
    ]
    assert used.fakes == []


def test_contact_centre(used, monkeypatch, capsys):
    """A morning of 300 contacts routed by skill, language and escalation, answered by an
    async assignment app, handled and completed; then TaskRouter's statistics."""
    run_example("contact_centre.py", monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    assert "contacts: 300 created, 300 completed, 0 canceled" in out
    (fake,) = used.fakes
    delivered = fake.deliveries
    assert delivered
    assert all(d.delivered for d in delivered)
    assert {d.outcome for d in delivered} == {"accepted", "rejected"}
    assert {t.assignment_status for t in tasks_of(fake)} <= {"completed"}
    lines = [line for line in out.splitlines() if line.startswith("agent ")]
    assert len(lines) == 12
    assert sum(int(line.split()[2]) for line in lines) == 300
