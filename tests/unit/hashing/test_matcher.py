"""Attachment → verdict: exact/strong/weak strength, quality floor, failures as verdicts."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from tests.unit.hashing.list_rows import flip
from tipline.operators.hashing import (
    LoadedList,
    Matcher,
    MatchSettings,
    build_loaded_list,
    default_algorithms,
    parse_hash_list,
)
from tipline.schemas.errors import FetchError
from tipline.schemas.event import Attachment
from tipline.schemas.hashing import MediaNotFoundError, MediaTimeoutError
from tipline.synth.images import apply_transform

ALGOS = {a.name: a for a in default_algorithms()}


def _loaded(
    rows: list[str], name: str = "known", radii: dict[str, int] | None = None
) -> LoadedList:
    content = ("algorithm,hash,list,id,category\n" + "\n".join(rows) + "\n").encode()
    parsed = parse_hash_list(f"{name}.csv", content, ALGOS, name)
    assert parsed.issues == []
    return build_loaded_list(name, parsed, ALGOS, radii or {})


def _hashes(matcher: Matcher, data: bytes) -> dict[str, str]:
    exact, perceptual = matcher.hash_bytes(data)
    return {c.algorithm: c.value.hex() for c in (*exact, *perceptual.computed)}


def test_exact_match_and_all_hashes_recorded(matcher: Matcher, jpeg: Callable[..., bytes]) -> None:
    data = jpeg(1)
    sha = hashlib.sha256(data).hexdigest()
    lists = [_loaded([f"sha256,{sha},ncmec,n-7,A1"])]
    v = matcher.match_bytes("a-1", "image/jpeg", data, lists)
    assert v.status == "hashed"
    assert v.sha256 == sha
    assert v.md5 == hashlib.md5(data, usedforsecurity=False).hexdigest()
    assert v.size_bytes == len(data)
    assert [h.algorithm for h in v.hashes] == ["sha256", "sha1", "md5", "pdq", "phash"]
    assert v.strength == "exact"
    (m,) = v.matches
    assert (m.list, m.entry_id, m.category, m.algorithm, m.distance) == (
        "ncmec",
        "n-7",
        "A1",
        "sha256",
        0,
    )
    assert m.orientation is None
    assert m.source == "known"
    assert m.list_version == lists[0].version
    assert v.list_versions == {"known": lists[0].version}


def test_pdq_strong_and_weak_by_distance(matcher: Matcher, jpeg: Callable[..., bytes]) -> None:
    data = jpeg(2)
    pdq = _hashes(matcher, data)["pdq"]
    lists = [_loaded([f"pdq,{flip(pdq, 10)},l,strong,", f"pdq,{flip(pdq, 25)},l,weak,",
                      f"pdq,{flip(pdq, 40)},l,far,"])]  # fmt: skip
    v = matcher.match_bytes("a", "image/jpeg", data, lists)
    got = [(m.entry_id, m.distance, m.strength, m.orientation) for m in v.matches]
    assert got == [("strong", 10, "strong", "original"), ("weak", 25, "weak", "original")]
    assert v.strength == "strong"


def test_per_list_radius_override(matcher: Matcher, jpeg: Callable[..., bytes]) -> None:
    data = jpeg(2)
    pdq = _hashes(matcher, data)["pdq"]
    tight = _loaded([f"pdq,{flip(pdq, 25)},l,weak,"], name="tight", radii={"pdq": 12})
    assert matcher.match_bytes("a", "image/jpeg", data, [tight]).matches == []


def test_orientation_is_reported_for_a_flipped_copy(
    matcher: Matcher, jpeg: Callable[..., bytes]
) -> None:
    original = jpeg(100)  # PDQ quality >= 50 (see test_robustness)
    lists = [_loaded([f"pdq,{_hashes(matcher, original)['pdq']},l,orig,"])]
    flipped = apply_transform("hflip", original, seed=1)
    (m,) = [m for m in matcher.match_bytes("a", None, flipped, lists).matches]
    assert m.orientation != "original"
    assert m.distance <= 31


def test_phash_matches_are_perceptual(matcher: Matcher, jpeg: Callable[..., bytes]) -> None:
    data = jpeg(4)
    ph = _hashes(matcher, data)["phash"]
    lists = [_loaded([f"phash,{flip(ph, 3)},internal,p,", f"phash,{flip(ph, 7)},internal,q,"])]
    v = matcher.match_bytes("a", None, data, lists)
    assert [(m.entry_id, m.strength) for m in v.matches] == [("p", "strong"), ("q", "weak")]


def test_low_quality_pdq_is_not_matched_and_says_so(
    matcher: Matcher, jpeg: Callable[..., bytes]
) -> None:
    data = jpeg(5, kind="uniform")
    hashes = _hashes(matcher, data)
    lists = [_loaded([f"pdq,{hashes['pdq']},l,flat,"])]
    v = matcher.match_bytes("a", None, data, lists)
    assert v.matches == []
    pdq = next(h for h in v.hashes if h.algorithm == "pdq")
    assert pdq.quality is not None
    assert pdq.quality < 50
    assert not pdq.matchable
    phash = next(h for h in v.hashes if h.algorithm == "phash")
    assert not phash.matchable  # a flat image's pHash is degenerate too
    assert v.notes == [
        f"pdq: quality {pdq.quality} below floor 50; not matched",
        f"phash: quality {phash.quality} below floor 2; not matched",
    ]


@pytest.mark.parametrize(
    ("data", "status"),
    [(b"\xff\xd8\xff\xe0 truncated jpeg", "undecodable"), (b"\x00\x00 mp4-ish", "not_an_image")],
)
def test_undecodable_bytes_still_match_exactly(matcher: Matcher, data: bytes, status: str) -> None:
    md5 = hashlib.md5(data, usedforsecurity=False).hexdigest()
    v = matcher.match_bytes("a", "video/mp4", data, [_loaded([f"md5,{md5},video,v1,"])])
    assert v.status == status
    assert v.reason is not None
    assert [h.algorithm for h in v.hashes] == ["sha256", "sha1", "md5"]
    assert v.strength == "exact"


def test_truncated_image_is_undecodable(matcher: Matcher, jpeg: Callable[..., bytes]) -> None:
    data = jpeg(6)
    v = matcher.match_bytes("a", "image/jpeg", data[: len(data) // 2], [])
    assert v.status == "undecodable"
    assert v.sha256 == hashlib.sha256(data[: len(data) // 2]).hexdigest()


def test_perceptual_hashes_are_cached_by_sha256(
    matcher: Matcher, jpeg: Callable[..., bytes]
) -> None:
    data = jpeg(7)
    first = matcher.match_bytes("a", None, data, [])
    second = matcher.match_bytes("b", None, data, [])
    assert matcher.cache.hits == 1
    assert first.hashes == second.hashes


class _Fetcher:
    def __init__(self, result: bytes | FetchError) -> None:
        self.result = result
        self.calls: list[tuple[str, int, float]] = []

    def fetch(self, uri: str, max_bytes: int, timeout_s: float) -> bytes:
        self.calls.append((uri, max_bytes, timeout_s))
        if isinstance(self.result, FetchError):
            raise self.result
        return self.result


@pytest.mark.parametrize(
    ("error", "status"),
    [(MediaNotFoundError("'s3://b/k' does not exist"), "not_found"),
     (MediaTimeoutError("timed out"), "timeout"),
     (FetchError("plain failure"), "fetch_failed")],
)  # fmt: skip
def test_fetch_failures_become_verdicts(matcher: Matcher, error: FetchError, status: str) -> None:
    att = Attachment(attachment_id="a-9", media_type="image/png", uri="s3://b/k")
    v = matcher.match_attachment(att, _Fetcher(error), [_loaded([])])
    assert (v.attachment_id, v.status, v.reason) == ("a-9", status, str(error))
    assert v.hashes == []
    assert v.list_versions == {"known": _loaded([]).version}


def test_fetcher_gets_the_limits(matcher: Matcher, jpeg: Callable[..., bytes]) -> None:
    fetcher = _Fetcher(jpeg(8))
    att = Attachment(attachment_id="a", media_type="image/jpeg", uri="file:///x.jpg")
    assert matcher.match_attachment(att, fetcher, []).status == "hashed"
    assert fetcher.calls == [("file:///x.jpg", 32 * 1024 * 1024, 5.0)]


def test_inline_data_over_the_limit_is_too_large(jpeg: Callable[..., bytes]) -> None:
    small = Matcher(default_algorithms(), MatchSettings(100, 10**7, 1.0, {}), 4)
    att = Attachment(attachment_id="a", media_type="image/jpeg", data_b64=jpeg(9))
    v = small.match_attachment(att, None, [])
    assert v.status == "too_large"
    assert "exceeds max_bytes 100" in (v.reason or "")


def test_uri_without_a_fetcher_is_a_fetch_failure(matcher: Matcher) -> None:
    att = Attachment(attachment_id="a", media_type="image/jpeg", uri="s3://b/k")
    assert matcher.match_attachment(att, None, []).status == "fetch_failed"
