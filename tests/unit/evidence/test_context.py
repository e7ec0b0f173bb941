from __future__ import annotations

import os
import pickle
from datetime import timedelta

import pytest
from evidence_helpers import T0, inline, make_event, noise_bytes

from tipline.operators.evidence.context import ContextBuffer, ContextKeys
from tipline.schemas.errors import EvidenceError
from tipline.schemas.evidence import ContextConfig

TEXT = "see you at practice tomorrow"


def test_snapshot_holds_only_ciphertext() -> None:
    keys = ContextKeys(os.urandom(32))
    sealer = keys.for_session("dm:u-1:u-2")
    buf = ContextBuffer(ContextConfig())
    buf.append(make_event(1, text=TEXT), sealer)
    buf.append(make_event(2, text="bring the blue folder"), sealer)
    snapshot = pickle.dumps(buf)
    assert TEXT.encode() not in snapshot
    assert b"blue folder" not in snapshot
    assert b"203.0.113.9" not in snapshot
    restored = pickle.loads(snapshot)
    assert [m.text for m in restored.messages(sealer)] == [TEXT, "bring the blue folder"]


def test_other_session_key_cannot_open() -> None:
    keys = ContextKeys(os.urandom(32))
    buf = ContextBuffer(ContextConfig())
    buf.append(make_event(1), keys.for_session("dm:u-1:u-2"))
    with pytest.raises(EvidenceError, match="does not open"):
        buf.messages(keys.for_session("dm:u-9:u-8"))


def test_bounded_by_count_window_and_bytes() -> None:
    sealer = ContextKeys(os.urandom(32)).for_session("s")
    buf = ContextBuffer(ContextConfig(preceding_messages=3, preceding_window_s=600))
    for n in range(6):
        buf.append(make_event(n), sealer)
    assert [e.event_id for e in buf.entries] == ["evt-0003", "evt-0004", "evt-0005"]
    buf.append(make_event(99, at=T0 + timedelta(hours=5)), sealer)
    assert [e.event_id for e in buf.entries] == ["evt-0099"]
    small = ContextBuffer(ContextConfig(max_buffer_bytes=2000))
    for n in range(10):
        small.append(make_event(n), sealer)
    assert sum(len(e.sealed) for e in small.entries) <= 2000


def test_inline_bytes_are_not_buffered() -> None:
    sealer = ContextKeys(os.urandom(32)).for_session("s")
    buf = ContextBuffer(ContextConfig())
    buf.append(make_event(1, attachments=[inline("a1", noise_bytes(50_000))]), sealer)
    assert len(buf.entries[0].sealed) < 5_000
    (msg,) = buf.messages(sealer)
    assert msg.attachments[0].attachment_id == "a1"
    assert msg.attachments[0].data_b64 == b""


def test_messages_before_a_trigger_exclude_it_and_later_ones() -> None:
    sealer = ContextKeys(os.urandom(32)).for_session("s")
    buf = ContextBuffer(ContextConfig())
    events = [make_event(n) for n in range(5)]
    for e in events:
        buf.append(e, sealer)
    got = buf.messages(sealer, before=events[2])
    assert [m.event_id for m in got] == ["evt-0000", "evt-0001"]


def test_following_messages_join_open_packages_until_allowance_used() -> None:
    buf = ContextBuffer(ContextConfig(following_messages=2))
    trigger = make_event(1)
    buf.note_package("pkg-1", trigger)
    assert buf.followers(trigger) == []
    assert buf.followers(make_event(2)) == ["pkg-1"]
    assert buf.followers(make_event(3)) == ["pkg-1"]
    assert buf.followers(make_event(4)) == []
