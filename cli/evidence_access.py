"""The evidence-vault services the ``tipline reports`` commands use.

``--reveal`` and ``submit`` read evidence bytes only through the vault, which
checks the operator's role and writes the custody event before releasing
them; ``submit`` checks the ``submitter`` role before anything is sent; a
finished submission places the one-year 2258A(h) preservation hold;
``fileViewedByEsp`` is answered from the custody log.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from datetime import UTC, datetime

from tipline.operators.report import CustodyView
from tipline.schemas.config import TiplineConfig
from tipline.schemas.errors import AccessDeniedError
from tipline.schemas.evidence import Role
from tipline.schemas.report import Viewer
from tipline.services.evidence import EvidenceService, build_evidence_service
from tipline.services.submission import OnFinished, OpenItem


@dataclass(frozen=True, slots=True)
class EvidenceServices:
    """What the reports commands need from the evidence vault."""

    open_item: OpenItem
    on_finished: OnFinished
    custody: CustodyView | None = None


class _CustodyViewers:
    """Who viewed an item, from the package's custody log."""

    def __init__(self, service: EvidenceService) -> None:
        self._service = service

    def viewers(self, package_id: str, item_id: str) -> list[Viewer]:
        return [
            Viewer(actor=e.operator, at=e.at, reason=e.reason)
            for e in self._service.custody_views(package_id)
            if item_id in e.item_ids
        ]


def operator_identity(cfg: TiplineConfig, args: argparse.Namespace) -> str:
    """Return the operator running a command: ``--operator`` or the configured env var.

    Raises:
        AccessDeniedError: no identity was given.

    """
    env_name = cfg.evidence.access.operator_env
    operator = getattr(args, "operator", None) or os.environ.get(env_name)
    if not operator:
        msg = f"an operator identity is required (--operator or ${env_name})"
        raise AccessDeniedError(msg)
    return operator


def require_role(cfg: TiplineConfig, who: str, role: Role) -> None:
    """Check that ``who`` holds ``role`` in ``[evidence.access]``.

    Raises:
        AccessDeniedError: unknown identity or missing role.

    """
    build_evidence_service(cfg.evidence, env=os.environ).require(who, role)


def evidence_services(cfg: TiplineConfig, args: argparse.Namespace) -> EvidenceServices:
    """Build the reports commands' view of the evidence vault for this operator.

    Raises:
        AccessDeniedError: no identity, a missing role (``submit`` needs
            ``submitter``, checked before anything is sent), or no reason.

    """
    service = build_evidence_service(cfg.evidence, env=os.environ)
    operator = operator_identity(cfg, args)
    if getattr(args, "reports_command", None) == "submit":
        service.require(operator, "submitter")
    reason = getattr(args, "reason", "")
    if not reason:
        msg = "a reason (case reference) is required for the custody log (--reason)"
        raise AccessDeniedError(msg)

    def open_item(package_id: str, item_id: str) -> bytes:
        now = datetime.now(UTC)
        return service.open_item(package_id, item_id, operator=operator, reason=reason, now=now)

    def on_finished(package_id: str, report_id: str, at: datetime) -> None:
        service.record_submission(package_id, report_id=report_id, operator=operator, now=at)

    return EvidenceServices(
        open_item=open_item, on_finished=on_finished, custody=_CustodyViewers(service)
    )
