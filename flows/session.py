"""The per-session stateful step: grooming score, decision, and sealed context.

Keyed by ``session_id``. For each message the step scores the session (the
running score is emitted with every message, so alerts never wait for a
window to close), decides, and keeps the session's recent messages as sealed
(AES-GCM) context so that an evidence package can bracket the triggering
message. A message that opens a case carries the decrypted preceding context
downstream (in flight only).

Messages that follow an open case wait, sealed, in the session's state and
are emitted as one :class:`FollowUps` batch per package when
``follow_batch`` messages have gathered, ``follow_flush_s`` after the first,
when the session goes idle, or when the input ends. They travel in the same
ordered stream as the decisions, so a batch never overtakes the case that
opened its package; batching turns one vault write per following message
into one per batch.

A message whose scoring or decision fails (an exception from one event) is
emitted as a :class:`~tipline.schemas.dead_letter.DeadLetter` of stage
``score-session`` and the session's state is left as it was before it. If
only its sealed-context bookkeeping fails, the decision stands (without
context) beside a dead letter of stage ``session-context``. Systemic faults
re-raise (see ``services/failures.py``).

Idempotent on ``event_id``: the session remembers its last
``input.dedupe_ids_per_session`` event ids; an event seen again (the same
input produced twice, a re-sent batch) is dropped before scoring and emits
nothing — no second decision, lake row, package update or alert — and is
counted in ``tipline_duplicate_events``. The memory lasts as long as the
session's state (``idle_evict_s`` after its last message); beyond it the
sinks' own keys (package and draft ids derive from the event id) stay
idempotent.

What Bytewax snapshots here is :class:`SessionSnapshot`: the scorer's state
(ids, signal hits, ages — no text), the seen event ids, the context buffer
and the pending follow-ups (ciphertext only). Idle sessions are dropped by a processing-time
timer ``idle_evict_s`` after their last message.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bytewax.operators import StatefulLogic

from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Decided, FollowUps, Matched
from tipline.operators.dedupe import seen_before
from tipline.operators.evidence.context import ContextBuffer, SealedMessage, SessionSealer
from tipline.operators.evidence.followups import (
    batch_full,
    flush_at,
    idle_at,
    is_due,
    queue_follower,
    release,
)
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.decision import Decision
from tipline.services.metrics import METRICS

Out = Decided | FollowUps | DeadLetter


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


class SessionLogic(StatefulLogic[Matched, Out, SessionSnapshot]):
    """Bytewax logic of step ``score-session``; the work is in :class:`Pipeline`."""

    def __init__(self, pipe: Pipeline, resume: SessionSnapshot | None) -> None:
        self._pipe = pipe
        self._snap = resume or SessionSnapshot()

    def on_item(self, value: Matched) -> tuple[list[Out], bool]:
        """Score, decide and seal one message of this session (a replayed event: nothing)."""
        snap, event, now = self._snap, value.event, self._pipe.clock.now()
        if self._duplicate(event.event_id):
            METRICS.duplicates.inc()
            return [], StatefulLogic.RETAIN
        try:
            scorer, verdict = self._pipe.score(snap.scorer, event)
            decision = self._pipe.decide(value, verdict)
        except Exception as exc:  # per-event → dead letter; systemic re-raises
            return [self._pipe.failed("score-session", exc, value)], StatefulLogic.RETAIN
        self._pipe.failures.ok("score-session")
        snap.scorer = scorer
        snap.last_seen, snap.session_id = now, event.session_id
        media = value.media if decision.alert else {}  # bytes only for cases (bounded)
        sealer = self._pipe.sealer(event.session_id)
        if sealer is None:
            return [Decided(decision=decision, event=event, media=media)], StatefulLogic.RETAIN
        try:
            return self._with_context(value, decision, media, sealer), StatefulLogic.RETAIN
        except Exception as exc:  # the decision stands; its context step failed
            letter = self._pipe.failed("session-context", exc, value)
            return [
                Decided(decision=decision, event=event, media=media),
                letter,
            ], StatefulLogic.RETAIN

    def _with_context(
        self, value: Matched, decision: Decision, media: dict[str, bytes], sealer: SessionSealer
    ) -> list[Out]:
        snap, event, now = self._snap, value.event, self._pipe.clock.now()
        buffer = snap.context or self._pipe.new_context()
        snap.context = buffer
        followers = buffer.followers(event)
        if followers:
            sealed = SealedMessage(event.event_id, event.sent_at, sealer.seal(event))
            snap.pending_since = queue_follower(
                snap.pending, snap.pending_since, followers, sealed, now
            )
        context = []
        if decision.alert:
            context = buffer.messages(sealer, before=event)
            buffer.note_package(self._pipe.package_id(decision), event)
        buffer.append(event, sealer)
        out: list[Out] = [Decided(decision=decision, event=event, context=context, media=media)]
        if batch_full(snap.pending, self._pipe.config.evidence.context.follow_batch):
            out.extend(self._release(sealer))
        return out

    def on_notify(self) -> tuple[list[Out], bool]:
        """Release due follow-ups; drop the state of an idle session."""
        now = self._pipe.clock.now()
        idle = is_due(self._idle_at(), now)
        out = self._release(self._sealer()) if idle or is_due(self._flush_at(), now) else []
        return out, StatefulLogic.DISCARD if idle else StatefulLogic.RETAIN

    def on_eof(self) -> tuple[list[Out], bool]:
        """Release every pending follow-up: the input ended (files, bounded replays)."""
        return self._release(self._sealer()), StatefulLogic.RETAIN

    def notify_at(self) -> datetime | None:
        """Return the next follow-up flush or idle time (processing time)."""
        times = [t for t in (self._idle_at(), self._flush_at()) if t is not None]
        return min(times, default=None)

    def snapshot(self) -> SessionSnapshot:
        """Return a copy of the state for recovery (ids, hits and ciphertext only)."""
        return copy.deepcopy(self._snap)

    def _duplicate(self, event_id: str) -> bool:
        """Whether ``event_id`` was already decided here; remember it if not (bounded)."""
        if getattr(self._snap, "seen", None) is None:  # snapshotted before the field existed
            self._snap.seen = {}
        return seen_before(
            self._snap.seen, event_id, self._pipe.config.input.dedupe_ids_per_session
        )

    def _idle_at(self) -> datetime | None:
        return idle_at(self._snap.last_seen, self._pipe.config.grooming.idle_evict_s)

    def _flush_at(self) -> datetime | None:
        flush_s = self._pipe.config.evidence.context.follow_flush_s
        return flush_at(self._snap.pending, self._snap.pending_since, flush_s)

    def _sealer(self) -> SessionSealer | None:
        sid = self._snap.session_id
        return None if sid is None else self._pipe.sealer(sid)

    def _release(self, sealer: SessionSealer | None) -> list[Out]:
        snap = self._snap
        if sealer is None or not snap.pending:
            return []
        batches: list[Out] = [
            FollowUps(package_id=pid, events=events)
            for pid, events in release(snap.pending, sealer.open)
        ]
        snap.pending, snap.pending_since = {}, None
        return batches
