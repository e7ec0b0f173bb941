"""End-to-end latency suite: the real job against the real broker, step by step.

For every step (traffic kind and rate) the suite:

1. creates unique topics (``bench-<stamp>-<n>-<step>-in|alerts|dlq``);
2. derives a config from ``config/bench.toml`` into a temporary run folder
   (topics, metrics port and every path replaced; nothing else);
3. starts the job as ``python -m flows.cli run --config <derived>`` (recovery
   on, every sink on) and waits for a warm-up batch to reach the lake;
4. runs the load generator subprocess (:mod:`benchmarks.loadgen`) at the
   step's rate while the collector (:mod:`benchmarks.collector`) records when
   each decision lands in the lake and each alert on the alerts topic;
5. drains (until every sent message is in the lake, or ``drain_s``), scrapes
   the job's metrics endpoint, stops the job with SIGTERM and removes the topics.

Latency, throughput, CPU and memory are computed per step (:mod:`benchmarks.report`
fields in ``latest.json``). Wall time is never asserted; a missed target is
reported, not tuned away.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import psutil
from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient
from confluent_kafka.cimpl import NewTopic

from benchmarks.collector import (
    AlertWatcher,
    LakeWatcher,
    Landing,
    latency_values,
    summarize,
)
from benchmarks.loadgen import MAX_MESSAGE_BYTES, TrafficSpec, build_pool, producer_config
from benchmarks.machine import code_fingerprint, machine_info, other_processes_note
from benchmarks.pyspy import summarize_profile
from benchmarks.stages import MetricsSnapshot, stage_breakdown
from schemas.config import load_config

REPO: Final = Path(__file__).resolve().parents[1]
DEFAULT_STEPS: Final = (
    "text:500,text:1000,text:2000,text:5000,text:10000,"
    "mixed:25,mixed:50,mixed:100,mixed:200,mixed:400,mixed:800"
)
CDF_QUANTILES: Final = (*range(0, 100), 99.5, 99.9, 100.0)
WARMUP: Final = 50


@dataclass(frozen=True, slots=True)
class StepSpec:
    """One step: a traffic kind at a fixed rate (msg/s)."""

    traffic: str
    rate: float

    @classmethod
    def parse(cls, text: str) -> StepSpec:
        """Parse ``text:5000`` or ``mixed:50``."""
        kind, sep, rate = text.strip().partition(":")
        if kind not in ("text", "mixed") or not sep:
            msg = f"{text!r} is not a step (expected text:RATE or mixed:RATE)"
            raise ValueError(msg)
        return cls(kind, float(rate))

    @property
    def label(self) -> str:
        """Short name used in topic names and tables."""
        return f"{self.traffic}{self.rate:g}"


def parse_steps(text: str) -> list[StepSpec]:
    """Parse a comma-separated step list."""
    return [StepSpec.parse(s) for s in text.split(",") if s.strip()]


@dataclass(frozen=True, slots=True)
class SuiteOptions:
    """Everything that determines a run (reproducible from these and the config)."""

    config: Path = Path("config/bench.toml")
    seed: int = 7
    steps: tuple[StepSpec, ...] = tuple(parse_steps(DEFAULT_STEPS))
    duration_s: float = 20.0
    drain_s: float = 60.0
    results: Path = Path("benchmarks/results")
    image_share: float = 0.05
    known_share: float = 0.1
    positive_share: float = 0.05
    keep: bool = False
    command: str = ""
    profile: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Topics:
    """The unique topics of one step."""

    inbound: str
    alerts: str
    dead_letters: str

    @classmethod
    def named(cls, stem: str) -> Topics:
        """Topics ``<stem>-in``, ``<stem>-alerts`` and ``<stem>-dlq``."""
        return cls(f"{stem}-in", f"{stem}-alerts", f"{stem}-dlq")

    def all(self) -> list[str]:
        """Every topic name."""
        return [self.inbound, self.alerts, self.dead_letters]


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
    """Create the step's topics (the input allows messages up to 16 MiB)."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    big = {"max.message.bytes": str(MAX_MESSAGE_BYTES)}
    new = [NewTopic(t, num_partitions=1, replication_factor=1, config=big) for t in topics.all()]
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


def derive_config(template: Path, run_dir: Path, bootstrap: str, topics: Topics, port: int) -> Path:
    """Write the bench config with this run's topics, port and paths; validate it.

    Only these keys change: ``kafka.brokers``, ``input.topics``,
    ``dead_letters.topic``, ``alerts.topic``, ``metrics.port`` and every
    ``out/bench/`` path (moved under ``run_dir``).
    """
    overrides = {
        ("kafka", "brokers"): json.dumps([bootstrap]),
        ("input", "topics"): json.dumps([topics.inbound]),
        ("dead_letters", "topic"): json.dumps(topics.dead_letters),
        ("alerts", "topic"): json.dumps(topics.alerts),
        ("metrics", "port"): str(port),
    }
    section = ""
    lines = []
    for original in template.read_text(encoding="utf-8").splitlines():
        stripped = original.strip()
        if stripped.startswith("[") and not stripped.startswith("[["):
            section = stripped.strip("[]").strip()
        key = stripped.partition("=")[0].strip()
        line = original
        if "=" in stripped and (section, key) in overrides:
            line = f"{key} = {overrides[(section, key)]}"
        line = line.replace('"out/bench/', f'"{run_dir}/').replace('"out/bench"', f'"{run_dir}"')
        lines.append(line)
    path = run_dir / "bench.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_config(path)
    return path


@dataclass(slots=True)
class JobProcess:
    """The job subprocess and a sampler of its memory."""

    proc: subprocess.Popen[bytes]
    log: Path
    rss_max: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def start(cls, config: Path, log: Path) -> JobProcess:
        """Start ``python -m flows.cli run --config <config>`` in the repository."""
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "flows.cli", "run", "--config", str(config)],
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

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM (an orderly stop), then SIGKILL after ``timeout``; return the exit code."""
        self._stop.set()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def tail(self, lines: int = 30) -> str:
        """The last lines of the job's output (for errors)."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def scrape(port: int) -> str:
    """The job's Prometheus metrics text."""
    url = f"http://127.0.0.1:{port}/metrics"
    with urllib.request.urlopen(url, timeout=5) as resp:
        text: str = resp.read().decode()
        return text


def wait_until(check: Any, timeout: float, what: str, job: JobProcess | None = None) -> None:
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


def _metrics_up(port: int) -> bool:
    try:
        scrape(port)
    except OSError:
        return False
    return True


def warm_up(bootstrap: str, topic: str, seed: int, lake: LakeWatcher, job: JobProcess) -> None:
    """Send a few text messages and wait until they are in the lake (job ready, caches hot)."""
    pool = build_pool(
        TrafficSpec(kind="text"), seed + 1, REPO / "out/bench/cache", REPO / "demo-data"
    )
    # log_level 4: no "purging unserved events" notice when this short-lived producer goes.
    producer = Producer({**producer_config(bootstrap), "log_level": 4})
    for n in range(WARMUP):
        producer.produce(topic, value=pool.event(n, b"warm-")[0])
        time.sleep(0.01)
    producer.flush(30)
    del producer
    wait_until(lambda: lake.count("warm-") >= WARMUP, 180, "the warm-up messages", job)


@dataclass(slots=True)
class ProcessCpu:
    """CPU seconds of the processes that share the machine during a step."""

    job: float
    broker: float
    system_busy: float
    wall: float

    @classmethod
    def take(cls, job_pid: int) -> ProcessCpu:
        """Read the counters now."""
        return cls(_cpu(job_pid), _cpu(_broker_pid()), _system_busy(), time.monotonic())


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
    pid_file = Path(os.environ.get("TIPLINE_RUN", REPO / ".run")) / "kafka" / "kafka.pid"
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def run_loadgen(
    opts: SuiteOptions, step: StepSpec, bootstrap: str, topic: str, on_start: Any
) -> dict[str, Any]:
    """Run the generator subprocess; call ``on_start`` at its first send; return its result."""
    cmd = [
        sys.executable, "-m", "benchmarks.loadgen", "--bootstrap", bootstrap, "--topic", topic,
        "--traffic", step.traffic, "--rate", f"{step.rate:g}",
        "--duration", f"{opts.duration_s:g}", "--seed", str(opts.seed),
        "--prefix", f"{step.label}-", "--image-share", f"{opts.image_share:g}",
        "--known-share", f"{opts.known_share:g}", "--positive-share", f"{opts.positive_share:g}",
        "--cache", str(REPO / "out/bench/cache"),
        "--known-dir", str(REPO / "demo-data/known-images"),
    ]  # fmt: skip
    result: dict[str, Any] = {}
    with subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True) as proc:
        for line in proc.stdout or ():
            event = json.loads(line)
            if event["event"] == "started":
                on_start()
            elif event["event"] == "done":
                result = event
    if proc.returncode != 0 or not result:
        msg = f"the load generator failed (exit {proc.returncode})"
        raise RuntimeError(msg)
    return result


def start_profiler(pid: int, opts: SuiteOptions, step: StepSpec) -> subprocess.Popen[bytes]:
    """Sample the job with py-spy for the step's load phase (collapsed stacks, 100 Hz)."""
    spy = Path(sys.executable).with_name("py-spy")
    out = opts.results / f"profile-{step.label}.txt"
    opts.results.mkdir(parents=True, exist_ok=True)
    cmd = [str(spy), "record", "-p", str(pid), "-d", f"{opts.duration_s:.0f}", "-r", "100",
           "--format", "raw", "-o", str(out), "--nonblocking"]  # fmt: skip
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def drain(lake: LakeWatcher, alerts: AlertWatcher, prefix: str, sent: int, timeout: float) -> None:
    """Wait until every sent message is in the lake and every alert arrived (or timeout)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and lake.count(prefix) < sent:
        time.sleep(0.05)
    extra = min(deadline, time.monotonic() + 15)
    while time.monotonic() < extra:
        flagged = {k for k, v in lake.landings(prefix).items() if v.alert}
        if flagged <= alerts.landings(prefix).keys():
            return
        time.sleep(0.05)


def run_step(
    opts: SuiteOptions, step: StepSpec, index: int, bootstrap: str, stamp: str
) -> dict[str, Any]:
    """Run one step against a fresh job and fresh topics; return its result record."""
    fingerprint = code_fingerprint()
    topics = Topics.named(f"bench-{stamp}-{index}-{step.label}")
    create_topics(bootstrap, topics)
    run_dir = Path(tempfile.mkdtemp(prefix=f"tipline-bench-{step.label}-"))
    port = free_port()
    cfg = derive_config(opts.config, run_dir, bootstrap, topics, port)
    job = JobProcess.start(cfg, run_dir / "job.log")
    lake = LakeWatcher(run_dir / "lake")
    alerts = AlertWatcher(bootstrap, topics.alerts)
    lake.start()
    alerts.start()
    try:
        wait_until(lambda: _metrics_up(port), 120, "the metrics endpoint", job)
        warm_up(bootstrap, topics.inbound, opts.seed, lake, job)
        marks: dict[str, Any] = {}

        def started() -> None:
            marks["cpu0"] = ProcessCpu.take(job.proc.pid)
            marks["m0"] = MetricsSnapshot.parse(scrape(port))
            if step.label in opts.profile:
                marks["profiler"] = start_profiler(job.proc.pid, opts, step)

        load = run_loadgen(opts, step, bootstrap, topics.inbound, started)
        if "profiler" in marks:
            marks["profiler"].wait()
            marks["profile"] = opts.results / f"profile-{step.label}.txt"
        drain(lake, alerts, f"{step.label}-", load["sent"], opts.drain_s)
        cpu1, m1 = ProcessCpu.take(job.proc.pid), MetricsSnapshot.parse(scrape(port))
        alive = job.alive()
        record = _step_record(step, load, lake, alerts, marks, cpu1, m1, job, alive)
        record["code_fingerprint"] = fingerprint
        return record
    finally:
        job.stop()
        lake.stop()
        alerts.stop()
        delete_topics(bootstrap, topics)
        if not opts.keep:
            shutil.rmtree(run_dir, ignore_errors=True)


def _step_record(
    step: StepSpec,
    load: dict[str, Any],
    lake: LakeWatcher,
    alerts: AlertWatcher,
    marks: dict[str, Any],
    cpu1: ProcessCpu,
    m1: MetricsSnapshot,
    job: JobProcess,
    alive: bool,
) -> dict[str, Any]:
    prefix = f"{step.label}-"
    landed = lake.landings(prefix)
    summary = summarize(latency_values(landed), load["sent"])
    observed = summarize(latency_values(landed, observed=True), load["sent"])
    alert_landed = alerts.landings(prefix)
    flagged = sum(1 for v in landed.values() if v.alert)
    alert_summary = summarize(latency_values(alert_landed), flagged)
    cpu0: ProcessCpu = marks["cpu0"]
    wall = max(1e-9, cpu1.wall - cpu0.wall)
    span = _landing_span(landed)
    job_cpu = 100 * (cpu1.job - cpu0.job) / wall
    broker_cpu = 100 * (cpu1.broker - cpu0.broker) / wall
    system_cpu = 100 * (cpu1.system_busy - cpu0.system_busy) / wall
    loadgen_cpu = 100 * load["cpu_seconds"] / wall
    values = latency_values(landed)
    cdf = summarize_cdf(values, load["sent"])
    record: dict[str, Any] = {
        "traffic": step.traffic,
        "rate": step.rate,
        "achieved_rate": round(load["achieved_rate"], 1),
        "sent": load["sent"],
        "images": load["images"],
        "landed": summary.count,
        "missing": summary.missing,
        "p50_ms": summary.p50_ms,
        "p95_ms": summary.p95_ms,
        "p99_ms": summary.p99_ms,
        "p999_ms": summary.p999_ms,
        "max_ms": summary.max_ms,
        "observed_p99_ms": observed.p99_ms,
        "throughput": round((summary.count - 1) / span, 1) if span else None,
        "alerts": {"flagged_in_lake": flagged, "received": alert_summary.count,
                   "p50_ms": alert_summary.p50_ms, "p99_ms": alert_summary.p99_ms,
                   "max_ms": alert_summary.max_ms},
        "cpu_percent": round(job_cpu, 1),
        "rss_mb": round(job.rss_max / 2**20, 1),
        "broker_cpu_percent": round(broker_cpu, 1),
        "loadgen_cpu_percent": round(loadgen_cpu, 1),
        "system_cpu_percent": round(system_cpu, 1),
        "other_cpu_percent": round(max(0.0, system_cpu - job_cpu - broker_cpu - loadgen_cpu), 1),
        "window_s": round(wall, 1),
        "stages": stage_breakdown(marks["m0"], m1),
        "counters": m1.counter_deltas(marks["m0"]),
        "job_alive": alive,
        "cdf_ms": cdf,
        "profile": _profile(marks.get("profile")),
    }  # fmt: skip
    record["sustained"] = sustained(record, step.rate)
    return record


def sustained(record: dict[str, Any], rate: float) -> bool:
    """Whether the job kept up: alive, nothing left behind, and output as fast as input.

    The generator must have offered >= 95 % of the rate and the lake must have
    received decisions at >= 90 % of the offered rate (no growing backlog).
    """
    achieved = float(record["achieved_rate"])
    throughput = record["throughput"] or 0.0
    return bool(
        record["job_alive"]
        and record["missing"] == 0
        and achieved >= 0.95 * rate
        and throughput >= 0.9 * achieved
    )


def _profile(path: Path | None) -> dict[str, Any] | None:
    """The py-spy summary of a profiled step (``None`` when not profiled)."""
    if path is None or not path.exists():
        return None
    summary = summarize_profile(path)
    return {
        "file": str(path),
        "samples": summary.samples,
        "top_self_percent": summary.top_self,
        "top_inclusive_percent": summary.top_inclusive,
    }


def _landing_span(landed: dict[str, Landing]) -> float:
    """Seconds between the first and the last landing of a step (0 if fewer than two)."""
    times = [v.landed_ns for v in landed.values()]
    return (max(times) - min(times)) / 1e9 if len(times) > 1 else 0.0


def summarize_cdf(values: Sequence[float], expected: int) -> list[float | None]:
    """Latencies at :data:`CDF_QUANTILES` (``None`` where the messages never landed)."""
    import numpy as np  # noqa: PLC0415

    if not values:
        return []
    arr = np.sort(np.asarray(values, dtype=np.float64))
    arr = np.concatenate([arr, np.full(max(0, expected - len(arr)), np.inf)])
    points = np.percentile(arr, CDF_QUANTILES, method="inverted_cdf")
    return [round(float(p), 2) if np.isfinite(p) else None for p in points]


def highest_rate(
    steps: list[dict[str, Any]], traffic: str, limit_ms: float
) -> dict[str, Any] | None:
    """The highest sustained step of a traffic kind with p99 within ``limit_ms``."""
    ok = [
        s for s in steps
        if s["traffic"] == traffic and s["sustained"] and s["p99_ms"] is not None
        and s["p99_ms"] <= limit_ms
    ]  # fmt: skip
    if not ok:
        return None
    best = max(ok, key=lambda s: s["rate"])
    return {k: best[k] for k in ("traffic", "rate", "achieved_rate", "p99_ms", "throughput")}


def run_suite(opts: SuiteOptions) -> dict[str, Any]:
    """Run every step, write ``latest.json`` and the plots; return the results document."""
    bootstrap = start_broker()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    machine = machine_info(load_note=other_processes_note())
    print_machine(machine)
    steps = []
    for i, step in enumerate(opts.steps):
        print(f"bench: step {i + 1}/{len(opts.steps)}: {step.traffic} at {step.rate:g} msg/s "
              f"for {opts.duration_s:g}s", file=sys.stderr)  # fmt: skip
        try:
            steps.append(run_step(opts, step, i, bootstrap, stamp))
        except (RuntimeError, TimeoutError) as exc:
            print(f"bench: step {step.label} failed: {exc}", file=sys.stderr)
            steps.append({"traffic": step.traffic, "rate": step.rate, "error": str(exc),
                          "sustained": False, "p99_ms": None})  # fmt: skip
        print_table(steps[-1:], header=i == 0)
    doc = results_document(opts, machine, steps)
    write_results(opts.results, doc)
    return doc


def results_document(
    opts: SuiteOptions, machine: dict[str, Any], steps: list[dict[str, Any]]
) -> dict[str, Any]:
    """The ``latest.json`` document."""
    text5k = [s for s in steps if s["traffic"] == "text" and s["rate"] == 5000 and "error" not in s]
    return {
        "machine": machine,
        "config": str(opts.config),
        "command": opts.command,
        "seed": opts.seed,
        "duration_s": opts.duration_s,
        "traffic": {"image_share": opts.image_share, "image_megapixels": [1, 12],
                    "known_image_share": opts.known_share,
                    "positive_session_share": opts.positive_share},
        "latency_definition": (
            "Kafka record timestamp (producer CreateTime) to the rename of the audit-lake "
            "Parquet file holding the decision (file st_ctime_ns; observed_p99_ms uses the "
            "collector's poll time instead); alerts: to the collector consumer's receive time"
        ),
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "code_fingerprints": sorted({s.get("code_fingerprint", "?") for s in steps}),
        "steps": steps,
        "highest_rate_p99_under_500ms": {
            "mixed": highest_rate(steps, "mixed", 500.0),
            "text": highest_rate(steps, "text", 500.0),
        },
        "targets": {
            "text_5000_p99_le_100ms": _target(text5k, 100.0),
            "mixed_p99_le_500ms_at_some_rate": highest_rate(steps, "mixed", 500.0) is not None,
        },
    }  # fmt: skip


def _target(steps: list[dict[str, Any]], limit: float) -> dict[str, Any]:
    if not steps:
        return {"met": None, "note": "step not run"}
    s = steps[0]
    p99 = s["p99_ms"]
    met = bool(p99 is not None and p99 <= limit and s["sustained"])
    return {"met": met, "p99_ms": p99, "limit_ms": limit,
            "over_by_ms": None if p99 is None else round(max(0.0, p99 - limit), 1)}  # fmt: skip


def write_results(folder: Path, doc: dict[str, Any]) -> Path:
    """Write ``latest.json`` and the PNG plots into ``folder``."""
    from benchmarks.plots import write_plots  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "latest.json"
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    for png in write_plots(doc, folder):
        print(f"bench: wrote {png}", file=sys.stderr)
    print(f"bench: wrote {path}", file=sys.stderr)
    return path


def print_machine(machine: dict[str, Any]) -> None:
    """Print the machine's cores and versions."""
    for key, value in machine.items():
        print(f"{key:>18}: {value}")


def _fmt(value: Any) -> str:
    if value is None:
        return "  >drain"
    if isinstance(value, float):
        return f"{value:8.1f}"
    return f"{value!s:>8}"


COLUMNS: Final = (
    ("traffic", "traffic"), ("rate", "rate"), ("achieved", "achieved_rate"), ("p50", "p50_ms"),
    ("p95", "p95_ms"), ("p99", "p99_ms"), ("p99.9", "p999_ms"), ("max", "max_ms"),
    ("thruput", "throughput"), ("cpu%", "cpu_percent"), ("rss MB", "rss_mb"),
    ("other%", "other_cpu_percent"), ("ok", "sustained"),
)  # fmt: skip


def print_table(steps: list[dict[str, Any]], *, header: bool = True) -> None:
    """Print steps as a fixed-width table (latencies in ms)."""
    if header:
        print(" ".join(f"{name:>8}" for name, _ in COLUMNS))
    for s in steps:
        if "error" in s:
            print(f"{s['traffic']:>8} {s['rate']:8.0f}  error: {s['error'].splitlines()[0]}")
            continue
        print(" ".join(_fmt(s.get(key)) for _, key in COLUMNS))
    sys.stdout.flush()
