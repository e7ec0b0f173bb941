"""Property tests: every draft names the right account, with the flagged message's IP.

Generated cases mix several recipients, adults, minors and unknown ages, with
a hash match, a grooming pair, or both on the same message, and the
minor-to-minor and sextortion flags. The oracle below is the rule in
docs/reports.md ("Who is reported"), written independently of
``operators/report/parties.py``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipline.operators.report import build_draft
from tipline.schemas.decision import INCIDENT_CSAM, INCIDENT_ENTICEMENT, Decision
from tipline.schemas.event import Account, Attachment, Client, MessageEvent
from tipline.schemas.evidence import EvidenceReceipt
from tipline.schemas.grooming import SessionVerdict
from tipline.schemas.hashing import AttachmentVerdict, HashMatch
from tipline.schemas.source import SourcePosition

from .builders import T0, item, png_bytes, reports_cfg

IMAGE = png_bytes(3)
AGES = st.one_of(st.none(), st.integers(min_value=8, max_value=17), st.integers(18, 70))


@dataclass(frozen=True)
class Case:
    event: MessageEvent
    decision: Decision
    receipt: EvidenceReceipt
    hash_match: bool
    older: str | None
    younger: str | None
    relation: str
    sextortion: bool


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n = draw(st.integers(min_value=2, max_value=6))
    ages = [draw(AGES) for _ in range(n)]
    people = [
        Account(user_id=f"u-{i}", screen_name=f"name{i}", declared_age=ages[i]) for i in range(n)
    ]
    sender, recipients = people[0], people[1:]
    hash_match = draw(st.booleans())
    grooming = draw(st.booleans()) or not hash_match
    port = draw(st.one_of(st.none(), st.integers(1024, 65535)))
    ip = draw(st.sampled_from(["203.0.113.7", "2001:db8::5", None]))
    event = MessageEvent(
        schema="tipline.message/1",
        event_id="ev-1",
        sent_at=T0,
        session_id="sess-1",
        sender=sender,
        recipients=recipients,
        platform="example-chat",
        attachments=[Attachment(attachment_id="a1", media_type="image/png", data_b64=IMAGE)],
        client=Client(ip=ip, port=port) if ip else None,
    )
    older = younger = None
    relation = "unknown"
    minor_to_minor = sextortion = False
    if grooming:
        pair = draw(st.permutations(range(n)))[:2]
        older, younger = people[pair[0]].user_id, people[pair[1]].user_id
        relation = draw(
            st.sampled_from(
                ["adult-minor", "unknown-minor", "minor-minor", "adult-adult", "unknown"]
            )
        )
        minor_to_minor = relation == "minor-minor"
        sextortion = draw(st.booleans())
    session = (
        SessionVerdict(
            session_id="sess-1",
            score=0.9,
            level="report",
            age_relation=relation,
            older_id=older,
            younger_id=younger,
            minor_to_minor=minor_to_minor,
            sextortion=sextortion,
        )
        if grooming
        else None
    )
    verdict = AttachmentVerdict(
        attachment_id="a1",
        status="hashed",
        media_type="image/png",
        size_bytes=len(IMAGE),
        matches=(
            [
                HashMatch(
                    list="known",
                    entry_id="K1",
                    category="A1",
                    algorithm="pdq",
                    distance=4,
                    strength="strong",
                )
            ]
            if hash_match
            else []
        ),
        strength="strong" if hash_match else None,
    )
    decision = Decision(
        event_id="ev-1",
        session_id="sess-1",
        sent_at=T0,
        sender_id=sender.user_id,
        recipient_ids=[r.user_id for r in recipients],
        decision="report",
        alert=True,
        reasons=["test"],
        report_type=INCIDENT_CSAM if hash_match else INCIDENT_ENTICEMENT,
        attachments=[verdict],
        session=session,
        detector_version="t",
        source=SourcePosition(kind="file", file="e.jsonl", line=1),
        decided_at=T0 + timedelta(seconds=1),
    )
    receipt = EvidenceReceipt(
        package_id="pkg-1",
        event_id="ev-1",
        session_id="sess-1",
        manifest_sha256="ab" * 32,
        location="file:///v/pkg-1",
        stored_at=T0,
        retain_until=T0 + timedelta(days=365),
        items=[
            item(
                "att-a1",
                "attachment",
                IMAGE,
                attachment_id="a1",
                media_type="image/png",
                event_id="ev-1",
            )
        ],
    )
    return Case(event, decision, receipt, hash_match, older, younger, relation, sextortion)


def _minor(case: Case, account: Account) -> bool:
    declared = account.declared_age is not None and account.declared_age < 18
    return declared or (account.user_id == case.younger and case.relation.endswith("-minor"))


def expected_reported(case: Case) -> str:
    sender = case.event.sender
    recipients = {r.user_id for r in case.event.recipients}
    if case.hash_match:
        coerced = (
            case.sextortion
            and case.younger == sender.user_id
            and case.older in recipients
            and _minor(case, sender)
        )
        return case.older if coerced and case.older else sender.user_id
    assert case.older is not None
    return case.older


def _ids(report: ET.Element, tag: str) -> list[str]:
    return [el.findtext("espIdentifier") or "" for el in report.findall(tag)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_every_draft_reports_the_right_account(case: Case) -> None:
    draft = build_draft(case.receipt, case.decision, case.event, reports_cfg(), T0)
    report = ET.fromstring(draft.report_xml.encode())
    reported = report.find("personOrUserReported")
    assert reported is not None
    who = reported.findtext("espIdentifier")
    assert who == expected_reported(case)
    victims = _ids(report, "victim")
    recipients = _ids(report, "intendedRecipient")
    sender = case.event.sender.user_id

    # nobody appears twice; the reported user is neither victim nor recipient
    listed = [who, *victims, *recipients]
    assert len(listed) == len(set(listed))
    # the uploader of matched media is never a victim (except a coerced child)
    if case.hash_match and who == sender:
        assert sender not in victims
    # every victim is known or likely a minor; the grooming pair's younger one is a victim
    people = {p.user_id: p for p in [case.event.sender, *case.event.recipients]}
    for v in victims:
        assert _minor(case, people[v]) or (not case.hash_match and v == case.younger)
    if not case.hash_match:
        assert case.younger in victims
    # recipients who are minors are victims, the others intended recipients
    for r in case.event.recipients:
        if r.user_id == who:
            continue
        is_victim = _minor(case, r) or (not case.hash_match and r.user_id == case.younger)
        assert (r.user_id in victims, r.user_id in recipients) == (is_victim, not is_victim)

    # the IP capture event is the flagged message's, and only on its sender
    ip = reported.find("ipCaptureEvent")
    client = case.event.client
    if who == sender and client is not None and client.ip:
        assert ip is not None
        assert ip.findtext("ipAddress") == client.ip
        assert ip.findtext("eventName") == "Upload"
        assert ip.findtext("dateTime") == case.event.sent_at.isoformat()
        assert ip.findtext("port") == (str(client.port) if client.port else None)
    else:
        assert ip is None
    assert [a.user_id for a in draft.accounts if a.role == "reported"] == [who]

    # element order: personOrUserReported, then every intendedRecipient, then every victim
    tags = [
        el.tag for el in report if el.tag in ("personOrUserReported", "intendedRecipient", "victim")
    ]
    assert tags == (
        ["personOrUserReported"]
        + ["intendedRecipient"] * len(recipients)
        + ["victim"] * len(victims)
    )


@settings(max_examples=200, deadline=None)
@given(cases())
def test_annotations_follow_the_pair(case: Case) -> None:
    draft = build_draft(case.receipt, case.decision, case.event, reports_cfg(), T0)
    report = ET.fromstring(draft.report_xml.encode())
    who = report.findtext("personOrUserReported/espIdentifier")
    reported = next(p for p in [case.event.sender, *case.event.recipients] if p.user_id == who)
    minor_reported = reported.declared_age is not None and reported.declared_age < 18
    by_age = minor_reported and bool(report.findall("victim"))
    assert ("minorToMinorInteraction" in draft.annotations) == (
        case.relation == "minor-minor" or by_age
    )
    assert ("sextortion" in draft.annotations) == case.sextortion


@settings(max_examples=150, deadline=None)
@given(cases())
def test_a_child_uploader_in_a_grooming_pair_is_flagged_for_the_reader(case: Case) -> None:
    draft = build_draft(case.receipt, case.decision, case.event, reports_cfg(), T0)
    info = ET.fromstring(draft.report_xml.encode()).findtext("additionalInfo") or ""
    reported = expected_reported(case)
    flagged = case.hash_match and reported == case.younger and case.older is not None
    assert ("may have been solicited" in info) == flagged
