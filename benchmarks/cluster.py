"""The job of one step as one process, or as a Bytewax cluster of N processes on this machine.

Every process is ``tipline run --config <derived> -w 1`` with, in a cluster,
``-a <every address> -i <k>`` (the same flags ``deploy/entrypoint.sh`` gives a
pod). Each process gets its own metrics port (``--set metrics.port``) and, with
recovery on, its own recovery folder holding its share of the partitions
(partition p on process p % N, made once before the start, as the entrypoint
does on each pod's volume). The lake has one shard per process
(``lake.shards = N``), so no process writes another's files; everything else
(lake folder, vault, drafts) is the step's shared run folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tipline.benchmarks.harness import JobProcess, free_port
from tipline.schemas.config import load_config


@dataclass(slots=True)
class JobGroup:
    """The processes of one step's job and their metrics ports."""

    jobs: list[JobProcess]
    ports: list[int]

    @classmethod
    def start(
        cls, config: Path, run_dir: Path, processes: int, overrides: Sequence[str] = ()
    ) -> JobGroup:
        """Start the job as ``processes`` processes of one worker (1: a plain process)."""
        cfg = load_config(config)
        sets = [f"--set={o}" for o in overrides]
        if processes == 1:
            job = JobProcess.start(config, run_dir / "job.log", sets)
            return cls([job], [cfg.metrics.port])
        ports = [free_port() for _ in range(processes)]
        addresses = ";".join(f"127.0.0.1:{free_port()}" for _ in range(processes))
        recovery = _split_recovery(Path(cfg.recovery.path), processes, cfg.recovery.enabled)
        jobs = []
        for k in range(processes):
            args = [
                "-w", "1", "-a", addresses, "-i", str(k), *sets,
                f"--set=metrics.port={ports[k]}", f"--set=lake.shards={processes}",
                f"--set=recovery.partitions={processes}",
            ]  # fmt: skip
            if recovery:
                args.append(f"--set=recovery.path={recovery[k]}")
            jobs.append(JobProcess.start(config, run_dir / f"job-{k}.log", args))
        return cls(jobs, ports)

    @property
    def pids(self) -> list[int]:
        """The process ids of the job's processes."""
        return [job.proc.pid for job in self.jobs]

    @property
    def rss_max(self) -> int:
        """The sum of the processes' peak resident memory (bytes)."""
        return sum(job.rss_max for job in self.jobs)

    def alive(self) -> bool:
        """Whether every process is still running."""
        return all(job.alive() for job in self.jobs)

    def tail(self, lines: int = 30) -> str:
        """The last lines of the output of the first process that exited (else of process 0)."""
        dead = next((job for job in self.jobs if not job.alive()), self.jobs[0])
        return dead.tail(lines)

    def stop(self) -> None:
        """Stop every process (SIGTERM to all at once, then SIGKILL after the grace period)."""
        for job in self.jobs:
            job.terminate()
        for job in self.jobs:
            job.stop()


def _split_recovery(path: Path, processes: int, enabled: bool) -> list[Path]:
    """Create ``processes`` recovery partitions, one folder per process; return the folders."""
    if not enabled:
        return []
    from bytewax.recovery import init_db_dir  # noqa: PLC0415

    scratch = path.with_name(path.name + "-all")
    scratch.mkdir(parents=True, exist_ok=True)
    init_db_dir(scratch, processes)  # type: ignore[no-untyped-call]
    folders = []
    for k in range(processes):
        folder = path.with_name(f"{path.name}-p{k}")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.move(scratch / f"part-{k}.sqlite3", folder / f"part-{k}.sqlite3")
        folders.append(folder)
    shutil.rmtree(scratch)
    return folders
