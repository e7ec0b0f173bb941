"""``tipline evidence``: list, show, open, verify, holds and destruction.

``list``, ``show`` and ``verify`` print metadata only (ids, hashes, times).
``open`` releases bytes: it needs an operator identity (``--operator`` or the
env var named by ``evidence.access.operator_env``, default
``TIPLINE_OPERATOR``) holding the ``exporter`` role, and writes the custody
``exported`` event before any byte is decrypted. ``verify`` exits 1 and names
every object that differs. Roles and how the caller is identified (the OS
account, or an env var a deployment wrapper sets) come from the role policy
signed into the vault (``tipline roles sign``), never from the config.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

from tipline.cli.exit_codes import CHECK_FAILED, OK, USAGE
from tipline.cli.output import add_json_flag, emit_rows, print_json, wants_json
from tipline.cli.runtime import runtime_of
from tipline.schemas.config import TiplineConfig, load_config
from tipline.services.evidence import EvidenceService, build_evidence_service
from tipline.services.vault_ledger import verify_vault, write_vault_checkpoint
from tipline.sinks.drafts import DraftsSink

DEFAULT_CONFIG = "config/default.toml"


def _service(args: argparse.Namespace) -> EvidenceService:
    cfg = load_config(args.config)
    return build_evidence_service(cfg.evidence, env=runtime_of(args).env)


def _operator(args: argparse.Namespace, service: EvidenceService) -> str:
    return service.identify(args.operator, runtime_of(args).env)


def _print_json(value: Any) -> None:
    print_json(value)


# ---------------------------------------------------------------- handlers


LIST_COLUMNS = (
    "package_id", "event_id", "outcome", "manifest_version", "items", "retain_until",
)  # fmt: skip


def _cmd_list(args: argparse.Namespace) -> int:
    service = _service(args)
    rows = []
    for pid in service.list_packages():
        receipt = service.receipt(pid)
        manifest, _ = service.latest_manifest(pid)
        rows.append({
            "package_id": pid, "event_id": receipt.event_id,
            "outcome": manifest.decision.outcome, "manifest_version": receipt.manifest_version,
            "items": len(receipt.items), "retain_until": receipt.retain_until.isoformat(),
        })  # fmt: skip
    return emit_rows(args, rows, LIST_COLUMNS, empty="no evidence packages")


def _cmd_show(args: argparse.Namespace) -> int:
    _print_json(_service(args).show(args.package_id, runtime_of(args).now()))
    return 0


def open_to_directory(
    service: EvidenceService,
    package_id: str,
    *,
    to: Path,
    operator: str,
    reason: str,
    item_ids: Sequence[str] = (),
    now: datetime,
) -> list[Path]:
    """Export items (all by default) to ``to`` after the custody event is written.

    Files are named ``<item_id>`` plus the original file name when known, mode
    0600, alongside a copy of the manifest. Returns the written paths.
    """
    manifest, _ = service.latest_manifest(package_id)
    chosen = list(item_ids) or [i.item_id for i in manifest.items]
    data = service.open_items(
        package_id, chosen, operator=operator, reason=reason, now=now, action="exported"
    )
    to.mkdir(parents=True, exist_ok=True, mode=0o700)
    names = {i.item_id: i.file_name for i in manifest.items}
    written: list[Path] = []
    for item_id, content in data.items():
        original = names.get(item_id)
        suffix = f"--{Path(original).name}" if original else ".bin"
        written.append(_write_private(to / f"{item_id}{suffix}", content))
    written.append(_write_private(to / "manifest.json", msgspec.json.encode(manifest)))
    return written


def _write_private(path: Path, content: bytes) -> Path:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    return path


def _cmd_open(args: argparse.Namespace) -> int:
    service = _service(args)
    paths = open_to_directory(
        service,
        args.package_id,
        to=Path(args.to),
        operator=_operator(args, service),
        reason=args.reason,
        item_ids=args.item or [],
        now=runtime_of(args).now(),
    )
    _after_write(service, args)
    for path in paths:
        print(path)
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    if not args.all and not args.package_id:
        print("tipline evidence verify: give a package id or --all", file=sys.stderr)
        return USAGE
    service = _service(args)
    ids = service.list_packages() if args.all else [args.package_id]
    if wants_json(args):
        return _verify_json(service, ids, args)
    failed = 0
    for pid in ids:
        report = service.verify(pid)
        state = "destroyed (key shredded; ciphertext, signatures, chain checked)"
        note = state if report.destroyed else f"{report.plaintext_checked} items recomputed"
        if report.ok:
            print(
                f"OK   {pid}: {report.manifests} manifest(s), {report.items_checked} items, "
                f"{note}, {report.custody_events} custody events, "
                f"{report.checkpoints} checkpoints"
            )
            continue
        failed += 1
        print(f"FAIL {pid}:")
        for problem in report.problems:
            print(f"  - {problem}")
    if args.all:
        failed += _verify_vault(service, load_config(args.config))
    return CHECK_FAILED if failed else OK


def _verify_json(service: EvidenceService, ids: list[str], args: argparse.Namespace) -> int:
    """``verify --json``: {ok, packages: [report…], vault: {checkpoint, problems} | null}."""
    packages = []
    for pid in ids:
        report = service.verify(pid)
        packages.append({**dataclasses.asdict(report), "ok": report.ok})
    vault: dict[str, Any] | None = None
    if args.all:
        from tipline.cli.evidence_access import unbacked_drafts  # noqa: PLC0415

        newest, problems = verify_vault(service)
        cfg = load_config(args.config)
        problems += unbacked_drafts(service, DraftsSink(cfg.reports.path).drafts())
        vault = {
            "checkpoint": None if newest is None else {
                "seq": newest.seq, "packages": newest.count, "root_sha256": newest.root_sha256,
            },
            "problems": problems,
        }  # fmt: skip
    ok = all(p["ok"] for p in packages) and not (vault and vault["problems"])
    print_json({"ok": ok, "packages": packages, "vault": vault})
    return OK if ok else CHECK_FAILED


def _verify_vault(service: EvidenceService, cfg: TiplineConfig) -> int:
    """Check deletions against the newest vault checkpoint, and every draft's status."""
    from tipline.cli.evidence_access import unbacked_drafts  # noqa: PLC0415 (imports the reports CLI)

    newest, problems = verify_vault(service)
    problems += unbacked_drafts(service, DraftsSink(cfg.reports.path).drafts())
    if newest is None:
        print("WARN vault: no vault checkpoint yet (run `tipline evidence checkpoint`)")
    if not problems:
        if newest is not None:
            print(
                f"OK   vault: checkpoint {newest.seq} ({newest.count} packages, root "
                f"{newest.root_sha256}) holds; no deletion, no unbacked draft status"
            )
        return 0
    print("FAIL vault:")
    for problem in problems:
        print(f"  - {problem}")
    return 1


def _cmd_checkpoint(args: argparse.Namespace) -> int:
    service = _service(args)
    cp = write_vault_checkpoint(service, runtime_of(args).now())
    print(f"vault checkpoint {cp.seq}: {cp.count} packages, root {cp.root_sha256}")
    return 0


def _after_write(service: EvidenceService, args: argparse.Namespace) -> None:
    """Commit the vault's new state after an operator command wrote custody."""
    write_vault_checkpoint(service, runtime_of(args).now())


def _cmd_hold(args: argparse.Namespace) -> int:
    service = _service(args)
    now = runtime_of(args).now()
    if args.hold_command == "list":
        _print_json(service.holds(args.package_id))
        return 0
    operator = _operator(args, service)
    if args.hold_command == "add":
        hold = service.add_hold(
            args.package_id,
            kind=args.kind,
            request_id=args.request,
            agency=args.agency,
            operator=operator,
            now=now,
        )
    elif args.hold_command == "extend":
        hold = service.extend_hold(args.package_id, args.hold_id, operator=operator, now=now)
    else:
        hold = service.release_hold(args.package_id, args.hold_id, operator=operator, now=now)
    _after_write(service, args)
    _print_json(hold)
    print(f"retain_until={service.receipt(args.package_id).retain_until.isoformat()}")
    return 0


def _cmd_destroy(args: argparse.Namespace) -> int:
    service = _service(args)
    service.destroy(
        args.package_id,
        request_id=args.request,
        operator=_operator(args, service),
        now=runtime_of(args).now(),
    )
    _after_write(service, args)
    print(f"destroyed {args.package_id}: data key removed from {service.key_store.location}")
    return 0


# ---------------------------------------------------------------- parser


def _common(p: argparse.ArgumentParser, *, operator: bool = False) -> None:
    p.add_argument("--config", default=DEFAULT_CONFIG, help="TOML config file")
    if operator:
        p.add_argument("--operator", help="operator identity (default: $TIPLINE_OPERATOR)")


def _register_hold(sub: Any) -> None:
    hold = sub.add_parser("hold", help="preservation holds: add, extend, release, list")
    hold_sub = hold.add_subparsers(dest="hold_command", required=True, metavar="ACTION")
    p = hold_sub.add_parser("add", help="open a hold (e.g. --kind 2703f)")
    p.add_argument("package_id")
    p.add_argument("--kind", required=True, help="a kind from evidence.retention.hold_kinds")
    p.add_argument("--request", required=True, help="the request id (e.g. the letter's number)")
    p.add_argument("--agency", help="requesting agency")
    _common(p, operator=True)
    for action, text in (("extend", "renew a hold"), ("release", "release a hold")):
        p = hold_sub.add_parser(action, help=text)
        p.add_argument("package_id")
        p.add_argument("hold_id")
        _common(p, operator=True)
    p = hold_sub.add_parser("list", help="print the holds table (JSON)")
    p.add_argument("package_id")
    add_json_flag(p)
    _common(p)
    hold.set_defaults(func=_cmd_hold)


def register(subparsers: Any) -> None:
    """Add ``tipline evidence …`` to the CLI."""
    evidence = subparsers.add_parser("evidence", help="the evidence vault")
    sub = evidence.add_subparsers(dest="evidence_command", required=True, metavar="ACTION")

    p = sub.add_parser("list", help="list packages (ids, outcome, retention)")
    add_json_flag(p)
    _common(p)
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser("show", help="print a package's metadata as JSON (no content)")
    p.add_argument("package_id")
    add_json_flag(p)  # show always prints JSON; accepted for uniformity
    _common(p)
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("open", help="export items to a folder (custody event first)")
    p.add_argument("package_id")
    p.add_argument("--reason", required=True, help="why: case or ticket reference")
    p.add_argument("--to", required=True, help="folder to write the items to")
    p.add_argument("--item", action="append", help="item id (repeatable; default: all)")
    _common(p, operator=True)
    p.set_defaults(func=_cmd_open)

    p = sub.add_parser("verify", help="recompute hashes, signatures and the custody chain")
    p.add_argument("package_id", nargs="?")
    p.add_argument("--all", action="store_true", help="verify every package")
    add_json_flag(p)
    _common(p)
    p.set_defaults(func=_cmd_verify)

    _register_hold(sub)

    p = sub.add_parser(
        "checkpoint", help="sign every package's log head and newest manifest (run from cron)"
    )
    _common(p)
    p.set_defaults(func=_cmd_checkpoint)

    p = sub.add_parser("destroy", help="crypto-shred a package on a lawful request")
    p.add_argument("package_id")
    p.add_argument("--request", required=True, help="the destruction request id")
    _common(p, operator=True)
    p.set_defaults(func=_cmd_destroy)
