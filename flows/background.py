"""Steps whose batches run on an ordered background worker, with sealed snapshots.

:class:`BackgroundLogic` is the Bytewax side of the pipeline's
:class:`~tipline.services.evidence_queue.OrderedWorker` threads: each batch is
handed over on the dataflow thread, which goes on; finished batches are
emitted in submission order, looked for every ``poll_ms``; a snapshot holds
the batches handed over and not yet emitted, sealed (AES-256-GCM under the
context-buffer key: a batch carries message text and media bytes, which never
rest outside the vault in clear), and a resumed logic submits them again, so
the work must be idempotent. At the end of the input the logic waits for its
batches. Used by ``package-evidence`` and ``report-draft``
(flows/evidence_step.py) and ``match-hashes`` (flows/match_step.py).
"""

from __future__ import annotations

import pickle
import zlib
from collections import deque
from concurrent.futures import Future
from datetime import datetime, timedelta
from typing import ClassVar, Generic, TypeVar

from bytewax.operators import StatefulBatchLogic

from tipline.flows.pipeline import Pipeline

T = TypeVar("T")  # the items of a background step
R = TypeVar("R")  # what it emits

# The item id of a snapshot's pending batches (each step seals under its own "session").
_SEAL_ITEM = "pending-batches"


def shard_of(shards: int, kv: tuple[str, T]) -> tuple[str, T]:
    """Key an item by the shard of its session id (a case, receipt or inbound message)."""
    session_id, item = kv
    return str(zlib.crc32(session_id.encode()) % shards), item


class BackgroundLogic(StatefulBatchLogic[T, R, bytes], Generic[T, R]):
    """A step whose batches run on one of the pipeline's ordered background workers.

    Batches are emitted in submission order once done; the snapshot holds the
    batches handed over and not yet emitted, sealed under ``seal_session``.
    """

    seal_session: ClassVar[str]

    def __init__(self, pipe: Pipeline, resume: bytes | None) -> None:
        self._pipe = pipe
        self._poll = timedelta(milliseconds=self._poll_ms())
        self._pending: deque[tuple[list[T], Future[list[R]]]] = deque()
        self._sealed: bytes | None = resume  # memo: unchanged pending, same snapshot
        self._prepare()
        if resume is not None:
            for batch in self._open(resume):
                self._submit(batch)

    def _poll_ms(self) -> float:
        """How often finished batches are looked for (``evidence.poll_ms`` unless overridden)."""
        return float(self._pipe.config.evidence.poll_ms)

    def _prepare(self) -> None:
        """Build on the dataflow thread what the worker uses (not lazily in the worker)."""

    def _hand_over(self, batch: list[T]) -> Future[list[R]]:
        raise NotImplementedError

    def on_batch(self, values: list[T]) -> tuple[list[R], bool]:
        """Hand the batch to the worker; emit the batches that are done."""
        self._submit(values)
        self._sealed = None
        return self._ready(), self._keep()

    def on_notify(self) -> tuple[list[R], bool]:
        """Emit the batches that are done, oldest first."""
        return self._ready(), self._keep()

    def on_eof(self) -> tuple[list[R], bool]:
        """Wait for every batch of this shard and emit them."""
        out: list[R] = []
        while self._pending:
            out += self._pending.popleft()[1].result()
        self._sealed = None
        return out, StatefulBatchLogic.DISCARD

    def notify_at(self) -> datetime | None:
        """Look again ``poll_ms`` from now while batches are in flight (processing time)."""
        return self._pipe.clock.now() + self._poll if self._pending else None

    def snapshot(self) -> bytes:
        """Return the batches handed over and not yet emitted, sealed."""
        if self._sealed is None:
            batches = [batch for batch, _ in self._pending]
            sealer = self._pipe.sealer(self.seal_session)
            assert sealer is not None  # the step exists only with evidence on
            self._sealed = sealer.seal_bytes(_SEAL_ITEM, pickle.dumps(batches, protocol=5))
        return self._sealed

    def _open(self, sealed: bytes) -> list[list[T]]:
        sealer = self._pipe.sealer(self.seal_session)
        assert sealer is not None
        # what is unpickled was sealed (authenticated) by this job's own key
        batches: list[list[T]] = pickle.loads(sealer.open_bytes(_SEAL_ITEM, sealed))  # noqa: S301
        return batches

    def _submit(self, batch: list[T]) -> None:
        self._pending.append((batch, self._hand_over(batch)))

    def _ready(self) -> list[R]:
        out: list[R] = []
        while self._pending and self._pending[0][1].done():
            # .result() raises a systemic fault of the batch here: the job stops
            out += self._pending.popleft()[1].result()
            self._sealed = None
        return out

    def _keep(self) -> bool:
        return StatefulBatchLogic.RETAIN if self._pending else StatefulBatchLogic.DISCARD


__all__ = ["BackgroundLogic", "shard_of"]
