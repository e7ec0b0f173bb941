"""verify_chain, one defect at a time, with the exact problem each must produce.

Mutation survivors (issue #19): the problem texts, the head recorded for an
undecodable event, the checkpoint at ``seq == len(heads)`` and the
unsigned-tail count after a bad checkpoint were never checked exactly.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta, timezone

import msgspec
import pytest

from tipline.operators.evidence.canonical import canonical_bytes, sha256_hex
from tipline.operators.evidence.custody import (
    GENESIS,
    _checkpoint_message,
    chain_event,
    checkpoint_key,
    event_key,
    make_checkpoint,
    verify_chain,
)
from tipline.operators.evidence.keys import Keyring, SigningKey
from tipline.schemas.evidence import CustodyCheckpoint, CustodyEvent

PID = "pkg-1"
T = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SIGNER = SigningKey(os.urandom(32))
RING = Keyring([SIGNER.public_raw])


def _chain(n: int) -> tuple[list[CustodyEvent], list[bytes]]:
    events: list[CustodyEvent] = []
    raws: list[bytes] = []
    for i in range(n):
        blank = CustodyEvent(
            package_id=PID, seq=0, prev_sha256="", at=T + timedelta(minutes=i),
            action="viewed", operator="op-1", retain_until=T + timedelta(days=90),
        )  # fmt: skip
        linked, raw = chain_event(blank, prev=events[-1] if events else None)
        events.append(linked)
        raws.append(raw)
    return events, raws


def _checkpoint(events: list[CustodyEvent], raws: list[bytes], seq: int) -> bytes:
    return make_checkpoint(SIGNER, raws[seq], events[seq])


def test_an_intact_chain_signed_at_its_head_has_no_problem_and_no_unsigned_tail() -> None:
    events, raws = _chain(3)
    report = verify_chain(PID, raws, [_checkpoint(events, raws, 2)], RING)
    assert report.problems == []
    assert (report.checkpoints, report.unsigned_tail) == (1, 0)
    assert [e.seq for e in report.events] == [0, 1, 2]
    assert report.events[0].prev_sha256 == GENESIS


def test_an_undecodable_event_is_named_and_still_hashed_for_the_next_link() -> None:
    events, raws = _chain(4)
    garbage = b"not json"
    # event 3 links to the SHA-256 of the garbage that replaced event 2
    relinked = msgspec.structs.replace(events[3], prev_sha256=sha256_hex(garbage))
    raws = [raws[0], raws[1], garbage, canonical_bytes(relinked)]
    events = [*events[:3], relinked]
    report = verify_chain(PID, raws, [_checkpoint(events, raws, 3)], RING)
    assert len(report.problems) == 1
    assert report.problems[0].startswith(f"{event_key(PID, 2)}: not a custody event (")
    assert [e.seq for e in report.events] == [0, 1, 3]  # the chain goes on after it
    assert report.unsigned_tail == 0


def test_a_wrong_seq_or_package_is_named_with_what_was_expected() -> None:
    events, raws = _chain(2)
    for wrong in (
        msgspec.structs.replace(events[1], seq=5),
        msgspec.structs.replace(events[1], package_id="pkg-other"),
    ):
        report = verify_chain(PID, [raws[0], canonical_bytes(wrong)], [], RING)
        assert report.problems[0] == (
            f"{event_key(PID, 1)}: says package {wrong.package_id!r} seq {wrong.seq} "
            f"(expected {PID!r} seq 1)"
        )


def test_a_broken_link_names_both_hashes() -> None:
    events, raws = _chain(3)
    bad = "ab" * 32
    raws[2] = canonical_bytes(msgspec.structs.replace(events[2], prev_sha256=bad))
    report = verify_chain(PID, raws, [], RING)
    assert report.problems[0] == (
        f"{event_key(PID, 2)}: prev_sha256 {bad[:16]}… differs from the SHA-256 "
        f"of event 1 ({sha256_hex(raws[1])[:16]}…)"
    )


def test_a_checkpoint_past_the_chain_end_is_refused_at_exactly_its_length() -> None:
    events, raws = _chain(3)
    good = _checkpoint(events, raws, 1)
    cp = msgspec.json.decode(good, type=CustodyCheckpoint)
    for seq in (3, 4):  # len(heads) == 3: seq 3 is one past the last event
        beyond = canonical_bytes(msgspec.structs.replace(cp, seq=seq))
        report = verify_chain(PID, raws, [good, beyond], RING)
        assert report.problems[-1] == (
            f"{checkpoint_key(PID, seq)}: signs event {seq} but the chain has 3"
        )
        assert report.unsigned_tail == 1  # only event 1 is signed: the bad one counts -1
        assert report.checkpoints == 2
    alone = canonical_bytes(msgspec.structs.replace(cp, seq=3))
    assert verify_chain(PID, raws, [alone], RING).unsigned_tail == 3


def test_an_unreadable_checkpoint_is_named_and_signs_nothing() -> None:
    events, raws = _chain(2)
    report = verify_chain(PID, raws, [b"{broken"], RING)
    assert len(report.problems) == 1
    assert report.problems[0].startswith(f"package {PID!r}: checkpoint unreadable (")
    assert (report.checkpoints, report.unsigned_tail) == (1, 2)
    signed = verify_chain(PID, raws, [_checkpoint(events, raws, 0), b"{broken"], RING)
    assert signed.unsigned_tail == 1


def test_no_checkpoint_leaves_the_whole_chain_unsigned_and_an_empty_log_is_named() -> None:
    _, raws = _chain(2)
    report = verify_chain(PID, raws, [], RING)
    assert report.problems == [f"package {PID!r}: no signed checkpoint"]
    assert (report.checkpoints, report.unsigned_tail) == (0, 2)
    empty = verify_chain(PID, [], [], RING)
    assert empty.problems == [f"package {PID!r}: custody log is empty"]
    assert empty.events == []


def test_a_signed_head_that_differs_names_both_hashes() -> None:
    events, raws = _chain(2)
    cp = msgspec.json.decode(_checkpoint(events, raws, 1), type=CustodyCheckpoint)
    other = "cd" * 32
    forged = canonical_bytes(msgspec.structs.replace(cp, head_sha256=other))
    report = verify_chain(PID, raws, [forged], RING)
    assert report.problems[0] == (
        f"{checkpoint_key(PID, 1)}: signed head {other[:16]}… differs from the recomputed "
        f"SHA-256 of event 1 ({sha256_hex(raws[1])[:16]}…)"
    )
    assert len(report.problems) == 2  # and the signature no longer covers the head


def test_the_signed_checkpoint_message_is_the_documented_bytes() -> None:
    """Checkpoints already in vaults were signed over exactly these bytes."""
    head = "ab" * 32
    assert _checkpoint_message(PID, 1, head, T) == (
        b"tipline.custody_checkpoint/1\n"
        b'{"at":"2026-12-01T12:00:00Z","head_sha256":"' + head.encode() + b'",'
        b'"package_id":"pkg-1","seq":1}'
    )


def test_events_and_checkpoints_are_stamped_in_utc_whatever_the_local_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "Asia/Kolkata")  # a local zone that is not UTC
    time.tzset()
    try:
        at = datetime(2026, 12, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))
        blank = CustodyEvent(
            package_id=PID, seq=0, prev_sha256="", at=at, action="viewed",
            operator="op-1", retain_until=T + timedelta(days=90),
        )  # fmt: skip
        linked, raw = chain_event(blank, prev=None)
        checkpoint = msgspec.json.decode(
            make_checkpoint(SIGNER, raw, linked), type=CustodyCheckpoint
        )
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert linked.at == at
    assert linked.at.utcoffset() == timedelta(0)
    assert b'"at":"2026-12-01T12:00:00Z"' in raw
    assert checkpoint.at == at
    assert checkpoint.at.utcoffset() == timedelta(0)
