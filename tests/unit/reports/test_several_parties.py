"""Reports with several parties: every role listed, in the schema's order.

Issue #19: every fixture had one recipient, so writing ``victim`` before
``intendedRecipient`` (or dropping all but one party) passed. Here a group
message reaches two child victims (one a minor by declared age only, 17, the
boundary below 18) and two adults (one exactly 18).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import msgspec

from tipline.operators.report import build_draft, validate_report_xml
from tipline.operators.report.parties import ADULT_AGE, MAX_RECIPIENTS, resolve_parties
from tipline.schemas.decision import Decision
from tipline.schemas.event import Account
from tipline.schemas.grooming import SessionVerdict

from .builders import CHILD, PEER, T0, csam_case, reports_cfg

ADULT_18 = Account(user_id="u-eighteen", screen_name="grown", declared_age=ADULT_AGE)
MINOR_17 = Account(user_id="u-seventeen", screen_name="almost", declared_age=ADULT_AGE - 1)
UNKNOWN = Account(user_id="u-unknown", screen_name="someone")


def _case():  # type: ignore[no-untyped-def]
    receipt, decision, event = csam_case()
    event = msgspec.structs.replace(event, recipients=[ADULT_18, CHILD, UNKNOWN, MINOR_17, PEER])
    decision = msgspec.structs.replace(
        decision, recipient_ids=[r.user_id for r in event.recipients]
    )
    return receipt, decision, event


def test_parties_split_minors_from_other_recipients_at_the_age_boundary() -> None:
    _, decision, event = _case()
    parties = resolve_parties(decision, event)
    assert parties.reported.user_id == event.sender.user_id
    assert [v.user_id for v in parties.victims] == ["u-child", "u-seventeen", "u-peer"]
    assert [r.user_id for r in parties.recipients] == ["u-eighteen", "u-unknown"]
    assert parties.recipients_omitted == 0


def test_every_intended_recipient_comes_before_every_victim() -> None:
    receipt, decision, event = _case()
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    validate_report_xml(draft.report_xml)
    doc = ET.fromstring(draft.report_xml.encode())
    tags = [c.tag for c in doc if c.tag in ("intendedRecipient", "victim")]
    assert tags == ["intendedRecipient"] * 2 + ["victim"] * 3
    victims = [v.findtext(".//screenName") for v in doc.iter("victim")]
    ages = [v.findtext("victimPerson/age") for v in doc.iter("victim")]
    recipients = [r.findtext(".//screenName") for r in doc.iter("intendedRecipient")]
    assert victims == ["puzzlefan12", "almost", "classmate"]
    assert ages == ["12", "17", "13"]
    assert recipients == ["grown", "someone"]


def test_recipients_beyond_the_cap_are_counted_not_listed() -> None:
    _, decision, event = csam_case()
    many = [Account(user_id=f"u-{i:03d}") for i in range(MAX_RECIPIENTS + 1)]
    event = msgspec.structs.replace(event, recipients=many)
    parties = resolve_parties(decision, event)
    assert len(parties.recipients) == MAX_RECIPIENTS
    assert parties.recipients_omitted == 1
    exact = msgspec.structs.replace(event, recipients=many[:MAX_RECIPIENTS])
    assert resolve_parties(decision, exact).recipients_omitted == 0


def _with_pair(decision: Decision, *, matched: bool, older: str = "u-eighteen") -> Decision:
    """The decision with a grooming pair (older ``older``, younger u-child), matched or not."""
    session = SessionVerdict(
        session_id="sess-7", score=0.9, level="report", escalated=True, stage="escalation",
        age_relation="adult-minor", minor_to_minor=False, sextortion=False, signals=[],
        older_id=older, younger_id="u-child",
    )  # fmt: skip
    attachments = [
        a if matched else msgspec.structs.replace(a, matches=[], strength=None)
        for a in decision.attachments
    ]
    return msgspec.structs.replace(decision, session=session, attachments=attachments)


def test_a_hash_match_reports_the_uploader_whatever_the_grooming_pair_says() -> None:
    _, decision, event = _case()
    parties = resolve_parties(_with_pair(decision, matched=True), event)
    assert parties.rule == "hash_match"
    assert parties.reported == event.sender
    assert parties.reported_is_sender
    # the pair's older party is an adult recipient here, not the reported user
    assert [r.user_id for r in parties.recipients] == ["u-eighteen", "u-unknown"]
    assert [v.user_id for v in parties.victims] == ["u-child", "u-seventeen", "u-peer"]


def test_without_a_match_the_older_party_is_reported_even_when_it_is_a_recipient() -> None:
    receipt, decision, event = _case()
    grooming = _with_pair(decision, matched=False)
    parties = resolve_parties(grooming, event)
    assert parties.rule == "enticement"
    assert parties.reported == ADULT_18  # the participant's full account, not just its id
    assert not parties.reported_is_sender
    # the reported user is listed nowhere else; the younger party and the minors are victims
    assert [v.user_id for v in parties.victims] == ["u-child", "u-seventeen", "u-peer"]
    assert [r.user_id for r in parties.recipients] == ["u-unknown"]
    draft = build_draft(receipt, grooming, event, reports_cfg(), T0)
    validate_report_xml(draft.report_xml)
    doc = ET.fromstring(draft.report_xml.encode())
    reported = doc.find("personOrUserReported")
    assert reported is not None
    assert reported.findtext(".//screenName") == "grown"
    assert reported.find(".//ipCaptureEvent") is None  # the flagged message is not theirs
    # an older party who is not on the message is reported by id alone
    absent = resolve_parties(_with_pair(decision, matched=False, older="u-elsewhere"), event)
    assert absent.rule == "enticement"
    assert absent.reported == Account(user_id="u-elsewhere")


def test_a_participant_on_the_message_twice_is_listed_once() -> None:
    _, decision, event = csam_case()
    twice = msgspec.structs.replace(
        event, recipients=[CHILD, UNKNOWN, CHILD, event.sender, UNKNOWN]
    )
    parties = resolve_parties(decision, twice)
    assert parties.reported == event.sender
    assert [v.user_id for v in parties.victims] == ["u-child"]
    assert [r.user_id for r in parties.recipients] == ["u-unknown"]


def test_sextortion_without_a_match_is_enticement_not_a_coerced_upload() -> None:
    _, decision, event = csam_case()
    child_to_adult = msgspec.structs.replace(event, sender=CHILD, recipients=[event.sender])
    session = SessionVerdict(
        session_id="sess-7", score=0.9, level="report", escalated=True, stage="escalation",
        age_relation="adult-minor", minor_to_minor=False, sextortion=True, signals=[],
        older_id=event.sender.user_id, younger_id="u-child",
    )  # fmt: skip
    unmatched = _with_pair(decision, matched=False)
    unmatched = msgspec.structs.replace(unmatched, session=session)
    parties = resolve_parties(unmatched, child_to_adult)
    assert parties.rule == "enticement"
    assert parties.reported == event.sender
    matched = msgspec.structs.replace(_with_pair(decision, matched=True), session=session)
    coerced = resolve_parties(matched, child_to_adult)
    assert coerced.rule == "sextortion_coerced_upload"
    assert coerced.reported == event.sender  # the coercer's full account, not just an id
    # the adult of the pair uploading is no coerced upload: the uploader is reported
    adult_upload = resolve_parties(matched, event)
    assert adult_upload.rule == "hash_match"
    assert adult_upload.reported == event.sender
    # nor is a child's upload that the older party did not receive
    elsewhere = msgspec.structs.replace(child_to_adult, recipients=[PEER])
    assert resolve_parties(matched, elsewhere).rule == "hash_match"


def test_without_a_match_or_an_older_party_the_sender_is_reported() -> None:
    _, decision, event = _case()
    unmatched = _with_pair(decision, matched=False)
    no_session = msgspec.structs.replace(unmatched, session=None)
    parties = resolve_parties(no_session, event)
    assert parties.rule == "sender"
    assert parties.reported == event.sender
    assert parties.reported_is_sender
    assert unmatched.session is not None
    no_older = msgspec.structs.replace(
        unmatched, session=msgspec.structs.replace(unmatched.session, older_id=None)
    )
    assert resolve_parties(no_older, event).rule == "sender"
    assert resolve_parties(no_older, event).reported == event.sender
