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

What Bytewax snapshots here is :class:`SessionSnapshot`, copy-on-write: see
:mod:`tipline.services.session_state`. Idle sessions are dropped by a
processing-time timer ``idle_evict_s`` after their last message.
"""

from __future__ import annotations

from datetime import datetime

from bytewax.operators import StatefulLogic

from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Decided, FollowUps, Matched
from tipline.operators.evidence.context import SessionSealer
from tipline.operators.evidence.followups import batch_full, flush_at, idle_at, is_due
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.decision import Decision
from tipline.services.metrics import METRICS, SnapshotGap
from tipline.services.session_state import SessionSnapshot

__all__ = ["SessionLogic", "SessionSnapshot"]  # older snapshots name SessionSnapshot here

Out = Decided | FollowUps | DeadLetter
_GAP = SnapshotGap()  # per worker thread


class SessionLogic(StatefulLogic[Matched, Out, SessionSnapshot]):
    """Bytewax logic of step ``score-session``; the work is in :class:`Pipeline`."""

    def __init__(self, pipe: Pipeline, resume: SessionSnapshot | None) -> None:
        self._pipe = pipe
        self._snap = resume or SessionSnapshot()
        # a resumed state may still be referenced by Bytewax: fork before changing it
        self._shared = resume is not None
        self._sealer_cache: SessionSealer | None = None

    def _own(self) -> SessionSnapshot:
        """Return the state, forked first if the last snapshot still shares it."""
        if self._shared:
            self._snap = self._snap.fork()
            self._shared = False
        return self._snap

    def on_item(self, value: Matched) -> tuple[list[Out], bool]:
        """Score, decide and seal one message of this session (a replayed event: nothing)."""
        _GAP.resumed()
        snap, event, now = self._own(), value.event, self._pipe.clock.now()
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
        sealer = self._sealer_of(event.session_id)
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
        snap, event, pipe = self._snap, value.event, self._pipe
        package_id = pipe.package_id(decision) if decision.alert else None
        context = snap.add_context(event, sealer, pipe.new_context, package_id, pipe.clock.now())
        out: list[Out] = [Decided(decision=decision, event=event, context=context, media=media)]
        if snap.pending and batch_full(snap.pending, pipe.config.evidence.context.follow_batch):
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
        """Return the state for recovery (ids, hits and ciphertext only), without copying it.

        The state is marked shared: the next change forks it first, so what
        Bytewax holds never changes (see the module docstring).
        """
        _GAP.snapshotting()
        self._shared = True
        return self._snap

    def _duplicate(self, event_id: str) -> bool:
        """Whether ``event_id`` was already decided here; remember it if not (bounded)."""
        return self._snap.remember(event_id, self._pipe.config.input.dedupe_ids_per_session)

    def _idle_at(self) -> datetime | None:
        return idle_at(self._snap.last_seen, self._pipe.config.grooming.idle_evict_s)

    def _flush_at(self) -> datetime | None:
        if not self._snap.pending:
            return None
        flush_s = self._pipe.config.evidence.context.follow_flush_s
        return flush_at(self._snap.pending, self._snap.pending_since, flush_s)

    def _sealer_of(self, session_id: str) -> SessionSealer | None:
        """Return the session's sealer (its key is derived once per session, not per message)."""
        sealer = self._sealer_cache
        if sealer is None or sealer.session_id != session_id:
            sealer = self._sealer_cache = self._pipe.sealer(session_id)
        return sealer

    def _sealer(self) -> SessionSealer | None:
        sid = self._snap.session_id
        return None if sid is None else self._sealer_of(sid)

    def _release(self, sealer: SessionSealer | None) -> list[Out]:
        if sealer is None or not self._snap.pending:
            return []
        return [FollowUps(package_id=p, events=e) for p, e in self._own().release(sealer.open)]
