"""Start-up checks that need more than the config file: input path, production profile.

``job.profile = "production"`` is checked twice: :func:`tipline.schemas.config.load_config`
refuses a config without hash lists, an explicit ``hashing.file_roots``,
recovery, real keys (``allow_dev_keys = false``) and operators; and
:func:`check_production` refuses to run while the keys are dev keys or the
vault holds no role policy signed by its pinned key.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tipline.schemas.config import TiplineConfig
from tipline.schemas.errors import ConfigError
from tipline.services.roles import load_policy

if TYPE_CHECKING:
    from tipline.flows.pipeline import Pipeline


def check_input_path(cfg: TiplineConfig) -> None:
    """Fail in one line when a JSONL input path does not exist.

    Raises:
        ConfigError: ``input.path`` is missing.

    """
    if cfg.input.kind == "jsonl" and not Path(cfg.input.path).exists():
        msg = f"input.path {cfg.input.path!r} does not exist (expected a JSONL file or folder)"
        raise ConfigError(msg)


def check_production(cfg: TiplineConfig, pipeline: Pipeline) -> None:
    """Refuse to run a production profile on dev keys or without a signed role policy.

    Raises:
        ConfigError: naming what is missing.

    """
    if not cfg.evidence.enabled:
        msg = "job.profile 'production': evidence.enabled is false (expected the vault on)"
        raise ConfigError(msg)
    service = pipeline.evidence
    if service.keys.dev:
        msg = "job.profile 'production': evidence keys are dev keys (set the key env vars)"
        raise ConfigError(msg)
    if load_policy(service.vault) is None:
        msg = (
            f"job.profile 'production': {service.vault.location} has no role policy signed "
            "by its pinned key (run `tipline roles sign` with the deployment's signing key)"
        )
        raise ConfigError(msg)
