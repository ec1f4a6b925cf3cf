"""How the benchmarks measure: paired alternating runs, ratios, and one row per figure.

The machine is shared and its speed drifts, so a figure is never an absolute time alone:
the SDK and its baseline are run alternately, repeat after repeat, and the figure is the
median of the per-pair ratios, so that load which comes and goes weighs on both sides.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

Timing = tuple[float, float, float]  # baseline s/call, sdk s/call, median paired ratio


def per_call(number: int, work: Callable[[], object]) -> float:
    """Seconds per call of ``work``, over ``number`` calls."""
    start = time.perf_counter()
    for _ in range(number):
        work()
    return (time.perf_counter() - start) / number


def paired(
    repeats: int, number: int, baseline: Callable[[], object], sdk: Callable[[], object]
) -> Timing:
    """Time both alternately; the fastest of each, and the median of the paired ratios."""
    pairs = [(per_call(number, baseline), per_call(number, sdk)) for _ in range(repeats)]
    ratios = [ours / base for base, ours in pairs]
    return min(b for b, _ in pairs), min(o for _, o in pairs), statistics.median(ratios)


def row(
    group: str,
    name: str,
    *,
    baseline: str,
    timing: Timing,
    unit: str = "ms",
    target: tuple[str, float] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One figure, as printed and as written to the JSON results.

    ``target`` is ``("<=", 2.0)`` or ``(">=", 3.0)`` on the ratio (SDK over baseline).
    """
    base, ours, ratio = timing
    scale = {"ms": 1e3, "us": 1e6, "MB": 1e-6}[unit]
    met = None
    if target is not None:
        sign, bound = target
        met = ratio <= bound if sign == "<=" else ratio >= bound
    return {
        "group": group,
        "name": name,
        "baseline": baseline,
        "unit": unit,
        "baseline_value": round(base * scale, 3),
        "value": round(ours * scale, 3),
        "ratio": round(ratio, 3),
        "target": f"{target[0]} {target[1]:g}" if target else None,
        "met": met,
        **extra,
    }


def show(rows: list[dict[str, Any]]) -> None:
    """Print rows as a table: baseline, SDK, ratio and whether the target was met."""
    for each in rows:
        unit = each["unit"]
        verdict = ""
        if each["target"] is not None:
            verdict = f"  target {each['target']}: {'met' if each['met'] else 'MISSED'}"
        print(
            f"{each['name']:44} {each['baseline_value']:10.2f}{unit:2} "
            f"{each['value']:10.2f}{unit:2} {each['ratio']:7.2f}x{verdict}"
        )
        print(f"{'':44} baseline: {each['baseline']}")
