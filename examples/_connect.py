"""Where the examples run: Twilio when TWILIO_ACCOUNT_SID is set, the built-in emulator if not.

With Twilio, the examples read TASKROUTER_WORKSPACE_SID, TASKROUTER_WORKFLOW_SID and
TASKROUTER_WORKER_SID(S); TASKROUTER_BASE_URL points them at a served emulator
(``python -m taskrouter_client.testing serve`` prints all of these).

With the emulator, ``setup.fake`` is the FakeTaskRouter. Examples use it only to stand in
for what would happen on Twilio by itself: Tasks arriving or reserved for a Worker, time
passing.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from taskrouter_client import AsyncClient, Client
from taskrouter_client.testing import FakeTaskRouter

C = TypeVar("C", Client, AsyncClient)


@dataclass
class Setup(Generic[C]):
    client: C
    workspace_sid: str
    workflow_sid: str
    worker_sids: list[str] = field(default_factory=list)
    fake: FakeTaskRouter | None = None


def _on_twilio() -> bool:
    return bool(os.environ.get("TWILIO_ACCOUNT_SID"))


def _from_environment(client: C) -> Setup[C]:
    workers = os.environ.get("TASKROUTER_WORKER_SIDS") or os.environ.get(
        "TASKROUTER_WORKER_SID", ""
    )
    return Setup(
        client=client,
        workspace_sid=os.environ["TASKROUTER_WORKSPACE_SID"],
        workflow_sid=os.environ["TASKROUTER_WORKFLOW_SID"],
        worker_sids=[sid for sid in workers.split(",") if sid],
    )


def _emulated(client: C, fake: FakeTaskRouter) -> Setup[C]:
    print("TWILIO_ACCOUNT_SID is not set: running against the built-in TaskRouter emulator")
    return Setup(client, fake.workspace_sid, fake.workflow_sid, [fake.worker_sid], fake)


@contextmanager
def connect() -> Iterator[Setup[Client]]:
    """A Client and the SIDs to use, closed afterwards."""
    if _on_twilio():
        with Client(base_url=os.environ.get("TASKROUTER_BASE_URL")) as client:
            yield _from_environment(client)
    else:
        fake = FakeTaskRouter()
        with fake.client() as client:
            yield _emulated(client, fake)


@asynccontextmanager
async def connect_async() -> AsyncIterator[Setup[AsyncClient]]:
    """An AsyncClient and the SIDs to use, closed afterwards."""
    if _on_twilio():
        async with AsyncClient(base_url=os.environ.get("TASKROUTER_BASE_URL")) as client:
            yield _from_environment(client)
    else:
        fake = FakeTaskRouter()
        async with fake.async_client() as client:
            yield _emulated(client, fake)
