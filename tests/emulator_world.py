"""The ``world`` fixture: a client of each kind bound to a fresh emulator, in process (as an
httpx transport) and served over loopback HTTP, every answer checked against the spec.
Loaded as a pytest plugin by tests/conftest.py."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

import taskrouter_client as tr
from taskrouter_client.testing import FakeTaskRouter
from tests import spec_schema
from tests.conftest import run

START = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


class World:
    """A client bound to an emulator, and the operations whose answers were validated."""

    def __init__(self, client: Any, fake: FakeTaskRouter, answered: list[str]) -> None:
        self.client = client
        self.fake = fake
        self.answered = answered
        self.ws = client.workspaces(fake.workspace_sid)


def _validator(answered: list[str]) -> tuple[Any, Any]:
    def check(response: httpx.Response) -> None:
        body = json.loads(response.content) if response.content else None
        request = response.request
        answered.append(
            spec_schema.validate(request.method, request.url.path, response.status_code, body)
        )

    def sync_hook(response: httpx.Response) -> None:
        response.read()
        check(response)

    async def async_hook(response: httpx.Response) -> None:
        await response.aread()
        check(response)

    return sync_hook, async_hook


WHERE = [
    ("sync", "in-process"),
    ("async", "in-process"),
    ("sync", "served"),
    ("async", "served"),
]
"""Each kind of client, on the emulator as a transport and served over loopback."""


@asynccontextmanager
async def bound_client(
    kind: str, where: str, fake: FakeTaskRouter, hooks: dict[str, Any]
) -> AsyncIterator[Any]:
    """A ``kind`` client on ``fake`` (``where`` as in :data:`WHERE`), its httpx client
    carrying the event ``hooks``; closed afterwards."""
    http_class = httpx.Client if kind == "sync" else httpx.AsyncClient
    client_class = tr.Client if kind == "sync" else tr.AsyncClient
    credentials = {"account_sid": fake.account_sid, "auth_token": fake.auth_token}
    with ExitStack() as stack:
        if where == "in-process":
            http = http_class(transport=fake, event_hooks=hooks)
            client = client_class(**credentials, http_client=http)
        else:
            base_url = stack.enter_context(fake.serve())
            http = http_class(event_hooks=hooks)
            client = client_class(**credentials, base_url=base_url, http_client=http)
        try:
            yield client
        finally:
            await run(http.aclose() if kind == "async" else http.close())


@pytest.fixture(params=WHERE, ids="-".join)
async def world(request: pytest.FixtureRequest) -> AsyncIterator[World]:
    async with _world(*request.param) as made:
        yield made


@pytest.fixture(params=[w for w in WHERE if w[1] == "in-process"], ids="-".join)
async def local_world(request: pytest.FixtureRequest) -> AsyncIterator[World]:
    """A :class:`World` of each kind of client, in process only (quicker than served)."""
    async with _world(*request.param) as made:
        yield made


@asynccontextmanager
async def _world(kind: str, where: str) -> AsyncIterator[World]:
    fake = FakeTaskRouter(clock=lambda: START)
    answered: list[str] = []
    sync_hook, async_hook = _validator(answered)
    hooks: dict[str, Any] = {"response": [sync_hook if kind == "sync" else async_hook]}
    async with bound_client(kind, where, fake, hooks) as client:
        yield World(client, fake, answered)


async def create(world: World, **arguments: Any) -> tr.Task:
    arguments.setdefault("attributes", {"type": "support"})
    arguments.setdefault("workflow_sid", world.fake.workflow_sid)
    world.fake.advance(1)  # one Task a second: creation order is also time order
    return await run(world.ws.tasks.create(**arguments))
