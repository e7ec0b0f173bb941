"""Corpora on disk and the leave-one-corpus-out evaluation (small fixtures)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import msgspec
import pytest

from tests.unit.grooming.conftest import REPO
from tipline.cli.commands.evaluate import evaluate_loco, format_table
from tipline.cli.commands.model import all_corpora
from tipline.operators.grooming import Scorer
from tipline.operators.grooming.corpus import (
    Corpus,
    CorpusSession,
    OutOfCorpusChoice,
    Participant,
    SessionRun,
    cue_figures,
    cue_sessions,
    errors,
    out_of_corpus_choice,
    relation_figures,
    report,
    run_session,
    true_relation,
    with_shift,
)
from tipline.operators.grooming.training import TrainParams, train_folds
from tipline.schemas.config import TiplineConfig, load_config
from tipline.schemas.errors import InputError
from tipline.services.corpus import read_corpus, write_synth_corpus
from tipline.synth.corpus import CUE_VOCABULARY


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("corpora")
    return [write_synth_corpus(root / n, seed=s, sessions=24) for n, s in (("a", 1), ("b", 2))]


def test_a_corpus_is_verified_against_its_sums(corpora: list[Path], tmp_path: Path) -> None:
    corpus = read_corpus(corpora[0])
    assert corpus.sums_sha256 is not None
    assert len(corpus.sessions) == 24
    assert all(s.events for s in corpus.sessions)
    changed = tmp_path / "changed"
    changed.mkdir()
    for f in corpora[0].iterdir():
        (changed / f.name).write_bytes(f.read_bytes())
    with (changed / "labels.jsonl").open("a") as fh:
        fh.write('{"kind": "session", "session_id": "x", "positive": true}\n')
    with pytest.raises(InputError, match="SHA256SUMS"):
        read_corpus(changed)


def test_report_counts_sessions_styles_kinds_and_cues(scorer: Scorer, corpora: list[Path]) -> None:
    corpus = read_corpus(corpora[0])
    runs = {s.session_id: run_session(scorer, s) for s in corpus.sessions}
    r = report(corpus, runs)
    assert r["tp"] + r["fp"] + r["fn"] + r["tn"] == 24  # type: ignore[operator]
    styles = r["style_recall"]
    assert sum(v["n"] for v in styles.values()) == sum(s.positive for s in corpus.sessions)  # type: ignore[attr-defined]
    # a detector that fires nothing has recall 0 on every annotated cue
    silent = {s.session_id: SessionRun(s.session_id, None) for s in corpus.sessions}
    assert all(v["recall"] in (0.0, None) for v in cue_figures(corpus, silent).values())
    missed = errors(corpus, silent)["false_negatives"]
    assert set(missed) == {s.session_id for s in corpus.sessions if s.positive}
    assert r["cue_sessions"]["sessions"]["caught"] == r["tp"]  # type: ignore[index]
    relations = r["relations"]
    assert relations["all"]["n"] == sum(true_relation(s) is not None for s in corpus.sessions)  # type: ignore[index]


def test_cue_sessions_count_each_cue_once_per_session_by_outcome(corpora: list[Path]) -> None:
    base = read_corpus(corpora[0]).sessions[0]
    groom = replace(base, positive=True, style="subtle", negative_kind=None)
    other = replace(base, positive=False, style=None, negative_kind="family")
    sessions = [replace(groom, session_id=f"g{i}") for i in range(3)]
    sessions += [replace(other, session_id=f"n{i}") for i in range(2)]
    fired = {"m1": ("secrecy", "family_context"), "m2": ("secrecy",)}  # secrecy twice: one session
    runs = {
        "g0": SessionRun("g0", 4, fired),  # caught
        "g1": SessionRun("g1", None, {"m1": ("family_context",)}),  # missed
        "g2": SessionRun("g2", None, {}),  # missed, nothing fired
        "n0": SessionRun("n0", 2, {"m1": ("family_context",)}),  # false alert
        "n1": SessionRun("n1", None, {"m1": ("family_context",), "m2": ("gifts",)}),  # quiet
    }
    figures = cue_sessions(Corpus("x", None, sessions), runs)
    assert figures["sessions"] == {"caught": 1, "missed": 2, "false_alert": 1, "quiet": 1}
    assert figures["secrecy"] == {"caught": 1, "missed": 0, "false_alert": 0, "quiet": 0}
    assert figures["family_context"] == {"caught": 1, "missed": 1, "false_alert": 1, "quiet": 1}
    assert figures["gifts"] == {"caught": 0, "missed": 0, "false_alert": 0, "quiet": 1}
    assert list(figures) == ["sessions", "family_context", "gifts", "secrecy"]


def _with_ages(session: CorpusSession, *ages: int) -> CorpusSession:
    people = [Participant(f"u{i}", age, "") for i, age in enumerate(ages)]
    return replace(session, participants=people)


def test_relation_figures_set_the_read_relation_against_true_ages(corpora: list[Path]) -> None:
    """Right, wrong and wrongly adult-minor, per group; older-minor-minor is minor-minor."""
    base = read_corpus(corpora[0]).sessions[0]
    groom = replace(base, session_id="g", positive=True, style="subtle", negative_kind=None)
    peers = replace(base, session_id="p", positive=False, style=None, negative_kind="peers")
    dating = replace(base, session_id="d", positive=False, style=None, negative_kind="adults")
    sessions = [
        _with_ages(replace(groom, session_id="g1"), 35, 13),
        _with_ages(replace(groom, session_id="g2"), 35, 13),
        _with_ages(replace(peers, session_id="p1"), 14, 13),
        _with_ages(replace(peers, session_id="p2"), 16, 11),
        _with_ages(replace(dating, session_id="d1"), 30, 28),
        _with_ages(replace(dating, session_id="d2"), 30),  # one known age: no relation
    ]
    read = {"g1": "adult-minor", "g2": "minor-minor", "p1": "adult-minor",
            "p2": "older-minor-minor", "d1": "adult-adult", "d2": "adult-minor"}  # fmt: skip
    runs = {k: SessionRun(k, None, relation=v) for k, v in read.items()}
    figures = relation_figures(Corpus("x", None, sessions), runs)
    assert list(figures) == ["all", "grooming", "hard_negatives", "by_kind"]
    assert figures["all"] == {"n": 5, "right": 3, "accuracy": 0.6, "wrongly_adult_minor": 1}
    assert figures["grooming"] == {"n": 2, "right": 1, "accuracy": 0.5, "wrongly_adult_minor": 0}
    negatives = {"n": 3, "right": 2, "accuracy": 2 / 3, "wrongly_adult_minor": 1}
    assert figures["hard_negatives"] == negatives
    assert figures["by_kind"] == {
        "adults": {"n": 1, "right": 1, "accuracy": 1.0, "wrongly_adult_minor": 0},
        "peers": {"n": 2, "right": 1, "accuracy": 0.5, "wrongly_adult_minor": 1},
    }
    assert true_relation(sessions[5]) is None
    # an annotated 18 is an adult, 17 a minor
    assert true_relation(_with_ages(base, 18, 17)) == "adult-minor"
    assert true_relation(_with_ages(base, 18, 18)) == "adult-adult"
    assert true_relation(_with_ages(base, 17, 12)) == "minor-minor"


def test_leave_one_corpus_out_table(corpora: list[Path], tmp_path: Path) -> None:
    loaded = [read_corpus(p) for p in corpora]
    synth = read_corpus(write_synth_corpus(tmp_path / "synth", seed=3, sessions=16))
    result = evaluate_loco(
        loaded,
        synth,
        str(REPO / "config/default.toml"),
        str(REPO / "config/grooming-previous.toml"),
        params=TrainParams(max_iter=15),
    )
    assert set(result["corpora"]) == {"a", "b"}
    shifts = load_config(REPO / "config/default.toml").grooming.model.shift_choices
    assert len(shifts) > 1
    assert result["corpora"]["a"]["trained_on"] == ["b", "synth"]
    for row in result["corpora"].values():
        assert {"tipline", "previous", "keyword"} <= set(row)
        assert "cues" in row["tipline"]
    assert result["worst"] in {"a", "b"}
    table = format_table(result)
    assert "*worst*" in table
    for name, row in result["corpora"].items():
        review, shift = row["review_score"], row["threshold_shift"]
        chosen = f"review_score {review:.2f}, threshold_shift {shift:.2f}"
        assert f"{name}: chosen on the training authors' out-of-corpus scores: {chosen}" in table
        relations = row["tipline"]["relations"]["all"]
        assert (
            f"{name}: age relation right in {relations['accuracy']:.2f} of {relations['n']}"
            in table
        )
    for row in result["corpora"].values():
        assert row["threshold_shift"] in shifts  # one of the default config's candidates
        assert set(row["review_choices"]) == {"pooled", "worst_corpus", "plateau"}
        plateau, pooled = row["review_choices"]["plateau"], row["review_choices"]["pooled"]
        assert plateau["review_score"] <= pooled["review_score"]
        assert plateau["inner_f05"] >= pooled["inner_f05"] - 0.01 - 1e-9
        chosen = row["review_choices"][row["review_choice"]]
        assert chosen["review_score"] == row["review_score"]
        assert chosen["f05"] == row["tipline"]["f05"]
    parallel = evaluate_loco(
        loaded,
        synth,
        str(REPO / "config/default.toml"),
        str(REPO / "config/grooming-previous.toml"),
        params=TrainParams(max_iter=15),
        jobs=2,
    )
    assert parallel == result


def test_review_score_is_chosen_for_the_best_f05() -> None:
    from tipline.operators.grooming.corpus import choose_review_score

    sessions = [
        (True, [0.1, 0.7, 0.9]),
        (True, [0.2, 0.62]),
        (False, [0.1, 0.55]),
        (False, [0.3, 0.3]),
    ]
    threshold, f = choose_review_score(sessions, hold=0)
    assert 0.55 < threshold <= 0.62
    assert f == pytest.approx(1.0)
    # nothing can be flagged before the hold
    threshold, f = choose_review_score([(True, [0.9, 0.1]), (False, [0.1, 0.1])], hold=2)
    assert f == 0.0


def test_model_train_defaults_to_every_corpus(corpora: list[Path], tmp_path: Path) -> None:
    """Without --corpus, the shipped model trains on every corpus folder, in name order."""
    (tmp_path / "notes").mkdir()
    for c in reversed(corpora):
        (tmp_path / c.name).symlink_to(c)
    assert [p.name for p in all_corpora(tmp_path)] == ["a", "b"]
    shipped = {p.name for p in all_corpora(REPO / "corpora")}
    assert {"author-a", "author-b", "author-c", "synth"} <= shipped


def test_worst_corpus_choice_holds_up_on_each_author() -> None:
    """The pooled best follows the larger author; the worst-corpus choice serves both."""
    from tipline.operators.grooming.corpus import choose_review_score, choose_review_score_worst

    # author 1 (many sessions) scores everything high; author 2 (few) scores low
    high = [(True, [0.9])] * 8 + [(False, [0.7])] * 8
    low = [(True, [0.6])] * 2 + [(False, [0.4])] * 2
    pooled, _ = choose_review_score(high + low, hold=0)
    worst, f = choose_review_score_worst([high, low], hold=0)
    assert pooled > 0.7  # separates the large author, misses every positive of the small one
    assert 0.4 < worst <= 0.6  # the small author's positives are caught ...
    assert f == pytest.approx(1.25 * 0.5 / (0.25 * 0.5 + 1))  # ... at precision 0.5 on the large


def test_threshold_shift_is_chosen_with_the_review_score_out_of_corpus(
    corpora: list[Path], config: TiplineConfig, scorer: Scorer
) -> None:
    """Each candidate shift is scored on unseen authors; the best F0.5 wins, ties the earlier."""
    loaded = [read_corpus(p) for p in corpora]
    _, inner = train_folds(loaded, scorer, CUE_VOCABULARY, TrainParams(max_iter=15))
    d = config.decision
    g = msgspec.structs.replace(
        config.grooming, model=msgspec.structs.replace(config.grooming.model, shift_choices=())
    )

    def chosen(*shifts: float) -> OutOfCorpusChoice:
        model = msgspec.structs.replace(g.model, shift_choices=shifts)
        return out_of_corpus_choice(msgspec.structs.replace(g, model=model), d, loaded, inner)

    candidates = (0.0, -2.0, 2.0, -0.5)
    alone = [chosen(s) for s in candidates]
    best = max(c.f05 for c in alone)
    both = chosen(*candidates)
    assert both.f05 == best
    assert both.threshold_shift == next(c.threshold_shift for c in alone if c.f05 == best)
    assert (both.review_score, both.trajectories) == next(
        (c.review_score, c.trajectories) for c in alone if c.f05 == best
    )
    # the shifts do change what is recognised (the choice is not vacuous)
    assert len({c.f05 for c in alone}) > 1
    # a tie keeps the earlier candidate
    assert chosen(2.0, 2.0 + 1e-12).threshold_shift == 2.0
    # no candidates: the configured shift, with the review score chosen at it
    plain = out_of_corpus_choice(with_shift(g, -0.5), d, loaded, inner)
    assert (plain.threshold_shift, plain.review_score) == (-0.5, alone[3].review_score)
    # "plateau" keeps the pooled rule's shift and takes the low end of its F0.5 top
    flat = msgspec.structs.replace(g.model, shift_choices=candidates, review_choice="plateau")
    low = out_of_corpus_choice(msgspec.structs.replace(g, model=flat), d, loaded, inner)
    assert low.threshold_shift == both.threshold_shift
    assert low.review_score <= both.review_score
    assert both.f05 - 0.01 - 1e-9 <= low.f05 <= both.f05
    # nothing to score on: the configured values, F0.5 unknown
    empty = out_of_corpus_choice(g, d, loaded, {})
    assert (empty.threshold_shift, empty.review_score) == (g.model.threshold_shift, d.review_score)
    assert empty.f05 != empty.f05  # NaN


def test_model_train_writes_and_prints_the_chosen_shift(
    corpora: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`model train` writes the chosen shift and review score to its manifest and prints them."""
    import argparse
    import json

    from tipline.cli.commands.model import run_train

    config = tmp_path / "shift.toml"
    config.write_text(
        f'extends = "{REPO / "config/default.toml"}"\n'
        "[grooming.model]\nshift_choices = [0.0, -0.5, -1.0]\n"
    )
    args = argparse.Namespace(corpus=[str(p) for p in corpora], config=str(config), out=tmp_path)
    assert run_train(args) == 0
    printed = capsys.readouterr().out
    manifest = json.loads(next(tmp_path.glob("cues-*.json")).read_text())
    assert manifest["threshold_shift"] in (0.0, -0.5, -1.0)
    assert f"threshold_shift = {manifest['threshold_shift']}" in printed
    assert f"review_score = {manifest['review_score']['value']}" in printed


def test_plateau_choice_takes_the_low_end_of_a_flat_top() -> None:
    """Within 0.01 of the best F0.5 the lowest threshold wins; a larger drop stops it."""
    from tipline.operators.grooming.corpus import (
        PLATEAU_TOLERANCE,
        choose_review_score,
        choose_review_score_plateau,
        review_score_by,
    )

    def f05(tp: int, fp: int, fn: int) -> float:
        p, r = tp / (tp + fp), tp / (tp + fn)
        return 1.25 * p * r / (0.25 * p + r)

    # 100 positives peak at 0.9 and 2 at 0.7; negatives peak at 0.8 and 0.5
    sessions = [(True, [0.9])] * 100 + [(True, [0.7])] * 2 + [(False, [0.8]), (False, [0.5])]
    best, f_best = choose_review_score(sessions, hold=0)
    assert 0.8 < best <= 0.9  # no false alert, two positives missed
    assert f_best == pytest.approx(f05(100, 0, 2))
    low, f_low = choose_review_score_plateau(sessions, hold=0)
    # one false alert, nothing missed: F0.5 0.0038 below the best, inside the tolerance;
    # at 0.5 and below the second negative costs 0.0114, outside it
    assert 0.5 < low <= 0.7
    assert f_low == pytest.approx(f05(102, 1, 0))
    assert f_best - PLATEAU_TOLERANCE < f_low < f_best
    assert f05(102, 2, 0) < f_best - PLATEAU_TOLERANCE
    assert review_score_by("plateau", [sessions], hold=0) == (low, f_low)
    assert review_score_by("pooled", [sessions], hold=0) == (best, f_best)
