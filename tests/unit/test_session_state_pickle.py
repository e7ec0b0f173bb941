"""A session's snapshot pickles its small fields packed; every form resumes exactly."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tipline.services.session_state import SessionSnapshot, restore_snapshot

_AT = datetime(2026, 12, 5, 12, 0, 0, 123456, tzinfo=UTC)


def _round_trip(snap: SessionSnapshot) -> SessionSnapshot:
    back = pickle.loads(pickle.dumps(snap, protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(back, SessionSnapshot)
    return back


def test_the_small_fields_round_trip_in_order() -> None:
    seen = dict.fromkeys(["e3", "e1", "e2", "é-\u0000-🙂"])
    snap = SessionSnapshot(
        last_seen=_AT, session_id="s-1", pending_since=_AT + timedelta(seconds=5), seen=seen
    )
    back = _round_trip(snap)
    assert back == snap
    assert list(back.seen) == list(seen)  # oldest first: eviction order survives
    func, args = snap.__reduce__()
    assert func is restore_snapshot
    assert isinstance(args[2], bytes)


def test_an_empty_snapshot_round_trips() -> None:
    assert _round_trip(SessionSnapshot()) == SessionSnapshot()


def test_times_keep_their_instant_in_any_offset() -> None:
    east = _AT.astimezone(timezone(timedelta(hours=5, minutes=30)))
    back = _round_trip(SessionSnapshot(last_seen=east))
    assert back.last_seen == east
    assert back.last_seen is not None and back.last_seen.utcoffset() is not None


def test_a_naive_time_keeps_the_plain_form() -> None:
    naive = datetime(2026, 12, 5, 12, 0)  # never from the job's clock; still kept
    snap = SessionSnapshot(last_seen=naive, session_id="s-2", seen={"e1": None})
    assert snap.__reduce__()[0] is not restore_snapshot
    assert _round_trip(snap) == snap


@pytest.mark.parametrize("small", [b"", b"\xc1", b"\x95\x02\xc0\xc0\xc0\x90", b"\x91\x01"])
def test_damaged_or_unknown_fields_are_refused(small: bytes) -> None:
    with pytest.raises(ValueError, match="session fields"):
        restore_snapshot(None, None, small, {})
