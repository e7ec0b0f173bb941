"""``tipline cases …``: the review queue and the decisions a reviewer takes on a case.

    tipline cases [--config C] list [--all] [--json]
    tipline cases show CASE [--json] [--reveal --reason REF]
    tipline cases claim CASE [--reviewer R]
    tipline cases dismiss CASE --reason TEXT [--reviewer R]
    tipline cases escalate CASE --reason TEXT [--reviewer R]
    tipline cases context CASE --note TEXT [--reviewer R]

The reviewer is ``--reviewer`` or ``$TIPLINE_OPERATOR`` (``[evidence.access]
operator_env``) and needs the ``reviewer`` role. Every status change is signed
into the package's custody log by :class:`tipline.services.cases.CaseService`.
``list`` and ``show`` print ids, times, account ids and signal names only;
message text needs ``--reveal`` (role ``viewer``, custody-logged first).
Drafts are approved, rejected and rebuilt with ``tipline reports approve|reject|rebuild``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Final

import msgspec

from tipline.cli.exit_codes import guarded
from tipline.cli.runtime import runtime_of
from tipline.operators.report.review_page import countdown
from tipline.schemas.case import CaseDetail, CaseSummary
from tipline.schemas.config import TiplineConfig, load_config
from tipline.schemas.errors import AccessDeniedError
from tipline.services.cases import CaseService
from tipline.services.evidence import build_evidence_service

DEFAULT_CONFIG: Final = "config/default.toml"
_JSON: Final = msgspec.json.Encoder()


def _config(args: argparse.Namespace) -> TiplineConfig:
    return load_config(getattr(args, "config", DEFAULT_CONFIG))


def case_service(cfg: TiplineConfig, args: argparse.Namespace) -> CaseService:
    """Build the case service over the configured vault, drafts and cases."""
    env = runtime_of(args).env
    return CaseService(cfg, evidence=build_evidence_service(cfg.evidence, env=env))


def reviewer_identity(cfg: TiplineConfig, args: argparse.Namespace) -> str:
    """Return ``--reviewer`` or the operator env var.

    Raises:
        AccessDeniedError: neither is set.

    """
    env_name = cfg.evidence.access.operator_env
    who = getattr(args, "reviewer", None) or runtime_of(args).env.get(env_name)
    if not who:
        msg = f"a reviewer identity is required (--reviewer or ${env_name})"
        raise AccessDeniedError(msg)
    return str(who)


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _line(s: CaseSummary, now: datetime) -> str:
    left = (
        "-"
        if s.status not in ("open", "claimed", "needs_context", "draft", "approved", "failed")
        else countdown(s.deadline, now)[0]
    )
    return (
        f"{left:<24} {s.kind:<7} {s.status:<14} {s.claimed_by or '-':<12} "
        f"{','.join(s.reasons)[:40]:<40} {s.case_id}"
    )


@guarded("cases")
def cmd_list(args: argparse.Namespace) -> int:
    """Print the queue (open work by deadline), or every case with ``--all``."""
    service = case_service(_config(args), args)
    now = runtime_of(args).now()
    cases = service.all_cases() if args.all else service.queue(now)
    if args.json:
        sys.stdout.buffer.write(_JSON.encode(cases) + b"\n")
        return 0
    if not cases:
        _out("no cases" if args.all else "no open cases")
        return 0
    _out(f"{'deadline':<24} {'kind':<7} {'status':<14} {'claimed by':<12} {'reasons':<40} case id")
    for s in cases:
        _out(_line(s, now))
    return 0


def _detail_lines(d: CaseDetail, now: datetime) -> list[str]:
    s = d.summary
    left, _ = countdown(s.deadline, now)
    lines = [
        f"case       {s.case_id}  ({s.kind}, {s.status})",
        f"deadline   {s.deadline.isoformat()}  ({left})",
        f"session    {s.session_id}   event {s.event_id}",
        f"package    {s.package_id or '-'}   draft {s.draft_id or '-'}",
        f"claimed by {s.claimed_by or '-'}",
        f"reasons    {', '.join(s.reasons) or '-'}",
        "timeline:",
    ]
    for m in d.timeline:
        mark = ">>" if m.trigger else ("+ " if m.following else "  ")
        cues = f" [{', '.join(m.cues)}]" if m.cues else ""
        text = f"  {m.text!r}" if m.text is not None else ""
        lines.append(f" {mark} {m.sent_at.isoformat()} {m.sender_id or '?':<14}{cues}{text}")
    lines.append("media:")
    lines += [
        f"  {i.item_id} {i.media_type} sha256 {i.sha256[:16]}… class {i.classification or '-'}"
        for i in d.media
    ]
    lines.append("history:")
    lines += [f"  {h.at.isoformat()} {h.status:<14} {h.actor} {h.note or ''}" for h in d.history]
    if d.annotations:
        lines.append("annotations:")
        lines += [
            f"  {a.at.isoformat()} {a.actor} {a.item_id or ''} {a.note}" for a in d.annotations
        ]
    return lines


@guarded("cases")
def cmd_show(args: argparse.Namespace) -> int:
    """Print one case (``--reveal`` adds message text, custody-logged)."""
    cfg = _config(args)
    service = case_service(cfg, args)
    reviewer = reviewer_identity(cfg, args) if args.reveal else ""
    if args.reveal and not args.reason.strip():
        msg = "--reveal needs --reason (a case reference for the custody log)"
        raise AccessDeniedError(msg)
    detail = service.detail(
        args.case_id,
        reviewer=reviewer,
        reason=args.reason,
        now=runtime_of(args).now(),
        reveal_text=args.reveal,
    )
    if args.json:
        sys.stdout.buffer.write(_JSON.encode(detail) + b"\n")
        return 0
    _out("\n".join(_detail_lines(detail, runtime_of(args).now())))
    return 0


def _act(args: argparse.Namespace) -> int:
    cfg = _config(args)
    service = case_service(cfg, args)
    who = reviewer_identity(cfg, args)
    now = runtime_of(args).now()
    action = args.cases_command
    if action == "claim":
        s = service.claim(args.case_id, reviewer=who, now=now)
    elif action == "dismiss":
        s = service.dismiss(args.case_id, reviewer=who, reason=args.reason, now=now)
    elif action == "escalate":
        s = service.escalate(args.case_id, reviewer=who, reason=args.reason, now=now)
    else:
        s = service.request_context(args.case_id, reviewer=who, note=args.note, now=now)
    suffix = f"; draft {s.draft_id} (tipline reports show {s.draft_id})" if s.draft_id else ""
    _out(f"{action}: case {s.case_id} is {s.status} (reviewer {who}){suffix}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``tipline cases`` and its subcommands."""
    cases = sub.add_parser("cases", help="review cases: queue, claim, dismiss, escalate")
    cases.add_argument("--config", default=argparse.SUPPRESS, help="TOML config file")
    csub = cases.add_subparsers(dest="cases_command", required=True)

    p = csub.add_parser("list", help="the review queue, soonest deadline first")
    p.add_argument("--all", action="store_true", help="every case, closed ones too")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=cmd_list)

    p = csub.add_parser("show", help="one case: timeline, media, history")
    p.add_argument("case_id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--reveal", action="store_true", help="add message text (custody-logged)")
    p.add_argument("--reason", default="", help="case reference for the custody log")
    p.add_argument("--reviewer", help="who reveals (default: $TIPLINE_OPERATOR)")
    p.set_defaults(func=cmd_show)

    act = guarded("cases")(_act)
    p = csub.add_parser("claim", help="take a case")
    p.add_argument("case_id")
    p.add_argument("--reviewer", help="default: $TIPLINE_OPERATOR")
    p.set_defaults(func=act)

    p = csub.add_parser("dismiss", help="close a review case as a false positive")
    p.add_argument("case_id")
    p.add_argument("--reason", required=True, help="why (feeds calibration and appeals)")
    p.add_argument("--reviewer", help="default: $TIPLINE_OPERATOR")
    p.set_defaults(func=act)

    p = csub.add_parser("escalate", help="turn a review case into a report draft")
    p.add_argument("case_id")
    p.add_argument("--reason", required=True, help="why it should be reported")
    p.add_argument("--reviewer", help="default: $TIPLINE_OPERATOR")
    p.set_defaults(func=act)

    p = csub.add_parser("context", help="park a review case until more context arrives")
    p.add_argument("case_id")
    p.add_argument("--note", required=True, help="what context is needed")
    p.add_argument("--reviewer", help="default: $TIPLINE_OPERATOR")
    p.set_defaults(func=act)
