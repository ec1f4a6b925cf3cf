"""A contact centre's morning in a few seconds: TaskRouter routes 300 calls and chats.

    python examples/contact_centre.py

Everything runs against the built-in emulator, which routes as TaskRouter does. The code
sets up a Workspace as you would on Twilio (queues by skill, a Workflow that escalates to
everyone after 60 s), runs a small asyncio assignment-callback app that answers each offer
with an instruction, brings agents online in two shifts, and lets a morning of contacts
arrive, wait, get routed, handled and completed. The emulator's clock jumps ten seconds at
a time, so two hours pass in a few seconds. Then it prints the statistics TaskRouter kept.

Only the simulation needs the emulator (its clock, and the app mounted in process);
``setup`` and ``assignment`` are what you would run against Twilio.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from taskrouter_client import AsyncWorkspaceContext
from taskrouter_client.testing import CallbackRequest, FakeTaskRouter
from taskrouter_client.webhooks import (
    AssignmentCallback,
    Instruction,
    accept,
    dequeue,
    reject,
    validate_request,
)

APP_URL = "https://contact-centre.example.com/assignment"
CALLER_ID = "+15005550006"
SKILLS = ("billing", "sales", "support")
AGENTS = {  # name: (skills, languages)
    "Ana": (["billing", "support"], ["en", "es"]),
    "Ben": (["sales"], ["en"]),
    "Chloe": (["support"], ["en", "fr"]),
    "Dev": (["billing"], ["en"]),
    "Eli": (["sales", "support"], ["en", "es"]),
    "Fay": (["support"], ["en"]),
    "Gus": (["billing", "sales"], ["en"]),
    "Hana": (["support", "sales"], ["en", "fr"]),
    "Ivo": (["billing"], ["en", "es"]),
    "Jade": (["sales"], ["en"]),
    "Kai": (["support", "billing"], ["en"]),
    "Lea": (["sales", "support", "billing"], ["en", "fr", "es"]),
}
CONTACTS = 300
TICK = 10  # seconds of the emulator's clock per step of the simulation


@dataclass
class Centre:
    """What the simulation keeps: the SIDs set up, and when each contact will be handled."""

    workflow_sid: str
    agents: dict[str, str]  # name: Worker SID
    activities: dict[str, str]  # name: Activity SID
    done_at: dict[str, int] = field(default_factory=dict)  # Task SID: second it ends


async def setup(ws: AsyncWorkspaceContext) -> Centre:
    """Activities, a queue per skill and one for everyone, the Workflow, the agents."""
    await ws.activities.create(friendly_name="Break", available=False)
    activities = {a.friendly_name or "": a.sid or "" async for a in ws.activities.list()}
    everyone = await ws.task_queues.create(friendly_name="Everyone", target_workers="1==1")
    filters = []
    for skill in SKILLS:
        queue = await ws.task_queues.create(
            friendly_name=skill.capitalize(), target_workers=f"skills HAS '{skill}'"
        )
        filters.append(
            {
                "filter_friendly_name": skill,
                "expression": f"skill == '{skill}'",
                "targets": [
                    # The skilled agents who speak the language, for a minute; then anyone
                    # with the skill; after two minutes everyone, at a higher priority.
                    {
                        "queue": queue.sid,
                        "timeout": 60,
                        "expression": "task.language IN worker.languages",
                    },
                    {"queue": queue.sid, "timeout": 60},
                    {"queue": everyone.sid, "priority": 10},
                ],
            }
        )
    workflow = await ws.workflows.create(
        friendly_name="Inbound",
        configuration={
            "task_routing": {"filters": filters, "default_filter": {"queue": everyone.sid}}
        },
        assignment_callback_url=APP_URL,
        task_reservation_timeout=30,
    )
    agents = {}
    for name, (skills, languages) in AGENTS.items():
        worker = await ws.workers.create(
            friendly_name=name,
            attributes={"skills": skills, "languages": languages, "contact_uri": f"client:{name}"},
        )
        chat = [
            c
            async for c in ws.workers(worker.sid).channels.list()
            if c.task_channel_unique_name == "chat"
        ]
        await ws.workers(worker.sid).channels(chat[0].sid).update(capacity=2)  # two chats at once
        agents[name] = worker.sid or ""
    return Centre(workflow.sid or "", agents, activities)


def assignment_app(auth_token: str) -> Callable[[CallbackRequest], Awaitable[Instruction | None]]:
    """The assignment-callback app: an async handler answering each offer with an instruction."""

    async def assignment(request: CallbackRequest) -> Instruction | None:
        if not validate_request(auth_token, "POST", request.url, request.headers, request.body):
            raise PermissionError("not signed by TaskRouter")
        callback = AssignmentCallback.from_form(request.form)
        task, agent = callback.task_attributes, callback.worker_attributes
        if task.get("language") not in agent.get("languages", []):
            return reject()  # TaskRouter offers it to the next agent
        if task.get("channel") == "voice":
            return dequeue(from_=CALLER_ID, to=agent["contact_uri"])  # bridge the caller
        return accept()

    return assignment


async def simulate(fake: FakeTaskRouter, ws: AsyncWorkspaceContext, centre: Centre) -> int:
    """Contacts arrive for 90 minutes; agents handle them until none is left."""
    rng = random.Random(7)  # noqa: S311  # a simulation, not a secret: the same morning each run
    arrivals = sorted(rng.uniform(0, 90 * 60) for _ in range(CONTACTS))
    second = 0
    while arrivals or await live_tasks(ws):
        if second == 0:
            await shift(ws, centre, list(AGENTS)[:8], "Available")
        if second == 30 * 60:  # the second shift starts; two agents take a break
            await shift(ws, centre, list(AGENTS)[8:], "Available")
            await shift(ws, centre, ["Ben", "Fay"], "Break")
        if second == 45 * 60:
            await shift(ws, centre, ["Ben", "Fay"], "Available")
        while arrivals and arrivals[0] <= second:
            arrivals.pop(0)
            attributes = contact(rng)
            await ws.tasks.create(
                workflow_sid=centre.workflow_sid,
                attributes=attributes,
                task_channel=attributes["channel"],
                timeout=3600,
            )
        await fake.adeliver()  # TaskRouter calls the app for each new offer; it answers
        await handle(ws, centre, rng, second)
        fake.advance(TICK)
        second += TICK
    return second


def contact(rng: random.Random) -> dict[str, str]:
    """A call or a chat for one skill, mostly in English: the Task's attributes."""
    return {
        "skill": rng.choice(SKILLS),
        "language": rng.choices(["en", "es", "fr"], weights=[8, 1, 1])[0],
        "channel": rng.choice(["voice", "chat", "chat"]),
    }


async def handle(
    ws: AsyncWorkspaceContext, centre: Centre, rng: random.Random, second: int
) -> None:
    """Agents finish what they took: each contact takes two to eight minutes."""
    async for task in ws.tasks.list(assignment_status="assigned"):
        sid = task.sid or ""
        ends = centre.done_at.setdefault(sid, second + rng.randint(120, 480))
        if ends <= second:
            await ws.tasks(sid).update(assignment_status="completed", reason="resolved")


async def shift(ws: AsyncWorkspaceContext, centre: Centre, names: list[str], activity: str) -> None:
    for name in names:
        await ws.workers(centre.agents[name]).update(activity_sid=centre.activities[activity])


async def live_tasks(ws: AsyncWorkspaceContext) -> bool:
    waiting = ws.tasks.list(assignment_status=["pending", "reserved", "assigned"])
    return await waiting.first() is not None


async def report(ws: AsyncWorkspaceContext, centre: Centre, minutes: int) -> None:
    """What TaskRouter counted over the morning."""
    stats = await ws.cumulative_statistics.fetch(minutes=minutes, split_by_wait_time="60")
    print(
        f"contacts: {stats.tasks_created} created, {stats.tasks_completed} completed, "
        f"{stats.tasks_canceled} canceled, {stats.tasks_moved} escalated to another queue"
    )
    print(
        f"offers: {stats.reservations_created} made, {stats.reservations_accepted} accepted, "
        f"{stats.reservations_rejected} rejected, {stats.reservations_timed_out} timed out"
    )
    waited = stats.wait_duration_until_accepted
    print(
        f"wait until accepted: {stats.avg_task_acceptance_time} s on average, "
        f"{waited.max if waited else 0} s at most"
    )
    split = (stats.split_by_wait_time or {}).get("60")
    if split is not None and split.below is not None and split.above is not None:
        print(
            f"answered within a minute: {split.below.reservations_accepted}, "
            f"after: {split.above.reservations_accepted}"
        )
    async for queue in ws.task_queues.statistics.list(minutes=minutes):
        entered = queue.cumulative.tasks_entered if queue.cumulative else 0
        name = (await ws.task_queues(queue.task_queue_sid or "").fetch()).friendly_name
        if entered:
            print(f"queue {name:<9} {entered:>4} contacts entered")
    for name, sid in centre.agents.items():
        handled = (await ws.workers(sid).statistics.fetch(minutes=minutes)).cumulative
        print(f"agent {name:<6} {handled.reservations_accepted if handled else 0:>3} contacts")


async def main() -> None:
    start = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)  # a Monday, 8 o'clock
    fake = FakeTaskRouter(clock=lambda: start)
    fake.mount(APP_URL, assignment_app(fake.auth_token))
    async with fake.async_client() as client:
        ws = client.workspaces(fake.workspace_sid)
        centre = await setup(ws)
        seconds = await simulate(fake, ws, centre)
        print(f"simulated {seconds // 60} minutes of a contact centre")
        await report(ws, centre, minutes=seconds // 60 + 1)


if __name__ == "__main__":
    asyncio.run(main())
