"""The per-session stateful step: grooming score, decision, and sealed context.

Keyed by ``session_id``. For each message the step scores the session (the
running score is emitted with every message, so alerts never wait for a
window to close), decides, and keeps the session's recent messages as sealed
(AES-GCM) context so that an evidence package can bracket the triggering
message. A message that opens a case carries the decrypted preceding context
downstream (in flight only); later messages of the session name the open
packages they join as following context.

What Bytewax snapshots here is :class:`SessionSnapshot`: the scorer's state
(ids, signal hits, ages — no text) and the context buffer (ciphertext only).
Idle sessions are dropped by a processing-time timer ``idle_evict_s`` after
their last message.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bytewax.operators import StatefulLogic

from flows.pipeline import Pipeline, utc_now
from flows.records import Decided, Matched
from operators.evidence.context import ContextBuffer


@dataclass
class SessionSnapshot:
    """Everything kept per session between messages (picklable, content-free)."""

    scorer: Any = None
    context: ContextBuffer | None = None
    last_seen: datetime | None = None


class SessionLogic(StatefulLogic[Matched, Decided, SessionSnapshot]):
    """Bytewax logic of step ``score-session``; the work is in :class:`Pipeline`."""

    def __init__(self, pipe: Pipeline, resume: SessionSnapshot | None) -> None:
        self._pipe = pipe
        self._snap = resume or SessionSnapshot()

    def on_item(self, value: Matched) -> tuple[list[Decided], bool]:
        """Score, decide and seal one message of this session."""
        snap, event = self._snap, value.event
        snap.scorer, verdict = self._pipe.score(snap.scorer, event)
        decision = self._pipe.decide(value, verdict)
        snap.last_seen = utc_now()
        sealer = self._pipe.sealer(event.session_id)
        if sealer is None:
            return [Decided(decision=decision, event=event)], StatefulLogic.RETAIN
        buffer = snap.context or self._pipe.new_context()
        snap.context = buffer
        follows = buffer.followers(event)
        context = []
        if decision.alert:
            context = buffer.messages(sealer, before=event)
            buffer.note_package(self._pipe.package_id(decision), event)
        buffer.append(event, sealer)
        decided = Decided(decision=decision, event=event, context=context, follows=follows)
        return [decided], StatefulLogic.RETAIN

    def on_notify(self) -> tuple[list[Decided], bool]:
        """Drop the idle session's state."""
        return [], StatefulLogic.DISCARD

    def notify_at(self) -> datetime | None:
        """Return when the session counts as idle (processing time)."""
        if self._snap.last_seen is None:
            return None
        return self._snap.last_seen + timedelta(seconds=self._pipe.config.grooming.idle_evict_s)

    def snapshot(self) -> SessionSnapshot:
        """Return a copy of the state for recovery (ids, hits and ciphertext only)."""
        return copy.deepcopy(self._snap)
