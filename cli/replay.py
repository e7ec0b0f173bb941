"""Backtests: run the flow over recorded events in isolation and score it (docs/contract.md §4).

A replay writes only under its ``--out`` folder: its own lake, dead letters,
alerts, vault and drafts, with recovery off — it never touches the live job's
state or outputs.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import msgspec
from bytewax.inputs import Source

from tipline.flows.main import build_flow
from tipline.flows.pipeline import Pipeline
from tipline.flows.runner import run_flow
from tipline.flows.sources import jsonl_files
from tipline.operators.evaluation import backtest_metrics
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import NO_DECISION_STAGES, decode_dead_letter
from tipline.schemas.decision import Decision, decode_decision
from tipline.schemas.hashing import HashListSource
from tipline.schemas.labels import Labels, decode_labels


def isolated_config(
    cfg: TiplineConfig, out: Path, *, events: str | None, hash_lists: Sequence[str] = ()
) -> TiplineConfig:
    """Point every output of ``cfg`` under ``out`` and read ``events``; recovery off.

    Hashing runs inline (``hashing.executor``): the background step decides the
    same, but lets one session's text overtake another's image, so the lines of
    ``decisions.jsonl`` would be ordered differently from run to run; inline,
    two replays of the same input write the same file.
    """
    rep = msgspec.structs.replace
    extra = (
        HashListSource(path=p, name=f"replay-{i}-{Path(p).stem}") for i, p in enumerate(hash_lists)
    )
    lists = [*cfg.hashing.lists, *extra]
    input_cfg = cfg.input if events is None else rep(cfg.input, kind="jsonl", path=events)
    return rep(
        cfg,
        input=input_cfg,
        dead_letters=rep(cfg.dead_letters, kind="file", path=str(out)),
        alerts=rep(cfg.alerts, kind="file", path=str(out)),
        lake=rep(cfg.lake, path=str(out / "lake")),
        recovery=rep(cfg.recovery, enabled=False),
        metrics=rep(cfg.metrics, port=0),
        hashing=rep(cfg.hashing, lists=lists, executor="inline"),
        evidence=rep(cfg.evidence, path=str(out / "vault")),
        reports=rep(cfg.reports, path=str(out / "reports"), cases_path=str(out / "cases")),
    )


def read_labels(path: str | Path) -> Labels:
    """Read a labels file (docs/contract.md §3): the one reader of labels in the package."""
    return decode_labels(Path(path).read_bytes(), str(path))


def read_decisions(path: Path) -> list[Decision]:
    """Read ``decisions.jsonl`` (empty when the file does not exist)."""
    if not path.exists():
        return []
    return [decode_decision(line) for line in path.read_bytes().splitlines() if line.strip()]


def dead_letter_stages(path: Path) -> Counter[str]:
    """Count dead letters by stage (metadata only: raw bytes stay sealed).

    Letters of :data:`~tipline.schemas.dead_letter.NO_DECISION_STAGES` are inputs
    without a decision (``events == decisions + those``); the others failed a
    step after their decision was made and are counted on their own.
    """
    if not path.exists():
        return Counter()
    return Counter(
        decode_dead_letter(line).stage for line in path.read_bytes().splitlines() if line.strip()
    )


def count_lines(paths: Iterable[Path]) -> int:
    """Count the non-blank lines of files (records read by the JSONL source)."""
    return sum(
        sum(1 for line in p.read_bytes().splitlines() if line.strip()) for p in paths if p.exists()
    )


def run_replay(
    cfg: TiplineConfig,
    out: Path,
    *,
    labels: str | None,
    source: Source[Any] | None = None,
    count_events: Callable[[], int] | None = None,
    progress: bool = False,
) -> dict[str, object]:
    """Run the flow with an isolated config and write ``metrics.json`` under ``out``.

    ``dead_lettered`` counts the letters of inputs that have no decision
    (``events == decisions + dead_lettered``); ``dead-letter-stages.json``
    adds every stage, including steps that failed after the decision.

    Args:
        cfg: an isolated config (see :func:`isolated_config`).
        out: the output folder.
        labels: docs/contract.md §3 labels file, if any.
        source: a bounded source replacing the configured input (topic replays).
        count_events: how many records the source read, when it is not the JSONL input.
        progress: show a progress line on a terminal.

    """
    out.mkdir(parents=True, exist_ok=True)
    for stale in (
        "decisions.jsonl",
        "dead-letters.jsonl",
        "alerts.jsonl",
        "dead-letter-stages.json",
    ):
        (out / stale).unlink(missing_ok=True)
    flow = build_flow(
        cfg, source=source, decisions_path=str(out), pipeline=Pipeline(cfg).preflight()
    )
    run_flow(flow, cfg, progress=progress)
    decisions = read_decisions(out / "decisions.jsonl")
    stages = dead_letter_stages(out / "dead-letters.jsonl")
    dead = sum(n for stage, n in stages.items() if stage in NO_DECISION_STAGES)
    events = count_events() if count_events else count_lines(jsonl_files(cfg.input.path))
    truth = read_labels(labels) if labels else Labels()
    sessions, attachments = truth.sessions, truth.attachments
    metrics = backtest_metrics(decisions, sessions, attachments, events=events, dead_lettered=dead)
    by_stage = {
        "by_stage": dict(sorted(stages.items())),
        "after_decision": sum(stages.values()) - dead,
    }
    (out / "dead-letter-stages.json").write_text(
        json.dumps(by_stage, indent=2) + "\n", encoding="utf-8"
    )
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics
