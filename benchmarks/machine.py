"""The machine a benchmark ran on: cores, memory, versions and what else was busy."""

from __future__ import annotations

import hashlib
import os
import platform
import re
import subprocess
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Final

import psutil

REPO: Final = Path(__file__).resolve().parents[1]


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown"
    m = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return m.group(1).strip() if m else "unknown"


def _kafka_version() -> str:
    script = (REPO / "deploy" / "kafka.sh").read_text(encoding="utf-8")
    m = re.search(r'^KAFKA_VERSION="([^"]+)"', script, re.MULTILINE)
    return f"Apache Kafka {m.group(1) if m else '?'} (KRaft, single node, deploy/kafka.sh)"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_info(load_note: str = "") -> dict[str, Any]:
    """Cores, memory, CPU model, Python and library versions, and a load note."""
    import confluent_kafka  # noqa: PLC0415

    return {
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "cpu_model": _cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "bytewax": _version("bytewax"),
        "kafka": _kafka_version(),
        "confluent_kafka": (
            f"{_version('confluent-kafka')} (librdkafka {confluent_kafka.libversion()[0]})"
        ),
        "msgspec": _version("msgspec"),
        "pyarrow": _version("pyarrow"),
        "git_head": git_head(),
        "load_note": load_note,
    }


def code_fingerprint() -> str:
    """Short SHA-256 over the job's code (flows, operators, sinks, schemas, synth).

    The job is started fresh for every step; a fingerprint per step shows
    whether the code under test changed while a suite ran (others edit the tree).
    """
    digest = hashlib.sha256()
    for package in ("flows", "operators", "sinks", "schemas", "synth"):
        for path in sorted((REPO / package).rglob("*.py")):
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def git_head() -> str:
    """The checked-out commit (uncommitted changes are in the fingerprint, not here)."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "unknown"
    return out.stdout.strip() or "unknown"


def other_processes_note(sample_s: float = 2.0, top: int = 4, *, when: str = "before") -> str:
    """Load average and the busiest other processes over a short sample (CPU %).

    ``when`` names the moment in the note: "before" or "after" the run.
    """
    me = os.getpid()
    procs = []
    for p in psutil.process_iter(["pid", "name"]):
        if p.info["pid"] == me:
            continue
        try:
            p.cpu_percent(None)
            procs.append(p)
        except psutil.Error:
            continue
    time.sleep(sample_s)
    busy = []
    for p in procs:
        try:
            busy.append((p.cpu_percent(None), _describe(p)))
        except psutil.Error:
            continue
    busy.sort(reverse=True)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    names = "; ".join(f"{name} {pct:.0f}%" for pct, name in busy[:top] if pct >= 1)
    return f"{when} the run: load average {load}; busiest other processes: {names or 'none'}"


def _describe(p: psutil.Process) -> str:
    try:
        cmd = " ".join(p.cmdline()[:4])
    except psutil.Error:
        cmd = ""
    return (cmd or p.name())[:80]
