"""The evidence-vault services the ``tipline reports`` commands use.

``--reveal`` and ``submit`` read evidence bytes only through the vault, which
checks the operator's role and writes the custody event before releasing
them; ``submit`` checks the ``submitter`` role before anything is sent; a
finished submission places the one-year 2258A(h) preservation hold;
``fileViewedByEsp`` is answered from the custody log.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from tipline.cli.runtime import Runtime, runtime_of
from tipline.operators.report import CustodyView
from tipline.schemas.config import TiplineConfig
from tipline.schemas.errors import AccessDeniedError, EvidenceError
from tipline.schemas.evidence import Role
from tipline.schemas.report import ReportDraft, Viewer
from tipline.services.cases import SUBJECT_DRAFT, recorded_status
from tipline.services.evidence import EvidenceService, build_evidence_service
from tipline.services.submission import SUBMITTER, OnFinished, OpenItem


@dataclass(frozen=True, slots=True)
class EvidenceServices:
    """What the reports commands need from the evidence vault."""

    open_item: OpenItem
    on_finished: OnFinished
    operator: str = SUBMITTER
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
    """Return the operator running a command, as the signed role policy establishes it.

    Identity ``os``: the OS account (``--operator`` may only repeat it);
    identity ``env``: ``--operator`` or the configured env var.

    Raises:
        AccessDeniedError: no identity, or ``--operator`` is not the OS account.

    """
    env = runtime_of(args).env
    service = build_evidence_service(cfg.evidence, env=env)
    return service.identify(getattr(args, "operator", None), env)


def require_role(cfg: TiplineConfig, rt: Runtime, who: str | None, role: Role) -> str:
    """Identify the caller (``who`` as asserted) and check it holds ``role``.

    Returns:
        The caller's identity.

    Raises:
        AccessDeniedError: no identity, a forged identity, or a missing role.

    """
    service = build_evidence_service(cfg.evidence, env=rt.env)
    caller = service.identify(who, rt.env)
    service.require(caller, role)
    return caller


def _approval_problem(service: EvidenceService, draft: ReportDraft) -> str | None:
    """Check the status ``draft.json`` says against its custody log."""
    logged = recorded_status(service.custody_log(draft.package_id), SUBJECT_DRAFT, "draft")
    if logged == draft.status:
        return None
    return (
        f"draft {draft.draft_id!r} says status {draft.status!r} but the custody log of "
        f"package {draft.package_id!r} says {logged!r} (draft.json was edited by hand?)"
    )


def unbacked_drafts(service: EvidenceService, drafts: Iterable[ReportDraft]) -> list[str]:
    """Return one problem line per draft whose status has no custody approval."""
    problems = []
    for draft in drafts:
        try:
            problem = _approval_problem(service, draft)
        except EvidenceError as exc:
            problem = f"draft {draft.draft_id!r}: {exc}"
        if problem:
            problems.append(problem)
    return problems


def evidence_services(cfg: TiplineConfig, args: argparse.Namespace) -> EvidenceServices:
    """Build the reports commands' view of the evidence vault for this operator.

    Raises:
        AccessDeniedError: no identity, a missing role (``submit`` needs
            ``submitter``, checked before anything is sent), or no reason.

    """
    rt = runtime_of(args)
    service = build_evidence_service(cfg.evidence, env=rt.env)
    operator = service.identify(getattr(args, "operator", None), rt.env)
    if getattr(args, "reports_command", None) == "submit":
        service.require(operator, "submitter")
    reason = getattr(args, "reason", "")
    if not reason:
        msg = "a reason (case reference) is required for the custody log (--reason)"
        raise AccessDeniedError(msg)

    def open_item(package_id: str, item_id: str) -> bytes:
        now = rt.now()
        return service.open_item(package_id, item_id, operator=operator, reason=reason, now=now)

    def on_finished(package_id: str, report_id: str, at: datetime) -> None:
        service.record_submission(package_id, report_id=report_id, operator=operator, now=at)

    return EvidenceServices(
        operator=operator,
        open_item=open_item,
        on_finished=on_finished,
        custody=_CustodyViewers(service),
    )
