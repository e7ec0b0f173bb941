"""``tipline calibrate`` end to end on a tiny replay built from the synthetic corpus."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

from tests.unit.grooming.conftest import REPO
from tipline.cli.commands import calibrate as cmd
from tipline.operators.decide import decide
from tipline.operators.fairness import gate, parse_calibration
from tipline.operators.grooming import Scorer, SessionState, score_message
from tipline.schemas.config import TiplineConfig
from tipline.schemas.decision import encode_decision
from tipline.schemas.event import encode_event
from tipline.schemas.source import SourcePosition
from tipline.synth.conversations import generate_sessions, to_events

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def test_calibrate_writes_a_table_the_gate_reads(
    tmp_path: Path, scorer: Scorer, config: TiplineConfig
) -> None:
    decisions, labels, events = [], [], []
    for s in generate_sessions(seed=5, n_sessions=120, start=NOW):
        labels.append(
            json.dumps({"kind": "session", "session_id": s.session_id, "positive": s.label})
        )
        state: SessionState | None = None
        for n, ev in enumerate(to_events(s)):
            state, verdict = score_message(scorer, state, ev)
            src = SourcePosition(kind="file", file="events.jsonl", line=n)
            d = decide(
                config.decision,
                ev,
                [],
                verdict,
                gate=None,
                detector_version="t",
                source=src,
                now=NOW,
            )
            decisions.append(encode_decision(d).decode())
            events.append(encode_event(ev).decode())
    labels.append(json.dumps({"kind": "attachment", "attachment_id": "a-1", "positive": False}))
    for name, lines in (("decisions", decisions), ("labels", labels), ("events", events)):
        (tmp_path / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "calibration.json"
    p = argparse.ArgumentParser()
    cmd.register(p.add_subparsers(dest="command"))
    ns = p.parse_args(
        [
            "calibrate",
            "--decisions",
            str(tmp_path / "decisions.jsonl"),
            "--labels",
            str(tmp_path / "labels.jsonl"),
            "--events",
            str(tmp_path / "events.jsonl"),
            "--out",
            str(out),
            "--config",
            str(REPO / "config" / "default.toml"),
        ]
    )
    assert ns.func(ns) == 0
    table = parse_calibration(out.read_bytes())
    assert table.sessions == 120
    assert {r.segment for r in table.segments} == {"country", "declared_age", "language"}
    ruling = gate(config.decision, table, 0.95)
    assert ruling.reason in {"lower-bound-ok", "lower-bound-below-threshold", "too-few-sessions"}
    assert b"text" not in out.read_bytes()
