"""The lake feed's idempotency step: drop a decision whose event id its session has seen.

The decisions topic is at-least-once: after a crash the job publishes the
decisions of its replayed input again. Keyed by session, this step keeps the
session's last ``input.dedupe_ids_per_session`` event ids (in Bytewax's
snapshotted state, like the job's own session step) and passes only the
first decision of each event on to the lake. Replayed decisions follow their
originals closely (at most one snapshot interval of the job behind), so a
bounded memory is enough. A session's memory is dropped
``grooming.idle_evict_s`` (processing time) after its last decision, as the
job drops its session state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bytewax.operators import StatefulLogic

from tipline.schemas.clock import Clock
from tipline.schemas.decision import Decision
from tipline.sinks.dedupe import seen_before


@dataclass
class RecentIds:
    """A session's recent event ids (oldest first) and when it last had a decision."""

    seen: dict[str, None] = field(default_factory=dict)
    last_seen: datetime | None = None


class DropReplayed(StatefulLogic[Decision, Decision, RecentIds]):
    """Bytewax logic of step ``drop-replayed`` (module docs)."""

    def __init__(
        self,
        resume: RecentIds | None,
        *,
        limit: int,
        keep_s: float,
        clock: Clock,
        on_duplicate: Callable[[], object] = lambda: None,
    ) -> None:
        self._state = resume or RecentIds()
        self._limit = limit
        self._keep = timedelta(seconds=keep_s)
        self._clock = clock
        self._on_duplicate = on_duplicate

    def on_item(self, value: Decision) -> tuple[list[Decision], bool]:
        """Pass the first decision of an event; drop a replayed one."""
        self._state.last_seen = self._clock.now()
        if seen_before(self._state.seen, value.event_id, self._limit):
            self._on_duplicate()
            return [], StatefulLogic.RETAIN
        return [value], StatefulLogic.RETAIN

    def on_notify(self) -> tuple[list[Decision], bool]:
        """Forget an idle session."""
        return [], StatefulLogic.DISCARD

    def notify_at(self) -> datetime | None:
        """When the session's memory may go (processing time)."""
        last = self._state.last_seen
        return None if last is None else last + self._keep

    def snapshot(self) -> RecentIds:
        """Return a copy of the remembered ids for recovery."""
        return RecentIds(dict(self._state.seen), self._state.last_seen)
