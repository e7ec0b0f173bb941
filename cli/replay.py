"""Backtests: run the flow over recorded events in isolation and score it (docs/contract.md §4).

A replay writes only under its ``--out`` folder: its own lake, dead letters,
alerts, vault and drafts, with recovery off — it never touches the live job's
state or outputs.
"""

from __future__ import annotations

import json
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
from tipline.schemas.decision import Decision, decode_decision
from tipline.schemas.hashing import HashListSource


class Label(msgspec.Struct, frozen=True, kw_only=True):
    """One line of a labels file (docs/contract.md §3)."""

    kind: str
    positive: bool
    session_id: str | None = None
    attachment_id: str | None = None


def isolated_config(
    cfg: TiplineConfig, out: Path, *, events: str | None, hash_lists: Sequence[str] = ()
) -> TiplineConfig:
    """Point every output of ``cfg`` under ``out`` and read ``events``; recovery off."""
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
        hashing=rep(cfg.hashing, lists=lists),
        evidence=rep(cfg.evidence, path=str(out / "vault")),
        reports=rep(cfg.reports, path=str(out / "reports"), cases_path=str(out / "cases")),
    )


def read_labels(path: str | Path) -> tuple[dict[str, bool], dict[str, bool]]:
    """Read docs/contract.md §3 labels into (sessions, attachments) maps."""
    decoder = msgspec.json.Decoder(Label)
    sessions: dict[str, bool] = {}
    attachments: dict[str, bool] = {}
    for n, line in enumerate(Path(path).read_bytes().splitlines(), 1):
        if not line.strip():
            continue
        label = decoder.decode(line)
        if label.kind == "session" and label.session_id:
            sessions[label.session_id] = label.positive
        elif label.kind == "attachment" and label.attachment_id:
            attachments[label.attachment_id] = label.positive
        else:
            msg = f"{path}:{n}: a label needs kind session+session_id or attachment+attachment_id"
            raise ValueError(msg)
    return sessions, attachments


def read_decisions(path: Path) -> list[Decision]:
    """Read ``decisions.jsonl`` (empty when the file does not exist)."""
    if not path.exists():
        return []
    return [decode_decision(line) for line in path.read_bytes().splitlines() if line.strip()]


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

    Args:
        cfg: an isolated config (see :func:`isolated_config`).
        out: the output folder.
        labels: docs/contract.md §3 labels file, if any.
        source: a bounded source replacing the configured input (topic replays).
        count_events: how many records the source read, when it is not the JSONL input.
        progress: show a progress line on a terminal.

    """
    out.mkdir(parents=True, exist_ok=True)
    for stale in ("decisions.jsonl", "dead-letters.jsonl", "alerts.jsonl"):
        (out / stale).unlink(missing_ok=True)
    flow = build_flow(
        cfg, source=source, decisions_path=str(out), pipeline=Pipeline(cfg).preflight()
    )
    run_flow(flow, cfg, progress=progress)
    decisions = read_decisions(out / "decisions.jsonl")
    dead = count_lines([out / "dead-letters.jsonl"])
    events = count_events() if count_events else count_lines(jsonl_files(cfg.input.path))
    sessions, attachments = read_labels(labels) if labels else ({}, {})
    metrics = backtest_metrics(decisions, sessions, attachments, events=events, dead_lettered=dead)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics
