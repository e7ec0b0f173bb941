"""Who is who in a report: the reported user, child victims and other recipients.

Rules (documented in docs/reports.md):

* Enticement (a session verdict names ``older_id``): the older party is the
  reported user; the younger party is the victim.
* Otherwise (hash matches): the sender of the message is the reported user;
  a recipient with a declared age under 18 is a victim; other recipients are
  intended recipients (at most :data:`MAX_RECIPIENTS` listed).
* Network facts (``client``) belong to the sender, so the reported user gets
  an ``ipCaptureEvent`` only when they sent the message.
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


def _is_minor(account: Account) -> bool:
    return account.declared_age is not None and account.declared_age < ADULT_AGE


def resolve_parties(decision: Decision, event: MessageEvent) -> Parties:
    """Assign report roles to the participants of the flagged message."""
    people = _participants(event)
    session = decision.session
    older = session.older_id if session else None
    younger = session.younger_id if session else None
    reported = event.sender
    if older and older != event.sender.user_id:
        reported = _find(people, older) or Account(user_id=older)
    others = [p for p in people if p.user_id != reported.user_id]
    victims = [p for p in others if p.user_id == younger or _is_minor(p)]
    victim_ids = {v.user_id for v in victims}
    rest = [p for p in others if p.user_id not in victim_ids]
    return Parties(
        reported=reported,
        reported_is_sender=reported.user_id == event.sender.user_id,
        victims=victims,
        recipients=rest[:MAX_RECIPIENTS],
        recipients_omitted=max(0, len(rest) - MAX_RECIPIENTS),
    )
