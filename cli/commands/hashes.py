"""``tipline hashes build``: turn a folder of images into a docs/contract.md §2 hash list.

For every file under ``--images`` (recursively, in sorted order) it writes the
md5, sha1 and sha256 of the bytes and, for decodable images, the pdq and phash
of the same decode path the matcher uses. A perceptual hash below its quality
floor (``[hashing]`` of the config: pdq_min_quality, phash_min_quality) is left
out, since it would match unrelated flat images. All rows of one file share the
id ``<first 16 hex of its sha256>``, so file names (which may describe content)
never enter the list. Output is written to a temporary file and renamed.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Final

from tipline.cli.exit_codes import USAGE
from tipline.cli.output import add_json_flag, print_json, wants_json
from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.schemas.config import load_config
from tipline.schemas.hashing import HashingConfig
from tipline.sinks.durable import publish

HEADER: Final = ("algorithm", "hash", "list", "id", "category")
_ORDER: Final = ("md5", "sha1", "sha256", "pdq", "phash")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``hashes build``."""
    hashes = sub.add_parser("hashes", help="build hash lists from folders of images")
    hsub = hashes.add_subparsers(dest="hashes_command", required=True, metavar="SUBCOMMAND")
    b = hsub.add_parser(
        "build", help="hash every image in a folder into a list (docs/contract.md §2)"
    )
    b.add_argument("--images", required=True, help="folder of images (searched recursively)")
    b.add_argument("--list", required=True, dest="list_name", help="list name, e.g. internal")
    b.add_argument("--out", required=True, help="output CSV file")
    b.add_argument("--category", default="", help="category for every entry, e.g. A1")
    b.add_argument("--config", help="TOML config whose [hashing] floors apply (default: built-in)")
    add_json_flag(b)
    b.set_defaults(func=run_build)


def build_rows(
    path: Path, matcher: Matcher, list_name: str, category: str
) -> tuple[list[tuple[str, str, str, str, str]], str | None]:
    """Hash one file into list rows; the second value explains anything left out."""
    exact, perceptual = matcher.hash_bytes(path.read_bytes())
    low = [c for c in perceptual.computed if matcher.below_floor(c)]
    computed = {c.algorithm: c for c in (*exact, *perceptual.computed) if c not in low}
    entry_id = computed["sha256"].value.hex()[:16]
    notes = [f"{c.algorithm} quality {c.quality} below its floor; left out" for c in low]
    note = "; ".join([*([perceptual.reason] if perceptual.reason else []), *notes]) or None
    rows: list[tuple[str, str, str, str, str]] = [
        (name, computed[name].value.hex(), list_name, entry_id, category)
        for name in _ORDER
        if name in computed
    ]
    return rows, note


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
    out = Path(args.out)
    tmp = out.with_name(out.name + ".tmp")
    out.parent.mkdir(parents=True, exist_ok=True)
    perceptual = 0
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        for path in files:
            rows, note = build_rows(path, matcher, args.list_name, args.category)
            writer.writerows(rows)
            perceptual += any(r[0] in {"pdq", "phash"} for r in rows)
            if note:
                print(f"{rows[0][3]}: {note}", file=sys.stderr)
    publish(tmp, out)
    if wants_json(args):
        print_json({"out": str(out), "list": args.list_name, "files": len(files),
                    "perceptual": perceptual})  # fmt: skip
    else:
        print(f"{out}: {len(files)} files, {perceptual} with perceptual hashes")
    return 0
