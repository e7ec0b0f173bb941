"""Report drafts: each incident type, schema order, required-only drafts, no content."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import msgspec
import pytest

from tipline.operators.report import (
    build_draft,
    render_file_details,
    validate_file_details_xml,
    validate_report_xml,
)
from tipline.schemas.decision import INCIDENT_CSAM, INCIDENT_ENTICEMENT
from tipline.schemas.errors import ReportError
from tipline.schemas.event import Account, MessageEvent
from tipline.schemas.evidence import EvidenceReceipt
from tipline.schemas.report import PersonConfig, ReporterConfig, ReportsConfig, Viewer, encode_draft

from .builders import CONTEXT_BYTES, T0, csam_case, enticement_case, reports_cfg

REPORT_ORDER = [
    "incidentSummary",
    "internetDetails",
    "lawEnforcement",
    "reporter",
    "personOrUserReported",
    "intendedRecipient",
    "victim",
    "additionalInfo",
]
SUMMARY_ORDER = [
    "incidentType",
    "platform",
    "escalateToHighPriority",
    "reportAnnotations",
    "incidentDateTime",
    "incidentDateTimeDescription",
]
REPORTED_ORDER = [
    "personOrUserReportedPerson",
    "espIdentifier",
    "espService",
    "screenName",
    "displayName",
    "profileUrl",
    "ipCaptureEvent",
    "deviceId",
    "priorCTReports",
    "estimatedLocation",
    "additionalInfo",
]
FILE_ORDER = [
    "reportId",
    "fileId",
    "fileName",
    "originalFileName",
    "uploadedToEspTimestamp",
    "locationOfFile",
    "fileViewedByEsp",
    "exifViewedByEsp",
    "publiclyAvailable",
    "fileRelevance",
    "fileAnnotations",
    "industryClassification",
    "originalFileHash",
    "ipCaptureEvent",
    "deviceId",
    "details",
    "additionalInfo",
]


def _tags(el: ET.Element) -> list[str]:
    return [child.tag for child in el]


def _in_order(tags: list[str], order: list[str]) -> bool:
    positions = [order.index(t) for t in tags]
    return positions == sorted(positions)


def _xml(text: str) -> ET.Element:
    return ET.fromstring(text.encode())


@pytest.mark.parametrize(
    "incident",
    [
        INCIDENT_CSAM,
        INCIDENT_ENTICEMENT,
        "Child Sex Trafficking",
        "Unsolicited Obscene Material Sent to a Child",
    ],
)
def test_each_incident_type_builds_a_valid_draft(incident: str) -> None:
    receipt, decision, event = csam_case() if incident == INCIDENT_CSAM else enticement_case()
    decision = msgspec.structs.replace(decision, report_type=incident)
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    validate_report_xml(draft.report_xml)
    assert draft.incident_type == incident
    assert _xml(draft.report_xml).findtext("incidentSummary/incidentType") == incident
    for f in draft.files:
        validate_file_details_xml(f.details_xml)


def test_incident_type_inferred_when_decision_has_none() -> None:
    receipt, decision, event = csam_case()
    draft = build_draft(
        receipt, msgspec.structs.replace(decision, report_type=None), event, reports_cfg(), T0
    )
    assert draft.incident_type == INCIDENT_CSAM
    receipt, decision, event = enticement_case()
    draft = build_draft(
        receipt, msgspec.structs.replace(decision, report_type=None), event, reports_cfg(), T0
    )
    assert draft.incident_type == INCIDENT_ENTICEMENT


def test_unknown_incident_type_is_refused() -> None:
    receipt, decision, event = csam_case()
    with pytest.raises(ReportError, match="not a CyberTipline incidentType"):
        build_draft(
            receipt,
            msgspec.structs.replace(decision, report_type="Something Else"),
            event,
            reports_cfg(),
            T0,
        )


def test_report_children_are_in_schema_order() -> None:
    receipt, decision, event = enticement_case(sextortion=True)
    doc = _xml(build_draft(receipt, decision, event, reports_cfg(), T0).report_xml)
    assert _in_order(_tags(doc), REPORT_ORDER)
    summary = doc.find("incidentSummary")
    assert summary is not None
    assert _tags(summary) == SUMMARY_ORDER  # every summary field is present here
    reported = doc.find("personOrUserReported")
    assert reported is not None
    assert _in_order(_tags(reported), REPORTED_ORDER)
    ip = reported.find("ipCaptureEvent")
    assert ip is not None
    assert _tags(ip) == ["ipAddress", "eventName", "dateTime", "port"]


def test_file_details_children_are_in_schema_order() -> None:
    receipt, decision, event = csam_case()
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    for f in draft.files:
        xml = render_file_details(f, report_id="70001", file_id="f00001")
        validate_file_details_xml(xml)
        assert _in_order(_tags(_xml(xml)), FILE_ORDER)


def _swap(xml: str, parent_path: str, a: str, b: str) -> str:
    doc = _xml(xml)
    parent = doc if parent_path == "." else doc.find(parent_path)
    assert parent is not None
    children = list(parent)
    ia = next(i for i, c in enumerate(children) if c.tag == a)
    ib = next(i for i, c in enumerate(children) if c.tag == b)
    children[ia], children[ib] = children[ib], children[ia]
    for c in list(parent):
        parent.remove(c)
    parent.extend(children)
    return ET.tostring(doc, encoding="unicode")


@pytest.mark.parametrize(
    ("path", "a", "b"),
    [
        (".", "incidentSummary", "reporter"),
        (".", "reporter", "personOrUserReported"),
        ("incidentSummary", "incidentType", "incidentDateTime"),
        ("personOrUserReported", "espIdentifier", "screenName"),
    ],
)
def test_out_of_order_report_fails_validation(path: str, a: str, b: str) -> None:
    receipt, decision, event = csam_case()
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    with pytest.raises(ReportError, match="XSD"):
        validate_report_xml(_swap(draft.report_xml, path, a, b))


def test_out_of_order_file_details_fail_validation() -> None:
    receipt, decision, event = csam_case()
    file = build_draft(receipt, decision, event, reports_cfg(), T0).files[0]
    xml = render_file_details(file, report_id="70001", file_id="f1")
    with pytest.raises(ReportError, match="XSD"):
        validate_file_details_xml(_swap(xml, ".", "fileViewedByEsp", "fileRelevance"))


def test_malformed_xml_is_reported() -> None:
    with pytest.raises(ReportError, match="malformed"):
        validate_report_xml("<report><incidentSummary></report>")


def test_draft_with_only_the_required_fields() -> None:
    bare_sender = Account(user_id="u-1")
    bare_child = Account(user_id="u-2")
    _, decision, _ = csam_case()
    event = MessageEvent(
        schema="tipline.message/1",
        event_id="ev-1",
        sent_at=T0,
        session_id="s-1",
        sender=bare_sender,
        recipients=[bare_child],
    )
    decision = msgspec.structs.replace(decision, event_id="ev-1", attachments=[])
    receipt = EvidenceReceipt(
        package_id="pkg-min",
        event_id="ev-1",
        session_id="s-1",
        manifest_sha256="00" * 32,
        location="file:///vault/pkg-min",
        stored_at=T0,
        retain_until=T0 + timedelta(days=30),
    )
    person = PersonConfig(first_name="Riley", last_name="Reviewer", email="safety@example.com")
    cfg = ReportsConfig(reporter=ReporterConfig(reporting_person=person))
    draft = build_draft(receipt, decision, event, cfg, T0)
    validate_report_xml(draft.report_xml)
    doc = _xml(draft.report_xml)
    assert _tags(doc) == [
        "incidentSummary",
        "internetDetails",
        "reporter",
        "personOrUserReported",
        "intendedRecipient",
        "additionalInfo",
    ]
    assert _tags(doc.find("incidentSummary")) == [  # type: ignore[arg-type]
        "incidentType",
        "platform",
        "incidentDateTime",
        "incidentDateTimeDescription",
    ]
    assert _tags(doc.find("reporter")) == ["reportingPerson"]  # type: ignore[arg-type]
    assert draft.files == []
    assert not draft.blocking_missing()
    paths = {m.path for m in draft.missing}
    assert "personOrUserReported/ipCaptureEvent" in paths
    assert "fileDetails (conversation context)" in paths
    assert "reporter/legalURL" in paths


def test_missing_reporter_blocks_approval() -> None:
    receipt, decision, event = csam_case()
    draft = build_draft(receipt, decision, event, reports_cfg(reporter=False), T0)
    validate_report_xml(draft.report_xml)  # still schema-valid: reportingPerson is present
    assert {m.path for m in draft.blocking_missing()} == {
        "reporter/reportingPerson/firstName+lastName",
        "reporter/reportingPerson/email",
    }


def test_csam_files_reported_and_supplemental() -> None:
    receipt, decision, event = csam_case()
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    att, ctx = draft.files
    assert (att.relevance, att.industry_classification) == ("Reported", "A1")
    assert (ctx.relevance, ctx.industry_classification) == ("Supplemental Reported", None)
    att_doc = _xml(att.details_xml)
    hashes = {h.get("hashType"): h.text for h in att_doc.findall("originalFileHash")}
    assert hashes == {"MD5": att.md5, "SHA256": att.sha256}
    assert att_doc.findtext("details/nameValuePair/name") == "PDQ"
    assert att_doc.find("details").get("type") == "HASH"  # type: ignore[union-attr]
    ctx_doc = _xml(ctx.details_xml)
    assert ctx_doc.find("industryClassification") is None
    assert ctx_doc.findtext("fileRelevance") == "Supplemental Reported"


def test_file_viewed_by_esp_only_with_a_custody_view() -> None:
    receipt, decision, event = csam_case()
    unseen = build_draft(receipt, decision, event, reports_cfg(), T0)
    assert {_xml(f.details_xml).findtext("fileViewedByEsp") for f in unseen.files} == {"false"}
    view = Viewer(actor="reviewer-ana", at=T0 + timedelta(minutes=5), reason="case-1")
    seen = build_draft(receipt, decision, event, reports_cfg(), T0, viewers={"it-att-1": [view]})
    att, ctx = seen.files
    assert _xml(att.details_xml).findtext("fileViewedByEsp") == "true"
    assert att.viewed_by == [view]
    assert _xml(ctx.details_xml).findtext("fileViewedByEsp") == "false"


def test_enticement_roles_annotations_and_escalation() -> None:
    receipt, decision, event = enticement_case(minor_to_minor=True)
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    doc = _xml(draft.report_xml)
    assert doc.findtext("personOrUserReported/espIdentifier") == "u-peer"
    assert doc.findtext("victim/espIdentifier") == "u-child"
    assert doc.findtext("victim/victimPerson/age") == "12"
    assert doc.find("incidentSummary/reportAnnotations/minorToMinorInteraction") is not None
    assert "meeting_request" in (doc.findtext("incidentSummary/escalateToHighPriority") or "")
    assert [t.message_id for t in draft.timeline if t.trigger] == ["ev-200"]
    assert {s for t in draft.timeline for s in t.signals} == {
        "age_probe",
        "secrecy",
        "meeting_request",
    }


def test_draft_id_deadline_and_history() -> None:
    receipt, decision, event = csam_case()
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    assert draft.draft_id == receipt.package_id
    assert draft.deadline == decision.decided_at + timedelta(hours=24)
    assert draft.status == "draft"
    assert [h.status for h in draft.history] == ["draft"]


@pytest.mark.parametrize("case", [csam_case, enticement_case])
def test_no_message_content_in_draft(case: object) -> None:
    receipt, decision, event = case()  # type: ignore[operator]
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    blob = encode_draft(draft)
    assert b"how was school" not in blob
    assert CONTEXT_BYTES not in blob
    assert b"<content>" not in blob
    assert b"iVBOR" not in blob  # no base64 PNG bytes
