"""Run a built flow in this process: one or more workers, optional cluster, recovery."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from types import FrameType

from bytewax.dataflow import Dataflow
from bytewax.recovery import RecoveryConfig, init_db_dir
from bytewax.testing import cluster_main, run_main
from prometheus_client import REGISTRY, start_http_server

from schemas.config import TiplineConfig


def recovery_config(cfg: TiplineConfig) -> RecoveryConfig | None:
    """Bytewax recovery settings; creates the partition files on first use."""
    rec = cfg.recovery
    if not rec.enabled:
        return None
    db_dir = Path(rec.path)
    if not any(db_dir.glob("part-*.sqlite3")):
        db_dir.mkdir(parents=True, exist_ok=True)
        init_db_dir(db_dir, rec.partitions)  # type: ignore[no-untyped-call]
    backup = timedelta(seconds=rec.backup_interval_s)
    return RecoveryConfig(str(db_dir), backup_interval=backup)  # type: ignore[no-untyped-call]


def run_flow(
    flow: Dataflow,
    cfg: TiplineConfig,
    *,
    workers: int | None = None,
    addresses: Sequence[str] | None = None,
    process_id: int = 0,
    progress: bool = False,
) -> None:
    """Execute the flow until its input ends (files) or it is stopped (Kafka, SIGTERM).

    SIGTERM is turned into the same orderly stop as Ctrl-C: Bytewax stops at
    the current point, every file output is renamed into place only when
    complete, and recovery resumes from the last snapshot.
    """
    signal.signal(signal.SIGTERM, _interrupt)
    if cfg.metrics.port:
        start_http_server(cfg.metrics.port, addr="127.0.0.1")
    stop = threading.Event()
    if progress:
        threading.Thread(target=_show_progress, args=(stop,), daemon=True).start()
    epoch = timedelta(seconds=cfg.recovery.snapshot_interval_s)
    rc = recovery_config(cfg)
    n = workers or cfg.job.workers
    try:
        if n == 1 and not addresses:
            run_main(flow, epoch_interval=epoch, recovery_config=rc)  # type: ignore[no-untyped-call]
        else:
            cluster_main(  # type: ignore[no-untyped-call]
                flow,
                list(addresses or []),
                process_id,
                epoch_interval=epoch,
                recovery_config=rc,
                worker_count_per_proc=n,
            )
    finally:
        stop.set()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def counter(name: str, **labels: str) -> float:
    """Read one tipline counter from the metrics registry (0 when unset)."""
    return REGISTRY.get_sample_value(f"{name}_total", labels or None) or 0.0


def _show_progress(stop: threading.Event) -> None:
    if not sys.stderr.isatty():
        return
    start, last = time.monotonic(), 0.0
    while not stop.wait(1.0):
        seen = counter("tipline_events_in")
        rate = seen - last
        last = seen
        dead = sum(
            s.value
            for m in REGISTRY.collect()
            if m.name == "tipline_dead_letters"
            for s in m.samples
            if s.name.endswith("_total")
        )
        elapsed = time.monotonic() - start
        sys.stderr.write(
            f"\r{elapsed:6.0f}s  events {seen:>9.0f}  {rate:>7.0f}/s  dead letters {dead:>6.0f}  "
        )
        sys.stderr.flush()
    sys.stderr.write("\n")
