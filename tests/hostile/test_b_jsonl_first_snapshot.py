"""JSONL outputs are exactly-once also across a crash before the first snapshot (issue #13)."""

from __future__ import annotations

from pathlib import Path

from tipline.sinks.jsonl import JsonlSink
from tipline.sinks.lake import stamp_recovery_store


def test_restart_without_snapshot_truncates_to_the_length_at_first_open(tmp_path: Path) -> None:
    store = tmp_path / "recovery"
    store.mkdir()
    stamp_recovery_store(store)
    out = tmp_path / "out"
    out.mkdir()
    (out / "alerts.jsonl").write_bytes(b'{"before":"this store"}\n')
    sink = JsonlSink(out, "alerts", recovery_dir=store)

    crashed = []
    for _crash in range(3):  # each run dies before its first snapshot
        part = sink.build_part("alerts", "alerts", None)
        part.write_batch([b'{"a":1}', b'{"a":2}'])
        crashed.append(part)
    for dead in crashed:  # (what the OS does for a killed process: nothing buffered is left)
        dead._file.close()  # type: ignore[attr-defined]
    assert (out / "alerts.jsonl").read_bytes() == b'{"before":"this store"}\n{"a":1}\n{"a":2}\n'

    # After a snapshot, resume uses the snapshot's length as before.
    part = sink.build_part("alerts", "alerts", None)
    part.write_batch([b'{"a":1}', b'{"a":2}'])
    length = part.snapshot()
    part.write_batch([b'{"a":3}'])
    part._file.close()  # type: ignore[attr-defined]  # crash after the snapshot
    part = sink.build_part("alerts", "alerts", length)
    part.write_batch([b'{"a":3}'])
    part.close()
    assert (out / "alerts.jsonl").read_bytes().count(b'{"a":3}') == 1


def test_a_new_recovery_store_keeps_what_the_old_one_committed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    old, new = tmp_path / "old", tmp_path / "new"
    for store in (old, new):
        store.mkdir()
    (old / "tipline-store-created").write_text("1", encoding="ascii")
    (new / "tipline-store-created").write_text("2", encoding="ascii")
    part = JsonlSink(out, "dl", recovery_dir=old).build_part("dl", "dl", None)
    part.write_batch([b"x"])
    part.close()
    part = JsonlSink(out, "dl", recovery_dir=new).build_part("dl", "dl", None)
    part.write_batch([b"y"])
    part.close()
    assert (out / "dl.jsonl").read_bytes() == b"x\ny\n"


def test_without_recovery_a_restart_appends(tmp_path: Path) -> None:
    sink = JsonlSink(tmp_path, "dl")
    for _ in range(2):
        part = sink.build_part("dl", "dl", None)
        part.write_batch([b"x"])
        part.close()
    assert (tmp_path / "dl.jsonl").read_bytes() == b"x\nx\n"
