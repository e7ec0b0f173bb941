"""Can a crop be undone query-side for hash-only lists? A probe of "uncropping".

A list without images (NCMEC, industry) has no anchor entry, so crop
alignment cannot run; the query is all there is. This probe pads each cropped
query back out (edge pixels repeated, the same fraction on every side, a few
fractions) and asks how close the best padded PDQ comes to the original's,
and how close padded *unrelated* images come to the other originals (the
false-match side of the same idea).

    python -m tipline.benchmarks.uncrop_probe [--seed 3] [--reps 3]

Crops are those of the robustness suite's crop family (2-10 % off each side,
independently; ``synth.images.small_crop`` without its brightness change).
Prints the counts; writes nothing and asserts nothing.
"""

from __future__ import annotations

import argparse
import random
from typing import Final

import imagehash
import numpy as np
import numpy.typing as npt
import pdqhash
import skimage.data
from PIL import Image

from tipline.synth.images import make_image

GEN_KINDS: Final = ("scene", "shapes", "gradient", "noise")
PHOTOS: Final = ("astronaut", "camera", "coffee", "chelsea", "rocket", "brick", "grass",
                 "gravel", "moon", "page", "coins", "horse")  # fmt: skip
PAD_FRACTIONS: Final = (0.02, 0.04, 0.06, 0.08, 0.10)
PDQ_CANDIDATE: Final = 70  # [hashing] pdq_candidate_distance
PHASH_CANDIDATE: Final = 12  # [hashing] phash_candidate_distance
Bits = npt.NDArray[np.uint8]


def _pdq(pixels: npt.NDArray[np.uint8]) -> Bits:
    bits, _quality = pdqhash.compute(pixels)
    return np.asarray(bits, dtype=np.uint8)


def _phash(pixels: npt.NDArray[np.uint8]) -> Bits:
    """The matcher's pHash: imagehash.phash of the 32x32 LANCZOS luma."""
    luma = Image.fromarray(pixels).convert("L").resize((32, 32), Image.Resampling.LANCZOS)
    return np.asarray(imagehash.phash(luma).hash.flatten(), dtype=np.uint8)


def _agree(pdq: int, phash: int) -> bool:
    """The shipped two-stage rule for one original: PDQ <= 70 with pHash <= 12 (weak)."""
    return pdq <= PDQ_CANDIDATE and phash <= PHASH_CANDIDATE


def _distance(a: Bits, b: Bits) -> int:
    return int(np.count_nonzero(a != b))


def _rgb(img: Image.Image) -> npt.NDArray[np.uint8]:
    return np.asarray(img.convert("RGB"), dtype=np.uint8)


def _padded(pixels: npt.NDArray[np.uint8], fraction: float) -> npt.NDArray[np.uint8]:
    ph, pw = int(pixels.shape[0] * fraction), int(pixels.shape[1] * fraction)
    return np.pad(pixels, ((ph, ph), (pw, pw), (0, 0)), mode="edge")


def _images(seed: int) -> list[tuple[str, Image.Image]]:
    out = [
        (f"generated/{kind}", make_image(seed * 1000 + s, 640, 480, kind))
        for s in range(12)
        for kind in GEN_KINDS
    ]
    for name in PHOTOS:
        a = np.asarray(getattr(skimage.data, name)())
        if a.ndim == 2:
            a = np.stack([a] * 3, axis=-1)
        if a.dtype != np.uint8:
            a = (a * 255).astype(np.uint8) if a.max() <= 1 else a.astype(np.uint8)
        out.append((f"photo/{name}", Image.fromarray(a[..., :3])))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--reps", type=int, default=3, help="crops per image")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    images = _images(args.seed)
    originals = [(_pdq(_rgb(img)), _phash(_rgb(img))) for _, img in images]
    rows: dict[str, list[tuple[int, int, bool]]] = {"generated": [], "photo": []}
    for (name, img), (pdq, phash) in zip(images, originals, strict=True):
        w, h = img.size
        for _ in range(args.reps):
            left, right = (int(w * rng.uniform(0.02, 0.10)) for _ in range(2))
            top, bottom = (int(h * rng.uniform(0.02, 0.10)) for _ in range(2))
            crop = _rgb(img.crop((left, top, w - right, h - bottom)))
            cropped = _distance(pdq, _pdq(crop))
            tries = [(_pdq(v), _phash(v)) for v in (_padded(crop, f) for f in PAD_FRACTIONS)]
            padded = min(_distance(pdq, t) for t, _ in tries)
            agreed = any(_agree(_distance(pdq, t), _distance(phash, u)) for t, u in tries)
            rows[name.split("/")[0]].append((cropped, min(cropped, padded), agreed))
    print(f"uncrop probe: seed {args.seed}, {args.reps} crops per image, pads {PAD_FRACTIONS}")
    heads = ("PDQ<=31 cropped", "PDQ<=31 padded", "PDQ+pHash agree padded")
    print(f"{'set':<10} {'crops':>5} {heads[0]:>16} {heads[1]:>15} {heads[2]:>23} "
          f"{'median cropped':>15} {'median padded':>14}")  # fmt: skip
    for group, found in rows.items():
        plain = sorted(c for c, _, _ in found)
        best = sorted(b for _, b, _ in found)
        print(
            f"{group:<10} {len(found):>5} {sum(c <= 31 for c in plain):>16} "
            f"{sum(b <= 31 for b in best):>15} {sum(a for _, _, a in found):>23} "
            f"{plain[len(plain) // 2]:>15} {best[len(best) // 2]:>14}"
        )
    nearest, false_agree = [], 0
    for k, (_, img) in enumerate(images):
        pixels = _rgb(img)
        for f in PAD_FRACTIONS:
            variant = _padded(pixels, f)
            vp, vh = _pdq(variant), _phash(variant)
            others = [(_distance(vp, o), _distance(vh, u)) for j, (o, u) in enumerate(originals)
                      if j != k]  # fmt: skip
            nearest.append(min(d for d, _ in others))
            false_agree += sum(_agree(d, e) for d, e in others)
    nearest.sort()
    comparisons = len(nearest) * (len(originals) - 1)
    print(
        f"padded unrelated images vs the other originals ({len(nearest)} variants, "
        f"{comparisons} comparisons): nearest PDQ distance min {nearest[0]}, "
        f"p5 {nearest[len(nearest) // 20]}; PDQ+pHash agreements {false_agree}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
