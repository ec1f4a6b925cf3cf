"""Callers and agents on the emulator, so the wallboard has something to show.

Without Twilio credentials the wallboard reads the built-in emulator, where nothing happens
by itself. :class:`Traffic` sets up what a contact centre would have (a Sales and a Support
queue, a Workflow routing each call by its skill, four agents, available) and, before each
round of the wallboard, plays half a minute of it: calls arrive and are routed, agents
accept what they are offered and finish calls they took a minute ago, a caller tired of
waiting hangs up, and the emulator's clock moves on. On Twilio your contact centre does all
of this; the wallboard only reads.
"""

from __future__ import annotations

import random

from taskrouter_client import AsyncWorkspaceContext
from taskrouter_client.testing import FakeTaskRouter

SKILLS = ("sales", "support")
AGENTS = {"Ana": ["sales", "support"], "Ben": ["sales"], "Cy": ["support"], "Dee": ["sales"]}
CALLS_PER_STEP = 3
STEP = 30  # seconds of the emulator's clock per step
CALL_LENGTH = 2  # steps an agent spends on a call


class Traffic:
    """A small contact centre's comings and goings, half a minute per :meth:`step`."""

    def __init__(self, fake: FakeTaskRouter, ws: AsyncWorkspaceContext) -> None:
        self.fake = fake
        self.ws = ws
        self.workflow_sid = ""
        self.agents: list[str] = []
        self.taken: dict[str, int] = {}  # Task SID: the step its call was accepted
        self.steps = 0
        self.rng = random.Random(5)  # noqa: S311  # a demo, not a secret: the same calls each run

    async def start(self) -> None:
        """The queues, the Workflow and the agents, as you would set them up on Twilio."""
        filters = []
        for skill in SKILLS:
            queue = await self.ws.task_queues.create(
                friendly_name=skill.capitalize(), target_workers=f"skills HAS '{skill}'"
            )
            filters.append({"expression": f"skill == '{skill}'", "targets": [{"queue": queue.sid}]})
        # The emulator's own queue would show an empty row: gone, with the Workflow using it.
        await self.ws.workflows(self.fake.workflow_sid).delete()
        await self.ws.task_queues(self.fake.task_queue_sid).delete()
        workflow = await self.ws.workflows.create(
            friendly_name="Inbound", configuration={"task_routing": {"filters": filters}}
        )
        self.workflow_sid = workflow.sid or ""
        available = await self.ws.activities.list(friendly_name="Available").first()
        for name, skills in AGENTS.items():
            agent = await self.ws.workers.create(
                friendly_name=name,
                attributes={"skills": skills},
                activity_sid=available.sid if available else None,
            )
            self.agents.append(agent.sid or "")

    async def step(self) -> None:
        """Half a minute: calls end, arrive and are answered; now and then a caller gives up."""
        self.steps += 1
        for task_sid, since in list(self.taken.items()):
            if self.steps - since >= CALL_LENGTH:
                await self.ws.tasks(task_sid).update(assignment_status="completed", reason="done")
                del self.taken[task_sid]
        for _ in range(CALLS_PER_STEP):
            await self.ws.tasks.create(
                workflow_sid=self.workflow_sid, attributes={"skill": self.rng.choice(SKILLS)}
            )
        for agent in self.agents:  # TaskRouter offered them calls; they take them
            async for offer in self.ws.workers(agent).reservations.list(
                reservation_status="pending"
            ):
                await self.ws.workers(agent).reservations(offer.sid or "").accept()
                self.taken[offer.task_sid or ""] = self.steps
        pending = self.ws.tasks.list(assignment_status="pending", ordering="DateCreated:asc")
        waiting = await pending.first()
        if waiting is not None and self.steps % 2 == 0:
            await self.ws.tasks(waiting.sid or "").update(
                assignment_status="canceled", reason="caller hung up"
            )
        self.fake.advance(STEP)
