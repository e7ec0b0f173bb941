"""``validate-config``: the files a config names must exist.

Checked: the JSONL input (``input.path`` when ``input.kind = "jsonl"``), every
hash list (``hashing.lists[].path``), the calibration table
(``decision.calibration_path``), the key folder of the ``file`` key provider
when dev keys are off (``evidence.keys.dev_key_dir``), and every key file a
``<NAME>_FILE`` environment variable points at for the key variables the
config names. Output folders (lake, vault, reports, recovery) are created on
first use and are not checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tipline.schemas.config import TiplineConfig
from tipline.schemas.environment import read_environment


def _missing(key: str, path: str, kind: str) -> str | None:
    p = Path(path)
    if kind == "dir":
        ok = p.is_dir()
    elif kind == "file":
        ok = p.is_file()
    else:
        ok = p.exists()
    expected = {"dir": "a folder", "file": "a file"}.get(kind, "a file or folder")
    return None if ok else f"{key}: {path!r} does not exist (expected {expected})"


def named_file_problems(cfg: TiplineConfig, env: Mapping[str, str] | None = None) -> list[str]:
    """Return one line per file the config names that is missing (empty: all there)."""
    env = read_environment() if env is None else env
    checks: list[tuple[str, str, str]] = []
    if cfg.input.kind == "jsonl":
        checks.append(("input.path", cfg.input.path, "any"))
    if cfg.hashing.enabled:
        checks += [
            (f"hashing.lists[{n}].path", s.path, "file") for n, s in enumerate(cfg.hashing.lists)
        ]
    if cfg.decision.calibration_path:
        checks.append(("decision.calibration_path", cfg.decision.calibration_path, "file"))
    keys = cfg.evidence.keys
    if cfg.evidence.enabled and keys.provider == "file" and not keys.allow_dev_keys:
        key_dir = keys.dev_key_dir or str(Path(cfg.evidence.path).parent / "keys")
        checks.append(("evidence.keys.dev_key_dir", key_dir, "dir"))
    if cfg.evidence.enabled:
        for field in ("master_key_env", "signing_key_env", "verify_keys_env"):
            name = getattr(keys, field)
            file_var = f"{name}_FILE"
            if env.get(file_var):
                checks.append((f"evidence.keys.{field} (${file_var})", env[file_var], "file"))
    return [p for key, path, kind in checks if (p := _missing(key, path, kind))]
