"""Instructions per fetch over loopback, counted by callgrind in the client process only.

    python benchmarks/instructions.py [NAME ...] [--calls N]

Wall time on a shared machine moves by 10-30 % from run to run; the instructions a process
runs do not. For each contender, a fresh client process fetches the Task from the loopback
server (``loopback_server.py``, not counted) ``N`` times after a warm-up, and again ``N/5``
times, each under ``valgrind --tool=callgrind``; the difference between the two counts,
divided by the difference in fetches, is the cost of one fetch: start-up, imports, the
client's set-up and the warm-up cancel out. ``PYTHONHASHSEED`` is fixed so that both
processes hash alike.

Contenders are those of ``network.py`` (the httpx-aiohttp bridge left out), plus raw aiohttp
followed by the SDK's parse of the Task, to show what the SDK adds besides parsing, and a
sync pair that fetches 300 Tasks in turn, so that no URL is fetched twice in a row.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loopback_server import TASK, serve  # the script's own directory

WS, WT = TASK["workspace_sid"], TASK["sid"]
SID, TOKEN = "AC" + "0" * 32, "benchmark-token"
AUTHORIZATION = {"Authorization": "Basic " + base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()}
WARM_UP = 30
CALLS = 250

# (name, its baseline or None): the order in which they are counted and printed
CONTENDERS = [
    ("raw-aiohttp", None),
    ("raw-aiohttp-parse", None),
    ("ours-aiohttp", "twilio-async"),
    ("twilio-async", None),
    ("raw-httpx", None),
    ("ours-httpx", "raw-httpx"),
    ("raw-httpx-sync", None),
    ("ours-sync", "raw-httpx-sync"),
    ("twilio-sync", None),
    ("raw-httpx-sync-distinct", None),
    ("ours-sync-distinct", "raw-httpx-sync-distinct"),
]
DISTINCT = 300
"""The ``-distinct`` contenders fetch this many Tasks in turn: every URL is new to the SDK's
cache of parsed URLs (256), which the others, fetching one Task, always hit."""


def _path(base: str) -> str:
    return f"{base}/v1/Workspaces/{WS}/Tasks/{WT}"


def _ours(base: str) -> dict[str, Any]:
    return {"account_sid": SID, "auth_token": TOKEN, "base_url": base}


def _loop(fetch: Callable[[], object], count: int) -> None:
    for _ in range(WARM_UP):
        fetch()
    for _ in range(count):
        fetch()


async def _aloop(fetch: Callable[[], Awaitable[object]], count: int) -> None:
    for _ in range(WARM_UP):
        await fetch()
    for _ in range(count):
        await fetch()


def _distinct(base: str) -> list[str]:
    return [_path(base).replace(WT, f"WT{n:032x}") for n in range(DISTINCT)]


def _sync(name: str, base: str, count: int) -> None:
    if name.endswith("-distinct"):
        _sync_distinct(name, base, count)
    elif name == "raw-httpx-sync":
        import httpx  # noqa: PLC0415

        with httpx.Client() as raw:
            url = _path(base)
            _loop(lambda: json.loads(raw.get(url, headers=AUTHORIZATION).content), count)
    elif name == "ours-sync":
        from taskrouter_client import Client  # noqa: PLC0415

        with Client(**_ours(base)) as client:
            _loop(client.workspaces(WS).tasks(WT).fetch, count)
    else:
        from twilio.rest import Client as TwilioClient  # noqa: PLC0415

        twilio = TwilioClient(SID, TOKEN)
        twilio.taskrouter.base_url = base
        _loop(twilio.taskrouter.v1.workspaces(WS).tasks(WT).fetch, count)


def _sync_distinct(name: str, base: str, count: int) -> None:
    urls = itertools.cycle(_distinct(base))
    if name == "raw-httpx-sync-distinct":
        import httpx  # noqa: PLC0415

        with httpx.Client() as raw:
            _loop(lambda: json.loads(raw.get(next(urls), headers=AUTHORIZATION).content), count)
    else:
        from taskrouter_client import Client  # noqa: PLC0415

        with Client(**_ours(base)) as client:
            ws = client.workspaces(WS)
            tasks = itertools.cycle([ws.tasks(url.rsplit("/", 1)[1]) for url in _distinct(base)])
            _loop(lambda: next(tasks).fetch(), count)


async def _async(name: str, base: str, count: int) -> None:
    import aiohttp  # noqa: PLC0415

    url = _path(base)
    if name in {"raw-aiohttp", "raw-aiohttp-parse"}:
        from taskrouter_client._models import Task  # noqa: PLC0415
        from taskrouter_client._parsers import parser  # noqa: PLC0415

        parse = parser(Task)
        async with aiohttp.ClientSession() as session:

            async def raw() -> object:
                async with session.get(url, headers=AUTHORIZATION) as response:
                    return json.loads(await response.read())

            async def parsed() -> object:
                async with session.get(url, headers=AUTHORIZATION) as response:
                    return parse(
                        json.loads(await response.read()), response.headers.get("etag"), None
                    )

            await _aloop(raw if name == "raw-aiohttp" else parsed, count)
    elif name == "ours-aiohttp":
        from taskrouter_client import AsyncClient  # noqa: PLC0415

        async with aiohttp.ClientSession() as session:
            client = AsyncClient(**_ours(base), http_client=session)
            await _aloop(client.workspaces(WS).tasks(WT).fetch, count)
    elif name == "raw-httpx":
        import httpx  # noqa: PLC0415

        async with httpx.AsyncClient() as raw_httpx:

            async def fetch() -> object:
                return json.loads((await raw_httpx.get(url, headers=AUTHORIZATION)).content)

            await _aloop(fetch, count)
    elif name == "ours-httpx":
        from taskrouter_client import AsyncClient  # noqa: PLC0415

        async with AsyncClient(**_ours(base)) as client:
            await _aloop(client.workspaces(WS).tasks(WT).fetch, count)
    else:
        from twilio.http.async_http_client import AsyncTwilioHttpClient  # noqa: PLC0415
        from twilio.rest import Client as TwilioClient  # noqa: PLC0415

        http = AsyncTwilioHttpClient()
        twilio = TwilioClient(SID, TOKEN, http_client=http)
        twilio.taskrouter.base_url = base
        try:
            await _aloop(twilio.taskrouter.v1.workspaces(WS).tasks(WT).fetch_async, count)
        finally:
            await http.close()


def child(name: str, base: str, count: int) -> None:
    """Run in the counted process: ``count`` fetches after the warm-up."""
    if name.endswith(("-sync", "-distinct")):
        _sync(name, base, count)
    else:
        asyncio.run(_async(name, base, count))


def counted(name: str, base: str, count: int) -> int:
    """Instructions of one client process making ``count`` fetches (plus the warm-up)."""
    callgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    command = [*callgrind, sys.executable, __file__, "--child", name, base, str(count)]
    environment = os.environ | {"PYTHONHASHSEED": "0"}
    run = subprocess.run(command, capture_output=True, text=True, check=True, env=environment)  # noqa: S603
    (line,) = [line for line in run.stderr.splitlines() if "Collected" in line]
    return int(line.split()[-1])


def per_fetch(name: str, base: str, calls: int) -> float:
    """Instructions one fetch costs: the difference between ``calls`` and ``calls / 5``."""
    fewer = calls // 5
    return (counted(name, base, calls) - counted(name, base, fewer)) / (calls - fewer)


def run(names: list[str] | None = None, calls: int = CALLS) -> list[dict[str, Any]]:
    """Count each contender (all, or ``names``); print and return one row each."""
    if not shutil.which("valgrind"):
        print("instructions: valgrind is not installed; no figures")
        return []
    chosen = [(n, b) for n, b in CONTENDERS if names is None or n in names]
    with serve() as base:
        counts = {name: per_fetch(name, base, calls) for name, _ in chosen}
    print(f"\n{'instructions per fetch (loopback, client only)':48} {'count':>11} {'ratio':>7}")
    rows = []
    for name, baseline in chosen:
        ratio = counts[name] / counts[baseline] if baseline in counts else None
        shown = f"{ratio:6.2f}x vs {baseline}" if ratio is not None else ""
        print(f"{name:48} {counts[name]:11,.0f} {shown}")
        rows.append(
            {"contender": name, "per_fetch": round(counts[name]), "baseline": baseline}
            | ({"ratio": round(ratio, 3)} if ratio is not None else {})
        )
    return rows


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        child(argv[1], argv[2], int(argv[3]))
        return
    calls = CALLS
    if "--calls" in argv:
        at = argv.index("--calls")
        calls = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    run(argv or None, calls)


if __name__ == "__main__":
    main(sys.argv[1:])
