"""Backtest figures beyond docs/contract.md §4: reviewer load, cue latency and a naive baseline.

``tipline replay --labels`` prints these next to ``metrics.json`` and writes
them to ``<out>/evaluation.json`` (``metrics.json`` keeps exactly the
contract's keys). The keyword baseline (a session is flagged once it has K
cue words) is measured on the same events in the same run, so the scorer's
gain is visible. Cue positions come from ``cues.jsonl`` beside the labels
file when the generator wrote one.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import msgspec

from tipline.cli.replay import read_decisions, read_labels
from tipline.flows.sources import jsonl_files
from tipline.operators.evaluation import explain_errors
from tipline.operators.grooming.baseline import (
    EvalReport,
    SessionOutcome,
    evaluate,
    keyword_flag_at,
    outcomes_from_decisions,
)
from tipline.schemas.decision import Decision
from tipline.schemas.errors import EventDecodeError
from tipline.schemas.event import decode_event


class _Cues(msgspec.Struct, frozen=True):
    session_id: str
    cue_event_ids: list[str]


def _third_cue_at(decisions: list[Decision], cues_path: Path) -> dict[str, int] | None:
    """1-based index, in each session's event-time order, of its third cue message."""
    if not cues_path.exists():
        return None
    order: dict[str, list[str]] = defaultdict(list)
    for d in sorted(decisions, key=lambda d: d.sent_at):
        order[d.session_id].append(d.event_id)
    decoder = msgspec.json.Decoder(_Cues)
    out: dict[str, int] = {}
    for line in cues_path.read_bytes().splitlines():
        cues = decoder.decode(line)
        ids = order.get(cues.session_id, [])
        cue_ids = set(cues.cue_event_ids)
        positions = [i for i, eid in enumerate(ids, 1) if eid in cue_ids]
        if len(positions) >= 3:
            out[cues.session_id] = positions[2]
    return out


def _baseline(events: str, labels: dict[str, bool], third: dict[str, int] | None) -> EvalReport:
    texts: dict[str, list[tuple[object, str | None]]] = defaultdict(list)
    for path in jsonl_files(events):
        for line in path.read_bytes().splitlines():
            try:
                event = decode_event(line)
            except EventDecodeError:
                continue
            texts[event.session_id].append((event.sent_at, event.text))
    outcomes = []
    for session_id, positive in labels.items():
        ordered = [t for _, t in sorted(texts.get(session_id, []), key=lambda p: p[0])]  # type: ignore[arg-type, return-value]
        outcomes.append(
            SessionOutcome(
                session_id=session_id,
                positive=positive,
                messages=len(ordered),
                flagged_at=(flag := keyword_flag_at(ordered)),
                third_cue_at=(third or {}).get(session_id),
                alerts=int(flag is not None),
            )
        )
    return evaluate(outcomes)


def _row(name: str, r: EvalReport) -> str:
    def fmt(v: float) -> str:
        return "-" if v != v or v == float("inf") else f"{v:.1f}"  # noqa: PLR0124 (nan check)

    return (
        f"{name:<18}{r.precision:>10.3f}{r.recall:>8.3f}{r.f1:>7.3f}{r.f05:>7.3f}"
        f"{r.alerts_per_1000_sessions:>13.0f}{fmt(r.median_messages_to_detection):>12}"
        f"{fmt(r.median_messages_after_third_cue):>14}"
    )


def report(out: Path, args: argparse.Namespace) -> None:
    """Print and save the extra figures of a labelled replay (no-op without labels)."""
    if not args.labels:
        return
    sessions = read_labels(args.labels).sessions
    if not sessions:
        return
    decisions = read_decisions(out / "decisions.jsonl")
    third = _third_cue_at(decisions, Path(args.labels).parent / "cues.jsonl")
    scorer = evaluate(outcomes_from_decisions(decisions, sessions, third))
    results: dict[str, object] = {"scorer": scorer.as_dict()}
    print(
        "\nsessions          precision  recall     F1   F0.5  alerts/1000"
        "  msgs→detect  msgs→3rd cue"
    )
    print(_row("tipline", scorer))
    if getattr(args, "events", None):
        baseline = _baseline(args.events, sessions, third)
        results["keyword_baseline"] = baseline.as_dict()
        print(_row("keyword baseline", baseline))
    if getattr(args, "explain", False):
        explained = explain_errors(decisions, sessions)
        results["errors"] = explained
        for kind, label in (("false_negatives", "missed"), ("false_positives", "false alert")):
            print(f"\n{label} ({len(explained[kind])} sessions): session id — signals that fired")
            for session_id, signals in explained[kind].items():
                print(f"  {session_id}  {', '.join(signals) or '-'}")
    (out / "evaluation.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
