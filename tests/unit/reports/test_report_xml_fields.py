"""The report's free-text facts and optional blocks, one branch at a time.

Mutation survivors of issue #19 in ``operators/report/report_xml.py``: the
golden drafts have one context file, a contact person with every field, an
unverified age and dated prior actions, so joining file names wrongly, a
contact person with a single field dropped, "verified" never said and an
undated action given a date all passed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import msgspec
import pytest

from tipline.operators.report import build_draft, validate_report_xml
from tipline.schemas.event import PriorAction
from tipline.schemas.report import PersonConfig

from .builders import ADULT, CONTEXT_BYTES, T0, csam_case, item, reports_cfg


def _report(receipt, decision, event, cfg=None) -> ET.Element:  # type: ignore[no-untyped-def]
    draft = build_draft(receipt, decision, event, cfg or reports_cfg(), T0)
    validate_report_xml(draft.report_xml)
    return ET.fromstring(draft.report_xml.encode())


def test_every_context_file_is_named_in_the_chat_details() -> None:
    receipt, decision, event = csam_case()
    second = item("it-ctx-2", "context", CONTEXT_BYTES + b" ", media_type="application/json")
    receipt = msgspec.structs.replace(receipt, items=[*receipt.items, second])
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    doc = ET.fromstring(draft.report_xml.encode())
    info = doc.findtext("internetDetails/chatImIncident/additionalInfo") or ""
    names = [f.file_name for f in draft.files if f.role == "context"]
    assert names == ["conversation-it-ctx-1.json", "conversation-it-ctx-2.json"]
    assert info.endswith(f"attached as supplemental file(s): {names[0]}, {names[1]}.")


@pytest.mark.parametrize(
    ("contact", "listed"),
    [
        (PersonConfig(first_name="Casey"), True),
        (PersonConfig(last_name="Contact"), True),
        (PersonConfig(email="le-contact@example.com"), True),
        (PersonConfig(phone="+1-555-0100"), True),
        (PersonConfig(), False),
    ],
)
def test_a_contact_person_with_any_one_field_is_listed(contact: PersonConfig, listed: bool) -> None:
    cfg = reports_cfg()
    cfg = msgspec.structs.replace(
        cfg, reporter=msgspec.structs.replace(cfg.reporter, contact_person=contact)
    )
    doc = _report(*csam_case(), cfg)
    assert (doc.find("reporter/contactPerson") is not None) is listed


def _reported_info(**changes: object) -> str:
    receipt, decision, event = csam_case()
    event = msgspec.structs.replace(event, sender=msgspec.structs.replace(ADULT, **changes))
    texts = [e.text or "" for e in _report(receipt, decision, event).iter("additionalInfo")]
    return next(t for t in texts if "Declared age" in t)


def test_a_verified_age_is_said_to_be_verified() -> None:
    assert "Declared age 34 (verified)." in _reported_info(age_verified=True)
    assert "Declared age 34 (self-declared)." in _reported_info(age_verified=False)


def test_an_undated_prior_action_is_given_no_date() -> None:
    info = _reported_info(prior_actions=[PriorAction(action="suspension", reason="spam")])
    assert info.endswith("Prior action: suspension (spam).")
    dated = _reported_info(prior_actions=[PriorAction(action="warning", at=T0)])
    assert dated.endswith("Prior action: warning on 2025-03-04T10:00:00+00:00.")


def test_the_reported_person_s_phone_and_email_are_in_their_elements() -> None:
    receipt, decision, event = csam_case()
    event = msgspec.structs.replace(
        event, sender=msgspec.structs.replace(ADULT, phone="+1-555-0199")
    )
    person = _report(receipt, decision, event).find(
        "personOrUserReported/personOrUserReportedPerson"
    )
    assert person is not None
    assert [(e.tag, e.text) for e in person] == [
        ("phone", "+1-555-0199"),
        ("email", "dave@example.net"),
    ]


def test_a_victim_s_phone_email_and_age_are_in_their_elements() -> None:
    receipt, decision, event = csam_case()
    child = msgspec.structs.replace(event.recipients[0], phone="+1-555-0142", email="c@example.org")
    event = msgspec.structs.replace(event, recipients=[child])
    person = _report(receipt, decision, event).find("victim/victimPerson")
    assert person is not None
    assert [(e.tag, e.text) for e in person] == [
        ("phone", "+1-555-0142"),
        ("email", "c@example.org"),
        ("age", "12"),
    ]


@pytest.mark.parametrize(
    ("reasons", "said"),
    [
        (["hash:strong:ncmec", "grooming:report"], "hash:strong:ncmec, grooming:report"),
        ([], "none recorded"),
    ],
)
def test_the_summary_lists_the_decision_reasons(reasons: list[str], said: str) -> None:
    receipt, decision, event = csam_case()
    decision = msgspec.structs.replace(decision, reasons=reasons)
    info = _report(receipt, decision, event).findtext("additionalInfo") or ""
    assert f"Detected automatically by tipline-0.1.0; decision reasons: {said}." in info
