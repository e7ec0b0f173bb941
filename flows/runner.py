"""Run a built flow in this process: one or more workers, optional cluster, recovery."""

from __future__ import annotations

import logging
import signal
import sqlite3
import tempfile
import threading
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from types import FrameType

from bytewax.dataflow import Dataflow
from bytewax.errors import BytewaxRuntimeError
from bytewax.recovery import RecoveryConfig, init_db_dir
from bytewax.run import cli_main

from tipline.flows.match_step import check_executor_switch, hashes_in_background
from tipline.schemas.config import TiplineConfig
from tipline.schemas.environment import export_engine_settings
from tipline.schemas.errors import (
    ConfigError,
    LakeWriteError,
    TiplineError,
)
from tipline.services.failures import stopped_by_signal, tipline_cause
from tipline.services.hash_pool import close_pools
from tipline.services.health import HEALTH
from tipline.services.heap import configure_heap, freeze_startup_heap
from tipline.services.side_services import start_side_services
from tipline.sinks.kafka_out import request_stop
from tipline.sinks.lake import flush_open_shards, stamp_recovery_store

log = logging.getLogger(__name__)
progress_log = logging.getLogger("tipline.progress")

_STOP_FLUSH_RETRY_S = 2.0


def recovery_config(cfg: TiplineConfig, *, clustered: bool = False) -> RecoveryConfig | None:
    """Bytewax recovery settings.

    A single process creates its partition files on first use. In a cluster
    each process has its own volume with its share of the partitions, made
    once when the cluster is set up (``deploy/entrypoint.sh``); creating a
    full set here would duplicate partitions, so a missing set is an error.

    Raises:
        ConfigError: a clustered process finds no recovery partitions.

    """
    rec = cfg.recovery
    if not rec.enabled:
        return None
    db_dir = Path(rec.path)
    if not any(db_dir.glob("part-*.sqlite3")):
        if clustered:
            msg = (
                f"recovery.path {str(db_dir)!r} has no partitions; in a cluster create each "
                "process's share once (python -m bytewax.recovery, see docs/deployment.md)"
            )
            raise ConfigError(msg)
        try:
            db_dir.mkdir(parents=True, exist_ok=True)
            init_db_dir(db_dir, rec.partitions)  # type: ignore[no-untyped-call]
        except (OSError, sqlite3.Error) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            msg = f"recovery.path {str(db_dir)!r} cannot be written ({reason})"
            raise ConfigError(msg) from exc
    stamp_recovery_store(db_dir)
    check_executor_switch(db_dir, hashes_in_background(cfg))
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

    SIGTERM and SIGINT stop the engine between batches; then the lake's
    buffered rows are written (every file output is renamed into place only
    when complete) and the function returns. Recovery resumes from the last
    snapshot.
    """
    signal.signal(signal.SIGTERM, _stop_signal)
    stop = threading.Event()
    _export_dataflow_api(cfg, process_id)
    server = start_side_services(cfg, progress=progress, stop=stop)
    epoch = timedelta(seconds=cfg.recovery.snapshot_interval_s)
    n = workers or cfg.job.workers
    failure: TiplineError | None = None
    try:
        rc = recovery_config(cfg, clustered=bool(addresses))
        freeze_startup_heap()  # lists, models, keys: built, never garbage (services/heap.py)
        configure_heap(cfg.job.gc_freeze_interval_s, cfg.job.gc_full_collect_s)
        HEALTH.mark_ready()
        try:
            # Bytewax's own entry point: same engine as run_main/cluster_main, plus
            # its dataflow API webserver when BYTEWAX_DATAFLOW_API_ENABLED is set.
            # Always its threaded path (an address list, empty for one process):
            # there the main thread takes the signals and stops the workers, and
            # a failing step ends the run as an exception, so neither a SIGTERM
            # nor a systemic failure prints a Rust panic (its single-worker path
            # panics on both).
            cli_main(  # type: ignore[no-untyped-call]
                flow,
                workers_per_process=n,
                process_id=process_id if addresses else 0,
                addresses=list(addresses or ()),
                epoch_interval=epoch,
                recovery_config=rc,
            )
        except BytewaxRuntimeError as exc:
            # SIGTERM/SIGINT: the engine stopped (between batches, or inside a
            # source's poll); what was committed stays, recovery redoes the rest.
            if not stopped_by_signal(exc):
                failure = tipline_cause(exc)
                if failure is None:
                    raise
    finally:
        stop.set()
        close_pools()  # before interpreter exit (services/hash_pool.py close_pools)
        if server is not None:
            server.shutdown()
            server.server_close()
        try:
            # A stop must fit the grace period: after a systemic failure one
            # attempt, otherwise a short retry; what is not written then lies
            # past the last snapshot anyway, and recovery replays it.
            flush_open_shards(retry_s=0.0 if failure is not None else _STOP_FLUSH_RETRY_S)
        except LakeWriteError as exc:
            if failure is None:
                failure = exc
            else:
                log.warning("%s", exc)
    if failure is not None:
        # A systemic failure (disk full, vault down): one clear line, no
        # engine traceback; the CLI prints it and exits non-zero.
        raise failure.with_traceback(None) from None


def _export_dataflow_api(cfg: TiplineConfig, process_id: int) -> None:
    """Tell Bytewax (through its environment settings) to serve its dataflow API."""
    if cfg.metrics.dataflow_api_port:
        # Bytewax reads these when the run starts (one port per process).
        # Its graph cache (dataflow.json) defaults to the working directory;
        # keep it off a read-only root filesystem.
        cache = Path(tempfile.gettempdir()) / f"tipline-dataflow-{process_id}"
        cache.mkdir(parents=True, exist_ok=True)
        export_engine_settings(
            {
                "BYTEWAX_DATAFLOW_API_ENABLED": "true",
                "BYTEWAX_DATAFLOW_API_PORT": str(cfg.metrics.dataflow_api_port + process_id),
                "BYTEWAX_DATAFLOW_API_CACHE_PATH": str(cache),
            },
            keep=frozenset({"BYTEWAX_DATAFLOW_API_CACHE_PATH"}),
        )


def _stop_signal(signum: int, frame: FrameType | None) -> None:
    # Raised where Bytewax checks for signals between batches; it then stops
    # with "signal received" (handled in run_flow), like Ctrl-C. Kafka
    # producers waiting for a broker bound their wait from now on.
    request_stop()
    raise KeyboardInterrupt
