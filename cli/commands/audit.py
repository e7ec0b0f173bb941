"""``tipline audit query``: simple questions to the audit lake, answered with polars."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from tipline.cli.output import add_json_flag, print_json, wants_json
from tipline.schemas.config import load_config


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``audit query``."""
    audit = sub.add_parser("audit", help="query the Parquet audit lake")
    asub = audit.add_subparsers(dest="audit_command", required=True, metavar="SUBCOMMAND")
    q = asub.add_parser("query", help="counts by decision/day, or one session's decisions")
    q.add_argument("--config", default="config/default.toml")
    q.add_argument("--lake", help="lake folder (default: lake.path of the config)")
    q.add_argument("--session", help="list one session's decisions in event-time order")
    q.add_argument(
        "--by",
        choices=["decision", "day", "day-decision"],
        default="day-decision",
        help="what to count by (default: day-decision)",
    )
    add_json_flag(q)
    q.set_defaults(func=run_query)


def scan_lake(lake: Path) -> pl.LazyFrame:
    """Return a lazy frame over every committed lake file."""
    return pl.scan_parquet(str(lake / "dt=*" / "part-*.parquet"), hive_partitioning=False)


def run_query(args: argparse.Namespace) -> int:
    """Print the answer as a table (or ``--json``: an array of row objects).

    An empty lake is an empty answer: exit 0, like an empty list.
    """
    lake = Path(args.lake or load_config(args.config).lake.path)
    if not any(lake.glob("dt=*/part-*.parquet")):
        if wants_json(args):
            print_json([])
        else:
            print(f"no audit-lake files under {lake}", file=sys.stderr)
        return 0
    frame = scan_lake(lake)
    if args.session:
        result = (
            frame.filter(pl.col("session_id") == args.session)
            .select(
                "sent_at",
                "event_id",
                "decision",
                "alert",
                "risk_score",
                "stage",
                "signals",
                "match_strength",
                "reasons",
            )
            .sort("sent_at")
            .collect()
        )
    else:
        keys = {"decision": ["decision"], "day": ["dt"], "day-decision": ["dt", "decision"]}[
            args.by
        ]
        result = frame.group_by(keys).agg(pl.len().alias("count")).sort(keys).collect()
    if wants_json(args):
        if "dt" in result.columns:
            result = result.with_columns(pl.col("dt").cast(pl.Utf8))
        print_json(result.to_dicts())
        return 0
    with pl.Config(tbl_rows=200, fmt_str_lengths=60, tbl_width_chars=160):
        print(result)
    return 0
