"""Reading attachment bytes (``file://``, ``s3://``) and hash-list files.

The fetchers implement ``tipline.operators.hashing.fetch.MediaFetcher`` structurally
(sinks do not import operators). Limits are enforced here, where the bytes
arrive: a declared size above ``max_bytes`` is refused before reading, a body
is never read past ``max_bytes + 1`` bytes, and a monotonic deadline of
``timeout_s`` covers the whole fetch (botocore's connect/read timeouts cover a
stalled socket). Every failure raises a :class:`~tipline.schemas.hashing.MediaFetchError`
subclass; messages name the URI and sizes, never content.

Hash-list files are read whole, with a stamp (mtime, size, inode) that the flow
polls to reload a changed list without a restart.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final, Protocol
from urllib.parse import unquote, urlparse

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, ConnectTimeoutError, ReadTimeoutError
from msgspec import Struct

from tipline.schemas.errors import HashListError
from tipline.schemas.hashing import (
    MediaFetchError,
    MediaNotFoundError,
    MediaTimeoutError,
    MediaTooLargeError,
)

CHUNK_BYTES: Final = 1 << 20
_MISSING_CODES: Final = frozenset({"NoSuchKey", "NoSuchBucket", "404", "NotFound"})


class _Fetcher(Protocol):
    def fetch(self, uri: str, max_bytes: int, timeout_s: float) -> bytes: ...


def _read_limited(
    stream: BinaryIO | Any, uri: str, max_bytes: int, deadline: float, clock: Callable[[], float]
) -> bytes:
    """Read ``stream`` to the end, refusing more than ``max_bytes`` or the deadline."""
    parts: list[bytes] = []
    total = 0
    while True:
        if clock() > deadline:
            msg = f"fetching {uri!r} exceeded the timeout after {total} bytes"
            raise MediaTimeoutError(msg)
        chunk = stream.read(min(CHUNK_BYTES, max_bytes + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            msg = f"{uri!r} is larger than max_bytes {max_bytes}"
            raise MediaTooLargeError(msg)


class FileFetcher:
    """Reads ``file:///absolute/path`` URIs, optionally only under ``roots``.

    Args:
        roots: allowed directories; empty allows any path.
        clock: monotonic seconds (injectable for tests).

    """

    def __init__(
        self, roots: Sequence[str] = (), clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._roots = tuple(Path(r).resolve() for r in roots)
        self._clock = clock

    def fetch(self, uri: str, max_bytes: int, timeout_s: float) -> bytes:
        """Return the file's bytes (see :class:`MediaFetcher`)."""
        deadline = self._clock() + timeout_s
        path = self._path(uri)
        try:
            with path.open("rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if size > max_bytes:
                    msg = f"{uri!r} has {size} bytes, more than max_bytes {max_bytes}"
                    raise MediaTooLargeError(msg)
                return _read_limited(fh, uri, max_bytes, deadline, self._clock)
        except FileNotFoundError as exc:
            msg = f"{uri!r} does not exist"
            raise MediaNotFoundError(msg) from exc
        except OSError as exc:
            msg = f"{uri!r} could not be read: {exc.strerror or type(exc).__name__}"
            raise MediaFetchError(msg) from exc

    def _path(self, uri: str) -> Path:
        parsed = urlparse(uri)
        if parsed.scheme != "file" or parsed.netloc not in {"", "localhost"}:
            msg = f"{uri!r} is not a file:///absolute/path URI"
            raise MediaFetchError(msg)
        path = Path(unquote(parsed.path)).resolve()
        if self._roots and not any(path.is_relative_to(r) for r in self._roots):
            msg = f"{uri!r} is outside the allowed file roots"
            raise MediaFetchError(msg)
        return path


class S3Fetcher:
    """Reads ``s3://bucket/key`` URIs with boto3 (MinIO or AWS).

    The client is created on first use, so building a service does no network
    I/O. Credentials and endpoint are arguments; the flow takes them from the
    environment.

    Args:
        endpoint_url: e.g. ``http://127.0.0.1:9000``; ``None`` for AWS.
        access_key: access key id, or ``None`` for boto3's default chain.
        secret_key: secret access key.
        region: region name.
        clock: monotonic seconds (injectable for tests).

    """

    def __init__(
        self,
        endpoint_url: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        region: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._kwargs: dict[str, Any] = {
            "endpoint_url": endpoint_url,
            "aws_access_key_id": access_key,
            "aws_secret_access_key": secret_key,
            "region_name": region,
        }
        self._clients: dict[float, Any] = {}
        self._clock = clock

    def _client(self, timeout_s: float) -> Any:
        client = self._clients.get(timeout_s)
        if client is None:
            config = Config(
                connect_timeout=timeout_s,
                read_timeout=timeout_s,
                retries={"max_attempts": 2, "mode": "standard"},
                s3={"addressing_style": "path"},
            )
            client = boto3.client("s3", config=config, **self._kwargs)
            self._clients[timeout_s] = client
        return client

    def fetch(self, uri: str, max_bytes: int, timeout_s: float) -> bytes:
        """Return the object's bytes (see :class:`MediaFetcher`)."""
        deadline = self._clock() + timeout_s
        bucket, key = _split_s3(uri)
        try:
            obj = self._client(timeout_s).get_object(Bucket=bucket, Key=key)
            body = obj["Body"]
            try:
                size = int(obj.get("ContentLength", 0))
                if size > max_bytes:
                    msg = f"{uri!r} has {size} bytes, more than max_bytes {max_bytes}"
                    raise MediaTooLargeError(msg)
                return _read_limited(body, uri, max_bytes, deadline, self._clock)
            finally:
                body.close()
        except ClientError as exc:
            raise _client_error(uri, exc) from exc
        except (ConnectTimeoutError, ReadTimeoutError) as exc:
            msg = f"fetching {uri!r} timed out ({type(exc).__name__})"
            raise MediaTimeoutError(msg) from exc
        except BotoCoreError as exc:
            msg = f"fetching {uri!r} failed: {type(exc).__name__}"
            raise MediaFetchError(msg) from exc


def _split_s3(uri: str) -> tuple[str, str]:
    parsed = urlparse(uri)
    key = parsed.path.lstrip("/")
    if parsed.scheme != "s3" or not parsed.netloc or not key:
        msg = f"{uri!r} is not an s3://bucket/key URI"
        raise MediaFetchError(msg)
    return parsed.netloc, key


def _client_error(uri: str, exc: ClientError) -> MediaFetchError:
    code = str(exc.response.get("Error", {}).get("Code", ""))
    if code in _MISSING_CODES:
        return MediaNotFoundError(f"{uri!r} does not exist ({code})")
    return MediaFetchError(f"fetching {uri!r} failed: S3 error {code or 'unknown'}")


class UriFetcher:
    """Routes a URI to the fetcher of its scheme (``file``, ``s3``).

    Args:
        fetchers: scheme → fetcher.

    """

    def __init__(self, fetchers: Mapping[str, _Fetcher]) -> None:
        self._fetchers = dict(fetchers)

    def fetch(self, uri: str, max_bytes: int, timeout_s: float) -> bytes:
        """Fetch with the scheme's fetcher.

        Raises:
            MediaFetchError: no fetcher for the scheme, or the fetch failed.

        """
        scheme = urlparse(uri).scheme
        fetcher = self._fetchers.get(scheme)
        if fetcher is None:
            msg = f"{uri!r} has unsupported scheme {scheme!r} (expected {sorted(self._fetchers)})"
            raise MediaFetchError(msg)
        return fetcher.fetch(uri, max_bytes, timeout_s)


class ListFileStamp(Struct, frozen=True, kw_only=True):
    """What identifies one version of a list file on disk, cheaply (no read)."""

    path: str
    mtime_ns: int
    size: int
    inode: int


def stat_list_file(path: str) -> ListFileStamp | None:
    """Return the file's stamp, or ``None`` when it does not exist (now)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return ListFileStamp(path=path, mtime_ns=st.st_mtime_ns, size=st.st_size, inode=st.st_ino)


def read_list_file(path: str) -> tuple[ListFileStamp, bytes]:
    """Read a whole list file with the stamp of the version read.

    A file replaced while it was being read is read again (once), so the stamp
    and the bytes belong together.

    Raises:
        HashListError: the file is missing or unreadable.

    """
    for _ in range(2):
        before = stat_list_file(path)
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            msg = f"cannot read hash list {path!r}: {exc.strerror or type(exc).__name__}"
            raise HashListError(msg) from exc
        if before is not None and stat_list_file(path) == before:
            return before, content
    msg = f"hash list {path!r} kept changing while being read"
    raise HashListError(msg)
