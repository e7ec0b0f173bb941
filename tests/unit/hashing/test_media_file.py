"""file:// fetching and list-file stamps (clients/media.py), on a temporary folder."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tipline.clients.media import FileFetcher, UriFetcher, read_list_file, stat_list_file
from tipline.schemas.errors import HashListError
from tipline.schemas.hashing import (
    MediaDeniedError,
    MediaFetchError,
    MediaNotFoundError,
    MediaTimeoutError,
    MediaTooLargeError,
)


def test_reads_a_file(tmp_path: Path) -> None:
    (tmp_path / "a b.bin").write_bytes(b"x" * 10)
    assert FileFetcher([str(tmp_path)]).fetch(f"file://{tmp_path}/a%20b.bin", 10, 1.0) == b"x" * 10


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(MediaNotFoundError, match="does not exist"):
        FileFetcher([str(tmp_path)]).fetch(f"file://{tmp_path}/none", 10, 1.0)


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "big").write_bytes(b"x" * 11)
    with pytest.raises(MediaTooLargeError, match="has 11 bytes, more than max_bytes 10"):
        FileFetcher([str(tmp_path)]).fetch(f"file://{tmp_path}/big", 10, 1.0)


def test_timeout_uses_the_injected_clock(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"x" * 10)
    ticks = itertools.count(0.0, 5.0)
    fetcher = FileFetcher([str(tmp_path)], clock=lambda: next(ticks))
    with pytest.raises(MediaTimeoutError, match="exceeded the timeout"):
        fetcher.fetch(f"file://{tmp_path}/f", 100, 1.0)


def test_roots_confine_paths(tmp_path: Path) -> None:
    inside = tmp_path / "media"
    inside.mkdir()
    (inside / "ok").write_bytes(b"1")
    (tmp_path / "secret").write_bytes(b"2")
    fetcher = FileFetcher(roots=[str(inside)])
    assert fetcher.fetch(f"file://{inside}/ok", 10, 1.0) == b"1"
    with pytest.raises(MediaDeniedError, match=r"outside every hashing\.file_roots"):
        fetcher.fetch(f"file://{tmp_path}/secret", 10, 1.0)


@pytest.mark.parametrize("uri", ["file://host/x", "http://x/y"])
def test_bad_file_uris(uri: str) -> None:
    with pytest.raises(MediaFetchError):
        FileFetcher(["/"]).fetch(uri, 10, 1.0)


def test_directory_is_denied(tmp_path: Path) -> None:
    with pytest.raises(MediaDeniedError, match="not a regular file"):
        FileFetcher([str(tmp_path)]).fetch(f"file://{tmp_path}", 10, 1.0)


def test_no_roots_denies_everything(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"abc")
    with pytest.raises(MediaDeniedError, match="file_roots is empty"):
        FileFetcher().fetch(f"file://{tmp_path}/f", 10, 1.0)


def test_uri_fetcher_routes_by_scheme(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"abc")
    fetcher = UriFetcher({"file": FileFetcher([str(tmp_path)])})
    assert fetcher.fetch(f"file://{tmp_path}/f", 10, 1.0) == b"abc"
    with pytest.raises(MediaFetchError, match="unsupported scheme 's3'"):
        fetcher.fetch("s3://b/k", 10, 1.0)


def test_list_file_stamp_changes_with_content(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    assert stat_list_file(str(path)) is None
    path.write_text("algorithm,hash\n")
    stamp, content = read_list_file(str(path))
    assert content == b"algorithm,hash\n"
    assert stamp == stat_list_file(str(path))
    path.write_text("algorithm,hash\nmd5,00\n")
    assert stat_list_file(str(path)) != stamp


def test_missing_list_file_raises(tmp_path: Path) -> None:
    with pytest.raises(HashListError, match="cannot read hash list"):
        read_list_file(str(tmp_path / "none.csv"))
