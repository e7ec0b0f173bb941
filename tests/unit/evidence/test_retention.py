from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tipline.operators.evidence.retention import (
    extend_hold,
    hold_kind,
    needs_legal_hold,
    open_hold,
    package_jurisdictions,
    policy_until,
    release_hold,
    retain_until,
)
from tipline.schemas.errors import RetentionError
from tipline.schemas.evidence import RetentionConfig, RetentionRule

T = datetime(2026, 1, 1, tzinfo=UTC)
CFG = RetentionConfig()


def test_report_keeps_one_year_from_submission_and_grows_when_submitted() -> None:
    before = policy_until(
        CFG, jurisdictions=["US"], outcome="report", packaged_at=T, submitted_at=None
    )
    assert before == T + timedelta(days=365)
    after = policy_until(
        CFG,
        jurisdictions=["US"],
        outcome="report",
        packaged_at=T,
        submitted_at=T + timedelta(days=3),
    )
    assert after == T + timedelta(days=368)


def test_review_only_packages_fall_back_to_internal_triage() -> None:
    assert policy_until(
        CFG, jurisdictions=["US"], outcome="review", packaged_at=T, submitted_at=None
    ) == T + timedelta(days=30)


def test_longest_applicable_rule_wins_across_jurisdictions() -> None:
    cfg = RetentionConfig(
        rules=[
            RetentionRule(name="us", jurisdictions=["US"], outcomes=["report"], days=365),
            RetentionRule(name="eu", jurisdictions=["EU"], outcomes=["report"], days=500),
            RetentionRule(name="gb", jurisdictions=["GB"], outcomes=["report"], days=700),
        ]
    )
    juris = package_jurisdictions(["US"], ["DE", None])
    assert juris == ["DE", "US"]
    got = policy_until(cfg, jurisdictions=juris, outcome="report", packaged_at=T, submitted_at=None)
    assert got == T + timedelta(days=500)


def test_no_applicable_rule_is_an_error_naming_the_outcome() -> None:
    cfg = RetentionConfig(
        rules=[RetentionRule(name="gb", jurisdictions=["GB"], outcomes=["report"], days=1)]
    )
    with pytest.raises(RetentionError, match="'review'"):
        policy_until(cfg, jurisdictions=["US"], outcome="review", packaged_at=T, submitted_at=None)


def test_2703f_hold_runs_90_days_renewable_once_by_90() -> None:
    kind = hold_kind(CFG.hold_kinds, "2703f")
    hold = open_hold(kind, request_id="r-1", agency="agency", now=T)
    assert hold.expires_at == T + timedelta(days=90)
    renewed = extend_hold(kind, hold, T + timedelta(days=80))
    assert renewed.expires_at == T + timedelta(days=180)
    with pytest.raises(RetentionError, match="renewed 1 times"):
        extend_hold(kind, renewed, T + timedelta(days=100))


def test_several_clocks_retention_is_the_maximum_and_never_shrinks() -> None:
    kind = hold_kind(CFG.hold_kinds, "2703f")
    policy = T + timedelta(days=30)
    h1 = open_hold(kind, request_id="r-1", agency=None, now=T)
    h2 = extend_hold(kind, open_hold(kind, request_id="r-2", agency=None, now=T), T)
    until = retain_until(policy, [h1, h2], floor=None)
    assert until == T + timedelta(days=180)
    released = release_hold(h2, T + timedelta(days=1))
    assert retain_until(policy, [h1, released], floor=until) == until


def test_legal_hold_is_indefinite_until_released() -> None:
    kind = hold_kind(CFG.hold_kinds, "legal")
    hold = open_hold(kind, request_id="court-1", agency="court", now=T)
    assert hold.expires_at is None
    assert needs_legal_hold([hold], T + timedelta(days=9999))
    assert not needs_legal_hold([release_hold(hold, T)], T)
    with pytest.raises(RetentionError, match="not renewable"):
        extend_hold(kind, hold, T)
    with pytest.raises(RetentionError, match="already released"):
        release_hold(release_hold(hold, T), T)


def test_unknown_hold_kind_lists_the_configured_ones() -> None:
    with pytest.raises(RetentionError, match=r"'nope'.*2703f"):
        hold_kind(CFG.hold_kinds, "nope")


def test_retention_rounds_up_to_whole_seconds() -> None:
    at = T + timedelta(microseconds=1)
    assert retain_until(at, [], floor=None) == T + timedelta(seconds=1)


def test_a_released_hold_keeps_every_field_and_records_when() -> None:
    kind = hold_kind(CFG.hold_kinds, "2703f")
    renewed = extend_hold(kind, open_hold(kind, request_id="r-9", agency="pd", now=T), T)
    at = T + timedelta(days=3)
    released = release_hold(renewed, at)
    assert released.released_at == at
    assert (released.hold_id, released.kind, released.request_id, released.agency) == (
        renewed.hold_id, renewed.kind, "r-9", "pd",
    )  # fmt: skip
    assert (released.opened_at, released.expires_at, released.renewals) == (
        T, T + timedelta(days=180), 1,
    )  # fmt: skip
    assert len(renewed.hold_id) == len("hold-") + 12
    assert renewed.hold_id != open_hold(kind, request_id="r-9", agency="pd", now=T).hold_id


def test_extending_refuses_released_and_non_renewable_holds_with_the_reason() -> None:
    from tipline.schemas.evidence import HoldKind

    kind = hold_kind(CFG.hold_kinds, "2703f")
    hold = open_hold(kind, request_id="r-1", agency=None, now=T)
    released = release_hold(hold, T)
    with pytest.raises(RetentionError) as err:
        extend_hold(kind, released, T)
    assert str(err.value) == f"hold {hold.hold_id!r} is not open (expected an open hold to extend)"
    fixed = HoldKind(name="fixed", days=30, renew_days=0, max_renewals=0)
    with pytest.raises(RetentionError, match="'fixed' is not renewable"):
        extend_hold(fixed, open_hold(fixed, request_id="r-2", agency=None, now=T), T)
    once = HoldKind(name="once", days=30, renew_days=1, max_renewals=0)  # 1 day: renewable
    longer = extend_hold(once, open_hold(once, request_id="r-3", agency=None, now=T), T)
    assert longer.expires_at == T + timedelta(days=31)


def test_destruction_is_allowed_from_the_retain_until_instant() -> None:
    from tipline.operators.evidence.retention import destruction_blockers

    until = T + timedelta(days=30)
    step = timedelta(microseconds=1)
    assert destruction_blockers(until, [], until - step) == [f"retained until {until.isoformat()}"]
    assert destruction_blockers(until, [], until) == []
    assert destruction_blockers(until, [], until + step) == []
