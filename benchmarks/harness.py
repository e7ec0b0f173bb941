"""The job and broker harness of the end-to-end suite.

Topics, the derived job config, the job subprocess (started, scraped and
stopped), warm-up, and the CPU readings of the job and the broker.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Protocol

import psutil
from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient
from confluent_kafka.cimpl import NewTopic

from tipline.benchmarks.loadgen import MAX_MESSAGE_BYTES, TrafficSpec, build_pool, producer_config
from tipline.schemas.config import load_config, read_layers
from tipline.schemas.environment import read_environment

REPO: Final = Path(__file__).resolve().parents[1]
WARMUP: Final = 50


@dataclass(frozen=True, slots=True)
class Topics:
    """The unique topics of one step."""

    inbound: str
    alerts: str
    dead_letters: str
    decisions: str = ""
    partitions: int = 1

    @classmethod
    def named(cls, stem: str, partitions: int = 1) -> Topics:
        """Topics ``<stem>-in``, ``-alerts``, ``-dlq``, ``-decisions``; ``partitions`` each."""
        return cls(f"{stem}-in", f"{stem}-alerts", f"{stem}-dlq", f"{stem}-decisions", partitions)

    def all(self) -> list[str]:
        """Every topic name."""
        return [t for t in (self.inbound, self.alerts, self.dead_letters, self.decisions) if t]


def start_broker() -> str:
    """Start (or find) the broker via ``deploy/kafka.sh``; return its bootstrap address."""
    out = subprocess.run(
        ["bash", str(REPO / "deploy" / "kafka.sh"), "start"],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=1800,
    )
    return out.stdout.strip().splitlines()[-1]


def create_topics(bootstrap: str, topics: Topics) -> None:
    """Create the step's topics, ``topics.partitions`` each (messages up to 16 MiB)."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    big = {"max.message.bytes": str(MAX_MESSAGE_BYTES)}
    n = topics.partitions
    new = [NewTopic(t, num_partitions=n, replication_factor=1, config=big) for t in topics.all()]
    for future in admin.create_topics(new).values():
        future.result(timeout=30)


def delete_topics(bootstrap: str, topics: Topics) -> None:
    """Delete the step's topics (best effort)."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for future in admin.delete_topics(topics.all()).values():
        try:
            future.result(timeout=30)
        except Exception as exc:
            print(f"bench: could not delete a topic: {exc}", file=sys.stderr)


def free_port() -> int:
    """A free local TCP port for the job's metrics endpoint."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def decisions_on_kafka(template: Path) -> bool:
    """Whether the config publishes decisions to a Kafka topic (``decisions.kind = "kafka"``)."""
    decisions = read_layers(template).get("decisions")
    return isinstance(decisions, dict) and decisions.get("kind") == "kafka"


def derive_config(template: Path, run_dir: Path, bootstrap: str, topics: Topics, port: int) -> Path:
    """Write the bench config with this run's topics, port and paths; validate it.

    The run's file is an overlay of ``template`` (``extends`` its absolute
    path). Only these keys change: ``kafka.brokers``, ``input.topics``,
    ``dead_letters.topic``, ``alerts.topic``, ``decisions.topic`` (when
    decisions go to Kafka), ``metrics.port`` and every ``out/bench`` path
    (moved under ``run_dir``).
    """
    overrides: dict[tuple[str, ...], object] = {
        ("kafka", "brokers"): [bootstrap],
        ("input", "topics"): [topics.inbound],
        ("dead_letters", "topic"): topics.dead_letters,
        ("alerts", "topic"): topics.alerts,
        ("metrics", "port"): port,
    }
    if decisions_on_kafka(template):
        overrides[("decisions", "topic")] = topics.decisions
    overrides |= dict(_moved_paths(read_layers(template), run_dir))
    tables: dict[tuple[str, ...], list[str]] = {}
    for (*section, key), value in overrides.items():
        tables.setdefault(tuple(section), []).append(f"{key} = {json.dumps(value)}")
    lines = [f"extends = {json.dumps(str(template.resolve()))}"]
    for table, entries in tables.items():
        lines += ["", f"[{'.'.join(table)}]", *entries]
    path = run_dir / "bench.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_config(path)
    return path


def _moved_paths(
    table: dict[str, object], run_dir: Path, at: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], str]]:
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _moved_paths(value, run_dir, (*at, key))
        elif isinstance(value, str) and (value == "out/bench" or value.startswith("out/bench/")):
            yield (*at, key), str(run_dir) + value.removeprefix("out/bench")


@dataclass(slots=True)
class JobProcess:
    """The job subprocess and a sampler of its memory."""

    proc: subprocess.Popen[bytes]
    log: Path
    rss_max: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _terminated: bool = False

    @classmethod
    def start(
        cls, config: Path, log: Path, args: Sequence[str] = (), command: str = "run"
    ) -> JobProcess:
        """Start ``python -m tipline.cli.main <command> --config <config> [args]`` in the repo."""
        cmd = [sys.executable, "-m", "tipline.cli.main", command, "--config", str(config), *args]
        with log.open("wb") as out:
            proc = subprocess.Popen(
                cmd,
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        job = cls(proc, log)
        threading.Thread(target=job._sample_rss, daemon=True).start()
        return job

    def _sample_rss(self) -> None:
        ps = psutil.Process(self.proc.pid)
        while not self._stop.wait(0.25):
            try:
                self.rss_max = max(self.rss_max, ps.memory_info().rss)
            except psutil.Error:
                return

    def alive(self) -> bool:
        """Whether the job is still running."""
        return self.proc.poll() is None

    def terminate(self) -> None:
        """Send SIGTERM once (an orderly stop); :meth:`stop` then only waits."""
        self._stop.set()
        if self.proc.poll() is None and not self._terminated:
            self._terminated = True
            self.proc.send_signal(signal.SIGTERM)

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM (an orderly stop), then SIGKILL after ``timeout``; return the exit code."""
        self.terminate()
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def tail(self, lines: int = 30) -> str:
        """The last lines of the job's output (for errors)."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def start_lake_feed(config: Path, run_dir: Path) -> JobProcess | None:
    """Start ``tipline lake-feed`` beside the job when the config says ``lake.feed = "decisions"``.

    It gets a metrics port of its own; its CPU is reported apart from the job's.
    """
    if load_config(config).lake.feed != "decisions":
        return None
    extra = ("--set", f"metrics.port={free_port()}")
    return JobProcess.start(config, run_dir / "lake-feed.log", extra, command="lake-feed")


def scrape(port: int) -> str:
    """The job's Prometheus metrics text."""
    url = f"http://127.0.0.1:{port}/metrics"
    with urllib.request.urlopen(url, timeout=5) as resp:
        text: str = resp.read().decode()
        return text


class Watched(Protocol):
    """A job (one process or a group) that can be watched while waiting."""

    def alive(self) -> bool:
        """Whether the job still runs."""
        ...

    def tail(self, lines: int = 30) -> str:
        """The last lines of its output."""
        ...


def wait_until(check: Any, timeout: float, what: str, job: Watched | None = None) -> None:
    """Poll ``check()`` every 50 ms; raise if the job dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if job is not None and not job.alive():
            msg = f"the job exited while waiting for {what}:\n{job.tail()}"
            raise RuntimeError(msg)
        time.sleep(0.05)
    msg = f"timed out after {timeout:.0f}s waiting for {what}"
    raise TimeoutError(msg)


def metrics_up(port: int) -> bool:
    try:
        scrape(port)
    except OSError:
        return False
    return True


def warm_up(
    bootstrap: str, topic: str, seed: int, landed: Callable[[str], int], job: Watched
) -> None:
    """Send a few text messages and wait until they land (job ready, caches hot).

    ``landed(prefix)`` counts the decisions landed at the step's boundary.
    """
    pool = build_pool(
        TrafficSpec(kind="text"), seed + 1, REPO / "out/bench/cache", REPO / "demo-data"
    )
    # log_level 4: no "purging unserved events" notice when this short-lived producer goes.
    producer = Producer({**producer_config(bootstrap), "log_level": 4})
    for n in range(WARMUP):
        producer.produce(topic, key=pool.key(n), value=pool.event(n, b"warm-")[0])
        time.sleep(0.01)
    producer.flush(30)
    del producer
    wait_until(lambda: landed("warm-") >= WARMUP, 180, "the warm-up messages", job)


@dataclass(slots=True)
class ProcessCpu:
    """CPU seconds of the processes that share the machine during a step."""

    job: float
    broker: float
    system_busy: float
    wall: float
    feed: float = 0.0

    @classmethod
    def take(cls, job_pids: Sequence[int], feed_pid: int | None = None) -> ProcessCpu:
        """Read the counters now (``job``: all the job's processes; ``feed``: the lake feed)."""
        job = sum(_cpu(pid) for pid in job_pids)
        feed = _cpu(feed_pid)
        return cls(job, _cpu(_broker_pid()), _system_busy(), time.monotonic(), feed)


def _cpu(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        t = psutil.Process(pid).cpu_times()
    except psutil.Error:
        return 0.0
    return float(t.user + t.system)


def _system_busy() -> float:
    t = psutil.cpu_times()
    return float(t.user + t.system + t.nice + getattr(t, "irq", 0) + getattr(t, "softirq", 0))


def _broker_pid() -> int | None:
    pid_file = Path(read_environment().get("TIPLINE_RUN", REPO / ".run")) / "kafka" / "kafka.pid"
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
