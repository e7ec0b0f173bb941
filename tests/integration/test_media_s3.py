"""s3:// attachment fetching against the real S3 server started by deploy/s3.sh."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import boto3
import pytest

from tipline.clients.media import S3Fetcher
from tipline.schemas.event import Account, Attachment, MessageEvent
from tipline.schemas.hashing import (
    HashingConfig,
    HashListSource,
    MediaFetchError,
    MediaNotFoundError,
    MediaS3Config,
    MediaTooLargeError,
)
from tipline.services.hashing import build_hash_service
from tipline.services.media_fetch import default_fetcher
from tipline.synth.images import encode, make_image

pytestmark = pytest.mark.integration


@pytest.fixture
def bucket(s3_env: dict[str, str], unique_name: str) -> str:
    client = boto3.client(
        "s3",
        endpoint_url=s3_env["S3_ENDPOINT"],
        aws_access_key_id=s3_env["S3_ACCESS_KEY"],
        aws_secret_access_key=s3_env["S3_SECRET_KEY"],
        region_name=s3_env.get("S3_REGION", "us-east-1"),
    )
    client.create_bucket(Bucket=unique_name)
    client.put_object(Bucket=unique_name, Key="img/a.jpg", Body=_image())
    client.put_object(Bucket=unique_name, Key="big.bin", Body=b"x" * 2048)
    return unique_name


def _image() -> bytes:
    return encode(make_image(42, 320, 240, "scene"))


def _fetcher(env: dict[str, str], *buckets: str) -> S3Fetcher:
    return S3Fetcher(
        endpoint_url=env["S3_ENDPOINT"],
        access_key=env["S3_ACCESS_KEY"],
        secret_key=env["S3_SECRET_KEY"],
        region=env.get("S3_REGION", "us-east-1"),
        buckets=buckets,
    )


def _media_env(env: dict[str, str]) -> dict[str, str]:
    """The media fetcher's own variables (MEDIA_S3_*), here pointing at the same MinIO."""
    return {f"MEDIA_{k}": v for k, v in env.items() if k.startswith("S3_")}


def test_fetches_an_object(s3_env: dict[str, str], bucket: str) -> None:
    assert _fetcher(s3_env, bucket).fetch(f"s3://{bucket}/img/a.jpg", 10**6, 5.0) == _image()


def test_missing_object_and_bucket_are_not_found(s3_env: dict[str, str], bucket: str) -> None:
    fetcher = _fetcher(s3_env, bucket, f"{bucket}-missing")
    with pytest.raises(MediaNotFoundError):
        fetcher.fetch(f"s3://{bucket}/nope.jpg", 10**6, 5.0)
    with pytest.raises(MediaNotFoundError):
        fetcher.fetch(f"s3://{bucket}-missing/x", 10**6, 5.0)


def test_too_large_is_refused(s3_env: dict[str, str], bucket: str) -> None:
    with pytest.raises(MediaTooLargeError, match="2048 bytes, more than max_bytes 1024"):
        _fetcher(s3_env, bucket).fetch(f"s3://{bucket}/big.bin", 1024, 5.0)


def test_unreachable_endpoint_is_a_fetch_failure() -> None:
    fetcher = S3Fetcher(endpoint_url="http://127.0.0.1:9", access_key="a", secret_key="b",
                        region="us-east-1", buckets=["b"])  # fmt: skip
    with pytest.raises(MediaFetchError):
        fetcher.fetch("s3://b/k", 1024, 1.0)


def test_service_matches_an_s3_attachment(
    s3_env: dict[str, str], bucket: str, tmp_path: Path
) -> None:
    lst = tmp_path / "known.csv"
    lst.write_text(f"algorithm,hash,list,id\nsha256,{hashlib.sha256(_image()).hexdigest()},t,1\n")
    cfg = HashingConfig(lists=[HashListSource(path=str(lst))], s3=MediaS3Config(buckets=[bucket]))
    service = build_hash_service(cfg, fetcher=default_fetcher(cfg, env=_media_env(s3_env)))
    now = datetime(2025, 1, 1, tzinfo=UTC)
    event = MessageEvent(
        schema="tipline.message/1", event_id="e", sent_at=now, session_id="s",
        sender=Account(user_id="u"), recipients=[Account(user_id="v")],
        attachments=[
            Attachment(attachment_id="a", media_type="image/jpeg", uri=f"s3://{bucket}/img/a.jpg"),
            Attachment(attachment_id="b", media_type="image/jpeg", uri=f"s3://{bucket}/gone.jpg"),
        ],
    )  # fmt: skip
    a, b = service.match(event, now)
    assert (a.status, a.strength) == ("hashed", "exact")
    assert (b.status, b.strength) == ("not_found", "none")
