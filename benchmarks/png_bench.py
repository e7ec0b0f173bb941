"""Image hashing times only (the image part of hashing_bench, without the 10 M lookup).

    python -m tipline.benchmarks.png_bench --seed 1 --reps 60
    python -m tipline.benchmarks.png_bench --png12-only --reps 100

The first prints p50/p99 of ``Matcher.hash_bytes`` for 0.3/2/12 MP JPEG and PNG
and for JPEG with region hashes, and writes
``benchmarks/results/hashing_images.json``. Both then time the 12 MP PNG as
interleaved pairs, the fast PNG decoder (``tipline_png``) and Pillow's path in
alternation over the same three generated images (and, as a yardstick of the
machine's speed, the same images as 12 MP JPEG, whose path the PNG decoder
does not touch: its quiet p50 is in docs/hashing.md), printing wall and CPU
(``time.process_time``, all threads) p50/p99 for each and the load average
before and after, so a shared machine's load shows beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from tipline.benchmarks.hashing_bench import RESULTS, bench_images, pct
from tipline.operators.hashing import Matcher, decode_png, default_algorithms, settings_from_config
from tipline.schemas.hashing import HashingConfig
from tipline.synth.images import encode, make_image


def _run(matcher: Matcher, data: bytes) -> tuple[float, float]:
    c0, w0 = time.process_time(), time.perf_counter()
    matcher.hash_bytes(data)
    return (time.perf_counter() - w0) * 1000, (time.process_time() - c0) * 1000


def png12_pairs(seed: int, reps: int) -> dict[str, Any]:
    """Wall and CPU p50/p99 of hash_bytes on a 12 MP PNG, fast decoder vs Pillow, interleaved."""
    scenes = [make_image(seed + i, 4000, 3000, "scene") for i in range(3)]
    images = [encode(img, "PNG", 90) for img in scenes]
    # the 12 MP JPEG path is unchanged by the PNG decoder: a yardstick for the machine's speed
    jpegs = [encode(img, "JPEG", 90) for img in scenes]
    config = settings_from_config(HashingConfig())
    extension = decode_png.EXTENSION
    paths: dict[str, ModuleType | None] = {"pillow": None, "jpeg": extension}
    if extension is not None:
        paths = {"fast": extension, **paths}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in paths}
    # one matcher per path, each cycling through 3 images with a 1-entry cache: always a miss
    matchers = {name: Matcher(default_algorithms(), config, cache_entries=1) for name in paths}
    load_before = os.getloadavg()
    for i in range(reps + 1):
        for name, module in paths.items():
            decode_png.EXTENSION = module
            sample = _run(matchers[name], (jpegs if name == "jpeg" else images)[i % 3])
            if i > 0:  # the first round warms up imports and the allocator
                times[name].append(sample)
    decode_png.EXTENSION = extension
    out: dict[str, Any] = {"bytes": len(images[0]), "n": reps, "load_before": load_before}
    print(f"12MP PNG ({len(images[0]) / 1e6:.1f} MB), {reps} interleaved pairs")
    for name, samples in times.items():
        wall, cpu = [s[0] for s in samples], [s[1] for s in samples]
        row = {"p50_ms": pct(wall, 50), "p99_ms": pct(wall, 99), "cpu_p50_ms": pct(cpu, 50)}
        row["cpu_p99_ms"] = pct(cpu, 99)
        out[name] = row
        label = "12MP JPEG" if name == "jpeg" else f"12MP PNG {name}"
        print(
            f"  {label:15}  wall p50 {row['p50_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms"
            f"   CPU p50 {row['cpu_p50_ms']:7.1f} ms  p99 {row['cpu_p99_ms']:7.1f} ms"
        )
    if extension is None:
        print("  (tipline_png is not installed: Pillow only; `make venv` builds it)")
    out["load_after"] = os.getloadavg()
    print("  load average before {:.1f} {:.1f} {:.1f}".format(*load_before))
    print("  load average after  {:.1f} {:.1f} {:.1f}".format(*out["load_after"]))
    out["fast_vs_pillow_cpu_p50"] = (
        float(np.divide(out["fast"]["cpu_p50_ms"], out["pillow"]["cpu_p50_ms"]))
        if "fast" in out
        else None
    )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=60)
    ap.add_argument("--png12-only", action="store_true", help="only the 12 MP PNG pairs")
    args = ap.parse_args()
    result: dict[str, Any] = {} if args.png12_only else bench_images(args.seed, args.reps)
    result["12MP PNG pairs"] = png12_pairs(args.seed, args.reps)
    name = "hashing_png12.json" if args.png12_only else "hashing_images.json"
    out = Path(RESULTS) / name
    out.write_text(json.dumps(result, indent=1, default=str))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
