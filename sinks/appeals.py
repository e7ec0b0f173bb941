"""Appeal records as Parquet under ``<lake path>/appeals/dt=YYYY-MM-DD/``.

Appeals are event-sourced: every state change (open, resolve) is one row in
its own small file named ``<appeal_id>-<status>.parquet`` in the partition of
its ``recorded_at`` date. The name is deterministic, so writing the same
change twice replaces the file with identical content (idempotent). Files are
written under a temporary name, fsynced and renamed into place.

Invariants: rows carry ids, reason codes and reviewer names, never content;
an existing appeal's history is never rewritten (resolve adds a row).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pyarrow as pa
import pyarrow.parquet as pq

from tipline.schemas.appeal import Appeal
from tipline.sinks.durable import publish

_TS: Final = pa.timestamp("us", tz="UTC")
APPEAL_SCHEMA: Final = pa.schema(
    [
        ("schema", pa.string()),
        ("appeal_id", pa.string()),
        ("event_id", pa.string()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("opened_at", _TS),
        ("recorded_at", _TS),
        ("reviewer", pa.string()),
    ]
)


class AppealStore:
    """Append and read appeal records in the lake's ``appeals/`` folder."""

    def __init__(self, lake_path: str | Path) -> None:
        """Use ``<lake_path>/appeals`` (created on first write)."""
        self.root = Path(lake_path) / "appeals"

    def append(self, appeal: Appeal) -> Path:
        """Write one appeal record durably and return its file path."""
        folder = self.root / f"dt={appeal.recorded_at.date().isoformat()}"
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{appeal.appeal_id}-{appeal.status}.parquet"
        tmp = folder / f".{final.name}.tmp"
        row = {name: [getattr(appeal, name)] for name in APPEAL_SCHEMA.names}
        pq.write_table(pa.Table.from_pydict(row, schema=APPEAL_SCHEMA), tmp)
        return publish(tmp, final)

    def read_all(self) -> list[Appeal]:
        """Return every appeal record, ordered by ``recorded_at`` then id."""
        records: list[Appeal] = []
        for path in sorted(self.root.glob("dt=*/*.parquet")):
            for row in pq.read_table(path, schema=APPEAL_SCHEMA).to_pylist():
                records.append(Appeal(**row))
        return sorted(records, key=lambda a: (a.recorded_at, a.appeal_id, a.status))

    def current(self) -> dict[str, Appeal]:
        """Return the latest record of every appeal, by appeal id."""
        latest: dict[str, Appeal] = {}
        for record in self.read_all():
            latest[record.appeal_id] = record
        return latest
