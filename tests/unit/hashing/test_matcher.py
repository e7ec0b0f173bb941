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
    settings_from_config,
)
from tipline.operators.hashing.cache import LruCache
from tipline.operators.hashing.computing import OVERLAP_MIN_BYTES, _fingerprint
from tipline.schemas.errors import FetchError
from tipline.schemas.event import Attachment
from tipline.schemas.hashing import HashingConfig, MediaNotFoundError, MediaTimeoutError
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


def _bmp(seed: int, middle: int = 0) -> bytes:
    """A 3 MB uncompressed BMP; ``middle`` changes only rows far from both ends."""
    import io

    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, (1000, 1000, 3), dtype=np.uint8)
    if middle:
        pixels[400:600] = np.random.default_rng(middle).integers(0, 256, (200, 1000, 3))
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "BMP")
    return buf.getvalue()


def test_a_large_repeat_is_a_cache_hit_after_the_overlapped_first_hashing(
    matcher: Matcher,
) -> None:
    data = _bmp(1)
    assert len(data) >= OVERLAP_MIN_BYTES
    first = _hashes(matcher, data)  # unseen: SHA-256 runs beside the decode
    assert matcher.cache.misses == 1 and len(matcher.cache) == 1
    second = _hashes(matcher, data)  # seen: SHA-256 first, then the cache
    assert matcher.cache.hits == 1
    assert first == second
    assert first["sha256"] == hashlib.sha256(data).hexdigest()
    assert first["md5"] == hashlib.md5(data).hexdigest()


def test_a_fingerprint_collision_costs_order_never_a_wrong_hash(matcher: Matcher) -> None:
    a, b = _bmp(2), _bmp(2, middle=3)
    # same length and the same bytes at both ends: the cheap probe cannot tell them apart
    assert len(a) == len(b) and a[:40_000] == b[:40_000] and a[-40_000:] == b[-40_000:]
    assert a != b
    _hashes(matcher, a)
    collided = _hashes(matcher, b)  # probed as seen: serial SHA-256, a cache miss
    fresh = Matcher(default_algorithms(), settings_from_config(HashingConfig()), cache_entries=8)
    assert collided == _hashes(fresh, b)
    assert collided["pdq"] != _hashes(fresh, a)["pdq"]
    assert matcher.cache.hits == 0 and len(matcher.cache) == 2


def test_the_overlapped_path_finds_a_cached_entry_it_did_not_probe(matcher: Matcher) -> None:
    data = _bmp(4)
    _hashes(matcher, data)
    matcher._seen = LruCache(8)  # the probe forgot it; the cache did not
    _hashes(matcher, data)
    assert matcher.cache.hits == 1
    assert matcher._seen.get(_fingerprint(data)) is not None


def test_sha256_runs_beside_the_decode_when_unseen_and_first_when_seen(
    matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    decoding_started = threading.Event()
    patience = [10.0]  # how long SHA-256 waits to see the decode start
    overlapped: list[bool] = []
    sha256 = next(a for a in matcher._exact if a.name == "sha256")
    decode = matcher._perceptual_hashes
    compute = sha256.compute

    def keyed(media: object) -> object:
        overlapped.append(decoding_started.wait(patience[0]))
        return compute(media)  # type: ignore[arg-type]

    def decoding(*args: object) -> object:
        decoding_started.set()
        return decode(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sha256, "compute", keyed, raising=False)
    monkeypatch.setattr(matcher, "_perceptual_hashes", decoding)
    data = _bmp(5)
    _hashes(matcher, data)
    assert overlapped == [True]  # unseen: the decode started while SHA-256 ran
    decoding_started.clear()
    patience[0] = 0.5
    matcher.cache = LruCache(8)  # evicted, but the probe remembers: likely a hit, so key first
    _hashes(matcher, data)
    assert overlapped == [True, False]
    matcher.spare_core = False  # a pool worker that fills a core: never a thread for SHA-256
    decoding_started.clear()
    _hashes(matcher, _bmp(6))
    assert overlapped == [True, False, False]
    assert matcher.cache.misses == 2 and len(matcher._seen) == 1  # misses since the new cache


def _framed_bmp(seed: int) -> bytes:
    """A ≥ 1 MiB BMP with a uniform frame, so the border trim changes what is hashed."""
    import io

    import numpy as np
    from PIL import Image

    pixels = np.full((800, 900, 3), 240, dtype=np.uint8)
    inner = np.random.default_rng(seed).integers(0, 256, (600, 700, 3), dtype=np.uint8)
    pixels[100:700, 100:800] = inner
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "BMP")
    return buf.getvalue()


@pytest.mark.parametrize("seed", [7, 8])
def test_pdq_beside_the_other_hashes_gives_what_the_serial_order_gives(seed: int) -> None:
    data = _framed_bmp(seed)
    assert len(data) >= OVERLAP_MIN_BYTES
    results = []
    for spare in (True, False):
        m = Matcher(default_algorithms(), settings_from_config(HashingConfig()), cache_entries=8)
        m.spare_core = spare
        exact, perceptual = m.hash_bytes(data, regions=True)
        results.append((exact, perceptual))
    (exact_a, threaded), (exact_b, serial) = results
    assert exact_a == exact_b
    assert threaded == serial  # hashes, trimmed-content hashes, regions and texture
    assert [c.algorithm for c in threaded.computed] == ["pdq", "phash"]  # the list's order
    assert threaded.trimmed  # the frame was trimmed, so both paths hashed the content too


@pytest.mark.parametrize("spare", [True, False])
def test_a_failing_perceptual_hash_raises_the_same_on_either_path(
    monkeypatch: pytest.MonkeyPatch, spare: bool
) -> None:
    m = Matcher(default_algorithms(), settings_from_config(HashingConfig()), cache_entries=8)
    m.spare_core = spare
    pdq = next(a for a in m._perceptual if a.name == "pdq")

    def broken(media: object) -> object:
        msg = "pdq failed"
        raise ValueError(msg)

    monkeypatch.setattr(pdq, "compute", broken, raising=False)
    with pytest.raises(ValueError, match="pdq failed"):
        m.hash_bytes(_framed_bmp(9))
    assert len(m.cache) == 0  # nothing half-computed is cached
