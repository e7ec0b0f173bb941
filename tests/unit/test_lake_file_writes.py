"""``write_lake_file``: folders made, the lake schema kept, the codec honoured, failures clean."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.unit.test_lake import row
from tipline.sinks.lake import LAKE_SCHEMA, write_lake_file


def _codec(path: Path) -> str:
    return str(pq.ParquetFile(path).metadata.row_group(0).column(0).compression)


def test_a_new_lake_root_is_made_with_its_parents(tmp_path: Path) -> None:
    root = tmp_path / "data" / "audit"
    (path,) = write_lake_file(root, "part-x", [row(0)])
    assert path == root / "dt=2026-11-27" / "part-x.parquet"
    assert pq.read_table(path)["event_id"].to_pylist() == ["e0"]


def test_files_carry_the_lake_schema_not_an_inferred_one(tmp_path: Path) -> None:
    # every optional column is null in these rows: an inferred schema would type them "null"
    (path,) = write_lake_file(tmp_path, "part-x", [row(0), row(1)])
    assert pq.read_schema(path).remove_metadata() == LAKE_SCHEMA.remove_metadata()


@pytest.mark.parametrize(
    ("compression", "codec"),
    [(None, "ZSTD"), ("zstd", "ZSTD"), ("snappy", "SNAPPY"), ("none", "UNCOMPRESSED")],
)
def test_the_configured_codec_is_used(tmp_path: Path, compression: str | None, codec: str) -> None:
    if compression is None:  # the default
        (path,) = write_lake_file(tmp_path, "part-x", [row(0)])
    else:
        (path,) = write_lake_file(tmp_path, "part-x", [row(0)], compression)
    assert _codec(path) == codec


def test_a_write_that_fails_before_the_file_exists_raises_its_own_error(tmp_path: Path) -> None:
    with pytest.raises(pa.ArrowException, match="Unsupported compression"):
        write_lake_file(tmp_path, "part-x", [row(0)], "bogus")
    assert list(tmp_path.rglob("*.tmp")) == []
    assert list(tmp_path.rglob("*.parquet")) == []
