"""Crop alignment alone: how close an unrelated crop's best window comes to an anchor.

    python -m tipline.benchmarks.align_alone --seed 16 --unrelated 64

The matcher searches only originals with a near-miss candidate; this runs the
search of :func:`tipline.operators.hashing.align.align_search` for every
unrelated crop (:mod:`tipline.benchmarks.robust_crops`) against the anchor of
EVERY known original of the robustness benchmark whose size allows it, with
no trigger, and reports the distribution of the smallest distances (the
acceptance radius is ``pdq_max_distance``, 31).
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

from tipline.benchmarks.robust_bench import UNRELATED_PHOTOS, load_photo, originals
from tipline.benchmarks.robust_crops import unrelated_crops
from tipline.operators.hashing.algorithm import MediaInput
from tipline.operators.hashing.align import align_search, anchor_window
from tipline.operators.hashing.decode import decode_image
from tipline.operators.hashing.pdq import PdqAlgorithm, hamming
from tipline.operators.hashing.robust import trim_borders

PDQ = PdqAlgorithm()
LIMIT = 40_000_000


def _pdq(image: object) -> bytes:
    c = PDQ.compute(MediaInput(data=b"", image=image))  # type: ignore[arg-type]
    return c.value if c is not None else b"\0" * 32


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--generated", type=int, default=60)
    ap.add_argument("--unrelated", type=int, default=64)
    ap.add_argument("--out", default="benchmarks/results/align_alone.json")
    args = ap.parse_args()
    t0 = time.time()
    anchors = {}
    for oid, (_, data) in originals(args.generated, args.seed).items():
        content = trim_borders(decode_image(data, LIMIT, LIMIT))
        anchors[oid] = (content.size, _pdq(anchor_window(content)))
    photos = [load_photo(p) for p in UNRELATED_PHOTOS]
    best: list[tuple[int, str, str]] = []
    windows = 0
    for source, data in unrelated_crops(args.unrelated, args.seed, photos, 0, args.unrelated):
        query = trim_borders(decode_image(data, LIMIT, LIMIT))
        for oid, (size, anchor) in anchors.items():

            def distance(win: object, anchor: bytes = anchor) -> int:
                nonlocal windows
                windows += 1
                return hamming(_pdq(win), anchor)

            found = align_search(query, size, distance)
            if found is not None:
                best.append((found, source, oid))
    best.sort()
    histogram = collections.Counter(d // 8 * 8 for d, _, _ in best)
    result = {
        "args": vars(args),
        "searches": len(best),
        "windows": windows,
        "within_31": sum(d <= 31 for d, _, _ in best),
        "closest": best[:10],
        "histogram_8bit_bins": dict(sorted(histogram.items())),
        "seconds": time.time() - t0,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1))
    print(json.dumps({k: v for k, v in result.items() if k != "args"}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
