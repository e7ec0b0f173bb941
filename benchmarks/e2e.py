"""End-to-end latency suite: the real job against the real broker, step by step.

For every step (traffic kind, rate, full or floor, 1 or N processes) the suite:

1. creates unique topics (``bench-<stamp>-<n>-<step>-in|alerts|dlq|decisions``),
   ``partitions`` each (default 4, the same for every layout);
2. derives a config from ``config/bench.toml`` into a temporary run folder
   (topics, metrics port and every path replaced; nothing else);
3. starts the job (:mod:`tipline.benchmarks.cluster`: one process, or a Bytewax
   cluster of N processes x 1 worker; a floor step adds ``--set`` overrides that
   turn the operators off) with recovery on and every sink on, and waits for a
   warm-up batch to reach the boundary;
4. runs the load generator subprocess (:mod:`tipline.benchmarks.loadgen`) at the
   step's rate while the collector (:mod:`tipline.benchmarks.collector`) records when
   each decision lands on the decisions topic (or in the lake, when decisions are
   not on Kafka), in the lake, and each alert on the alerts topic;
5. drains (until every sent message is decided and in the lake, or ``drain_s``),
   scrapes the job's metrics endpoints, stops the job with SIGTERM and removes
   the topics.

Latency, lake freshness, throughput, CPU and memory are computed per step
(:mod:`tipline.benchmarks.record`, the ``steps`` of ``latest.json``). Wall time is
never asserted; a missed target is reported, not tuned away.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from tipline.benchmarks.cluster import JobGroup
from tipline.benchmarks.collector import AlertWatcher, DecisionWatcher, LakeWatcher
from tipline.benchmarks.harness import (
    REPO,
    ProcessCpu,
    Topics,
    create_topics,
    decisions_on_kafka,
    delete_topics,
    derive_config,
    free_port,
    metrics_up,
    scrape,
    start_broker,
    start_lake_feed,
    wait_until,
    warm_up,
)
from tipline.benchmarks.loadgen import SESSIONS
from tipline.benchmarks.machine import code_fingerprint, machine_info, other_processes_note
from tipline.benchmarks.record import JobReadings, Watchers, step_record, sustained
from tipline.benchmarks.stages import MetricsSnapshot
from tipline.benchmarks.steps import (
    FLOOR_OVERRIDES,
    STANDARD_STEPS,
    StepSpec,
    expand_steps,
    parse_steps,
)
from tipline.benchmarks.targets import evaluate_targets, scale_inputs

__all__ = ["StepSpec", "SuiteOptions", "parse_steps", "run_suite", "sustained"]

DEFAULT_STEPS: Final = STANDARD_STEPS
# Seconds the warmed-up job is watched idle before the load: its CPU then is the
# fixed cost (polling, timers) that the per-message cost is read beside.
IDLE_S: Final = 2.0


@dataclass(frozen=True, slots=True)
class SuiteOptions:
    """Everything that determines a run (reproducible from these and the config)."""

    config: Path = Path("config/bench.toml")
    seed: int = 7
    steps: tuple[StepSpec, ...] = tuple(parse_steps(DEFAULT_STEPS))
    duration_s: float = 10.0
    drain_s: float = 60.0
    results: Path = Path("benchmarks/results")
    image_share: float = 0.05
    known_share: float = 0.1
    positive_share: float = 0.05
    sessions: int = 0  # conversations at once, round-robin; 0: the generator's default mix
    keep: bool = False
    command: str = ""
    profile: tuple[str, ...] = ()
    floors: bool = True
    processes: tuple[int, ...] = (1, 2)
    partitions: int = 4

    def plan(self) -> list[StepSpec]:
        """Every step to run, in order: per process count, each full step then its floor."""
        return expand_steps(self.steps, floors=self.floors, processes=self.processes)


def run_loadgen(
    opts: SuiteOptions, step: StepSpec, bootstrap: str, topic: str, on_start: Any
) -> dict[str, Any]:
    """Run the generator subprocess; call ``on_start`` at its first send; return its result."""
    cmd = [
        sys.executable, "-m", "tipline.benchmarks.loadgen",
        "--bootstrap", bootstrap, "--topic", topic,
        "--traffic", step.traffic, "--rate", f"{step.rate:g}",
        "--duration", f"{opts.duration_s:g}", "--seed", str(opts.seed),
        "--prefix", f"{step.label}-", "--image-share", f"{opts.image_share:g}",
        "--known-share", f"{opts.known_share:g}", "--positive-share", f"{opts.positive_share:g}",
        "--sessions", str(opts.sessions),
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


def drain(w: Watchers, prefix: str, sent: int, timeout: float) -> None:
    """Wait until every sent message is decided, in the lake, and alerted (or time is up).

    Each wait is bounded: the boundary by ``timeout``; the lake (when it is not
    the boundary, i.e. for its freshness; not on floor steps, whose lake is the
    same feed) by ``timeout`` again; the alerts by 15 s.
    """
    boundary = w.boundary
    _wait(lambda: boundary.count(prefix) >= sent, timeout)
    if w.decisions is not None and w.lake_measured:
        decided = boundary.count(prefix)
        _wait(lambda: w.lake.count(prefix) >= decided, timeout)

    def alerted() -> bool:
        flagged = {k for k, v in boundary.landings(prefix).items() if v.alert}
        return flagged <= w.alerts.landings(prefix).keys()

    _wait(alerted, 15)


def _wait(check: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not check():
        time.sleep(0.05)


def run_step(
    opts: SuiteOptions, step: StepSpec, index: int, bootstrap: str, stamp: str
) -> dict[str, Any]:
    """Run one step against a fresh job and fresh topics; return its result record."""
    fingerprint = code_fingerprint()
    topics = Topics.named(f"bench-{stamp}-{index}-{step.label}", opts.partitions)
    on_kafka = decisions_on_kafka(opts.config)
    if not on_kafka:
        topics = replace(topics, decisions="")
    create_topics(bootstrap, topics)
    run_dir = Path(tempfile.mkdtemp(prefix=f"tipline-bench-{step.label}-"))
    cfg = derive_config(opts.config, run_dir, bootstrap, topics, free_port())
    job = JobGroup.start(cfg, run_dir, step.processes, step.overrides())
    feed = start_lake_feed(cfg, run_dir)
    feed_pid = feed.proc.pid if feed is not None else None
    w = Watchers(
        LakeWatcher(run_dir / "lake"),
        AlertWatcher(bootstrap, topics.alerts, topics.partitions),
        DecisionWatcher(bootstrap, topics.decisions, topics.partitions) if on_kafka else None,
        lake_measured=not step.floor,
    )
    w.start()
    phases = _Phases()
    try:
        for port in job.ports:
            wait_until(lambda port=port: metrics_up(port), 120, "the metrics endpoint", job)
        phases.mark("start")
        warm_up(bootstrap, topics.inbound, opts.seed, w.boundary.count, job)
        phases.mark("warm_up")
        idle0 = ProcessCpu.take(job.pids)
        time.sleep(IDLE_S)
        idle1 = ProcessCpu.take(job.pids)
        phases.mark("idle")
        # The job is idle here (warm-up drained, idle phase measured), so the stage
        # counters are read before the load generator starts: read at its
        # "started" line, the first records could already be decoded (a race
        # that lost 11 of 120 decodes in a smoke run on a busy machine).
        marks: dict[str, Any] = {"m0": _scrape_all(job)}

        def started() -> None:
            marks["cpu0"] = ProcessCpu.take(job.pids, feed_pid)
            if step.label in opts.profile:
                marks["profiler"] = start_profiler(job.pids[0], opts, step)

        load = run_loadgen(opts, step, bootstrap, topics.inbound, started)
        if "profiler" in marks:
            marks["profiler"].wait()
            marks["profile"] = opts.results / f"profile-{step.label}.txt"
        phases.mark("load")
        drain(w, f"{step.label}-", load["sent"], opts.drain_s)
        phases.mark("drain")
        readings = JobReadings(
            marks["cpu0"], ProcessCpu.take(job.pids, feed_pid), marks["m0"], _scrape_all(job),
            job.rss_max, job.alive(), marks.get("profile"),
        )  # fmt: skip
        record = step_record(step, load, w, readings)
        record["job_idle_cpu_percent"] = round(
            100 * (idle1.job - idle0.job) / max(1e-9, idle1.wall - idle0.wall), 1
        )
        record["phases_s"] = phases.spans
        record["code_fingerprint"] = fingerprint
        return record
    finally:
        job.stop()
        if feed is not None:
            feed.stop()
        w.stop()
        phases.mark("stop")
        print(f"bench: {step.label} phases (s): {phases.spans}", file=sys.stderr)
        delete_topics(bootstrap, topics)
        if not opts.keep:
            shutil.rmtree(run_dir, ignore_errors=True)


class _Phases:
    """Seconds spent in each phase of a step (start, warm-up, idle, load, drain, stop)."""

    def __init__(self) -> None:
        self._last = time.monotonic()
        self.spans: dict[str, float] = {}

    def mark(self, name: str) -> None:
        now = time.monotonic()
        self.spans[name] = round(now - self._last, 1)
        self._last = now


def _scrape_all(job: JobGroup) -> MetricsSnapshot:
    return MetricsSnapshot.parse_all([scrape(port) for port in job.ports])


def highest_rate(
    steps: list[dict[str, Any]], traffic: str, limit_ms: float
) -> dict[str, Any] | None:
    """The highest sustained full step of a traffic kind with p99 within ``limit_ms``."""
    ok = [
        s for s in steps
        if s["traffic"] == traffic and not s.get("floor") and s["sustained"]
        and s["p99_ms"] is not None and s["p99_ms"] <= limit_ms
    ]  # fmt: skip
    if not ok:
        return None
    best = max(ok, key=lambda s: s["rate"])
    keys = ("traffic", "rate", "processes", "achieved_rate", "p99_ms", "throughput")
    return {k: best.get(k) for k in keys}


def run_suite(opts: SuiteOptions) -> dict[str, Any]:
    """Run every step, write ``latest.json`` and the plots; return the results document."""
    bootstrap = start_broker()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    machine = machine_info(load_note=other_processes_note())
    print_machine(machine)
    plan = opts.plan()
    steps = []
    started = time.monotonic()
    for i, step in enumerate(plan):
        print(f"bench: step {i + 1}/{len(plan)}: {step.title} msg/s for {opts.duration_s:g}s",
              file=sys.stderr)  # fmt: skip
        try:
            steps.append(run_step(opts, step, i, bootstrap, stamp))
        except (RuntimeError, TimeoutError) as exc:
            print(f"bench: step {step.label} failed: {exc}", file=sys.stderr)
            steps.append({"traffic": step.traffic, "rate": step.rate, "floor": step.floor,
                          "processes": step.processes, "label": step.label,
                          "error": str(exc), "sustained": False, "p99_ms": None})  # fmt: skip
        print_table(steps[-1:], header=i == 0)
    machine["suite_wall_s"] = round(time.monotonic() - started, 1)
    machine["load_after"] = other_processes_note(when="after")
    doc = results_document(opts, machine, steps)
    write_results(opts.results, doc)
    return doc


def results_document(
    opts: SuiteOptions, machine: dict[str, Any], steps: list[dict[str, Any]]
) -> dict[str, Any]:
    """The ``latest.json`` document."""
    return {
        "machine": machine,
        "config": str(opts.config),
        "command": opts.command,
        "seed": opts.seed,
        "duration_s": opts.duration_s,
        "partitions": opts.partitions,
        "traffic": {"image_share": opts.image_share, "image_megapixels": [1, 12],
                    "known_image_share": opts.known_share,
                    "positive_session_share": opts.positive_share,
                    "sessions_at_once": opts.sessions or f"default ({SESSIONS} in time order)"},
        "latency_definition": (
            "decision: Kafka record timestamp of the input (producer CreateTime) to the "
            "collector consumer's receive time of the decision on the decisions topic, or, "
            "when decisions are not on Kafka, to the rename of the audit-lake Parquet file "
            "holding it (file st_ctime_ns); alerts: to the receive time on the alerts topic; "
            "lake freshness: lake landing minus decision landing"
        ),
        "floor_overrides": list(FLOOR_OVERRIDES),
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "code_fingerprints": sorted({s.get("code_fingerprint", "?") for s in steps}),
        "steps": steps,
        "highest_rate_p99_under_500ms": {
            "mixed": highest_rate(steps, "mixed", 500.0),
            "text": highest_rate(steps, "text", 500.0),
        },
        "targets": evaluate_targets(steps),
        "scale": scale_inputs(steps),
    }  # fmt: skip


def write_results(folder: Path, doc: dict[str, Any]) -> Path:
    """Write ``latest.json`` and the PNG plots into ``folder``."""
    from tipline.benchmarks.plots import write_plots  # noqa: PLC0415

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
    ("step", "label"), ("achieved", "achieved_rate"), ("p50", "p50_ms"), ("p99", "p99_ms"),
    ("max", "max_ms"), ("alert99", ("alerts", "p99_ms")),
    ("fresh99", ("lake_freshness", "p99_ms")), ("thruput", "throughput"),
    ("job%", "cpu_percent"), ("broker%", "broker_cpu_percent"),
    ("loadgen%", "loadgen_cpu_percent"), ("other%", "other_cpu_percent"), ("ok", "sustained"),
)  # fmt: skip


def _cell(step: dict[str, Any], key: str | tuple[str, str]) -> Any:
    if isinstance(key, str):
        return step.get(key)
    inner = step.get(key[0])
    return inner.get(key[1]) if isinstance(inner, dict) else None


def print_table(steps: list[dict[str, Any]], *, header: bool = True) -> None:
    """Print steps as a fixed-width table (latencies in ms)."""
    if header:
        print(" ".join(f"{name:>8}" for name, _ in COLUMNS))
    for s in steps:
        if "error" in s:
            print(f"{s['label']:>8}  error: {s['error'].splitlines()[0]}")
            continue
        print(" ".join(_fmt(_cell(s, key)) for _, key in COLUMNS))
    sys.stdout.flush()
