"""The one contract every hash-algorithm plug-in passes (md5, sha1, sha256, pdq, phash).

A new algorithm (e.g. a licensed PhotoDNA plug-in) is added to ``ALGORITHMS``
and must pass the same class unchanged.
"""

from __future__ import annotations

import random

import pytest

from tipline.operators.hashing import (
    HashAlgorithm,
    MediaInput,
    decode_image,
    default_algorithms,
    hash_from_hex,
)
from tipline.schemas.errors import HashListError
from tipline.synth.images import encode, make_image

ALGORITHMS = {a.name: a for a in default_algorithms()}


def _media(seed: int) -> MediaInput:
    data = encode(make_image(seed, 320, 240, "scene"))
    return MediaInput(data=data, image=decode_image(data, 10_000_000))


@pytest.fixture(params=sorted(ALGORITHMS))
def algorithm(request: pytest.FixtureRequest) -> HashAlgorithm:
    return ALGORITHMS[request.param]


class TestHashAlgorithmContract:
    def test_name_is_lower_case_and_kind_known(self, algorithm: HashAlgorithm) -> None:
        assert algorithm.name == algorithm.name.lower()
        assert algorithm.kind in {"exact", "perceptual"}
        assert algorithm.size > 0

    def test_compute_is_deterministic_and_sized(self, algorithm: HashAlgorithm) -> None:
        a, b = algorithm.compute(_media(1)), algorithm.compute(_media(1))
        assert a is not None
        assert a == b
        assert a.algorithm == algorithm.name
        assert len(a.value) == algorithm.size
        assert a.variants
        assert all(len(v) == algorithm.size for _, v in a.variants)

    def test_different_images_hash_differently(self, algorithm: HashAlgorithm) -> None:
        a, b = algorithm.compute(_media(1)), algorithm.compute(_media(2))
        assert a is not None
        assert b is not None
        assert a.value != b.value

    def test_perceptual_needs_an_image_exact_does_not(self, algorithm: HashAlgorithm) -> None:
        result = algorithm.compute(MediaInput(data=b"not an image"))
        if algorithm.kind == "exact":
            assert result is not None
        else:
            assert result is None

    def test_distance_is_a_metric_on_samples(self, algorithm: HashAlgorithm) -> None:
        rng = random.Random(7)
        values = [rng.randbytes(algorithm.size) for _ in range(5)]
        for a in values:
            assert algorithm.distance(a, a) == 0
            for b in values:
                assert algorithm.distance(a, b) == algorithm.distance(b, a)
                assert algorithm.distance(a, b) >= 0

    def test_hex_round_trip_either_case(self, algorithm: HashAlgorithm) -> None:
        value = random.Random(3).randbytes(algorithm.size)
        assert hash_from_hex(algorithm, value.hex().upper()) == value
        assert hash_from_hex(algorithm, f" {value.hex()} ") == value

    @pytest.mark.parametrize("bad", ["", "zz", "0" * 7, "g" * 64])
    def test_bad_hex_is_rejected_with_the_value(self, algorithm: HashAlgorithm, bad: str) -> None:
        with pytest.raises(HashListError, match=f"not a {algorithm.name} hash"):
            hash_from_hex(algorithm, bad)

    def test_index_finds_every_entry_within_radius(self, algorithm: HashAlgorithm) -> None:
        rng = random.Random(11)
        values = [rng.randbytes(algorithm.size) for _ in range(300)]
        values.append(values[17])  # duplicates are separate entries
        index = algorithm.build_index(values)
        assert len(index) == len(values)
        radius = 0 if algorithm.kind == "exact" else algorithm.size * 8 // 8
        for probe in (values[17], values[5], rng.randbytes(algorithm.size)):
            expected = {i for i, v in enumerate(values) if algorithm.distance(probe, v) <= radius}
            found = {h.entry for h in index.query(probe, radius)}
            assert found == expected

    def test_query_many_agrees_with_query(self, algorithm: HashAlgorithm) -> None:
        rng = random.Random(5)
        values = [rng.randbytes(algorithm.size) for _ in range(50)]
        index = algorithm.build_index(values)
        probes = [values[3], values[40], rng.randbytes(algorithm.size)]
        many = {(h.query, h.entry, h.distance) for h in index.query_many(probes, 0)}
        single = {
            (qi, h.entry, h.distance) for qi, p in enumerate(probes) for h in index.query(p, 0)
        }
        assert many == single
        assert {(0, 3, 0), (1, 40, 0)} <= many

    def test_empty_index_finds_nothing(self, algorithm: HashAlgorithm) -> None:
        index = algorithm.build_index([])
        assert len(index) == 0
        assert index.query(bytes(algorithm.size), 5) == []

    def test_own_hash_is_found_at_distance_zero(self, algorithm: HashAlgorithm) -> None:
        computed = algorithm.compute(_media(4))
        assert computed is not None
        index = algorithm.build_index([computed.value])
        hits = index.query_many([v for _, v in computed.variants], 0)
        assert any(h.entry == 0 and h.distance == 0 for h in hits)
