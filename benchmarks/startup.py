"""Start-up: importing the SDK, and importing it plus a first request, in fresh interpreters.

    python benchmarks/startup.py [--quick] [--instructions]

Baseline: Twilio's helper library doing the same (``from twilio.rest import Client``; and a
Task fetch through it, answered in memory by a requests adapter, as ours is by an
``httpx.MockTransport``). Each sample is one new process; the SDK's and twilio's processes
alternate, and the ratio is the median over pairs of the processes' CPU time (user + system,
which another process on the machine does not inflate as it does wall time).

``--instructions`` also counts the instructions each process runs under
``valgrind --tool=callgrind`` (if installed): a figure that load does not move at all.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from measure import row, show

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests/data/fixtures/task__test_fetch_response.json"

OURS_FIRST_FETCH = """
import json, sys
import httpx
from taskrouter_client import Client
body = open(sys.argv[1], "rb").read()
task = json.loads(body)
transport = httpx.MockTransport(
    lambda request: httpx.Response(200, content=body, headers={"ETag": '"1"'})
)
http = httpx.Client(transport=transport)
with Client(account_sid="AC" + "0" * 32, auth_token="token", http_client=http) as client:
    client.workspaces(task["workspace_sid"]).tasks(task["sid"]).fetch()
"""

TWILIO_FIRST_FETCH = """
import json, sys
import requests
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client
body = open(sys.argv[1], "rb").read()
task = json.loads(body)

class InMemory(requests.adapters.BaseAdapter):
    def send(self, request, **_):
        response = requests.Response()
        response.status_code, response._content, response.encoding = 200, body, "utf-8"
        response.headers.update({"Content-Type": "application/json", "ETag": '"1"'})
        response.url, response.request = request.url, request
        return response

    def close(self):
        pass

http = TwilioHttpClient()
http.session.mount("https://", InMemory())
client = Client("AC" + "0" * 32, "token", http_client=http)
client.taskrouter.v1.workspaces(task["workspace_sid"]).tasks(task["sid"]).fetch()
"""

TWILIO_IMPORT = "from twilio.rest import Client"

# (name, the SDK's code, twilio's code, target on the ratio or None)
CASES = [
    ("import taskrouter_client", "import taskrouter_client", TWILIO_IMPORT, ("<=", 0.5)),
    (
        "from taskrouter_client import Client",
        "from taskrouter_client import Client",
        TWILIO_IMPORT,
        None,
    ),
    ("import + first Task fetch (in memory)", OURS_FIRST_FETCH, TWILIO_FIRST_FETCH, None),
]


# Each process may write bytecode (as an installed package has it): with
# PYTHONDONTWRITEBYTECODE set, a package from a source tree (ours, editable) would be
# compiled anew in every process, which measures the compiler.
ENVIRONMENT = {
    name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
}


def process_seconds(code: str) -> tuple[float, float]:
    """CPU and wall seconds of one fresh interpreter running ``code``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(FIXTURE)], check=True, env=ENVIRONMENT)  # noqa: S603
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def instructions(code: str) -> int:
    """Instructions one fresh interpreter runs for ``code``, counted by callgrind."""
    callgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    run = subprocess.run(  # noqa: S603
        [*callgrind, sys.executable, "-c", code, str(FIXTURE)],
        capture_output=True,
        text=True,
        check=True,
        env=ENVIRONMENT,
    )
    (line,) = [line for line in run.stderr.splitlines() if "Collected" in line]
    return int(line.split()[-1])


def compare(name: str, ours: str, theirs: str, repeats: int) -> dict[str, Any]:
    """Alternate the two processes ``repeats`` times; medians of CPU and wall ratios."""
    process_seconds(ours)  # warm-up: bytecode written, files in the page cache
    process_seconds(theirs)
    pairs = []
    for n in range(repeats):
        if n % 2:  # alternate which goes first, too
            mine = process_seconds(ours)
            base = process_seconds(theirs)
        else:
            base = process_seconds(theirs)
            mine = process_seconds(ours)
        pairs.append((base, mine))
    cpu = statistics.median(m[0] / b[0] for b, m in pairs)
    wall = statistics.median(m[1] / b[1] for b, m in pairs)
    base_cpu = statistics.median(b[0] for b, _ in pairs)
    ours_cpu = statistics.median(m[0] for _, m in pairs)
    return {"name": name, "timing": (base_cpu, ours_cpu, cpu), "wall_ratio": round(wall, 3)}


def twilio_version() -> str | None:
    try:
        from importlib.metadata import version  # noqa: PLC0415

        return version("twilio")
    except Exception:  # noqa: BLE001  # any failure means: not installed, no baseline
        return None


def run(*, quick: bool = False, count_instructions: bool = False) -> list[dict[str, Any]]:
    """The start-up figures, each against twilio's (none if twilio is not installed)."""
    twilio = twilio_version()
    if twilio is None:
        print("startup: twilio is not installed; no baseline, no figures")
        return []
    repeats = 5 if quick else 15
    bare = statistics.median(process_seconds("pass")[0] for _ in range(repeats))
    rows = []
    for name, ours, theirs, target in CASES:
        measured = compare(name, ours, theirs, repeats)
        extra: dict[str, Any] = {"wall_ratio": measured["wall_ratio"], "bare_python_ms": bare * 1e3}
        if count_instructions and shutil.which("valgrind"):
            base_ir, ours_ir = instructions(theirs), instructions(ours)
            extra |= {"instructions": ours_ir, "baseline_instructions": base_ir}
            extra["instruction_ratio"] = round(ours_ir / base_ir, 3)
        rows.append(
            row(
                "startup",
                name,
                baseline=f"twilio {twilio}: {theirs.strip().splitlines()[-1].strip()}",
                timing=measured["timing"],
                target=target,
                **extra,
            )
        )
    return rows


def show_startup(rows: list[dict[str, Any]]) -> None:
    """The table, with the wall-time and instruction ratios beside the CPU-time one."""
    if not rows:
        return
    print(
        f"\nstart-up (process CPU time, median of paired ratios; bare python "
        f"{rows[0]['bare_python_ms']:.0f} ms)"
    )
    show(rows)
    for each in rows:
        also = f"wall-time ratio {each['wall_ratio']:.2f}x"
        if "instruction_ratio" in each:
            also += (
                f", instructions {each['instructions'] / 1e6:.0f}M vs "
                f"{each['baseline_instructions'] / 1e6:.0f}M = {each['instruction_ratio']:.2f}x"
            )
        print(f"  {each['name']}: {also}")


if __name__ == "__main__":
    os.chdir(ROOT)
    show_startup(run(quick="--quick" in sys.argv, count_instructions="--instructions" in sys.argv))
