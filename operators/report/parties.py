"""Who is who in a report: the reported user, child victims and other recipients.

Rules (docs/reports.md, "Who is reported"):

* **Hash match** (any attachment of the flagged message matched a list): the
  reported user is the SENDER of that message — the account that uploaded the
  matched media — whatever the grooming pair says. Its ``ipCaptureEvent`` is
  that message's client IP (event ``Upload``, at ``sent_at``, with the port).
* **Enticement** (no hash match; a session verdict names the pair): the OLDER
  party of the scored pair is reported and the YOUNGER one is the victim. The
  flagged message's IP goes to the reported user only if they sent it.
* **Sextortion, coerced upload**: when the session is flagged ``sextortion``
  and the matched media was sent BY the younger party of the pair (who is a
  minor by declared age or by the pair's relation) TO the older party, the
  child is the victim, not the offender: the older party (the coercer) is
  reported, the sender is the victim, and the upload IP stays on the file.
* **Minor-to-minor**: the same rules decide who is reported (the uploader of
  matched media, else the older party of the pair); the report carries the
  ``minorToMinorInteraction`` annotation so NCMEC can triage it.
* A **victim** is a participant other than the reported user who is known or
  likely a minor: declared age under 18, or the younger party of a pair whose
  relation says the younger one is a minor (``adult-minor``, ``unknown-minor``,
  ``minor-minor``). The sender of matched media is never a victim except in
  the coerced-upload case. Everyone else who received the message is an
  intended recipient (at most :data:`MAX_RECIPIENTS` listed).
"""

from __future__ import annotations

from typing import Final

from msgspec import Struct

from tipline.schemas.decision import Decision
from tipline.schemas.event import Account, MessageEvent

MAX_RECIPIENTS: Final = 20
ADULT_AGE: Final = 18


class Parties(Struct, frozen=True, kw_only=True):
    """The participants of an incident, by report role."""

    reported: Account
    reported_is_sender: bool
    victims: list[Account]
    recipients: list[Account]
    recipients_omitted: int = 0
    rule: str = "hash_match"


def _participants(event: MessageEvent) -> list[Account]:
    seen: set[str] = set()
    out: list[Account] = []
    for account in [event.sender, *event.recipients]:
        if account.user_id not in seen:
            seen.add(account.user_id)
            out.append(account)
    return out


def _find(accounts: list[Account], user_id: str | None) -> Account | None:
    return next((a for a in accounts if a.user_id == user_id), None)


def declared_minor(account: Account) -> bool:
    """Return True if the account's declared age is under 18."""
    return account.declared_age is not None and account.declared_age < ADULT_AGE


def _pair_minor(decision: Decision) -> str | None:
    """Return the younger party's id when the pair's relation says they are a minor."""
    session = decision.session
    if session is None or session.younger_id is None:
        return None
    if session.minor_to_minor or session.age_relation.endswith("-minor"):
        return session.younger_id
    return None


def has_hash_match(decision: Decision) -> bool:
    """Return True if any attachment of the flagged message matched a hash list."""
    return any(a.matches for a in decision.attachments)


def _coerced_upload(decision: Decision, event: MessageEvent) -> bool:
    session = decision.session
    if session is None or not session.sextortion or not has_hash_match(decision):
        return False
    sender = event.sender
    if session.younger_id != sender.user_id or session.older_id is None:
        return False
    if session.older_id not in {r.user_id for r in event.recipients}:
        return False
    return declared_minor(sender) or _pair_minor(decision) == sender.user_id


def resolve_parties(decision: Decision, event: MessageEvent) -> Parties:
    """Assign report roles to the participants of the flagged message."""
    people = _participants(event)
    session = decision.session
    coerced = _coerced_upload(decision, event)
    if coerced and session is not None and session.older_id is not None:
        reported = _find(people, session.older_id) or Account(user_id=session.older_id)
        rule = "sextortion_coerced_upload"
    elif has_hash_match(decision) or session is None or session.older_id is None:
        reported = event.sender
        rule = "hash_match" if has_hash_match(decision) else "sender"
    else:
        older = session.older_id
        reported = _find(people, older) or Account(user_id=older)
        rule = "enticement"
    pair_minor = _pair_minor(decision)
    others = [p for p in people if p.user_id != reported.user_id]
    victims = [
        p
        for p in others
        if (p.user_id != event.sender.user_id or coerced)
        and (declared_minor(p) or p.user_id == pair_minor)
    ]
    if rule == "enticement" and session is not None and session.younger_id is not None:
        younger = _find(people, session.younger_id)
        if younger is not None and younger not in victims:
            victims.append(younger)
    victim_ids = {v.user_id for v in victims}
    rest = [p for p in others if p.user_id not in victim_ids and p.user_id != event.sender.user_id]
    return Parties(
        reported=reported,
        reported_is_sender=reported.user_id == event.sender.user_id,
        victims=victims,
        recipients=rest[:MAX_RECIPIENTS],
        recipients_omitted=max(0, len(rest) - MAX_RECIPIENTS),
        rule=rule,
    )
