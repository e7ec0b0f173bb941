"""Hostile attachment URIs: local files and buckets the job must never read (issue #13, High 1).

Every case is a recorded ``fetch_denied`` verdict (never a crash, never the
bytes), and the default config denies every ``file://`` URI.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import pytest

from tipline.clients.media import FileFetcher, S3Fetcher
from tipline.schemas.config import TiplineConfig, load_config, parse_config
from tipline.schemas.errors import ConfigError
from tipline.schemas.event import Account, Attachment, MessageEvent
from tipline.schemas.hashing import STATUS_FETCH_DENIED, HashingConfig, MediaDeniedError
from tipline.services.hashing import build_hash_service
from tipline.services.media_fetch import default_fetcher, media_fetcher

T0 = datetime(2026, 12, 1, tzinfo=UTC)
LIMIT = 1 << 20


def _event(*uris: str) -> MessageEvent:
    return MessageEvent(
        schema="tipline.message/1", event_id="e-1", sent_at=T0, session_id="s-1",
        sender=Account(user_id="u-1"), recipients=[Account(user_id="u-2")],
        attachments=[
            Attachment(attachment_id=f"a{i}", media_type="image/png", uri=u)
            for i, u in enumerate(uris)
        ],
    )  # fmt: skip


@pytest.fixture
def root(tmp_path: Path) -> Path:
    media = tmp_path / "media"
    media.mkdir()
    (media / "ok.bin").write_bytes(b"fine")
    (tmp_path / "secret.txt").write_bytes(b"SECRET-CANARY")
    return media


# ---- default config: file:// is closed --------------------------------------


@pytest.mark.parametrize(
    "uri", ["file:///etc/passwd", "file:///proc/self/environ", "file:///proc/uptime"]
)
def test_default_config_denies_every_local_file(uri: str) -> None:
    fetcher = default_fetcher(HashingConfig())
    with pytest.raises(MediaDeniedError, match=r"hashing\.file_roots is empty"):
        fetcher.fetch(uri, LIMIT, 1.0)


def test_denied_fetch_is_a_recorded_verdict_without_bytes_or_hashes() -> None:
    service = build_hash_service(HashingConfig())
    verdicts = service.match(_event("file:///etc/passwd", "file:///proc/self/environ"), T0)
    assert [v.status for v in verdicts] == [STATUS_FETCH_DENIED, STATUS_FETCH_DENIED]
    for v in verdicts:
        assert v.sha256 is None
        assert v.size_bytes is None
        assert "root:" not in (v.reason or "")


def test_default_config_denies_the_dev_master_key(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "master.key").write_bytes(b"KEY-CANARY")
    cfg = TiplineConfig()
    with pytest.raises(MediaDeniedError):
        media_fetcher(cfg, env={}).fetch(f"file://{keys}/master.key", LIMIT, 1.0)


# ---- with roots configured ----------------------------------------------------


def test_a_file_inside_a_root_is_read(root: Path) -> None:
    assert FileFetcher(roots=[str(root)]).fetch(f"file://{root}/ok.bin", LIMIT, 1.0) == b"fine"


def test_outside_every_root_is_denied(root: Path) -> None:
    with pytest.raises(MediaDeniedError, match="outside"):
        FileFetcher(roots=[str(root)]).fetch("file:///etc/passwd", LIMIT, 1.0)


def test_symlink_escaping_a_root_is_denied(root: Path) -> None:
    (root / "link.bin").symlink_to(root.parent / "secret.txt")
    (root / "sub").symlink_to(root.parent)
    fetcher = FileFetcher(roots=[str(root)])
    with pytest.raises(MediaDeniedError):
        fetcher.fetch(f"file://{root}/link.bin", LIMIT, 1.0)
    with pytest.raises(MediaDeniedError):
        fetcher.fetch(f"file://{root}/sub/secret.txt", LIMIT, 1.0)


@pytest.mark.parametrize("tail", ["../secret.txt", "x/../ok.bin", "%2e%2e/secret.txt", "./ok.bin"])
def test_dot_segments_are_denied_even_when_they_resolve_inside(root: Path, tail: str) -> None:
    (root / "x").mkdir()
    with pytest.raises(MediaDeniedError, match="segment"):
        FileFetcher(roots=[str(root)]).fetch(f"file://{root}/{tail}", LIMIT, 1.0)


@pytest.mark.timeout(20)
def test_a_fifo_is_denied_without_hanging(root: Path) -> None:
    os.mkfifo(root / "pipe")
    with pytest.raises(MediaDeniedError, match="not a regular file"):
        FileFetcher(roots=[str(root)]).fetch(f"file://{root}/pipe", LIMIT, 1.0)


def test_a_directory_is_denied(root: Path) -> None:
    (root / "dir").mkdir()
    with pytest.raises(MediaDeniedError, match="not a regular file"):
        FileFetcher(roots=[str(root)]).fetch(f"file://{root}/dir", LIMIT, 1.0)


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "uri",
    [
        "file:///proc/self/environ",
        "file:///proc/uptime",
        "file:///sys/kernel/hostname",
        "file:///dev/zero",
        "file:///dev/stdin",
        "file:///dev/shm/x",
    ],
)
def test_proc_sys_dev_are_denied_even_under_root_slash(uri: str) -> None:
    with pytest.raises(MediaDeniedError):
        FileFetcher(roots=["/"]).fetch(uri, LIMIT, 1.0)


def test_symlink_into_proc_is_denied(root: Path) -> None:
    (root / "env.bin").symlink_to("/proc/self/environ")
    with pytest.raises(MediaDeniedError):
        FileFetcher(roots=["/"]).fetch(f"file://{root}/env.bin", LIMIT, 1.0)


def test_nul_byte_and_relative_paths_are_denied(root: Path) -> None:
    fetcher = FileFetcher(roots=["/"])
    with pytest.raises(MediaDeniedError):
        fetcher.fetch(f"file://{root}/ok.bin%00.png", LIMIT, 1.0)


def test_vault_and_key_folders_are_denied_even_inside_a_root(tmp_path: Path) -> None:
    out = tmp_path / "out"
    keys = out / "keys"
    keys.mkdir(parents=True)
    (keys / "master.key").write_bytes(b"KEY-CANARY")
    (out / "vault").mkdir()
    (out / "vault" / "item.bin").write_bytes(b"SEALED")
    (out / "photo.bin").write_bytes(b"ok")
    cfg = TiplineConfig(
        hashing=HashingConfig(file_roots=[str(tmp_path)]),
        evidence=msgspec.structs.replace(TiplineConfig().evidence, path=str(out / "vault")),
    )
    fetcher = media_fetcher(cfg, env={})
    assert fetcher.fetch(f"file://{out}/photo.bin", LIMIT, 1.0) == b"ok"
    for target in (keys / "master.key", out / "vault" / "item.bin"):
        with pytest.raises(MediaDeniedError, match="evidence"):
            fetcher.fetch(target.as_uri(), LIMIT, 1.0)


def test_a_root_inside_the_key_folder_is_refused_at_config() -> None:
    with pytest.raises(ConfigError, match=r"hashing.file_roots"):
        parse_config(
            {"hashing": {"file_roots": ["out/demo/keys"]}, "evidence": {"path": "out/demo/vault"}}
        )


# ---- s3:// ---------------------------------------------------------------------


def _s3(**kwargs: object) -> S3Fetcher:
    # Port 9 on loopback: any network attempt would fail with a different error.
    return S3Fetcher(endpoint_url="http://127.0.0.1:9", access_key="a", secret_key="b",
                     region="us-east-1", **kwargs)  # type: ignore[arg-type]  # fmt: skip


def test_s3_without_an_allow_list_is_denied() -> None:
    with pytest.raises(MediaDeniedError, match=r"hashing\.s3\.buckets is empty"):
        _s3().fetch("s3://media/x.png", LIMIT, 1.0)


def test_s3_bucket_not_on_the_allow_list_is_denied() -> None:
    with pytest.raises(MediaDeniedError, match="not on the allow-list"):
        _s3(buckets=["media"]).fetch("s3://other/x.png", LIMIT, 1.0)


def test_s3_vault_bucket_is_denied_at_fetch_even_if_allowed() -> None:
    fetcher = _s3(buckets=["media", "vault"], deny_buckets=["vault"])
    with pytest.raises(MediaDeniedError, match="evidence"):
        fetcher.fetch("s3://vault/pkg/manifest.json", LIMIT, 1.0)


@pytest.mark.parametrize("field", ["bucket", "store_bucket"])
def test_s3_vault_or_key_store_bucket_on_the_allow_list_is_refused_at_config(field: str) -> None:
    evidence: dict[str, object] = (
        {"s3": {"bucket": "vault"}} if field == "bucket" else {"keys": {"store_bucket": "vault"}}
    )
    with pytest.raises(ConfigError, match=r"hashing\.s3\.buckets"):
        parse_config({"hashing": {"s3": {"buckets": ["media", "vault"]}}, "evidence": evidence})


def test_media_s3_credentials_are_not_the_vaults() -> None:
    cfg = TiplineConfig()
    assert cfg.hashing.s3.access_key_env != cfg.evidence.s3.access_key_env
    assert cfg.hashing.s3.secret_key_env != cfg.evidence.s3.secret_key_env
    with pytest.raises(ConfigError, match=r"hashing\.s3\.access_key_env"):
        parse_config({"hashing": {"s3": {"access_key_env": "S3_ACCESS_KEY"}}})


def test_s3_vault_uri_in_an_event_is_a_verdict(tmp_path: Path) -> None:
    cfg = parse_config(
        {
            "hashing": {"lists": [], "s3": {"buckets": ["media"]}},
            "evidence": {"backend": "s3", "s3": {"bucket": "vault"}},
        }
    )
    service = build_hash_service(cfg.hashing, fetcher=media_fetcher(cfg, env={}))
    (v,) = service.match(_event("s3://vault/packages/p/manifest.json"), T0)
    assert v.status == STATUS_FETCH_DENIED
    assert v.sha256 is None


@pytest.mark.parametrize(
    "target",
    ["/etc/passwd", "/proc/self/environ", "out/demo/keys/dev-master.key", "out/demo/vault/x"],
)
def test_the_shipped_demo_config_reads_only_its_media_folder(repo_root: Path, target: str) -> None:
    cfg = load_config(repo_root / "config" / "default.toml")
    assert cfg.hashing.file_roots == ["demo-data/media"]
    path = Path(target) if target.startswith("/") else (repo_root / target)
    with pytest.raises(MediaDeniedError):
        media_fetcher(cfg, env={}).fetch(path.as_uri(), LIMIT, 1.0)
