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

What Bytewax snapshots here is the pickle of a :class:`SessionSnapshot`
(:mod:`tipline.services.session_state`), made when Bytewax asks for it and
kept while the session does not change: the live state is never shared with
Bytewax, so the session's next message changes it in place instead of
forking it first (a fork per session per epoch was ~15-20 µs; with many
sessions each touched once an epoch, one per message). A state resumed as
an object (recovery data written before this form) is still forked before
its first change. Idle sessions are dropped by a processing-time timer
``idle_evict_s`` after their last message.
"""

from __future__ import annotations

import pickle
from datetime import datetime

from bytewax.operators import StatefulLogic

from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Decided, FollowUps, Matched
from tipline.operators.evidence.context import SessionSealer
from tipline.operators.evidence.followups import batch_full, flush_at, idle_at, is_due
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.decision import Decision
from tipline.services import heap
from tipline.services.metrics import METRICS, SnapshotGap
from tipline.services.session_state import SessionSnapshot

__all__ = ["SessionLogic", "SessionSnapshot"]  # older snapshots name SessionSnapshot here

Out = Decided | FollowUps | DeadLetter
_GAP = SnapshotGap()  # per worker thread


class SessionLogic(StatefulLogic[Matched, Out, bytes | SessionSnapshot]):
    """Bytewax logic of step ``score-session``; the work is in :class:`Pipeline`."""

    def __init__(self, pipe: Pipeline, resume: bytes | SessionSnapshot | None) -> None:
        self._pipe = pipe
        # an object resumed from older recovery data may still be held by Bytewax
        self._shared = isinstance(resume, SessionSnapshot)
        if isinstance(resume, bytes):
            resume = load_snapshot(resume)
        self._snap = resume or SessionSnapshot()
        self._packed: bytes | None = None  # the last snapshot, while the state is unchanged
        self._sealer_cache: SessionSealer | None = None

    def _own(self) -> SessionSnapshot:
        """Return the state to change (forked first when Bytewax may share it)."""
        self._packed = None
        if self._shared:
            self._snap = self._snap.fork()
            self._shared = False
        return self._snap

    def on_item(self, value: Matched) -> tuple[list[Out], bool]:
        """Score, decide and seal one message of this session (a replayed event: nothing)."""
        if _GAP.resumed():
            heap.HEAP.after_snapshot()  # the epoch's states are written: freeze what lives on
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

    def snapshot(self) -> bytes:
        """Return the state for recovery (ids, hits and ciphertext only), pickled.

        Pickled now, so Bytewax never holds the live state and the next
        message needs no fork; the same bytes again while nothing changed.
        """
        _GAP.snapshotting()
        packed = self._packed
        if packed is None:
            packed = self._packed = pickle.dumps(self._snap, protocol=pickle.HIGHEST_PROTOCOL)
        return packed

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


def load_snapshot(packed: bytes) -> SessionSnapshot:
    """Return the state :meth:`SessionLogic.snapshot` pickled.

    Raises:
        TypeError: the bytes hold something else (damaged recovery data).

    """
    snap = pickle.loads(packed)  # noqa: S301  (the job's own recovery store, as Bytewax's pickles)
    if not isinstance(snap, SessionSnapshot):
        msg = f"a session snapshot holds a {type(snap).__name__}"
        raise TypeError(msg)
    return snap
