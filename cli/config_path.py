"""Which config file a command reads: ``--config``, else ``$TIPLINE_CONFIG``, else the default.

The default is ``config/default.toml`` of the working directory when it
exists (a checkout), else the copy shipped in the wheel
(``tipline/_config/default.toml``, package data), so an installed
``tipline`` works from any directory.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Final

ENV: Final = "TIPLINE_CONFIG"
CHECKOUT_DEFAULT: Final = Path("config/default.toml")


def packaged_default() -> Path:
    """Return the default config shipped inside the package."""
    return Path(str(resources.files("tipline") / "_config" / "default.toml"))


def default_config(cwd: Path | None = None) -> Path:
    """Return the default config: the checkout's when present, else the packaged one."""
    if cwd is None:
        return CHECKOUT_DEFAULT if CHECKOUT_DEFAULT.is_file() else packaged_default()
    local = cwd / CHECKOUT_DEFAULT
    return local if local.is_file() else packaged_default()


def resolve_config(explicit: str | None, env: Mapping[str, str]) -> tuple[str, bool]:
    """Return (path, whether the user chose it) for ``--config`` / ``$TIPLINE_CONFIG`` / default."""
    if explicit:
        return explicit, True
    if env.get(ENV):
        return env[ENV], True
    return str(default_config()), False
