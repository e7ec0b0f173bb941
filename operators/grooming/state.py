"""The per-session state the scorer keeps, and its bounded, order-free updates.

Bytewax snapshots one :class:`SessionState` per ``session_id``. It holds no
message text: only keys (event time in seconds plus a 32-bit hash of the
event id), signal hits (category index, sender id, target id, event id),
per-participant ages and counters.

Invariants:
    * Size is bounded: ``index`` ≤ ``max_messages`` keys, ``hits`` ≤ ``max_hits``,
      ``people`` ≤ ``max_participants`` entries.
    * Every update is a "keep the newest N by key" or a max/min merge, so the
      final content is independent of arrival order for events accepted within
      the allowed lateness (the property tests check this).
    * ``index`` and ``hits`` are sorted by key; eviction drops from the front.
"""

from __future__ import annotations

import bisect
import hashlib
import sys
from array import array
from dataclasses import MISSING, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any, Final

import msgspec

from tipline.schemas.grooming import Level

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# (key, category index, sender id, target id or "*" for a group, event id)
Hit = tuple[int, int, str, str, str]
# (key of the newest declaration, declared age, lowest disclosed, highest disclosed)
Person = tuple[int, int | None, int | None, int | None]
# A recent message for the recogniser's context: (key, sender, target, event id,
# own-message logits quantised to int8 bytes, pattern categories, final categories)
Recent = tuple[int, str, str, str, bytes, tuple[int, ...], tuple[int, ...]]


_MAX_SECONDS: Final = (1 << 32) - 1
_BLAKE2B_4: Final = hashlib.blake2b(digest_size=4)


def event_key(sent_at: datetime, event_id: str) -> int:
    """Return the sort key of an event: seconds since the epoch, then an id hash.

    Args:
        sent_at: the event time (timezone-aware).
        event_id: the event id (hashed with BLAKE2b, stable across processes).

    Returns:
        ``seconds << 32 | hash32``; fits an unsigned 64-bit integer. Seconds
        are clamped to ``[0, 2**32 - 1]`` (1970 to 2106): an absurd ``sent_at``
        such as year 9999 must not overflow the index and make the message
        escape its decision (issue #13).

    """
    seconds = (sent_at - EPOCH) // _ONE_SECOND
    # a copy of an empty hasher: the digest of blake2b(data, digest_size=4), sooner
    h = _BLAKE2B_4.copy()
    h.update(event_id.encode())
    digest = h.digest()
    return (min(max(seconds, 0), _MAX_SECONDS) << 32) | int.from_bytes(digest, "big")


def key_seconds(key: int) -> int:
    """Return the event-time seconds part of a key."""
    return key >> 32


@dataclass(slots=True)
class SessionState:
    """What Bytewax snapshots for one session: small, bounded, text-free."""

    watermark: int = 0
    messages_seen: int = 0
    late_events: int = 0
    level: Level = "none"
    score: float = 0.0
    index: array[int] = field(default_factory=lambda: array("Q"))
    hits: list[Hit] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    # the newest few messages (by key) with their own-message logits: no text
    recent: list[Recent] = field(default_factory=list)
    # per participant: (sum of quantised "sender is an adult" logits, messages)
    speaker: dict[str, tuple[int, int]] = field(default_factory=dict)
    # messages that showed family/caregiver context (never decays)
    family: int = 0
    # the same, per sender (at most max_participants entries)
    family_by: dict[str, int] = field(default_factory=dict)

    def __setstate__(self, state: tuple[None, dict[str, Any]]) -> None:
        """Restore a pickled state; fields added since it was taken get their defaults.

        A slots class pickles as ``(None, {slot: value})``; a snapshot taken
        before a field existed lacks that slot.
        """
        _, slots = state
        for f in fields(self):
            if f.name in slots:
                value = slots[f.name]
            else:
                value = f.default_factory() if f.default_factory is not MISSING else f.default
            object.__setattr__(self, f.name, value)

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        """Pickle as one msgpack ``bytes`` (see :func:`pack_state`), not a dict of objects."""
        return unpack_state, (pack_state(self),)

    def __copy__(self) -> SessionState:
        """Return a shallow copy (``copy.copy`` must not go through the packed pickle form)."""
        fresh = SessionState.__new__(SessionState)
        for name in _PACKED_FIELDS:
            object.__setattr__(fresh, name, getattr(self, name))
        return fresh


# The packed snapshot form: msgpack of [version, *fields], the index as its
# little-endian bytes. Bytewax pickles every touched session's state at each
# epoch's end; one msgpack call instead of pickle walking ~100 small tuples,
# strings and dicts per session costs about a third of the CPU
# (docs/benchmarks.md "Many sessions at once"). Decoding is untyped, so a
# value of an unexpected type comes back as it was written rather than failing
# the resume; the containers are rebuilt as the tuples the scorer keeps.
# A new field needs a new version (older packs restore it with its default).
_PACKED_V1: Final = 1
_PACKED_FIELDS: Final = (
    "watermark", "messages_seen", "late_events", "level", "score", "index", "hits",
    "people", "recent", "speaker", "family", "family_by",
)  # fmt: skip
_PACKER: Final = msgspec.msgpack.Encoder()
_LITTLE: Final = sys.byteorder == "little"


def _index_bytes(index: array[int]) -> bytes:
    if _LITTLE:
        return index.tobytes()
    swapped = array("Q", index)
    swapped.byteswap()
    return swapped.tobytes()


def pack_state(state: SessionState) -> bytes:
    """Return ``state`` as one msgpack ``bytes`` (what its pickle holds)."""
    return _PACKER.encode(
        (
            _PACKED_V1,
            state.watermark,
            state.messages_seen,
            state.late_events,
            state.level,
            state.score,
            _index_bytes(state.index),
            state.hits,
            state.people,
            state.recent,
            state.speaker,
            state.family,
            state.family_by,
        )
    )


def unpack_state(packed: bytes) -> SessionState:
    """Rebuild a state from :func:`pack_state`'s bytes.

    Raises:
        ValueError: the bytes are not a packed state of a known version.

    """
    try:
        values = msgspec.msgpack.decode(packed)
    except msgspec.DecodeError as exc:
        msg = "a snapshot's scorer state does not unpack"
        raise ValueError(msg) from exc
    if not isinstance(values, list) or not values or values[0] != _PACKED_V1:
        msg = "a snapshot's scorer state has an unknown packed form"
        raise ValueError(msg)
    if len(values) != len(_PACKED_FIELDS) + 1:
        msg = "a snapshot's scorer state has the wrong number of fields"
        raise ValueError(msg)
    row = dict(zip(_PACKED_FIELDS, values[1:], strict=True))
    index = array("Q")
    index.frombytes(row["index"])
    if not _LITTLE:
        index.byteswap()
    row["index"] = index
    row["hits"] = [tuple(h) for h in row["hits"]]
    row["people"] = {k: tuple(v) for k, v in row["people"].items()}
    row["recent"] = [(*r[:5], tuple(r[5]), tuple(r[6])) for r in row["recent"]]
    row["speaker"] = {k: tuple(v) for k, v in row["speaker"].items()}
    state = SessionState.__new__(SessionState)
    for name, value in row.items():
        object.__setattr__(state, name, value)
    return state


def admit(state: SessionState, key: int, max_messages: int) -> bool:
    """Insert a message key into the count window, keeping the newest keys.

    Args:
        state: the session state (mutated).
        key: the message's :func:`event_key`.
        max_messages: the count window.

    Returns:
        False when the key is already present (a duplicate) or falls before the
        count window (older than the newest ``max_messages`` messages).

    """
    index = state.index
    pos = bisect.bisect_left(index, key)
    if pos < len(index) and index[pos] == key:
        return False
    if len(index) >= max_messages and pos == 0:
        return False
    index.insert(pos, key)
    if len(index) > max_messages:
        del index[0]
    return True


def add_hits(state: SessionState, hits: list[Hit], max_hits: int) -> None:
    """Add signal hits in key order and keep the newest ``max_hits``."""
    for hit in hits:
        bisect.insort(state.hits, hit)
    overflow = len(state.hits) - max_hits
    if overflow > 0:
        del state.hits[:overflow]


def hit_age(state: SessionState, key: int, message_s: int) -> int:
    """Return how old a message key is at the watermark, in seconds of conversation.

    Calendar seconds, or, when ``message_s`` > 0, at most ``message_s`` for each
    message of the count window that came after it, whichever is smaller: a
    slow conversation that pauses for weeks does not age its evidence faster
    than a fast one that exchanged the same messages. A pure function of the
    index and the watermark, so it does not depend on arrival order.
    """
    age = state.watermark - (key >> 32)
    if age <= 0:
        return 0
    if message_s:
        index = state.index
        by_messages = (len(index) - bisect.bisect_right(index, key)) * message_s
        return by_messages if by_messages < age else age
    return age


def evict(state: SessionState, window_s: int, message_s: int = 0) -> None:
    """Drop hits before the count window or older than the time window (:func:`hit_age`).

    Both tests only grow with a hit's age, so the hits to drop are a prefix.
    """
    hits = state.hits
    drop = 0
    if message_s:
        first = state.index[0] if state.index else 0
        while drop < len(hits) and (
            hits[drop][0] < first or hit_age(state, hits[drop][0], message_s) > window_s
        ):
            drop += 1
    else:  # calendar time: one cutoff key
        cutoff = (state.watermark - window_s) << 32
        if state.index:
            cutoff = max(cutoff, state.index[0])
        while drop < len(hits) and hits[drop][0] < cutoff:
            drop += 1
    if drop:
        del hits[:drop]


def merge_person(
    state: SessionState,
    user_id: str,
    key: int,
    *,
    declared: int | None,
    disclosed: tuple[int, int] | None,
    max_people: int,
) -> None:
    """Merge what one event says about a participant's age.

    The declared age of the newest event (by key) wins; disclosed ranges widen
    a min/max. New participants beyond ``max_people`` are not tracked.
    """
    old = state.people.get(user_id)
    if old is None:
        if len(state.people) >= max_people:
            return
        old = (-1, None, None, None)
    old_key, old_declared, lo, hi = old
    if declared is not None and key > old_key:
        old_key, old_declared = key, declared
    if disclosed is not None:
        lo = disclosed[0] if lo is None else min(lo, disclosed[0])
        hi = disclosed[1] if hi is None else max(hi, disclosed[1])
    state.people[user_id] = (old_key, old_declared, lo, hi)


def add_speaker_evidence(
    state: SessionState, user_id: str, quantised: int, max_people: int
) -> None:
    """Add one message's quantised adult logit to its sender's sum (integers: order-free)."""
    old = state.speaker.get(user_id)
    if old is None and len(state.speaker) >= max_people:
        return
    total, count = old or (0, 0)
    state.speaker[user_id] = (total + quantised, count + 1)


def add_family(state: SessionState, user_id: str, max_people: int) -> None:
    """Count one message with family/caregiver context, in total and for its sender."""
    state.family = min(state.family + 1, 1 << 16)
    old = state.family_by.get(user_id)
    if old is None and len(state.family_by) >= max_people:
        return
    state.family_by[user_id] = min((old or 0) + 1, 1 << 16)


_ONE_SECOND = datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC) - EPOCH
