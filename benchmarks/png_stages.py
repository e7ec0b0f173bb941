"""Where a 12 MP PNG's hashing time goes: CPU per stage, and whether each stage holds the GIL.

    python -m tipline.benchmarks.png_stages --reps 10

Prints the median CPU (``time.process_time``) and wall time of each stage of
``Matcher.hash_bytes`` for the generated 12 MP PNG of ``hashing_bench`` (the
decode both by Pillow and by the fast decoder, ``tipline_png``, when it is
installed; ``hash_bytes`` uses the fast one then), then,
for the decode and the digests, how fast a pure-Python spinner thread runs
beside them (iterations per ms; as fast as when idle = the stage releases the
GIL, so it can overlap with other work on a free core).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import threading
import time
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.operators.hashing.algorithm import MediaInput
from tipline.operators.hashing.decode import decode_image, decode_opened, open_image
from tipline.operators.hashing.pdq import PdqAlgorithm
from tipline.operators.hashing.phash import PhashAlgorithm
from tipline.operators.hashing.robust import texture, trim_borders
from tipline.schemas.hashing import HashingConfig
from tipline.synth.images import encode, make_image

if TYPE_CHECKING:
    from collections.abc import Callable

LIMIT = 64_000_000


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    c0, w0 = time.process_time(), time.perf_counter()
    fn()
    return (time.process_time() - c0) * 1000, (time.perf_counter() - w0) * 1000


def stages(data: list[bytes], reps: int) -> dict[str, tuple[float, float]]:
    """Median (CPU ms, wall ms) of each stage over ``reps`` runs."""
    first = data[0]
    img = decode_image(first, LIMIT, LIMIT)
    media = MediaInput(data=first, image=img)
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), 1)
    counter = iter(range(10**9))

    def full_decode() -> None:
        with Image.open(io.BytesIO(first)) as im:
            im.load()

    work: dict[str, Callable[[], object]] = {
        "sha256": lambda: hashlib.sha256(first).digest(),
        "sha1": lambda: hashlib.sha1(first, usedforsecurity=False).digest(),
        "md5": lambda: hashlib.md5(first, usedforsecurity=False).digest(),
        "Pillow open + load (inflate + unfilter)": full_decode,
        "decode_image, Pillow (load, reduce, RGB)": lambda: decode_opened(
            open_image(first, LIMIT, LIMIT)
        ),
        "decode_image, tipline_png (one pass)": lambda: decode_image(first, LIMIT, LIMIT),
        "pdq x8": lambda: PdqAlgorithm().compute(media),
        "phash": lambda: PhashAlgorithm().compute(media),
        "texture + trim": lambda: (texture(img), trim_borders(img)),
        "hash_bytes (all, cache missed)": lambda: matcher.hash_bytes(
            data[next(counter) % len(data)], regions=True
        ),
    }
    out = {}
    for name, fn in work.items():
        fn()
        runs = np.array([_timed(fn) for _ in range(reps)])
        out[name] = (float(np.median(runs[:, 0])), float(np.median(runs[:, 1])))
        print(f"  {name:40} CPU p50 {out[name][0]:7.1f} ms   wall p50 {out[name][1]:7.1f} ms")
    return out


def spinner_rates(data: bytes) -> dict[str, float]:
    """Iterations per ms of a Python spinner thread beside each stage (idle: beside a sleep)."""
    stop = threading.Event()
    count = [0]

    def spin() -> None:
        while not stop.is_set():
            count[0] += 1

    def load() -> None:
        with Image.open(io.BytesIO(data)) as im:
            im.load()

    out = {}
    for label, fn in (
        ("idle (sleep 0.5 s)", lambda: time.sleep(0.5)),
        ("Pillow PNG decode", load),
        ("sha1 + md5", lambda: (hashlib.sha1(data).digest(), hashlib.md5(data).digest())),
    ):
        count[0] = 0
        stop.clear()
        thread = threading.Thread(target=spin)
        thread.start()
        _, wall = _timed(fn)
        stop.set()
        thread.join()
        out[label] = count[0] / wall
        print(f"  spinner beside {label:22} {out[label]:8.0f} iterations/ms")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=10)
    args = ap.parse_args()
    data = [encode(make_image(args.seed + i, 4000, 3000, "scene"), "PNG", 90) for i in range(3)]
    print(f"12 MP PNG, {len(data[0]) / 1e6:.1f} MB")
    stages(data, args.reps)
    spinner_rates(data[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
