"""A sink that hands each item to a write function (report drafts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bytewax.outputs import DynamicSink, StatelessSinkPartition


class _CallbackPartition(StatelessSinkPartition[Any]):
    def __init__(self, write: Callable[[Any], object]) -> None:
        self._write = write

    def write_batch(self, items: list[Any]) -> None:
        for item in items:
            self._write(item)


class CallbackSink(DynamicSink[Any]):
    """A sink that hands each item to a write function (idempotent writers only)."""

    def __init__(self, make_writer: Callable[[], Callable[[Any], object]]) -> None:
        self._make_writer = make_writer

    def build(self, step_id: str, worker_index: int, worker_count: int) -> _CallbackPartition:
        """Build one worker's partition with a fresh writer."""
        return _CallbackPartition(self._make_writer())
