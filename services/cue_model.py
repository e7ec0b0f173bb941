"""The cue recogniser's artifact on disk: load and check it at start, write it with a manifest.

``[grooming.model]`` names the artifact (``path``) and its digest
(``sha256``). :func:`load_cue_model` reads it once when the flow (or a replay,
an evaluation, a benchmark) builds its scorer: a missing file, a digest that
differs or a file that is not a cue model fails at start with one
:class:`~tipline.schemas.errors.ConfigError` line naming the key. Nothing is fetched
at run time.

:func:`write_cue_model` writes ``models/cues-<version>.npz`` and beside it
``cues-<version>.json``: version, sha256, the training corpora with the
sha256 of their ``SHA256SUMS``, and the feature and training settings.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from tipline.operators.grooming.cues import CueModel, model_from_npz, model_to_npz
from tipline.operators.grooming.training import TrainParams
from tipline.schemas.errors import ConfigError
from tipline.schemas.grooming import GroomingConfig

REPO = Path(__file__).resolve().parents[1]
FEATURES = (
    "word 1-2 grams, light stems, char 3-5 grams inside word boundaries, negation scope (5 words),"
    " slots (money, app, kin, number, minor/adult age number), configured patterns; binary,"
    " L2-normalised; context: own-message probabilities of the previous other/same-sender turn"
)


def resolve(path: str) -> Path:
    """Resolve a config path: as given (absolute or from the working dir), else from the repo."""
    p = Path(path)
    if p.is_absolute() or p.exists():
        return p
    return REPO / p


def load_cue_model(cfg: GroomingConfig) -> CueModel | None:
    """Load and check the artifact ``[grooming.model]`` names (None when none is named).

    Raises:
        ConfigError: missing file, sha256 mismatch, or not a cue model.

    """
    m = cfg.model
    if not cfg.enabled or not m.path:
        return None
    path = resolve(m.path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        msg = f"grooming.model.path: {m.path!r} cannot be read ({exc.strerror})"
        raise ConfigError(msg) from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != m.sha256.lower():
        msg = f"grooming.model.sha256: {m.path!r} has sha256 {digest}, config says {m.sha256!r}"
        raise ConfigError(msg)
    try:
        return model_from_npz(data)
    except (ValueError, KeyError, OSError) as exc:
        msg = f"grooming.model.path: {m.path!r} is not a cue model ({exc})"
        raise ConfigError(msg) from exc


def write_cue_model(
    model: CueModel,
    out: Path,
    *,
    corpora: dict[str, str | None],
    params: TrainParams,
    review_score: tuple[float, float] | None = None,
    threshold_shift: float | None = None,
) -> tuple[Path, str]:
    """Write the artifact and its manifest; return the artifact path and its sha256.

    Args:
        model: the trained model.
        out: the artifact path, or a folder (then ``cues-<version>.npz`` in it).
        corpora: training corpus name -> sha256 of its ``SHA256SUMS`` (None if unfrozen).
        params: the training settings.
        review_score: the out-of-corpus review threshold and its F0.5, if chosen.
        threshold_shift: the ``[grooming.model] threshold_shift`` chosen with it, if any.

    """
    path = out / f"cues-{model.version}.npz" if out.is_dir() or not out.suffix else out
    path.parent.mkdir(parents=True, exist_ok=True)
    data = model_to_npz(model)
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    manifest = {
        "format": "tipline.cue_model/1",
        "version": model.version,
        "sha256": digest,
        "file": path.name,
        "cues": list(model.cues),
        "features": FEATURES,
        "vocabulary": len(model.vocab),
        "training_corpora": corpora,
        "training": asdict(params),
        "thresholds": {
            c: round(float(t), 4) for c, t in zip(model.cues, model.thresholds, strict=True)
        },
    }
    if review_score is not None:
        manifest["review_score"] = {"value": review_score[0], "out_of_corpus_f05": review_score[1]}
    if threshold_shift is not None:
        manifest["threshold_shift"] = threshold_shift
    path.with_suffix(".json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path, digest
