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
from prometheus_client import REGISTRY

from tipline.operators.failures import SystemicFailure
from tipline.schemas.errors import EventDecodeError, LakeWriteError
from tipline.schemas.event import MESSAGE_SCHEMA, Account, MessageEvent, encode_event
from tipline.schemas.source import SourcePosition
from tipline.services.failures import (
    FailureTracker,
    follow_up_source,
    stopped_by_signal,
    tipline_cause,
)

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


# --- the rest of the module: the dead letter itself, what counts, the engine's causes ---

_EVENT = MessageEvent(
    schema=MESSAGE_SCHEMA,
    event_id="e-1",
    sent_at=datetime(2026, 1, 1, tzinfo=UTC),
    session_id="s-1",
    sender=Account(user_id="u-1"),
    recipients=[Account(user_id="u-2")],
    text="words that must stay out of the reason",
)


def _dead_letters(stage: str, error_type: str) -> float:
    value = REGISTRY.get_sample_value(
        "tipline_dead_letters_total", {"stage": stage, "error_type": error_type}
    )
    return value or 0.0


def test_a_letter_carries_the_stage_the_error_and_the_event() -> None:
    tracker = FailureTracker()
    before = _dead_letters("decode", "ValueError")
    letter = tracker.letter(
        "decode", ValueError(_EVENT.text), source=_SOURCE, event=_EVENT, now=_NOW
    )
    assert letter.stage == "decode"
    assert letter.error_type == "ValueError"
    assert _EVENT.text is not None
    assert _EVENT.text not in letter.error  # an unexpected error's message is withheld
    assert letter.error == "unexpected ValueError (message withheld: it may quote content)"
    assert letter.source == _SOURCE
    assert letter.raw == encode_event(_EVENT)
    assert letter.event_id == "e-1"
    assert letter.at == _NOW
    assert _dead_letters("decode", "ValueError") == before + 1


def test_the_raw_bytes_win_and_no_event_gives_none() -> None:
    tracker = FailureTracker()
    given = tracker.letter(
        "decode", ValueError("x"), source=_SOURCE, event=_EVENT, now=_NOW, raw=b"{"
    )
    assert given.raw == b"{"
    assert given.event_id == "e-1"
    bare = tracker.letter("decode", ValueError("x"), source=_SOURCE, event=None, now=_NOW)
    assert (bare.raw, bare.event_id) == (b"", None)


def test_a_tipline_error_is_a_letter_that_never_counts_towards_the_breaker() -> None:
    tracker = FailureTracker(limit=2)
    for _ in range(5):  # bad data, not a bug: never trips
        letter = tracker.letter(
            "decode", EventDecodeError("bad json"), source=_SOURCE, event=None, now=_NOW
        )
        assert (letter.error_type, letter.error) == ("EventDecodeError", "bad json")
    assert tracker._streak.get("decode", 0) == 0


def test_a_systemic_error_is_raised_as_itself_and_not_counted() -> None:
    tracker = FailureTracker(limit=2)
    disk_full = OSError(28, "No space left on device")
    with pytest.raises(OSError) as raised:
        tracker.letter("package-evidence", disk_full, source=_SOURCE, event=None, now=_NOW)
    assert raised.value is disk_full
    assert tracker._streak.get("package-evidence", 0) == 0


def test_the_breaker_names_the_step_and_chains_the_last_error() -> None:
    tracker = FailureTracker(limit=2)
    _letter(tracker, "score-session")
    last = KeyError("k")
    with pytest.raises(SystemicFailure) as raised:
        tracker.letter("score-session", last, source=_SOURCE, event=None, now=_NOW)
    assert str(raised.value) == (
        "step score-session failed 2 events in a row with unexpected KeyError; "
        "stopping (a bug, not bad data)"
    )
    assert raised.value.__cause__ is last


def test_a_success_starts_the_count_again() -> None:
    tracker = FailureTracker(limit=3)
    _letter(tracker, "decode")
    _letter(tracker, "decode")
    tracker.ok("decode")
    assert tracker._streak["decode"] == 0
    _letter(tracker, "decode")
    _letter(tracker, "decode")  # two after the success: under the limit
    assert tracker._streak["decode"] == 2
    tracker.ok("never-failed")  # a stage with no streak is not recorded
    assert "never-failed" not in tracker._streak


def test_a_follow_up_letter_has_its_own_source() -> None:
    source = follow_up_source("pkg-1", "e-9")
    assert source == SourcePosition(kind="file", file="follow-up/pkg-1/e-9")


def test_the_tipline_cause_is_found_along_causes_and_contexts() -> None:
    cause = LakeWriteError("disk full")
    assert tipline_cause(cause) is cause
    outer = RuntimeError("engine")
    outer.__cause__ = cause
    assert tipline_cause(outer) is cause
    implicit = RuntimeError("engine")
    implicit.__context__ = cause  # raised while handling it, not "from" it
    assert tipline_cause(implicit) is cause
    assert tipline_cause(RuntimeError("no tipline error")) is None
    # a cycle ends after a bounded walk instead of looping
    a, b = RuntimeError("a"), RuntimeError("b")
    a.__context__, b.__context__ = b, a
    assert tipline_cause(a) is None


def _chain(depth: int) -> BaseException:
    """A TiplineError as the ``depth``-th exception of a chain of causes (1 = itself)."""
    seen: BaseException = LakeWriteError("deep")
    for n in range(depth - 1):
        outer = RuntimeError(f"wrapper {n}")
        outer.__cause__ = seen
        seen = outer
    return seen


def test_the_tipline_cause_is_looked_for_twenty_exceptions_deep() -> None:
    assert isinstance(tipline_cause(_chain(20)), LakeWriteError)
    assert tipline_cause(_chain(21)) is None


def test_a_stop_by_signal_is_told_from_a_failure() -> None:
    assert stopped_by_signal(KeyboardInterrupt())
    assert stopped_by_signal(RuntimeError("worker: signal received"))
    wrapped = RuntimeError("engine")
    wrapped.__context__ = KeyboardInterrupt()
    assert stopped_by_signal(wrapped)
    chained = RuntimeError("engine")
    chained.__cause__ = RuntimeError("signal received")
    assert stopped_by_signal(chained)
    assert not stopped_by_signal(RuntimeError("step failed"))
