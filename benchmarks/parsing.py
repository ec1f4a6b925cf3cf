"""Parsing and memory: a 1,000-Task page into models, and iterating 100,000 Tasks.

    python benchmarks/parsing.py [--quick]

- page into models: ``read_page`` on a 1,000-Task list body (bytes in, frozen Tasks out)
  against ``json.loads`` of the same bytes, and against Twilio's helper library turning the
  same body into its ``TaskInstance`` objects (its ``TaskPage``: JSON decoding included on
  both sides, no HTTP on either);
- memory held: the 1,000 models of a page against the 1,000 decoded dicts (tracemalloc);
- memory over time: peak RSS of a fresh process iterating ``tasks.list()`` over 100,000
  Tasks (100 pages of 1,000, answered in memory) against the same process stopping after
  10,000: flat means about 1.0x. For scale, the same pages decoded with ``json.loads`` alone.

Tasks carry every field Twilio sends today (the fixture lacks the three newest).
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

from measure import paired, row, show

ROOT = Path(__file__).resolve().parent.parent
TASK = json.loads((ROOT / "tests/data/fixtures/task__test_fetch_response.json").read_text())
TASK |= {"virtual_start_time": TASK["date_created"], "ignore_capacity": False}
TASK |= {"routing_target": None}
WS = TASK["workspace_sid"]
PAGE_SIZE = 1000


def tasks_json(count: int) -> str:
    """``count`` distinct Tasks as a JSON array."""
    return json.dumps([dict(TASK, sid=f"WT{n:032x}") for n in range(count)])


def page_bytes(tasks: str, next_page_url: str | None = None) -> bytes:
    """A list body holding ``tasks`` (a JSON array) and the given next page."""
    meta = {"key": "tasks", "next_page_url": next_page_url, "page_size": PAGE_SIZE}
    return f'{{"tasks": {tasks}, "meta": {json.dumps(meta)}}}'.encode()


def page_into_models(repeats: int, number: int) -> list[dict[str, Any]]:
    from taskrouter_client._generated.tasks import LIST_TASK  # noqa: PLC0415
    from taskrouter_client._http_info import HTTPInfo  # noqa: PLC0415
    from taskrouter_client._responses import Response, read_page  # noqa: PLC0415

    content = page_bytes(tasks_json(PAGE_SIZE))
    info = HTTPInfo(status=200, method="GET", path="/", headers={}, elapsed=0.0)
    response = Response(info, content)

    def ours() -> object:
        return read_page(LIST_TASK, response).items

    assert len(ours()) == PAGE_SIZE  # noqa: S101  # and the parser is built before timing
    rows = [
        row(
            "parsing",
            "1,000-Task page into models",
            baseline="json.loads of the same bytes",
            timing=paired(repeats, number, lambda: json.loads(content), ours),
            target=("<=", 2.0),
        )
    ]
    theirs = twilio_page(content)
    if theirs is not None:
        version, label = theirs
        timing = paired(repeats, number, version, ours)
        rows.append(
            row(
                "parsing",
                "1,000-Task page into models vs twilio",
                baseline=f"{label}: TaskPage of the same bytes into TaskInstances",
                timing=timing,
                target=("<=", 0.333),  # at least 3x faster
                times_faster=round(1 / timing[2], 2),
            )
        )
    return rows


def twilio_page(content: bytes) -> tuple[Any, str] | None:
    """Twilio's page-into-instances for ``content``, and its label (None if not installed)."""
    try:
        import twilio  # noqa: PLC0415
        from twilio.http.response import Response  # noqa: PLC0415
        from twilio.rest import Client  # noqa: PLC0415
        from twilio.rest.taskrouter.v1.workspace.task import TaskPage  # noqa: PLC0415
    except ImportError:
        return None
    v1 = Client("AC" + "0" * 32, "token").taskrouter.v1
    response = Response(200, content.decode())

    def theirs() -> object:
        return list(TaskPage(v1, response, {"workspace_sid": WS}))

    assert len(theirs()) == PAGE_SIZE  # noqa: S101
    return theirs, f"twilio {twilio.__version__}"


def iterate(count: int, mode: str) -> None:
    """In a fresh process: iterate ``count`` Tasks, then print the peak RSS in bytes."""
    import httpx  # noqa: PLC0415

    from taskrouter_client import Client  # noqa: PLC0415

    pages = -(-count // PAGE_SIZE)
    tasks = tasks_json(PAGE_SIZE)
    url = f"https://taskrouter.twilio.com/v1/Workspaces/{WS}/Tasks?PageSize={PAGE_SIZE}"

    def answer(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("PageToken", "0"))
        more = f"{url}&PageToken={number + 1}" if number + 1 < pages else None
        return httpx.Response(200, content=page_bytes(tasks, more))

    seen = 0
    http = httpx.Client(transport=httpx.MockTransport(answer))
    if mode == "json":
        for number in range(pages):
            seen += len(json.loads(http.get(f"{url}&PageToken={number}").content)["tasks"])
    else:
        with Client(account_sid="AC" + "0" * 32, auth_token="token", http_client=http) as client:
            for _ in client.workspaces(WS).tasks.list(page_size=PAGE_SIZE):
                seen += 1
    assert seen == pages * PAGE_SIZE  # noqa: S101
    print(peak_rss_of_this_process())


def peak_rss_of_this_process() -> int:
    """Peak RSS in bytes: Linux's VmHWM (ru_maxrss would carry the parent's, from before exec)."""
    status = Path("/proc/self/status")
    if status.exists():
        (line,) = [line for line in status.read_text().splitlines() if line.startswith("VmHWM:")]
        return int(line.split()[1]) * 1024
    import resource  # noqa: PLC0415

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # bytes on macOS


def peak_rss(count: int, mode: str) -> float:
    run = subprocess.run(  # noqa: S603  # this interpreter, this file
        [sys.executable, __file__, "--iterate", str(count), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(run.stdout)


def held() -> dict[str, Any]:
    """Bytes held by a page's 1,000 models against its 1,000 decoded dicts."""
    from taskrouter_client._generated.tasks import LIST_TASK  # noqa: PLC0415
    from taskrouter_client._http_info import HTTPInfo  # noqa: PLC0415
    from taskrouter_client._responses import Response, read_page  # noqa: PLC0415

    content = page_bytes(tasks_json(PAGE_SIZE))
    info = HTTPInfo(status=200, method="GET", path="/", headers={}, elapsed=0.0)

    def size(make: Any) -> float:
        gc.collect()
        tracemalloc.start()
        kept = make()
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        del kept
        return float(held)

    models = size(lambda: read_page(LIST_TASK, Response(info, content)).items)
    decoded = size(lambda: json.loads(content)["tasks"])
    return row(
        "memory",
        "1,000 Tasks held: models vs decoded dicts",
        baseline="the page's 1,000 decoded dicts (json.loads)",
        timing=(decoded, models, models / decoded),
        unit="MB",
    )


def memory() -> list[dict[str, Any]]:
    tenth, whole = peak_rss(10 * PAGE_SIZE, "sdk"), peak_rss(100 * PAGE_SIZE, "sdk")
    decoded = peak_rss(100 * PAGE_SIZE, "json")
    return [
        row(
            "memory",
            "iterate 100,000 Tasks: peak RSS vs 10,000",
            baseline="the same iteration stopped at 10,000 Tasks",
            timing=(tenth, whole, whole / tenth),
            unit="MB",
            target=("<=", 1.1),
        ),
        row(
            "memory",
            "iterate 100,000 Tasks: peak RSS vs json only",
            baseline="the same pages decoded with json.loads, no models",
            timing=(decoded, whole, whole / decoded),
            unit="MB",
        ),
    ]


def run(*, quick: bool = False) -> list[dict[str, Any]]:
    """The parsing and memory figures."""
    repeats, number = (5, 3) if quick else (21, 5)
    return [*page_into_models(repeats, number), held(), *memory()]


if __name__ == "__main__":
    if "--iterate" in sys.argv:
        at = sys.argv.index("--iterate")
        iterate(int(sys.argv[at + 1]), sys.argv[at + 2])
    else:
        os.chdir(ROOT)
        print("parsing and memory (median of paired ratios)")
        show(run(quick="--quick" in sys.argv))
