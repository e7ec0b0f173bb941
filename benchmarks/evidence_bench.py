"""Evidence package write latency: one message with one 2 MB generated image.

The decision carries the matcher's first-touch hashes (as in the flow), so the
package recomputes SHA-256 to prove identity and reuses SHA-1/MD5.

    .venv/bin/python -m tipline.benchmarks.evidence_bench --seed 1 [--s3] [--n 200]

Times ``EvidenceService.package`` end to end (hash the original bytes three
ways, seal every item, sign, durable writes with fsync, custody event and
checkpoint) on the local vault, and on the S3 Object Lock server when --s3 is
given (S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION in the env, e.g.
``eval "$(bash deploy/s3.sh start)"``). The image is generated noise
bytes; messages are neutral text. Prints a table and writes
benchmarks/results/evidence.json. Never asserts on time.
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
from tipline.services.evidence import EvidenceService, build_evidence_service

IMAGE_BYTES = 2 * 1024 * 1024
RESULTS = Path(__file__).resolve().parent / "results" / "evidence.json"
T0 = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


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


def _decision(event: MessageEvent, image: bytes) -> Decision:
    verdict = AttachmentVerdict(
        attachment_id=event.attachments[0].attachment_id,
        status="hashed",
        sha256=hashlib.sha256(image).hexdigest(),
        sha1=hashlib.sha1(image).hexdigest(),
        md5=hashlib.md5(image).hexdigest(),
    )
    return Decision(
        event_id=event.event_id,
        session_id=event.session_id,
        sent_at=event.sent_at,
        sender_id="u-1",
        recipient_ids=["u-2"],
        decision="report",
        alert=True,
        reasons=["hash:exact:bench"],
        attachments=[verdict],
        detector_version="bench",
        source=SourcePosition(kind="file", file="bench", line=1),
        decided_at=event.sent_at,
    )


def _run(service: EvidenceService, n: int, warmup: int, rng: random.Random) -> list[float]:
    times: list[float] = []
    for i in range(warmup + n):
        image = rng.randbytes(IMAGE_BYTES)
        event = _event(i, image)
        context = [_event(10_000 + j, None) for j in range(5)]
        decision = _decision(event, image)
        started = time.perf_counter()
        service.package(decision, event, attachments={}, context=context, now=SYSTEM_CLOCK.now())
        elapsed = (time.perf_counter() - started) * 1000
        if i >= warmup:
            times.append(elapsed)
    return times


def _summary(name: str, times: list[float]) -> dict[str, Any]:
    ordered = sorted(times)
    return {
        "backend": name,
        "n": len(times),
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
        "mean_ms": round(statistics.fmean(ordered), 2),
        "max_ms": round(ordered[-1], 2),
    }


def _local(seed: int, n: int, warmup: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tipline-bench-") as tmp:
        cfg = EvidenceConfig(path=f"{tmp}/vault")
        service = build_evidence_service(cfg, env={})
        return _summary("local", _run(service, n, warmup, random.Random(seed)))


def _s3(seed: int, n: int, warmup: int) -> dict[str, Any]:
    bucket = f"bench-evidence-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory(prefix="tipline-bench-") as tmp:
        cfg = EvidenceConfig(
            backend="s3",
            path=f"{tmp}/vault",
            s3=S3VaultConfig(bucket=bucket, create_bucket=True),
            keys=KeyConfig(store="local"),
        )
        env = read_environment()
        service = build_evidence_service(cfg, env=env)
        result = _summary("s3-object-lock", _run(service, n, warmup, random.Random(seed)))
    result["endpoint"] = env.get("S3_ENDPOINT", "")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n", type=int, default=200, help="timed packages per backend")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--s3", action="store_true", help="also measure the S3 vault")
    args = parser.parse_args()
    rows = [_local(args.seed, args.n, args.warmup)]
    if args.s3:
        rows.append(_s3(args.seed, args.n, args.warmup))
    print(
        f"evidence package write, 1 message + 1 x {IMAGE_BYTES // 1024} KiB image, "
        f"5 context messages, seed {args.seed}"
    )
    print(f"{'backend':<16}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}{'max ms':>10}")
    for r in rows:
        print(
            f"{r['backend']:<16}{r['n']:>6}{r['p50_ms']:>10}{r['p99_ms']:>10}"
            f"{r['mean_ms']:>10}{r['max_ms']:>10}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "evidence_package_write",
                "seed": args.seed,
                "image_bytes": IMAGE_BYTES,
                "context_messages": 5,
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "load_average_1m_at_end": round(os.getloadavg()[0], 2),
                },
                "measured_at": SYSTEM_CLOCK.now().isoformat(timespec="seconds"),
                "results": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
