"""An input source wrapper that reports every poll to :data:`tipline.services.health.HEALTH`.

Bytewax polls each input partition (``next_batch``) in its worker's loop;
a poll that returns no records (an idle topic) still counts as progress. A
worker stuck in any step stops polling, so its partitions stop beating and
``/healthz`` turns 503 after ``metrics.stall_after_s``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar

from bytewax.inputs import FixedPartitionedSource, StatefulSourcePartition

from tipline.services.health import HEALTH, Health

X = TypeVar("X")
S = TypeVar("S")


class _Partition(StatefulSourcePartition[X, S], Generic[X, S]):
    def __init__(self, inner: StatefulSourcePartition[X, S], name: str, health: Health) -> None:
        self._inner = inner
        self._name = name
        self._health = health
        health.beat(name, 0)

    def next_batch(self) -> list[X]:
        try:
            batch = list(self._inner.next_batch())
        except StopIteration:
            self._health.done(self._name)
            raise
        self._health.beat(self._name, len(batch))
        return batch

    def next_awake(self) -> datetime | None:
        return self._inner.next_awake()

    def snapshot(self) -> S:
        return self._inner.snapshot()

    def close(self) -> None:
        self._health.done(self._name)
        self._inner.close()


class HeartbeatSource(FixedPartitionedSource[X, S], Generic[X, S]):
    """Delegate to ``inner``; every partition beats on each poll."""

    def __init__(self, inner: FixedPartitionedSource[X, S], health: Health = HEALTH) -> None:
        self._inner = inner
        self._health = health

    def list_parts(self) -> list[str]:
        """List the inner source's partitions."""
        return self._inner.list_parts()

    def build_part(self, step_id: str, for_part: str, resume_state: S | None) -> Any:
        """Build the inner partition, wrapped."""
        inner = self._inner.build_part(step_id, for_part, resume_state)
        return _Partition(inner, for_part, self._health)
