"""The failure tracker's breaker counts exactly when several threads share it.

One tracker serves every thread of a process: the dataflow workers and the
background match, evidence and draft threads. A count lost between threads
would let a run of failures go unnoticed; a reset lost would stop the job
after failures that were not in a row.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tipline.operators.failures import SystemicFailure
from tipline.schemas.source import SourcePosition
from tipline.services.failures import FailureTracker

_NOW = datetime(2026, 1, 1, tzinfo=UTC)
_SOURCE = SourcePosition(kind="kafka", topic="t", partition=0, offset=0)


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Switch threads as often as the interpreter allows, so a race shows."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _letter(tracker: FailureTracker, stage: str) -> None:
    tracker.letter(stage, ValueError("x"), source=_SOURCE, event=None, now=_NOW)


def _fail(tracker: FailureTracker, stage: str, times: int, errors: list[BaseException]) -> None:
    try:
        for _ in range(times):
            _letter(tracker, stage)
    except BaseException as exc:  # handed to the test thread
        errors.append(exc)


@pytest.mark.usefixtures("fast_switching")
def test_no_failure_is_lost_between_threads() -> None:
    threads, each = 8, 2_000
    tracker = FailureTracker(limit=threads * each + 1)
    errors: list[BaseException] = []
    workers = [
        threading.Thread(target=_fail, args=(tracker, "match-hashes", each, errors))
        for _ in range(threads)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    assert tracker._streak["match-hashes"] == threads * each
    # one more is the limit: the breaker trips, once, and the streak starts again
    with pytest.raises(SystemicFailure, match="failed 16001 events in a row"):
        _letter(tracker, "match-hashes")
    assert tracker._streak["match-hashes"] == 0


@pytest.mark.usefixtures("fast_switching")
def test_the_breaker_trips_exactly_once_per_limit_across_threads() -> None:
    threads, each, limit = 4, 1_000, 7
    tracker = FailureTracker(limit=limit)
    tripped: list[BaseException] = []

    def fail_on() -> None:
        for _ in range(each):
            try:
                _letter(tracker, "report-draft")
            except SystemicFailure as exc:
                tripped.append(exc)

    workers = [threading.Thread(target=fail_on) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    total = threads * each
    assert len(tripped) == total // limit
    assert tracker._streak["report-draft"] == total % limit


def test_a_success_resets_only_its_own_stage() -> None:
    tracker = FailureTracker(limit=3)
    for _ in range(2):
        _letter(tracker, "decode")
        _letter(tracker, "score-session")
    tracker.ok("decode")
    _letter(tracker, "decode")
    with pytest.raises(SystemicFailure, match="step score-session failed 3 events in a row"):
        _letter(tracker, "score-session")
