"""Shared builders for flow tests: small synthetic event streams mixed with bad records."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tipline.schemas.source import RawRecord, SourcePosition

T0 = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)


def event_json(i: int, session: str, *, text: str = "see you at practice") -> bytes:
    """A valid neutral message event."""
    return json.dumps(
        {
            "schema": "tipline.message/1",
            "event_id": f"evt-{i:05d}",
            "sent_at": (T0 + timedelta(seconds=i)).isoformat(),
            "session_id": session,
            "sender": {"user_id": f"u-{i % 2}", "declared_age": 30},
            "recipients": [{"user_id": f"u-{(i + 1) % 2}", "declared_age": 29}],
            "text": text,
        }
    ).encode()


def mixed_records(contract_examples: Path, n_valid: int = 40) -> list[RawRecord]:
    """Valid events over several sessions interleaved with every invalid contract example."""
    invalid = [p.read_bytes() for p in sorted(contract_examples.glob("invalid-*"))]
    values: list[bytes] = []
    for i in range(n_valid):
        values.append(event_json(i, f"s-{i % 5}"))
        if i % 5 == 0 and invalid:
            values.append(invalid.pop())
    values.extend(invalid)
    values.append(b"\xff\xfe not utf-8")
    return [
        RawRecord(value=v, source=SourcePosition(kind="file", file="mem", line=n))
        for n, v in enumerate(values, 1)
    ]


def write_jsonl(path: Path, records: list[RawRecord]) -> None:
    """Write record values one per line (values must not contain newlines)."""
    path.write_bytes(b"".join(r.value.replace(b"\n", b" ") + b"\n" for r in records))
