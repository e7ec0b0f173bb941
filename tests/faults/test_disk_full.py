"""Disk full on the audit lake (real tmpfs): orderly stop, then nothing lost on restart."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tests.faults.jobs import file_job_config, run_job, write_events
from tests.faults.test_kill_before_snapshot import config as demo_config
from tests.hostile.faults import fill, tiny_tmpfs
from tests.integration.test_kafka_flow import lake_event_ids
from tipline.sinks.stop import EXIT_TEMPFAIL


def test_full_lake_disk_stops_with_one_line_and_restart_loses_nothing(tmp_path: Path) -> None:
    n = write_events(tmp_path / "events" / "a.jsonl", 1500)
    with tiny_tmpfs(tmp_path / "lake", "256k") as lake:
        fillers = fill(lake)
        config = file_job_config(tmp_path, lake=lake)
        stopped = run_job(config)
        assert stopped.returncode == EXIT_TEMPFAIL, stopped.stderr[-2000:]
        assert "panicked" not in stopped.stderr
        assert "Traceback" not in stopped.stderr
        errors = [line for line in stopped.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1, stopped.stderr
        assert "audit lake" in errors[0] and "ENOSPC" in errors[0]
        assert not list(lake.rglob("*.tmp"))

        for f in fillers:  # space is back: the restart resumes from the last snapshot
            f.unlink()
        resumed = run_job(config)
        assert resumed.returncode == 0, resumed.stderr[-2000:]
        ids = lake_event_ids(lake)
    counts = Counter(ids)
    assert [k for k, c in counts.items() if c > 1] == []
    assert set(ids) == {f"evt-{i:05d}" for i in range(n)}


def test_full_vault_disk_stops_the_job_and_leaves_no_temp_files(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    with tiny_tmpfs(tmp_path / "vault", "1m") as vault:
        fillers = fill(vault)
        stopped = run_job(config)
        assert stopped.returncode != 0
        # a systemic failure inside a step: one line, no engine panic or traceback
        assert "panicked" not in stopped.stderr, stopped.stderr[-3000:]
        assert "Traceback" not in stopped.stderr, stopped.stderr[-3000:]
        errors = [line for line in stopped.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1, stopped.stderr[-3000:]
        assert "vault" in errors[0] and "No space left" in errors[0]
        assert [p for p in vault.rglob("*") if p.name.endswith(".tmp")] == []
        assert (
            not (tmp_path / "out" / "alerts.jsonl").exists()
            or not (tmp_path / "out" / "alerts.jsonl").read_bytes()
        ), "an alert without its evidence"
        for f in fillers:
            f.unlink()
    # Restarted with room (the vault folder itself now on the real disk): complete and once.
    resumed = run_job(config)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    alerts = (tmp_path / "out" / "alerts.jsonl").read_bytes().splitlines()
    ids = Counter(line.split(b'"event_id":')[1].split(b",")[0] for line in alerts)
    assert alerts and max(ids.values()) == 1
