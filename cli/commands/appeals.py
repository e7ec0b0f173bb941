"""``tipline appeals open|list|resolve``: contest a decision and record the outcome.

    tipline appeals open EVENT_ID --reason R
    tipline appeals list [--status open|upheld|overturned]
    tipline appeals resolve APPEAL_ID --outcome upheld|overturned --reviewer NAME

Records go to ``<lake.path>/appeals/dt=YYYY-MM-DD/`` as Parquet
(:mod:`tipline.sinks.appeals`). ``--reason`` is a short reason code, never message
content. ``upheld`` means the original decision stands; ``overturned`` means it
was wrong (the case feeds the next calibration as a labelled negative).
``list`` also shows the case reviewer's verdict on the event (dismissed as a
false positive, escalated, rejected, with the reviewer's reason) from
``<cases>/outcomes.jsonl``.
"""

from __future__ import annotations

import argparse
import sys
import uuid

from tipline.cli.exit_codes import CHECK_FAILED
from tipline.cli.output import add_json_flag, emit_rows, print_json, wants_json
from tipline.cli.runtime import runtime_of
from tipline.schemas.appeal import Appeal
from tipline.schemas.config import load_config
from tipline.schemas.errors import TiplineError
from tipline.sinks.appeals import AppealStore
from tipline.sinks.cases import CasesSink

DEFAULT_CONFIG = "config/default.toml"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``appeals open``, ``appeals list`` and ``appeals resolve``."""
    appeals = sub.add_parser("appeals", help="open, list and resolve appeals of decisions")
    asub = appeals.add_subparsers(dest="appeals_command", required=True, metavar="SUBCOMMAND")
    o = asub.add_parser("open", help="open an appeal of one message's decision")
    o.add_argument("event_id", metavar="EVENT_ID")
    o.add_argument("--reason", required=True, help="short reason code, e.g. false-positive")
    o.set_defaults(func=run_open)
    ls = asub.add_parser("list", help="list appeals (latest state of each)")
    ls.add_argument("--status", choices=("open", "upheld", "overturned"))
    ls.set_defaults(func=run_list)
    r = asub.add_parser("resolve", help="resolve an open appeal")
    r.add_argument("appeal_id", metavar="APPEAL_ID")
    r.add_argument("--outcome", required=True, choices=("upheld", "overturned"))
    r.add_argument("--reviewer", required=True, help="who decided (recorded)")
    r.set_defaults(func=run_resolve)
    for p in (o, ls, r):
        add_json_flag(p)
        p.add_argument("--config", default=DEFAULT_CONFIG, help="config file (for lake.path)")
        p.add_argument("--lake", help="lake folder (default: lake.path from the config)")


def _store(args: argparse.Namespace) -> AppealStore:
    """Return the appeal store of the configured (or given) lake."""
    return AppealStore(args.lake or load_config(args.config).lake.path)


def run_open(args: argparse.Namespace) -> int:
    """Open an appeal and print its id."""
    now = runtime_of(args).now()
    appeal = Appeal(
        appeal_id=f"ap-{uuid.uuid4().hex[:16]}", event_id=args.event_id, status="open",
        reason=args.reason, opened_at=now, recorded_at=now,
    )  # fmt: skip
    _store(args).append(appeal)
    if wants_json(args):
        print_json(_row(appeal, {}))
    else:
        print(appeal.appeal_id)
    return 0


COLUMNS = ("appeal_id", "event_id", "status", "opened_at", "reviewer", "case_review")


def _review_verdicts(args: argparse.Namespace) -> dict[str, str]:
    """Return the latest case-review verdict per event id (``outcome: reason``), if any."""
    try:
        cases = CasesSink(load_config(args.config).reports.cases_dir())
    except TiplineError:
        return {}
    return {o.event_id: f"{o.outcome}: {o.reason}" for o in cases.outcomes()}


def _row(a: Appeal, verdicts: dict[str, str]) -> dict[str, object]:
    return {
        "appeal_id": a.appeal_id, "event_id": a.event_id, "status": a.status,
        "reason": a.reason, "opened_at": a.opened_at.isoformat(timespec="seconds"),
        "recorded_at": a.recorded_at.isoformat(timespec="seconds"), "reviewer": a.reviewer,
        "case_review": verdicts.get(a.event_id, "-"),
    }  # fmt: skip


def run_list(args: argparse.Namespace) -> int:
    """Print the latest state of every appeal with the case reviewer's verdict (or JSON)."""
    appeals = sorted(_store(args).current().values(), key=lambda a: (a.opened_at, a.appeal_id))
    verdicts = _review_verdicts(args)
    rows = [_row(a, verdicts) for a in appeals if args.status is None or a.status == args.status]
    return emit_rows(args, rows, COLUMNS, empty="no appeals")


def run_resolve(args: argparse.Namespace) -> int:
    """Resolve an open appeal as upheld or overturned."""
    store = _store(args)
    current = store.current().get(args.appeal_id)
    if current is None:
        print(f"error: no appeal {args.appeal_id!r}", file=sys.stderr)
        return CHECK_FAILED
    if current.status != "open":
        print(f"error: appeal {args.appeal_id!r} is already {current.status}", file=sys.stderr)
        return CHECK_FAILED
    resolved = Appeal(
        appeal_id=current.appeal_id, event_id=current.event_id, status=args.outcome,
        reason=current.reason, opened_at=current.opened_at, recorded_at=runtime_of(args).now(),
        reviewer=args.reviewer,
    )  # fmt: skip
    store.append(resolved)
    if wants_json(args):
        print_json(_row(resolved, {}))
    else:
        print(f"{resolved.appeal_id} {resolved.status}")
    return 0
