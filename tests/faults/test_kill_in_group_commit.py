"""SIGKILL inside the evidence group commit: every package is redone once, nothing duplicated.

The job runs as a real ``tipline run`` process over the demo corpus (known
images and grooming sessions, so report and review cases), with recovery on.
A small driver makes the process SIGKILL itself at the n-th ``syncfs`` barrier
of the evidence group commit: after a batch's files are written and before
they are synced, after custody events are linked and before their barrier,
and so on. Each restart resumes from the last snapshot and redoes the batch
(package ids derive from event ids). At the end: one alert line per alerting
decision, one ``packaged`` custody event and no repeated ``context_added``
items per package, one case per package, and ``tipline evidence verify --all``
passes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.faults.test_kill_before_snapshot import config as demo_job_config
from tests.support import REPO
from tipline.sinks import durable
from tipline.sinks.lake import lake_files

# Runs the CLI with a syncfs that SIGKILLs the process at the n-th call (argv[1]).
DRIVER = """
import os, signal, sys
from tipline.sinks import durable
kill_at, real, calls = int(sys.argv[1]), durable.OPS.syncfs, [0]
def syncfs(fd):
    calls[0] += 1
    if calls[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    real(fd)
durable.OPS.syncfs = syncfs
from tipline.cli.main import main
sys.exit(main(["run", "--config", sys.argv[2]]))
"""


def config(tmp: Path) -> Path:
    return demo_job_config(tmp, batch_size=200, snapshot_interval_s=0.5, pool_workers=0)


def run(cfg: Path, log: Path, kill_at: int | None) -> int:
    args = ["-c", DRIVER, str(kill_at or 0), str(cfg)]
    with log.open("ab") as out:
        return subprocess.run(
            [sys.executable, *args],
            check=False,
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=600,
        ).returncode


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_sigkill_between_group_writes_and_syncs_redoes_each_package_once(tmp_path: Path) -> None:
    if not durable.syncfs_available():
        pytest.skip("the driver kills at a syncfs barrier; syncfs(2) is not available here")
    cfg = config(tmp_path)
    log = tmp_path / "job.log"
    # 3: a batch's objects written, not synced; 6: custody events linked, not synced;
    # 12: within a later batch; 1: the very first barrier (keys written, not synced)
    for kill_at in (3, 6, 12, 1):
        assert run(cfg, log, kill_at) == -9, log.read_text(errors="replace")[-3000:]
    assert run(cfg, log, None) == 0, log.read_text(errors="replace")[-3000:]

    alerts = [
        json.loads(line) for line in (tmp_path / "out" / "alerts.jsonl").read_bytes().splitlines()
    ]
    ids = Counter(a["event_id"] for a in alerts)
    assert ids and max(ids.values()) == 1, ids.most_common(3)
    rows = [
        row
        for _, _, _, part in lake_files(tmp_path / "lake")
        for row in pq.read_table(part, columns=["event_id", "alert"]).to_pylist()
    ]
    assert set(ids) == {r["event_id"] for r in rows if r["alert"]}

    from tipline.schemas.config import load_config
    from tipline.services.evidence import build_evidence_service

    service = build_evidence_service(load_config(str(cfg)).evidence, env={})
    packages = service.list_packages()
    assert {a["package_id"] for a in alerts} == set(packages)
    for pid in packages:
        actions = [e.action for e in service.custody_log(pid)]
        assert actions.count("packaged") == 1, (pid, actions)
        added = [
            i for e in service.custody_log(pid) if e.action == "context_added" for i in e.item_ids
        ]
        assert len(added) == len(set(added)), (pid, added)
    cases = {p.parent.name for p in (tmp_path / "cases").glob("*/case.json")}
    assert cases == set(packages)
    verified = cli("evidence", "verify", "--all", "--config", str(cfg))
    assert verified.returncode == 0, verified.stdout[-2000:] + verified.stderr[-2000:]
