"""``tipline hashes build``: turn a folder of images into a docs/contract.md §2 hash list.

For every file under ``--images`` (recursively, in sorted order) it writes the
md5, sha1 and sha256 of the bytes and, for decodable images, the pdq and phash
of the same decode path the matcher uses. A perceptual hash below its quality
floor (``[hashing]`` of the config: pdq_min_quality, phash_min_quality) is left
out, since it would match unrelated flat images. All rows of one file share the
id ``<first 16 hex of its sha256>``, so file names (which may describe content)
never enter the list. Output is written to a temporary file and renamed.

Derived entries (default; ``--no-derived`` writes the old five columns only):
for every image with perceptual hashes, PDQ and pHash of slight rotations
(±1, ±2.5, ±4 degrees) and centred crops (3, 6, 10 % per side) of the
border-trimmed image, and PDQ region hashes (quadrants q1-q4, centre). Each
derived row has the id ``<id>~<transform>`` and the optional columns
``derived_from`` (the original's id) and ``transform`` (``rot+2.5``,
``crop6``, ``region:q1``, ``trim``), so its provenance is in the list itself.
Old readers of the list format ignore nothing they need: the two columns are
optional (docs/contract.md §2).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path
from typing import Final

import msgspec

from tipline.cli.exit_codes import USAGE
from tipline.cli.output import add_json_flag, print_json, wants_json
from tipline.cli.runtime import runtime_of
from tipline.operators.hashing import (
    Matcher,
    default_algorithms,
    parse_hash_list,
    settings_from_config,
)
from tipline.operators.hashing.feedback import EntryFeedback, parse_feedback, tally
from tipline.operators.hashing.listbuild import derived_rows, original_rows
from tipline.schemas.config import load_config
from tipline.schemas.errors import HashListError
from tipline.schemas.hashing import HashingConfig
from tipline.sinks.durable import publish

HEADER: Final = ("algorithm", "hash", "list", "id", "category")
DERIVED_HEADER: Final = (*HEADER, "derived_from", "transform")
_PERCEPTUAL: Final = ("pdq", "phash")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``hashes build``, ``hashes feedback`` and ``hashes stats``."""
    hashes = sub.add_parser("hashes", help="build hash lists, record entry feedback, stats")
    hsub = hashes.add_subparsers(dest="hashes_command", required=True, metavar="SUBCOMMAND")
    b = hsub.add_parser(
        "build", help="hash every image in a folder into a list (docs/contract.md §2)"
    )
    b.add_argument("--images", required=True, help="folder of images (searched recursively)")
    b.add_argument("--list", required=True, dest="list_name", help="list name, e.g. internal")
    b.add_argument("--out", required=True, help="output CSV file")
    b.add_argument("--category", default="", help="category for every entry, e.g. A1")
    b.add_argument("--config", help="TOML config whose [hashing] floors apply (default: built-in)")
    b.add_argument(
        "--no-derived",
        action="store_true",
        help="only the original hashes (no rotation/crop/region entries, five columns)",
    )
    add_json_flag(b)
    b.set_defaults(func=run_build)
    f = hsub.add_parser(
        "feedback", help="record a reviewer's confirm/disconfirm of a list entry (append-only)"
    )
    f.add_argument("--file", required=True, help="append-only feedback JSONL file")
    f.add_argument("--list", required=True, dest="list_name", help="the entry's list name")
    f.add_argument("--entry", required=True, help="the entry id (original or derived)")
    f.add_argument("--verdict", required=True, choices=["confirm", "disconfirm"])
    f.add_argument("--reviewer", required=True, help="who decided")
    f.add_argument("--attachment", help="the attachment id the decision was made on")
    f.set_defaults(func=run_feedback)
    s = hsub.add_parser("stats", help="per-entry reviewer feedback and list composition")
    s.add_argument("--feedback", help="feedback JSONL file written by `hashes feedback`")
    s.add_argument("lists", nargs="*", help="list files to summarise (entries, derived, regions)")
    s.set_defaults(func=run_stats)


def build_rows(
    path: Path, matcher: Matcher, list_name: str, category: str
) -> tuple[list[tuple[str, str, str, str, str]], str | None]:
    """Hash one file into list rows; the second value explains anything left out."""
    return original_rows(path.read_bytes(), matcher, list_name, category)


def run_build(args: argparse.Namespace) -> int:
    """Write the list; exit 2 (usage) when the folder has no files, else 0.

    The ``[hashing]`` floors come from a config only when one is chosen
    (``--config`` or ``$TIPLINE_CONFIG``), else from the built-in defaults.
    """
    folder = Path(args.images)
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    if not files:
        print(f"tipline hashes build: no files under {str(folder)!r}", file=sys.stderr)
        return USAGE
    chosen = args.config and getattr(args, "config_given", True)
    cfg = load_config(args.config).hashing if chosen else HashingConfig()
    matcher = Matcher(default_algorithms(), settings_from_config(cfg), cache_entries=1)
    derived = not args.no_derived
    n_derived = 0
    out = Path(args.out)
    tmp = out.with_name(out.name + ".tmp")
    out.parent.mkdir(parents=True, exist_ok=True)
    perceptual = 0
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(DERIVED_HEADER if derived else HEADER)
        for path in files:
            rows, note = build_rows(path, matcher, args.list_name, args.category)
            has_perceptual = any(r[0] in _PERCEPTUAL for r in rows)
            perceptual += has_perceptual
            if not derived:
                writer.writerows(rows)
            else:
                writer.writerows((*r, "", "") for r in rows)
                if has_perceptual:
                    extra = derived_rows(
                        path.read_bytes(),
                        matcher,
                        cfg,
                        list_name=args.list_name,
                        category=args.category,
                        entry_id=rows[0][3],
                    )
                    writer.writerows(extra)
                    n_derived += len(extra)
            if note:
                print(f"{rows[0][3]}: {note}", file=sys.stderr)
    publish(tmp, out)
    if wants_json(args):
        print_json({"out": str(out), "list": args.list_name, "files": len(files),
                    "perceptual": perceptual, "derived": n_derived})  # fmt: skip
    else:
        print(
            f"{out}: {len(files)} files, {perceptual} with perceptual hashes, "
            f"{n_derived} derived entries"
        )
    return 0


def run_feedback(args: argparse.Namespace) -> int:
    """Append one feedback record (one line, flushed and fsynced); exit 0."""
    record = EntryFeedback(
        list=args.list_name,
        entry_id=args.entry,
        verdict=args.verdict,
        reviewer=args.reviewer,
        at=runtime_of(args).now(),
        attachment_id=args.attachment,
    )
    path = Path(args.file)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as fh:
        fh.write(msgspec.json.encode(record) + b"\n")
        fh.flush()
        os.fsync(fh.fileno())
    print(f"{args.list_name}:{args.entry} {args.verdict} by {args.reviewer} recorded in {path}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    """Print list composition and per-entry feedback; exit 1 on an unreadable input."""
    algorithms = {a.name: a for a in default_algorithms()}
    for name in args.lists:
        path = Path(name)
        try:
            parsed = parse_hash_list(str(path), path.read_bytes(), algorithms, path.stem)
        except (OSError, HashListError) as exc:
            print(f"{name}: cannot be read: {exc}", file=sys.stderr)
            return 1
        for algorithm, entries in sorted(parsed.entries.items()):
            regions = sum(t.startswith("region:") for _, t in entries.derived.values())
            derived = len(entries.derived) - regions
            originals = len(entries.values) - len(entries.derived)
            print(
                f"{path.name} {algorithm}: {originals} original, {derived} derived, "
                f"{regions} region entries; {len(parsed.issues)} bad line(s)"
            )
    if args.feedback:
        try:
            with Path(args.feedback).open("rb") as fh:
                records, bad = parse_feedback(fh)
        except OSError as exc:
            print(f"{args.feedback}: cannot be read: {exc.strerror}", file=sys.stderr)
            return 1
        print(f"feedback: {len(records)} decision(s), {bad} unreadable line(s)")
        print("list\tentry\tconfirmed\tdisconfirmed\tlast\treviewers")
        for (lst, entry), t in sorted(tally(records).items()):
            print(f"{lst}\t{entry}\t{t.confirmed}\t{t.disconfirmed}\t{t.last}\t{len(t.reviewers)}")
    return 0
