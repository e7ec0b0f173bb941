"""Evidence package writes: one by one (per-file fsync) against group commit.

Each case is one message with 5 context messages and either one 2 MiB
generated image (noise bytes; the decision carries the matcher's first-touch
hashes, as in the flow) or no attachment (a text case, as the grooming scorer
opens them). Modes:

* ``one-by-one``: ``EvidenceService.package`` per case — every file fsynced
  and linked, its folder fsynced (the path before group commit);
* ``group xN``: ``EvidenceService.package_many`` over N cases — the flow's
  ``package-evidence`` step since group commit (keys, items, manifests,
  custody events and checkpoints of all N made durable with 7 syncs), with
  ``evidence.group_sync`` = ``syncfs`` or ``fsync``.

    .venv/bin/python -m tipline.benchmarks.evidence_bench --seed 1 [--n 200] [--s3]

Per mode: wall ms per package (one-by-one: each call; grouped: each batch's
time divided by its size), wall ms per batch, CPU ms per package
(``time.process_time`` of the whole process, threads included, divided by the
packages) and packages per second. Local vault on this disk; the S3 Object
Lock server too with --s3 (S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY,
S3_REGION in the env, e.g. ``eval "$(bash deploy/s3.sh start)"``). Prints a
table and writes benchmarks/results/evidence.json. Never asserts on time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tipline.schemas.clock import SYSTEM_CLOCK
from tipline.schemas.decision import Decision
from tipline.schemas.environment import read_environment
from tipline.schemas.event import Account, Attachment, Client, MessageEvent
from tipline.schemas.evidence import EvidenceConfig, KeyConfig, S3VaultConfig
from tipline.schemas.hashing import AttachmentVerdict
from tipline.schemas.source import SourcePosition
from tipline.services.evidence import Case, EvidenceService, build_evidence_service

IMAGE_BYTES = 2 * 1024 * 1024
RESULTS = Path(__file__).resolve().parent / "results" / "evidence.json"
T0 = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
GROUPS = (1, 8, 32)


def _event(n: int, image: bytes | None) -> MessageEvent:
    attachments = []
    if image is not None:
        attachments = [
            Attachment(
                attachment_id=f"att-{n}",
                media_type="image/png",
                file_name="generated.png",
                data_b64=image,
            )
        ]
    return MessageEvent(
        schema="tipline.message/1",
        event_id=f"bench-{n:06d}-{uuid.uuid4().hex[:6]}",
        sent_at=T0 + timedelta(seconds=n),
        session_id=f"dm:bench:{n}",
        sender=Account(user_id="u-1", country="US"),
        recipients=[Account(user_id="u-2", country="US")],
        text="see you at practice tomorrow",
        attachments=attachments,
        client=Client(ip="203.0.113.9", port=40000),
    )


def _decision(event: MessageEvent, image: bytes | None) -> Decision:
    verdicts = []
    if image is not None:
        verdicts = [
            AttachmentVerdict(
                attachment_id=event.attachments[0].attachment_id,
                status="hashed",
                sha256=hashlib.sha256(image).hexdigest(),
                sha1=hashlib.sha1(image).hexdigest(),
                md5=hashlib.md5(image).hexdigest(),
            )
        ]
    return Decision(
        event_id=event.event_id,
        session_id=event.session_id,
        sent_at=event.sent_at,
        sender_id="u-1",
        recipient_ids=["u-2"],
        decision="report",
        alert=True,
        reasons=["hash:exact:bench"] if image is not None else ["grooming:bench"],
        attachments=verdicts,
        detector_version="bench",
        source=SourcePosition(kind="file", file="bench", line=1),
        decided_at=event.sent_at,
    )


def _cases(count: int, image_bytes: int, rng: random.Random) -> list[Case]:
    out = []
    for i in range(count):
        image = rng.randbytes(image_bytes) if image_bytes else None
        event = _event(i, image)
        context = [_event(10_000 + j, None) for j in range(5)]
        out.append(Case(_decision(event, image), event, {}, context))
    return out


def _run(service: EvidenceService, cases: list[Case], group: int | None) -> dict[str, Any]:
    """Package ``cases`` one by one (``group`` None) or ``group`` at a time; time it."""
    per_package: list[float] = []
    per_batch: list[float] = []
    cpu0, wall0 = time.process_time(), time.perf_counter()
    size = group or 1
    for start in range(0, len(cases), size):
        batch = cases[start : start + size]
        now = SYSTEM_CLOCK.now()
        began = time.perf_counter()
        if group is None:
            c = batch[0]
            service.package(c.decision, c.event, attachments={}, context=c.context, now=now)
        else:
            service.package_many(batch, now)
        took = (time.perf_counter() - began) * 1000
        per_batch.append(took)
        per_package.append(took / len(batch))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {
        "n": len(cases),
        "per_package_p50_ms": _pct(per_package, 50),
        "per_package_p99_ms": _pct(per_package, 99),
        "per_batch_p50_ms": _pct(per_batch, 50),
        "per_batch_p99_ms": _pct(per_batch, 99),
        "cpu_ms_per_package": round(cpu * 1000 / len(cases), 2),
        "packages_per_s": round(len(cases) / wall, 1),
    }


def _pct(values: list[float], q: int) -> float:
    ordered = sorted(values)
    if q == 50:
        return round(statistics.median(ordered), 2)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * q / 100))], 2)


@contextmanager
def _service(backend: str, sync: str) -> Iterator[EvidenceService]:
    with tempfile.TemporaryDirectory(prefix="tipline-bench-") as tmp:
        if backend == "local":
            cfg = EvidenceConfig(path=f"{tmp}/vault", group_sync=sync)  # type: ignore[arg-type]
            yield build_evidence_service(cfg, env={})
            return
        cfg = EvidenceConfig(
            backend="s3",
            path=f"{tmp}/vault",
            s3=S3VaultConfig(bucket=f"bench-evidence-{uuid.uuid4().hex[:8]}", create_bucket=True),
            keys=KeyConfig(store="local"),
            group_sync=sync,  # type: ignore[arg-type]
        )
        yield build_evidence_service(cfg, env=read_environment())


def _modes(backend: str) -> list[tuple[str, str, int | None]]:
    """(label, sync method, group size or None for one by one)."""
    modes: list[tuple[str, str, int | None]] = [("one-by-one", "syncfs", None)]
    modes += [(f"group x{g}", "syncfs", g) for g in GROUPS]
    if backend == "local":
        modes.append((f"group x{GROUPS[1]} fsync", "fsync", GROUPS[1]))
    return modes


def measure(backend: str, seed: int, n: int, warmup: int) -> list[dict[str, Any]]:
    """Every mode for both case kinds on one backend (a fresh vault per mode)."""
    rows = []
    for kind, image_bytes in (("2 MiB image", IMAGE_BYTES), ("text", 0)):
        for label, sync, group in _modes(backend):
            rng = random.Random(seed)
            with _service(backend, sync) as service:
                _run(service, _cases(warmup, image_bytes, rng), group)
                row = _run(service, _cases(n, image_bytes, rng), group)
            rows.append({"backend": backend, "case": kind, "mode": label, **row})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n", type=int, default=192, help="timed packages per mode")
    parser.add_argument("--warmup", type=int, default=8)
    parser.add_argument("--s3", action="store_true", help="also measure the S3 vault")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    rows = measure("local", args.seed, args.n, args.warmup)
    if args.s3:
        rows += measure("s3", args.seed, args.n, args.warmup)
    print(f"evidence package writes, 5 context messages each, seed {args.seed}, {args.n} per mode")
    head = ("backend", "case", "mode", "pkg p50", "pkg p99", "batch p50", "batch p99", "CPU/pkg",
            "pkg/s")  # fmt: skip
    print(f"{head[0]:<8}{head[1]:<13}{head[2]:<18}" + "".join(f"{h:>11}" for h in head[3:]))
    for r in rows:
        values = (r["per_package_p50_ms"], r["per_package_p99_ms"], r["per_batch_p50_ms"],
                  r["per_batch_p99_ms"], r["cpu_ms_per_package"], r["packages_per_s"])  # fmt: skip
        print(
            f"{r['backend']:<8}{r['case']:<13}{r['mode']:<18}" + "".join(f"{v:>11}" for v in values)
        )
    print("(ms; CPU/pkg is process CPU time, threads included)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "benchmark": "evidence_package_write",
        "seed": args.seed,
        "image_bytes": IMAGE_BYTES,
        "context_messages": 5,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_1m_at_start": round(load_before, 2),
            "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        },
        "measured_at": SYSTEM_CLOCK.now().isoformat(timespec="seconds"),
        "results": rows,
    }
    RESULTS.write_text(json.dumps(doc, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
