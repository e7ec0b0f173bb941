"""The ``package-evidence`` step with packaging off the dataflow thread.

With ``evidence.executor = "background"`` (the default) the cases and
follow-up batches are keyed by a shard of their session id
(``evidence.shards``) and each shard's :class:`EvidenceLogic` hands every
batch to the pipeline's :class:`~tipline.services.evidence_queue.OrderedWorker`.
The dataflow thread goes on scoring; the logic emits a batch's receipts and
dead letters when the batch is durable, oldest first, checking every
``evidence.poll_ms``. Evidence first still holds: an alert or draft is built
downstream of a receipt only.

Nothing is lost across a crash: a snapshot holds every batch handed over and
not yet emitted, sealed (AES-256-GCM under the context-buffer key, like the
session context: a batch carries message text and media bytes, which never
rest outside the vault in clear). A resumed logic submits them again;
packaging is idempotent (package ids derive from event ids), so a batch that
was already durable gets its receipts back without a second package, and
downstream emits them once. At the end of the input the logic waits for its
batches.

The ``report-draft`` step works the same way (:class:`DraftLogic`): the
receipts of ``report`` cases are keyed by the same shards and handed to the
pipeline's draft worker, which builds each CyberTipline draft (XML, XSD
validation) and stores it (``DraftsSink``: three fsynced files) before the
logic emits it. Storing is idempotent (an existing draft is kept), so a batch
re-driven after a crash stores nothing twice. With an override sink (tests,
replays) the worker only builds, and the sink downstream receives the drafts.
"""

from __future__ import annotations

from concurrent.futures import Future

from tipline.flows.background import BackgroundLogic, shard_of
from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Decided, FollowUps, Packaged
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.report import ReportDraft
from tipline.sinks.drafts import DraftWriter

Item = Decided | FollowUps
Out = Packaged | DeadLetter


class EvidenceLogic(BackgroundLogic[Item, Out]):
    """Bytewax logic of one evidence shard; the work runs on ``pipe.evidence_worker``."""

    seal_session = "evidence-queue"

    def _prepare(self) -> None:
        self._pipe.packaging  # noqa: B018 - built here, on the dataflow thread, not in the worker

    def _hand_over(self, batch: list[Item]) -> Future[list[Out]]:
        return self._pipe.evidence_worker.submit(batch)


class DraftLogic(BackgroundLogic[Packaged, ReportDraft | DeadLetter]):
    """Bytewax logic of one draft shard; the work runs on ``pipe.draft_worker``.

    ``write`` stores a built draft (None: an override sink downstream does).
    """

    seal_session = "draft-queue"

    def __init__(self, pipe: Pipeline, resume: bytes | None, write: DraftWriter | None) -> None:
        self._write = write
        super().__init__(pipe, resume)

    def _prepare(self) -> None:
        self._pipe.draft_worker  # noqa: B018 - started here, on the dataflow thread

    def _hand_over(self, batch: list[Packaged]) -> Future[list[ReportDraft | DeadLetter]]:
        return self._pipe.draft_worker.submit((batch, self._write))


def draft_shard(shards: int, packaged: Packaged) -> tuple[str, Packaged]:
    """Key a receipt by the shard of its session id (the evidence step's shards)."""
    return shard_of(shards, (packaged.decided.decision.session_id, packaged))


__all__ = ["DraftLogic", "EvidenceLogic", "draft_shard", "shard_of"]
