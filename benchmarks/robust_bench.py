"""Robust matching benchmark: recall per transform family and the false-match budget.

    python -m tipline.benchmarks.robust_bench --seed 16 --unrelated 20000 \
        --out benchmarks/results/robust.json

Known originals: generated images (scene, shapes, noise, gradient; PDQ quality
>= the floor) and real photographs shipped inside the scikit-image wheel
(``skimage/data/*.png|jpg``, read from the installed package, never
downloaded). Two lists are built from them exactly as ``tipline hashes build``
does: ``built`` (with derived rotation/crop/region entries) and ``hash-only``
(the five original columns, as NCMEC/industry lists hold).

Recall: every original goes through every family of
:data:`tipline.synth.images.ROBUST_TRANSFORMS` ``--per-family`` times with
parameters drawn from ``--seed``; a query is a hit when its own original is
among the matches, a false match when any other original is.

False-match budget: ``--unrelated`` images that are none of the originals
(generated noise, gradients, shapes, scenes, near-uniform, text-like glyph
rows, and patches of the photographs held out of the known set), each compared
with every known original: raw PDQ / pHash distances at several thresholds,
the two-algorithm agreement rule, and the matcher's full decision (two-stage
acceptance, regions, retries) on both lists. Rates are per million
(unrelated image, known original) comparisons.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import multiprocessing
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from tipline.benchmarks.robust_crops import crop_false_matches, crops_markdown, merge_crops
from tipline.operators.hashing import (
    Matcher,
    build_loaded_list,
    default_algorithms,
    parse_hash_list,
    settings_from_config,
)
from tipline.operators.hashing.catalog import LoadedList
from tipline.operators.hashing.listbuild import derived_rows, original_rows
from tipline.schemas.hashing import HashingConfig
from tipline.synth.images import ROBUST_TRANSFORMS, encode, make_image, make_text_like

KNOWN_PHOTOS = (
    "astronaut.png", "camera.png", "chelsea.png", "coffee.png", "coins.png", "moon.png",
    "rocket.jpg", "motorcycle_left.png", "retina.jpg", "hubble_deep_field.jpg", "brick.png",
    "grass.png",
)  # fmt: skip
UNRELATED_PHOTOS = (
    "gravel.png", "page.png", "text.png", "ihc.png", "microaneurysms.png", "cell.png",
    "clock_motion.png",
)  # fmt: skip
GEN_KINDS = ("scene", "shapes", "noise", "gradient")
UNRELATED_KINDS = ("scene", "shapes", "noise", "gradient", "uniform", "text")
PDQ_T = (31, 40, 50, 60, 70)
PHASH_T = (8, 10, 12, 16, 20)
AGREE = ((70, 20), (70, 12), (50, 12), (40, 10))
ALGOS = {a.name: a for a in default_algorithms()}
CFG = HashingConfig()


def photo_dir() -> Path:
    spec = importlib.util.find_spec("skimage")
    if spec is None or spec.origin is None:
        sys.exit("robust_bench: scikit-image is not installed (pip install -e '.[bench]')")
    return Path(spec.origin).parent / "data"


def load_photo(name: str) -> Image.Image:
    with Image.open(photo_dir() / name) as img:
        return img.convert("RGB")


def originals(n_gen: int, seed: int) -> dict[str, tuple[str, bytes]]:
    """id -> (set, JPEG bytes); generated ones below the PDQ floor are skipped."""
    out: dict[str, tuple[str, bytes]] = {}
    probe = Matcher(default_algorithms(), settings_from_config(CFG), 2)
    s = seed * 1000
    while sum(1 for k in out.values() if k[0] == "generated") < n_gen:
        kind = GEN_KINDS[s % len(GEN_KINDS)]
        data = encode(make_image(s, 640, 480, kind), "JPEG", 90)
        s += 1
        _, p = probe.hash_bytes(data)
        if p.computed and not any(probe.below_floor(c) for c in p.computed):
            out[f"g-{kind}-{s - 1}"] = ("generated", data)
    for name in KNOWN_PHOTOS:
        out[f"p-{name.split('.')[0]}"] = ("photo", encode(load_photo(name), "JPEG", 92))
    return out


def build_lists(known: dict[str, tuple[str, bytes]], tmp: Path) -> dict[str, LoadedList]:
    """The ``built`` (derived entries) and ``hash-only`` lists, via the CLI's own row builders."""
    m = Matcher(default_algorithms(), settings_from_config(CFG), 1)
    plain: list[tuple[str, ...]] = []
    derived: list[tuple[str, ...]] = []
    del tmp  # rows are parsed in memory; the folder is kept for API compatibility
    for oid, (_, data) in known.items():
        made, _ = original_rows(data, m, "known", oid)
        rows: list[tuple[str, ...]] = [(a, h, lst, oid, cat) for a, h, lst, _, cat in made]
        plain += rows
        derived += [(*r, "", "") for r in rows]
        if any(r[0] == "pdq" for r in rows):
            derived += derived_rows(data, m, CFG, list_name="known", category=oid, entry_id=oid)
    out = {}
    for name, rows, header in (
        ("hash-only", plain, ["algorithm", "hash", "list", "id", "category"]),
        (
            "built",
            derived,
            ["algorithm", "hash", "list", "id", "category", "derived_from", "transform"],
        ),
    ):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        parsed = parse_hash_list(f"{name}.csv", buf.getvalue().encode(), ALGOS, "known")
        assert not parsed.issues, parsed.issues[:3]
        out[name] = build_loaded_list(name, parsed, ALGOS, {})
    return out


def matchers() -> dict[str, Matcher]:
    industry = HashingConfig(
        pdq_candidate_distance=CFG.pdq_max_distance,
        phash_candidate_distance=CFG.phash_max_distance,
        trim_borders=False,
        near_miss_retries=False,
        region_hashes=False,
        unrotate_max_degrees=0.0,
        region_agree_regions=0,
    )
    return {
        "robust": Matcher(default_algorithms(), settings_from_config(CFG), 64),
        "industry": Matcher(default_algorithms(), settings_from_config(industry), 64),
    }


def matched_originals(v: Any) -> set[str]:
    return {m.derived_from or m.entry_id for m in v.matches if m.algorithm in ("pdq", "phash")} | {
        m.entry_id for m in v.matches if m.algorithm not in ("pdq", "phash")
    }


def recall(
    known: dict[str, tuple[str, bytes]],
    lists: dict[str, LoadedList],
    per_family: int,
    seed: int,
    shard: tuple[int, int] = (0, 1),
) -> dict[str, Any]:
    ms = matchers()
    modes = {
        "robust/built": (ms["robust"], lists["built"]),
        "robust/hash-only": (ms["robust"], lists["hash-only"]),
        "industry/hash-only": (ms["industry"], lists["hash-only"]),
    }
    table: dict[str, dict[str, list[int]]] = {}
    times: list[float] = []
    misses: list[str] = []
    for n, (oid, (group, data)) in enumerate(known.items()):
        if n % shard[1] != shard[0]:
            continue
        for fam, fn in ROBUST_TRANSFORMS.items():
            for k in range(per_family):
                rng = random.Random(f"{seed}/{oid}/{fam}/{k}")
                q = fn(data, rng)
                for mode, (m, ll) in modes.items():
                    t0 = time.perf_counter()
                    v = m.match_bytes("q", "image/jpeg", q, [ll])
                    if mode == "robust/built":
                        times.append(time.perf_counter() - t0)
                    got = matched_originals(v)
                    cell = table.setdefault(mode, {}).setdefault(f"{group}/{fam}", [0, 0, 0, 0])
                    cell[0] += 1  # queries
                    cell[1] += oid in got  # hits
                    cell[2] += bool(got - {oid})  # queries with a wrong original
                    cell[3] += bool(got)  # queries with any match
                    if mode == "robust/built" and oid not in got:
                        misses.append(f"{oid}/{fam}/{k}")
    return {"table": table, "misses": misses, "times": times}


def merge_recall(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Sum the per-shard recall tables (each shard holds every n-th original)."""
    table: dict[str, dict[str, list[int]]] = {}
    for p in parts:
        for mode, cells in p["table"].items():
            for fam, cell in cells.items():
                into = table.setdefault(mode, {}).setdefault(fam, [0, 0, 0, 0])
                for i, v in enumerate(cell):
                    into[i] += v
    return {
        "table": table,
        "misses": sorted(m for p in parts for m in p["misses"]),
        "match_ms": _pct([t for p in parts for t in p["times"]]),
    }


def _pct(seconds: list[float]) -> dict[str, float]:
    if not seconds:
        return {}
    ms = np.array(seconds) * 1000
    return {"p50": float(np.percentile(ms, 50)), "p99": float(np.percentile(ms, 99)), "n": len(ms)}


def unrelated_images(
    n: int, seed: int, photo_share: float, start: int = 0, stop: int | None = None
) -> Any:
    photos = [load_photo(p) for p in UNRELATED_PHOTOS]
    n_photo = int(n * photo_share)
    for i in range(start, n if stop is None else stop):
        rng = random.Random(f"{seed}/unrelated/{i}")
        if i < n_photo:
            src = photos[i % len(photos)]
            w, h = src.size
            f = rng.uniform(0.25, 0.7)
            cw, ch = int(w * f), int(h * f * rng.uniform(0.7, 1.3))
            ch = min(ch, h)
            x, y = rng.randrange(0, w - cw + 1), rng.randrange(0, h - ch + 1)
            img = src.crop((x, y, x + cw, y + ch))
            if rng.random() < 0.5:
                img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
            yield "photo-patch", encode(img, "JPEG", 88)
        else:
            kind = UNRELATED_KINDS[i % len(UNRELATED_KINDS)]
            s = 1_000_000 + seed * 100_000 + i
            img = make_text_like(s, 320, 240) if kind == "text" else make_image(s, 320, 240, kind)
            yield kind, encode(img, "JPEG", 85)


def _words(values: list[bytes]) -> np.ndarray:
    return np.frombuffer(b"".join(values), dtype=np.uint8).reshape(len(values), -1).view(np.uint64)


def false_matches(
    known: dict[str, tuple[str, bytes]],
    lists: dict[str, LoadedList],
    n: int,
    seed: int,
    photo_share: float,
    shard: tuple[int, int] = (0, 1),
) -> dict[str, Any]:
    ms = matchers()
    probe = ms["robust"]
    ids, kp, kq = [], [], []
    for oid, (_, data) in known.items():
        _, p = probe.hash_bytes(data)
        by = {c.algorithm: c.value for c in p.computed if not probe.below_floor(c)}
        if "pdq" in by and "phash" in by:
            ids.append(oid)
            kp.append(by["pdq"])
            kq.append(by["phash"])
    KP, KQ = _words(kp), _words(kq)
    raw_pdq = dict.fromkeys(PDQ_T, 0)
    raw_phash = dict.fromkeys(PHASH_T, 0)
    agree = dict.fromkeys(AGREE, 0)
    decided = {"robust/built": 0, "robust/hash-only": 0, "industry/hash-only": 0}
    examples: list[str] = []
    by_source: dict[str, int] = {}
    images = 0
    times: list[float] = []
    min_pdq: list[int] = []
    k, of = shard
    bounds = (n * k // of, n * (k + 1) // of)
    for source, data in unrelated_images(n, seed, photo_share, *bounds):
        images += 1
        by_source[source] = by_source.get(source, 0) + 1
        t0 = time.perf_counter()
        v = probe.match_bytes("u", "image/jpeg", data, [lists["built"]])
        times.append(time.perf_counter() - t0)
        _, p = probe.hash_bytes(data)
        comp = {c.algorithm: c for c in p.computed}
        low = {c.algorithm for c in p.computed if probe.below_floor(c)}
        if "pdq" in comp and "pdq" not in low:
            qv = _words([h for _, h in comp["pdq"].variants])
            d_pdq = np.bitwise_count(qv[:, None, :] ^ KP[None, :, :]).sum(axis=2).min(axis=0)
        else:
            d_pdq = np.full(len(ids), 256)
        if "phash" in comp and "phash" not in low:
            d_ph = np.bitwise_count(_words([comp["phash"].value]) ^ KQ).sum(axis=1)
        else:
            d_ph = np.full(len(ids), 64)
        min_pdq.append(int(d_pdq.min()))
        for t in PDQ_T:
            raw_pdq[t] += int((d_pdq <= t).sum())
        for t in PHASH_T:
            raw_phash[t] += int((d_ph <= t).sum())
        for tp, tq in AGREE:
            agree[(tp, tq)] += int(((d_pdq <= tp) & (d_ph <= tq)).sum())
        # industry defaults (PDQ <= 31 or pHash <= 8 alone, no trim/retry/regions)
        decided["industry/hash-only"] += int(((d_pdq <= 31) | (d_ph <= 8)).sum())
        for mode, (m, ll) in {
            "robust/built": (probe, lists["built"]),
            "robust/hash-only": (probe, lists["hash-only"]),
        }.items():
            vv = v if mode == "robust/built" else m.match_bytes("u", "image/jpeg", data, [ll])
            got = matched_originals(vv)
            decided[mode] += len(got)
            if got and len(examples) < 20:
                examples.append(
                    f"{mode}: {source} -> {sorted(got)} "
                    f"{[(x.algorithm, x.distance, x.signals) for x in vv.matches][:3]}"
                )
    return {
        "images": images,
        "by_source": by_source,
        "known_originals": len(ids),
        "raw_pdq": raw_pdq,
        "raw_phash": raw_phash,
        "agree": {f"pdq<={a},phash<={b}": c for (a, b), c in agree.items()},
        "decided": decided,
        "examples": examples,
        "times": times,
        "retries_computed": probe.retries_computed,
        "min_pdq": min_pdq,
    }


def merge_false(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Sum shard counts; rates are per million (unrelated image, known original) comparisons."""
    images = sum(p["images"] for p in parts)
    known_n = parts[0]["known_originals"]
    comparisons = images * known_n

    def summed(key: str) -> dict[Any, list[float]]:
        keys = parts[0][key]
        return {
            k: [sum(p[key][k] for p in parts), sum(p[key][k] for p in parts) * 1e6 / comparisons]
            for k in keys
        }

    by_source: dict[str, int] = {}
    for p in parts:
        for k, v in p["by_source"].items():
            by_source[k] = by_source.get(k, 0) + v
    min_pdq = [d for p in parts for d in p["min_pdq"]]
    return {
        "images": images,
        "by_source": by_source,
        "known_originals": known_n,
        "comparisons": comparisons,
        "raw_pdq": summed("raw_pdq"),
        "raw_phash": summed("raw_phash"),
        "agree": summed("agree"),
        "decided": summed("decided"),
        "examples": [e for p in parts for e in p["examples"]][:30],
        "match_ms": _pct([t for p in parts for t in p["times"]]),
        "retries_computed": sum(p["retries_computed"] for p in parts),
        "min_pdq_p01": float(np.percentile(min_pdq, 1)) if min_pdq else None,
    }


def _setup(args: Any) -> tuple[dict[str, tuple[str, bytes]], dict[str, LoadedList]]:
    known = originals(args.generated, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        lists = build_lists(known, Path(tmp))
    return known, lists


_SHARED: dict[str, Any] = {}
"""The parent's originals and lists, inherited by forked workers (built once)."""


def _task(job: tuple[str, Any, int, int]) -> tuple[str, dict[str, Any]]:
    kind, args, k, of = job
    known, lists = _SHARED["setup"] if "setup" in _SHARED else _setup(args)
    if kind == "recall":
        return kind, recall(known, lists, args.per_family, args.seed, shard=(k, of))
    if kind == "crops":
        photos = [load_photo(p) for p in UNRELATED_PHOTOS]
        robust = matchers()["robust"]
        n = args.unrelated_crops
        return kind, crop_false_matches(
            robust, lists, n, args.seed, photos, (k, of), matched_originals
        )
    return kind, false_matches(
        known, lists, args.unrelated, args.seed, args.photo_share, shard=(k, of)
    )


def markdown(result: dict[str, Any]) -> str:
    lines = ["### Recall per transform family", ""]
    rec = result["recall"]["table"]
    fams = sorted({k for mode in rec.values() for k in mode})
    modes = list(rec)
    lines.append(
        "| set/family | "
        + " | ".join(f"{m} recall" for m in modes)
        + " | wrong-original queries (robust/built) |"
    )
    lines.append("|---" * (len(modes) + 2) + "|")
    for f in fams:
        cells = [
            f"{rec[m][f][1]}/{rec[m][f][0]} = {rec[m][f][1] / rec[m][f][0]:.3f}" for m in modes
        ]
        lines.append(f"| {f} | " + " | ".join(cells) + f" | {rec['robust/built'][f][2]} |")
    for m in modes:
        tot = [sum(c[i] for c in rec[m].values()) for i in range(4)]
        for group in ("generated", "photo"):
            g = [sum(c[i] for k, c in rec[m].items() if k.startswith(group)) for i in range(4)]
            prec = (g[1]) / max(
                1, g[1] + sum(c[2] for k, c in rec[m].items() if k.startswith(group))
            )
            lines.append(
                f"- {m} {group}: recall {g[1] / g[0]:.3f} ({g[1]}/{g[0]}), precision {prec:.4f}"
            )
        lines.append(
            f"- {m} all: recall {tot[1] / tot[0]:.3f}, queries with a wrong original {tot[2]}"
        )
    fm = result["false_matches"]
    lines += [
        "",
        "### False matches per million comparisons",
        "",
        f"{fm['images']} unrelated images ({fm['by_source']}) x {fm['known_originals']} "
        f"known originals = {fm['comparisons']} comparisons",
        "",
        "| rule | threshold | false matches | per million |",
        "|---|---|---|---|",
    ]
    for t, (c, r) in fm["raw_pdq"].items():
        lines.append(f"| PDQ alone (8 orientations) | <= {t} | {c} | {r:.2f} |")
    for t, (c, r) in fm["raw_phash"].items():
        lines.append(f"| pHash alone | <= {t} | {c} | {r:.2f} |")
    for t, (c, r) in fm["agree"].items():
        lines.append(f"| PDQ and pHash agree (same original) | {t} | {c} | {r:.2f} |")
    for t, (c, r) in fm["decided"].items():
        lines.append(f"| matcher decision ({t}) | operating point | {c} | {r:.2f} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--generated", type=int, default=60, help="generated known originals")
    ap.add_argument("--per-family", type=int, default=4, help="queries per original and family")
    ap.add_argument("--unrelated", type=int, default=20000, help="unrelated images")
    ap.add_argument("--photo-share", type=float, default=0.15, help="share of photo patches")
    ap.add_argument(
        "--unrelated-crops", type=int, default=0, help="unrelated crops at the originals' size"
    )
    ap.add_argument("--out", default="benchmarks/results/robust.json")
    ap.add_argument("--processes", type=int, default=2, help="worker processes")
    ap.add_argument("--shards", type=int, default=4, help="unrelated-image shards")
    args = ap.parse_args()
    t0 = time.time()
    known, lists = _setup(args)
    _SHARED["setup"] = (known, lists)
    result: dict[str, Any] = {
        "args": vars(args),
        "list_entries": {k: len(v) for k, v in lists.items()},
        "known": {
            "generated": sum(g == "generated" for g, _ in known.values()),
            "photo": sum(g == "photo" for g, _ in known.values()),
        },
    }
    jobs = [("recall", args, k, args.shards) for k in range(args.shards)]
    jobs += [("false", args, k, args.shards) for k in range(args.shards)]
    if args.unrelated_crops:
        jobs += [("crops", args, k, args.shards) for k in range(args.shards)]
    with multiprocessing.get_context("fork").Pool(args.processes) as pool:
        done = pool.map(_task, jobs, chunksize=1)
    result["recall"] = merge_recall([r for kind, r in done if kind == "recall"])
    result["false_matches"] = merge_false([r for kind, r in done if kind == "false"])
    crops = [r for kind, r in done if kind == "crops"]
    if crops:
        known_n = result["false_matches"]["known_originals"]
        result["unrelated_crops"] = merge_crops(crops, known_n)
    result["seconds"] = time.time() - t0
    md = markdown(result)
    if crops:
        md += "\n" + "\n".join(crops_markdown(result["unrelated_crops"]))
    result["markdown"] = md
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1, default=str))
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
