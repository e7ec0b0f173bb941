"""Build one CyberTipline report draft per evidence receipt.

``build_draft(receipt, decision, event, cfg, now)`` is what the flow calls for
each receipt (evidence first: never from a bare decision). It is pure: the
custody viewers come in as data (or through a :class:`CustodyView`), the clock
as ``now``.

Invariants:
    * ``draft_id`` is the evidence package id (idempotent across replays).
    * The report XML and every file's preview ``fileDetails`` XML validate
      against the packaged XSD before a draft is returned; a failure is a bug
      and raises :class:`~tipline.schemas.errors.ReportError`.
    * Only ids, hashes, account facts, timestamps and signal names go into a
      draft; message text and media stay in the vault.
    * Every string a draft is built from is made XML-1.0-safe first
      (:func:`~tipline.operators.report.xml_tree.xml_safe_record`): characters XML
      cannot carry become U+FFFD, so hostile account fields never make a
      draft fail (issue #13, trigger A).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Final, Literal, Protocol

from tipline.operators.report.files import build_files
from tipline.operators.report.missing import missing_fields
from tipline.operators.report.parties import Parties, declared_minor, resolve_parties
from tipline.operators.report.report_xml import ReportFacts, build_report_xml
from tipline.operators.report.xml_tree import xml_safe_record
from tipline.operators.report.xsd import validate_file_details_xml, validate_report_xml
from tipline.schemas.decision import INCIDENT_CSAM, INCIDENT_ENTICEMENT, Decision
from tipline.schemas.errors import ReportError
from tipline.schemas.event import Account, MessageEvent
from tipline.schemas.evidence import EvidenceReceipt
from tipline.schemas.report import (
    AccountFacts,
    ReportDraft,
    ReportsConfig,
    StatusChange,
    TimelineEntry,
    Viewer,
)

__all__ = ["CustodyView", "build_draft", "failed_draft", "missing_fields"]

INCIDENT_TYPES: Final = frozenset(
    {
        INCIDENT_CSAM,
        INCIDENT_ENTICEMENT,
        "Child Sex Trafficking",
        "Child Sex Tourism",
        "Child Sexual Molestation",
        "Misleading Domain Name",
        "Misleading Words or Digital Images on the Internet",
        "Unsolicited Obscene Material Sent to a Child",
    }
)
SYSTEM_ACTOR: Final = "tipline"

AccountRole = Literal["reported", "victim", "recipient"]


class CustodyView(Protocol):
    """The evidence vault's custody-log query: who viewed an item, and when."""

    def viewers(self, package_id: str, item_id: str) -> list[Viewer]:
        """Return every recorded human view of ``item_id`` in ``package_id``."""
        ...


def _incident_type(decision: Decision) -> str:
    if decision.report_type:
        kind = decision.report_type
    elif any(a.matches for a in decision.attachments):
        kind = INCIDENT_CSAM
    elif decision.session is not None:
        kind = INCIDENT_ENTICEMENT
    else:
        msg = f"decision {decision.event_id!r} has no report_type, hash match or session verdict"
        raise ReportError(msg)
    if kind not in INCIDENT_TYPES:
        msg = f"{kind!r} is not a CyberTipline incidentType"
        raise ReportError(msg)
    return kind


def _annotations(decision: Decision, parties: Parties) -> list[str]:
    """Report annotations: the decision's, the verdict's flags, and minor-to-minor by age.

    ``minorToMinorInteraction`` is set when the session verdict flags a
    minor-to-minor pair, or when the reported user is a declared minor and
    the report names a victim (victims are minors by definition).
    """
    found = set(decision.annotations)
    if declared_minor(parties.reported) and parties.victims:
        found.add("minorToMinorInteraction")
    if decision.session is not None:
        if decision.session.minor_to_minor:
            found.add("minorToMinorInteraction")
        if decision.session.sextortion:
            found.add("sextortion")
    return sorted(found)


def _escalation(decision: Decision, annotations: list[str], cfg: ReportsConfig) -> str | None:
    fired = sorted(
        {s.signal for s in decision.session.signals if s.signal in cfg.escalate_signals}
        if decision.session
        else set()
    )
    if "sextortion" in annotations:
        fired.insert(0, "sextortion")
    if not fired:
        return None
    return f"Possible ongoing risk to a child: signals {', '.join(fired)} detected (automated)."


def _timeline(
    decision: Decision, event: MessageEvent, context: Sequence[TimelineEntry]
) -> list[TimelineEntry]:
    by_id: dict[str, TimelineEntry] = {t.message_id: t for t in context}
    for hit in decision.session.signals if decision.session else []:
        old = by_id.get(hit.message_id, TimelineEntry(message_id=hit.message_id))
        if hit.signal in old.signals:
            continue  # the context row already lists it: never twice
        by_id[hit.message_id] = TimelineEntry(
            message_id=hit.message_id,
            sender_id=old.sender_id or hit.sender_id,
            sent_at=old.sent_at,
            signals=[*old.signals, hit.signal],
            weight=old.weight + hit.weight,
            trigger=old.trigger,
        )
    old = by_id.get(event.event_id, TimelineEntry(message_id=event.event_id))
    by_id[event.event_id] = TimelineEntry(
        message_id=event.event_id,
        sender_id=event.sender.user_id,
        sent_at=event.sent_at,
        signals=old.signals,
        weight=old.weight,
        trigger=True,
    )
    return sorted(by_id.values(), key=_timeline_key)


def _timeline_key(entry: TimelineEntry) -> tuple[int, str, str]:
    when = entry.sent_at.isoformat() if entry.sent_at else ""
    return (0 if entry.sent_at else 1, when, entry.message_id)


def _facts(account: Account, role: AccountRole, event: MessageEvent | None) -> AccountFacts:
    client = event.client if event is not None else None
    return AccountFacts(
        role=role,
        user_id=account.user_id,
        screen_name=account.screen_name,
        display_name=account.display_name,
        email=account.email,
        phone=account.phone,
        created_at=account.created_at,
        declared_age=account.declared_age,
        age_verified=account.age_verified,
        country=account.country,
        prior_actions=[p.action for p in account.prior_actions],
        ip=client.ip if client else None,
        port=client.port if client else None,
    )


def _accounts(parties: Parties, event: MessageEvent) -> list[AccountFacts]:
    reported_event = event if parties.reported_is_sender else None
    out = [_facts(parties.reported, "reported", reported_event)]
    out += [_facts(v, "victim", None) for v in parties.victims]
    out += [_facts(r, "recipient", None) for r in parties.recipients]
    return out


def build_draft(
    receipt: EvidenceReceipt,
    decision: Decision,
    event: MessageEvent,
    cfg: ReportsConfig,
    now: datetime,
    *,
    viewers: Mapping[str, Sequence[Viewer]] | None = None,
    context: Sequence[TimelineEntry] = (),
    classifications: Mapping[str, str] | None = None,
) -> ReportDraft:
    """Build the report draft for one evidence receipt.

    Args:
        receipt: the vault's receipt (the draft id is its package id).
        decision: the decision that opened the case.
        event: the flagged message event.
        cfg: the ``[reports]`` config section.
        now: the current time (aware).
        viewers: custody-log views per item id (default: nobody viewed anything).
        context: optional content-free timeline rows (ids, senders, times) from
            the package manifest, merged with the session's signals.
        classifications: a reviewer's industry classification (A1/A2/B1/B2) per
            attachment item id; it wins over the hash list's category and makes
            the file *Reported*.

    Returns:
        A draft in status ``draft`` whose XML validates against the XSD.

    Raises:
        ReportError: the decision cannot be reported (no incident type) or the
            built XML fails the XSD (a bug).

    """
    receipt, decision, event = xml_safe_record((receipt, decision, event))
    context = xml_safe_record(tuple(context))
    viewers = xml_safe_record(dict(viewers or {}))
    incident = _incident_type(decision)
    parties = resolve_parties(decision, event)
    annotations = _annotations(decision, parties)
    files = build_files(
        receipt, decision, event, cfg, viewers or {}, classifications=classifications
    )
    facts = ReportFacts(
        incident_type=incident,
        platform=event.platform or cfg.esp_service,
        annotations=annotations,
        escalate=_escalation(decision, annotations, cfg),
        context_files=[f.file_name for f in files if f.role == "context"],
    )
    report_xml = build_report_xml(
        receipt=receipt, decision=decision, event=event, cfg=cfg, facts=facts, parties=parties
    )
    validate_report_xml(report_xml)
    for f in files:
        validate_file_details_xml(f.details_xml)
    return ReportDraft(
        draft_id=receipt.package_id,
        package_id=receipt.package_id,
        event_id=receipt.event_id,
        session_id=receipt.session_id,
        manifest_sha256=receipt.manifest_sha256,
        incident_type=incident,
        annotations=annotations,
        escalate=facts.escalate,
        incident_at=event.sent_at,
        detected_at=decision.decided_at,
        deadline=decision.decided_at + timedelta(hours=cfg.deadline_hours),
        created_at=now,
        reasons=list(decision.reasons),
        session_score=decision.session.score if decision.session else None,
        session_stage=decision.session.stage if decision.session else None,
        report_xml=report_xml,
        files=files,
        accounts=_accounts(parties, event),
        timeline=_timeline(decision, event, context),
        missing=missing_fields(cfg, incident, parties, event, files),
        history=[StatusChange(at=now, status="draft", actor=SYSTEM_ACTOR, note="drafted")],
    )


def failed_draft(
    receipt: EvidenceReceipt,
    decision: Decision,
    event: MessageEvent,
    cfg: ReportsConfig,
    now: datetime,
    *,
    reason: str,
) -> ReportDraft:
    """Return a draft that could not be built, in status ``failed`` with the reason.

    The case stays visible (``tipline reports list`` shows it with its
    deadline) and retryable: re-driving its dead letter (``tipline dlq replay
    --stage report-draft``) builds it again, and :class:`~tipline.sinks.drafts.DraftsSink`
    replaces a ``failed`` draft that has no XML. It carries no XML, so it can
    never be approved or submitted as it is.
    """
    receipt, decision, event = xml_safe_record((receipt, decision, event))
    note = xml_safe_record(f"draft could not be built: {reason}")
    return ReportDraft(
        draft_id=receipt.package_id,
        package_id=receipt.package_id,
        event_id=receipt.event_id,
        session_id=receipt.session_id,
        manifest_sha256=receipt.manifest_sha256,
        status="failed",
        incident_type=decision.report_type or "unknown",
        incident_at=event.sent_at,
        detected_at=decision.decided_at,
        deadline=decision.decided_at + timedelta(hours=cfg.deadline_hours),
        created_at=now,
        reasons=list(decision.reasons),
        report_xml="",
        history=[StatusChange(at=now, status="failed", actor=SYSTEM_ACTOR, note=note)],
    )
