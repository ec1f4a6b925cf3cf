"""Every script in examples/ runs to the end as a newcomer runs it: with no Twilio
credentials, against the built-in emulator (whose state is then inspected) or, for Workers'
Activities and statistics, which it does not serve yet, against canned answers built from
the spec's example bodies (whose requests are then inspected)."""

from __future__ import annotations

import json
import runpy
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

import taskrouter_client.testing
from taskrouter_client.testing import FakeTaskRouter

EXAMPLES = Path(__file__).parent.parent / "examples"
WS = "WS" + "a" * 32
WK = "WK" + "a" * 32


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


@pytest.fixture
def canned(monkeypatch: pytest.MonkeyPatch, used: Used) -> list[httpx.Request]:
    """The requests the canned stand-in answered (examples without credentials use it)."""
    import _canned  # noqa: PLC0415  # examples/ is on sys.path once `used` has run

    seen: list[httpx.Request] = []
    real = _canned.transport

    def recording() -> httpx.MockTransport:
        inner = real()

        def answer(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return inner.handle_request(request)

        return httpx.MockTransport(answer)

    monkeypatch.setattr(_canned, "transport", recording)
    return seen


def test_wallboard(canned, monkeypatch, capsys):
    """Two rounds of queue and Worker statistics, read concurrently, then it stops."""
    run_example("wallboard.py", "--rounds", "2", "--interval", "0", monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    assert out.count("queue                    waiting") == 2
    assert out.count("workers: 15 (Idle 0, Busy 9, Offline 6, Reserved 0)") == 2
    paths = [request.url.path for request in canned]
    assert paths.count(f"/v1/Workspaces/{WS}/TaskQueues/Statistics") == 2
    assert paths.count(f"/v1/Workspaces/{WS}/Workers/RealTimeStatistics") == 2
    assert paths.count(f"/v1/Workspaces/{WS}/TaskQueues") == 1
    assert {
        request.url.params.get("Minutes") for request in canned if "Statistics" in request.url.path
    } == {"60", None}


def test_worker_activity(canned, monkeypatch, capsys):
    """The Worker is moved to the Activity named; an unknown name is refused with a list."""
    with pytest.raises(SystemExit) as exited:
        run_example("worker_activity.py", "New Activity", monkeypatch=monkeypatch)
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "NewWorker3: now New Activity (WA" in out
    assert "default: 0 of 1 Tasks, available: True" in out
    (update,) = [request for request in canned if request.method == "POST"]
    assert update.url.path == f"/v1/Workspaces/{WS}/Workers/{WK}"
    assert update.content == f"ActivitySid=WA{'a' * 32}".encode()
    with pytest.raises(SystemExit) as exited:
        run_example("worker_activity.py", "Offline", monkeypatch=monkeypatch)
    assert exited.value.code == 1
    assert "no Activity named 'Offline'; the Workspace has: New Activity" in capsys.readouterr().out


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
