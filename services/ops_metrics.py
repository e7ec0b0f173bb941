"""Operational gauges: build info, the report-deadline SLO, dataflow progress.

- ``tipline_build_info{version,detector_version}`` = 1;
- ``tipline_report_drafts_pending{incident_type}``: drafts not yet sent
  (status ``draft``, ``approved`` or ``failed``);
- ``tipline_report_drafts_overdue{incident_type}``: pending drafts past their
  deadline (the 24-hour compliance SLO: alert when above 0);
- ``tipline_report_drafts_next_deadline_seconds``: seconds until the nearest
  pending deadline (negative when overdue; NaN when nothing is pending);
- ``tipline_report_drafts_scan_timestamp_seconds``: when the drafts store was
  last scanned (the runner scans it every ``metrics.drafts_scan_s``).

Labels are the bounded incident types, never ids or content.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from typing import Final

from prometheus_client import Gauge

from tipline.schemas.report import ReportDraft
from tipline.services.metrics import metric

PENDING: Final = frozenset({"draft", "approved", "failed"})


@dataclass(frozen=True)
class _OpsMetrics:
    build_info: Gauge = metric(
        Gauge, "tipline_build_info", "1, labelled with the build", "version", "detector_version"
    )
    drafts_pending: Gauge = metric(
        Gauge,
        "tipline_report_drafts_pending",
        "Report drafts not yet sent (draft, approved, failed)",
        "incident_type",
    )
    drafts_overdue: Gauge = metric(
        Gauge,
        "tipline_report_drafts_overdue",
        "Pending report drafts past their deadline",
        "incident_type",
    )
    next_deadline: Gauge = metric(
        Gauge,
        "tipline_report_drafts_next_deadline_seconds",
        "Seconds until the nearest pending draft deadline (negative: overdue)",
    )
    drafts_scanned: Gauge = metric(
        Gauge, "tipline_report_drafts_scan_timestamp_seconds", "When the drafts store was scanned"
    )


OPS = _OpsMetrics()
_SEEN_TYPES: set[str] = set()


def build_version() -> str:
    """Return the installed package's version (``0+unknown`` when not installed)."""
    try:
        return metadata.version("tipline")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def set_build_info(version: str, detector_version: str) -> None:
    """Publish ``tipline_build_info`` (one series)."""
    OPS.build_info.clear()
    OPS.build_info.labels(version=version, detector_version=detector_version).set(1)


@dataclass(frozen=True, slots=True)
class DraftCounts:
    """What one scan of the drafts store found."""

    pending: dict[str, int]
    overdue: dict[str, int]
    next_deadline_s: float | None


def count_drafts(drafts: Iterable[ReportDraft], now: datetime) -> DraftCounts:
    """Count pending and overdue drafts by incident type."""
    pending: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    nearest: float | None = None
    for draft in drafts:
        if draft.status not in PENDING:
            continue
        pending[draft.incident_type] += 1
        left = (draft.deadline - now).total_seconds()
        if left < 0:
            overdue[draft.incident_type] += 1
        nearest = left if nearest is None else min(nearest, left)
    return DraftCounts(dict(pending), dict(overdue), nearest)


def publish_draft_counts(counts: DraftCounts, now: datetime) -> None:
    """Set the draft gauges; a type seen before and absent now reads 0."""
    types = _SEEN_TYPES | set(counts.pending)
    _SEEN_TYPES.update(types)
    for kind in sorted(types):
        OPS.drafts_pending.labels(kind).set(counts.pending.get(kind, 0))
        OPS.drafts_overdue.labels(kind).set(counts.overdue.get(kind, 0))
    if counts.next_deadline_s is None:
        OPS.next_deadline.set(float("nan"))
    else:
        OPS.next_deadline.set(counts.next_deadline_s)
    OPS.drafts_scanned.set(now.timestamp())
