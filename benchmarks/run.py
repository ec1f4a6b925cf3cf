"""Benchmarks: what the SDK costs on top of plain httpx + json, measured in the same run.

    python benchmarks/run.py [--quick] [--instructions] [--no-network] [--json PATH]

Every figure is a ratio against a baseline timed in this process, on this machine. The two
are timed alternately, repeat after repeat, and the ratio reported is the median of the
paired ratios: load that drifts during the run then weighs on both sides alike.

- call: a Task fetch through Client/AsyncClient vs the same GET with raw httpx and json.loads,
  both answered in memory by one httpx.MockTransport (no network, so SDK overhead shows);
- start-up (``startup.py``): import, and import plus a first fetch, vs twilio's;
- parsing and memory (``parsing.py``): a 1000-Task page into models vs json.loads and vs
  twilio's TaskPage; memory held by a page's models; peak RSS iterating 100,000 Tasks;
- vs twilio: where Twilio's helper library (`twilio`) is installed, a Task fetch and a
  1000-Task list through it vs through Client, each stack answered in memory by its own HTTP
  library (requests for Twilio, httpx for us), so both pay for everything but the socket;
- network (``network.py``): a Task fetched over loopback, one at a time and in bursts,
  against raw httpx, raw aiohttp and twilio's clients (``--no-network`` leaves it out);
- instructions (``--instructions``): the instructions each start-up process runs, and
  (``instructions.py``) the instructions per fetch over loopback of each network contender,
  counted by callgrind: figures that the load of a shared machine does not move.

Every figure is also written as JSON (``--json``, default ``benchmarks/results.json``) so
that runs can be compared.
"""

from __future__ import annotations

import asyncio
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import parsing
import startup
from measure import Timing, paired, show

from taskrouter_client import AsyncClient, Client

ROOT = Path(__file__).resolve().parent.parent
TASK = json.loads((ROOT / "tests/data/fixtures/task__test_fetch_response.json").read_text())
WS, WT = TASK["workspace_sid"], TASK["sid"]
URL = f"https://taskrouter.twilio.com/v1/Workspaces/{WS}/Tasks/{WT}"
CREDENTIALS = {"account_sid": "AC" + "0" * 32, "auth_token": "benchmark-token"}


def answer(_: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=TASK, headers={"ETag": '"1"'})


def answer_both(page: bytes) -> Callable[[httpx.Request], httpx.Response]:
    """The Task for a fetch, `page` for a list."""
    headers = {"Content-Type": "application/json", "ETag": '"1"'}

    def respond(request: httpx.Request) -> httpx.Response:
        body = page if request.url.path.endswith("/Tasks") else json.dumps(TASK).encode()
        return httpx.Response(200, content=body, headers=headers)

    return respond


def sync_call(repeats: int, number: int) -> Timing:
    transport = httpx.MockTransport(answer)
    with (
        httpx.Client(transport=transport) as raw,
        Client(**CREDENTIALS, http_client=httpx.Client(transport=transport)) as client,
    ):
        task = client.workspaces(WS).tasks(WT)
        return paired(repeats, number, lambda: json.loads(raw.get(URL).content), task.fetch)


def async_call(repeats: int, number: int) -> Timing:
    async def measure(work: Callable[[], Any]) -> float:
        start = time.perf_counter()
        for _ in range(number):
            await work()
        return (time.perf_counter() - start) / number

    async def main() -> Timing:
        transport = httpx.MockTransport(answer)
        async with (
            httpx.AsyncClient(transport=transport) as raw,
            AsyncClient(
                **CREDENTIALS, http_client=httpx.AsyncClient(transport=transport)
            ) as client,
        ):
            task = client.workspaces(WS).tasks(WT)

            async def raw_fetch() -> object:
                return json.loads((await raw.get(URL)).content)

            pairs = [(await measure(raw_fetch), await measure(task.fetch)) for _ in range(repeats)]
            ratios = sorted(ours / base for base, ours in pairs)
            return min(b for b, _ in pairs), min(o for _, o in pairs), ratios[len(ratios) // 2]

    return asyncio.run(main())


def page_bytes(count: int) -> bytes:
    tasks = [dict(TASK, sid=f"WT{n:032x}") for n in range(count)]
    meta = {"key": "tasks", "next_page_url": None, "page": 0, "page_size": count}
    return json.dumps({"tasks": tasks, "meta": meta}).encode()


def versus_twilio(repeats: int, calls: int, lists: int) -> list[tuple[str, Timing]]:
    """Twilio's helper library against Client, each on its own HTTP stack answered in memory."""
    try:
        import requests  # noqa: PLC0415 (Twilio's own dependency, present only with it)
        import twilio  # noqa: PLC0415
        from twilio.http.http_client import TwilioHttpClient  # noqa: PLC0415
        from twilio.rest import Client as TwilioClient  # noqa: PLC0415
    except ImportError:
        return []
    respond = answer_both(page_bytes(1000))

    class InMemoryAdapter(requests.adapters.BaseAdapter):
        def send(self, request: Any, **_: object) -> Any:
            answer = respond(httpx.Request(request.method, request.url))
            response = requests.Response()
            response.status_code, response._content = answer.status_code, answer.content
            response.headers.update(answer.headers)
            response.url, response.request, response.encoding = request.url, request, "utf-8"
            return response

        def close(self) -> None:
            pass

    http = TwilioHttpClient()
    http.session.mount("https://", InMemoryAdapter())
    helper = TwilioClient(CREDENTIALS["account_sid"], CREDENTIALS["auth_token"], http_client=http)
    transport = httpx.MockTransport(respond)
    with Client(**CREDENTIALS, http_client=httpx.Client(transport=transport)) as client:
        theirs, ours = helper.taskrouter.v1.workspaces(WS).tasks, client.workspaces(WS).tasks
        label = f"(twilio {twilio.__version__})"
        return [
            (
                f"fetch vs twilio {label}",
                paired(repeats, calls, theirs(WT).fetch, ours(WT).fetch),
            ),
            (
                "list 1000 tasks vs twilio",
                paired(
                    repeats,
                    lists,
                    lambda: theirs.list(page_size=1000, limit=1000),
                    lambda: list(ours.list(page_size=1000, limit=1000)),
                ),
            ),
        ]


def main() -> None:
    quick = "--quick" in sys.argv
    repeats, calls, parses = (5, 300, 3) if quick else (21, 1000, 5)
    rows = [
        ("call  sync  fetch (per call)", *sync_call(repeats, calls)),
        ("call  async fetch (per call)", *async_call(repeats, calls)),
    ]
    heading = f"{'benchmark':34} {'baseline':>12} {'sdk':>12} {'ratio':>8}"
    print(f"{heading}  (fastest of each; median of paired ratios; baseline: httpx + json)")
    for name, baseline, ours, ratio in rows:
        print(f"{name:34} {baseline * 1e6:10.1f}us {ours * 1e6:10.1f}us {ratio:7.2f}x")
    versus = versus_twilio(repeats, calls, parses)
    if versus:
        print("\nbaseline: Twilio's helper library; below 1.00x, this SDK is faster")
    for name, (baseline, ours, ratio) in versus:
        print(f"{name:34} {baseline * 1e6:10.1f}us {ours * 1e6:10.1f}us {ratio:7.2f}x")
    started = startup.run(quick=quick, count_instructions="--instructions" in sys.argv)
    startup.show_startup(started)
    parsed = parsing.run(quick=quick)
    print("\nparsing and memory (median of paired ratios)")
    show(parsed)
    print(f"\npython {sys.version.split()[0]}, httpx {httpx.__version__}")
    record: dict[str, Any] = {"figures": started + parsed}
    if "--no-network" not in sys.argv:
        import network  # noqa: PLC0415  # needs the bench session's servers and rivals

        record["network"] = network.main(_without_json(sys.argv[1:]))
        if "--instructions" in sys.argv:
            import instructions  # noqa: PLC0415  # the same contenders, under callgrind

            record["instructions_per_fetch"] = instructions.run()
    write_json(record)


def _without_json(argv: list[str]) -> list[str]:
    """``argv`` less ``--json PATH``: this script writes the one JSON file of the run."""
    if "--json" not in argv:
        return argv
    at = argv.index("--json")
    return argv[:at] + argv[at + 2 :]


def write_json(record: dict[str, Any]) -> None:
    """The figures and the setup they were measured on, for comparing runs."""
    at = sys.argv.index("--json") + 1 if "--json" in sys.argv else None
    path = Path(sys.argv[at]) if at else ROOT / "benchmarks/results.json"
    setup = {
        "python": sys.version.split()[0],
        "httpx": httpx.__version__,
        "twilio": startup.twilio_version(),
        "machine": platform.machine(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": "--quick" in sys.argv,
    }
    path.write_text(json.dumps({"setup": setup, **record}, indent=2) + "\n")
    print(f"figures written to {path}")


if __name__ == "__main__":
    main()
