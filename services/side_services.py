"""Side services of a running job: the metrics and health server, progress lines, draft gauges.

Started by ``flows/runner.py`` beside the dataflow and stopped with it; none
of them touches the engine.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from http.server import ThreadingHTTPServer

from prometheus_client import REGISTRY

from tipline.schemas.clock import SYSTEM_CLOCK
from tipline.schemas.config import TiplineConfig
from tipline.schemas.errors import ConfigError, ReportError
from tipline.services.health import HEALTH, serve
from tipline.services.ops_metrics import (
    build_version,
    count_drafts,
    publish_draft_counts,
    set_build_info,
)
from tipline.sinks.drafts import DraftsSink

log = logging.getLogger(__name__)
progress_log = logging.getLogger("tipline.progress")


def start_side_services(
    cfg: TiplineConfig, *, progress: bool, stop: threading.Event
) -> ThreadingHTTPServer | None:
    """Start the metrics/health server, progress and draft-scan threads (stopped by ``stop``).

    Raises:
        ConfigError: the metrics port cannot be bound.

    """
    HEALTH.reset(cfg.metrics.stall_after_s)
    set_build_info(build_version(), cfg.job.detector_version)
    server = None
    if cfg.metrics.port:
        try:
            server = serve(cfg.metrics.host, cfg.metrics.port)
        except OSError as exc:
            msg = (
                f"metrics.port {cfg.metrics.port} on {cfg.metrics.host} is in use or "
                f"cannot be bound ({exc.strerror})"
            )
            raise ConfigError(msg) from exc
    if progress:
        interval = cfg.metrics.progress_interval_s
        threading.Thread(target=_show_progress, args=(stop, interval), daemon=True).start()
    if cfg.metrics.port and cfg.reports.enabled and cfg.evidence.enabled:
        threading.Thread(target=_scan_drafts, args=(stop, cfg), daemon=True).start()
    return server


def counter(name: str, **labels: str) -> float:
    """Read one tipline counter from the metrics registry (0 when unset)."""
    return REGISTRY.get_sample_value(f"{name}_total", labels or None) or 0.0


def _dead_letters() -> float:
    return sum(
        s.value
        for m in REGISTRY.collect()
        if m.name == "tipline_dead_letters"
        for s in m.samples
        if s.name.endswith("_total")
    )


def _show_progress(stop: threading.Event, interval_s: float = 30.0) -> None:
    """Progress: a line rewritten every second on a terminal, else a log line per interval."""
    tty = sys.stderr.isatty()
    every = 1.0 if tty else interval_s
    start, last = time.monotonic(), 0.0
    while not stop.wait(every):
        seen = counter("tipline_events_in")
        rate = (seen - last) / every
        last = seen
        dead = _dead_letters()
        elapsed = time.monotonic() - start
        if tty:
            sys.stderr.write(
                f"\r{elapsed:6.0f}s  events {seen:>9.0f}  {rate:>7.0f}/s  "
                f"dead letters {dead:>6.0f}  "
            )
            sys.stderr.flush()
        else:
            progress_log.info(
                "progress: %.0f s, %.0f events, %.0f/s, %.0f dead letters",
                elapsed, seen, rate, dead,
                extra={"events": seen, "rate": rate, "dead_letters": dead, "elapsed_s": elapsed},
            )  # fmt: skip
    if tty:
        sys.stderr.write("\n")


def _scan_drafts(stop: threading.Event, cfg: TiplineConfig) -> None:
    """Count pending and overdue drafts every ``metrics.drafts_scan_s`` for the gauges."""
    sink = DraftsSink(cfg.reports.path)
    while True:
        now = SYSTEM_CLOCK.now()
        try:
            publish_draft_counts(count_drafts(sink.drafts(), now), now)
        except (ReportError, OSError) as exc:
            log.warning("drafts scan failed (%s); the draft gauges keep their last values",
                        type(exc).__name__)  # fmt: skip
        if stop.wait(cfg.metrics.drafts_scan_s):
            return
