"""Only decisions that open a case are packaged: one package per escalation.

Issue #19: packaging every review decision (not only those with ``alert``)
passed every test. A grooming session here rises to review and then to
report; the messages in between are review decisions too, but only the two
escalations open a case, and the vault must hold exactly those two packages.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import msgspec
from bytewax.testing import TestingSink, TestingSource, run_main

from tests.flow.conftest import T0
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.flows.pipeline import Pipeline
from tipline.operators.evidence.package import package_id_for
from tipline.schemas.config import load_config
from tipline.schemas.source import RawRecord, SourcePosition

LINES = [
    ("adult", "hey how old r u"),
    ("kid", "im 13"),
    ("adult", "ur so mature for ur age"),
    ("adult", "r ur parents home?"),
    ("kid", "no they r at work"),
    ("adult", "dont tell anyone we talk ok, our little secret"),
    ("adult", "add me on snap"),
    ("adult", "send me a selfie"),
    ("adult", "we should meet up saturday"),
    ("adult", "i can pick you up after school"),
    ("kid", "ok"),
]
AGES = {"adult": 34, "kid": 13}
REPO = Path(__file__).resolve().parents[2]


def _record(n: int, sender: str, text: str) -> RawRecord:
    other = "kid" if sender == "adult" else "adult"
    event = {
        "schema": "tipline.message/1",
        "event_id": f"evt-g-{n:02d}",
        "sent_at": (T0 + timedelta(minutes=n)).isoformat(),
        "session_id": "dm:adult:kid",
        "sender": {"user_id": sender, "declared_age": AGES[sender]},
        "recipients": [{"user_id": other, "declared_age": AGES[other]}],
        "text": text,
    }
    return RawRecord(value=json.dumps(event).encode(), source=SourcePosition(kind="file", line=n))


def test_only_escalations_are_packaged(tmp_path: Path) -> None:
    base = load_config(REPO / "config" / "default.toml")  # the shipped grooming rules
    cfg = msgspec.structs.replace(
        base,
        lake=msgspec.structs.replace(base.lake, path=str(tmp_path / "lake")),
        evidence=msgspec.structs.replace(base.evidence, path=str(tmp_path / "vault")),
        reports=msgspec.structs.replace(base.reports, path=str(tmp_path / "reports")),
        # review well below report, so the session rises one level at a time (with the
        # shipped 0.82 / 0.86 one message can jump from none straight to report)
        decision=msgspec.structs.replace(base.decision, review_score=0.5, report_score=0.9),
    )
    records = [_record(n, s, t) for n, (s, t) in enumerate(LINES)]
    decisions: list[bytes] = []
    alerts: list[bytes] = []
    outputs = OutputOverrides(
        lake=TestingSink([]), alerts=TestingSink(alerts), drafts=TestingSink([]),
        decisions=TestingSink(decisions),
    )  # fmt: skip
    run_main(build_flow(cfg, source=TestingSource(records), outputs=outputs))
    made = [json.loads(d) for d in decisions]
    escalations = [d["event_id"] for d in made if d["alert"]]
    flagged_quietly = [d["event_id"] for d in made if d["decision"] != "none" and not d["alert"]]
    # the session must rise twice and stay flagged in between, or the test proves nothing
    assert len(escalations) == 2, [(d["decision"], d["alert"]) for d in made]
    assert flagged_quietly
    packages = Pipeline(cfg).evidence.list_packages()
    assert sorted(packages) == sorted(package_id_for(e) for e in escalations)
    assert len(alerts) == 2
