"""Append-only JSONL outputs truncate back to the snapshot on resume: no duplicates."""

from __future__ import annotations

from pathlib import Path

from tipline.sinks.jsonl import JsonlSink


def test_resume_truncates_to_snapshot(tmp_path: Path) -> None:
    out = JsonlSink(tmp_path, "dead-letters")
    part = out.build_part("dl", "dead-letters", None)
    part.write_batch([b'{"n":1}', b'{"n":2}'])
    state = part.snapshot()
    part.write_batch([b'{"n":3}'])  # after the snapshot; replayed after the crash
    part.close()  # the crashed process's handle (everything was already written)
    resumed = out.build_part("dl", "dead-letters", state)
    resumed.write_batch([b'{"n":3}', b'{"n":4}'])
    resumed.close()
    lines = (tmp_path / "dead-letters.jsonl").read_bytes().splitlines()
    assert lines == [b'{"n":1}', b'{"n":2}', b'{"n":3}', b'{"n":4}']


def test_fresh_start_appends(tmp_path: Path) -> None:
    out = JsonlSink(tmp_path, "alerts", fsync=True)
    for batch in ([b"a"], [b"b"]):
        part = out.build_part("al", "alerts", None)
        part.write_batch(batch)
        part.close()
    assert (tmp_path / "alerts.jsonl").read_bytes() == b"a\nb\n"
