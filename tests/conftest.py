"""Shared fixtures: every test that takes ``client`` runs with each client kind respx can
mock: ``Client``, and ``AsyncClient`` under asyncio and under trio (see tests/clients.py).

Test bodies are written once, as coroutines; ``run`` awaits what the async client returns
and passes the sync client's results through, ``collect`` drains either paginator.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import respx

from taskrouter_client import AsyncClient, Client
from taskrouter_client.testing import instant_retries
from tests.clients import HTTPX_KINDS

pytest_plugins = ["pytester", "tests.emulator_world", "tests.emulator_api"]

DATA = Path(__file__).parent / "data"

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "auth-token-SECRET-5f2a9c"  # fake; tests assert it never leaks
API_KEY = "SK" + "fedcba9876543210" * 2
API_SECRET = "api-secret-SECRET-8e1d7b"
BASE = "https://taskrouter.twilio.com"
WS = "WS" + "a" * 32
WT = "WT" + "b" * 32
WW = "WW" + "c" * 32
WQ = "WQ" + "d" * 32
WK = "WK" + "e" * 32
WR = "WR" + "f" * 32
TASKS_PATH = f"/v1/Workspaces/{WS}/Tasks"
TASK_PATH = f"{TASKS_PATH}/{WT}"

_CREDENTIAL_VARS = (
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_API_KEY",
    "TWILIO_API_SECRET",
    "TWILIO_REGION",
    "TWILIO_EDGE",
)


def fixture_json(name: str) -> Any:
    """A twilio-python response body from tests/data/fixtures."""
    return json.loads((DATA / "fixtures" / f"{name}.json").read_text())


def load_spec() -> dict[str, Any]:
    """Twilio's OpenAPI description of TaskRouter v1."""
    spec: dict[str, Any] = json.loads((DATA / "spec" / "twilio_taskrouter_v1.json").read_text())
    return spec


def task_body(**changes: Any) -> dict[str, Any]:
    """A realistic Task body, with ``changes`` applied."""
    body: dict[str, Any] = fixture_json("task__test_fetch_response")
    body.update(changes)
    return body


async def run(value: Any) -> Any:
    """The result of a client call: awaited for the async client, as is for the sync one."""
    return await value if inspect.isawaitable(value) else value


async def collect(iterable: Any) -> list[Any]:
    """Every item of a sync or async iterable."""
    if hasattr(iterable, "__aiter__"):
        return [item async for item in iterable]
    return list(iterable)


@pytest.fixture
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """trio for a test parametrised with the client kind "trio", asyncio for the others."""
    callspec = getattr(request.node, "callspec", None)
    params = callspec.params.values() if callspec is not None else ()
    wants_trio = any(p == "trio" or (isinstance(p, tuple) and "trio" in p) for p in params)
    return "trio" if wants_trio else "asyncio"


@pytest.fixture(autouse=True)
def waits() -> Iterator[list[float]]:
    """No test sleeps for a retry; the waits the SDK would have slept are recorded here."""
    with instant_retries() as recorded:
        yield recorded


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own Twilio credentials."""
    for name in _CREDENTIAL_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    """A respx router for Twilio's host; an unmocked request fails the test."""
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.fixture(params=HTTPX_KINDS)
async def client(request: pytest.FixtureRequest) -> AsyncIterator[Client | AsyncClient]:
    """A client of each kind, with fake credentials, closed after the test."""
    if request.param == "sync":
        with Client(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as sync_client:
            yield sync_client
    else:
        async with AsyncClient(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN) as async_client:
            yield async_client
