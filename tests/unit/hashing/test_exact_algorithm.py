"""The exact digests: the refusal of an unknown name, and FIPS-mode hosts.

On a FIPS-mode OpenSSL, ``hashlib.new("md5")`` raises unless the caller
declares ``usedforsecurity=False`` (the digests identify content, they protect
nothing). The fake ``hashlib.new`` below behaves like such a host, so dropping
or flipping the flag fails here rather than on the first FIPS deployment.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from tipline.operators.hashing import exact
from tipline.operators.hashing.algorithm import MediaInput
from tipline.operators.hashing.exact import EXACT_ALGORITHMS, ExactAlgorithm

_REAL_NEW = hashlib.new


def _fips_new(name: str, *args: Any, **kwargs: Any) -> Any:
    if kwargs.get("usedforsecurity", True) is not False:
        msg = f"[digital envelope routines] unsupported: {name} is disabled for security use"
        raise ValueError(msg)
    return _REAL_NEW(name, *args, **kwargs)


@pytest.mark.parametrize("name", EXACT_ALGORITHMS)
def test_every_exact_digest_works_on_a_fips_mode_host(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exact.hashlib, "new", _fips_new)
    algorithm = ExactAlgorithm(name)
    computed = algorithm.compute(MediaInput(data=b"attachment bytes"))
    expected = _REAL_NEW(name, b"attachment bytes", usedforsecurity=False).digest()
    assert computed.value == expected
    assert computed.variants == ((None, expected),)
    assert algorithm.size == len(expected)


def test_an_unknown_name_is_refused_with_the_names_it_accepts() -> None:
    with pytest.raises(ValueError) as caught:
        ExactAlgorithm("blake2b")
    assert str(caught.value) == (
        "'blake2b' is not an exact hash algorithm (expected one of ('sha256', 'sha1', 'md5'))"
    )


def test_distance_is_zero_or_the_digest_length_in_bits() -> None:
    algorithm = ExactAlgorithm("sha1")
    a = algorithm.compute(MediaInput(data=b"a")).value
    b = algorithm.compute(MediaInput(data=b"b")).value
    assert algorithm.distance(a, a) == 0
    assert algorithm.distance(a, b) == 160
