"""What the review console needs from the case service (a Protocol, so tests can fake it)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from tipline.schemas.case import CaseDetail, CaseSummary, Classification


class CaseBackend(Protocol):
    """The methods of :class:`tipline.services.cases.CaseService` the console calls."""

    def queue(self, now: datetime) -> list[CaseSummary]: ...  # noqa: D102

    def detail(  # noqa: D102
        self, case_id: str, *, reviewer: str, reason: str, now: datetime, reveal_text: bool
    ) -> CaseDetail: ...

    def claim(self, case_id: str, *, reviewer: str, now: datetime) -> CaseSummary: ...  # noqa: D102

    def dismiss(  # noqa: D102
        self, case_id: str, *, reviewer: str, reason: str, now: datetime
    ) -> CaseSummary: ...

    def escalate(  # noqa: D102
        self, case_id: str, *, reviewer: str, reason: str, now: datetime
    ) -> CaseSummary: ...

    def request_context(  # noqa: D102
        self, case_id: str, *, reviewer: str, note: str, now: datetime
    ) -> CaseSummary: ...

    def approve(self, case_id: str, *, reviewer: str, now: datetime) -> CaseSummary: ...  # noqa: D102

    def reject(  # noqa: D102
        self, case_id: str, *, reviewer: str, reason: str, now: datetime
    ) -> CaseSummary: ...

    def rebuild(self, case_id: str, *, reviewer: str, now: datetime) -> CaseSummary: ...  # noqa: D102

    def classify(  # noqa: D102
        self,
        case_id: str,
        item_id: str,
        *,
        reviewer: str,
        classification: Classification,
        now: datetime,
    ) -> None: ...

    def annotate(self, case_id: str, *, reviewer: str, note: str, now: datetime) -> None: ...  # noqa: D102

    def reveal_media(  # noqa: D102
        self, case_id: str, item_id: str, *, reviewer: str, reason: str, now: datetime
    ) -> bytes: ...

    def preview_media(  # noqa: D102
        self, case_id: str, item_id: str, *, reviewer: str, now: datetime
    ) -> bytes: ...
