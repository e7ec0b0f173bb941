"""Hash matching of attachments: plug-in algorithms, exact indexes, the matcher.

Public API (the flow uses :class:`Matcher` through ``tipline.services.hashing``):

* :class:`HashAlgorithm` / :class:`HashIndex` — the plug-in protocol;
  :func:`default_algorithms` gives sha256, sha1, md5, pdq and phash.
* :class:`MediaFetcher` — the injected fetch interface.
* :func:`parse_hash_list`, :func:`build_loaded_list` — lists → indexes.
* :class:`Matcher`, :func:`settings_from_config` — attachment → verdict.
"""

from __future__ import annotations

from tipline.operators.hashing.algorithm import (
    Computed,
    HashAlgorithm,
    HashIndex,
    IndexHit,
    MediaInput,
    hash_from_hex,
)
from tipline.operators.hashing.catalog import LoadedList, build_loaded_list
from tipline.operators.hashing.decode import decode_image
from tipline.operators.hashing.exact import EXACT_ALGORITHMS, ExactAlgorithm, ExactIndex
from tipline.operators.hashing.fetch import MediaFetcher
from tipline.operators.hashing.hamming import HammingIndex
from tipline.operators.hashing.hashlist import HashListIssue, ParsedList, parse_hash_list
from tipline.operators.hashing.matcher import (
    Matcher,
    MatchSettings,
    Thresholds,
    settings_from_config,
)
from tipline.operators.hashing.pdq import PdqAlgorithm
from tipline.operators.hashing.phash import PhashAlgorithm


def default_algorithms() -> tuple[HashAlgorithm, ...]:
    """Return the built-in algorithms: the exact digests first, then PDQ and pHash."""
    return (*(ExactAlgorithm(n) for n in EXACT_ALGORITHMS), PdqAlgorithm(), PhashAlgorithm())


__all__ = [
    "Computed",
    "ExactAlgorithm",
    "ExactIndex",
    "HammingIndex",
    "HashAlgorithm",
    "HashIndex",
    "HashListIssue",
    "IndexHit",
    "LoadedList",
    "MatchSettings",
    "Matcher",
    "MediaFetcher",
    "MediaInput",
    "ParsedList",
    "PdqAlgorithm",
    "PhashAlgorithm",
    "Thresholds",
    "build_loaded_list",
    "decode_image",
    "default_algorithms",
    "hash_from_hex",
    "parse_hash_list",
    "settings_from_config",
]
