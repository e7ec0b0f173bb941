"""``tipline roles``: sign the role policy into the vault, and show it.

``sign`` needs the deployment's signing key (``$TIPLINE_SIGNING_KEY``, the
key that signs manifests); the first signing pins its public key in the
vault. The grants come from a policy TOML file (``identity`` and an
``[operators]`` table of id -> roles) or, without one, from the config's
``[evidence.access] operators``. Until a policy is signed nobody holds any
role. ``show`` prints the policy in force (ids and roles only).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import Any

import msgspec

from tipline.cli.exit_codes import CHECK_FAILED
from tipline.cli.output import add_json_flag, print_json, wants_json
from tipline.cli.runtime import runtime_of
from tipline.schemas.config import load_config
from tipline.schemas.errors import ConfigError
from tipline.schemas.evidence import Identity, Role
from tipline.services.evidence import build_evidence_service
from tipline.services.roles import load_policy

DEFAULT_CONFIG = "config/default.toml"


class PolicyFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What a policy TOML file holds."""

    identity: Identity = "os"
    operators: dict[str, list[Role]] = {}


def read_policy_file(path: Path) -> PolicyFile:
    """Parse a policy TOML file.

    Raises:
        ConfigError: unreadable, not TOML, or an unknown role.

    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return msgspec.convert(data, PolicyFile)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        msg = f"role policy {path}: cannot be read ({exc})"
        raise ConfigError(msg) from exc
    except msgspec.ValidationError as exc:
        msg = f"role policy {path}: {exc}"
        raise ConfigError(msg) from exc


def _cmd_sign(args: argparse.Namespace) -> int:
    cfg = load_config(args.config)
    service = build_evidence_service(cfg.evidence, env=runtime_of(args).env)
    if args.policy:
        source = read_policy_file(Path(args.policy))
        operators, identity = source.operators, args.identity or source.identity
    else:
        operators, identity = cfg.evidence.access.operators, args.identity or "os"
    policy = service.sign_roles(operators, identity=identity, now=runtime_of(args).now())
    print(
        f"signed role policy {policy.serial} ({len(policy.operators)} operators, identity "
        f"{policy.identity!r}) with {service.keys.signer.key_id} into {service.vault.location}"
    )
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    cfg = load_config(args.config)
    service = build_evidence_service(cfg.evidence, env=runtime_of(args).env)
    policy = load_policy(service.vault)
    if policy is None:
        if wants_json(args):
            print_json(None)
        print("no valid signed role policy: nobody holds any role", file=sys.stderr)
        return CHECK_FAILED
    print_json(policy)
    return 0


def register(subparsers: Any) -> None:
    """Add ``tipline roles …`` to the CLI."""
    roles = subparsers.add_parser("roles", help="the signed role policy (who may do what)")
    sub = roles.add_subparsers(dest="roles_command", required=True, metavar="ACTION")
    p = sub.add_parser("sign", help="sign a role policy into the vault (needs the signing key)")
    p.add_argument("policy", nargs="?", help="policy TOML (default: [evidence.access] operators)")
    p.add_argument("--identity", choices=["os", "env"], help="how callers are identified")
    p.add_argument("--config", default=DEFAULT_CONFIG, help="TOML config file")
    p.set_defaults(func=_cmd_sign)
    p = sub.add_parser("show", help="print the role policy in force (JSON)")
    p.add_argument("--config", default=DEFAULT_CONFIG, help="TOML config file")
    add_json_flag(p)  # show always prints JSON; accepted for uniformity
    p.set_defaults(func=_cmd_show)
