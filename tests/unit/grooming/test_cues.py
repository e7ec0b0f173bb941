"""The cue recogniser: features, artifact round trip, deterministic training, start-up check."""

from __future__ import annotations

from pathlib import Path

import msgspec
import numpy as np
import pytest

from tipline.operators.grooming import Scorer
from tipline.operators.grooming.cues import feature_names, model_from_npz, model_to_npz
from tipline.operators.grooming.normalise import normalise
from tipline.operators.grooming.training import TrainParams, train
from tipline.schemas.config import TiplineConfig
from tipline.schemas.errors import ConfigError
from tipline.services.corpus import read_corpus, write_synth_corpus
from tipline.services.cue_model import load_cue_model, resolve, write_cue_model
from tipline.synth.corpus import CUE_VOCABULARY


def feats(scorer: Scorer, raw: str) -> set[str]:
    return feature_names(normalise(raw, scorer.normaliser), raw, ())


def test_negation_is_generic(scorer: Scorer) -> None:
    shared = {"n|tell"}
    assert shared <= feats(scorer, "you can't tell anyone about this")
    assert shared <= feats(scorer, "never tell ur mom")
    assert "n|know" in feats(scorer, "no one else needs to know")
    assert "n|know" in feats(scorer, "dont let anyone know")
    assert "n|tell" not in feats(scorer, "tell me about your day")


def test_open_class_slots(scorer: Scorer) -> None:
    assert "s|money" in feats(scorer, "ill send u $50")
    assert "s|money" in feats(scorer, "20 bucks for the skin")
    assert "s|app" in feats(scorer, "add me on telegram")
    assert "s|kin" in feats(scorer, "grandma says hi")
    assert {"s|num", "s|minor_age"} <= feats(scorer, "13 lol")
    assert "s|adult_age" in feats(scorer, "im 34")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synth_corpus(tmp_path_factory.mktemp("c") / "tiny", seed=5, sessions=40)


def test_training_is_deterministic_and_round_trips(scorer: Scorer, tiny: Path) -> None:
    corpus = read_corpus(tiny)
    params = TrainParams(max_iter=30)
    first = train([corpus], scorer, CUE_VOCABULARY, params)
    second = train([corpus], scorer, CUE_VOCABULARY, params)
    assert model_to_npz(first) == model_to_npz(second)
    back = model_from_npz(model_to_npz(first))
    assert back.vocab == first.vocab
    assert np.array_equal(back.weights, first.weights)
    assert back.cues == CUE_VOCABULARY


def test_artifact_is_checked_at_start(
    config: TiplineConfig, scorer: Scorer, tiny: Path, tmp_path: Path
) -> None:
    model = train([read_corpus(tiny)], scorer, CUE_VOCABULARY, TrainParams(max_iter=10))
    path, digest = write_cue_model(model, tmp_path, corpora={"tiny": None}, params=TrainParams())
    manifest = msgspec.json.decode(path.with_suffix(".json").read_bytes())
    assert manifest["sha256"] == digest
    assert manifest["training_corpora"] == {"tiny": None}
    rep = msgspec.structs.replace
    good = rep(config.grooming, model=rep(config.grooming.model, path=str(path), sha256=digest))
    assert load_cue_model(good) is not None
    bad = rep(good, model=rep(good.model, sha256="0" * 64))
    with pytest.raises(ConfigError, match=r"grooming\.model\.sha256") as err:
        load_cue_model(bad)
    assert "\n" not in str(err.value)
    missing = rep(good, model=rep(good.model, path=str(tmp_path / "nope.npz")))
    with pytest.raises(ConfigError, match=r"grooming\.model\.path"):
        load_cue_model(missing)


def test_the_default_config_names_a_model_that_loads(config: TiplineConfig) -> None:
    model = load_cue_model(config.grooming)
    assert model is not None
    assert model.cues == CUE_VOCABULARY


@pytest.mark.parametrize(
    "raw", ["dont tell ur mom", "ill send u $50 on snap", "13 lol", "", "ok ok ok", "never never"]
)
def test_fast_rows_equal_the_training_features(scorer: Scorer, raw: str) -> None:
    from tipline.operators.grooming.cues import message_rows, rows

    model = scorer.binding.model  # type: ignore[union-attr]
    norm = normalise(raw, scorer.normaliser)
    expected = rows(model, feature_names(norm, raw, ("secrecy",)))
    assert message_rows(model, norm, raw, ("secrecy",)) == expected
    assert message_rows(model, norm, raw, ("secrecy",)) == expected  # memoised the same


def test_shipped_artifact_rewrites_to_the_same_bytes(config: TiplineConfig) -> None:
    """Serialising the shipped model again gives its bytes: no array is added on a rewrite."""
    path = resolve(config.grooming.model.path)
    data = path.read_bytes()
    assert model_to_npz(model_from_npz(data)) == data


def test_shipped_manifest_matches_the_config(config: TiplineConfig) -> None:
    """The shipped model's manifest records the digest, review score and shift in config."""
    path = resolve(config.grooming.model.path)
    manifest = msgspec.json.decode(path.with_suffix(".json").read_bytes())
    assert manifest["sha256"] == config.grooming.model.sha256
    assert manifest["review_score"]["value"] == config.decision.review_score
    assert manifest.get("threshold_shift", 0.0) == config.grooming.model.threshold_shift
