"""``tipline review …``: the review console (``serve``) and its accounts (``add-user``).

``serve`` binds 127.0.0.1 by default and refuses any address that is not
loopback unless ``--allow-remote`` is given (then put it behind TLS and pass
``--secure-cookie``). Users log in with a password from the users file
(``add-user``, scrypt hashes, mode 0600) and act with their
``[evidence.access.operators]`` roles; every decision goes through the case
service, which checks the role and writes the custody log.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import sys
from pathlib import Path
from typing import Any, Final

from tipline.cli.runtime import runtime_of
from tipline.schemas.config import TiplineConfig, load_config
from tipline.schemas.environment import read_environment
from tipline.schemas.errors import ConfigError

DEFAULT_CONFIG: Final = "config/default.toml"
USERS_ENV: Final = "TIPLINE_REVIEW_USERS"


def default_users_file() -> Path:
    """Return ``$TIPLINE_REVIEW_USERS`` or ``~/.config/tipline/review-users``."""
    env = read_environment().get(USERS_ENV)
    return Path(env) if env else Path.home() / ".config" / "tipline" / "review-users"


def is_loopback(host: str) -> bool:
    """Return True for ``localhost`` and loopback IP addresses."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int) -> set[str]:
    """Return the Host header values the console accepts on a loopback bind."""
    bare = host.strip("[]")
    name = f"[{bare}]" if ":" in bare else bare
    return {f"{name}:{port}", f"localhost:{port}"}


#: Request bodies are small forms; responses (a revealed original) stay in
#: memory: waitress spools larger buffers to temporary FILES, unencrypted.
MAX_REQUEST_BODY: Final = 64 * 1024
NEVER_SPOOL: Final = 1 << 40


def console_server(app: Any, host: str, port: int) -> Any:
    """Return a waitress server for the console that never writes a buffer to disk.

    Four threads (previews load in parallel); the app itself runs one request
    at a time, since the case service's file writes must not interleave.
    """
    from waitress.server import create_server  # noqa: PLC0415

    return create_server(
        app,
        host=host,
        port=port,
        threads=4,
        ident="tipline",
        max_request_body_size=MAX_REQUEST_BODY,
        inbuf_overflow=NEVER_SPOOL,
        outbuf_overflow=NEVER_SPOOL,
    )


def _config(args: argparse.Namespace) -> TiplineConfig:
    return load_config(getattr(args, "config", DEFAULT_CONFIG))


def cmd_add_user(args: argparse.Namespace) -> int:
    """Add or replace one console user in the 0600 users file."""
    from tipline.cli.review.users import add_user  # noqa: PLC0415

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {args.name}: ")
        if getpass.getpass("again: ") != password:
            print("tipline review: the passwords differ", file=sys.stderr)
            return 1
    path = Path(args.users)
    add_user(path, args.name, password)
    print(f"{path}: user {args.name} saved (mode 0600)")
    try:
        roles = _config(args).evidence.access.operators.get(args.name)
    except ConfigError:
        return 0  # no readable config here: the roles are checked at login
    if not roles:
        print(
            f"note: {args.name} has no roles in [evidence.access.operators] and cannot log in "
            "until granted some",
            file=sys.stderr,
        )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the console until interrupted."""
    from tipline.cli.review.app import ConsoleSettings, create_app  # noqa: PLC0415
    from tipline.cli.review.users import UserStore  # noqa: PLC0415
    from tipline.services.cases import CaseService  # noqa: PLC0415
    from tipline.services.evidence import build_evidence_service  # noqa: PLC0415
    from tipline.services.roles import load_policy  # noqa: PLC0415

    if not is_loopback(args.host) and not args.allow_remote:
        msg = (
            f"--host {args.host} is not a loopback address; the console serves evidence and "
            "binds 127.0.0.1 unless you pass --allow-remote (behind TLS, with --secure-cookie)"
        )
        raise ConfigError(msg)
    cfg = _config(args)
    users = UserStore.load(Path(args.users))
    evidence = build_evidence_service(cfg.evidence, env=runtime_of(args).env)
    service = CaseService(cfg, evidence=evidence)
    # Roles come from the vault's signed role policy only (the config grants nothing).
    policy = load_policy(evidence.vault)
    settings = ConsoleSettings(
        roles={k: list(v) for k, v in (policy.operators if policy else {}).items()},
        secure_cookie=args.secure_cookie,
    )
    app = create_app(service, users, settings)
    server = console_server(app, args.host, args.port)
    port = int(server.effective_port)
    if is_loopback(args.host):
        settings.allowed_hosts |= allowed_hosts(args.host, port)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"review console on http://{shown}:{port}/ (Ctrl-C stops it)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.close()
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``tipline review serve`` and ``tipline review add-user``."""
    review = subparsers.add_parser("review", help="the review console (local web app)")
    review.add_argument("--config", default=argparse.SUPPRESS, help="TOML config file")
    sub = review.add_subparsers(dest="review_command", required=True)

    serve = sub.add_parser("serve", help="serve the review console on 127.0.0.1")
    serve.add_argument("--config", default=argparse.SUPPRESS, help="TOML config file")
    serve.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="port (0 = any free port)")
    serve.add_argument("--users", default=str(default_users_file()), help="users file")
    serve.add_argument(
        "--allow-remote", action="store_true", help="allow a non-loopback --host (use TLS)"
    )
    serve.add_argument(
        "--secure-cookie", action="store_true", help="mark the session cookie Secure (HTTPS)"
    )
    serve.set_defaults(func=cmd_serve)

    user = sub.add_parser("add-user", help="add or replace a console user (password prompt)")
    user.add_argument("--config", default=argparse.SUPPRESS, help="TOML config file")
    user.add_argument("name")
    user.add_argument("--users", default=str(default_users_file()), help="users file")
    user.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    user.set_defaults(func=cmd_add_user)
