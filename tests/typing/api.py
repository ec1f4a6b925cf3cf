"""Type-checked only (``nox -s typecheck``): the public API as users write it.

Each ``# type: ignore[code]`` below marks a call that must be a type error; mypy --strict
reports an unused ignore, so the file fails if the SDK stops catching it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from typing_extensions import assert_type

from taskrouter_client import (
    Activity,
    ActivityStatistic,
    AsyncClient,
    AsyncPaginator,
    CallStatusLiteral,
    Client,
    ConferenceEventLiteral,
    Durations,
    Event,
    HTTPInfo,
    Page,
    Paginator,
    RateLimit,
    Reservation,
    ReservationStatus,
    ReservationStatusLiteral,
    SupervisorModeLiteral,
    Task,
    TaskChannel,
    TaskOrder,
    TaskQueue,
    TaskQueueBulkRealTimeStatistics,
    TaskQueueCumulativeStatistics,
    TaskQueueRealTimeStatistics,
    TaskQueuesStatistics,
    TaskQueueStatistics,
    TaskStatus,
    TaskStatusLiteral,
    UpdateTaskParams,
    Worker,
    WorkerChannel,
    WorkerInstanceStatistics,
    WorkerReservation,
    WorkersCumulativeStatistics,
    WorkersRealTimeStatistics,
    WorkerStatistics,
    Workflow,
    WorkflowConfiguration,
    WorkflowCumulativeStatistics,
    WorkflowFilter,
    WorkflowRealTimeStatistics,
    WorkflowStatistics,
    WorkflowTarget,
    Workspace,
    WorkspaceCumulativeStatistics,
    WorkspaceRealTimeStatistics,
    WorkspaceStatistics,
    check_expression,
)
from taskrouter_client.resources import AsyncWorkerList, WorkerContext, WorkerList
from taskrouter_client.types import CreateWorkerParams, ListWorkerArguments

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


def whole_api(client: Client) -> None:
    assert_type(client.workspaces.list(friendly_name="Support"), Paginator[Workspace])
    assert_type(client.workspaces.create(friendly_name="Support", template="FIFO"), Workspace)
    ws = client.workspaces(WS)
    assert_type(ws.fetch(), Workspace)
    assert_type(ws.update(event_callback_url="", prioritize_queue_order="LIFO"), Workspace)
    assert_type(ws.delete(), None)
    assert_type(ws.statistics.fetch(minutes=15, split_by_wait_time=[5, 30]), WorkspaceStatistics)
    assert_type(ws.cumulative_statistics.fetch(), WorkspaceCumulativeStatistics)
    assert_type(ws.real_time_statistics.fetch(task_channel="voice"), WorkspaceRealTimeStatistics)
    stats = ws.statistics.fetch()
    if stats.realtime is not None and stats.realtime.activity_statistics is not None:
        assert_type(stats.realtime.activity_statistics[0], ActivityStatistic)
    if stats.cumulative is not None:
        assert_type(stats.cumulative.avg_task_acceptance_time, float)
        assert_type(stats.cumulative.wait_duration_until_accepted, Durations | None)

    assert_type(ws.activities.list(available=True, limit=3), Paginator[Activity])
    assert_type(ws.activities.create(friendly_name="Break", available=False), Activity)
    assert_type(ws.activities("WA" + "0" * 32).update(friendly_name="Lunch"), Activity)
    assert_type(ws.events.list(minutes=60), Paginator[Event])
    assert_type(ws.events("EV" + "0" * 32).fetch(), Event)
    assert_type(ws.task_channels.create(friendly_name="Chat", unique_name="chat"), TaskChannel)
    assert_type(ws.task_channels("voice").delete(), None)

    queues = ws.task_queues
    assert_type(queues.create(friendly_name="Sales", target_workers="1==1"), TaskQueue)
    assert_type(queues.list(evaluate_worker_attributes="{}"), Paginator[TaskQueue])
    assert_type(queues.statistics.list(minutes=30), Paginator[TaskQueuesStatistics])
    bulk = queues.real_time_statistics.create(queue_sids=["WQ" + "0" * 32])
    assert_type(bulk, TaskQueueBulkRealTimeStatistics)
    queue = queues("WQ" + "0" * 32)
    assert_type(queue.update(task_order=TaskOrder.LIFO, max_reserved_workers=2), TaskQueue)
    assert_type(queue.statistics.fetch(), TaskQueueStatistics)
    assert_type(queue.cumulative_statistics.fetch(), TaskQueueCumulativeStatistics)
    assert_type(queue.real_time_statistics.fetch(), TaskQueueRealTimeStatistics)

    workers = ws.workers
    assert_type(workers, WorkerList)
    params: CreateWorkerParams = {"friendly_name": "Ashley", "attributes": {"skill": "fr"}}
    assert_type(workers.create(**params), Worker)
    filters: ListWorkerArguments = {"available": True, "limit": 10}
    assert_type(workers.list(**filters), Paginator[Worker])
    assert_type(workers.statistics.fetch(task_queue_name="Sales"), WorkerStatistics)
    assert_type(workers.cumulative_statistics.fetch(), WorkersCumulativeStatistics)
    assert_type(workers.real_time_statistics.fetch(), WorkersRealTimeStatistics)
    worker = workers("WK" + "0" * 32)
    assert_type(worker, WorkerContext)
    assert_type(worker.update(activity_sid="WA" + "0" * 32, if_match='"1"'), Worker)
    assert_type(worker.update().parsed_attributes, dict[str, Any])
    assert_type(worker.statistics.fetch(), WorkerInstanceStatistics)
    assert_type(worker.channels.list(), Paginator[WorkerChannel])
    assert_type(worker.channels("voice").update(capacity=2, available=True), WorkerChannel)
    assert_type(worker.reservations("WR" + "0" * 32).fetch(), WorkerReservation)

    flows = ws.workflows
    assert_type(flows.create(friendly_name="Main", configuration={"task_routing": {}}), Workflow)
    routing = WorkflowConfiguration(
        filters=[WorkflowFilter(expression="vip == true", targets=[WorkflowTarget(queue="WQ")])],
        default_filter=WorkflowTarget(queue="WQ", timeout=30),
    )
    assert_type(flows.create(friendly_name="Main", configuration=routing), Workflow)
    assert_type(WorkflowConfiguration.from_json(routing.to_json()), WorkflowConfiguration)
    assert_type(check_expression("1 == 1"), None)
    WorkflowTarget(timeout="30")  # type: ignore[arg-type]
    flow = flows("WW" + "0" * 32)
    assert_type(flow.update(assignment_callback_url=""), Workflow)
    assert_type(flow.statistics.fetch(), WorkflowStatistics)
    assert_type(flow.cumulative_statistics.fetch(), WorkflowCumulativeStatistics)
    assert_type(flow.real_time_statistics.fetch(), WorkflowRealTimeStatistics)
    assert_type(ws.tasks("WT" + "0" * 32).reservations("WR" + "0" * 32).fetch(), Reservation)

    workers.create()  # type: ignore[call-arg]
    workers.create(friendly_name=3)  # type: ignore[arg-type]
    flows.create(friendly_name="Main")  # type: ignore[call-arg]
    worker.update(activity="WA")  # type: ignore[call-arg]
    worker.channels("voice").update(capacity="2")  # type: ignore[arg-type]
    queue.update(task_order="RANDOM")  # type: ignore[arg-type]
    queues.list(page=2)  # type: ignore[call-arg]
    ws.statistics.fetch(split_by_wait_time=5)  # type: ignore[arg-type]
    ws.events.fetch()  # type: ignore[attr-defined]


async def whole_api_async(client: AsyncClient) -> None:
    workers = client.workspaces(WS).workers
    assert_type(workers, AsyncWorkerList)
    assert_type(await workers("WK" + "0" * 32).update(activity_sid="WA"), Worker)
    async for worker in workers.list(activity_name="Idle"):
        assert_type(worker, Worker)
    assert_type(await client.workspaces.create(friendly_name="Support"), Workspace)
    assert_type(
        await client.workspaces(WS).task_queues.real_time_statistics.create(queue_sids=[]),
        TaskQueueBulkRealTimeStatistics,
    )
    assert_type(await client.workspaces(WS).statistics.fetch(), WorkspaceStatistics)


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
