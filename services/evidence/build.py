"""Building the evidence service from ``[evidence]`` and the environment."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from tipline.schemas.errors import (
    ConfigError,
)
from tipline.schemas.evidence import (
    EvidenceConfig,
)
from tipline.services.evidence.service import EvidenceService
from tipline.services.keyproviders import key_dir, load_keys
from tipline.sinks.keystore import LocalKeyStore, S3KeyStore
from tipline.sinks.s3_guard import GuardedS3Client, S3Budget
from tipline.sinks.vault import KeyStore, Vault
from tipline.sinks.vault_local import LocalVault
from tipline.sinks.vault_s3 import S3Vault, ensure_vault_bucket


def s3_client(cfg: EvidenceConfig, env: Mapping[str, str]) -> Any:
    """Build a boto3 S3 client from the env vars named in ``[evidence.s3]``."""
    import boto3  # noqa: PLC0415
    from botocore.config import Config  # noqa: PLC0415

    s3 = cfg.s3
    endpoint = env.get(s3.endpoint_env) or None
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=env.get(s3.access_key_env) or None,
        aws_secret_access_key=env.get(s3.secret_key_env) or None,
        region_name=env.get(s3.region_env) or "us-east-1",
        config=Config(
            # Retries are the guard's (one budget for every cause), not botocore's.
            retries={"total_max_attempts": 1, "mode": "standard"},
            connect_timeout=s3.timeout_s,
            read_timeout=s3.timeout_s,
            max_pool_connections=32,
        ),
    )
    return GuardedS3Client(
        client,
        endpoint=endpoint or "AWS S3",
        budget=S3Budget(s3.retry_attempts, s3.retry_total_s),
    )


_T = TypeVar("_T")


def _local(make: Callable[[], _T], key: str, path: str) -> _T:
    """Create a local store, turning an unwritable path into one config-error line."""
    try:
        return make()
    except OSError as exc:
        msg = f"{key} {path!r} cannot be written ({exc.strerror})"
        raise ConfigError(msg) from exc


def build_evidence_service(cfg: EvidenceConfig, *, env: Mapping[str, str]) -> EvidenceService:
    """Build the service for ``[evidence]``: vault, key store and keys.

    Raises:
        ConfigError: missing keys/bucket names. EvidenceError: a bucket is unfit.

    """
    client = None
    if cfg.backend == "s3" or cfg.keys.store == "s3":
        client = s3_client(cfg, env)
    vault: Vault
    if cfg.backend == "s3":
        if not cfg.s3.bucket:
            msg = "evidence.s3.bucket is empty (expected a bucket name for backend 's3')"
            raise ConfigError(msg)
        ensure_vault_bucket(
            client, cfg.s3.bucket, create=cfg.s3.create_bucket, region=env.get(cfg.s3.region_env)
        )
        vault = S3Vault(client, cfg.s3.bucket, prefix=cfg.s3.prefix, max_workers=cfg.s3.max_workers)
    else:
        vault = _local(lambda: LocalVault(cfg.path, sync=cfg.group_sync), "evidence.path", cfg.path)
    store: KeyStore
    if cfg.keys.store == "s3":
        if not cfg.keys.store_bucket:
            msg = "evidence.keys.store_bucket is empty (expected a bucket for store 's3')"
            raise ConfigError(msg)
        store = S3KeyStore(
            client,
            cfg.keys.store_bucket,
            create=cfg.s3.create_bucket,
            max_workers=cfg.s3.max_workers,
        )
    else:
        where = cfg.keys.store_path or key_dir(cfg) / "wrapped"
        store = _local(
            lambda: LocalKeyStore(where, sync=cfg.group_sync),
            "evidence.keys.store_path",
            str(where),
        )
    return EvidenceService(cfg, vault=vault, key_store=store, keys=load_keys(cfg, env, store))
