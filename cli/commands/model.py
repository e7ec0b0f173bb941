r"""``tipline model train``: build the cue recogniser from annotated corpora.

    tipline model train [--corpus corpora/author-a --corpus corpora/synth ...] \\
                        [--config config/default.toml] [--out models/]

Without ``--corpus`` it trains on every corpus folder under ``corpora/`` (the
shipped model: each independent author's corpus and the synthetic one, in
name order).

Writes ``models/cues-<version>.npz`` and its manifest ``cues-<version>.json``
and prints the lines to put in ``[grooming.model]`` (``path``, ``sha256`` and
``threshold_shift``) and the ``[decision] review_score``, both chosen out of
corpus (each training corpus scored with the model trained without it, best
F0.5; the shift among ``shift_choices``).
Deterministic: the same corpora and config give the same bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tipline.operators.grooming.corpus import fit_session_aggregator, out_of_corpus_choice
from tipline.operators.grooming.scorer import compile_scorer
from tipline.operators.grooming.training import TrainParams, train_folds, with_aggregator
from tipline.schemas.config import load_config
from tipline.services.corpus import read_corpus
from tipline.services.cue_model import write_cue_model
from tipline.synth.corpus import CUE_VOCABULARY

DEFAULT_CONFIG = "config/default.toml"


def all_corpora(root: Path) -> list[Path]:
    """Every corpus folder under ``root`` (one with ``labels.jsonl``), in name order."""
    return sorted(d for d in root.iterdir() if (d / "labels.jsonl").is_file())


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``model train``."""
    p = sub.add_parser("model", help="build the grooming cue recogniser")
    model_sub = p.add_subparsers(dest="model_command", required=True, metavar="ACTION")
    t = model_sub.add_parser("train", help="train from annotated corpora (one folder each)")
    t.add_argument(
        "--corpus", action="append", help="corpus folder (repeat; default: every one in corpora/)"
    )
    t.add_argument("--config", default=DEFAULT_CONFIG, help="config (normalisation, patterns)")
    t.add_argument("--out", default="models", help="artifact path or folder (default models/)")
    t.set_defaults(func=run_train)


def run_train(args: argparse.Namespace) -> int:
    """Train, write the artifact and manifest, print the config lines."""
    cfg = load_config(args.config)
    corpora = [read_corpus(d) for d in args.corpus or all_corpora(Path("corpora"))]
    scorer = compile_scorer(cfg.grooming, cfg.decision)
    params = TrainParams()
    model, inner = train_folds(corpora, scorer, CUE_VOCABULARY, params)
    shift = cfg.grooming.model.threshold_shift
    if cfg.grooming.model.aggregate:
        agg, review, inner_f = fit_session_aggregator(cfg.grooming, cfg.decision, corpora, inner)
        model = with_aggregator(model, agg)
    else:
        choice = out_of_corpus_choice(cfg.grooming, cfg.decision, corpora, inner)
        shift, review, inner_f = choice.threshold_shift, choice.review_score, choice.f05
    path, digest = write_cue_model(
        model,
        Path(args.out),
        corpora={c.name: c.sums_sha256 for c in corpora},
        params=params,
        review_score=(review, inner_f),
        threshold_shift=shift,
    )
    print(f"{path}: version {model.version}, {len(model.vocab)} features")
    print("[grooming.model]")
    print(f'path = "{path}"')
    print(f'sha256 = "{digest}"')
    print(f"threshold_shift = {shift}")
    print(f"[decision]\nreview_score = {review}  # best out-of-corpus F0.5 {inner_f:.3f}")
    return 0
