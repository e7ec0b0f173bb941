"""CyberTipline report drafts and their status."""

from __future__ import annotations

from schemas.section import PositiveFloat, Section


class ReportsConfig(Section):
    """Report drafting: where drafts go and the internal deadline."""

    enabled: bool = True
    path: str = "out/demo/reports"
    deadline_hours: PositiveFloat = 24.0
