"""Image hashing times only (the image part of hashing_bench, without the 10 M lookup).

    python -m tipline.benchmarks.png_bench --seed 1 --reps 60

Prints p50/p99 of ``Matcher.hash_bytes`` for 0.3/2/12 MP JPEG and PNG and for
JPEG with region hashes; writes ``benchmarks/results/hashing_images.json``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tipline.benchmarks.hashing_bench import RESULTS, bench_images


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=60)
    args = ap.parse_args()
    result = bench_images(args.seed, args.reps)
    out = Path(RESULTS) / "hashing_images.json"
    out.write_text(json.dumps(result, indent=1, default=str))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
