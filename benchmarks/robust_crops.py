"""Unrelated *crops* at the known originals' size: the false-match test of crop alignment.

The main unrelated set of :mod:`tipline.benchmarks.robust_bench` is 320x240
images and small photo patches, which crop alignment never searches (a query
must be no larger than the original and no smaller than its 80 % window). Here
every unrelated image is generated at 640x480 (scene, shapes, noise, gradient)
or is a held-out photograph at full size, and is then cropped like the crop
family (2-10 % per side, half with a brightness change): the queries for which
the alignment search runs against every original of about that size.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from tipline.synth.images import encode, make_image, small_crop

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from PIL import Image

    from tipline.operators.hashing import Matcher
    from tipline.operators.hashing.catalog import LoadedList

GEN_KINDS = ("scene", "shapes", "noise", "gradient")


def unrelated_crops(
    n: int, seed: int, photos: list[Image.Image], start: int, stop: int
) -> Iterator[tuple[str, bytes]]:
    """Yield ``(source, JPEG bytes)`` of unrelated images ``start..stop`` of ``n``, cropped."""
    del n
    for i in range(start, stop):
        rng = random.Random(f"{seed}/unrelated-crop/{i}")
        if photos and i % 8 == 7:
            source, img = "photo", photos[(i // 8) % len(photos)]
        else:
            source = GEN_KINDS[i % len(GEN_KINDS)]
            img = make_image(2_000_000 + seed * 100_000 + i, 640, 480, source)
        yield source, small_crop(encode(img, "JPEG", 90), rng)


def crop_false_matches(
    matcher: Matcher,
    lists: dict[str, LoadedList],
    n: int,
    seed: int,
    photos: list[Image.Image],
    shard: tuple[int, int],
    matched: Callable[[Any], set[str]],
) -> dict[str, Any]:
    """Count the originals the matcher accepts for unrelated crops (built and hash-only)."""
    k, of = shard
    decided = {"robust/built": 0, "robust/hash-only": 0}
    examples: list[str] = []
    images = 0
    before = matcher.alignments_computed
    for source, data in unrelated_crops(n, seed, photos, n * k // of, n * (k + 1) // of):
        images += 1
        for mode in decided:
            v = matcher.match_bytes("u", "image/jpeg", data, [lists[mode.split("/")[1]]])
            got = matched(v)
            decided[mode] += len(got)
            if got and len(examples) < 20:
                signals = [(x.algorithm, x.distance, x.signals) for x in v.matches][:3]
                examples.append(f"{mode}: {source} -> {sorted(got)} {signals}")
    return {
        "images": images,
        "decided": decided,
        "examples": examples,
        "alignments": matcher.alignments_computed - before,
    }


def merge_crops(parts: list[dict[str, Any]], known_originals: int) -> dict[str, Any]:
    """Sum the shards; rates per million (unrelated crop, known original) comparisons."""
    images = sum(p["images"] for p in parts)
    comparisons = images * known_originals
    decided = {
        mode: [c := sum(p["decided"][mode] for p in parts), c * 1e6 / max(1, comparisons)]
        for mode in parts[0]["decided"]
    }
    return {
        "images": images,
        "comparisons": comparisons,
        "decided": decided,
        "alignments": sum(p["alignments"] for p in parts),
        "examples": [e for p in parts for e in p["examples"]][:30],
    }


def crops_markdown(fm: dict[str, Any]) -> list[str]:
    """Table lines for the report."""
    lines = [
        "",
        f"Unrelated crops at the originals' size: {fm['images']} images x known originals = "
        f"{fm['comparisons']} comparisons; alignment searches {fm['alignments']}",
        "",
        "| rule | false matches | per million |",
        "|---|---|---|",
    ]
    for mode, (c, r) in fm["decided"].items():
        lines.append(f"| matcher decision ({mode}), unrelated crops | {c} | {r:.2f} |")
    return lines
