"""Micro-benchmarks of the hot paths, each against a named baseline in the same run.

Measured here:

* **event decode**: ``schemas.event.decode_event`` (msgspec, full contract
  validation) against the baseline *orjson + dataclasses* (``orjson.loads``,
  ``datetime.fromisoformat`` and plain dataclasses; no validation at all, so
  the baseline does strictly less work).

Aggregated from the other areas' suites, run as subprocesses with small sizes
(their JSON goes to a temporary folder, so their committed full-size results
are never overwritten): ``benchmarks/hashing_bench.py`` (hashing by image size
and format, PDQ index lookup at 1 M — and 10 M with ``--large`` — entries),
``benchmarks/grooming_bench.py`` (scoring one message) and
``benchmarks/evidence_bench.py`` (evidence package write). A suite that is not
present is reported as such.

Writes ``benchmarks/results/micro.json`` and prints a table. Never asserts on
wall time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import numpy as np

from benchmarks.loadgen import TrafficSpec, build_pool
from benchmarks.machine import machine_info, other_processes_note
from schemas.event import decode_event

REPO: Final = Path(__file__).resolve().parents[1]
DECODE_SAMPLES: Final = 2000
DECODE_ROUNDS: Final = 10


@dataclass(frozen=True, slots=True)
class _Account:
    user_id: str
    screen_name: str | None
    declared_age: int | None
    country: str | None


@dataclass(frozen=True, slots=True)
class _Event:
    schema: str
    event_id: str
    sent_at: datetime
    session_id: str
    sender: _Account
    recipients: list[_Account]
    platform: str | None
    text: str | None


def _account(d: dict[str, Any]) -> _Account:
    return _Account(d["user_id"], d.get("screen_name"), d.get("declared_age"), d.get("country"))


def orjson_decode(raw: bytes) -> _Event:
    """Baseline: orjson into plain dataclasses, without any validation."""
    import orjson  # noqa: PLC0415

    d = orjson.loads(raw)
    return _Event(
        d["schema"],
        d["event_id"],
        datetime.fromisoformat(d["sent_at"]),
        d["session_id"],
        _account(d["sender"]),
        [_account(r) for r in d["recipients"]],
        d.get("platform"),
        d.get("text"),
    )


def time_calls(fn: Callable[[bytes], object], samples: Sequence[bytes], rounds: int) -> np.ndarray:
    """Per-call wall times (µs) of ``fn`` over every sample, ``rounds`` times."""
    out = np.empty(len(samples) * rounds, dtype=np.float64)
    clock = time.perf_counter_ns
    i = 0
    for _ in range(rounds):
        for raw in samples:
            t0 = clock()
            fn(raw)
            out[i] = (clock() - t0) / 1000
            i += 1
    return out


def _stats(us: np.ndarray) -> dict[str, float]:
    return {
        "mean_us": round(float(us.mean()), 2),
        "p50_us": round(float(np.percentile(us, 50)), 2),
        "p99_us": round(float(np.percentile(us, 99)), 2),
    }


def bench_decode(seed: int) -> dict[str, Any]:
    """Event decode: msgspec (validated) vs orjson + dataclasses (not validated)."""
    pool = build_pool(
        TrafficSpec(kind="text"), seed, REPO / "out/bench/cache", REPO / "demo-data/known-images"
    )
    samples = [pool.event(n, b"micro-")[0] for n in range(DECODE_SAMPLES)]
    for raw in samples[:200]:  # warm-up, and proof both parse the same input
        decode_event(raw)
        orjson_decode(raw)
    ours = time_calls(decode_event, samples, DECODE_ROUNDS)
    base = time_calls(orjson_decode, samples, DECODE_ROUNDS)
    return {
        "name": "event decode",
        "budget": "<= 20 us per event",
        "bytes_mean": round(sum(map(len, samples)) / len(samples)),
        "calls": len(ours),
        "ours": {"name": "msgspec decode_event (validated)", **_stats(ours)},
        "baseline": {"name": "orjson + dataclasses (no validation)", **_stats(base)},
        "speedup_p50": round(float(np.percentile(base, 50) / np.percentile(ours, 50)), 2),
    }


@dataclass(frozen=True, slots=True)
class Suite:
    """Another area's benchmark script, run small, and where it writes its JSON."""

    name: str
    module: str
    args: tuple[str, ...]
    result_file: str
    out_flag: str  # "dir": --out DIR, "file": --out FILE, "patch": RESULTS patched


def suites(seed: int, *, large: bool) -> list[Suite]:
    """The aggregated suites with small sizes (``large`` adds the 10 M index lookup)."""
    s = str(seed)
    hashing = (
        "--seed", s, "--entries", "1000000", "--image-reps", "15", "--queries", "50",
        "--compare", "2", "--per-kind", "2",
    )  # fmt: skip
    found = [
        Suite("hashing", "benchmarks.hashing_bench", hashing, "hashing.json", "dir"),
        Suite(
            "grooming",
            "benchmarks.grooming_bench",
            ("--seed", s, "--sessions", "150"),
            "grooming.json",
            "file",
        ),
        Suite(
            "evidence",
            "benchmarks.evidence_bench",
            ("--seed", s, "--n", "60"),
            "evidence.json",
            "patch",
        ),
    ]
    if large:
        big = ("--seed", s, "--entries", "10000000", "--image-reps", "3", "--queries", "50",
               "--compare", "1", "--per-kind", "1")  # fmt: skip
        found.append(Suite("hashing-10M", "benchmarks.hashing_bench", big, "hashing.json", "dir"))
    return found


def _command(suite: Suite, out: Path) -> list[str]:
    if suite.out_flag == "dir":
        return [sys.executable, "-m", suite.module, *suite.args, "--out", str(out)]
    if suite.out_flag == "file":
        return [
            sys.executable,
            "-m",
            suite.module,
            *suite.args,
            "--out",
            str(out / suite.result_file),
        ]
    # No --out option: patch the module's RESULTS path, then run its main().
    code = (
        "import sys, pathlib, importlib; m = importlib.import_module(sys.argv[1]); "
        "m.RESULTS = pathlib.Path(sys.argv[2]); sys.argv = [sys.argv[1], *sys.argv[3:]]; "
        "m.main()"
    )
    return [sys.executable, "-c", code, suite.module, str(out / suite.result_file), *suite.args]


def run_suite(suite: Suite) -> dict[str, Any]:
    """Run one suite; return its stdout table, its JSON and how long it took."""
    module_file = REPO / (suite.module.replace(".", "/") + ".py")
    if not module_file.exists():
        return {"name": suite.name, "status": "not present"}
    with tempfile.TemporaryDirectory(prefix=f"bench-{suite.name}-") as tmp:
        started = time.monotonic()
        proc = subprocess.run(
            _command(suite, Path(tmp)), cwd=REPO, capture_output=True, text=True, check=False
        )
        result_path = Path(tmp) / suite.result_file
        data = json.loads(result_path.read_text()) if result_path.exists() else None
    return {
        "name": suite.name,
        "status": "ok" if proc.returncode == 0 else f"failed (exit {proc.returncode})",
        "command": " ".join([suite.module, *suite.args]),
        "seconds": round(time.monotonic() - started, 1),
        "table": proc.stdout,
        "stderr_tail": proc.stderr.splitlines()[-5:] if proc.returncode else [],
        "result": data,
    }


def print_decode(decode: dict[str, Any]) -> None:
    """Print the decode comparison as a small table."""
    print(f"\n{decode['name']} ({decode['bytes_mean']} B events, {decode['calls']} calls; "
          f"budget {decode['budget']})")  # fmt: skip
    print(f"{'implementation':<40}{'mean µs':>10}{'p50 µs':>10}{'p99 µs':>10}")
    for row in (decode["ours"], decode["baseline"]):
        print(f"{row['name']:<40}{row['mean_us']:>10}{row['p50_us']:>10}{row['p99_us']:>10}")


def run_micro(*, seed: int, results: Path, large: bool = False) -> dict[str, Any]:
    """Run every micro-benchmark, print the tables, write ``micro.json``."""
    doc: dict[str, Any] = {
        "machine": machine_info(load_note=other_processes_note()),
        "seed": seed,
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    doc["decode"] = bench_decode(seed)
    print_decode(doc["decode"])
    doc["suites"] = []
    for suite in suites(seed, large=large):
        print(f"\n== {suite.name} ({suite.module}) ==", flush=True)
        outcome = run_suite(suite)
        print(outcome.get("table") or outcome["status"])
        doc["suites"].append(outcome)
    doc["loadavg_end"] = os.getloadavg()
    results.mkdir(parents=True, exist_ok=True)
    path = results / "micro.json"
    path.write_text(json.dumps(doc, indent=2, default=float) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return doc


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.micro [--seed N] [--large]``."""
    import argparse  # noqa: PLC0415

    p = argparse.ArgumentParser(prog="python -m benchmarks.micro")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--large", action="store_true")
    p.add_argument("--results", default="benchmarks/results")
    args = p.parse_args(argv)
    run_micro(seed=args.seed, results=Path(args.results), large=args.large)
    return 0


if __name__ == "__main__":
    sys.exit(main())
