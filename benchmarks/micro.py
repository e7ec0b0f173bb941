"""Micro-benchmarks of the hot paths, each against a named baseline in the same run.

Measured here:

* **event decode**: ``tipline.schemas.event.decode_event`` (msgspec, full contract
  validation) against the baseline *orjson + dataclasses* (``orjson.loads``,
  ``datetime.fromisoformat`` and plain dataclasses; no validation at all, so
  the baseline does strictly less work).
* **one 12 MP JPEG, all hashes**: the job's matcher (sha256/sha1/md5, draft
  decode + downscale, PDQ x8, pHash) against the baseline *full decode*
  (Pillow decode at full size, then the same digests, PDQ x8 and pHash).
* **evidence write floor**: the baseline *raw durable write* of the same bytes
  as one evidence package (2 MiB + 5 small files: temp write, fsync, rename,
  directory fsync), to set against the evidence suite's package write.

Aggregated from the other areas' suites, run as subprocesses with small sizes
(their JSON goes to a temporary folder, so their committed full-size results
are never overwritten): ``benchmarks/hashing_bench.py`` (hashing by image size
and format, PDQ index lookup at 1 M entries, then again at 10 M),
``benchmarks/grooming_bench.py`` (scoring one message) and
``benchmarks/evidence_bench.py`` (evidence package write). A suite that is not
present is reported as such.

Writes ``benchmarks/results/micro.json`` and prints a table. Never asserts on
wall time.
"""

from __future__ import annotations

import base64
import hashlib
import io
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

from tipline.benchmarks.loadgen import TrafficSpec, build_pool
from tipline.benchmarks.machine import machine_info, other_processes_note
from tipline.schemas.event import decode_event

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


def _jpeg_12mp(seed: int) -> bytes:
    """The largest generated JPEG of the load generator's (cached) image pool."""
    from tipline.benchmarks.loadgen import image_payloads  # noqa: PLC0415

    spec = TrafficSpec(kind="mixed")
    unrelated, _ = image_payloads(spec, seed, REPO / "out/bench/cache", REPO / "demo-data")
    big = max(unrelated, key=lambda p: p.megapixels)
    return b"\xff\xd8" + base64.b64decode(big.rest_b64)


def _full_decode_hashes(data: bytes) -> None:
    """Baseline: every hash from a full-size decode (no draft mode, no downscale)."""
    import imagehash  # noqa: PLC0415
    import pdqhash  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    for algo in (hashlib.sha256, hashlib.sha1, hashlib.md5):
        algo(data).hexdigest()
    with Image.open(io.BytesIO(data)) as img:
        rgb = img.convert("RGB")
    pdqhash.compute_dihedral(np.asarray(rgb))
    imagehash.phash(rgb)


def bench_image_hashing(seed: int, reps: int = 8) -> dict[str, Any]:
    """One 12 MP JPEG: the job's matcher vs a full-size decode."""
    from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config  # noqa: PLC0415
    from tipline.schemas.hashing import HashingConfig  # noqa: PLC0415

    data = _jpeg_12mp(seed)
    # A JPEG comment segment makes every copy's SHA-256 unique (same pixels),
    # so the matcher's per-SHA-256 cache never answers instead of hashing.
    copies = [data[:2] + b"\xff\xfe\x00\x0e" + b"%012d" % i + data[2:] for i in range(reps + 1)]
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), cache_entries=1)
    matcher.hash_bytes(copies[-1])  # warm-up
    ours = time_calls(matcher.hash_bytes, copies[:reps], 1) / 1000
    base = time_calls(_full_decode_hashes, copies[: max(2, reps // 2)], 1) / 1000
    return {
        "name": "one 12 MP JPEG: sha256+sha1+md5, PDQ x8, pHash",
        "budget": "p99 <= 80 ms",
        "bytes": len(data),
        "ours": {"name": "matcher.hash_bytes (draft decode, <=1024 px)", **_stats_ms(ours)},
        "baseline": {"name": "full-size decode, same hashes", **_stats_ms(base)},
        "speedup_p50": round(float(np.percentile(base, 50) / np.percentile(ours, 50)), 2),
    }


def _durable_write(folder: Path, files: list[bytes]) -> None:
    """Baseline: write files as the vault must (temp, fsync, rename, dir fsync)."""
    for i, data in enumerate(files):
        tmp, final = folder / f".{i}.tmp", folder / f"{i}.bin"
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(final)
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def bench_durable_write(seed: int, reps: int = 40) -> dict[str, Any]:
    """The floor under an evidence package write on this disk."""
    rng = np.random.default_rng(seed)
    files = [rng.bytes(2048 * 1024)] + [rng.bytes(600) for _ in range(5)]
    with tempfile.TemporaryDirectory(prefix="bench-durable-") as tmp:
        times = []
        for i in range(reps):
            folder = Path(tmp) / f"p{i}"
            folder.mkdir()
            t0 = time.perf_counter()
            _durable_write(folder, files)
            times.append((time.perf_counter() - t0) * 1000)
    return {
        "name": "evidence write floor (same bytes as one package)",
        "baseline": {"name": "raw durable write: temp, fsync, rename, dir fsync",
                     **_stats_ms(np.asarray(times))},
        "compare_with": "suites[evidence]: local vault package write (encrypt, sign, manifest)",
    }  # fmt: skip


def _stats_ms(ms: np.ndarray) -> dict[str, float]:
    return {
        "mean_ms": round(float(ms.mean()), 2),
        "p50_ms": round(float(np.percentile(ms, 50)), 2),
        "p99_ms": round(float(np.percentile(ms, 99)), 2),
    }


@dataclass(frozen=True, slots=True)
class Suite:
    """Another area's benchmark script, run small, and where it writes its JSON."""

    name: str
    module: str
    args: tuple[str, ...]
    result_file: str
    out_flag: str  # "dir": --out DIR, "file": --out FILE, "patch": RESULTS patched


def suites(seed: int) -> list[Suite]:
    """The aggregated suites with small sizes, and the 10 M entry index lookup."""
    s = str(seed)
    hashing = (
        "--seed", s, "--entries", "1000000", "--image-reps", "15", "--queries", "50",
        "--compare", "2", "--per-kind", "2",
    )  # fmt: skip
    found = [
        Suite("hashing", "tipline.benchmarks.hashing_bench", hashing, "hashing.json", "dir"),
        Suite(
            "grooming",
            "tipline.benchmarks.grooming_bench",
            ("--seed", s, "--sessions", "150"),
            "grooming.json",
            "file",
        ),
        Suite(
            "evidence",
            "tipline.benchmarks.evidence_bench",
            ("--seed", s, "--n", "60"),
            "evidence.json",
            "patch",
        ),
    ]
    big = ("--seed", s, "--entries", "10000000", "--image-reps", "3", "--queries", "50",
           "--compare", "1", "--per-kind", "1")  # fmt: skip
    found.append(
        Suite("hashing-10M", "tipline.benchmarks.hashing_bench", big, "hashing.json", "dir")
    )
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


def print_ms(bench: dict[str, Any]) -> None:
    """Print a millisecond comparison (ours and/or baseline)."""
    print(f"\n{bench['name']}" + (f" (budget {bench['budget']})" if "budget" in bench else ""))
    print(f"{'implementation':<52}{'mean ms':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for key in ("ours", "baseline"):
        if key in bench:
            r = bench[key]
            print(f"{r['name']:<52}{r['mean_ms']:>9}{r['p50_ms']:>9}{r['p99_ms']:>9}")


def run_micro(*, seed: int, results: Path) -> dict[str, Any]:
    """Run every micro-benchmark, print the tables, write ``micro.json``."""
    doc: dict[str, Any] = {
        "machine": machine_info(load_note=other_processes_note()),
        "seed": seed,
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    doc["decode"] = bench_decode(seed)
    print_decode(doc["decode"])
    doc["image_hashing"] = bench_image_hashing(seed)
    doc["evidence_floor"] = bench_durable_write(seed)
    print_ms(doc["image_hashing"])
    print_ms(doc["evidence_floor"])
    doc["suites"] = []
    for suite in suites(seed):
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
    """``python -m tipline.benchmarks.micro [--seed N]``."""
    import argparse  # noqa: PLC0415

    p = argparse.ArgumentParser(prog="python -m tipline.benchmarks.micro")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--results", default="benchmarks/results")
    args = p.parse_args(argv)
    run_micro(seed=args.seed, results=Path(args.results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
