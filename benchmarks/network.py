"""Network benchmarks: a Task fetched over loopback from one uvicorn + httptools server.

    python benchmarks/network.py [--quick] [--json PATH] [--chart PATH]

Contenders, each on the same server: this SDK over httpx (its own pool), over an aiohttp
session and over httpx with the httpx-aiohttp transport; raw httpx and raw aiohttp (GET and
json.loads); Twilio's helper library, sync (requests) and async (aiohttp).

- per call: one fetch at a time. In each round every contender makes the same number of
  calls, in an order that alternates from round to round; a figure is the median over the
  rounds of the ratio to its baseline in the same round.
- bursts: N fetches started at once with ``asyncio.gather`` on one client (after a warm-up
  that opens the pool); wall time and errors, ratios paired by round as above.

Every figure is printed as a ratio against its baseline, with its target; ``--json`` keeps
them (and each round's figures) for comparing runs, ``--chart`` draws the per-call latency
distributions (matplotlib). Needs the bench extras: uvicorn, httptools, twilio, aiohttp,
httpx-aiohttp, matplotlib (``nox -s bench`` installs them).
"""

from __future__ import annotations

import asyncio
import base64
import gc
import json
import statistics
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import httpx

from taskrouter_client import AsyncClient, Client

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loopback_server import TASK, serve  # the script's own directory

WS, WT = TASK["workspace_sid"], TASK["sid"]
SID, TOKEN = "AC" + "0" * 32, "benchmark-token"
AUTHORIZATION = {"Authorization": "Basic " + base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()}
Call = Callable[[], Awaitable[object]]

# (figure, contender, baseline, target ratio or None for information only)
PER_CALL_ASYNC = [
    ("async fetch, ours over aiohttp vs twilio async", "ours-aiohttp", "twilio-async", 1.0),
    ("async fetch, ours over httpx vs raw httpx", "ours-httpx", "raw-httpx", 1.05),
    ("async fetch, ours over aiohttp vs raw aiohttp", "ours-aiohttp", "raw-aiohttp", None),
    ("async fetch, ours over httpx-aiohttp vs twilio", "ours-httpx-aiohttp", "twilio-async", None),
]
PER_CALL_SYNC = [
    ("sync fetch, ours vs twilio (requests)", "ours-sync", "twilio-sync", 0.7),
    ("sync fetch, ours vs raw httpx", "ours-sync", "raw-httpx-sync", 1.05),
]


def median_ratio(rounds: dict[str, list[float]], name: str, baseline: str) -> float:
    return statistics.median(o / b for o, b in zip(rounds[name], rounds[baseline], strict=True))


@asynccontextmanager
async def async_contenders(base: str) -> AsyncIterator[dict[str, Call]]:
    """One fetch of the Task per contender, each with a client of its own."""
    from httpx_aiohttp import AiohttpTransport  # noqa: PLC0415  # bench session only
    from twilio.http.async_http_client import AsyncTwilioHttpClient  # noqa: PLC0415
    from twilio.rest import Client as TwilioClient  # noqa: PLC0415

    url = f"{base}/v1/Workspaces/{WS}/Tasks/{WT}"
    async with AsyncExitStack() as stack:
        raw_httpx = await stack.enter_async_context(httpx.AsyncClient())
        session = await stack.enter_async_context(aiohttp.ClientSession())
        raw_session = await stack.enter_async_context(aiohttp.ClientSession())
        bridged = await stack.enter_async_context(httpx.AsyncClient(transport=AiohttpTransport()))
        ours_httpx = await stack.enter_async_context(AsyncClient(**_ours(base)))
        ours_aiohttp = await stack.enter_async_context(
            AsyncClient(**_ours(base), http_client=session)
        )
        ours_bridged = await stack.enter_async_context(
            AsyncClient(**_ours(base), http_client=bridged)
        )
        twilio_http = AsyncTwilioHttpClient()
        stack.push_async_callback(twilio_http.close)
        twilio = TwilioClient(SID, TOKEN, http_client=twilio_http)
        twilio.taskrouter.base_url = base

        async def raw_httpx_fetch() -> object:
            return json.loads((await raw_httpx.get(url, headers=AUTHORIZATION)).content)

        async def raw_aiohttp_fetch() -> object:
            async with raw_session.get(url, headers=AUTHORIZATION) as response:
                return json.loads(await response.read())

        yield {
            "raw-httpx": raw_httpx_fetch,
            "raw-aiohttp": raw_aiohttp_fetch,
            "ours-httpx": ours_httpx.workspaces(WS).tasks(WT).fetch,
            "ours-aiohttp": ours_aiohttp.workspaces(WS).tasks(WT).fetch,
            "ours-httpx-aiohttp": ours_bridged.workspaces(WS).tasks(WT).fetch,
            "twilio-async": twilio.taskrouter.v1.workspaces(WS).tasks(WT).fetch_async,
        }


def _ours(base: str) -> dict[str, Any]:
    return {"account_sid": SID, "auth_token": TOKEN, "base_url": base}


async def per_call_async(
    calls: dict[str, Call], rounds: int, number: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Seconds per call of each contender per round, and every call's latency."""
    means: dict[str, list[float]] = {name: [] for name in calls}
    latencies: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():  # warm-up: connections open, code paths hot
        for _ in range(50):
            await call()
    for index in range(rounds):
        for name in list(calls)[:: 1 if index % 2 == 0 else -1]:
            call, times = calls[name], latencies[name]
            started = time.perf_counter()
            for _ in range(number):
                begin = time.perf_counter()
                await call()
                times.append(time.perf_counter() - begin)
            means[name].append((time.perf_counter() - started) / number)
    return means, latencies


def per_call_sync(
    base: str, rounds: int, number: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """The sync twin of :func:`per_call_async`: ours, raw httpx and Twilio's requests client."""
    from twilio.rest import Client as TwilioClient  # noqa: PLC0415

    url = f"{base}/v1/Workspaces/{WS}/Tasks/{WT}"
    twilio = TwilioClient(SID, TOKEN)
    twilio.taskrouter.base_url = base
    with httpx.Client() as raw, Client(**_ours(base)) as ours:
        calls: dict[str, Callable[[], object]] = {
            "raw-httpx-sync": lambda: json.loads(raw.get(url, headers=AUTHORIZATION).content),
            "ours-sync": ours.workspaces(WS).tasks(WT).fetch,
            "twilio-sync": twilio.taskrouter.v1.workspaces(WS).tasks(WT).fetch,
        }
        means: dict[str, list[float]] = {name: [] for name in calls}
        latencies: dict[str, list[float]] = {name: [] for name in calls}
        for call in calls.values():
            for _ in range(50):
                call()
        for index in range(rounds):
            for name in list(calls)[:: 1 if index % 2 == 0 else -1]:
                call, times = calls[name], latencies[name]
                started = time.perf_counter()
                for _ in range(number):
                    begin = time.perf_counter()
                    call()
                    times.append(time.perf_counter() - begin)
                means[name].append((time.perf_counter() - started) / number)
    return means, latencies


async def burst(call: Call, size: int) -> tuple[float, int]:
    """Wall seconds for ``size`` fetches started at once, and how many failed.

    The garbage of the bursts before is collected first, so that no contender pays for
    another's.
    """
    gc.collect()
    started = time.perf_counter()
    results = await asyncio.gather(*(call() for _ in range(size)), return_exceptions=True)
    errors = sum(isinstance(result, BaseException) for result in results)
    return time.perf_counter() - started, errors


async def bursts(
    calls: dict[str, Call], names: list[str], size: int, rounds: int
) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Burst wall time per contender per round (alternating order), and errors in all."""
    seconds: dict[str, list[float]] = {name: [] for name in names}
    errors = dict.fromkeys(names, 0)
    for name in names:
        await burst(calls[name], 200)  # open the pool
    for index in range(rounds):
        for name in names[:: 1 if index % 2 == 0 else -1]:
            took, failed = await burst(calls[name], size)
            seconds[name].append(took)
            errors[name] += failed
    return seconds, errors


class Report:
    """Printed lines and the JSON record of one run."""

    def __init__(self) -> None:
        self.figures: list[dict[str, Any]] = []

    def ratio(
        self,
        figure: str,
        rounds: dict[str, list[float]],
        names: tuple[str, str],
        *,
        target: float | None,
        unit: str,
        errors: int | None = None,
    ) -> None:
        """Print and keep one figure: the median paired ratio of ``names`` (ours, baseline)."""
        name, baseline = names
        ratio = median_ratio(rounds, name, baseline)
        scale, suffix = (1e6, "us") if unit == "us" else (1.0, "s")
        ours, base = statistics.median(rounds[name]), statistics.median(rounds[baseline])
        verdict = "" if target is None else ("  met" if ratio <= target else "  MISSED")
        goal = f"<= {target:.2f}x" if target is not None else "(info)"
        failed = "" if errors is None else f"  errors {errors}"
        print(
            f"{figure:58} {base * scale:9.1f}{suffix} {ours * scale:9.1f}{suffix} "
            f"{ratio:6.2f}x {goal:>9}{verdict}{failed}"
        )
        self.figures.append(
            {
                "figure": figure,
                "contender": name,
                "baseline": baseline,
                "ratio": ratio,
                "target": target,
                "median_" + unit: ours * scale,
                "baseline_median_" + unit: base * scale,
                "errors": errors,
                "rounds": {name: rounds[name], baseline: rounds[baseline]},
            }
        )


def chart(latencies: dict[str, list[float]], path: Path) -> None:
    """Box plots of every call's latency per contender (matplotlib, bench session only)."""
    import matplotlib as mpl  # noqa: PLC0415

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    names = sorted(latencies, key=lambda name: statistics.median(latencies[name]))
    figure, axes = plt.subplots(figsize=(9, 0.55 * len(names) + 1.5))
    axes.boxplot(
        [[t * 1e6 for t in latencies[name]] for name in names],
        orientation="horizontal",
        showfliers=False,
        whis=(1, 99),
        tick_labels=names,
    )
    axes.set_xlabel("microseconds per fetch over loopback (box: quartiles; whiskers: 1st-99th %)")
    axes.set_title("One Task fetched at a time from a uvicorn + httptools server")
    axes.set_xscale("log")
    axes.grid(axis="x", alpha=0.3)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)


async def run_async(base: str, report: Report, *, quick: bool) -> dict[str, list[float]]:
    rounds, number = (3, 100) if quick else (9, 300)
    async with async_contenders(base) as calls:
        means, latencies = await per_call_async(calls, rounds, number)
        for figure, name, baseline, target in PER_CALL_ASYNC:
            report.ratio(figure, means, (name, baseline), target=target, unit="us")
        aiohttp_based = ["ours-aiohttp", "twilio-async", "raw-aiohttp"]
        # A 1,000 burst takes about 0.1 s and moves by a third from round to round: 15 rounds.
        for size, repeats in ((1000, 1 if quick else 15), (10_000, 1 if quick else 3)):
            seconds, errors = await bursts(calls, aiohttp_based, size, repeats)
            for name in ("ours-aiohttp", "raw-aiohttp"):
                figure = f"{size:,} concurrent, {name} vs twilio async"
                target = 1.0 if name == "ours-aiohttp" else None
                report.ratio(
                    figure,
                    seconds,
                    (name, "twilio-async"),
                    target=target,
                    unit="s",
                    errors=errors[name],
                )
        # httpcore's pool slows with every request queued in it: raw httpx only at 1,000.
        seconds, errors = await bursts(calls, ["ours-httpx", "raw-httpx"], 1000, 1 if quick else 3)
        figure = "1,000 concurrent, ours over httpx (default) vs raw httpx"
        report.ratio(
            figure,
            seconds,
            ("ours-httpx", "raw-httpx"),
            target=None,
            unit="s",
            errors=errors["ours-httpx"],
        )
        growth = await default_growth(calls["ours-httpx"], 2500, 1 if quick else 3)
        report.ratio(
            "default AsyncClient: 10,000 vs 2,500 concurrent (growth)",
            growth,
            ("10000", "2500"),
            target=5.0,
            unit="s",
            errors=0,
        )
    return latencies


async def default_growth(call: Call, size: int, rounds: int) -> dict[str, list[float]]:
    seconds: dict[str, list[float]] = {str(size): [], str(4 * size): []}
    for _ in range(rounds):
        for n in (size, 4 * size):
            took, failed = await burst(call, n)
            if failed:
                msg = f"{failed} of {n} fetches failed on the default AsyncClient"
                raise RuntimeError(msg)
            seconds[str(n)].append(took)
    return seconds


def main(argv: list[str]) -> dict[str, Any]:
    """Run every network benchmark; print the figures; return (and maybe save) the record."""
    quick = "--quick" in argv
    report = Report()
    heading = f"{'network (loopback)':58} {'baseline':>11} {'ours':>11} {'ratio':>7} {'target':>9}"
    print(f"\n{heading}  (medians of paired ratios over alternating rounds)")
    with serve() as base:
        latencies = asyncio.run(run_async(base, report, quick=quick))
        rounds, number = (3, 100) if quick else (9, 300)
        means, sync_latencies = per_call_sync(base, rounds, number)
        for figure, name, baseline, target in PER_CALL_SYNC:
            report.ratio(figure, means, (name, baseline), target=target, unit="us")
    record = {"quick": quick, "versions": versions(), "figures": report.figures}
    outputs = {"--json": _write_json(record), "--chart": _draw(latencies, sync_latencies)}
    for flag, write in outputs.items():
        if flag in argv:
            write(Path(argv[argv.index(flag) + 1]))
    return record


def versions() -> dict[str, str]:
    from importlib.metadata import version  # noqa: PLC0415

    packages = ["httpx", "aiohttp", "twilio", "uvicorn", "httptools", "taskrouter-client"]
    return {"python": sys.version.split()[0]} | {name: version(name) for name in packages}


def _write_json(record: dict[str, Any]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, indent=2))
        print(f"figures written to {path}")

    return write


def _draw(*latencies: dict[str, list[float]]) -> Callable[[Path], None]:
    def draw(path: Path) -> None:
        chart({k: v for each in latencies for k, v in each.items()}, path)
        print(f"latency chart written to {path}")

    return draw


if __name__ == "__main__":
    main(sys.argv[1:])
