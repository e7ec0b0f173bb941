"""The ``<report>`` document, built in SCHEMA ORDER (docs/domain.md §2).

Order of ``report`` children: incidentSummary, internetDetails, lawEnforcement
(omitted: tipline has none at drafting time), reporter, personOrUserReported,
intendedRecipient*, victim*, additionalInfo. Each builder below appends its
children in the order the XSD's ``xs:sequence`` lists them.

Invariant: no message text or media goes into this document. ``chatImIncident``
has no ``content``; the conversation is uploaded as a supplemental file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Final

from msgspec import Struct

from tipline.operators.report.parties import Parties
from tipline.operators.report.xml_tree import group, iso, prune, root, sub, to_xml
from tipline.schemas.decision import Decision
from tipline.schemas.event import Account, MessageEvent
from tipline.schemas.evidence import EvidenceReceipt
from tipline.schemas.report import PersonConfig, ReporterConfig, ReportsConfig

ANNOTATION_ORDER: Final = (
    "sextortion",
    "csamSolicitation",
    "minorToMinorInteraction",
    "spam",
    "sadisticOnlineExploitation",
)
INCIDENT_TIME_NOTE: Final = "Time the flagged message was sent (platform event time, UTC offset)."


class ReportFacts(Struct, frozen=True, kw_only=True):
    """What the report says beyond the raw records (decided by the draft builder)."""

    incident_type: str
    platform: str
    annotations: list[str]
    escalate: str | None
    context_files: list[str]


def _person(parent: ET.Element, tag: str, who: PersonConfig) -> None:
    person = group(parent, tag)
    sub(person, "firstName", who.first_name)
    sub(person, "lastName", who.last_name)
    sub(person, "phone", who.phone)
    sub(person, "email", who.email)


def _incident_summary(report: ET.Element, facts: ReportFacts, event: MessageEvent) -> None:
    summary = group(report, "incidentSummary")
    sub(summary, "incidentType", facts.incident_type)
    sub(summary, "platform", facts.platform)
    sub(summary, "escalateToHighPriority", facts.escalate)
    flags = [a for a in ANNOTATION_ORDER if a in facts.annotations]
    if flags:
        annotations = group(summary, "reportAnnotations")
        for flag in flags:
            group(annotations, flag)
    sub(summary, "incidentDateTime", iso(event.sent_at))
    sub(summary, "incidentDateTimeDescription", INCIDENT_TIME_NOTE)


def _chat_info(decision: Decision, facts: ReportFacts) -> str:
    parts = []
    session = decision.session
    if session is not None:
        parts.append(
            f"Session risk score {session.score:.2f}, stage {session.stage}, "
            f"{session.messages_seen} messages seen."
        )
    if facts.context_files:
        names = ", ".join(facts.context_files)
        parts.append(f"The bracketing conversation is attached as supplemental file(s): {names}.")
    return " ".join(parts)


def _internet_details(
    report: ET.Element, facts: ReportFacts, decision: Decision, event: MessageEvent
) -> None:
    chat = group(group(report, "internetDetails"), "chatImIncident")
    sub(chat, "chatClient", facts.platform)
    sub(chat, "chatRoomName", event.session_id)
    sub(chat, "additionalInfo", _chat_info(decision, facts))


def _reporter(report: ET.Element, cfg: ReporterConfig) -> None:
    reporter = group(report, "reporter")
    _person(reporter, "reportingPerson", cfg.reporting_person)
    cp = cfg.contact_person
    if cp.first_name or cp.last_name or cp.email or cp.phone:
        _person(reporter, "contactPerson", cp)
    sub(reporter, "companyTemplate", cfg.company_template)
    sub(reporter, "termsOfService", cfg.terms_of_service)
    sub(reporter, "legalURL", cfg.legal_url)


def _account_info(account: Account) -> str:
    parts = []
    if account.created_at is not None:
        parts.append(f"Account created {iso(account.created_at)}.")
    if account.declared_age is not None:
        verified = " (verified)" if account.age_verified else " (self-declared)"
        parts.append(f"Declared age {account.declared_age}{verified}.")
    for action in account.prior_actions:
        when = f" on {iso(action.at)}" if action.at else ""
        why = f" ({action.reason})" if action.reason else ""
        parts.append(f"Prior action: {action.action}{when}{why}.")
    return " ".join(parts)


def _contact_person(parent: ET.Element, tag: str, account: Account, age: bool) -> None:
    person = group(parent, tag)
    sub(person, "phone", account.phone)
    sub(person, "email", account.email)
    if age:
        sub(person, "age", account.declared_age)
    prune(parent, person)


def _profile(parent: ET.Element, account: Account, cfg: ReportsConfig) -> None:
    sub(parent, "espIdentifier", account.user_id)
    sub(parent, "espService", cfg.esp_service)
    sub(parent, "screenName", account.screen_name)
    sub(parent, "displayName", account.display_name)
    if cfg.profile_url_template:
        sub(parent, "profileUrl", cfg.profile_url_template.format(user_id=account.user_id))


def _ip_capture(parent: ET.Element, event: MessageEvent) -> None:
    client = event.client
    if client is None or not client.ip:
        return
    ip = group(parent, "ipCaptureEvent")
    sub(ip, "ipAddress", client.ip)
    sub(ip, "eventName", "Upload" if event.attachments else "Other")
    sub(ip, "dateTime", iso(event.sent_at))
    sub(ip, "port", client.port)


def _location(parent: ET.Element, account: Account) -> None:
    if account.country:
        loc = group(parent, "estimatedLocation", verified="false")
        sub(loc, "countryCode", account.country)


def _reported(
    report: ET.Element, parties: Parties, event: MessageEvent, cfg: ReportsConfig
) -> None:
    account = parties.reported
    el = group(report, "personOrUserReported")
    _contact_person(el, "personOrUserReportedPerson", account, age=False)
    sub(el, "espIdentifier", account.user_id)
    sub(el, "espService", cfg.esp_service)
    sub(el, "screenName", account.screen_name)
    sub(el, "displayName", account.display_name)
    if cfg.profile_url_template:
        sub(el, "profileUrl", cfg.profile_url_template.format(user_id=account.user_id))
    if parties.reported_is_sender:
        _ip_capture(el, event)
    _location(el, account)
    sub(el, "additionalInfo", _account_info(account))


def _recipients(report: ET.Element, parties: Parties, cfg: ReportsConfig) -> None:
    for account in parties.recipients:
        el = group(report, "intendedRecipient")
        _contact_person(el, "intendedRecipientPerson", account, age=False)
        _profile(el, account, cfg)
        sub(el, "additionalInfo", _account_info(account))


def _victims(report: ET.Element, parties: Parties, cfg: ReportsConfig) -> None:
    for account in parties.victims:
        el = group(report, "victim")
        person = group(el, "victimPerson")
        sub(person, "phone", account.phone)
        sub(person, "email", account.email)
        sub(person, "age", account.declared_age)
        _profile(el, account, cfg)
        _location(el, account)
        sub(el, "additionalInfo", _account_info(account))


def _summary_info(receipt: EvidenceReceipt, decision: Decision, parties: Parties) -> str:
    parts = [
        f"Detected automatically by {decision.detector_version};"
        f" decision reasons: {', '.join(decision.reasons) or 'none recorded'}.",
        f"Evidence package {receipt.package_id} (manifest SHA-256 {receipt.manifest_sha256})"
        f" is preserved by the reporting ESP.",
    ]
    if parties.recipients_omitted:
        parts.append(f"{parties.recipients_omitted} further recipients are not listed.")
    session = decision.session
    if (
        parties.rule == "hash_match"
        and session is not None
        and session.younger_id == parties.reported.user_id
        and session.older_id is not None
    ):
        parts.append(
            f"Grooming context: the uploader {parties.reported.user_id} is the younger party"
            f" of a scored pair with {session.older_id} (age relation {session.age_relation},"
            f" stage {session.stage}); the upload may have been solicited."
        )
    return " ".join(parts)


def build_report_xml(
    *,
    receipt: EvidenceReceipt,
    decision: Decision,
    event: MessageEvent,
    cfg: ReportsConfig,
    facts: ReportFacts,
    parties: Parties,
) -> str:
    """Build the ``<report>`` XML for one incident, children in schema order."""
    report = root("report")
    _incident_summary(report, facts, event)
    _internet_details(report, facts, decision, event)
    _reporter(report, cfg.reporter)
    _reported(report, parties, event, cfg)
    _recipients(report, parties, cfg)
    _victims(report, parties, cfg)
    sub(report, "additionalInfo", _summary_info(receipt, decision, parties))
    return to_xml(report)
