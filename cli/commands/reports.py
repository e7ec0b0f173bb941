"""``tipline reports …``: list, show, review (HTML), approve and submit drafts.

``cli/main.py`` calls :func:`register` with the top-level subparsers and
:func:`tipline.cli.evidence_access.evidence_services`, the factory of the vault
services (reading item bytes, the custody-log view query, the preservation
hold). Without a factory ``submit`` and ``html --reveal`` refuse with exit 2.

Invariants: ``list``, ``show`` and ``html`` (without ``--reveal``) print ids,
hashes, account facts, times and signal names only; content needs
``--reveal`` and goes through the vault, which logs the view.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Final

from tipline.cli.evidence_access import (
    EvidenceServices,
    require_role,
)
from tipline.cli.exit_codes import guarded
from tipline.cli.output import add_json_flag, print_json, wants_json
from tipline.cli.runtime import runtime_of
from tipline.operators.report import render_review_page
from tipline.operators.report.review_page import countdown
from tipline.schemas.case import TimelineMessage
from tipline.schemas.config import TiplineConfig, load_config
from tipline.schemas.errors import TiplineError
from tipline.schemas.report import ReportDraft
from tipline.services.cases import CaseService, CustodyDrafts
from tipline.services.evidence import build_evidence_service
from tipline.services.submission import client_from_env, submit_draft
from tipline.services.vault_ledger import write_vault_checkpoint
from tipline.sinks.drafts import DraftsSink
from tipline.sinks.durable import write_atomic

DEFAULT_CONFIG: Final = "config/default.toml"
SHORT_TYPES: Final = {
    "Child Pornography (possession, manufacture, and distribution)": "CSAM",
    "Online Enticement of Children for Sexual Acts": "enticement",
}


#: Statuses whose internal deadline still runs (rejected, submitted and finished stop it).
PENDING: Final = frozenset({"draft", "approved", "failed", "retracted"})

ServicesFactory = Callable[[TiplineConfig, argparse.Namespace], EvidenceServices]


def _config(args: argparse.Namespace) -> TiplineConfig:
    return load_config(getattr(args, "config", DEFAULT_CONFIG))


def _sink(cfg: TiplineConfig) -> DraftsSink:
    return DraftsSink(cfg.reports.path)


def _custody_sink(cfg: TiplineConfig, args: argparse.Namespace) -> CustodyDrafts:
    """Return the drafts store that custody-logs status changes first (approve, submit)."""
    evidence = build_evidence_service(cfg.evidence, env=runtime_of(args).env)
    return CustodyDrafts(cfg.reports.path, evidence)


def _cases(cfg: TiplineConfig, args: argparse.Namespace) -> CaseService:
    return CaseService(cfg, evidence=build_evidence_service(cfg.evidence, env=runtime_of(args).env))


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(f"tipline reports: {text}\n")


@guarded("reports")
def cmd_list(args: argparse.Namespace) -> int:
    """Print every draft, soonest deadline first, with a countdown (``--json``: one array)."""
    now = runtime_of(args).now()
    drafts = sorted(_sink(_config(args)).drafts(), key=lambda d: d.deadline)
    if wants_json(args):
        print_json([_list_row(d, now) for d in drafts])
        return 0
    if not drafts:
        _err("no report drafts")
        return 0
    _out(f"{'deadline':<24} {'status':<10} {'type':<12} {'blocking':>8}  draft id")
    for d in drafts:
        left = countdown(d.deadline, now)[0] if d.status in PENDING else "-"
        kind = SHORT_TYPES.get(d.incident_type, d.incident_type[:12])
        _out(f"{left:<24} {d.status:<10} {kind:<12} {len(d.blocking_missing()):>8}  {d.draft_id}")
    return 0


def _list_row(d: ReportDraft, now: datetime) -> dict[str, object]:
    """One draft as ids, status, type, deadline and counts (never XML or message text)."""
    return {
        "draft_id": d.draft_id,
        "package_id": d.package_id,
        "status": d.status,
        "incident_type": d.incident_type,
        "deadline": d.deadline.isoformat(),
        "overdue": d.status in PENDING and d.deadline <= now,
        "blocking_missing": [m.path for m in d.blocking_missing()],
        "files": len(d.files),
    }


def _show_lines(draft: ReportDraft, now: datetime) -> list[str]:
    left, _ = countdown(draft.deadline, now)
    lines = [
        f"draft      {draft.draft_id}  ({draft.status})",
        f"incident   {draft.incident_type}",
        f"deadline   {draft.deadline.isoformat()}  ({left})",
        f"reasons    {', '.join(draft.reasons) or '-'}",
        f"ncmec id   {draft.ncmec_report_id or '-'}",
        "files:",
        *(f"  {f.relevance:<22} {f.item_id}  md5 {f.md5}" for f in draft.files),
        "missing:",
        *(f"  [{m.severity}] {m.path}: {m.hint}" for m in draft.missing),
        "history:",
        *(f"  {h.at.isoformat()} {h.status:<10} {h.actor} {h.note or ''}" for h in draft.history),
    ]
    return lines


@guarded("reports")
def cmd_show(args: argparse.Namespace) -> int:
    """Print one draft's summary (``--xml`` prints the exact report XML instead)."""
    draft = _sink(_config(args)).read(args.draft_id)
    if args.xml:
        sys.stdout.write(draft.report_xml)
        return 0
    if wants_json(args):
        row = _list_row(draft, runtime_of(args).now())
        row["history"] = [
            {"status": h.status, "at": h.at.isoformat(), "actor": h.actor} for h in draft.history
        ]
        print_json(row)
        return 0
    _out("\n".join(_show_lines(draft, runtime_of(args).now())))
    return 0


def _reveal(draft: ReportDraft, services: EvidenceServices | None) -> dict[str, bytes] | None:
    if services is None:
        msg = "--reveal needs the evidence vault services (not wired into the CLI yet)"
        raise _NotWired(msg)
    # Media only: the conversation's text comes through the case timeline (one logged view).
    return {
        f.item_id: services.open_item(draft.package_id, f.item_id)
        for f in draft.files
        if f.role == "attachment"
    }


class _NotWired(TiplineError):
    """A command needs evidence services the CLI was not given."""


def _conversation(
    cfg: TiplineConfig, args: argparse.Namespace, reveal: bool
) -> list[TimelineMessage] | None:
    """Return the case's timeline (following messages too; text only with ``reveal``, logged)."""
    from tipline.cli.evidence_access import operator_identity  # noqa: PLC0415
    from tipline.services.cases import CaseService  # noqa: PLC0415
    from tipline.services.evidence import build_evidence_service  # noqa: PLC0415

    who = operator_identity(cfg, args) if reveal else ""
    if not reveal and cfg.evidence.backend == "local" and not Path(cfg.evidence.path).is_dir():
        return None  # no vault here (and no dev keys get made): the draft's own timeline
    try:
        evidence = build_evidence_service(cfg.evidence, env=runtime_of(args).env)
        detail = CaseService(cfg, evidence=evidence).detail(
            args.draft_id,
            reviewer=who,
            reason=args.reason,
            now=runtime_of(args).now(),
            reveal_text=reveal,
        )
    except TiplineError:
        if reveal:
            raise
        return None  # no vault here: the page shows the draft's own timeline
    return detail.timeline


def _html(args: argparse.Namespace, factory: ServicesFactory | None) -> int:
    cfg = _config(args)
    draft = _sink(cfg).read(args.draft_id)
    revealed = None
    if args.reveal:
        try:
            revealed = _reveal(draft, factory(cfg, args) if factory else None)
        except _NotWired as exc:
            _err(str(exc))
            return 2
    conversation = _conversation(cfg, args, bool(args.reveal))
    out = Path(args.out)
    page = render_review_page(
        draft,
        runtime_of(args).now(),
        revealed,
        conversation=conversation,
        config_path=getattr(args, "config", None),
    )
    write_private(out, page.encode("utf-8"))
    _out(f"wrote {out} (mode 0600)")
    return 0


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` with mode 0600, atomically (temp file + rename).

    A revealed page holds content; an existing file's looser mode is not kept.
    """
    write_atomic(path, data, mode=0o600)


def _approve(args: argparse.Namespace, factory: ServicesFactory | None) -> int:
    """Approve a draft; with ``reports.auto_submit_approved`` submit it at once."""
    status = cmd_approve(args)
    if status != 0 or not _config(args).reports.auto_submit_approved:
        return status
    # Automatic submission acts as the operator running the command; the
    # submitter role is checked before anything is sent.
    args.reason = args.reason or args.note or f"approved by {args.reviewer or 'the reviewer'}"
    args.reports_command = "submit"
    return guarded("reports")(functools.partial(_submit, factory=factory))(args)


@guarded("reports")
def cmd_approve(args: argparse.Namespace) -> int:
    """Approve a draft; needs the ``reviewer`` role, refused while required fields are missing."""
    cfg = _config(args)
    reviewer = require_role(cfg, runtime_of(args), args.reviewer, "reviewer")
    sink = _custody_sink(cfg, args)
    draft = sink.checked(args.draft_id)
    blocking = draft.blocking_missing()
    if blocking:
        _err("cannot approve; required fields missing: " + ", ".join(m.path for m in blocking))
        return 1
    note = args.note or "approved for submission"
    sink.transition(
        args.draft_id,
        "approved",
        actor=reviewer,
        at=runtime_of(args).now(),
        note=note,
        reviewer=reviewer,
    )
    write_vault_checkpoint(sink.evidence, runtime_of(args).now())
    _out(f"approved {args.draft_id} (reviewer {reviewer})")
    return 0


def _submit(args: argparse.Namespace, factory: ServicesFactory | None) -> int:
    cfg = _config(args)
    if factory is None:
        _err("submit needs the evidence vault services (not wired into the CLI yet)")
        return 2
    services = factory(cfg, args)
    sink = _custody_sink(cfg, args)
    sink.checked(args.draft_id)  # an unbacked status is refused before anything else
    draft = submit_draft(
        args.draft_id,
        sink=sink,
        api=client_from_env(cfg.reports, runtime_of(args).env),
        clock=runtime_of(args).clock,
        open_item=services.open_item,
        on_finished=services.on_finished,
        custody=services.custody,
        actor=services.operator,
    )
    _out(f"submitted {draft.draft_id}: NCMEC report {draft.ncmec_report_id} ({draft.status})")
    return 0


@guarded("reports")
def cmd_reject(args: argparse.Namespace) -> int:
    """Reject a draft (not reported; its countdown stops); reviewer role, reason required."""
    s = _cases(_config(args), args).reject(
        args.draft_id, reviewer=args.reviewer, reason=args.reason, now=runtime_of(args).now()
    )
    _out(f"rejected {s.case_id} (reviewer {args.reviewer})")
    return 0


@guarded("reports")
def cmd_rebuild(args: argparse.Namespace) -> int:
    """Rebuild a draft from the current config (same ids; back to ``draft``; custody-logged)."""
    cfg = _config(args)
    s = _cases(cfg, args).rebuild(args.draft_id, reviewer=args.reviewer, now=runtime_of(args).now())
    draft = _sink(cfg).read(args.draft_id)
    blocking = ", ".join(m.path for m in draft.blocking_missing()) or "none"
    _out(f"rebuilt {s.case_id} from the current config ({s.status}; blocking: {blocking})")
    return 0


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    services: ServicesFactory | None = None,
) -> None:
    """Add ``tipline reports`` and its subcommands; each sets ``func(args) -> int``.

    Args:
        subparsers: the top-level ``add_subparsers()`` result.
        services: builds the evidence vault services from the config and args;
            needed by ``submit`` and ``html --reveal``.

    """
    reports = subparsers.add_parser("reports", help="CyberTipline report drafts")
    reports.add_argument("--config", default=argparse.SUPPRESS, help="TOML config file")
    sub = reports.add_subparsers(dest="reports_command", required=True)

    listing = sub.add_parser("list", help="drafts by deadline")
    add_json_flag(listing)
    listing.set_defaults(func=cmd_list)

    show = sub.add_parser("show", help="one draft's fields, files, missing fields, history")
    show.add_argument("draft_id")
    show.add_argument("--xml", action="store_true", help="print the exact report XML")
    add_json_flag(show)
    show.set_defaults(func=cmd_show)

    page = sub.add_parser("html", help="write the static reviewer page")
    page.add_argument("draft_id")
    page.add_argument("--out", required=True)
    page.add_argument("--reveal", action="store_true", help="show content (custody-logged)")
    page.add_argument("--reason", default="", help="case reference for the custody log")
    page.add_argument("--operator", help="operator identity (default: $TIPLINE_OPERATOR)")
    page.set_defaults(func=guarded("reports")(functools.partial(_html, factory=services)))

    approve = sub.add_parser("approve", help="approve a draft for submission")
    approve.add_argument("draft_id")
    approve.add_argument(
        "--reviewer", help="reviewer identity (must be the caller; see `tipline roles`)"
    )
    approve.add_argument("--note", default="")
    approve.add_argument(
        "--operator", help="with auto_submit_approved: the submitting operator (default: env)"
    )
    approve.add_argument("--reason", default="", help="case reference for the custody log")
    approve.set_defaults(func=functools.partial(_approve, factory=services))

    reject = sub.add_parser("reject", help="reject a draft (not reported; stops the countdown)")
    reject.add_argument("draft_id")
    reject.add_argument("--reviewer", required=True)
    reject.add_argument("--reason", required=True, help="why (recorded with the outcome)")
    reject.set_defaults(func=cmd_reject)

    rebuild = sub.add_parser("rebuild", help="rebuild a draft from the current config")
    rebuild.add_argument("draft_id")
    rebuild.add_argument("--reviewer", required=True)
    rebuild.set_defaults(func=cmd_rebuild)

    submit = sub.add_parser("submit", help="submit an approved draft to the CyberTipline")
    submit.add_argument("draft_id")
    submit.add_argument("--operator", help="operator identity (default: $TIPLINE_OPERATOR)")
    submit.add_argument("--reason", default="", help="case reference for the custody log")
    submit.set_defaults(func=guarded("reports")(functools.partial(_submit, factory=services)))
