"""Type-checked only (``nox -s typecheck``): the public API as users write it.

Each ``# type: ignore[code]`` below marks a call that must be a type error; mypy --strict
reports an unused ignore, so the file fails if the SDK stops catching it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from typing_extensions import assert_type

from taskrouter_client import (
    AsyncClient,
    AsyncPaginator,
    CallStatusLiteral,
    Client,
    ConferenceEventLiteral,
    HTTPInfo,
    Page,
    Paginator,
    RateLimit,
    Reservation,
    ReservationStatus,
    ReservationStatusLiteral,
    SupervisorModeLiteral,
    Task,
    TaskStatus,
    TaskStatusLiteral,
    UpdateTaskParams,
    WorkerReservation,
)

WS = "WS" + "0" * 32


def sync_usage(client: Client) -> None:
    tasks = client.workspaces(WS).tasks
    task = tasks.create(
        attributes={"type": "support"},
        priority=1,
        timeout=60,
        virtual_start_time=datetime(2024, 1, 1, tzinfo=timezone.utc),
        ignore_capacity=True,
    )
    assert_type(task, Task)
    assert_type(task.assignment_status, TaskStatus)
    assert_type(task.etag, str | None)
    assert_type(task.http, HTTPInfo | None)
    assert_type(task.parsed_attributes, dict[str, Any])
    assert_type(task.parsed_attributes["type"], Any)  # indexable: never None
    assert_type(task.parsed_addons, dict[str, Any])
    if task.http is not None:
        assert_type(task.http.rate_limit, RateLimit)
    assert_type(tasks(task.sid).fetch(), Task)
    assert_type(tasks(task.sid).update(assignment_status="canceled", reason="x"), Task)
    assert_type(tasks(task.sid).delete(if_match=task.etag), None)
    assert_type(tasks(task.sid).modify(lambda t: {"priority": t.priority + 1}), Task)
    assert_type(tasks(task.sid).modify(lambda _: None, attempts=5), Task)
    tasks(task.sid).modify(lambda _: {"priority": "high"})  # type: ignore[arg-type,return-value]
    listed = tasks.list(assignment_status=["pending", TaskStatus.RESERVED], limit=10)
    assert_type(listed, Paginator[Task])
    for page in listed.pages():
        assert_type(page, Page[Task])
        assert_type(page.next_page_token, str | None)
    assert_type(listed.first(), Task | None)
    assert_type(listed.to_list(), list[Task])
    assert_type(client.with_options(timeout=2.0), Client)
    assert_type(client.with_options(max_retries=0, retry_creates=True), Client)
    client.with_options(max_retries="3")  # type: ignore[arg-type]

    tasks.create(priority="high")  # type: ignore[arg-type]
    tasks.create(workflowsid="WW")  # type: ignore[call-arg]
    tasks(task.sid).update(assignment_status="cancelled")  # type: ignore[arg-type]
    tasks.list(page=2)  # type: ignore[call-arg]

    reservation = tasks(task.sid).reservations("WR" + "0" * 32)
    assert_type(reservation.fetch(), Reservation)
    assert_type(reservation.fetch().reservation_status, ReservationStatus)
    assert_type(reservation.accept(if_match='"1"'), Reservation)
    assert_type(reservation.dequeue(dequeue_from="+1555"), Reservation)
    assert_type(reservation.supervise(supervisor="WK", supervisor_mode="barge"), Reservation)
    assert_type(
        reservation.update(
            instruction="conference", from_="+1555", status_callback_event=["ringing"]
        ),
        Reservation,
    )
    on_worker = client.workspaces(WS).workers("WK" + "0" * 32).reservations
    assert_type(on_worker.list(reservation_status="pending"), Paginator[WorkerReservation])
    assert_type(on_worker("WR" + "0" * 32).reject(worker_activity_sid="WA"), WorkerReservation)

    reservation.accept(instruction="dequeue")  # type: ignore[call-arg]
    reservation.dequeue(call_url="https://x")  # type: ignore[call-arg]
    reservation.update(supervisor_mode="listen")  # type: ignore[arg-type]
    on_worker("WR").supervise(supervisor="WK")  # type: ignore[attr-defined]
    on_worker("WR").update(status_callback_event=["busy"])  # type: ignore[list-item]


async def async_usage(client: AsyncClient) -> None:
    tasks = client.workspaces(WS).tasks
    task = await tasks.create(attributes='{"type": "chat"}')
    assert_type(task, Task)
    assert_type(await tasks(task.sid).fetch(), Task)
    assert_type(await tasks(task.sid).delete(), None)

    async def escalate(current: Task) -> UpdateTaskParams:
        return {"priority": current.priority + 10}

    assert_type(await tasks(task.sid).modify(escalate), Task)
    assert_type(await tasks(task.sid).modify(lambda _: {"reason": "x"}), Task)
    listed = tasks.list(limit=5)
    assert_type(listed, AsyncPaginator[Task])
    async for item in listed:
        assert_type(item, Task)
    async for page in listed.pages():
        assert_type(page, Page[Task])
    assert_type(await listed.first(), Task | None)
    assert_type(await listed.to_list(), list[Task])
    assert_type(client.with_options(timeout=2.0), AsyncClient)

    await tasks.create(timeout="60")  # type: ignore[arg-type]

    reservation = tasks(task.sid).reservations("WR" + "0" * 32)
    assert_type(await reservation.conference(from_="+1555"), Reservation)
    async for offered in tasks(task.sid).reservations.list(worker_sid="WK"):
        assert_type(offered, Reservation)
    worker = client.workspaces(WS).workers("WK" + "0" * 32)
    assert_type(
        await worker.reservations("WR").call(call_from="+1", call_url="https://x"),
        WorkerReservation,
    )


def status_name(status: TaskStatus | TaskStatusLiteral) -> str:
    return str(status)


def models_and_literals(task: Task, reservation: Reservation) -> None:
    status_name("wrapping")
    status_name(TaskStatus.PENDING)
    status_name("escalated")  # type: ignore[arg-type]
    waiting: ReservationStatusLiteral = "pending"
    events: list[CallStatusLiteral | ConferenceEventLiteral] = ["ringing", "join"]
    mode: SupervisorModeLiteral = "whisper"
    bad_mode: SupervisorModeLiteral = "listen"  # type: ignore[assignment]
    assert_type(task.to_dict(), dict[str, Any])
    assert_type(Task.from_dict(task.to_dict()), Task)
    assert_type(Reservation.from_dict(reservation.to_dict()), Reservation)
    assert_type({task, task}, set[Task])
    if task.links is not None:
        task.links["workflow"] = "x"  # type: ignore[index]
    assert_type(
        (waiting, events, mode, bad_mode),
        tuple[
            ReservationStatusLiteral,
            list[CallStatusLiteral | ConferenceEventLiteral],
            SupervisorModeLiteral,
            SupervisorModeLiteral,
        ],
    )
