"""SIGKILL before the first recovery snapshot: dead letters and alerts stay exactly-once.

Before the fix, crashes before the first snapshot left 25 dead-letter lines
for 6 bad records and 201 alert lines for 97 alerts: with no snapshot there
was no length to truncate back to. Now each JSONL output records its length
when it first opens under a recovery store and truncates back to it on a
start without snapshot. Runs the demo corpus (6 malformed records, images
matching the demo hash list) with a snapshot interval longer than the run.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from tests.support import REPO, grooming_block
from tipline.sinks.lake import lake_files

DEMO = REPO / "demo-data"


def config(
    tmp: Path,
    *,
    batch_size: int = 25,
    snapshot_interval_s: float = 3600,
    pool_workers: int | None = None,
) -> Path:
    """A file-input job over the demo corpus with recovery on (shared by the kill tests)."""
    pool = "" if pool_workers is None else f"\npool_workers = {pool_workers}"
    path = tmp / "job.toml"
    path.write_text(
        f"""
[input]
path = "{DEMO / "events"}"
batch_size = {batch_size}
[dead_letters]
path = "{tmp / "out"}"
[alerts]
path = "{tmp / "out"}"
[lake]
path = "{tmp / "lake"}"
[recovery]
enabled = true
path = "{tmp / "recovery"}"
snapshot_interval_s = {snapshot_interval_s:g}
[hashing]
lists = [{{ path = "{DEMO / "hashlists" / "known.csv"}" }}]
file_roots = ["{DEMO}"]{pool}
[evidence]
path = "{tmp / "vault"}"
[reports]
path = "{tmp / "reports"}"
"""
        + grooming_block(),
        encoding="utf-8",
    )
    return path


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines() if path.exists() else []


def start(cfg: Path, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "tipline.cli.main", "run", "--config", str(cfg)],
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def kill_when(job: subprocess.Popen[bytes], alerts: Path, at_least: int) -> None:
    deadline = time.monotonic() + 300
    while len(lines(alerts)) < at_least:
        assert job.poll() is None, "the job ended before it could be killed"
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.05)
    job.send_signal(signal.SIGKILL)
    job.wait()


def test_sigkill_before_the_first_snapshot_keeps_dead_letters_and_alerts_exactly_once(
    tmp_path: Path,
) -> None:
    cfg = config(tmp_path)
    out = tmp_path / "out"
    dead, alerts = out / "dead-letters.jsonl", out / "alerts.jsonl"
    log = tmp_path / "job.log"
    for at_least in (3, 20):  # two crashes, both before any snapshot
        kill_when(start(cfg, log), alerts, at_least)
    killed_with = len(lines(alerts))
    job = start(cfg, log)
    assert job.wait(timeout=600) == 0, log.read_text(errors="replace")[-3000:]

    letters = [json.loads(line) for line in lines(dead)]
    keys = Counter((d["stage"], json.dumps(d["source"], sort_keys=True)) for d in letters)
    assert len(letters) == 6, f"{len(letters)} dead-letter lines for 6 bad records"
    assert all(c == 1 for c in keys.values())

    sent = [json.loads(line) for line in lines(alerts)]
    ids = Counter(a["event_id"] for a in sent)
    assert [k for k, c in ids.items() if c > 1] == []
    assert len(sent) >= killed_with > 0
    # One alert per decision that raised one (the lake is exactly-once too).
    rows = [
        row
        for _, _, _, part in lake_files(tmp_path / "lake")
        for row in pq.read_table(part, columns=["event_id", "alert"]).to_pylist()
    ]
    assert Counter(r["event_id"] for r in rows).most_common(1)[0][1] == 1
    assert set(ids) == {r["event_id"] for r in rows if r["alert"]}
