"""The hashing pool (services/hash_pool.py): batch wait inline vs pooled, and worker memory.

    python -m tipline.benchmarks.pool_bench --entries 500000 --batches 6

A batch is 100 messages of 4 sessions: 95 text, 5 with one generated JPEG of
1, 2, 4, 8 and 12 MP (the bench's mixed traffic, 5 % images). For each batch
it records the time until the whole batch's results are back (that is when
the batch's text messages leave the step) with ``pool_workers = 0`` and with
the pool, and this process's CPU time. Then the memory of the parent and of
each forked worker (``/proc/<pid>/smaps_rollup``: RSS, PSS, private) with a
list of ``--entries`` random SHA-256 and PDQ rows, against the RSS growth of
loading that list. Writes ``benchmarks/results/hash_pool.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tipline.benchmarks.hashing_bench import RESULTS
from tipline.schemas.event import Account, Attachment, MessageEvent
from tipline.schemas.hashing import HashingConfig, HashListSource
from tipline.services.hash_pool import HashPool, pool_size
from tipline.services.hashing import build_hash_service
from tipline.synth.images import encode, make_image

T0 = datetime(2026, 1, 1, tzinfo=UTC)
MEGAPIXELS = (1, 2, 4, 8, 12)


def _list_file(folder: Path, entries: int, seed: int) -> Path:
    rng = random.Random(seed)
    path = folder / "big.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("algorithm,hash,list,id,category\n")
        for n in range(entries):
            if n % 10 == 0:
                f.write(f"pdq,{rng.getrandbits(256):064x},bench,p{n},A1\n")
            else:
                f.write(f"sha256,{rng.getrandbits(256):064x},bench,e{n},A1\n")
    return path


def _jpeg(seed: int, megapixels: int) -> bytes:
    """A generated 4:3 JPEG of about ``megapixels`` MP."""
    width = int((megapixels * 1e6 * 4 / 3) ** 0.5)
    return encode(make_image(seed, width, width * 3 // 4, "scene"), "JPEG", 85)


def _batch(seed: int, images: list[bytes]) -> list[MessageEvent]:
    out = []
    for i in range(100):
        attachments = []
        if i % 20 == 7:
            data = images[(i // 20) % len(images)] + seed.to_bytes(4, "big")  # new SHA-256
            attachments = [
                Attachment(attachment_id=f"a{i}", media_type="image/jpeg", data_b64=data)
            ]
        out.append(
            MessageEvent(
                schema="tipline.message/1",
                event_id=f"b{seed}-{i}",
                sent_at=T0,
                session_id=f"s-{i % 4}",
                sender=Account(user_id="u1"),
                recipients=[Account(user_id="u2")],
                text=None if attachments else "see you at practice",
                attachments=attachments,
            )
        )
    return out


def _smaps(pid: int) -> dict[str, int]:
    """RSS, PSS and private (clean + dirty) of a process, in kB."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, _, rest = line.partition(":")
        values[key] = int(rest.split()[0])
    private = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return {"rss_kb": values["Rss"], "pss_kb": values["Pss"], "private_kb": private}


def _cpu_ms(pids: list[int]) -> float:
    """CPU time (user + system) of processes, from ``/proc/<pid>/stat``, in ms."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total * 1000 / ticks


def _time_batches(pool: HashPool, batches: list[list[MessageEvent]]) -> dict[str, Any]:
    waits, cpu, worker_cpu = [], [], []
    for events in batches:
        pids = pool.worker_pids()
        before = _cpu_ms(pids)
        wall, started = time.perf_counter(), time.process_time()
        results = pool.match_all(events, T0)
        waits.append((time.perf_counter() - wall) * 1000)
        cpu.append((time.process_time() - started) * 1000)
        worker_cpu.append(_cpu_ms(pids) - before)
        assert not any(isinstance(r, Exception) for r in results)
    return {
        "batch_wait_ms": [round(w, 1) for w in waits],
        "batch_wait_median_ms": round(statistics.median(waits), 1),
        "dataflow_thread_cpu_ms": [round(c, 1) for c in cpu],
        "dataflow_thread_cpu_median_ms": round(statistics.median(cpu), 1),
        "workers_cpu_median_ms": round(statistics.median(worker_cpu), 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entries", type=int, default=500_000)
    ap.add_argument("--batches", type=int, default=6)
    ap.add_argument("--workers", default="auto")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    workers = pool_size(args.workers)
    images = [_jpeg(args.seed + mp, mp) for mp in MEGAPIXELS]
    batches = [_batch(n, images) for n in range(args.batches)]
    with tempfile.TemporaryDirectory() as tmp:
        lst = _list_file(Path(tmp), args.entries, args.seed)
        before = _smaps(os.getpid())["rss_kb"]
        service = build_hash_service(HashingConfig(lists=[HashListSource(path=str(lst))]))
        list_rss_kb = _smaps(os.getpid())["rss_kb"] - before
        inline = _time_batches(HashPool(service, 0), batches)
        pool = HashPool(service, workers)
        pool.match_all(_batch(999, images), T0)  # fork and warm up
        # New bytes: the workers inherit the inline run's cache, which must not hit.
        pooled = _time_batches(pool, [_batch(1000 + n, images) for n in range(args.batches)])
        memory = {"parent": _smaps(os.getpid()), "workers": [_smaps(p) for p in pool.worker_pids()]}
        pool.close()
    result = {
        "command": f"python -m tipline.benchmarks.pool_bench --entries {args.entries} "
        f"--batches {args.batches} --workers {args.workers}",
        "workers": workers,
        "list_entries": args.entries,
        "list_rss_growth_kb": list_rss_kb,
        "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "inline": inline,
        "pooled": pooled,
        "memory": memory,
        "load_average": list(os.getloadavg()),
    }
    out = Path(RESULTS) / "hash_pool.json"
    out.write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
