"""The ``world`` fixture: a client of each kind (tests/clients.py) bound to a fresh emulator,
in process (as an httpx transport) and served over loopback HTTP, every answer checked
against the spec. Loaded as a pytest plugin by tests/conftest.py."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from typing import Any

import pytest

import taskrouter_client as tr
from taskrouter_client.testing import FakeTaskRouter
from tests import spec_schema
from tests.clients import EMULATED, OnResponse, emulated_client
from tests.conftest import run

START = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


class World:
    """A client bound to an emulator, and the operations whose answers were validated."""

    def __init__(self, client: Any, fake: FakeTaskRouter, answered: list[str]) -> None:
        self.client = client
        self.fake = fake
        self.answered = answered
        self.ws = client.workspaces(fake.workspace_sid)


def _validator(answered: list[str]) -> OnResponse:
    def check(method: str, path: str, status: int, content: bytes) -> None:
        body = json.loads(content) if content else None
        answered.append(spec_schema.validate(method, path, status, body))

    return check


@pytest.fixture(params=EMULATED, ids="-".join)
async def world(request: pytest.FixtureRequest) -> AsyncIterator[World]:
    async with _world(*request.param) as made:
        yield made


@pytest.fixture(params=[("sync", "in-process"), ("async", "in-process")], ids="-".join)
async def local_world(request: pytest.FixtureRequest) -> AsyncIterator[World]:
    """A :class:`World` of a sync and an async client, in process only: quicker, for tests
    of the emulator's rules rather than of the clients."""
    async with _world(*request.param) as made:
        yield made


@asynccontextmanager
async def _world(kind: str, where: str) -> AsyncIterator[World]:
    fake = FakeTaskRouter(clock=lambda: START)
    answered: list[str] = []
    async with emulated_client(kind, where, fake, on_response=_validator(answered)) as client:
        yield World(client, fake, answered)


async def create(world: World, **arguments: Any) -> tr.Task:
    arguments.setdefault("attributes", {"type": "support"})
    arguments.setdefault("workflow_sid", world.fake.workflow_sid)
    world.fake.advance(1)  # one Task a second: creation order is also time order
    return await run(world.ws.tasks.create(**arguments))
