"""PNG plots of an e2e results document (matplotlib, Agg backend, no display needed).

* ``latency_vs_rate.png``: decision latency p50 and p99 against the offered
  rate, one panel per traffic kind, one colour per layout (full or floor, 1 or
  N processes), log scale, with the 100 ms and 500 ms targets.
* ``latency_cdf.png``: the latency distribution of every step (from the
  quantile grid stored in ``latest.json``), one panel per traffic kind.

Both are drawn from ``latest.json`` alone, so ``python -m tipline.benchmarks.plots``
redraws them for a committed result.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Final

import matplotlib as mpl

mpl.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import NullFormatter, ScalarFormatter

from tipline.benchmarks.collector import CDF_QUANTILES

# Issue 15's highest-rate targets: text 5,000 decision p99 <= 100 ms, mixed 800 <= 500 ms.
TARGETS: Final = {"text": 100.0, "mixed": 500.0}


def _kinds(doc: dict[str, Any]) -> list[str]:
    seen = [s["traffic"] for s in doc["steps"] if "error" not in s]
    return [k for k in ("text", "mixed") if k in seen]


def _caption(doc: dict[str, Any]) -> str:
    m = doc["machine"]
    return (f"{m['cores']} cores, {m['cpu_model']}, Python {m['python']}, bytewax {m['bytewax']}; "
            f"{doc['config']}, seed {doc['seed']}, {doc['duration_s']:g}s per step")  # fmt: skip


def _series(doc: dict[str, Any], kind: str) -> dict[str, list[dict[str, Any]]]:
    """The steps of one traffic kind grouped by layout and full/floor, by rate."""
    out: dict[str, list[dict[str, Any]]] = {}
    for s in sorted(doc["steps"], key=lambda s: s["rate"]):
        if s["traffic"] != kind or "error" in s:
            continue
        name = f"{'floor' if s.get('floor') else 'full'} x{s.get('processes', 1)}"
        out.setdefault(name, []).append(s)
    return out


def plot_percentiles(doc: dict[str, Any], path: Path) -> Path:
    """Decision latency p50 (dashed) and p99 (solid) against the offered rate, per layout."""
    kinds = _kinds(doc)
    fig, axes = plt.subplots(1, max(1, len(kinds)), figsize=(6 * max(1, len(kinds)), 4.5))
    for ax, kind in zip(list(getattr(axes, "flat", [axes])), kinds, strict=False):
        rates: set[float] = set()
        for i, (name, steps) in enumerate(_series(doc, kind).items()):
            xs = [s["rate"] for s in steps]
            rates.update(xs)
            color = f"C{i}"
            for key, style in (("p99_ms", "-"), ("p50_ms", "--")):
                ys = [s[key] if s[key] is not None else float("nan") for s in steps]
                ax.plot(xs, ys, style, marker="o", color=color,
                        label=f"{name} {key.removesuffix('_ms')}")  # fmt: skip
            for s in steps:
                if s["p99_ms"] is None:  # never drained: mark it at the top edge
                    ax.annotate("p99: backlog", (s["rate"], 0.97),
                                xycoords=("data", "axes fraction"), fontsize=7, ha="right",
                                va="top", color=color)  # fmt: skip
        ax.axhline(TARGETS[kind], color="red", linestyle=":", linewidth=1,
                   label=f"target p99 {TARGETS[kind]:g} ms")  # fmt: skip
        boundary = next((s.get("boundary", "audit lake") for s in doc["steps"]), "audit lake")
        ax.set(xscale="log", yscale="log", xlabel="offered rate (msg/s)", ylabel="latency (ms)",
               title=f"{kind}: record timestamp -> decision ({boundary})")  # fmt: skip
        ax.set_xticks(sorted(rates))
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_formatter(ScalarFormatter())
            axis.set_minor_formatter(NullFormatter())
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle(_caption(doc), fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_cdf(doc: dict[str, Any], path: Path) -> Path:
    """Latency distribution (CDF) of every step."""
    kinds = _kinds(doc)
    fig, axes = plt.subplots(1, max(1, len(kinds)), figsize=(6 * max(1, len(kinds)), 4.5))
    for ax, kind in zip(list(getattr(axes, "flat", [axes])), kinds, strict=False):
        for s in doc["steps"]:
            if s["traffic"] != kind or "error" in s or not s.get("cdf_ms"):
                continue
            pts = [(v, q / 100) for v, q in zip(s["cdf_ms"], CDF_QUANTILES, strict=True) if v]
            name = f"{s['rate']:g} msg/s {'floor' if s.get('floor') else 'full'} x"
            ax.plot([p[0] for p in pts], [p[1] for p in pts],
                    label=f"{name}{s.get('processes', 1)}",
                    linestyle="--" if s.get("floor") else "-")  # fmt: skip
        ax.axvline(TARGETS[kind], color="red", linestyle="--", linewidth=1)
        ax.axhline(0.99, color="grey", linestyle=":", linewidth=1)
        ax.xaxis.set_major_formatter(ScalarFormatter())
        ax.set(xscale="log", xlabel="latency (ms)", ylabel="share of messages",
               title=f"{kind} traffic: latency CDF per step")  # fmt: skip
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(_caption(doc), fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_plots(doc: dict[str, Any], folder: Path) -> list[Path]:
    """Write both plots into ``folder``; return their paths."""
    if not _kinds(doc):
        return []
    return [
        plot_percentiles(doc, folder / "latency_vs_rate.png"),
        plot_cdf(doc, folder / "latency_cdf.png"),
    ]


def main(argv: list[str] | None = None) -> int:
    """Redraw the plots of a results file: ``python -m tipline.benchmarks.plots [latest.json]``."""
    args = argv if argv is not None else sys.argv[1:]
    path = Path(args[0] if args else "benchmarks/results/latest.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    for png in write_plots(doc, path.parent):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
