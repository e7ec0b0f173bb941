"""Which report fields a reviewer still has to supply or may want to add.

``required`` entries block approval: the schema requires ``reportingPerson``
and NCMEC needs a way to reach the reporter. ``recommended`` entries make a
report actionable (docs/domain.md §2: full IP with time and port, account creation
date, email/phone, the bracketing conversation, an estimated location).
"""

from __future__ import annotations

from collections.abc import Sequence

from tipline.operators.report.parties import Parties
from tipline.schemas.decision import INCIDENT_CSAM
from tipline.schemas.event import MessageEvent
from tipline.schemas.report import FileDraft, MissingField, ReportsConfig


def _reporter_missing(cfg: ReportsConfig) -> list[MissingField]:
    person = cfg.reporter.reporting_person
    out = []
    if not (person.first_name and person.last_name):
        out.append(
            MissingField(
                path="reporter/reportingPerson/firstName+lastName",
                severity="required",
                hint="set [reports.reporter.reporting_person] first_name and last_name",
            )
        )
    if not person.email:
        out.append(
            MissingField(
                path="reporter/reportingPerson/email",
                severity="required",
                hint="set [reports.reporter.reporting_person] email",
            )
        )
    if not cfg.reporter.legal_url:
        out.append(
            MissingField(
                path="reporter/legalURL",
                severity="recommended",
                hint="set [reports.reporter] legal_url (law-enforcement guidelines page)",
            )
        )
    return out


def _reported_missing(parties: Parties, event: MessageEvent) -> list[MissingField]:
    account = parties.reported
    out = []
    client = event.client if parties.reported_is_sender else None
    if not parties.reported_is_sender:
        out.append(
            MissingField(
                path="personOrUserReported/ipCaptureEvent",
                severity="recommended",
                hint="the reported user did not send the flagged message; add their last login IP",
            )
        )
    elif client is None or not client.ip:
        out.append(
            MissingField(
                path="personOrUserReported/ipCaptureEvent",
                severity="recommended",
                hint="no client IP on the flagged message; add the last login IP",
            )
        )
    elif client.port is None:
        out.append(
            MissingField(
                path="personOrUserReported/ipCaptureEvent/port",
                severity="recommended",
                hint="source port is needed to tell apart users behind carrier NAT",
            )
        )
    if not (account.email or account.phone):
        out.append(
            MissingField(
                path="personOrUserReported/personOrUserReportedPerson/email",
                severity="recommended",
                hint="no email or phone known for the reported account",
            )
        )
    if account.created_at is None:
        out.append(
            MissingField(
                path="personOrUserReported/additionalInfo (account creation)",
                severity="recommended",
                hint="account creation date is unknown",
            )
        )
    if not account.country:
        out.append(
            MissingField(
                path="personOrUserReported/estimatedLocation",
                severity="recommended",
                hint="no country known for the reported account",
            )
        )
    return out


def _victim_missing(incident: str, parties: Parties) -> list[MissingField]:
    if incident == INCIDENT_CSAM:
        return []
    if not parties.victims:
        return [
            MissingField(
                path="victim",
                severity="recommended",
                hint="no participant is known to be a minor; identify the child if known",
            )
        ]
    return [
        MissingField(
            path=f"victim[{v.user_id}]/victimPerson/age",
            severity="recommended",
            hint="the child's age is not declared",
        )
        for v in parties.victims
        if v.declared_age is None
    ]


def _files_missing(incident: str, files: Sequence[FileDraft]) -> list[MissingField]:
    out = []
    reported = [f for f in files if f.relevance == "Reported"]
    if incident == INCIDENT_CSAM and not reported:
        out.append(
            MissingField(
                path="fileDetails (Reported)",
                severity="recommended",
                hint="a CSAM report normally carries the reported file; none matched a list",
            )
        )
    out += [
        MissingField(
            path=f"fileDetails[{f.item_id}]/industryClassification",
            severity="recommended",
            hint="the matching list gave no A1/A2/B1/B2 category; classify if viewed",
        )
        for f in reported
        if f.industry_classification is None
    ]
    if not any(f.role == "context" for f in files):
        out.append(
            MissingField(
                path="fileDetails (conversation context)",
                severity="recommended",
                hint="the evidence package holds no context item to upload as supplemental",
            )
        )
    return out


def missing_fields(
    cfg: ReportsConfig,
    incident: str,
    parties: Parties,
    event: MessageEvent,
    files: Sequence[FileDraft],
) -> list[MissingField]:
    """Return the fields a reviewer still needs (``required``) or may add (``recommended``)."""
    return [
        *_reporter_missing(cfg),
        *_reported_missing(parties, event),
        *_victim_missing(incident, parties),
        *_files_missing(incident, files),
    ]
