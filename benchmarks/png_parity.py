"""The fast PNG decoder against Pillow's path on real and generated PNGs: pixels and hashes.

    python -m tipline.benchmarks.png_parity --seed 1

Decodes every PNG photograph shipped in the scikit-image wheel (when it is
installed: ``make bench``), those photographs enlarged 3x and 7x so that the
decode reduces them (factors 2 and 4), and generated noise, gradient, shape and
scene images in RGB, RGBA, L, LA and palette modes at 2-12 MP, once with
``tipline_png`` and once with Pillow. Prints, per group, how many images the
fast decoder took (the rest fall back to Pillow), the largest per-channel
difference and the largest PDQ and pHash distance between the two paths.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image

from tipline.operators.hashing import MediaInput, PdqAlgorithm, PhashAlgorithm, decode_png
from tipline.operators.hashing.decode import decode_opened, open_image
from tipline.synth.images import make_image

CAP = 100_000_000


def _png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _photographs() -> list[Path]:
    spec = importlib.util.find_spec("skimage")
    if spec is None or spec.origin is None:
        return []
    return sorted((Path(spec.origin).parent / "data").glob("*.png"))


def groups(seed: int) -> Iterator[tuple[str, list[bytes]]]:
    photos = _photographs()
    yield "scikit-image photographs, as shipped", [p.read_bytes() for p in photos]
    for scale in (3, 7):
        enlarged = []
        for path in photos:
            with Image.open(path) as img:
                size = (img.width * scale, img.height * scale)
                enlarged.append(_png(img.resize(size, Image.Resampling.BICUBIC)))
        yield f"photographs enlarged {scale}x", enlarged
    for kind in ("noise", "gradient", "shapes", "scene"):
        images = [make_image(seed, 1920, 1080, kind), make_image(seed + 7, 4000, 3000, kind)]
        modes = ("RGB", "RGBA", "L", "LA", "P")
        yield f"generated {kind}", [_png(im.convert(m)) for im in images for m in modes]


def compare(data: bytes) -> tuple[bool, int, int, int]:
    """(fast decoder used, max level difference, PDQ distance, pHash distance)."""
    fast = decode_png.reduce_png(data, 1, CAP) is not None
    slow = decode_opened(open_image(data, CAP, CAP))
    quick = decode_opened(open_image(data, CAP, CAP), data)
    diff = int(np.abs(np.asarray(quick, dtype=int) - np.asarray(slow, dtype=int)).max())
    distances = []
    for algorithm in (PdqAlgorithm(), PhashAlgorithm()):
        a = algorithm.compute(MediaInput(data=b"", image=quick))
        b = algorithm.compute(MediaInput(data=b"", image=slow))
        distances.append(algorithm.distance(a.value, b.value) if a and b else -1)
    return fast, diff, distances[0], distances[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not decode_png.available():
        print("tipline_png is not installed: nothing to compare (`make venv` builds it)")
        return 1
    for name, datas in groups(args.seed):
        rows = [compare(d) for d in datas]
        if not rows:
            print(f"  {name:40} (none: scikit-image not installed)")
            continue
        fast = sum(r[0] for r in rows)
        worst = [max(r[i] for r in rows) for i in (1, 2, 3)]
        print(
            f"  {name:40} {len(rows):3} images, {fast:3} fast; max level diff {worst[0]},"
            f" max PDQ {worst[1]} bits, max pHash {worst[2]} bits"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
