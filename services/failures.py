"""The flow's failure tracker: per-event failures become dead letters, systemic ones stop.

What counts as systemic, the circuit breaker and the content-free reasons are
in :mod:`tipline.operators.failures` (the table of exceptions is there).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import NoReturn

from tipline.operators.failures import (
    BREAKER_LIMIT,
    SystemicFailure,
    is_systemic,
    reason_of,
)
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.errors import TiplineError
from tipline.schemas.event import MessageEvent, encode_event
from tipline.schemas.source import SourcePosition
from tipline.services.metrics import METRICS


@dataclass
class FailureTracker:
    """Turns per-event exceptions into dead letters; re-raises systemic ones.

    One tracker serves every thread of a process (the dataflow workers, the
    background match, evidence and draft threads), and a stage may succeed on
    one thread while it fails on another (``match-hashes``: text on the flow
    thread, images on the match thread). Its streaks change under a lock, so
    no success's reset and no failure's count is lost between threads.
    """

    limit: int = BREAKER_LIMIT
    _streak: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def ok(self, stage: str) -> None:
        """Record a success of ``stage`` (resets its breaker)."""
        if self._streak.get(stage):  # the common case (no streak) takes no lock
            with self._lock:
                self._streak[stage] = 0

    def letter(
        self,
        stage: str,
        exc: Exception,
        *,
        source: SourcePosition,
        event: MessageEvent | None,
        now: datetime,
        raw: bytes | None = None,
    ) -> DeadLetter:
        """Return the dead letter of one event that failed ``stage``.

        Raises:
            Exception: ``exc`` itself when it is systemic; :class:`SystemicFailure`
                when the breaker trips.

        """
        if is_systemic(exc):
            raise exc
        if not isinstance(exc, TiplineError):
            self._trip(stage, exc)
        METRICS.dead_letters.labels(stage, type(exc).__name__).inc()
        return DeadLetter(
            stage=stage,
            error_type=type(exc).__name__,
            error=reason_of(exc),
            source=source,
            raw=raw if raw is not None else (encode_event(event) if event is not None else b""),
            event_id=event.event_id if event is not None else None,
            at=now,
        )

    def _trip(self, stage: str, exc: Exception) -> None:
        with self._lock:
            streak = self._streak.get(stage, 0) + 1
            tripped = streak >= self.limit
            self._streak[stage] = 0 if tripped else streak
        if tripped:
            _raise_breaker(stage, streak, exc)


def _raise_breaker(stage: str, streak: int, exc: Exception) -> NoReturn:
    msg = (
        f"step {stage} failed {streak} events in a row with unexpected "
        f"{type(exc).__name__}; stopping (a bug, not bad data)"
    )
    raise SystemicFailure(msg) from exc


def follow_up_source(package_id: str, event_id: str) -> SourcePosition:
    """Return the source position of a following message's dead letter (no input position)."""
    return SourcePosition(kind="file", file=f"follow-up/{package_id}/{event_id}")


def tipline_cause(exc: BaseException) -> TiplineError | None:
    """Return the TiplineError that made the engine fail, if any (along the cause chain)."""
    seen: BaseException | None = exc
    hops = 0
    while seen is not None and hops < 20:
        if isinstance(seen, TiplineError):
            return seen
        seen = seen.__cause__ or seen.__context__
        hops += 1
    return None


def stopped_by_signal(exc: BaseException) -> bool:
    """Whether an engine error is the stop that SIGTERM/SIGINT asked for."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt) or "signal received" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
