"""The evidence service: packages, supplements, custody, holds, reads and destruction.

Built by :func:`build_evidence_service` from ``[evidence]`` and the environment
(the only place keys are read). Invariants it keeps:

- Evidence first: :meth:`EvidenceService.package` returns a receipt only after
  every object and the ``packaged`` custody event are durable; it raises
  ``VaultWriteError`` otherwise. It is idempotent by a package id derived from
  the event id: a second call returns the stored receipt and writes nothing.
- Custody before bytes: every read of evidence bytes appends its ``viewed`` or
  ``exported`` custody event first (who, when, why).
- Retention only grows; destruction is crypto-shredding plus a tombstone event.

Write order of a package (a crash at any point is resumed by a retry): wrapped
data key → sealed items → manifest v1 → its signature → custody event 0
(the commit point) → checkpoint.

Parts: :mod:`.base` (state, access, custody append), :mod:`.packaging`,
:mod:`.group` and :mod:`.supplements` (many cases, many follow-up batches, each in
one group commit: the flow's path),
:mod:`.custody` (submission, holds, drafts, destruction), :mod:`.reading`
(list, show, open) and :mod:`.verification`; :mod:`.build` wires them from config.
"""

from tipline.operators.evidence.plan import SYSTEM_OPERATOR
from tipline.services.evidence.build import build_evidence_service, s3_client
from tipline.services.evidence.group import Case
from tipline.services.evidence.reading import PackageSummary
from tipline.services.evidence.service import EvidenceService, open_item

__all__ = [
    "SYSTEM_OPERATOR",
    "Case",
    "EvidenceService",
    "PackageSummary",
    "build_evidence_service",
    "open_item",
    "s3_client",
]
