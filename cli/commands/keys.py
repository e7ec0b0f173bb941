"""``tipline keys``: master-key rotation and rewrap, signing-key history, revocation.

- ``rotate``: a new master-key version (``--signing``: a new signing key,
  signed into the history by the current one). New packages use it at once.
- ``rewrap``: move every stored data key to the current master version;
  resumable, idempotent, one ``rewrapped`` custody event per package.
- ``status``: versions, which packages still need each, crypto-shredded
  packages, the signing-key history (``--json`` for machines).
- ``revoke VERSION --at TIME --reason …``: mark a key compromised.
- ``retire VERSION``: retire a master version that nothing needs.
- ``log``: the key log as JSON (public metadata only).

Changing commands need an operator holding the ``key_admin`` role.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import msgspec

from tipline.cli.commands.evidence import DEFAULT_CONFIG, _operator, _service
from tipline.cli.exit_codes import CHECK_FAILED, OK
from tipline.cli.runtime import runtime_of
from tipline.services.keymgmt import (
    KeyStatus,
    retire,
    revoke,
    rewrap,
    rotate_master,
    rotate_signing,
    status,
    utc,
)


def _cmd_rotate(args: argparse.Namespace) -> int:
    service = _service(args)
    operator = _operator(args, service)
    if args.signing:
        key_id = rotate_signing(
            service,
            runtime_of(args).env,
            operator=operator,
            reason=args.reason,
            now=runtime_of(args).now(),
        )
        print(f"signing key {key_id} added to the history, valid from now")
        return 0
    key_id = rotate_master(
        service,
        runtime_of(args).env,
        operator=operator,
        reason=args.reason,
        now=runtime_of(args).now(),
    )
    print(f"master key version {key_id} is current; run `tipline keys rewrap` next")
    return 0


def _cmd_rewrap(args: argparse.Namespace) -> int:
    service = _service(args)
    result = rewrap(
        service,
        operator=_operator(args, service),
        now=runtime_of(args).now(),
        max_per_second=args.max_per_second,
    )
    print(
        f"rewrap to {result.target}: {len(result.rewrapped)} rewrapped, "
        f"{len(result.resumed)} resumed, {len(result.current)} already current, "
        f"{len(result.skipped_destroyed)} destroyed, "
        f"{len(result.uncommitted)} uncommitted (left as they are)"
    )
    return 0


def _print_status(report: KeyStatus) -> None:
    print(f"provider: {report.provider}  current: {report.current}")
    print("master key versions:")
    for v in report.versions:
        extra = f"  revoked_at={v.revoked_at.isoformat()}" if v.revoked_at else ""
        print(
            f"  {v.key_id}  {v.state}  packages={len(v.packages)}  "
            f"purpose_keys={len(v.purpose_keys)}{extra}"
        )
        for pid in v.packages[:10]:
            print(f"    needs it: {pid}")
        if len(v.packages) > 10:
            print(f"    … and {len(v.packages) - 10} more (--json lists all)")
    print(f"crypto-shredded packages (data key destroyed): {len(report.destroyed)}")
    for pid in report.destroyed:
        print(f"  {pid}")
    if report.missing:
        print(f"MISSING data keys without a 'destroyed' custody event: {report.missing}")
    print("signing-key history:")
    for s in report.signing:
        since = s.valid_from.isoformat() if s.valid_from else "start"
        until = s.valid_until.isoformat() if s.valid_until else "now"
        flags = " current" if s.current else ""
        flags += f" revoked_at={s.revoked_at.isoformat()}" if s.revoked_at else ""
        print(f"  {s.key_id}  {since} .. {until}{flags}")
    for problem in report.problems:
        print(f"KEY LOG PROBLEM: {problem}")


def _cmd_status(args: argparse.Namespace) -> int:
    report = status(_service(args))
    if args.json:
        print(json.dumps(msgspec.to_builtins(report), indent=2, sort_keys=True))
    else:
        _print_status(report)
    return CHECK_FAILED if report.problems or report.missing else OK


def _cmd_revoke(args: argparse.Namespace) -> int:
    service = _service(args)
    event = revoke(
        service,
        args.version,
        at=utc(args.at),
        reason=args.reason,
        operator=_operator(args, service),
        now=runtime_of(args).now(),
    )
    print(f"revoked {event.key_id} as of {args.at} (key log entry {event.seq})")
    return 0


def _cmd_retire(args: argparse.Namespace) -> int:
    service = _service(args)
    done = retire(
        service,
        runtime_of(args).env,
        args.version,
        operator=_operator(args, service),
        now=runtime_of(args).now(),
    )
    print(f"retired {args.version}: {done}")
    return 0


def _cmd_log(args: argparse.Namespace) -> int:
    events = _service(args).key_state().events
    print(json.dumps(msgspec.to_builtins(events), indent=2, sort_keys=True))
    return 0


def _common(p: argparse.ArgumentParser, *, operator: bool = False) -> None:
    p.add_argument("--config", default=DEFAULT_CONFIG, help="TOML config file")
    if operator:
        p.add_argument("--operator", help="operator identity (default: $TIPLINE_OPERATOR)")


def register(subparsers: Any) -> None:
    """Add ``tipline keys …`` to the CLI."""
    keys = subparsers.add_parser("keys", help="key rotation, rewrap, revocation, status")
    sub = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")

    p = sub.add_parser("rotate", help="introduce a new master key version (or --signing key)")
    p.add_argument("--signing", action="store_true", help="rotate the signing key instead")
    p.add_argument("--reason", default="scheduled rotation", help="why (recorded)")
    _common(p, operator=True)
    p.set_defaults(func=_cmd_rotate)

    p = sub.add_parser("rewrap", help="re-wrap every data key under the current version")
    p.add_argument(
        "--max-per-second", type=float, default=0.0, help="throttle (KMS quotas); 0 = none"
    )
    _common(p, operator=True)
    p.set_defaults(func=_cmd_rewrap)

    p = sub.add_parser("status", help="versions, what needs them, shredded keys, history")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    _common(p)
    p.set_defaults(func=_cmd_status)

    p = sub.add_parser("revoke", help="mark a compromised key version revoked")
    p.add_argument("version", help="a master key id (env:…, kms:…) or signing key id (ed25519:…)")
    p.add_argument("--at", required=True, help="compromise time, ISO 8601 (naive = UTC)")
    p.add_argument("--reason", required=True, help="why (incident reference)")
    _common(p, operator=True)
    p.set_defaults(func=_cmd_revoke)

    p = sub.add_parser("retire", help="retire a master version that nothing needs any more")
    p.add_argument("version")
    _common(p, operator=True)
    p.set_defaults(func=_cmd_retire)

    p = sub.add_parser("log", help="print the key log (public metadata) as JSON")
    p.add_argument("--json", action="store_true", help="accepted for uniformity (always JSON)")
    _common(p)
    p.set_defaults(func=_cmd_log)
