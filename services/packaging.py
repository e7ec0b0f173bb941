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
from tipline.schemas.case import CaseRecord
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
        """Package ``cases`` in one group commit, then open their cases in another.

        Per case: its receipt, its receipt and an ``open-case`` dead letter (the
        evidence is stored; its draft and alert still go out), or a dead letter.
        """
        if not cases:
            return []
        started = perf_counter()
        try:
            outcomes = self.evidence.package_many(cases, now)
        except Exception as exc:  # the whole batch: a systemic error re-raises below
            outcomes = [exc] * len(cases)
        elapsed = perf_counter() - started
        observe_batch("evidence", len(cases), elapsed)  # per package: the batch's mean
        stage_timer("evidence-batch").observe(elapsed)
        out: list[list[EvidenceReceipt | DeadLetter]] = []
        stored: list[tuple[Case, EvidenceReceipt, list[EvidenceReceipt | DeadLetter]]] = []
        for case, outcome in zip(cases, outcomes, strict=True):
            if isinstance(outcome, Exception):
                out.append([self._letter(STAGE, case, outcome, now)])
                continue
            self.failures.ok(STAGE)
            out.append([outcome])
            stored.append((case, outcome, out[-1]))
        self._open_cases(stored, now)
        return out

    def _open_cases(
        self,
        stored: list[tuple[Case, EvidenceReceipt, list[EvidenceReceipt | DeadLetter]]],
        now: datetime,
    ) -> None:
        """Open the cases of stored packages in one group commit (existing ones are kept).

        A failure adds an ``open-case`` dead letter beside the receipt: the
        evidence is stored, so its draft and alert still go out.
        """
        records: list[CaseRecord] = []
        opening = []
        for case, receipt, results in stored:
            try:
                records.append(self._case_record(case, receipt.package_id, now))
                opening.append((case, results))
            except Exception as exc:
                results.append(self._letter("open-case", case, exc, now))
        try:
            self.cases.open_many(records)
        except Exception as exc:
            for case, results in opening:
                results.append(self._letter("open-case", case, exc, now))

    def _case_record(self, case: Case, package_id: str, now: datetime) -> CaseRecord:
        d, e, context = case.decision, case.event, case.context
        record = new_case(package_id, d, e, context, deadline_hours=self.deadline_hours, now=now)
        return msgspec.structs.replace(record, context=self.timeline(d, e, context))

    def _letter(self, stage: str, case: Case, exc: Exception, now: datetime) -> DeadLetter:
        source = case.decision.source
        return self.failures.letter(stage, exc, source=source, event=case.event, now=now)

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
        rows: dict[str, list[TimelineEntry]] = {}
        for (pid, firsts), outcome in zip(requests, outcomes, strict=True):
            try:
                if isinstance(outcome, Exception):
                    raise outcome
                if self.cases.exists(pid):
                    rows[pid] = self.following_rows(firsts)
            except Exception as exc:
                letters += self._follow_letters(pid, follow[pid], exc, now)
                continue
            self.failures.ok(STAGE)
        try:
            self.cases.add_following_many(rows)
        except Exception as exc:
            for pid in rows:
                letters += self._follow_letters(pid, follow[pid], exc, now)
        return letters

    def _follow_letters(
        self, pid: str, events: list[MessageEvent], exc: Exception, now: datetime
    ) -> list[DeadLetter]:
        return [
            self.failures.letter(
                STAGE, exc, source=follow_up_source(pid, e.event_id), event=e, now=now
            )
            for e in events
        ]
