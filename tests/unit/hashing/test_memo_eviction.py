"""Near-miss retries and crop alignment after the attachment left the decoded-image memo.

The memo keeps the last two decoded images. An attachment whose hashes come
from the hash cache, but whose image was pushed out by two later decodes,
is decoded again from its bytes when a retry or an alignment needs its
pixels, and is matched exactly as the first time (mutation survivors of
issue #19: ``match_bytes`` handing the retries or the alignment no bytes).
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable

from tests.unit.hashing.list_rows import flip, loaded_list
from tests.unit.hashing.test_crop_align import _built_rows
from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.schemas.hashing import HashingConfig
from tipline.synth.images import encode, make_image, small_crop


def _push_out_of_the_memo(matcher: Matcher, jpeg: Callable[..., bytes]) -> None:
    for seed in (901, 902):  # two other decodes: the memo holds two images
        matcher.hash_bytes(jpeg(seed, width=96, height=72))


def test_a_retry_decodes_the_bytes_again_when_the_image_left_the_memo(
    jpeg: Callable[..., bytes],
) -> None:
    settings = settings_from_config(HashingConfig())
    matcher = Matcher(
        default_algorithms(),
        dataclasses.replace(settings, retry_max_distance=None, phash_retry_distance=None),
        8,
    )
    data = jpeg(5)
    matcher.match_bytes("a", "i", data, [])  # hashes cached, nothing to retry
    _, p = matcher.hash_bytes(data)
    pdq = next(c.value.hex() for c in p.computed if c.algorithm == "pdq")
    _push_out_of_the_memo(matcher, jpeg)
    near = loaded_list([f"pdq,{flip(pdq, 65)},k,e1,,,"])
    matcher.match_bytes("a", "i", data, [near])
    assert matcher.retries_computed == 1


def test_a_crop_is_aligned_again_when_its_image_left_the_memo(
    jpeg: Callable[..., bytes],
) -> None:
    original = encode(make_image(16006, 640, 480, "noise"), "JPEG", 90)
    query = small_crop(original, random.Random("16/g-noise-16006/crop/0"))
    known = loaded_list(_built_rows(original))
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), 16)
    first = matcher.match_bytes("q", "i", query, [known])
    assert "retry:align" in first.matches[0].signals
    _push_out_of_the_memo(matcher, jpeg)  # hashes and retries stay cached
    again = matcher.match_bytes("q", "i", query, [known])
    assert again.matches == first.matches
    assert matcher.alignments_computed == 2
