"""The per-message decision: hash verdicts and the session verdict → none/review/report.

Rules:
    * Attachment match strengths map through ``[decision]``: exact and strong
      matches to ``exact_match_outcome`` / ``strong_match_outcome`` (default
      ``report``), weak ones to ``weak_match_outcome`` (default ``review``).
    * An attachment that exists but could not be fully checked (too large,
      too many pixels, fetch timeout, event budget spent; ``UNCHECKED_STATUSES``)
      maps to ``unchecked_media_outcome`` (default ``review``) and opens a case,
      so a human looks at what matching could not.
    * The session contributes its current ``level``.
    * The decision is the maximum of both; ``report_type`` is the CyberTipline
      incident type of the strongest cause (a hash match wins over grooming).
    * ``alert`` is true for a new hash match or a session escalation; only
      those open a case (evidence package, alert, report draft).
    * Annotations: ``minorToMinorInteraction`` and ``sextortion`` when the
      session verdict says so and the session is flagged.
    * The fairness gate decides ``recommended_actions``: account actions only
      when it allows them, otherwise ``human_review``.

Invariants: reasons are machine-readable strings of ids, list names and
signal names; nothing here reads or copies message text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

import msgspec

from tipline.schemas.decision import (
    INCIDENT_CSAM,
    INCIDENT_ENTICEMENT,
    ActionGate,
    Decision,
    Outcome,
)
from tipline.schemas.event import MessageEvent
from tipline.schemas.grooming import DecisionConfig, SessionVerdict
from tipline.schemas.hashing import UNCHECKED_STATUSES, AttachmentVerdict
from tipline.schemas.source import SourcePosition

_RANK: Final[dict[Outcome, int]] = {"none": 0, "review": 1, "report": 2}
HUMAN_REVIEW: Final = "human_review"
MINOR_TO_MINOR: Final = "minorToMinorInteraction"
SEXTORTION: Final = "sextortion"


def _higher(a: Outcome, b: Outcome) -> Outcome:
    """Return the more severe of two outcomes."""
    return a if _RANK[a] >= _RANK[b] else b


def _attachment_outcome(cfg: DecisionConfig, av: AttachmentVerdict) -> Outcome:
    """Map one attachment's strongest match to an outcome."""
    if av.strength == "exact":
        return cfg.exact_match_outcome
    if av.strength == "strong":
        return cfg.strong_match_outcome
    if av.strength == "weak":
        return cfg.weak_match_outcome
    if av.status in UNCHECKED_STATUSES:
        return cfg.unchecked_media_outcome
    return "none"


def _attachment_reasons(av: AttachmentVerdict) -> list[str]:
    """Reasons for one attachment: its match strength per list, or a failure status."""
    if av.strength != "none":
        lists = sorted({m.list for m in av.matches}) or ["unknown"]
        return [f"hash:{av.strength}:{name}" for name in lists]
    if av.status != "hashed":
        return [f"attachment:{av.status}"]
    return []


def _session_reasons(session: SessionVerdict) -> list[str]:
    """Reasons for a flagged session: level, stage, relation and signal names."""
    reasons = [
        f"grooming:level:{session.level}",
        f"grooming:stage:{session.stage}",
        f"grooming:relation:{session.age_relation}",
    ]
    reasons += [f"grooming:signal:{name}" for name in sorted({h.signal for h in session.signals})]
    if session.escalated:
        reasons.append("grooming:escalated")
    return reasons


def _annotations(session: SessionVerdict | None) -> list[str]:
    """CyberTipline report annotations a flagged session carries."""
    if session is None or session.level == "none":
        return []
    out = [MINOR_TO_MINOR] if session.minor_to_minor else []
    return [*out, SEXTORTION] if session.sextortion else out


def _actions(cfg: DecisionConfig, outcome: Outcome, gate: ActionGate | None) -> list[str]:
    """Account actions when the gate allows them, otherwise human review."""
    if outcome == "none":
        return []
    if gate is not None and gate.allowed:
        return list(cfg.account_actions)
    return [HUMAN_REVIEW]


def decide(
    cfg: DecisionConfig,
    event: MessageEvent,
    attachments: list[AttachmentVerdict],
    session: SessionVerdict | None,
    *,
    gate: ActionGate | None,
    detector_version: str,
    source: SourcePosition,
    now: datetime,
) -> Decision:
    """Combine the verdicts of one message into its :class:`Decision`.

    Args:
        cfg: the ``[decision]`` section.
        event: the message.
        attachments: one verdict per attachment (may be empty).
        session: the session verdict for this message, or None when scoring is off.
        gate: the fairness gate's ruling (see ``operators/fairness.py``), or None.
        detector_version: recorded in the decision.
        source: where the record came from.
        now: the decision time (injected; operators never read the clock).

    Returns:
        The decision, with machine-readable reasons.

    """
    outcome: Outcome = "none"
    reasons: list[str] = []
    hash_hit = unchecked = False
    for av in attachments:
        found = _attachment_outcome(cfg, av)
        if av.strength == "none":
            unchecked = unchecked or found != "none"
        else:
            hash_hit = True
        outcome = _higher(outcome, found)
        reasons += _attachment_reasons(av)
    flagged_session = session is not None and session.level != "none"
    if session is not None:
        outcome = _higher(outcome, session.level)
        if flagged_session:
            reasons += _session_reasons(session)
        if session.late:
            reasons.append("grooming:late")
        if session.duplicate:
            reasons.append("grooming:duplicate")
    report_type = INCIDENT_CSAM if hash_hit else INCIDENT_ENTICEMENT if flagged_session else None
    if gate is not None and outcome != "none":
        reasons.append(f"gate:{gate.reason}")
    return Decision(
        event_id=event.event_id, session_id=event.session_id, sent_at=event.sent_at,
        sender_id=event.sender.user_id, recipient_ids=[r.user_id for r in event.recipients],
        decision=outcome,
        alert=hash_hit or unchecked or (session is not None and session.escalated),
        reasons=reasons, report_type=report_type if outcome != "none" else None,
        annotations=_annotations(session), attachments=list(attachments), session=session,
        recommended_actions=_actions(cfg, outcome, gate), gate=gate,
        detector_version=detector_version, source=source, decided_at=now,
    )  # fmt: skip


OVERSIZED_REASON: Final = "intake:oversized-record"


def route_oversized(decision: Decision) -> Decision:
    """Route an event whose record was over ``input.max_record_bytes`` to human review.

    Padding a record past the size limit must not evade matching (issue #13):
    the event was still parsed and hashed, and it opens a case at least at
    ``review`` (with the reason ``intake:oversized-record``) so its evidence is
    preserved and a person looks at it. A ``report`` stays a report.
    """
    reasons = [*decision.reasons, OVERSIZED_REASON]
    if decision.decision != "none":
        return msgspec.structs.replace(decision, reasons=reasons)
    return msgspec.structs.replace(
        decision,
        decision="review",
        alert=True,
        reasons=reasons,
        recommended_actions=decision.recommended_actions or [HUMAN_REVIEW],
    )
