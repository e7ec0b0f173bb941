"""Markdown tables for docs/benchmarks.md, rendered from the committed results files.

    python -m tipline.benchmarks.readme_table [benchmarks/results]
    python -m tipline.benchmarks.readme_table benchmarks/results/quiet-2026-11-27.json  # its scale

Prints the end-to-end table (``latest.json``), issue 15's targets per layout,
each full step beside its floor, the scale model, the per-stage breakdown and
the micro-benchmark comparisons (``micro.json``), so the README never carries a
hand-copied number.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

STAGES = (
    "decode",
    "match-hashes",
    "score-session",
    "decide",
    "evidence",
    "reports",
    "lake",
    "snapshot-gap",
)


def _ms(value: Any) -> str:
    if value is None:
        return "backlog"
    if isinstance(value, float) and value >= 1000:
        return f"{value / 1000:.1f} s"
    return f"{value:.0f}" if isinstance(value, float) else str(value)


def _title(s: dict[str, Any]) -> str:
    kind = "floor" if s.get("floor") else "full"
    return f"{s['traffic']} {s['rate']:g} {kind} x{s.get('processes', 1)}"


def _fresh(s: dict[str, Any]) -> str:
    fresh = s.get("lake_freshness")
    if not fresh:
        return "not waited" if s.get("floor") else "n/a"
    return _ms(fresh["p99_ms"])


def _alert(s: dict[str, Any]) -> str:
    alerts = s["alerts"]
    flagged = alerts.get("flagged", alerts.get("flagged_in_lake", 0))
    return "-" if not flagged else f"{_ms(alerts['p99_ms'])} ({flagged})"


def e2e_table(doc: dict[str, Any]) -> str:
    """One row per step: decision, alert and lake latencies, rates, CPU by process, kept up."""
    head = (
        "| step (traffic rate, full/floor, processes) | achieved msg/s | decision p50 ms "
        "| decision p99 ms | decision max ms | alert p99 ms (alerts) | lake freshness p99 "
        "| sustained msg/s | job CPU % | lake-feed CPU % | broker CPU % | loadgen CPU % "
        "| other CPU % | job RSS MB | kept up |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|"
    )
    rows = [head]
    for s in doc["steps"]:
        if "error" in s:
            rows.append(f"| {_title(s)} | error: {s['error'].splitlines()[0][:60]} |")
            continue
        rows.append(
            f"| {_title(s)} | {s['achieved_rate']:.0f} | {_ms(s['p50_ms'])} "
            f"| {_ms(s['p99_ms'])} | {_ms(s['max_ms'])} | {_alert(s)} | {_fresh(s)} "
            f"| {s['throughput'] or 0:.0f} | {s['cpu_percent']:.0f} "
            f"| {s.get('lake_feed_cpu_percent', 0):.0f} "
            f"| {s.get('broker_cpu_percent', 0):.0f} | {s.get('loadgen_cpu_percent', 0):.0f} "
            f"| {s['other_cpu_percent']:.0f} | {s['rss_mb']:.0f} "
            f"| {'yes' if s['sustained'] else 'no'} |"
        )
    return "\n".join(rows)


def _costs(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Per-1k CPU costs, recomputed from the steps (so a results file renders as of now)."""
    from tipline.benchmarks.targets import scale_inputs  # noqa: PLC0415

    return scale_inputs(doc["steps"])


def floor_table(doc: dict[str, Any]) -> str:
    """Full step beside its floor: decision p99 and job CPU seconds per 1,000 messages."""
    rows = [
        "| traffic rate, processes | p99 full ms | p99 floor ms | job CPU s/1k full "
        "| job CPU s/1k floor | work (full - floor) s/1k | broker CPU s/1k full |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    cost = {(c["traffic"], c["rate"], c["processes"], c["floor"]): c for c in _costs(doc)}
    steps = {(s["traffic"], s["rate"], s.get("processes", 1), bool(s.get("floor"))): s
             for s in doc["steps"] if "error" not in s}  # fmt: skip
    for (traffic, rate, procs, floor), full in steps.items():
        twin = steps.get((traffic, rate, procs, True))
        if floor or twin is None:
            continue
        cf, cl = cost.get((traffic, rate, procs, False)), cost.get((traffic, rate, procs, True))
        if cf is None or cl is None:
            continue
        work = cf["job_cpu_s_per_1k"] - cl["job_cpu_s_per_1k"]
        rows.append(
            f"| {traffic} {rate:g}, x{procs} | {_ms(full['p99_ms'])} | {_ms(twin['p99_ms'])} "
            f"| {cf['job_cpu_s_per_1k']:.3f} | {cl['job_cpu_s_per_1k']:.3f} | {work:.3f} "
            f"| {cf['broker_cpu_s_per_1k']:.3f} |"
        )
    return "\n".join(rows)


def targets_table(doc: dict[str, Any]) -> str:
    """Issue 15's targets per process layout: measured p99, how far over, met or not."""
    rows = [
        "| target | layout | decision p99 ms (over by) | alert p99 ms (over by) | kept up | met |",
        "|---|---|---:|---:|:-:|:-:|",
    ]
    for name, t in doc.get("targets", {}).items():
        if "layouts" not in t:
            continue
        limit = f"{name.replace('_', ' ')}: decision p99 <= {t['decision_p99_le_ms']:g} ms"
        if t["alert_p99_le_ms"]:
            limit += f", alert p99 <= {t['alert_p99_le_ms']:g} ms"
        if t["must_keep_up"]:
            limit += ", keeps up"
        for r in t["layouts"] or [{}]:
            if not r:
                rows.append(f"| {limit} | not run | | | | |")
                continue
            alert = (
                "-"
                if r["alert_p99_ms"] is None
                else f"{_ms(r['alert_p99_ms'])} ({_ms(r['alert_over_by_ms'])})"
            )
            rows.append(
                f"| {limit} | x{r['processes']} | {_ms(r['decision_p99_ms'])} "
                f"({_ms(r['over_by_ms'])}) | {alert} | {'yes' if r['kept_up'] else 'no'} "
                f"| {'**yes**' if r['met'] else 'no'} |"
            )
    fresh = doc.get("targets", {}).get("lake_freshness_p99_le_60s")
    if fresh:
        met = {True: "**yes**", False: "no", None: "not measured"}[fresh["met"]]
        worst = _ms(fresh["worst_p99_ms"]) if fresh["steps"] else "n/a"
        rows.append(f"| lake freshness p99 <= 60 s, every step | all ({fresh['steps']} steps) "
                    f"| worst {worst} | | | {met} |")  # fmt: skip
    return "\n".join(rows)


def scale_table(doc: dict[str, Any]) -> str:
    """The scale model: each traffic kind's cost fit (1-process full steps), sized for 10k/50k."""
    from tipline.benchmarks.targets import fit_cost, size_for  # noqa: PLC0415

    rows = [
        "| traffic | fixed cores / process | marginal CPU s/1k | broker CPU s/1k "
        "| msg/s per process at 75 % of a core | rate msg/s | processes = pods (1 worker) "
        "| partitions | job cores | broker cores |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for traffic in ("text", "mixed"):
        fit = fit_cost(doc["steps"], traffic)
        if fit is None:
            rows.append(f"| {traffic} | no fit: needs two 1-process full steps with CPU rising "
                        "with throughput | | | | | | | | |")  # fmt: skip
            continue
        for rate in (10_000, 50_000):
            z = size_for(rate, fit)
            if z is None:
                rows.append(
                    f"| {traffic} | {fit.fixed_cores:.2f} | fixed part >= 75 % | | | | | | | |"
                )
                break
            rows.append(
                f"| {traffic} | {fit.fixed_cores:.2f} | {fit.marginal_s_per_1k:.3f} "
                f"| {fit.broker_s_per_1k:.3f} | {z.per_process:,.0f} | {rate:,} | {z.processes} "
                f"| {z.partitions} | {z.job_cores:.1f} | {z.broker_cores:.1f} |"
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
        rows.append(f"| {_title(s)} | {cells} |")
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
    if args and args[0].endswith(".json"):  # an older results file: its scale model only
        print(scale_table(json.loads(Path(args[0]).read_text(encoding="utf-8"))))
        return 0
    folder = Path(args[0] if args else "benchmarks/results")
    doc = json.loads((folder / "latest.json").read_text(encoding="utf-8"))
    for table in (e2e_table, targets_table, floor_table, scale_table, stage_table):
        print(table(doc), end="\n\n")
    micro = folder / "micro.json"
    if micro.exists():
        print(micro_table(json.loads(micro.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
