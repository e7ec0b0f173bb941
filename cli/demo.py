"""``tipline demo``: generate the demo data if missing, run the whole pipeline, summarise.

Everything is written under the config's output folders (``out/demo/`` in the
embedded default), which are emptied first so every demo run starts clean.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from tipline.cli.demo_data import write_demo_data
from tipline.cli.replay import count_lines, read_decisions, read_labels, run_replay
from tipline.flows.sources import jsonl_files
from tipline.operators.evaluation import backtest_metrics
from tipline.schemas.clock import SYSTEM_CLOCK
from tipline.schemas.config import TiplineConfig, load_config
from tipline.services.evidence import build_evidence_service

OUT_ROOT = Path("out")


def _output_dirs(cfg: TiplineConfig) -> list[Path]:
    paths = [
        cfg.dead_letters.path,
        cfg.alerts.path,
        cfg.lake.path,
        cfg.recovery.path,
        cfg.evidence.path,
        cfg.reports.path,
        cfg.reports.cases_dir(),
    ]
    return [Path(p) for p in paths]


def _clean(cfg: TiplineConfig) -> Path:
    """Empty the demo's output folders; refuse anything outside ``out/``."""
    dirs = _output_dirs(cfg)
    for d in dirs:
        if OUT_ROOT.resolve() not in d.resolve().parents:
            msg = f"demo outputs must live under {OUT_ROOT}/ (got {d})"
            raise SystemExit(msg)
    common = Path(os.path.relpath(os.path.commonpath([d.resolve() for d in dirs])))
    for d in dirs:
        if d.exists():
            _remove_tree(d)
    return common


def _remove_tree(path: Path) -> None:
    # The local vault makes its files read-only (WORM); a demo run may remove them.
    for p in path.rglob("*"):
        if not p.is_symlink():
            p.chmod(0o700 if p.is_dir() else 0o600)
    shutil.rmtree(path)


def run_demo(config_path: str, env: Mapping[str, str]) -> int:
    """Run the demo and print what it found; returns the exit status."""
    cfg = load_config(config_path)
    events_path = Path(cfg.input.path)
    if not events_path.exists():
        print(f"generating demo data under {events_path.parent}/ …")
        data = write_demo_data(events_path.parent)
        print(f"  {data.sessions} sessions, {data.events} records, {data.attachments} images")
    out = _clean(cfg)
    labels = events_path.parent / "labels.jsonl"
    started = time.monotonic()
    run_replay(cfg, out, labels=str(labels) if labels.exists() else None)
    elapsed = time.monotonic() - started
    _summarise(cfg, out, labels, elapsed, env)
    _sign_demo_roles(cfg, env)
    return 0


def _sign_demo_roles(cfg: TiplineConfig, env: Mapping[str, str]) -> None:
    """Sign the config's operators into the demo's dev vault, so its cases can be worked.

    Only for a vault protected by dev keys (the demo's own); a real deployment
    signs its policy with ``tipline roles sign``. Identity is ``env``: the caller
    is ``--operator``/``--reviewer`` or ``$TIPLINE_OPERATOR``.
    """
    if not cfg.evidence.enabled or not cfg.evidence.access.operators:
        return
    service = build_evidence_service(cfg.evidence, env=env)
    if not service.keys.dev or service.vault.list_keys("admin/roles/"):
        return
    service.sign_roles(cfg.evidence.access.operators, identity="env", now=SYSTEM_CLOCK.now())
    names = ", ".join(sorted(cfg.evidence.access.operators))
    print(f"  demo roles     signed into the dev vault for {names} (identity env)")


def _summarise(
    cfg: TiplineConfig, out: Path, labels: Path, elapsed: float, env: Mapping[str, str]
) -> None:
    decisions = read_decisions(out / "decisions.jsonl")
    events = count_lines(jsonl_files(cfg.input.path))
    dead = count_lines([Path(cfg.dead_letters.path) / "dead-letters.jsonl"])
    alerts = count_lines([Path(cfg.alerts.path) / "alerts.jsonl"])
    kinds = Counter(d.decision for d in decisions)
    packages = (
        len(build_evidence_service(cfg.evidence, env=env).list_packages())
        if cfg.evidence.enabled
        else 0
    )
    drafts = (
        sum(1 for _ in Path(cfg.reports.path).glob("*/draft.json")) if cfg.reports.enabled else 0
    )
    cases = sum(1 for _ in Path(cfg.reports.cases_dir()).glob("*/case.json"))
    print(f"\ntipline demo — {events} records in {elapsed:.1f} s")
    print(
        f"  decisions      {len(decisions):>6}  (none {kinds['none']}, review {kinds['review']}, "
        f"report {kinds['report']})"
    )
    print(f"  dead letters   {dead:>6}")
    print(f"  alerts         {alerts:>6}  (each after its evidence package was stored)")
    print(f"  evidence pkgs  {packages:>6}")
    print(f"  report drafts  {drafts:>6}")
    print(f"  review cases   {cases:>6}  (one per package; tipline cases list)")
    ok = "holds" if len(decisions) + dead == events else "BROKEN"
    print(
        f"  invariant      inputs {events} == decisions {len(decisions)}"
        f" + dead letters {dead}: {ok}"
    )
    if labels.exists():
        truth = read_labels(labels)
        sessions, attachments = truth.sessions, truth.attachments
        m = backtest_metrics(decisions, sessions, attachments, events=events, dead_lettered=dead)
        (out / "metrics.json").write_text(json.dumps(m, indent=2) + "\n", encoding="utf-8")
        s, a = m["session"], m["attachment"]
        assert isinstance(s, dict) and isinstance(a, dict)
        print(
            f"  sessions       precision {s['precision']:.2f}  recall {s['recall']:.2f}  "
            f"F0.5 {s['f05']:.2f}  median msgs to detection {s['median_messages_to_detection']}"
        )
        print(f"  attachments    precision {a['precision']:.2f}  recall {a['recall']:.2f}")
    print("\noutputs:")
    print(f"  audit lake     {cfg.lake.path}/   (tipline audit query)")
    print(f"  decisions      {out / 'decisions.jsonl'}")
    print(f"  dead letters   {cfg.dead_letters.path}/dead-letters.jsonl")
    print(f"  alerts         {cfg.alerts.path}/alerts.jsonl")
    print(f"  evidence vault {cfg.evidence.path}/   (tipline evidence list / verify --all)")
    print(f"  report drafts  {cfg.reports.path}/   (tipline reports list)")
    print(f"  review cases   {cfg.reports.cases_dir()}/   (tipline cases list)")
