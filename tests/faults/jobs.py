"""Helpers of the fault suite: small file-input jobs run as a real ``tipline run`` process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.flow.conftest import event_json
from tests.support import REPO, grooming_block

BAD = [b'{"schema": "tipline.message/1", "event_id": ', b'{"schema": "nope"}']


def write_events(path: Path, n: int, sessions: int = 5) -> int:
    """``n`` valid events plus two malformed lines; returns the number of valid ones."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [event_json(i, f"s-{i % sessions}") for i in range(n)]
    lines.insert(n // 3, BAD[0])
    lines.insert(2 * n // 3, BAD[1])
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return n


def file_job_config(tmp: Path, *, lake: Path | None = None, extra: str = "") -> Path:
    """A file-input job with recovery on; every output under ``tmp``."""
    config = tmp / "job.toml"
    config.write_text(
        f"""
[input]
path = "{tmp / "events"}"
batch_size = 50
[dead_letters]
path = "{tmp / "out"}"
[alerts]
path = "{tmp / "out"}"
[lake]
path = "{lake or tmp / "lake"}"
roll_seconds = 0.2
write_retry_s = 1.0
[recovery]
enabled = true
path = "{tmp / "recovery"}"
snapshot_interval_s = 0.3
[hashing]
lists = []
[evidence]
path = "{tmp / "vault"}"
[reports]
path = "{tmp / "reports"}"
{extra}
"""
        + grooming_block(),
        encoding="utf-8",
    )
    return config


def run_job(config: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``tipline run`` to completion (file input ends)."""
    return subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", "run", "--config", str(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
