r"""``tipline evaluate``: leave-one-corpus-out evaluation of grooming detection.

    tipline evaluate --corpus corpora/author-a --corpus corpora/author-b ... \\
                     [--synth corpora/synth] [--config config/default.toml] \\
                     [--previous-config config/grooming-previous.toml] [--out DIR] \\
                     [--jobs N]

For each ``--corpus`` in turn: train the cue recogniser on the *other*
corpora plus the synthetic one, choose the session review threshold on those
training corpora out of corpus (each scored by a model that did not see it),
score the held-out corpus through the
production scorer (:func:`~tipline.operators.grooming.corpus.run_session`, one state
per session, as the flow does), and report beside it the previous scorer
(patterns only, ``--previous-config``) and the keyword baseline. Prints the
table (the worst held-out corpus marked) and writes ``loco.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import msgspec

from tipline.operators.grooming.baseline import keyword_flag_at
from tipline.operators.grooming.corpus import (
    Corpus,
    fit_session_aggregator,
    out_of_corpus_choice,
    report,
    review_score_by,
    run_keyword_baseline,
    run_session,
    with_shift,
)
from tipline.operators.grooming.cues import CueModel
from tipline.operators.grooming.scorer import Scorer, compile_scorer
from tipline.operators.grooming.training import TrainParams, train_folds, with_aggregator
from tipline.schemas.config import TiplineConfig, load_config
from tipline.schemas.grooming import DecisionConfig
from tipline.services.corpus import read_corpus
from tipline.synth.corpus import CUE_VOCABULARY

DEFAULT_CONFIG = "config/default.toml"
PREVIOUS_CONFIG = "config/grooming-previous.toml"
SYSTEMS = ("tipline", "previous", "keyword")
REVIEW_CHOICES = ("pooled", "worst_corpus", "plateau")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``evaluate``."""
    p = sub.add_parser("evaluate", help="leave-one-corpus-out evaluation of grooming detection")
    p.add_argument("--corpus", action="append", required=True, help="held-out corpus (repeat)")
    p.add_argument("--synth", default="corpora/synth", help="always-training corpus ('' for none)")
    p.add_argument("--config", default=DEFAULT_CONFIG)
    p.add_argument("--previous-config", default=PREVIOUS_CONFIG, help="the scorer to compare")
    p.add_argument("--out", default="out/evaluate", help="folder for loco.json")
    p.add_argument("--jobs", type=int, default=1, help="folds run in parallel (processes)")
    p.set_defaults(func=run_evaluate)


def _runs(scorer: Scorer, corpus: Corpus) -> dict[str, Any]:
    return {s.session_id: run_session(scorer, s) for s in corpus.sessions}


def _with_review(decision: DecisionConfig, review: float) -> DecisionConfig:
    return msgspec.structs.replace(
        decision, review_score=review, report_score=max(review, decision.report_score)
    )


def _held_out_at(
    cfg: TiplineConfig, model: CueModel, held: Corpus, review: float, inner_f: float
) -> dict[str, Any]:
    """Session figures on the held-out corpus at one review threshold (to compare choices)."""
    scorer = compile_scorer(cfg.grooming, _with_review(cfg.decision, review), model)
    figures = report(held, _runs(scorer, held), cues=False)
    return {"review_score": review, "inner_f05": inner_f, **figures}


def _fold(
    corpora: list[Corpus],
    synth: Corpus | None,
    k: int,
    config: str,
    *,
    previous_config: str,
    params: TrainParams | None,
) -> dict[str, Any]:
    """Train without corpus ``k``, choose the review threshold out of corpus, score ``k``."""
    held = corpora[k]
    cfg, prev = load_config(config), load_config(previous_config)
    base = compile_scorer(cfg.grooming, cfg.decision)
    training = [c for c in corpora if c is not held] + ([synth] if synth else [])
    print(f"held out {held.name}: training on {[c.name for c in training]}", file=sys.stderr)
    model, inner = train_folds(training, base, CUE_VOCABULARY, params or TrainParams())
    choices: dict[str, Any] = {}
    if cfg.grooming.model.aggregate:
        agg, review, inner_f = fit_session_aggregator(cfg.grooming, cfg.decision, training, inner)
        model = with_aggregator(model, agg)
    else:
        chosen = out_of_corpus_choice(cfg.grooming, cfg.decision, training, inner)
        cfg = msgspec.structs.replace(
            cfg, grooming=with_shift(cfg.grooming, chosen.threshold_shift)
        )
        review, inner_f = chosen.review_score, chosen.f05
        hold = cfg.grooming.family.hold_messages if cfg.grooming.family.enabled else 0
        by_corpus = chosen.trajectories
        choices = {
            choice: _held_out_at(cfg, model, held, *review_score_by(choice, by_corpus, hold))
            for choice in REVIEW_CHOICES
            if by_corpus
        }
    scorer = compile_scorer(cfg.grooming, _with_review(cfg.decision, review), model)
    previous = compile_scorer(prev.grooming, prev.decision)
    keyword = {s.session_id: run_keyword_baseline(s, keyword_flag_at) for s in held.sessions}
    return {
        "trained_on": [c.name for c in training],
        "model_version": model.version,
        "review_score": review,
        "review_score_inner_f05": inner_f,
        "threshold_shift": cfg.grooming.model.threshold_shift,
        "review_choice": cfg.grooming.model.review_choice,
        "review_choices": choices,
        "tipline": report(held, _runs(scorer, held)),
        "previous": report(held, _runs(previous, held)),
        "keyword": report(held, keyword, cues=False),
    }


def evaluate_loco(
    corpora: list[Corpus],
    synth: Corpus | None,
    config: str,
    previous_config: str,
    *,
    params: TrainParams | None = None,
    jobs: int = 1,
) -> dict[str, Any]:
    """Leave-one-corpus-out figures for the new scorer, the previous one and the baseline.

    ``jobs`` > 1 runs the folds in that many processes; each fold is
    deterministic on its own, so the figures do not depend on it.
    """
    kw: dict[str, Any] = {"previous_config": previous_config, "params": params}
    if jobs > 1:
        with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
            futures = [
                pool.submit(_fold, corpora, synth, k, config, **kw) for k in range(len(corpora))
            ]
            folds = [f.result() for f in futures]
    else:
        folds = [_fold(corpora, synth, k, config, **kw) for k in range(len(corpora))]
    out: dict[str, Any] = {"corpora": {c.name: f for c, f in zip(corpora, folds, strict=True)}}
    names = list(out["corpora"])
    out["worst"] = min(names, key=lambda n: out["corpora"][n]["tipline"]["f05"]) if names else None
    return out


def _fmt(v: object, digits: int = 2) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def _relation_line(relations: dict[str, Any]) -> str:
    """One line on the age relation read against the annotated true ages."""
    every, negatives = relations["all"], relations["hard_negatives"]
    return (
        f"age relation right in {_fmt(every['accuracy'])} of {every['n']} sessions "
        f"(grooming {_fmt(relations['grooming']['accuracy'])}); hard negatives wrongly read "
        f"adult-minor: {negatives['wrongly_adult_minor']} of {negatives['n']}"
    )


def format_table(result: dict[str, Any]) -> str:
    """Format the printed table: session figures, then per-style, per-negative-kind and per-cue."""
    lines = [
        f"{'held-out':<14}{'system':<10}{'F0.5':>6}{'P':>6}{'R':>6}{'msgs':>6}{'hn-FA':>7}"
        f"{'min style R':>13}"
    ]
    for name, row in result["corpora"].items():
        mark = " *worst*" if name == result.get("worst") else ""
        for system in SYSTEMS:
            r = row[system]
            styles = r["style_recall"]
            low = min(styles.items(), key=lambda kv: kv[1]["recall"]) if styles else None
            low_s = f"{low[1]['recall']:.2f} {low[0]}" if low else "-"
            lines.append(
                f"{name if system == 'tipline' else '':<14}{system:<10}{_fmt(r['f05']):>6}"
                f"{_fmt(r['precision']):>6}{_fmt(r['recall']):>6}"
                f"{_fmt(r['median_messages_to_detection'], 1):>6}{_fmt(r['false_alert_rate']):>7}"
                f"  {low_s}{mark if system == 'tipline' else ''}"
            )
    for name, row in result["corpora"].items():
        lines.append(
            f"\n{name}: chosen on the training authors' out-of-corpus scores: review_score "
            f"{_fmt(row['review_score'])}, threshold_shift {_fmt(row.get('threshold_shift'))}"
        )
        relations = row["tipline"].get("relations")
        if relations:
            lines.append(f"{name}: {_relation_line(relations)}")
        lines.append(f"{name}: recall per style (tipline / previous / keyword)")
        for style, v in row["tipline"]["style_recall"].items():
            pv = row["previous"]["style_recall"][style]["recall"]
            kv = row["keyword"]["style_recall"][style]["recall"]
            lines.append(f"  {style:<20}{v['recall']:>6.2f}{pv:>6.2f}{kv:>6.2f}   n={v['n']}")
        lines.append(f"{name}: false alerts per negative kind (tipline / previous / keyword)")
        for kind, v in row["tipline"]["negative_false_alerts"].items():
            pv = row["previous"]["negative_false_alerts"][kind]["rate"]
            kv = row["keyword"]["negative_false_alerts"][kind]["rate"]
            lines.append(f"  {kind:<20}{v['rate']:>6.2f}{pv:>6.2f}{kv:>6.2f}   n={v['n']}")
        lines.append(f"{name}: cue recognition, message level (tipline R/P | previous R/P)")
        for cue, v in row["tipline"]["cues"].items():
            pv = row["previous"]["cues"].get(cue, {})
            lines.append(
                f"  {cue:<20}{_fmt(v['recall']):>6}{_fmt(v['precision']):>6} |"
                f"{_fmt(pv.get('recall')):>6}{_fmt(pv.get('precision')):>6}   n={v['annotated']}"
            )
    return "\n".join(lines)


def markdown_table(result: dict[str, Any]) -> str:
    """Format the session-level LOCO table as Markdown (for docs/grooming.md)."""
    lines = [
        "| held-out corpus | system | F0.5 | precision | recall | median msgs to detection "
        "| hard-negative false alerts | lowest style recall |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in result["corpora"].items():
        for system in SYSTEMS:
            r = row[system]
            styles = r["style_recall"]
            low = min(styles.items(), key=lambda kv: kv[1]["recall"]) if styles else None
            low_s = f"{low[1]['recall']:.2f} {low[0]}" if low else "-"
            worst = " (worst)" if name == result.get("worst") and system == "tipline" else ""
            f05 = f"**{_fmt(r['f05'])}**" if system == "tipline" else _fmt(r["f05"])
            lines.append(
                f"| {name}{worst} | {system} | {f05} | {_fmt(r['precision'])} | "
                f"{_fmt(r['recall'])} | {_fmt(r['median_messages_to_detection'], 1)} | "
                f"{_fmt(r['false_alert_rate'])} | {low_s} |"
            )
    return "\n".join(lines)


def run_evaluate(args: argparse.Namespace) -> int:
    """Run the evaluation, print the table, write ``loco.json``."""
    corpora = [read_corpus(d) for d in args.corpus]
    synth = read_corpus(args.synth) if args.synth else None
    result = evaluate_loco(corpora, synth, args.config, args.previous_config, jobs=args.jobs)
    print(format_table(result))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "loco.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (out / "loco.md").write_text(markdown_table(result) + "\n", encoding="utf-8")
    print(f"\nwrote {out / 'loco.json'}")
    return 0
