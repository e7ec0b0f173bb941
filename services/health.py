"""Liveness and readiness of the running job, served with the metrics.

The metrics port answers three paths (:func:`serve`):

- ``/metrics``: the Prometheus registry;
- ``/readyz``: 200 once the job's preflight passed and the dataflow started
  (:meth:`Health.mark_ready`), else 503;
- ``/healthz``: 200 while the dataflow makes progress, 503 when an input
  partition has not been polled for ``stall_after_s`` seconds. Every input
  partition reports each poll (:meth:`Health.beat`), whether it returned
  records or found none: an idle Kafka topic keeps beating, while a worker
  stuck in a step (a hung call, a deadlock) stops polling its partitions, so
  ``/healthz`` turns 503 and Kubernetes restarts the pod (recovery resumes).
  A partition that finished (end of a file) stops counting.

Bodies are small JSON objects of counts and seconds, never ids or content.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

Clock = Callable[[], float]


class Health:
    """Progress of the input partitions, readiness, and the stall threshold."""

    def __init__(self, stall_after_s: float = 300.0, clock: Clock = time.monotonic) -> None:
        self.stall_after_s = stall_after_s
        self._clock = clock
        self._lock = threading.Lock()
        self._beats: dict[str, float] = {}
        self._records = 0
        self._ready = False
        self._started = clock()

    def reset(self, stall_after_s: float) -> None:
        """Start over for a new run (tests and replays run several flows in one process)."""
        with self._lock:
            self.stall_after_s = stall_after_s
            self._beats.clear()
            self._records = 0
            self._ready = False
            self._started = self._clock()

    def mark_ready(self) -> None:
        """Record that the preflight passed and the dataflow is starting."""
        with self._lock:
            self._ready = True

    def beat(self, partition: str, records: int) -> None:
        """Record a poll of an input partition that returned ``records`` records (0: none)."""
        now = self._clock()
        with self._lock:
            self._beats[partition] = now
            self._records += records

    def done(self, partition: str) -> None:
        """Forget a finished or closed input partition (it no longer counts for liveness)."""
        with self._lock:
            self._beats.pop(partition, None)

    def ready(self) -> bool:
        """Whether ``/readyz`` answers 200."""
        with self._lock:
            return self._ready

    def live(self) -> tuple[bool, dict[str, Any]]:
        """Return whether ``/healthz`` answers 200, and the body (counts and seconds)."""
        now = self._clock()
        with self._lock:
            oldest = min(self._beats.values(), default=None)
            quiet = 0.0 if oldest is None else now - oldest
            body: dict[str, Any] = {
                "partitions": len(self._beats),
                "records": self._records,
                "seconds_since_oldest_poll": round(quiet, 3),
                "stall_after_s": self.stall_after_s,
                "uptime_s": round(now - self._started, 3),
            }
        ok = quiet <= self.stall_after_s
        body["status"] = "ok" if ok else "stalled"
        return ok, body


HEALTH = Health()


def _handler(health: Health, registry: CollectorRegistry) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/metrics":
                self._send(200, generate_latest(registry), CONTENT_TYPE_LATEST)
            elif path == "/healthz":
                ok, body = health.live()
                self._send(200 if ok else 503, json.dumps(body).encode(), "application/json")
            elif path == "/readyz":
                ready = health.ready()
                answer = json.dumps({"status": "ready" if ready else "starting"}).encode()
                self._send(200 if ready else 503, answer, "application/json")
            else:
                self._send(404, b'{"status": "not found"}', "application/json")

        def _send(self, code: int, body: bytes, content_type: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Scrapes and probes are not logged."""

    return Handler


def serve(
    host: str, port: int, health: Health = HEALTH, registry: CollectorRegistry = REGISTRY
) -> ThreadingHTTPServer:
    """Serve ``/metrics``, ``/healthz`` and ``/readyz`` on a daemon thread; return the server.

    Raises:
        OSError: the port cannot be bound.

    """
    server = ThreadingHTTPServer((host, port), _handler(health, registry))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True, name="tipline-http").start()
    return server
