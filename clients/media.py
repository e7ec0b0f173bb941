"""Reading attachment bytes (``file://``, ``s3://``) and hash-list files.

The fetchers implement ``tipline.operators.hashing.fetch.MediaFetcher`` structurally
(sinks do not import operators). Access is closed by default: ``file://`` only
inside configured roots (never ``/proc``, ``/sys``, ``/dev``, the vault or its
keys; regular files only, opened without blocking or following a final
symlink) and ``s3://`` only from allow-listed buckets (never the vault's or
key store's); a refusal is a :class:`~tipline.schemas.hashing.MediaDeniedError`.
Limits are enforced here, where the bytes arrive: a declared size above
``max_bytes`` is refused before reading, a body is never read past
``max_bytes + 1`` bytes, and ``timeout_s`` is a TOTAL wall deadline for the
whole fetch (for S3 also against a server that drips bytes, see
:class:`S3Fetcher`). Every failure raises a
:class:`~tipline.schemas.hashing.MediaFetchError` subclass; messages name the URI and
sizes, never content.

Hash-list files are read whole, with a stamp (mtime, size, inode) that the flow
polls to reload a changed list without a restart.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
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
    MediaDeniedError,
    MediaFetchError,
    MediaNotFoundError,
    MediaTimeoutError,
    MediaTooLargeError,
)

CHUNK_BYTES: Final = 1 << 20
PIECE_BYTES: Final = 64 * 1024
# Never read, whatever hashing.file_roots says (a root of "/" included).
NEVER_READ: Final = ("/proc", "/sys", "/dev")
_OPEN_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
)
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
    """Reads ``file:///absolute/path`` URIs, only inside ``roots`` (closed by default).

    Rules, checked in this order (any failure is a :class:`MediaDeniedError`,
    status ``fetch_denied``): ``roots`` is not empty; the path is absolute,
    has no NUL byte and no ``.``/``..`` segment; its real path (symlinks
    resolved) is not under ``/proc``, ``/sys`` or ``/dev`` (even with a root of
    ``/``), not inside a ``deny`` folder (the vault and its keys) and is inside
    a root. The real path is then opened with ``O_NONBLOCK | O_NOFOLLOW`` (a
    FIFO never blocks the open, a swapped-in symlink fails), the open file must
    be a regular file (``fstat``) and, where ``/proc/self/fd`` exists, still be
    the checked path (no race on a parent folder).

    Args:
        roots: allowed folders; empty denies every ``file://`` URI.
        deny: folders never read even inside a root (vault, key folders).
        clock: monotonic seconds (injectable for tests).

    """

    def __init__(
        self,
        roots: Sequence[str] = (),
        deny: Sequence[str] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._roots = tuple(os.path.realpath(r) for r in roots)
        self._deny = tuple(os.path.realpath(d) for d in deny)
        self._never = tuple(sorted({*NEVER_READ, *(os.path.realpath(n) for n in NEVER_READ)}))
        self._clock = clock

    def fetch(self, uri: str, max_bytes: int, timeout_s: float) -> bytes:
        """Return the file's bytes (see :class:`MediaFetcher`)."""
        deadline = self._clock() + timeout_s
        real = self._checked_path(uri)
        fd = self._open(uri, real)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                msg = f"{uri!r} is not a regular file; only regular files are read"
                raise MediaDeniedError(msg)
            self._check_opened(uri, fd, real)
            if st.st_size > max_bytes:
                msg = f"{uri!r} has {st.st_size} bytes, more than max_bytes {max_bytes}"
                raise MediaTooLargeError(msg)
            with os.fdopen(os.dup(fd), "rb", buffering=0) as fh:
                return _read_limited(fh, uri, max_bytes, deadline, self._clock)
        except OSError as exc:
            msg = f"{uri!r} could not be read: {exc.strerror or type(exc).__name__}"
            raise MediaFetchError(msg) from exc
        finally:
            os.close(fd)

    def _checked_path(self, uri: str) -> str:
        parsed = urlparse(uri)
        if parsed.scheme != "file" or parsed.netloc not in {"", "localhost"}:
            msg = f"{uri!r} is not a file:///absolute/path URI"
            raise MediaFetchError(msg)
        if not self._roots:
            msg = f"{uri!r}: file:// attachments are denied (hashing.file_roots is empty)"
            raise MediaDeniedError(msg)
        raw = unquote(parsed.path)
        if "\x00" in raw or not raw.startswith("/"):
            msg = f"{uri!r} is not an absolute path without NUL bytes"
            raise MediaDeniedError(msg)
        if any(part in {".", ".."} for part in raw.split("/")):
            msg = f"{uri!r} has a '.' or '..' path segment"
            raise MediaDeniedError(msg)
        real = os.path.realpath(raw)
        self._check_real(uri, real)
        return real

    def _check_real(self, uri: str, real: str) -> None:
        if any(_inside(real, n) for n in self._never):
            msg = f"{uri!r} resolves under /proc, /sys or /dev, which are never read"
            raise MediaDeniedError(msg)
        if any(_inside(real, d) for d in self._deny):
            msg = f"{uri!r} resolves into the evidence vault or its key folders"
            raise MediaDeniedError(msg)
        if not any(_inside(real, r) for r in self._roots):
            msg = f"{uri!r} resolves outside every hashing.file_roots folder"
            raise MediaDeniedError(msg)

    @staticmethod
    def _open(uri: str, real: str) -> int:
        try:
            return os.open(real, _OPEN_FLAGS)
        except FileNotFoundError as exc:
            msg = f"{uri!r} does not exist"
            raise MediaNotFoundError(msg) from exc
        except OSError as exc:
            if exc.errno in {errno.ELOOP, errno.EMLINK}:
                msg = f"{uri!r} became a symlink while being opened"
                raise MediaDeniedError(msg) from exc
            msg = f"{uri!r} could not be opened: {exc.strerror or type(exc).__name__}"
            raise MediaFetchError(msg) from exc

    def _check_opened(self, uri: str, fd: int, real: str) -> None:
        try:
            opened = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            return  # no procfs (not Linux): the O_NOFOLLOW open and fstat stand
        if opened != real:
            msg = f"{uri!r} changed while being opened"
            raise MediaDeniedError(msg)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


class S3Fetcher:
    """Reads ``s3://bucket/key`` URIs with boto3 (MinIO or AWS), allow-listed buckets only.

    A bucket must be in ``buckets`` (empty denies all) and never in
    ``deny_buckets`` (the vault's and key store's), else
    :class:`MediaDeniedError` before any network I/O. ``timeout_s`` is a TOTAL
    wall deadline: the request runs on a daemon thread and the caller stops
    waiting at the deadline (status ``timeout``), whatever the server does
    (a server dripping the headers or the body one byte at a time defeats
    botocore's per-socket timeouts, which still bound connect and each read).
    The body is read with ``read1`` in small pieces, so an abandoned request
    stops at its next piece. At most ``max_inflight`` requests run at once,
    abandoned ones included; beyond that a fetch waits within its own deadline.

    Args:
        endpoint_url: e.g. ``http://127.0.0.1:9000``; ``None`` for AWS.
        access_key: access key id, or ``None`` for boto3's default chain.
        secret_key: secret access key.
        region: region name.
        buckets: the allow-list.
        deny_buckets: buckets never read, even when allowed.
        max_inflight: bound on concurrent (and abandoned) requests.
        clock: monotonic seconds (injectable for tests).

    """

    def __init__(
        self,
        endpoint_url: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        region: str | None = None,
        *,
        buckets: Sequence[str] = (),
        deny_buckets: Sequence[str] = (),
        max_inflight: int = 8,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._kwargs: dict[str, Any] = {
            "endpoint_url": endpoint_url,
            "aws_access_key_id": access_key,
            "aws_secret_access_key": secret_key,
            "region_name": region,
        }
        self._buckets = frozenset(buckets)
        self._deny = frozenset(deny_buckets)
        self._clients: dict[float, Any] = {}
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max_inflight)
        self._clock = clock

    def _client(self, timeout_s: float) -> Any:
        with self._lock:  # boto3's default session is not thread-safe for client creation
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

    def _check_bucket(self, uri: str, bucket: str) -> None:
        if bucket in self._deny:
            msg = f"{uri!r} names the evidence vault's or key store's bucket"
            raise MediaDeniedError(msg)
        if not self._buckets:
            msg = f"{uri!r}: s3:// attachments are denied (hashing.s3.buckets is empty)"
            raise MediaDeniedError(msg)
        if bucket not in self._buckets:
            msg = f"{uri!r}: bucket {bucket!r} is not on the allow-list hashing.s3.buckets"
            raise MediaDeniedError(msg)

    def fetch(self, uri: str, max_bytes: int, timeout_s: float) -> bytes:
        """Return the object's bytes within ``timeout_s`` in total (see :class:`MediaFetcher`)."""
        bucket, key = _split_s3(uri)
        self._check_bucket(uri, bucket)
        deadline = self._clock() + timeout_s
        if not self._slots.acquire(timeout=timeout_s):
            msg = f"fetching {uri!r} timed out waiting for a free connection slot"
            raise MediaTimeoutError(msg)
        box: dict[str, Any] = {}
        done = threading.Event()
        cancel = threading.Event()

        def run() -> None:
            try:
                box["data"] = self._get(
                    uri,
                    bucket,
                    key,
                    max_bytes=max_bytes,
                    timeout_s=timeout_s,
                    deadline=deadline,
                    cancel=cancel,
                )
            except BaseException as exc:
                box["error"] = exc
            finally:
                self._slots.release()
                done.set()

        threading.Thread(target=run, name="tipline-media-s3", daemon=True).start()
        if not done.wait(max(0.0, deadline - self._clock())):
            cancel.set()
            msg = f"fetching {uri!r} exceeded the total deadline of {timeout_s:g} s"
            raise MediaTimeoutError(msg)
        if "error" in box:
            raise box["error"]
        data: bytes = box["data"]
        return data

    def _get(
        self,
        uri: str,
        bucket: str,
        key: str,
        *,
        max_bytes: int,
        timeout_s: float,
        deadline: float,
        cancel: threading.Event,
    ) -> bytes:
        try:
            obj = self._client(timeout_s).get_object(Bucket=bucket, Key=key)
            body = obj["Body"]
            try:
                size = int(obj.get("ContentLength", 0))
                if size > max_bytes:
                    msg = f"{uri!r} has {size} bytes, more than max_bytes {max_bytes}"
                    raise MediaTooLargeError(msg)
                stream = _Pieces(getattr(body, "_raw_stream", body), cancel)
                data = _read_limited(stream, uri, max_bytes, deadline, self._clock)
                if size and len(data) != size:
                    msg = f"fetching {uri!r} ended after {len(data)} of {size} bytes"
                    raise MediaFetchError(msg)
                return data
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
        except OSError as exc:
            msg = f"fetching {uri!r} failed: {type(exc).__name__}"
            raise MediaFetchError(msg) from exc


class _Pieces:
    """A body reader returning what one socket read gives (``read1``), stopping on cancel."""

    def __init__(self, raw: Any, cancel: threading.Event) -> None:
        self._raw = raw
        self._cancel = cancel

    def read(self, amt: int) -> bytes:
        if self._cancel.is_set():
            msg = "the fetch was abandoned at its deadline"
            raise MediaTimeoutError(msg)
        piece = min(amt, PIECE_BYTES)
        read1 = getattr(self._raw, "read1", None)
        data: bytes = read1(piece) if read1 is not None else self._raw.read(piece)
        return data


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
