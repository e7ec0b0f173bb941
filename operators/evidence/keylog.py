"""The key log: master-key versions, the signed signing-key history, revocations.

Pure: builds and checks :class:`~tipline.schemas.keys.KeyEvent` records; the
evidence service stores them (create-only, WORM) under :data:`KEY_LOG_PREFIX`.

The signing-key history is the ``signing_added`` events in order. Each one
carries the new public key and its ``valid_from``, a signature by the
previous key (``signed_by``; the first entry signs itself) and a proof of
possession by the new key. A key is valid from its ``valid_from`` until the
next entry's ``valid_from``. :func:`fold` checks the chain links and every
history signature and returns a :class:`KeyState` that a verifier asks
"was this key valid, and not revoked, at this time?".
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final, Protocol

import msgspec

from tipline.operators.evidence.canonical import canonical_bytes, sha256_hex
from tipline.operators.evidence.keys import Keyring, SigningKey
from tipline.schemas.errors import VerificationError
from tipline.schemas.keys import KeyEvent, KeyKind

KEY_LOG_PREFIX: Final = "keys/log/"
GENESIS: Final = "0" * 64
_DEC: Final = msgspec.json.Decoder(KeyEvent)


def key_log_key(seq: int) -> str:
    """Vault key of key-log entry ``seq``."""
    return f"{KEY_LOG_PREFIX}{seq:08d}.json"


def decode_key_event(raw: bytes) -> KeyEvent:
    """Parse one stored key-log entry."""
    return _DEC.decode(raw)


def chain(event: KeyEvent, prev: KeyEvent | None) -> tuple[KeyEvent, bytes]:
    """Link ``event`` after ``prev``; return it and its canonical bytes."""
    seq = 0 if prev is None else prev.seq + 1
    prev_sha = GENESIS if prev is None else sha256_hex(canonical_bytes(prev))
    linked = msgspec.structs.replace(
        event, seq=seq, prev_sha256=prev_sha, at=event.at.astimezone(UTC)
    )
    return linked, canonical_bytes(linked)


def _history_message(event: KeyEvent) -> bytes:
    body = {
        "key_id": event.key_id,
        "public_key": event.public_key,
        "valid_from": event.valid_from,
        "signed_by": event.signed_by,
    }
    return b"tipline.signing_key_history/1\n" + canonical_bytes(body)


def signing_added(
    new: SigningKey,
    previous: SigningKey | None,
    *,
    valid_from: datetime | None,
    at: datetime,
    operator: str,
    reason: str | None = None,
) -> KeyEvent:
    """Build a history entry for ``new``, signed by ``previous`` (itself when None)."""
    signer = previous or new
    unsigned = KeyEvent(
        seq=-1,
        prev_sha256="",
        at=at,
        action="signing_added",
        key_id=new.key_id,
        kind="signing",
        operator=operator,
        reason=reason,
        public_key=base64.b64encode(new.public_raw).decode(),
        valid_from=valid_from.astimezone(UTC) if valid_from else None,
        signed_by=signer.key_id,
    )
    message = _history_message(unsigned)
    return msgspec.structs.replace(
        unsigned, signature=signer.sign(message), proof=new.sign(message)
    )


@dataclass(frozen=True, slots=True)
class Validity:
    """When a signing key may sign: ``[valid_from, valid_until)``; None is unbounded."""

    key_id: str
    public_raw: bytes
    valid_from: datetime | None
    valid_until: datetime | None

    def covers(self, at: datetime) -> bool:
        """Whether ``at`` lies inside the validity window."""
        if self.valid_from is not None and at < self.valid_from:
            return False
        return self.valid_until is None or at < self.valid_until


@dataclass(slots=True)
class MasterVersion:
    """What the key log says about one master-key version."""

    key_id: str
    provider: str
    added_at: datetime
    retired_at: datetime | None = None


@dataclass(slots=True)
class KeyState:
    """The folded key log: versions, signing history, revocations, problems."""

    events: list[KeyEvent] = field(default_factory=list)
    masters: dict[str, MasterVersion] = field(default_factory=dict)
    history: list[Validity] = field(default_factory=list)
    revoked: dict[str, KeyEvent] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    legacy: frozenset[str] = frozenset()

    @property
    def current_master(self) -> str | None:
        """The newest registered master version that is not retired."""
        live = [m for m in self.masters.values() if m.retired_at is None]
        return live[-1].key_id if live else None

    def validity(self, key_id: str) -> Validity | None:
        """Return the history entry of a signing key, or None when it is not in the history."""
        return next((v for v in self.history if v.key_id == key_id), None)

    def revoked_at(self, key_id: str) -> datetime | None:
        """When ``key_id`` was revoked, or None."""
        event = self.revoked.get(key_id)
        return event.revoked_at if event else None

    def signing_problem(self, key_id: str, at: datetime, *, what: str) -> str | None:
        """Say why a signature by ``key_id`` at ``at`` is not acceptable, or None."""
        revoked = self.revoked_at(key_id)
        if revoked is not None and at >= revoked:
            return (
                f"{what}: signed by {key_id!r} at {at.isoformat()}, at or after its "
                f"revocation at {revoked.isoformat()}"
            )
        if not self.history:
            return None
        validity = self.validity(key_id)
        if validity is None:
            if key_id in self.legacy:
                return None
            return (
                f"{what}: signed by {key_id!r}, which is not in the signed key history "
                "(rotate signing keys with `tipline keys rotate --signing`)"
            )
        if not validity.covers(at):
            since = validity.valid_from.isoformat() if validity.valid_from else "the start"
            until = validity.valid_until.isoformat() if validity.valid_until else "now"
            return (
                f"{what}: signed by {key_id!r} at {at.isoformat()}, outside its validity "
                f"({since} to {until})"
            )
        return None

    def keyring_keys(self) -> list[bytes]:
        """Every public key in the history (for signature checks)."""
        return [v.public_raw for v in self.history]


def _check_history_entry(
    event: KeyEvent, previous: Validity | None, state: KeyState, where: str
) -> Validity | None:
    if event.public_key is None or event.signature is None or event.proof is None:
        state.problems.append(f"{where}: signing_added without public key or signatures")
        return None
    raw = base64.b64decode(event.public_key)
    message = _history_message(event)
    expected_signer = previous.key_id if previous else event.key_id
    if event.signed_by != expected_signer:
        state.problems.append(
            f"{where}: {event.key_id!r} is signed by {event.signed_by!r} "
            f"(expected the previous key {expected_signer!r})"
        )
    ring = Keyring([raw] + ([previous.public_raw] if previous else []))
    for key_id, signature, label in (
        (event.key_id, event.proof, "proof of possession"),
        (expected_signer, event.signature, "history signature"),
    ):
        try:
            ring.verify(key_id, message, signature, what=f"{where} {label}")
        except VerificationError as exc:
            state.problems.append(str(exc))
    if previous is not None and (
        event.valid_from is None
        or (previous.valid_from is not None and event.valid_from <= previous.valid_from)
    ):
        state.problems.append(f"{where}: valid_from does not come after the previous key's")
    return Validity(event.key_id, raw, event.valid_from, None)


def _apply(event: KeyEvent, state: KeyState, where: str) -> None:
    if event.action == "master_added" and event.key_id not in state.masters:
        state.masters[event.key_id] = MasterVersion(event.key_id, event.provider or "?", event.at)
    elif event.action == "master_retired" and event.key_id in state.masters:
        state.masters[event.key_id].retired_at = event.at
    elif event.action == "revoked":
        state.revoked.setdefault(event.key_id, event)
    elif event.action == "signing_added":
        previous = state.history[-1] if state.history else None
        entry = _check_history_entry(event, previous, state, where)
        if entry is not None:
            if previous is not None:
                state.history[-1] = Validity(
                    previous.key_id, previous.public_raw, previous.valid_from, entry.valid_from
                )
            state.history.append(entry)


def fold(entries: Sequence[bytes]) -> KeyState:
    """Check the chain and the history signatures; fold the log into a state."""
    state = KeyState()
    prev_sha = GENESIS
    for seq, raw in enumerate(entries):
        where = key_log_key(seq)
        try:
            event = decode_key_event(raw)
        except msgspec.DecodeError as exc:
            state.problems.append(f"{where}: not a key event ({exc})")
            prev_sha = sha256_hex(raw)
            continue
        if event.seq != seq or event.prev_sha256 != prev_sha:
            state.problems.append(f"{where}: breaks the key-log chain (seq or prev_sha256)")
        prev_sha = sha256_hex(raw)
        state.events.append(event)
        _apply(event, state, where)
    return state


def revocation(
    key_id: str, kind: KeyKind, *, revoked_at: datetime, at: datetime, operator: str, reason: str
) -> KeyEvent:
    """Build a ``revoked`` event."""
    return KeyEvent(
        seq=-1,
        prev_sha256="",
        at=at,
        action="revoked",
        key_id=key_id,
        kind=kind,
        operator=operator,
        reason=reason,
        revoked_at=revoked_at.astimezone(UTC),
    )


def master_event(
    action: str, key_id: str, *, provider: str, at: datetime, operator: str, reason: str | None
) -> KeyEvent:
    """Build a ``master_added`` or ``master_retired`` event."""
    return KeyEvent(
        seq=-1,
        prev_sha256="",
        at=at,
        action="master_added" if action == "added" else "master_retired",
        key_id=key_id,
        kind="master",
        operator=operator,
        reason=reason,
        provider=provider,
    )


class LogReader(Protocol):
    """Read access to vault objects (the vault satisfies it)."""

    def get(self, key: str) -> bytes:
        """Return the current bytes of ``key``."""
        ...

    def list_keys(self, prefix: str) -> list[str]:
        """Return every key under ``prefix``, sorted."""
        ...


def load_key_state(reader: LogReader) -> KeyState:
    """Read and fold the whole key log."""
    return fold([reader.get(k) for k in reader.list_keys(KEY_LOG_PREFIX)])
