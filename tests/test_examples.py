"""Every script in examples/ runs to the end against mocked TaskRouter answers."""

from __future__ import annotations

import json
import runpy
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
import respx

from tests.conftest import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    BASE,
    TASKS_PATH,
    WK,
    WS,
    WT,
    WW,
    fixture_json,
    task_body,
)

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    monkeypatch.setenv("TASKROUTER_WORKSPACE_SID", WS)
    monkeypatch.setenv("TASKROUTER_WORKFLOW_SID", WW)


def run_example(name: str, *argv: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", [name, *argv])
    runpy.run_path(str(EXAMPLES / name), run_name="__main__")


def listing(request: httpx.Request) -> httpx.Response:
    """Two pages of pending Tasks, chained by PageToken."""
    token = request.url.params.get("PageToken")
    next_url = None if token else f"{BASE}{TASKS_PATH}?PageSize=50&PageToken=NEXT"
    return httpx.Response(
        200, json={"tasks": [task_body()] * 2, "meta": {"next_page_url": next_url}}
    )


@pytest.fixture
def taskrouter() -> Any:
    """Canned answers for every Task operation the examples use."""
    task_path = f"{TASKS_PATH}/{{sid}}"
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        mock.post(TASKS_PATH, name="create").respond(
            201, json=task_body(sid=WT), headers={"ETag": '"1"'}
        )
        mock.get(TASKS_PATH, name="list").mock(side_effect=listing)
        mock.get(path__regex=task_path.format(sid=r"WT\w{32}"), name="fetch").respond(
            200, json=task_body(sid=WT), headers={"ETag": '"2"'}
        )
        mock.post(path__regex=task_path.format(sid=r"WT\w{32}"), name="update").respond(
            200, json=task_body(sid=WT, priority=10), headers={"ETag": '"3"'}
        )
        mock.delete(path__regex=task_path.format(sid=r"WT\w{32}"), name="delete").respond(204)
        yield mock


def test_every_example_is_covered():
    """Each script in examples/ has a test below."""
    tested = {
        "quickstart.py",
        "async_quickstart.py",
        "optimistic_update.py",
        "pagination.py",
        "reservations.py",
        "async_reservations.py",
    }
    assert {path.name for path in EXAMPLES.glob("*.py")} == tested


@pytest.mark.usefixtures("environment")
def test_quickstart(taskrouter, monkeypatch, capsys):
    """The quickstart creates, updates with If-Match, lists, cancels and deletes a Task."""
    run_example("quickstart.py", monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    for verb in ("created", "updated", "listed", "canceled", "deleted"):
        assert f"{verb} " in out
    assert taskrouter["create"].call_count == 1
    assert taskrouter["update"].calls[0].request.headers["If-Match"] == '"1"'
    assert taskrouter["delete"].calls.last.request.headers["If-Match"] == '"3"'


@pytest.mark.usefixtures("environment")
def test_async_quickstart(taskrouter, monkeypatch, capsys):
    """The async example creates twenty Tasks concurrently and cancels them."""
    run_example("async_quickstart.py", monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    assert "created 20 tasks" in out
    assert "listed 4 pending tasks" in out
    assert taskrouter["create"].call_count == 20
    assert taskrouter["update"].call_count == 20


@pytest.mark.usefixtures("environment")
def test_optimistic_update_reads_again_after_a_412(taskrouter, monkeypatch, capsys):
    """A lost If-Match race makes the example fetch again and retry with the new ETag."""
    taskrouter["update"].side_effect = [
        httpx.Response(412, json={"code": 20412, "message": "Precondition Failed", "status": 412}),
        httpx.Response(200, json=task_body(sid=WT, priority=10), headers={"ETag": '"9"'}),
    ]
    run_example("optimistic_update.py", WT, monkeypatch=monkeypatch)
    assert "changed under us" in capsys.readouterr().out
    assert taskrouter["fetch"].call_count == 2
    assert [c.request.headers["If-Match"] for c in taskrouter["update"].calls] == ['"2"', '"2"']


@pytest.mark.usefixtures("environment")
def test_pagination(taskrouter, monkeypatch, capsys):
    """The pagination example reads pages and resumes from a saved token."""
    run_example("pagination.py", monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    assert "read 4 tasks by priority" in out
    assert "resumed: 2 more pending tasks" in out
    assert taskrouter["list"].calls.last.request.url.params["PageToken"] == "NEXT"


KINDS = ["chat", "voice", "callback", "transfer", "conference", "fax"]
CA = "CA" + "3" * 32


@pytest.fixture
def reservations(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A Worker and a Task with one pending Reservation per kind of Task."""
    monkeypatch.setenv("TASKROUTER_WORKER_SID", WK)
    monkeypatch.setenv("TASKROUTER_TASK_SID", WT)
    task_sids = {kind: f"WT{n:032x}" for n, kind in enumerate(KINDS)}
    listed = [
        reservation_body(sid=f"WR{n:032x}", task_sid=task_sids[kind], worker_name=f"agent-{kind}")
        for n, kind in enumerate(KINDS)
    ]

    def task(request: httpx.Request) -> httpx.Response:
        kind = {sid: kind for kind, sid in task_sids.items()}[request.url.path.rsplit("/", 1)[1]]
        attributes = {"type": kind, "call_sid": CA}
        return httpx.Response(
            200, json=task_body(sid=task_sids[kind], attributes=json.dumps(attributes))
        )

    page = {"reservations": listed, "meta": {"next_page_url": None}}
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        mock.get(f"/v1/Workspaces/{WS}/Workers/{WK}/Reservations", name="worker-list").respond(
            200, json=page
        )
        mock.get(f"{TASKS_PATH}/{WT}/Reservations", name="task-list").respond(200, json=page)
        mock.get(path__regex=rf"{TASKS_PATH}/WT\w{{32}}$", name="task").mock(side_effect=task)
        mock.post(path__regex=r"/Reservations/WR\w{32}$", name="update").respond(
            200, json=reservation_body()
        )
        yield mock


def reservation_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = fixture_json("reservation__test_fetch_response")
    body.update(changes)
    return body


def sent(mock: Any) -> dict[str, dict[str, list[str]]]:
    """Reservation SID -> the form it was updated with."""
    return {
        call.request.url.path.rsplit("/", 1)[1]: parse_qs(call.request.content.decode())
        for call in mock["update"].calls
    }


@pytest.mark.usefixtures("environment")
def test_reservations(reservations, monkeypatch, capsys):
    """Each kind of Task gets its flow: accept, dequeue, call, redirect, conference, reject."""
    run_example("reservations.py", monkeypatch=monkeypatch)
    forms = sent(reservations)
    by_kind = {kind: forms[f"WR{n:032x}"] for n, kind in enumerate(KINDS)}
    assert by_kind["chat"] == {"ReservationStatus": ["accepted"]}
    assert by_kind["voice"]["Instruction"] == ["dequeue"]
    assert by_kind["voice"]["DequeueStatusCallbackEvent"] == ["completed"]
    assert by_kind["callback"]["Instruction"] == ["call"]
    assert by_kind["callback"]["CallAccept"] == ["true"]
    assert by_kind["transfer"]["RedirectCallSid"] == [CA]
    assert by_kind["conference"]["StatusCallbackEvent"] == ["answered", "completed"]
    assert by_kind["fax"] == {"ReservationStatus": ["rejected"]}
    assert (
        reservations["worker-list"].calls.last.request.url.params["ReservationStatus"] == "pending"
    )
    out = capsys.readouterr().out
    for done in ("accepted", "dequeued", "called", "redirected", "conferenced", "rejected"):
        assert f": {done}" in out


@pytest.mark.usefixtures("environment")
def test_async_reservations(reservations, monkeypatch, capsys):
    """The first pending Reservation of the Task gets a conference, the rest are rejected."""
    run_example("async_reservations.py", monkeypatch=monkeypatch)
    forms = sent(reservations)
    assert forms[f"WR{0:032x}"]["Instruction"] == ["conference"]
    rejected = [sid for sid, form in forms.items() if form == {"ReservationStatus": ["rejected"]}]
    assert len(rejected) == len(KINDS) - 1
    assert "conference with agent-chat" in capsys.readouterr().out
