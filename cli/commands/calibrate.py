"""``tipline calibrate``: a calibration table for the fairness gate from a labelled replay.

    tipline calibrate --decisions DIR/decisions.jsonl --labels LABELS.jsonl
                      --events EVENTS.jsonl --out calibration.json

``decisions.jsonl`` holds :class:`~tipline.schemas.decision.Decision` JSON lines (from
``tipline replay``), ``LABELS.jsonl`` docs/contract.md §3 session labels, and the
events give each session's segments (participants' countries and
declared-age bands; language where events carry one — contract events do
not, so it is reported as unknown). The table (JSON) is what
``decision.calibration_path`` points at. A summary table and any disparity
warnings are printed.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from tipline.cli.output import add_json_flag, print_json, wants_json
from tipline.cli.replay import read_labels
from tipline.operators.fairness import (
    SessionSample,
    age_band,
    build_calibration,
    encode_calibration,
)
from tipline.schemas.config import load_config
from tipline.schemas.decision import decode_decision
from tipline.schemas.errors import EventDecodeError
from tipline.schemas.event import decode_event

DEFAULT_CONFIG = "config/default.toml"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``calibrate``."""
    p = sub.add_parser("calibrate", help="build the fairness gate's calibration table")
    p.add_argument("--decisions", required=True, help="decisions.jsonl from tipline replay")
    p.add_argument("--labels", required=True, help="labels JSONL (docs/contract.md §3)")
    p.add_argument("--events", required=True, help="the replayed events JSONL (for segments)")
    p.add_argument("--out", required=True, help="calibration JSON to write")
    p.add_argument("--config", default=DEFAULT_CONFIG, help="config file ([decision] section)")
    add_json_flag(p)
    p.set_defaults(func=run_calibrate)


def _lines(path: str) -> list[bytes]:
    """Non-empty lines of a JSONL file."""
    return [ln for ln in Path(path).read_bytes().splitlines() if ln.strip()]


def read_segments(path: str) -> dict[str, set[tuple[str, str]]]:
    """Segments per session from the events (invalid lines are skipped)."""
    segments: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for line in _lines(path):
        try:
            event = decode_event(line)
        except EventDecodeError:
            continue
        for account in (event.sender, *event.recipients):
            seg = segments[event.session_id]
            seg.add(("country", account.country or "unknown"))
            seg.add(("declared_age", age_band(account.declared_age)))
        segments[event.session_id].add(("language", "unknown"))
    return segments


def read_peaks(path: str) -> dict[str, tuple[float, bool]]:
    """Per session: the peak session score and whether any decision flagged it."""
    peaks: dict[str, tuple[float, bool]] = {}
    for line in _lines(path):
        d = decode_decision(line)
        score = d.session.score if d.session is not None else 0.0
        old_score, old_flag = peaks.get(d.session_id, (0.0, False))
        peaks[d.session_id] = (max(old_score, score), old_flag or d.decision != "none")
    return peaks


def run_calibrate(args: argparse.Namespace) -> int:
    """Build, write and summarise the calibration table."""
    cfg = load_config(args.config).decision
    labels = read_labels(args.labels).sessions
    peaks = read_peaks(args.decisions)
    segments = read_segments(args.events)
    samples = [
        SessionSample(
            session_id=sid,
            positive=positive,
            peak_score=peaks.get(sid, (0.0, False))[0],
            flagged=peaks.get(sid, (0.0, False))[1],
            segments=frozenset(segments.get(sid, ())),
        )
        for sid, positive in sorted(labels.items())
    ]
    table = build_calibration(cfg, samples)
    Path(args.out).write_bytes(encode_calibration(table) + b"\n")
    if wants_json(args):
        print_json({
            "out": args.out, "sessions": table.sessions, "positives": table.positives,
            "overall_fpr": table.overall_fpr, "warnings": list(table.warnings),
            "bins": [{"min_score": b.min_score, "n": b.n, "tp": b.tp, "precision": b.precision,
                      "wilson_lower": b.wilson_lower} for b in table.bins],
        })  # fmt: skip
        return 0
    print(f"{table.sessions} labelled sessions, {table.positives} positive -> {args.out}")
    print(f"{'score>=':>8} {'n':>6} {'tp':>6} {'precision':>9} {'wilson_lb':>9}")
    for b in table.bins:
        print(f"{b.min_score:>8.2f} {b.n:>6} {b.tp:>6} {b.precision:>9.3f} {b.wilson_lower:>9.3f}")
    print(f"overall false-positive rate {table.overall_fpr:.3f}")
    for warning in table.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0
