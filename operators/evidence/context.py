"""Session context buffer: the bracketing messages, sealed while in flow state.

Why sealed: the flow must remember the messages that precede a flagged one
(they go into its evidence package as context), and it keeps that memory in
Bytewax state, which recovery snapshots to disk. Holding plain messages there
would put message text at rest outside the vault (invariant 4). So every
buffered message is an AES-256-GCM ciphertext under a per-session key derived
with HKDF from a context root key (itself derived from the master key), and a
snapshot contains only ciphertext, event ids and timestamps. The associated
data binds each ciphertext to its session and event id.

Bounded: at most ``preceding_messages`` entries, none older than
``preceding_window_s`` before the newest, at most ``max_buffer_bytes`` of
ciphertext; inline attachment bytes are dropped before sealing (the package
of a context message's own attachments comes from its own decision). After a
package is created the buffer remembers it for ``following_messages`` /
``following_window_s`` so the flow can add following messages as supplements.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tipline.operators.evidence.keys import NONCE_BYTES, hkdf, random_nonce
from tipline.operators.evidence.package import strip_inline
from tipline.schemas.errors import EvidenceError
from tipline.schemas.event import MessageEvent, decode_event, encode_event
from tipline.schemas.evidence import ContextConfig

_INFO: Final = b"tipline.context-session/1"
_LATEST: Final = datetime.max.replace(tzinfo=UTC)
_EARLIEST: Final = datetime.min.replace(tzinfo=UTC)


def shifted(at: datetime, seconds: float) -> datetime:
    """Return ``at + seconds``, saturating at the ends of ``datetime``.

    Event times are the sender's claim: a ``sent_at`` in year 9999 or 0001
    must not overflow the buffer's windows and stop the job (issue #13).
    """
    try:
        return at + timedelta(seconds=seconds)
    except OverflowError:
        return _LATEST if seconds > 0 else _EARLIEST


# A buffered message is sealed as its event's JSON with the contract's recurring
# runs of keys replaced by one control byte each (~660 -> ~150 bytes for a chat
# line, so snapshots write less and a session's context takes less memory).
# msgspec escapes every control character inside a JSON string and writes no
# whitespace, so these bytes never occur in an event's JSON: each stands for
# its run alone, the substitution is undone exactly, and JSON sealed before it
# (which holds none of them) opens unchanged. Plain byte replacement keeps the
# interpreter lock (zlib, measured first, gave it away twice per message and
# made the decision latency worse: docs/benchmarks.md "The sealed context
# shortened"). Snapshots hold bytes made with these runs: never change or
# reorder them; a new run may only be appended.
_RUNS: Final = (
    b'{"schema":"tipline.message/1","event_id":"',
    b'","sent_at":"',
    b'","session_id":"',
    b'","sender":{"user_id":"',
    b',"recipients":[{"user_id":"',
    b',{"user_id":"',
    b'","screen_name":"',
    b'","display_name":null,"email":null,"phone":null,"created_at":null,"declared_age":',
    b',"age_verified":null,"country":"',
    b'","prior_actions":[]}',
    b'],"platform":"',
    b'","text":"',
    b'","attachments":[],"client":null}',
)
_TOKENS: Final = tuple(bytes([i + 1]) for i in range(len(_RUNS)))
_AS_IS: Final = b"\x00"  # marks JSON kept whole (it held a control byte: not msgspec's)
_CONTROL: Final = bytes(range(32))


def shorten_event(data: bytes) -> bytes:
    """Return an event's JSON with the contract's recurring runs as one byte each."""
    if len(data.translate(None, _CONTROL)) != len(data):
        return _AS_IS + data  # never from msgspec; kept whole rather than made ambiguous
    for run, token in zip(_RUNS, _TOKENS, strict=True):
        data = data.replace(run, token)
    return data


def expand_event(data: bytes) -> bytes:
    """Undo :func:`shorten_event` (JSON sealed before it comes back unchanged)."""
    if data.startswith(_AS_IS):
        return data[1:]
    for run, token in zip(_RUNS, _TOKENS, strict=True):
        data = data.replace(token, run)
    return data


class SessionSealer:
    """Seals and opens buffered messages of one session.

    Seals under ``root_key``; opens under it or any of ``older`` roots, so a
    buffer sealed before a master-key rotation still opens after it (until
    the old version is retired, which happens after the buffer's windows).
    """

    def __init__(self, root_key: bytes, session_id: str, older: Sequence[bytes] = ()) -> None:
        self.session_id: Final = session_id
        self._aead = AESGCM(hkdf(root_key, info=_INFO, salt=session_id.encode()))
        self._older = [AESGCM(hkdf(k, info=_INFO, salt=session_id.encode())) for k in older]

    def _aad(self, event_id: str) -> bytes:
        return f"{self.session_id}\0{event_id}".encode()

    def seal(self, event: MessageEvent) -> bytes:
        """Return ``nonce || ciphertext`` of the event without inline bytes, shortened."""
        return self.seal_bytes(event.event_id, shorten_event(encode_event(strip_inline(event))))

    def seal_bytes(self, item_id: str, data: bytes) -> bytes:
        """Return ``nonce || ciphertext`` of ``data``, bound to this session and ``item_id``."""
        nonce = random_nonce()
        return nonce + self._aead.encrypt(nonce, data, self._aad(item_id))

    def open(self, event_id: str, sealed: bytes) -> MessageEvent:
        """Decrypt one buffered message.

        Raises:
            EvidenceError: wrong session/key or tampered state.

        """
        return decode_event(expand_event(self.open_bytes(event_id, sealed)))

    def open_bytes(self, item_id: str, sealed: bytes) -> bytes:
        """Decrypt what :meth:`seal_bytes` sealed for ``item_id``.

        Raises:
            EvidenceError: wrong session/key or tampered state.

        """
        for aead in [self._aead, *self._older]:
            try:
                return aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], self._aad(item_id))
            except InvalidTag:
                continue
        msg = f"buffered item {item_id!r} of session {self.session_id!r} does not open"
        raise EvidenceError(msg)


class ContextKeys:
    """Gives each session its sealer; built once in flows from the key provider."""

    def __init__(self, root_key: bytes, older: Sequence[bytes] = ()) -> None:
        self._root = root_key
        self._older = list(older)

    def for_session(self, session_id: str) -> SessionSealer:
        """Return the sealer of ``session_id``."""
        return SessionSealer(self._root, session_id, self._older)


class SealedMessage:
    """One buffered message: ids and time in clear, the message sealed.

    Never changed once made, so copies of a buffer share them. Held in its
    snapshot form (:func:`pack_entry`: a header, the event id, then the
    sealed bytes), so a snapshot of a whole buffer is one ``bytes`` join
    (:meth:`ContextBuffer.__reduce__`) instead of one pickled object per
    message; ``sealed`` is cut from it when a buffer is opened (rare).
    """

    __slots__ = ("event_id", "packed", "sent_at", "size")

    def __init__(self, event_id: str, sent_at: datetime, sealed: bytes) -> None:
        self.event_id = event_id
        self.sent_at = sent_at
        self.size = len(sealed)  # what the buffer's byte bound counts
        self.packed = pack_entry(event_id, sent_at, sealed)

    @property
    def sealed(self) -> bytes:
        """``nonce || ciphertext`` of the message."""
        eid_len = _ENTRY_HEAD.unpack_from(self.packed)[2]
        return self.packed[_ENTRY_HEAD.size + eid_len :]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SealedMessage):
            return NotImplemented
        return (self.event_id, self.sent_at, self.sealed) == (
            other.event_id,
            other.sent_at,
            other.sealed,
        )

    __hash__ = None  # type: ignore[assignment]  # compared by value, as the dataclass was

    def __repr__(self) -> str:
        return f"SealedMessage(event_id={self.event_id!r}, sent_at={self.sent_at!r})"

    def __reduce__(self) -> tuple[type[SealedMessage], tuple[str, datetime, bytes]]:
        # Alone (a follow-up waiting in ``pending``) it pickles as a constructor call.
        return SealedMessage, (self.event_id, self.sent_at, self.sealed)

    def __setstate__(self, state: object) -> None:
        # Pickles made while this was a slots dataclass: ``(None, {slot: value})``.
        slots = state[1] if isinstance(state, tuple) and len(state) == 2 else None
        if not isinstance(slots, dict):
            msg = "a snapshot's sealed message has an unknown form"
            raise EvidenceError(msg)
        self.__init__(slots["event_id"], slots["sent_at"], slots["sealed"])  # type: ignore[misc]


# A packed entry: local wall-clock time of ``sent_at`` in µs since 0001-01-01,
# its UTC offset in µs, the UTF-8 length of the event id, the sealed length.
# Wall clock + offset round-trips every aware datetime, even 9999-12-31 at
# -05:00, whose UTC instant lies past datetime.max (issue #13's hostile times).
_ENTRY_HEAD: Final = struct.Struct("<qqII")
_WALL_ZERO: Final = datetime(1, 1, 1)  # noqa: DTZ001  (a naive origin on purpose: wall clock)
_MICRO: Final = timedelta(microseconds=1)


def pack_entry(event_id: str, sent_at: datetime, sealed: bytes) -> bytes:
    """Return the snapshot form of one buffered message (see :data:`_ENTRY_HEAD`)."""
    offset = sent_at.utcoffset()
    if offset is None:
        msg = "a buffered message's sent_at must be timezone-aware"
        raise ValueError(msg)
    eid = event_id.encode()
    wall = (sent_at.replace(tzinfo=None) - _WALL_ZERO) // _MICRO
    return _ENTRY_HEAD.pack(wall, offset // _MICRO, len(eid), len(sealed)) + eid + sealed


def unpack_entries(packed: bytes) -> list[SealedMessage]:
    """Return the messages :meth:`ContextBuffer.__reduce__` joined into ``packed``.

    Raises:
        EvidenceError: the bytes are not whole entries (a damaged snapshot).

    """
    out: list[SealedMessage] = []
    pos, end, head = 0, len(packed), _ENTRY_HEAD.size
    zones: dict[int, timezone] = {}
    try:
        while pos < end:
            wall, offset, eid_len, sealed_len = _ENTRY_HEAD.unpack_from(packed, pos)
            stop = pos + head + eid_len + sealed_len
            if stop > end:
                msg = "truncated"
                raise ValueError(msg)
            zone = zones.get(offset)
            if zone is None:
                zone = zones[offset] = timezone(offset * _MICRO)
            entry = SealedMessage.__new__(SealedMessage)
            entry.event_id = packed[pos + head : pos + head + eid_len].decode()
            entry.sent_at = (_WALL_ZERO + wall * _MICRO).replace(tzinfo=zone)
            entry.packed = packed[pos:stop]
            entry.size = sealed_len
            out.append(entry)
            pos = stop
    except (ValueError, OverflowError, struct.error) as exc:
        msg = f"a snapshot's sealed context does not unpack ({type(exc).__name__})"
        raise EvidenceError(msg) from exc
    return out


@dataclass(slots=True)
class OpenPackage:
    """A package still collecting following messages."""

    package_id: str
    event_id: str
    until: datetime
    remaining: int
    since: datetime | None = None  # the trigger's sent_at: older messages never follow it

    def copy(self) -> OpenPackage:
        """Return a copy (``remaining`` counts down in place)."""
        return OpenPackage(self.package_id, self.event_id, self.until, self.remaining, self.since)


@dataclass(slots=True)
class ContextBuffer:
    """Per-session context state (small, bounded, ciphertext only)."""

    cfg: ContextConfig
    entries: list[SealedMessage] = field(default_factory=list)
    open_packages: list[OpenPackage] = field(default_factory=list)

    def fork(self) -> ContextBuffer:
        """Return a copy that can change without changing this one (entries are shared)."""
        return ContextBuffer(self.cfg, list(self.entries), [p.copy() for p in self.open_packages])

    def __reduce__(
        self,
    ) -> tuple[
        Callable[[ContextConfig, bytes, list[OpenPackage]], ContextBuffer],
        tuple[ContextConfig, bytes, list[OpenPackage]],
    ]:
        # The entries as one bytes object: pickling it is a copy, not one
        # object per message (docs/benchmarks.md "Snapshot stall"). Buffers
        # pickled before this still load (the dataclass's __setstate__).
        packed = b"".join([e.packed for e in self.entries])
        return restore_buffer, (self.cfg, packed, self.open_packages)

    def append(self, event: MessageEvent, sealer: SessionSealer) -> None:
        """Seal and remember ``event``, then drop what falls outside the bounds."""
        if self.cfg.preceding_messages == 0:
            return
        entries = self.entries
        event_id = event.event_id
        for e in entries:
            if e.event_id == event_id:
                return
        new = SealedMessage(event_id, event.sent_at, sealer.seal(event))
        last = entries[-1] if entries else None
        entries.append(new)
        if last is not None and (last.sent_at, last.event_id) > (new.sent_at, event_id):
            entries.sort(key=lambda e: (e.sent_at, e.event_id))  # arrived out of order
        self._prune()

    def _prune(self) -> None:
        """Drop entries before the window, beyond the count, then beyond the byte bound.

        Entries are sorted by time, so each bound drops a prefix.
        """
        entries = self.entries
        horizon = shifted(entries[-1].sent_at, -self.cfg.preceding_window_s)
        start = 0
        while start < len(entries) and entries[start].sent_at < horizon:
            start += 1
        start = max(start, len(entries) - self.cfg.preceding_messages)
        size = sum([e.size for e in entries[start:]])
        while len(entries) - start > 1 and size > self.cfg.max_buffer_bytes:
            size -= entries[start].size
            start += 1
        if start:
            del entries[:start]

    def messages(
        self, opener: SessionSealer, *, before: MessageEvent | None = None
    ) -> list[MessageEvent]:
        """Open the buffered messages (those sent before ``before`` when given)."""
        chosen = self.entries
        if before is not None:
            horizon = shifted(before.sent_at, -self.cfg.preceding_window_s)
            chosen = [
                e
                for e in chosen
                if e.event_id != before.event_id and horizon <= e.sent_at <= before.sent_at
            ]
        return [opener.open(e.event_id, e.sealed) for e in chosen]

    def note_package(self, package_id: str, event: MessageEvent) -> None:
        """Start collecting following messages for a new package."""
        if self.cfg.following_messages == 0:
            return
        if any(p.package_id == package_id for p in self.open_packages):
            return
        until = shifted(event.sent_at, self.cfg.following_window_s)
        self.open_packages.append(
            OpenPackage(
                package_id, event.event_id, until, self.cfg.following_messages, event.sent_at
            )
        )

    def followers(self, event: MessageEvent) -> list[str]:
        """Return the packages ``event`` should join as following context.

        Counts the event against each package's allowance and forgets packages
        whose allowance or window is used up. A message sent before the trigger
        (a replay, a late arrival) never follows it, and does not count.
        """
        if not self.open_packages:
            return []
        targets: list[str] = []
        still_open: list[OpenPackage] = []
        for pkg in self.open_packages:
            if event.event_id == pkg.event_id:
                still_open.append(pkg)
                continue
            if event.sent_at > pkg.until:
                continue
            since = getattr(pkg, "since", None)
            if since is not None and event.sent_at < since:
                still_open.append(pkg)
                continue
            targets.append(pkg.package_id)
            pkg.remaining -= 1
            if pkg.remaining > 0:
                still_open.append(pkg)
        self.open_packages = still_open
        return targets


def restore_buffer(
    cfg: ContextConfig, packed: bytes, open_packages: list[OpenPackage]
) -> ContextBuffer:
    """Rebuild a buffer from its snapshot form (what :meth:`ContextBuffer.__reduce__` gives)."""
    return ContextBuffer(cfg, unpack_entries(packed), open_packages)
