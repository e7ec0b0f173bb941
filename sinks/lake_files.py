"""Lake files: the Parquet schema, atomic file writes, file names and the store stamp.

See :mod:`tipline.sinks.lake` for the exactly-once rules these names serve.
"""

from __future__ import annotations

import errno
import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import msgspec
import pyarrow as pa
import pyarrow.parquet as pq

from tipline.schemas.audit import AuditRow
from tipline.sinks.durable import fsync_path, publish

_LIST_STR: Final = pa.list_(pa.string())
_TS: Final = pa.timestamp("us", tz="UTC")

LAKE_SCHEMA: Final = pa.schema(
    [
        ("schema", pa.string()),
        ("event_id", pa.string()),
        ("session_id", pa.string()),
        ("dt", pa.string()),
        ("sent_at", _TS),
        ("decided_at", _TS),
        ("sender_id", pa.string()),
        ("recipient_count", pa.int32()),
        ("decision", pa.string()),
        ("alert", pa.bool_()),
        ("reasons", _LIST_STR),
        ("report_type", pa.string()),
        ("annotations", _LIST_STR),
        ("attachment_count", pa.int32()),
        ("attachment_statuses", _LIST_STR),
        ("match_strength", pa.string()),
        ("matched_lists", _LIST_STR),
        ("matched_entry_ids", _LIST_STR),
        ("min_match_distance", pa.int32()),
        ("risk_score", pa.float64()),
        ("level", pa.string()),
        ("stage", pa.string()),
        ("age_relation", pa.string()),
        ("signals", _LIST_STR),
        ("minor_to_minor", pa.bool_()),
        ("sextortion", pa.bool_()),
        ("recommended_actions", _LIST_STR),
        ("gate_allowed", pa.bool_()),
        ("gate_lower_bound", pa.float64()),
        ("detector_version", pa.string()),
        ("source", pa.string()),
        ("source_timestamp_ms", pa.int64()),
    ]
)

_PART_RE: Final = re.compile(r"^part-(?P<shard>[^-]+)-(?P<gen>\d{20})-(?P<seq>\d{10})\.parquet$")


def write_lake_file(
    root: Path, name: str, rows: list[AuditRow], compression: str = "zstd", *, durable: bool = True
) -> list[Path]:
    """Write rows as ``dt=…/<name>.parquet``, one file per event date, atomically.

    ``durable=False`` leaves the fsyncs to the caller (the shard syncs at snapshots).
    """
    by_dt: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_dt.setdefault(row.dt, []).append(msgspec.structs.asdict(row))
    written = []
    for dt, records in sorted(by_dt.items()):
        folder = root / f"dt={dt}"
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{name}.parquet"
        tmp = folder / f".{final.name}.tmp"
        table = pa.Table.from_pylist(records, schema=LAKE_SCHEMA)
        try:
            pq.write_table(table, tmp, compression=None if compression == "none" else compression)
        except BaseException:
            tmp.unlink(missing_ok=True)  # a failed write leaves no partial file behind
            raise
        written.append(publish(tmp, final, durable=durable))
    return written


def lake_files(root: Path, shard: str | None = None) -> Iterable[tuple[str, str, int, Path]]:
    """Yield (shard, generation, seq, path) for every lake file under ``root``."""
    for path in sorted(root.glob("dt=*/part-*.parquet")):
        m = _PART_RE.match(path.name)
        if m and (shard is None or m.group("shard") == shard):
            yield m.group("shard"), m.group("gen"), int(m.group("seq")), path


def describe_os_error(exc: OSError) -> str:
    """One line for an OS error: its errno name and text (no path contents)."""
    name = errno.errorcode.get(exc.errno or 0, "EIO")
    return f"{name}: {exc.strerror or exc}"


STORE_STAMP: Final = "tipline-store-created"


def stamp_recovery_store(db_dir: Path) -> None:
    """Record a recovery store's creation time once (``tipline run`` calls it at start)."""
    stamp = db_dir / STORE_STAMP
    if not stamp.exists():
        stamp.write_text(str(time.time_ns()), encoding="ascii")
        fsync_path(db_dir)


def store_created_ns(db_dir: Path) -> int:
    """When the recovery store was created (ns); an unstamped store counts as new."""
    try:
        return int((db_dir / STORE_STAMP).read_text(encoding="ascii").strip())
    except (FileNotFoundError, ValueError):
        return time.time_ns()
