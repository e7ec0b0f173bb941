"""How long a hash-list reload holds up matching: inline load vs background load.

Run: ``.venv/bin/python -m tipline.benchmarks.reload_bench --entries 1000000``

A list of ``--entries`` random PDQ rows (docs/contract.md §2) is loaded at
start; then the file changes and matching goes on, one event with one small
image per call, until the new version is in use. Printed per mode:

* ``longest gap``: the longest time between two consecutive match calls
  returning, i.e. how long the dataflow stood still (inline: the whole load);
* ``swap after``: from the changed file's first poll to the new version in use;
* ``matches during``: match calls served while the new version loaded.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from PIL import Image

from tipline.schemas.event import Account, Attachment, MessageEvent
from tipline.schemas.hashing import HashingConfig, HashListSource
from tipline.services.hashing import build_hash_service

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def write_list(path: Path, entries: int, seed: int) -> None:
    """Write ``entries`` random PDQ rows (hex) as a list CSV."""
    rng = np.random.default_rng(seed)
    hashes = rng.integers(0, 256, (entries, 32), dtype=np.uint8)
    with path.open("w", encoding="utf-8") as out:
        out.write("algorithm,hash,list,id,category\n")
        for i, row in enumerate(hashes):
            out.write(f"pdq,{row.tobytes().hex()},bench,{i},A1\n")


def event() -> MessageEvent:
    """One event with one small generated image (noise)."""
    pixels = np.random.default_rng(1).integers(0, 256, (64, 64, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG")
    return MessageEvent(
        schema="tipline.message/1",
        event_id="e1",
        sent_at=T0,
        session_id="s1",
        sender=Account(user_id="u1"),
        recipients=[Account(user_id="u2")],
        attachments=[
            Attachment(
                attachment_id="a",
                media_type="image/png",
                data_b64=buf.getvalue(),
            )
        ],
    )


def run(mode: str, entries: int, folder: Path) -> dict[str, float]:
    """Measure one mode (``inline`` or ``background``)."""
    lst = folder / f"{mode}.csv"
    write_list(lst, entries, seed=1)
    cfg = HashingConfig(
        lists=[HashListSource(path=str(lst))],
        reload_interval_s=1.0,
        reload_in_background=mode == "background",
        pool_workers=0,
    )
    started = time.perf_counter()
    service = build_hash_service(cfg)
    initial_s = time.perf_counter() - started
    old = service.list_versions[lst.stem]
    ev = event()
    service.match(ev, T0)
    write_list(lst, entries + 1000, seed=2)
    os.utime(lst, ns=(1, 1))
    now = T0 + timedelta(seconds=5)
    first_poll = last = time.perf_counter()
    gaps: list[float] = []
    while service.list_versions[lst.stem] == old:
        service.match(ev, now)
        t = time.perf_counter()
        gaps.append(t - last)
        last = t
    return {
        "initial load s": initial_s,
        "longest gap ms": max(gaps) * 1000,
        "swap after s": last - first_poll,
        "matches during": float(len(gaps) - 1),
    }


def main() -> None:
    """Print one row per mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = {mode: run(mode, args.entries, Path(tmp)) for mode in ("inline", "background")}
    print(f"hash-list reload, {args.entries:,} PDQ entries (load {os.getloadavg()[0]:.1f})")
    print("| mode | initial load s | longest gap ms | swap after s | matches during load |")
    print("|---|---:|---:|---:|---:|")
    for mode, r in rows.items():
        print(
            f"| {mode} | {r['initial load s']:.1f} | {r['longest gap ms']:.0f} | "
            f"{r['swap after s']:.1f} | {r['matches during']:.0f} |"
        )


if __name__ == "__main__":
    main()
