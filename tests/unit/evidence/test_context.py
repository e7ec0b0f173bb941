from __future__ import annotations

import os
import pickle
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from evidence_helpers import T0, inline, make_event, noise_bytes

from tipline.operators.evidence.context import (
    ContextBuffer,
    ContextKeys,
    OpenPackage,
    SealedMessage,
    expand_event,
    restore_buffer,
    shorten_event,
    unpack_entries,
)
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
    one = len(sealer.seal(make_event(0)))
    bound = 3 * one + one // 2
    small = ContextBuffer(ContextConfig(max_buffer_bytes=bound))
    for n in range(10):
        small.append(make_event(n), sealer)
    kept = sum(len(e.sealed) for e in small.entries)
    assert kept <= bound < kept + one  # the newest that fit; one more would not
    assert small.entries[-1].event_id == "evt-0009"


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


# ------------------------------------------- snapshot form: one bytes object
# A buffer pickles as its entries joined into one bytes object (not one pickled
# object per message), so Bytewax's snapshot of a busy session is a copy; it
# must give back exactly what was buffered, whatever the sender claimed as time.

HOSTILE_TIMES = [
    T0,
    datetime(2026, 7, 1, 12, 30, 0, 123456, tzinfo=ZoneInfo("Europe/London")),
    datetime(2026, 11, 27, 9, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5))),
    datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=14))),
    datetime(1, 1, 1, tzinfo=UTC),
]


def _restored(buf: ContextBuffer) -> ContextBuffer:
    out = pickle.loads(pickle.dumps(buf, protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(out, ContextBuffer)
    return out


def test_a_snapshot_gives_back_every_entry_exactly() -> None:
    sealer = ContextKeys(os.urandom(32)).for_session("dm:u-1:u-2")
    buf = ContextBuffer(ContextConfig(preceding_messages=50, preceding_window_s=1e12))
    buf.entries = [
        SealedMessage(f"évt-{i}-🙂", at, sealer.seal(make_event(i, at=at)))
        for i, at in enumerate(HOSTILE_TIMES)
    ]
    buf.open_packages = [OpenPackage("pkg-1", "évt-0-🙂", T0 + timedelta(days=1), 3, T0)]
    got = _restored(buf)
    assert got.cfg == buf.cfg
    assert got.open_packages == buf.open_packages
    assert got.entries == buf.entries
    for new, old in zip(got.entries, buf.entries, strict=True):
        assert (new.event_id, new.sent_at, new.sealed, new.size) == (
            old.event_id,
            old.sent_at,
            old.sealed,
            old.size,
        )
        assert new.sent_at.utcoffset() == old.sent_at.utcoffset()
        assert new.sent_at.replace(tzinfo=None) == old.sent_at.replace(tzinfo=None)
    # each still opens under its (restored) id and time
    for i, entry in enumerate(got.entries):
        assert sealer.open(make_event(i).event_id, entry.sealed).sent_at == HOSTILE_TIMES[i]


def test_restored_messages_open_and_a_restored_buffer_keeps_working() -> None:
    sealer = ContextKeys(os.urandom(32)).for_session("dm:u-1:u-2")
    buf = ContextBuffer(ContextConfig(preceding_messages=3))
    for n in range(4):
        buf.append(make_event(n, text=f"line {n}"), sealer)
    got = _restored(buf)
    assert [m.text for m in got.messages(sealer)] == ["line 1", "line 2", "line 3"]
    got.append(make_event(4, text="line 4"), sealer)
    assert [e.event_id for e in got.entries] == ["evt-0002", "evt-0003", "evt-0004"]
    assert _restored(ContextBuffer(ContextConfig())).entries == []


def test_a_snapshot_holds_the_entries_as_one_bytes_object() -> None:
    sealer = ContextKeys(os.urandom(32)).for_session("s")
    buf = ContextBuffer(ContextConfig())
    for n in range(50):
        buf.append(make_event(n), sealer)
    snapshot = pickle.dumps(buf, protocol=pickle.HIGHEST_PROTOCOL)
    assert b"SealedMessage" not in snapshot  # no object per message
    assert b"datetime" not in snapshot
    sealed = sum(e.size for e in buf.entries)
    assert sealed < len(snapshot) < sealed + 50 * 64 + 1024


def test_a_damaged_snapshot_form_is_an_evidence_error() -> None:
    sealer = ContextKeys(os.urandom(32)).for_session("s")
    buf = ContextBuffer(ContextConfig())
    buf.append(make_event(1), sealer)
    packed = buf.entries[0].packed
    with pytest.raises(EvidenceError, match="does not unpack"):
        restore_buffer(buf.cfg, packed[:-1], [])
    with pytest.raises(EvidenceError, match="does not unpack"):
        restore_buffer(buf.cfg, packed[:5], [])
    with pytest.raises(EvidenceError, match="does not unpack"):
        restore_buffer(buf.cfg, packed[:24] + b"\xff\xfe" + packed[26:], [])
    assert len(unpack_entries(packed + packed)) == 2


def test_a_waiting_follower_pickles_alone() -> None:
    at = HOSTILE_TIMES[3]
    msg = SealedMessage("e-1", at, b"\x00" * 40)
    got = pickle.loads(pickle.dumps(msg))
    assert got == msg and got.sealed == b"\x00" * 40 and got.size == 40
    assert got.sent_at.utcoffset() == at.utcoffset()
    assert "\\x00" not in repr(msg)


def test_buffered_messages_are_shortened_before_sealing_and_open_the_same() -> None:
    from tipline.operators.evidence.package import strip_inline
    from tipline.schemas.event import encode_event

    sealer = ContextKeys(os.urandom(32)).for_session("s")
    event = make_event(1, text=TEXT)
    plain = encode_event(strip_inline(event))
    sealed = sealer.seal(event)
    assert len(sealed) * 2 < len(plain)  # mostly the contract's keys: at least 2x smaller
    buf = ContextBuffer(ContextConfig())
    buf.append(event, sealer)
    assert buf.messages(sealer) == [strip_inline(event)]


def test_a_message_sealed_as_plain_json_still_opens() -> None:
    from tipline.operators.evidence.package import strip_inline
    from tipline.schemas.event import encode_event

    sealer = ContextKeys(os.urandom(32)).for_session("s")
    event = strip_inline(make_event(1, text=TEXT))
    before = sealer.seal_bytes(event.event_id, encode_event(event))  # how it was sealed until now
    entry = SealedMessage(event.event_id, event.sent_at, before)
    buf = restore_buffer(ContextConfig(), entry.packed, [])
    assert buf.messages(sealer) == [event]


HOSTILE_TEXTS = [
    "",
    'quote " backslash \\ slash /',
    "control \x00\x01\x02\x1f tab\t newline\n return\r",
    '","text":"',  # a run of keys, inside the text
    '{"schema":"tipline.message/1","event_id":"',
    'null,null ],"platform":"',
    "emoji 😀 and ünïcödé and \u2028",
    "\x01\x02\x03" * 50,
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_shortening_is_exact_for_any_text(text: str) -> None:
    from tipline.schemas.event import encode_event

    event = make_event(3, text=text)
    plain = encode_event(event)
    short = shorten_event(plain)
    assert expand_event(short) == plain
    sealer = ContextKeys(os.urandom(32)).for_session("s")
    buf = ContextBuffer(ContextConfig())
    buf.append(event, sealer)
    assert [m.text for m in buf.messages(sealer)] == [text]


def test_json_holding_a_raw_control_byte_is_kept_whole() -> None:
    odd = b'{"text":"\x01\x0b"}'  # not msgspec's output: its bytes would read as runs
    assert shorten_event(odd) == b"\x00" + odd
    assert expand_event(shorten_event(odd)) == odd


# shorten_event of this JSON with the shipped runs: snapshots hold such bytes,
# so the runs must never change or be reordered (a new one may only be appended).
_PINNED_JSON = (
    b'{"schema":"tipline.message/1","event_id":"e-1","sent_at":"2026-01-01T00:00:00Z",'
    b'"session_id":"s-1","sender":{"user_id":"u-1","screen_name":"a","display_name":null,'
    b'"email":null,"phone":null,"created_at":null,"declared_age":30,"age_verified":null,'
    b'"country":"US","prior_actions":[]},"recipients":[{"user_id":"u-2","screen_name":"b",'
    b'"display_name":null,"email":null,"phone":null,"created_at":null,"declared_age":14,'
    b'"age_verified":null,"country":"US","prior_actions":[]},{"user_id":"u-3",'
    b'"screen_name":"c","display_name":null,"email":null,"phone":null,"created_at":null,'
    b'"declared_age":null,"age_verified":null,"country":"US","prior_actions":[]}],'
    b'"platform":"p","text":"hi","attachments":[],"client":null}'
)
_PINNED = (
    b"\x01e-1\x022026-01-01T00:00:00Z\x03s-1\x04u-1\x07a\x0830\tUS\n\x05u-2\x07b\x0814"
    b"\tUS\n\x06u-3\x07c\x08null\tUS\n\x0bp\x0chi\r"
)


def test_the_shortened_format_is_pinned() -> None:
    assert shorten_event(_PINNED_JSON) == _PINNED
    assert expand_event(_PINNED) == _PINNED_JSON
