"""The learned cue recogniser: message features and a linear model per cue.

Features of one message (:func:`featurise`), all binary and L2-normalised:

* word unigrams and bigrams of the normalised text (abbreviations expanded,
  leetspeak and emoji undone by :mod:`tipline.operators.grooming.normalise`);
* character 3-5-grams inside word boundaries (``" sec"``, ``"ecre"`` …), which
  carry misspellings and inflections ("secretly", "sekret");
* a light stem of each word (plural, ``-ing``, ``-ed``);
* generic negation scope: the five words after ``not``/``never``/``no``/
  ``nobody`` … also appear as ``¬word`` ("can't tell", "no one else needs to
  know" and "never tell" share ``¬tell`` / ``¬know``);
* open-class slots: money amounts, app names, kin terms, numbers (and
  whether a number is a plausible child's or adult's age);
* the configured phrase patterns that matched (``re:secrecy`` …), kept as
  high-precision features.

The model (:class:`CueModel`) holds a vocabulary (feature → row), a weight
matrix with one column per cue plus one "the sender is an adult" column, and
a small context layer: each cue's logit is adjusted by the own-message
probabilities of the previous message of the other party and of the same
sender, so replies ("13 lol", "why") and messages split over several lines
count. Thresholds are per cue and come with the artifact.

Invariants:
    * Pure: the artifact is parsed from bytes by :func:`model_from_npz`; no
      file, network or clock access here.
    * Deterministic: features are a set, sorted before lookup; float32
      weights; the same text and context give the same cues.
    * Nothing returned contains text: row indexes, logits and cue names.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

FORMAT: Final = "tipline.cue_model/1"
ADULT: Final = "sender_adult"
NEGATORS: Final = frozenset(
    {"not", "no", "never", "nobody", "nothing", "none", "nor", "neither", "noone", "without"}
)
APPS: Final = frozenset(
    {
        "snap", "snapchat", "whatsapp", "kik", "telegram", "discord", "instagram", "insta", "ig",
        "signal", "wickr", "skype", "facetime", "tiktok", "wechat", "viber", "messenger", "line",
        "session", "threema", "twitter", "facebook", "fb", "zoom", "roblox", "steam", "xbox",
        "psn", "minecraft", "fortnite", "teams", "imessage", "dm", "dms", "omegle", "reddit",
    }
)  # fmt: skip
KIN: Final = frozenset(
    {
        "mom", "mum", "mother", "dad", "father", "parents", "parent", "grandma", "grandpa",
        "granny", "gran", "nana", "nan", "papa", "grandad", "granddad", "grandmother",
        "grandfather", "aunt", "auntie", "aunty", "uncle", "cousin", "sister", "brother", "sis",
        "bro", "stepmom", "stepdad", "stepmum", "niece", "nephew", "son", "daughter", "sibling",
        "siblings", "family", "grandkid", "grandson", "granddaughter", "mommy", "daddy", "ma",
        "pa", "pop", "mama",
    }
)  # fmt: skip
_MONEY: Final = re.compile(
    r"[$£€]\s?\d|\d\s?(?:\$|£|€|bucks|dollars?|quid|euros?|pounds|usd|gbp)\b"
    r"|\b\d+k?\s?(?:robux|vbucks|v bucks|coins|gems)\b",
    re.IGNORECASE,
)
# every money amount has a digit: most texts have none, and this scan is cheaper than _MONEY's
_DIGIT: Final = re.compile(r"\d")
_WORD_NUMBER: Final = re.compile(r"^\d{1,3}$")
_NEGATION_SCOPE: Final = 5


def _stem(token: str) -> str:
    """Return a light English stem (no data needed): -ies/-ing/-ed/-s."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if len(token) > len(suffix) + 2 and token.endswith(suffix):
            return token[: -len(suffix)]
    return token


def feature_names(norm: str, raw: str, regex_names: tuple[str, ...]) -> set[str]:
    """Return the feature strings of one message (see the module docstring).

    Args:
        norm: the normalised text.
        raw: the original text (only for money amounts, whose symbols normalising drops).
        regex_names: names of the configured categories whose patterns matched.

    Returns:
        The message's features (a set: binary features).

    """
    feats: set[str] = {"r|" + n for n in regex_names}
    tokens = norm.split()
    if not tokens:
        feats.add("s|empty")
    if raw and _DIGIT.search(raw) and _MONEY.search(raw):
        feats.add("s|money")
    feats.update(_context_features(tokens))
    for tok in set(tokens):
        feats.update(_token_features(tok))
    return feats


def _context_features(tokens: list[str]) -> list[str]:
    """Features that depend on neighbouring tokens: bigrams, negation scope, length."""
    out = []
    prev = "<s>"
    neg = 0
    for tok in tokens:
        out.append(f"b|{prev} {tok}")
        if neg:
            out.append("n|" + tok)
            neg -= 1
        if tok in NEGATORS:
            neg = _NEGATION_SCOPE
        prev = tok
    out.append(f"b|{prev} </s>")
    if len(tokens) <= 2:
        out.append("s|short")
    return out


def _token_features(tok: str) -> set[str]:
    """Features that depend on one token alone: the word, its stem, slots, char n-grams.

    A set: features are binary, and :func:`message_rows` sorts the rows at the end.
    """
    feats: set[str] = {"w|" + tok}
    stem = _stem(tok)
    if stem != tok:
        feats.add("w|" + stem)
    _slots(tok, feats)
    padded = " " + tok + " "
    last = len(padded)
    for n in (3, 4, 5):
        for i in range(last - n + 1):
            feats.add("c|" + padded[i : i + n])
    return feats


def _slots(tok: str, feats: set[str]) -> None:
    """Add open-class slot features for one token."""
    if tok in APPS:
        feats.add("s|app")
    elif tok in KIN:
        feats.add("s|kin")
    elif _WORD_NUMBER.match(tok):
        value = int(tok)
        feats.add("s|num")
        if 8 <= value <= 17:
            feats.add("s|minor_age")
        elif 18 <= value <= 70:
            feats.add("s|adult_age")


@dataclass(frozen=True, slots=True)
class CueModel:
    """A trained recogniser (see the module docstring); build with :func:`model_from_npz`."""

    version: str
    cues: tuple[str, ...]
    vocab: dict[str, int]
    weights: FloatArray  # (V, K + 1): one column per cue, then the sender-adult column
    bias: FloatArray  # (K + 1,)
    context: FloatArray  # (K, 2K): logit adjustment from P(prev other), P(prev same)
    context_bias: FloatArray  # (K,)
    thresholds: FloatArray  # (K,) logits
    # learned session aggregator (feature weights then bias); empty = the hand-set formula
    aggregator: FloatArray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    # token -> its vocabulary rows (a bounded memo: the same rows as computing them)
    token_rows: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def n_cues(self) -> int:
        """How many cue columns the model has."""
        return len(self.cues)


def rows(model: CueModel, feats: set[str]) -> list[int]:
    """Vocabulary rows of a feature set, sorted (unknown features are dropped)."""
    vocab = model.vocab
    return sorted(i for f in feats if (i := vocab.get(f)) is not None)


_MEMO_TOKENS: Final = 50_000
# 1/sqrt(n) as float32 for the usual row counts: the same values, made once
_SCALES: Final = tuple(np.float32(1.0 / math.sqrt(n)) if n else np.float32(0) for n in range(1024))


def message_rows(model: CueModel, norm: str, raw: str, regex_names: tuple[str, ...]) -> list[int]:
    """``rows(model, feature_names(norm, raw, regex_names))``, fast: per-token rows are memoised."""
    vocab = model.vocab
    found: set[int] = set()
    tokens = norm.split()
    extra = ["r|" + n for n in regex_names]
    if not tokens:
        extra.append("s|empty")
    if raw and _DIGIT.search(raw) and _MONEY.search(raw):
        extra.append("s|money")
    extra.extend(_context_features(tokens))
    for f in extra:
        i = vocab.get(f)
        if i is not None:
            found.add(i)
    memo = model.token_rows
    for tok in tokens:
        cached = memo.get(tok)
        if cached is None:
            if len(memo) >= _MEMO_TOKENS:
                memo.clear()
            cached = memo[tok] = tuple(
                i for f in _token_features(tok) if (i := vocab.get(f)) is not None
            )
        found.update(cached)
    return sorted(found)


def own_logits(model: CueModel, idx: list[int]) -> FloatArray:
    """Logits of each cue and of "sender is an adult" from the message alone.

    Args:
        model: the recogniser.
        idx: the message's vocabulary rows (from :func:`message_rows`).

    Returns:
        Shape ``(K + 1,)``.

    """
    if not idx:
        return model.bias.copy()
    # take() on an index array gathers the same rows as weights[idx], a few µs sooner;
    # the sum runs over the rows in the same (sorted) order, so the bits are the same
    rows_ = model.weights.take(np.array(idx, dtype=np.intp), axis=0)
    out: FloatArray = np.add.reduce(rows_, axis=0)
    n = len(idx)
    out *= _SCALES[n] if n < len(_SCALES) else np.float32(1.0 / math.sqrt(n))
    out += model.bias
    return out


def sigmoid(x: FloatArray) -> FloatArray:
    """Return the logistic function (inputs are bounded logits)."""
    out: FloatArray = (1.0 / (1.0 + np.exp(-x))).astype(np.float32)
    return out


def full_logits(
    model: CueModel, own: FloatArray, prev_other: FloatArray | None, prev_same: FloatArray | None
) -> FloatArray:
    """Cue logits with the context of the previous turns.

    Args:
        model: the recogniser.
        own: this message's :func:`own_logits` (the first K entries are used).
        prev_other: cue *probabilities* of the previous message by another participant.
        prev_same: cue probabilities of the previous message by the same sender.

    Returns:
        Shape ``(K,)``.

    """
    k = model.n_cues
    out: FloatArray = own[:k] + model.context_bias
    if prev_other is not None:
        out += model.context[:, :k] @ prev_other
    if prev_same is not None:
        out += model.context[:, k:] @ prev_same
    return out


def fired(model: CueModel, logits: FloatArray) -> list[int]:
    """Indexes of the cues whose logit reaches its threshold."""
    return [int(i) for i in np.flatnonzero(logits >= model.thresholds)]


def model_to_npz(model: CueModel) -> bytes:
    """Serialise a model (no pickles: plain arrays, the vocabulary as a string array)."""
    order = sorted(model.vocab.items(), key=lambda kv: kv[1])
    # An empty aggregator is not written: the artifact of a model without one
    # keeps the same bytes (and sha256) whether or not the code knows aggregators.
    extra: dict[str, Any] = {}
    if model.aggregator.size:
        extra["aggregator"] = model.aggregator.astype(np.float32)
    buf = io.BytesIO()
    np.savez_compressed(
        buf,
        format=np.array(FORMAT),
        version=np.array(model.version),
        cues=np.array(model.cues),
        vocab=np.array([f for f, _ in order]),
        weights=model.weights.astype(np.float32),
        bias=model.bias.astype(np.float32),
        context=model.context.astype(np.float32),
        context_bias=model.context_bias.astype(np.float32),
        thresholds=model.thresholds.astype(np.float32),
        **extra,
    )
    return buf.getvalue()


def model_from_npz(data: bytes) -> CueModel:
    """Parse an artifact written by :func:`model_to_npz`.

    Raises:
        ValueError: not a cue-model artifact, or its arrays disagree in shape.

    """
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        if str(z["format"]) != FORMAT:
            msg = f"not a {FORMAT} artifact (format {str(z['format'])!r})"
            raise ValueError(msg)
        cues = tuple(str(c) for c in z["cues"])
        vocab = {str(f): i for i, f in enumerate(z["vocab"])}
        weights = z["weights"].astype(np.float32)
        model = CueModel(
            version=str(z["version"]),
            cues=cues,
            vocab=vocab,
            weights=weights,
            bias=z["bias"].astype(np.float32),
            context=z["context"].astype(np.float32),
            context_bias=z["context_bias"].astype(np.float32),
            thresholds=z["thresholds"].astype(np.float32),
            aggregator=(
                z["aggregator"].astype(np.float32)
                if "aggregator" in z.files
                else np.zeros(0, dtype=np.float32)
            ),
        )
    k = len(cues)
    if weights.shape != (len(vocab), k + 1) or model.context.shape != (k, 2 * k):
        msg = f"cue model arrays disagree: weights {weights.shape}, {k} cues, {len(vocab)} features"
        raise ValueError(msg)
    return model
