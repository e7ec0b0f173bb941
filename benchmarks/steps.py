"""The steps of the end-to-end suite: traffic, rate, floor or full job, process layout.

A **full** step runs the job as configured. Its **floor** twin runs the same
traffic at the same rate with the operators off (hashing, grooming, evidence
and reports disabled by ``--set`` overrides), so what is left is the plumbing:
decode, routing, decisions and the lake. Full minus floor is the work.

A step runs on ``processes`` job processes of one worker each (a Bytewax
cluster on this machine); every step's input topic has the same partitions,
so the 1- and 2-process runs read the same topic layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final

# The overrides that turn a full step into its floor: every operator off.
FLOOR_OVERRIDES: Final = (
    "hashing.enabled=false",
    "grooming.enabled=false",
    "evidence.enabled=false",
    "reports.enabled=false",
)

# The standard step set (`make bench`): 5 steps, each beside its floor, on 1 and 2 processes.
# text:1000 is no target: it is a step below saturation, so the scale model can fit the text
# cost (two 1-process full steps whose CPU rises with throughput).
STANDARD_STEPS: Final = "text:1000,text:2000,text:5000,mixed:400,mixed:800"


@dataclass(frozen=True, slots=True)
class StepSpec:
    """One step: a traffic kind at a fixed rate (msg/s), full or floor, on N processes."""

    traffic: str
    rate: float
    floor: bool = False
    processes: int = 1

    @classmethod
    def parse(cls, text: str) -> StepSpec:
        """Parse ``text:5000`` or ``mixed:50`` (a full step on one process)."""
        kind, sep, rate = text.strip().partition(":")
        if kind not in ("text", "mixed") or not sep:
            msg = f"{text!r} is not a step (expected text:RATE or mixed:RATE)"
            raise ValueError(msg)
        return cls(kind, float(rate))

    @property
    def label(self) -> str:
        """Short unique name used in topic names, event ids and tables.

        No label is a prefix of another one followed by ``-`` (event ids are
        ``<label>-<n>``), so steps never count each other's messages.
        """
        floor = "floor" if self.floor else ""
        procs = f"x{self.processes}" if self.processes > 1 else ""
        return f"{self.traffic}{self.rate:g}{floor}{procs}"

    @property
    def title(self) -> str:
        """Human name: ``text 2000 floor, 2 proc``."""
        extra = [s for s in ("floor" if self.floor else "",) if s]
        if self.processes > 1:
            extra.append(f"{self.processes} proc")
        return f"{self.traffic} {self.rate:g}" + (f" ({', '.join(extra)})" if extra else "")

    def overrides(self) -> tuple[str, ...]:
        """The ``--set`` overrides of this step's job (the floor's operators off)."""
        return FLOOR_OVERRIDES if self.floor else ()


def parse_steps(text: str) -> list[StepSpec]:
    """Parse a comma-separated step list."""
    return [StepSpec.parse(s) for s in text.split(",") if s.strip()]


def expand_steps(
    steps: Iterable[StepSpec], *, floors: bool, processes: Iterable[int] = (1,)
) -> list[StepSpec]:
    """Every step on every process count, each full step followed by its floor."""
    base = list(steps)
    out = []
    for n in processes:
        for step in base:
            out.append(replace(step, processes=n))
            if floors and not step.floor:
                out.append(replace(step, floor=True, processes=n))
    return out
