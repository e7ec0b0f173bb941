"""Markdown tables for docs/benchmarks.md, rendered from the committed results files.

    python -m tipline.benchmarks.readme_table [benchmarks/results]

Prints the end-to-end table (``latest.json``), the per-stage breakdown and the
micro-benchmark comparisons (``micro.json``), so the README never carries a
hand-copied number.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

STAGES = ("decode", "match-hashes", "score-session", "decide", "evidence", "reports", "lake")


def _ms(value: Any) -> str:
    if value is None:
        return "backlog"
    if isinstance(value, float) and value >= 1000:
        return f"{value / 1000:.1f} s"
    return f"{value:.0f}" if isinstance(value, float) else str(value)


def e2e_table(doc: dict[str, Any]) -> str:
    """One row per step: latency percentiles (ms), rates, CPU, memory, contention."""
    head = (
        "| traffic | offered msg/s | achieved | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms "
        "| sustained msg/s | job CPU % | job RSS MB | other CPU % | alerts (p99 ms) | kept up |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|"
    )
    rows = [head]
    for s in doc["steps"]:
        if "error" in s:
            rows.append(f"| {s['traffic']} | {s['rate']:g} | error: {s['error'][:60]} |")
            continue
        alerts = s["alerts"]
        rows.append(
            f"| {s['traffic']} | {s['rate']:g} | {s['achieved_rate']:.0f} | {_ms(s['p50_ms'])} "
            f"| {_ms(s['p95_ms'])} | {_ms(s['p99_ms'])} | {_ms(s['p999_ms'])} | {_ms(s['max_ms'])} "
            f"| {s['throughput']:.0f} | {s['cpu_percent']:.0f} | {s['rss_mb']:.0f} "
            f"| {s['other_cpu_percent']:.0f} | {alerts['received']} ({_ms(alerts['p99_ms'])}) "
            f"| {'yes' if s['sustained'] else 'no'} |"
        )
    return "\n".join(rows)


def _stage_cell(value: Any) -> str:
    if not isinstance(value, dict):
        return "n/a"
    p99 = "?" if value["p99_ms"] is None else f"{value['p99_ms']:.2f}"
    return f"{value['mean_ms']:.3f} / {p99} ({value['count']})"


def stage_table(doc: dict[str, Any]) -> str:
    """Per-stage mean / p99 in ms (and sample count) for every step."""
    head = "| step | " + " | ".join(STAGES) + " |\n|---|" + "---:|" * len(STAGES)
    rows = [head]
    for s in doc["steps"]:
        if "error" in s:
            continue
        cells = " | ".join(_stage_cell(s["stages"].get(st)) for st in STAGES)
        rows.append(f"| {s['traffic']} {s['rate']:g} | {cells} |")
    return "\n".join(rows)


def micro_table(micro: dict[str, Any]) -> str:
    """Ours vs the named baseline for each hot path measured in micro.py."""
    rows = [
        "| hot path | implementation | mean | p50 | p99 |",
        "|---|---|---:|---:|---:|",
    ]
    for key, unit in (("decode", "us"), ("image_hashing", "ms"), ("evidence_floor", "ms")):
        bench = micro.get(key)
        if not bench:
            continue
        for role in ("ours", "baseline"):
            if role in bench:
                r = bench[role]
                label = f"{r['name']}" + (" *(baseline)*" if role == "baseline" else "")
                rows.append(
                    f"| {bench['name']} | {label} | {r[f'mean_{unit}']} {unit} "
                    f"| {r[f'p50_{unit}']} {unit} | {r[f'p99_{unit}']} {unit} |"
                )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Print every table for the results folder given (default ``benchmarks/results``)."""
    args = argv if argv is not None else sys.argv[1:]
    folder = Path(args[0] if args else "benchmarks/results")
    doc = json.loads((folder / "latest.json").read_text(encoding="utf-8"))
    print(e2e_table(doc), end="\n\n")
    print(stage_table(doc), end="\n\n")
    micro = folder / "micro.json"
    if micro.exists():
        print(micro_table(json.loads(micro.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
