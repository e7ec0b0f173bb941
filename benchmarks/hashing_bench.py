"""Hash-matching benchmark: image hashing latency, PDQ lookup at scale, robustness.

Run: ``.venv/bin/python -m tipline.benchmarks.hashing_bench --seed 1 [--entries 10000000]``

Prints tables (p50/p99), writes ``benchmarks/results/hashing.json`` and
``benchmarks/results/hashing.png``. Wall times depend on the machine and on
whatever else is running on it; nothing here asserts on them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from tipline.operators.hashing import (
    HammingIndex,
    Matcher,
    MediaInput,
    decode_image,
    default_algorithms,
    settings_from_config,
)
from tipline.operators.hashing.pdq import PdqAlgorithm, hamming
from tipline.operators.hashing.phash import PhashAlgorithm
from tipline.schemas.hashing import HashingConfig
from tipline.synth.images import TRANSFORMS, apply_transform, encode, make_image

RESULTS = Path(__file__).resolve().parent / "results"
SIZES = {"0.3MP": (640, 480), "2MP": (1920, 1080), "12MP": (4000, 3000)}


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q)) if values else float("nan")


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000.0


# ---------------------------------------------------------------- image hashing
def bench_images(seed: int, reps: int) -> dict[str, Any]:
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), cache_entries=1)
    out: dict[str, Any] = {}
    for label, (w, h) in SIZES.items():
        for fmt in ("JPEG", "PNG"):
            images = [encode(make_image(seed + i, w, h, "scene"), fmt, 90) for i in range(3)]
            matcher.hash_bytes(images[-1])  # warm-up (imports, allocator)
            times = [timed(lambda d=images[i % 3]: matcher.hash_bytes(d)) for i in range(reps)]
            key = f"{label} {fmt}"
            out[key] = {
                "bytes": int(np.mean([len(d) for d in images])),
                "p50_ms": pct(times, 50),
                "p99_ms": pct(times, 99),
                "max_ms": max(times),
                "n": reps,
            }
            print(
                f"  {key:12} {out[key]['bytes'] / 1e6:6.2f} MB  p50 {out[key]['p50_ms']:7.1f} ms"
                f"  p99 {out[key]['p99_ms']:7.1f} ms"
            )
    # With region entries in a list, the query also hashes quadrants + centre (issue 16).
    regional = Matcher(default_algorithms(), settings_from_config(HashingConfig()), cache_entries=1)
    for label in ("2MP", "12MP"):
        w, h = SIZES[label]
        images = [encode(make_image(seed + i, w, h, "scene"), "JPEG", 90) for i in range(3)]
        regional.hash_bytes(images[-1], regions=True)
        times = [
            timed(lambda d=images[i % 3]: regional.hash_bytes(d, regions=True)) for i in range(reps)
        ]
        key = f"{label} JPEG +regions"
        out[key] = {"p50_ms": pct(times, 50), "p99_ms": pct(times, 99), "n": reps}
        print(f"  {key:20} p50 {out[key]['p50_ms']:7.1f} ms  p99 {out[key]['p99_ms']:7.1f} ms")
    out["12MP JPEG stages"] = stage_breakdown(seed, reps)
    return out


def stage_breakdown(seed: int, reps: int) -> dict[str, float]:
    data = encode(make_image(seed, 4000, 3000, "scene"), "JPEG", 90)
    algos = default_algorithms()
    exact = [a for a in algos if a.kind == "exact"]
    image = decode_image(data, 64_000_000)
    media = MediaInput(data=data, image=image)
    stages = {
        "sha256+sha1+md5": lambda: [a.compute(MediaInput(data=data)) for a in exact],
        "decode (draft) + reduce": lambda: decode_image(data, 64_000_000),
        "pdq x8 orientations": lambda: PdqAlgorithm().compute(media),
        "phash": lambda: PhashAlgorithm().compute(media),
    }
    result = {}
    for name, fn in stages.items():
        fn()
        times = [timed(fn) for _ in range(max(5, reps // 2))]
        result[name] = pct(times, 50)
        print(f"    stage {name:26} p50 {result[name]:6.1f} ms")
    return result


# ---------------------------------------------------------------- lookup at scale
def flip_bits(value: np.ndarray, rng: np.random.Generator, k: int) -> np.ndarray:
    out = value.copy()
    for b in rng.choice(256, size=k, replace=False):
        out[b // 8] ^= np.uint8(1 << (b % 8))
    return out


def brute(words: np.ndarray, query: np.ndarray, radius: int) -> set[int]:
    q = query.view(np.uint64)
    hits: set[int] = set()
    for lo in range(0, len(words), 1 << 20):
        d = np.bitwise_count(words[lo : lo + (1 << 20)] ^ q).sum(axis=1)
        hits.update(int(lo + i) for i in np.flatnonzero(d <= radius))
    return hits


def bench_lookup(
    seed: int, entries: int, queries: int, compare: int, faiss_on: bool
) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    hashes = rng.integers(0, 256, (entries, 32), dtype=np.uint8)
    start = time.perf_counter()
    index = HammingIndex(hashes)
    build_s = time.perf_counter() - start
    print(
        f"  built index over {entries:,} PDQ hashes in {build_s:.1f} s,"
        f" {index.nbytes / 2**20:.0f} MiB"
    )
    sets = []
    for _ in range(queries):
        qs = [rng.integers(0, 256, 32, dtype=np.uint8) for _ in range(8)]
        target = int(rng.integers(0, entries))
        qs[int(rng.integers(0, 8))] = flip_bits(hashes[target], rng, int(rng.integers(0, 32)))
        sets.append((qs, target))
    times, planted_found = [], 0
    for qs, target in sets:
        values = [q.tobytes() for q in qs]
        t0 = time.perf_counter()
        hits = index.query_many(values, 31)
        times.append((time.perf_counter() - t0) * 1000)
        planted_found += any(h.entry == target for h in hits)
    words = hashes.view(np.uint64)
    brute_times, recall_ok = [], 0
    for qs, _ in sets[:compare]:
        t0 = time.perf_counter()
        expected = [brute(words, q, 31) for q in qs]
        brute_times.append((time.perf_counter() - t0) * 1000)
        got = index.query_many([q.tobytes() for q in qs], 31)
        recall_ok += all({h.entry for h in got if h.query == i} == expected[i] for i in range(8))
    result: dict[str, Any] = {
        "entries": entries,
        "build_s": build_s,
        "index_mib": index.nbytes / 2**20,
        "query_set": "8 orientations, radius 31",
        "mih_p50_ms": pct(times, 50),
        "mih_p99_ms": pct(times, 99),
        "mih_max_ms": max(times),
        "queries": queries,
        "planted_found": planted_found,
        "brute_numpy_p50_ms": pct(brute_times, 50),
        "exact_recall_sets_checked": compare,
        "exact_recall_sets_equal": recall_ok,
    }
    result["speedup_vs_numpy"] = result["brute_numpy_p50_ms"] / result["mih_p50_ms"]
    if faiss_on:
        result.update(bench_faiss(hashes, sets[:compare]))
        if "faiss_p50_ms" in result:
            result["speedup_vs_faiss"] = result["faiss_p50_ms"] / result["mih_p50_ms"]
    print(
        f"  MIH lookup (8 orientations): p50 {result['mih_p50_ms']:.1f} ms"
        f"  p99 {result['mih_p99_ms']:.1f} ms"
        f"  planted found {planted_found}/{queries}"
    )
    print(
        f"  brute numpy: p50 {result['brute_numpy_p50_ms']:.0f} ms"
        f"  -> MIH {result['speedup_vs_numpy']:.0f}x faster;"
        f" exact recall {recall_ok}/{compare} sets identical"
    )
    if "faiss_p50_ms" in result:
        print(
            f"  FAISS IndexBinaryFlat (1 thread): p50 {result['faiss_p50_ms']:.0f} ms -> MIH "
            f"{result['speedup_vs_faiss']:.0f}x faster;"
            f" same results {result['faiss_sets_equal']}/{compare}"
        )
    return result


def bench_faiss(hashes: np.ndarray, sets: list[tuple[list[np.ndarray], int]]) -> dict[str, Any]:
    try:
        import faiss  # noqa: PLC0415 - optional baseline only
    except ImportError:
        print("  FAISS not installed: baseline skipped (pip install faiss-cpu)")
        return {"faiss": "not installed"}
    faiss.omp_set_num_threads(1)
    index = faiss.IndexBinaryFlat(256)
    t0 = time.perf_counter()
    index.add(hashes)
    add_s = time.perf_counter() - t0
    words = hashes.view(np.uint64)
    times, equal = [], 0
    for qs, _ in sets:
        q = np.stack(qs)
        t0 = time.perf_counter()
        lims, _dist, labels = index.range_search(q, 32)  # FAISS keeps distances < radius
        times.append((time.perf_counter() - t0) * 1000)
        got = [set(labels[lims[i] : lims[i + 1]].tolist()) for i in range(8)]
        equal += all(got[i] == brute(words, qs[i], 31) for i in range(8))
    return {"faiss_add_s": add_s, "faiss_p50_ms": pct(times, 50), "faiss_sets_equal": equal}


# ---------------------------------------------------------------- robustness
def bench_robustness(seed: int, per_kind: int) -> dict[str, Any]:
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), cache_entries=1)

    def perceptual(data: bytes) -> dict[str, Any]:
        _, p = matcher.hash_bytes(data)
        return {c.algorithm: c for c in p.computed}

    copies: dict[str, dict[str, list[int]]] = {t: {"pdq": [], "phash": []} for t in TRANSFORMS}
    originals = []
    for kind in ("scene", "shapes", "noise", "gradient"):
        s = seed * 1000
        while len([o for o in originals if o[0] == kind]) < per_kind:
            data = encode(make_image(s, 640, 480, kind), "JPEG", 90)
            s += 1
            h = perceptual(data)
            if (h["pdq"].quality or 0) >= 50:
                originals.append((kind, data, h))
    for kind, data, h in originals:
        for t in TRANSFORMS:
            c = perceptual(apply_transform(t, data, len(kind)))
            copies[t]["pdq"].append(min(hamming(v, h["pdq"].value) for _, v in c["pdq"].variants))
            copies[t]["phash"].append(hamming(c["phash"].value, h["phash"].value))
            copies[t].setdefault("matched", []).append(
                int(copies[t]["pdq"][-1] <= 31 or copies[t]["phash"][-1] <= 8)
            )
            copies[t].setdefault(f"matched_{kind}", []).append(copies[t]["matched"][-1])
    unrelated: dict[str, list[int]] = {
        "pdq": [], "phash": [], "uniform_phash": [], "uniform_pdq_quality": [],
        "uniform_phash_quality": [],
    }  # fmt: skip
    for i, (_, _, a) in enumerate(originals):
        for _, _, b in originals[i + 1 :]:
            unrelated["pdq"].append(min(hamming(v, b["pdq"].value) for _, v in a["pdq"].variants))
            unrelated["phash"].append(hamming(a["phash"].value, b["phash"].value))
    flats = [
        perceptual(encode(make_image(seed * 7 + i, 640, 480, "uniform"), "JPEG", 85))
        for i in range(20)
    ]
    for i, a in enumerate(flats):
        unrelated["uniform_pdq_quality"].append(a["pdq"].quality or 0)
        unrelated["uniform_phash_quality"].append(a["phash"].quality or 0)
        for b in flats[i + 1 :]:
            unrelated["uniform_phash"].append(hamming(a["phash"].value, b["phash"].value))
    summary = {t: summarize(v) for t, v in copies.items()}
    summary["unrelated"] = summarize(unrelated)
    print(f"  {'pair':22} {'PDQ min/p50/p95/max':>22} {'pHash min/p50/p95/max':>24} matched")
    for name, s in summary.items():
        line = f"  {name:22} {fmt4(s.get('pdq')):>22} {fmt4(s.get('phash')):>24}"
        if "matched" in s:
            line += f" {s['matched']['sum']}/{s['matched']['n']}"
        print(line)
    u = summary["unrelated"]
    print(
        f"  near-uniform: PDQ quality max {u['uniform_pdq_quality']['max']} (floor 50), pHash"
        f" quality max {u['uniform_phash_quality']['max']} (floor 2), pHash pairwise min"
        f" {u['uniform_phash']['min']} (hence the floors)"
    )
    return {
        "originals": len(originals),
        "distances": summary,
        "raw": {"copies": copies, "unrelated": unrelated},
    }


def summarize(groups: dict[str, list[int]]) -> dict[str, dict[str, float]]:
    return {
        k: {
            "min": min(v),
            "p50": pct(v, 50),
            "p95": pct(v, 95),
            "max": max(v),
            "n": len(v),
            "sum": sum(v),
        }
        for k, v in groups.items()
        if v
    }


def fmt4(s: dict[str, float] | None) -> str:
    if not s:
        return "-"
    return f"{s['min']:.0f}/{s['p50']:.0f}/{s['p95']:.0f}/{s['max']:.0f}"


# ---------------------------------------------------------------- output
def plot(result: dict[str, Any], path: Path) -> None:
    import matplotlib  # noqa: PLC0415

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 4.5))
    img = {k: v for k, v in result["images"].items() if "p50_ms" in v}
    names = list(img)
    x = np.arange(len(names))
    ax1.bar(x - 0.2, [img[n]["p50_ms"] for n in names], 0.4, label="p50")
    ax1.bar(x + 0.2, [img[n]["p99_ms"] for n in names], 0.4, label="p99")
    ax1.axhline(80, color="red", linestyle="--", label="target p99 80 ms")
    ax1.set_xticks(x, names, rotation=30, ha="right")
    ax1.set_ylabel("ms per image (all hashes)")
    ax1.set_title("Hashing one image (1 core)")
    ax1.legend()
    raw = result["robustness"]["raw"]
    copies = [d for t in raw["copies"].values() for d in t["pdq"]]
    ax2.hist(copies, bins=range(0, 130, 4), alpha=0.7, label="transformed copy vs original")
    ax2.hist(raw["unrelated"]["pdq"], bins=range(0, 260, 4), alpha=0.7, label="unrelated images")
    ax2.axvline(31, color="red", linestyle="--", label="PDQ radius 31")
    ax2.set_xlabel("PDQ distance (best of 8 orientations)")
    ax2.set_title("PDQ distance distributions")
    ax2.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--entries", type=int, default=1_000_000, help="PDQ index size")
    parser.add_argument("--image-reps", type=int, default=60)
    parser.add_argument("--queries", type=int, default=200, help="lookup query sets")
    parser.add_argument("--compare", type=int, default=5, help="query sets checked by brute force")
    parser.add_argument("--per-kind", type=int, default=6, help="robustness originals per kind")
    parser.add_argument("--no-faiss", action="store_true")
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    print(f"hashing benchmark, seed {args.seed}, {os.cpu_count()} cores, load {load[0]:.2f}")
    print("image hashing (sha256+sha1+md5, decode, PDQ x8, pHash):")
    result: dict[str, Any] = {
        "seed": args.seed,
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_start": load,
    }
    result["images"] = bench_images(args.seed, args.image_reps)
    print("PDQ lookup:")
    result["lookup"] = bench_lookup(
        args.seed, args.entries, args.queries, args.compare, not args.no_faiss
    )
    print("robustness (distances of copies and unrelated images):")
    result["robustness"] = bench_robustness(args.seed, args.per_kind)
    result["loadavg_end"] = os.getloadavg()
    (out / "hashing.json").write_text(json.dumps(result, indent=2, default=float))
    plot(result, out / "hashing.png")
    print(f"wrote {out / 'hashing.json'} and {out / 'hashing.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
