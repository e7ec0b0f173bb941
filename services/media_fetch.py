"""The job's attachment fetcher: ``file://`` inside the configured roots, allow-listed ``s3://``.

Never the vault's folders or buckets (issue #13): :func:`media_fetcher` denies
them even when the hashing config would allow them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tipline.clients.media import FileFetcher, S3Fetcher, UriFetcher
from tipline.schemas.config import TiplineConfig, protected_buckets, protected_paths
from tipline.schemas.hashing import HashingConfig


def default_fetcher(
    cfg: HashingConfig,
    env: Mapping[str, str] | None = None,
    *,
    deny_paths: Sequence[str] = (),
    deny_buckets: Sequence[str] = (),
) -> UriFetcher:
    """``file://`` (inside ``file_roots`` only) and ``s3://`` (allow-listed buckets only).

    The media S3 endpoint and credentials come from the environment variables
    ``cfg.s3`` names (``MEDIA_S3_ENDPOINT``, ``MEDIA_S3_ACCESS_KEY``,
    ``MEDIA_S3_SECRET_KEY``, ``MEDIA_S3_REGION`` by default), never the
    vault's. ``deny_paths`` and ``deny_buckets`` are never read (see
    :func:`media_fetcher`, which fills them from the evidence section).
    """
    env = {} if env is None else env  # no environment given: no media S3 credentials
    names = cfg.s3
    s3 = S3Fetcher(
        endpoint_url=env.get(names.endpoint_env) or None,
        access_key=env.get(names.access_key_env) or None,
        secret_key=env.get(names.secret_key_env) or None,
        region=env.get(names.region_env) or None,
        buckets=cfg.s3.buckets,
        deny_buckets=deny_buckets,
    )
    files = FileFetcher(cfg.file_roots, deny=deny_paths)
    return UriFetcher({"file": files, "s3": s3})


def media_fetcher(config: TiplineConfig, env: Mapping[str, str] | None = None) -> UriFetcher:
    """Build the job's attachment fetcher: :func:`default_fetcher` that never reads evidence.

    The vault folder, its key folders and the vault's and key store's buckets
    are denied even when ``file_roots`` or ``hashing.s3.buckets`` would allow them.
    """
    return default_fetcher(
        config.hashing,
        env,
        deny_paths=protected_paths(config),
        deny_buckets=protected_buckets(config),
    )
