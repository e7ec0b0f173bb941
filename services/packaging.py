"""The flow's ``package-evidence`` work without Bytewax: group-committed cases, follow-ups.

:class:`PackagingStep` packages the cases of one flow batch with one group
commit (:meth:`EvidenceService.package_many`), then opens their review cases;
messages that followed a case are added to its package. Invariants:

- Evidence first: a receipt is returned only after its package is durable;
  the flow builds alerts and drafts from receipts only.
- A per-case (per-package) failure becomes a dead letter of stage ``package-evidence``
  (and the other cases of the batch go on); a systemic one (storage, keys)
  raises from :class:`~tipline.services.failures.FailureTracker`, the job
  stops, and recovery redoes the batch idempotently (package ids derive from
  event ids).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from time import perf_counter

import msgspec

from tipline.operators.evidence.followups import first_of_each
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.decision import Decision
from tipline.schemas.event import MessageEvent
from tipline.schemas.evidence import EvidenceReceipt
from tipline.schemas.report import TimelineEntry
from tipline.services.cases import new_case
from tipline.services.evidence import Case, EvidenceService
from tipline.services.failures import FailureTracker, follow_up_source
from tipline.services.metrics import observe_batch, stage_timer
from tipline.sinks.cases import CasesSink

STAGE = "package-evidence"

Timeline = Callable[[Decision, MessageEvent, Sequence[MessageEvent]], list[TimelineEntry]]


@dataclass
class PackagingStep:
    """Evidence packaging and case opening for one worker (see the module docstring)."""

    evidence: EvidenceService
    cases: CasesSink
    failures: FailureTracker
    deadline_hours: float
    timeline: Timeline
    following_rows: Callable[[list[MessageEvent]], list[TimelineEntry]]

    def package_cases(
        self, cases: Sequence[Case], now: datetime
    ) -> list[list[EvidenceReceipt | DeadLetter]]:
        """Package ``cases`` in one group commit; per case its receipt and/or dead letters."""
        if not cases:
            return []
        started = perf_counter()
        try:
            outcomes = self.evidence.package_many(cases, now)
        except Exception as exc:  # the whole batch: a systemic error re-raises in _opened
            outcomes = [exc] * len(cases)
        elapsed = perf_counter() - started
        observe_batch("evidence", len(cases), elapsed)  # per package: the batch's mean
        stage_timer("evidence-batch").observe(elapsed)
        return [self._opened(c, o, now) for c, o in zip(cases, outcomes, strict=True)]

    def _opened(
        self, case: Case, outcome: EvidenceReceipt | Exception, now: datetime
    ) -> list[EvidenceReceipt | DeadLetter]:
        decision, event = case.decision, case.event
        if isinstance(outcome, Exception):
            return [
                self.failures.letter(STAGE, outcome, source=decision.source, event=event, now=now)
            ]
        self.failures.ok(STAGE)
        try:
            self._open_case(case, outcome.package_id, now)
        except Exception as exc:  # the evidence is stored: its draft and alert still go out
            letter = self.failures.letter(
                "open-case", exc, source=decision.source, event=event, now=now
            )
            return [outcome, letter]
        return [outcome]

    def _open_case(self, case: Case, package_id: str, now: datetime) -> None:
        """Open the review or report case of a packaged decision (kept if it exists)."""
        d, e, context = case.decision, case.event, case.context
        record = new_case(package_id, d, e, context, deadline_hours=self.deadline_hours, now=now)
        self.cases.open(msgspec.structs.replace(record, context=self.timeline(d, e, context)))

    def follow_ups(
        self, follow: Mapping[str, list[MessageEvent]], now: datetime
    ) -> list[DeadLetter]:
        """Add the messages that followed cases to their packages, in one group commit.

        One manifest version per package; the case notes who sent each
        message and when, with its signals (no text). A package's failure is a
        dead letter per message.
        """
        if not follow:
            return []
        requests = [(pid, first_of_each(events)) for pid, events in follow.items()]
        started = perf_counter()
        try:
            outcomes = self.evidence.add_contexts_many(requests, now)
        except Exception as exc:  # the whole batch: a systemic error re-raises below
            outcomes = [exc] * len(requests)
        observe_batch("evidence", len(requests), perf_counter() - started)
        letters: list[DeadLetter] = []
        for (pid, firsts), outcome in zip(requests, outcomes, strict=True):
            try:
                if isinstance(outcome, Exception):
                    raise outcome
                if self.cases.exists(pid):
                    self.cases.add_following(pid, self.following_rows(firsts))
            except Exception as exc:
                letters += [
                    self.failures.letter(
                        STAGE, exc, source=follow_up_source(pid, e.event_id), event=e, now=now
                    )
                    for e in follow[pid]
                ]
                continue
            self.failures.ok(STAGE)
        return letters
