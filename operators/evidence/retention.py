"""Retention: retain-until is the maximum of every applicable policy and hold.

Rules (``RetentionConfig.rules``) apply by jurisdiction and outcome; the
package's jurisdictions are the home jurisdictions plus the sender's and the
recipients' countries. Holds are a table folded from the custody log, so
several clocks (a 2258A preservation, two 2703(f) requests, a litigation
hold) run at once. Retention only grows: :func:`retain_until` takes the
current value as a floor, and S3 COMPLIANCE mode enforces the same on the
server. Times are rounded up to whole seconds (S3's precision).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Final

from tipline.schemas.errors import RetentionError
from tipline.schemas.evidence import (
    CustodyEvent,
    HoldKind,
    HoldRecord,
    RetentionConfig,
    RetentionRule,
)

EU_MEMBER_STATES: Final = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
)


def ceil_second(at: datetime) -> datetime:
    """Round ``at`` up to a whole second (S3 retention precision)."""
    if at.microsecond == 0:
        return at
    return at.replace(microsecond=0) + timedelta(seconds=1)


def package_jurisdictions(home: Iterable[str], countries: Iterable[str | None]) -> list[str]:
    """Return the sorted jurisdictions of a package: home plus account countries."""
    return sorted({*home, *(c for c in countries if c)})


def _matches(rule: RetentionRule, jurisdictions: Sequence[str]) -> bool:
    for code in rule.jurisdictions:
        if code == "*" or code in jurisdictions:
            return True
        if code == "EU" and EU_MEMBER_STATES.intersection(jurisdictions):
            return True
    return False


def applicable_rules(
    cfg: RetentionConfig, jurisdictions: Sequence[str], outcome: str
) -> list[RetentionRule]:
    """Return the rules that apply to a package of this outcome and jurisdictions."""
    return [r for r in cfg.rules if outcome in r.outcomes and _matches(r, jurisdictions)]


def policy_until(
    cfg: RetentionConfig,
    *,
    jurisdictions: Sequence[str],
    outcome: str,
    packaged_at: datetime,
    submitted_at: datetime | None,
) -> datetime:
    """Return the longest retention any applicable rule demands.

    A ``submitted``-anchored rule counts from the packaging time until the
    submission is recorded (earlier, so the later value only extends it).

    Raises:
        RetentionError: no rule applies; a package must never be unretained.

    """
    rules = applicable_rules(cfg, jurisdictions, outcome)
    if not rules:
        msg = (
            f"no retention rule applies to outcome {outcome!r} in {list(jurisdictions)} "
            "(expected at least one rule, e.g. one with jurisdictions = ['*'])"
        )
        raise RetentionError(msg)
    ends = []
    for rule in rules:
        start = submitted_at if rule.anchor == "submitted" and submitted_at else packaged_at
        ends.append(start + timedelta(days=rule.days))
    return ceil_second(max(ends))


def retain_until(policy: datetime, holds: Iterable[HoldRecord], floor: datetime | None) -> datetime:
    """Combine policy, hold expiries and the current value; never shrinks."""
    candidates = [policy]
    candidates += [h.expires_at for h in holds if h.released_at is None and h.expires_at]
    if floor is not None:
        candidates.append(floor)
    return ceil_second(max(candidates))


def fold_holds(events: Iterable[CustodyEvent]) -> list[HoldRecord]:
    """Return the holds table: the latest record of every hold in the log."""
    table: dict[str, HoldRecord] = {}
    for event in events:
        if event.hold is not None:
            table[event.hold.hold_id] = event.hold
    return sorted(table.values(), key=lambda h: (h.opened_at, h.hold_id))


def hold_kind(kinds: Sequence[HoldKind], name: str) -> HoldKind:
    """Look up a configured hold kind by name.

    Raises:
        RetentionError: the kind is not configured.

    """
    for kind in kinds:
        if kind.name == name:
            return kind
    msg = f"hold kind {name!r} is not configured (expected one of {[k.name for k in kinds]})"
    raise RetentionError(msg)


def open_hold(kind: HoldKind, *, request_id: str, agency: str | None, now: datetime) -> HoldRecord:
    """Create a new hold row (indefinite when the kind's ``days`` is 0)."""
    expires = ceil_second(now + timedelta(days=kind.days)) if kind.days else None
    return HoldRecord(
        hold_id=f"hold-{uuid.uuid4().hex[:12]}",
        kind=kind.name,
        request_id=request_id,
        agency=agency,
        opened_at=now,
        expires_at=expires,
    )


def extend_hold(kind: HoldKind, hold: HoldRecord, now: datetime) -> HoldRecord:
    """Renew a hold by the kind's ``renew_days`` from its current expiry.

    Raises:
        RetentionError: released, indefinite, not renewable or renewals used up.

    """
    if not hold.is_open(now):
        msg = f"hold {hold.hold_id!r} is not open (expected an open hold to extend)"
        raise RetentionError(msg)
    if hold.expires_at is None or kind.renew_days == 0:
        msg = f"hold {hold.hold_id!r} of kind {kind.name!r} is not renewable"
        raise RetentionError(msg)
    if kind.max_renewals and hold.renewals >= kind.max_renewals:
        msg = (
            f"hold {hold.hold_id!r} was renewed {hold.renewals} times "
            f"(kind {kind.name!r} allows {kind.max_renewals})"
        )
        raise RetentionError(msg)
    expires = ceil_second(hold.expires_at + timedelta(days=kind.renew_days))
    return HoldRecord(
        hold_id=hold.hold_id,
        kind=hold.kind,
        request_id=hold.request_id,
        agency=hold.agency,
        opened_at=hold.opened_at,
        expires_at=expires,
        renewals=hold.renewals + 1,
    )


def release_hold(hold: HoldRecord, now: datetime) -> HoldRecord:
    """Mark a hold released. Retention already granted is kept (never shrinks).

    Raises:
        RetentionError: the hold was already released.

    """
    if hold.released_at is not None:
        msg = f"hold {hold.hold_id!r} was already released at {hold.released_at.isoformat()}"
        raise RetentionError(msg)
    return HoldRecord(
        hold_id=hold.hold_id,
        kind=hold.kind,
        request_id=hold.request_id,
        agency=hold.agency,
        opened_at=hold.opened_at,
        expires_at=hold.expires_at,
        renewals=hold.renewals,
        released_at=now,
    )


def destruction_blockers(
    retained_until: datetime, holds: Iterable[HoldRecord], now: datetime
) -> list[str]:
    """Return why a package may not be destroyed at ``now`` (empty: it may).

    There is no override: retain-until must have passed and no hold may be
    open, whoever asks. Releasing a hold never shortens retention (the
    retain-until of a package is the maximum over its custody log).
    """
    reasons: list[str] = []
    if now < retained_until:
        reasons.append(f"retained until {retained_until.isoformat()}")
    bound = [h.hold_id for h in holds if h.is_open(now)]
    if bound:
        reasons.append(f"open holds {bound}")
    return reasons


def needs_legal_hold(holds: Iterable[HoldRecord], now: datetime) -> bool:
    """Return True while an open indefinite hold exists (S3 legal-hold flag on)."""
    return any(h.expires_at is None and h.is_open(now) for h in holds)
