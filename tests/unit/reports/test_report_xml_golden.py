"""Report XML byte for byte: every tag, value and order of a few whole drafts.

The XSD check catches a misspelt or misplaced tag; these golden files also
catch a wrong value, a dropped optional element, a changed text or a swapped
party, for the four report rules (hash match, enticement, minor-to-minor,
coerced upload), an uploader who is the younger party of a scored pair, more
recipients than are listed, and a reporter section left unconfigured. The
drafts are built from neutral synthetic accounts (tests/unit/reports/builders.py).

After an intended change to the XML, rewrite the files and review the diff:
``TIPLINE_UPDATE_GOLDEN=1 pytest tests/unit/reports/test_report_xml_golden.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import msgspec
import pytest

from tipline.operators.report import build_draft
from tipline.operators.report.parties import MAX_RECIPIENTS
from tipline.schemas.decision import Decision
from tipline.schemas.event import Account, MessageEvent
from tipline.schemas.evidence import EvidenceReceipt
from tipline.schemas.grooming import SessionVerdict
from tipline.schemas.report import ReportsConfig

from .builders import ADULT, CHILD, PEER, T0, csam_case, enticement_case, reports_cfg

GOLDEN = Path(__file__).parent / "golden"
Case = tuple[EvidenceReceipt, Decision, MessageEvent]


def _crowd() -> Case:
    """A hash match sent to a child, a peer, an adult and more than the listed maximum."""
    receipt, decision, event = csam_case()
    extra = [Account(user_id=f"u-r{i:02d}", declared_age=30 + i) for i in range(MAX_RECIPIENTS + 2)]
    others = [CHILD, PEER, Account(user_id="u-aunt", screen_name="aunt_jo", declared_age=41)]
    event = msgspec.structs.replace(event, recipients=[*others, *extra])
    return receipt, decision, event


def _solicited_upload() -> Case:
    """The younger party of a scored pair uploads matched media (no sextortion flag)."""
    receipt, decision, event = csam_case()
    event = msgspec.structs.replace(event, sender=CHILD, recipients=[ADULT])
    session = SessionVerdict(
        session_id="sess-7",
        score=0.7,
        level="review",
        escalated=False,
        stage="trust",
        age_relation="adult_minor",
        older_id=ADULT.user_id,
        younger_id=CHILD.user_id,
        messages_seen=12,
    )
    decision = msgspec.structs.replace(
        decision, sender_id=CHILD.user_id, recipient_ids=[ADULT.user_id], session=session
    )
    return receipt, decision, event


def _coerced() -> Case:
    """Sextortion: the child sends matched media to the older party, who is reported."""
    receipt, decision, event = _solicited_upload()
    assert decision.session is not None
    session = msgspec.structs.replace(decision.session, sextortion=True, age_relation="adult-minor")
    return receipt, msgspec.structs.replace(decision, session=session), event


CASES: dict[str, tuple[Callable[[], Case], bool]] = {
    "csam": (csam_case, True),
    "csam_crowd": (_crowd, True),
    "csam_solicited": (_solicited_upload, True),
    "coerced_upload": (_coerced, True),
    "enticement": (enticement_case, True),
    "minor_to_minor": (lambda: enticement_case(minor_to_minor=True), True),
    "sextortion_no_match": (lambda: enticement_case(sextortion=True), True),
    "no_reporter": (csam_case, False),
}


def _cfg(reporter: bool) -> ReportsConfig:
    return reports_cfg(reporter=reporter)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_report_xml_is_exactly_the_reviewed_one(name: str) -> None:
    build, reporter = CASES[name]
    receipt, decision, event = build()
    draft = build_draft(receipt, decision, event, _cfg(reporter), T0 + timedelta(minutes=5))
    documents = {f"{name}.report.xml": draft.report_xml}
    documents |= {f"{name}.file-{i}.xml": f.details_xml for i, f in enumerate(draft.files)}
    if os.environ.get("TIPLINE_UPDATE_GOLDEN") == "1":
        for old in GOLDEN.glob(f"{name}.*.xml"):
            old.unlink()
        for file_name, text in documents.items():
            (GOLDEN / file_name).write_text(text)
    assert sorted(p.name for p in GOLDEN.glob(f"{name}.*.xml")) == sorted(documents)
    for file_name, text in documents.items():
        assert text == (GOLDEN / file_name).read_text(), file_name
