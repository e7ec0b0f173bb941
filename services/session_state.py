"""What the session step keeps per session, its packed pickle, and its fork.

:class:`SessionSnapshot` is what Bytewax snapshots for one ``session_id``
(``flows/session.py``): the scorer's state (ids, signal hits, ages — no
text), the seen event ids, the sealed context buffer and the pending
follow-ups (ciphertext only).

The session step hands Bytewax the state already pickled, so it never
shares the live object; the small fields pickle as one msgpack ``bytes``
(:meth:`SessionSnapshot.__reduce__`), the scorer state and the context
buffer in their own packed forms. :meth:`SessionSnapshot.fork` (new
containers, the same immutable entries) is still used for a state resumed
as an object from recovery data written before that form, which Bytewax may
hold. Pickles made before this module existed (the class then lived in
``tipline.flows.session``, which still exports it) load unchanged: the
fields and their types are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

import msgspec

from tipline.operators.evidence.context import ContextBuffer, SealedMessage, SessionSealer
from tipline.operators.evidence.followups import queue_follower, release
from tipline.operators.snapshots import fork_state
from tipline.schemas.event import MessageEvent
from tipline.sinks.dedupe import seen_before


@dataclass
class SessionSnapshot:
    """Everything kept per session between messages (picklable, content-free)."""

    scorer: Any = None
    context: ContextBuffer | None = None
    last_seen: datetime | None = None
    session_id: str | None = None
    pending: dict[str, list[SealedMessage]] = field(default_factory=dict)
    pending_since: datetime | None = None
    seen: dict[str, None] = field(default_factory=dict)  # recent event ids, oldest first

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the small fields as one msgpack ``bytes``; see :func:`restore_snapshot`.

        The scorer state and the context buffer pickle in their own packed
        forms; pending follow-ups (rare) pickle as they are. A naive time
        (never from the job's clock) keeps the plain dataclass form.
        """
        times = (self.last_seen, self.pending_since)
        if any(t is not None and t.tzinfo is None for t in times):
            return _plain_snapshot, (dict(vars(self)),)
        small = _PACKER.encode(
            (_PACKED_V1, self.last_seen, self.session_id, self.pending_since, list(self.seen))
        )
        return restore_snapshot, (self.scorer, self.context, small, self.pending)

    def fork(self) -> SessionSnapshot:
        """Return a copy that can change without changing this one.

        Containers are copied (one level); what they hold is immutable
        (tuples, strings, bytes, datetimes, sealed messages) and is shared. The
        context buffer forks itself (its open packages count down in place).
        """
        return SessionSnapshot(
            scorer=fork_state(self.scorer),
            context=self.context.fork() if self.context is not None else None,
            last_seen=self.last_seen,
            session_id=self.session_id,
            pending={pid: list(msgs) for pid, msgs in self.pending.items()},
            pending_since=self.pending_since,
            seen=dict(getattr(self, "seen", None) or {}),  # older states lack it
        )

    def add_context(
        self,
        event: MessageEvent,
        sealer: SessionSealer,
        new_buffer: Callable[[], ContextBuffer],
        package_id: str | None,
        now: datetime,
    ) -> list[MessageEvent]:
        """Seal ``event`` into the context; queue it for the open packages it follows.

        ``package_id`` is set when ``event`` opens a case: then the preceding
        messages are opened and returned (its context), and the package starts
        collecting the messages that follow.
        """
        buffer = self.context = self.context or new_buffer()
        followers = buffer.followers(event)
        if followers:
            sealed = SealedMessage(event.event_id, event.sent_at, sealer.seal(event))
            self.pending_since = queue_follower(
                self.pending, self.pending_since, followers, sealed, now
            )
        context = []
        if package_id is not None:
            context = buffer.messages(sealer, before=event)
            buffer.note_package(package_id, event)
        buffer.append(event, sealer)
        return context

    def release(
        self, open_sealed: Callable[[str, bytes], MessageEvent]
    ) -> list[tuple[str, list[MessageEvent]]]:
        """Open and hand over every pending follow-up batch: ``(package_id, messages)``."""
        batches = release(self.pending, open_sealed)
        self.pending, self.pending_since = {}, None
        return batches

    def remember(self, event_id: str, limit: int) -> bool:
        """Whether ``event_id`` was seen before; remember it if not (the newest ``limit``)."""
        seen = getattr(self, "seen", None)
        if seen is None:  # state snapshotted before this field existed
            seen = self.seen = {}
        return seen_before(seen, event_id, limit)


# The packed form of a snapshot's small fields: msgpack of [version, last_seen,
# session_id, pending_since, seen ids oldest first]. Aware datetimes travel as
# msgpack timestamps (the same instant, in UTC). Pickles made before it (the
# dataclass's ``__dict__``) still load.
_PACKED_V1: Final = 1
_PACKER: Final = msgspec.msgpack.Encoder()


def _plain_snapshot(fields: dict[str, Any]) -> SessionSnapshot:
    """Rebuild a snapshot pickled with its fields as they are (a naive time)."""
    return SessionSnapshot(**fields)


def restore_snapshot(
    scorer: Any,
    context: ContextBuffer | None,
    small: bytes,
    pending: dict[str, list[SealedMessage]],
) -> SessionSnapshot:
    """Rebuild a snapshot from :meth:`SessionSnapshot.__reduce__`'s form.

    Raises:
        ValueError: the packed fields are damaged or of an unknown version.

    """
    try:
        values = msgspec.msgpack.decode(small)
    except msgspec.DecodeError as exc:
        msg = "a snapshot's session fields do not unpack"
        raise ValueError(msg) from exc
    if not isinstance(values, list) or len(values) != 5 or values[0] != _PACKED_V1:
        msg = "a snapshot's session fields have an unknown packed form"
        raise ValueError(msg)
    _, last_seen, session_id, pending_since, seen = values
    return SessionSnapshot(
        scorer=scorer,
        context=context,
        last_seen=last_seen,
        session_id=session_id,
        pending=pending,
        pending_since=pending_since,
        seen=dict.fromkeys(seen),
    )
