"""End-to-end latency suite: the real job against the real broker, step by step.

For every step (traffic kind and rate) the suite:

1. creates unique topics (``bench-<stamp>-<n>-<step>-in|alerts|dlq``);
2. derives a config from ``config/bench.toml`` into a temporary run folder
   (topics, metrics port and every path replaced; nothing else);
3. starts the job as ``python -m tipline.cli.main run --config <derived>`` (recovery
   on, every sink on) and waits for a warm-up batch to reach the lake;
4. runs the load generator subprocess (:mod:`tipline.benchmarks.loadgen`) at the
   step's rate while the collector (:mod:`tipline.benchmarks.collector`) records when
   each decision lands in the lake and each alert on the alerts topic;
5. drains (until every sent message is in the lake, or ``drain_s``), scrapes
   the job's metrics endpoint, stops the job with SIGTERM and removes the topics.

Latency, throughput, CPU and memory are computed per step (:mod:`benchmarks.report`
fields in ``latest.json``). Wall time is never asserted; a missed target is
reported, not tuned away.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from tipline.benchmarks.collector import (
    CDF_QUANTILES,
    AlertWatcher,
    LakeWatcher,
    Landing,
    latency_values,
    summarize,
)
from tipline.benchmarks.harness import (
    REPO,
    JobProcess,
    ProcessCpu,
    Topics,
    create_topics,
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
from tipline.benchmarks.machine import code_fingerprint, machine_info, other_processes_note
from tipline.benchmarks.pyspy import summarize_profile
from tipline.benchmarks.stages import MetricsSnapshot, stage_breakdown

DEFAULT_STEPS: Final = (
    "text:500,text:1000,text:2000,text:5000,text:10000,"
    "mixed:25,mixed:50,mixed:100,mixed:200,mixed:400,mixed:800"
)


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
    feed = start_lake_feed(cfg, run_dir)
    lake = LakeWatcher(run_dir / "lake")
    alerts = AlertWatcher(bootstrap, topics.alerts)
    lake.start()
    alerts.start()
    try:
        wait_until(lambda: metrics_up(port), 120, "the metrics endpoint", job)
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
        if feed is not None:
            feed.stop()
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
