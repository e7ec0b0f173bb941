"""The evidence service: one class assembled from its parts (see the package docstring)."""

from __future__ import annotations

from datetime import datetime

from tipline.services.evidence.custody import CustodyMixin
from tipline.services.evidence.group import GroupPackagingMixin
from tipline.services.evidence.packaging import PackagingMixin
from tipline.services.evidence.reading import ReadingMixin
from tipline.services.evidence.supplements import GroupSupplementMixin
from tipline.services.evidence.verification import VerificationMixin


class EvidenceService(
    PackagingMixin,
    GroupPackagingMixin,
    GroupSupplementMixin,
    ReadingMixin,
    VerificationMixin,
    CustodyMixin,
):
    """Writes and reads evidence packages in one vault with one key store."""


def open_item(
    service: EvidenceService,
    package_id: str,
    item_id: str,
    *,
    operator: str,
    reason: str,
    now: datetime,
) -> bytes:
    """Return one item's original bytes; the ``viewed`` custody event is written first.

    For report reviewers (``--reveal``): afterwards
    ``service.item_viewed(package_id, item_id)`` returns that event, which is
    what CyberTipline ``fileViewedByEsp`` must reflect.
    """
    return service.open_item(package_id, item_id, operator=operator, reason=reason, now=now)
