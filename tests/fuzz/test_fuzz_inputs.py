"""Bad input, fuzzed: every bad input ends as a dead letter or a recorded verdict.

Hypothesis (derandomized, so a run is reproducible) drives event decoding,
hash-list parsing, config loading and image decoding through the matcher;
atheris runs a short coverage-guided pass over event decoding when installed.
The number of inputs tried per target is printed at the end of the run
(tests/fuzz/conftest.py).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import struct
import subprocess
import sys
import textwrap
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.fuzz.conftest import TRIED
from tipline.operators.hashing import default_algorithms, parse_hash_list
from tipline.operators.intake import decode_record
from tipline.schemas.config import TiplineConfig, load_config, parse_config, read_layers
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.errors import ConfigError, EventDecodeError
from tipline.schemas.event import MessageEvent, decode_event
from tipline.schemas.hashing import AttachmentVerdict
from tipline.schemas.source import RawRecord, SourcePosition
from tipline.services.hashing import build_hash_service
from tipline.synth.images import encode, make_image

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO.parent / "shared" / "contract" / "examples"
NOW = datetime(2026, 11, 27, tzinfo=UTC)
FUZZ = settings(
    max_examples=400,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


def _examples() -> list[bytes]:
    return [p.read_bytes() for p in sorted(EXAMPLES.iterdir()) if p.is_file()]


def _record(value: bytes) -> RawRecord:
    return RawRecord(value=value, key=None, source=SourcePosition(kind="file", file="fuzz", line=1))


def _decode(value: bytes, target: str) -> MessageEvent | DeadLetter:
    TRIED[target] += 1
    result = decode_record(_record(value), max_bytes=65536, now=NOW)
    assert isinstance(result, MessageEvent | DeadLetter)
    if isinstance(result, DeadLetter):
        assert result.raw == value
        assert result.error_type in {"EventDecodeError", "EventTooLarge"}
    return result


# ---------------------------------------------------------------- event decoding


@FUZZ
@given(st.binary(max_size=2048))
def test_random_bytes_become_an_event_or_a_dead_letter(value: bytes) -> None:
    _decode(value, "decode: random bytes")


# Found by this suite and by atheris: invalid UTF-8 inside a JSON string used to
# escape decode_event as UnicodeDecodeError and stop the job; now a dead letter.
def test_invalid_utf8_inside_a_string_is_a_dead_letter() -> None:
    raw = (EXAMPLES / "valid-text.json").read_bytes().replace(b"good game", b"good \x80game")
    _decode(raw, "decode: invalid UTF-8 in a string")


@FUZZ
@given(st.sampled_from(_examples()), st.data())
def test_mutated_contract_examples_never_crash(example: bytes, data: st.DataObject) -> None:
    raw = bytearray(example)
    for _ in range(data.draw(st.integers(1, 8))):
        op = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        at = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if op == "flip" and raw:
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        elif op == "delete" and raw:
            del raw[at]
        elif op == "truncate":
            del raw[at:]
    _decode(bytes(raw), "decode: mutated contract examples")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


def _replace(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, *rest = path
    copy = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[head] = _replace(doc[head], tuple(rest), value)
    return copy


VALID = [json.loads(p.read_bytes()) for p in sorted(EXAMPLES.glob("valid-*.json"))]


@FUZZ
@given(st.sampled_from(VALID), st.data(), JSON_VALUES)
def test_fields_replaced_with_random_json_never_crash(
    doc: dict[str, Any], data: st.DataObject, value: Any
) -> None:
    path = data.draw(st.sampled_from(_paths(doc)))
    _decode(json.dumps(_replace(doc, path, value)).encode(), "decode: field replaced")


def test_decode_event_raises_only_event_decode_error() -> None:
    for raw in _examples():
        TRIED["decode: contract examples"] += 1
        with contextlib.suppress(EventDecodeError):
            decode_event(raw)


# ---------------------------------------------------------------- hash lists

# Lines hold no other line-break characters (\x1c-\x1e, \x85, \u2028, ...);
# that case has its own test below (line numbers count "\n" only).
_LINE_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    ),
    max_size=80,
)
LIST_LINES = st.one_of(
    _LINE_TEXT,
    st.builds(
        lambda a, h, rest: f"{a},{h}{rest}",
        st.sampled_from(["sha256", "md5", "sha1", "pdq", "phash", "nope", ""]),
        st.text(alphabet="0123456789abcdefXZ ", max_size=70),
        _LINE_TEXT.map(lambda t: t[:20]),
    ),
)


@FUZZ
@given(
    st.sampled_from(["list.csv", "list.jsonl", "list.txt"]),
    st.lists(LIST_LINES, max_size=20),
    st.booleans(),
)
def test_hash_lists_report_bad_lines_with_line_numbers(
    name: str, lines: list[str], header: bool
) -> None:
    TRIED["hash-list parsing"] += 1
    head = ["algorithm,hash,list,id,category"] if header else []
    content = "\n".join(head + lines).encode()
    try:
        parsed = parse_hash_list(name, content, {a.name: a for a in default_algorithms()}, "x")
    except Exception as exc:
        from tipline.schemas.errors import HashListError

        assert isinstance(exc, HashListError), repr(exc)
        return
    total = content.count(b"\n") + 1
    for issue in parsed.issues:
        assert issue.path == name
        assert 1 <= issue.line <= total
        assert issue.problem


def test_hash_list_line_numbers_count_newlines_only() -> None:
    content = b'"x\x1ey"\n{"algorithm": "nope", "hash": "00"}\n'
    parsed = parse_hash_list("l.jsonl", content, {a.name: a for a in default_algorithms()}, "x")
    assert sorted(i.line for i in parsed.issues) == [1, 2]


# ---------------------------------------------------------------- config loading

DEFAULT = read_layers(REPO / "config" / "default.toml")
TOML_VALUES = st.recursive(
    st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=10,
)


def _parse(data: Any) -> None:
    try:
        cfg = parse_config(data)
    except ConfigError as exc:
        assert str(exc)
        return
    assert isinstance(cfg, TiplineConfig)


@FUZZ
@given(st.dictionaries(st.text(max_size=12), TOML_VALUES, max_size=6))
def test_random_config_documents(data: dict[str, Any]) -> None:
    TRIED["config: random documents"] += 1
    _parse(data)


@FUZZ
@given(st.data(), TOML_VALUES)
def test_default_config_with_one_value_replaced(data: st.DataObject, value: Any) -> None:
    TRIED["config: default with a value replaced"] += 1
    path = data.draw(st.sampled_from(_paths(DEFAULT)[1:]))
    _parse(_replace(DEFAULT, path, value))


def test_config_files_that_are_not_toml(tmp_path: Path) -> None:
    for text in ("[job\n", "x = = 1", "\x00", "[job]\nworkers = 0\n", "[nope]\n"):
        TRIED["config: broken files"] += 1
        path = tmp_path / "c.toml"
        path.write_text(text)
        with pytest.raises(ConfigError):
            load_config(path)


# ---------------------------------------------------------------- image decoding


@pytest.fixture(scope="module")
def hash_service() -> Any:
    cfg = load_config(REPO / "config" / "default.toml").hashing
    import msgspec

    return build_hash_service(msgspec.structs.replace(cfg, lists=[], max_pixels=4_000_000))


def _event(data: bytes, media_type: str) -> MessageEvent:
    doc = json.loads((EXAMPLES / "valid-attachment-inline.json").read_bytes())
    import base64

    doc["attachments"][0].update(data_b64=base64.b64encode(data).decode(), media_type=media_type)
    return decode_event(json.dumps(doc).encode())


def _verdict(service: Any, data: bytes, media_type: str, target: str) -> AttachmentVerdict:
    TRIED[target] += 1
    (verdict,) = service.match(_event(data, media_type), NOW)
    assert verdict.status
    if verdict.status != "hashed":
        assert verdict.reason, verdict
    assert verdict.sha256 is None or len(verdict.sha256) == 64
    return verdict


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(width: int, height: int, idat: bytes) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


IMAGES = {
    "jpeg": encode(make_image(3, 96, 64), "JPEG"),
    "png": encode(make_image(4, 80, 80, "shapes"), "PNG"),
}


@FUZZ
@given(st.sampled_from(sorted(IMAGES)), st.data())
def test_truncated_and_corrupted_images_get_a_verdict(
    hash_service: Any, kind: str, data: st.DataObject
) -> None:
    raw = bytearray(IMAGES[kind])
    cut = data.draw(st.integers(0, len(raw)))
    raw = raw[:cut]
    for _ in range(data.draw(st.integers(0, 4))):
        if raw:
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    media = data.draw(st.sampled_from(["image/jpeg", "image/png", "text/plain", "video/mp4"]))
    _verdict(hash_service, bytes(raw), media, "images: truncated/corrupted")


@pytest.mark.timeout(60)
def test_hostile_images_get_a_recorded_verdict_quickly(hash_service: Any) -> None:
    huge_header = _png(1_000_000, 1_000_000, zlib.compress(b"\x00" * 1000))
    # zip-bomb-like: 3000 x 3000 grey (9 MP > max_pixels 4 MP) of zeros, ~9 KB compressed
    bomb = _png(3000, 3000, zlib.compress(b"\x00" * (3001 * 3000), 9))
    buf = io.BytesIO()
    Image.new("L", (1900, 1900)).save(buf, "PNG", optimize=True)  # 3.6 MP, legal, tiny file
    cases = {
        "huge declared dimensions": (huge_header, "image/png", "too_many_pixels"),
        "zip bomb": (bomb, "image/png", "too_many_pixels"),
        "flat large image": (buf.getvalue(), "image/png", None),
        "text as image": (b"hello, not an image", "image/jpeg", None),
        "jpeg as png": (IMAGES["jpeg"], "image/png", "hashed"),
        "empty": (b"", "image/png", None),
    }
    for name, (data, media, expected) in cases.items():
        verdict = _verdict(hash_service, data, media, "images: hostile")
        if expected:
            assert verdict.status == expected, (name, verdict.status, verdict.reason)


# ---------------------------------------------------------------- atheris

ATHERIS_RUNS = 20000
ATHERIS_SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    import atheris
    with atheris.instrument_imports():
        from tipline.operators.intake import decode_record
        from tipline.schemas.dead_letter import DeadLetter
        from tipline.schemas.event import MessageEvent
        from tipline.schemas.source import RawRecord, SourcePosition
    NOW = datetime(2026, 11, 27, tzinfo=UTC)
    POS = SourcePosition(kind="file", file="atheris", line=1)
    def one(data: bytes) -> None:
        out = decode_record(RawRecord(value=data, key=None, source=POS), max_bytes=65536, now=NOW)
        if not isinstance(out, (MessageEvent, DeadLetter)):
            raise AssertionError(type(out))
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
    """
)


def test_atheris_event_decoding(tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, raw in enumerate(_examples()):
        (corpus / f"seed-{i}").write_bytes(raw)
    script = tmp_path / "fuzz_decode.py"
    script.write_text(ATHERIS_SCRIPT)
    result = subprocess.run(  # noqa: PLW1510 (the return code is asserted)
        [
            sys.executable,
            str(script),
            f"-runs={ATHERIS_RUNS}",
            "-seed=1",
            "-max_len=4096",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    done = re.findall(r"^#(\d+)", result.stderr, re.MULTILINE)
    TRIED["decode: atheris (coverage-guided)"] += int(done[-1]) if done else 0
    assert result.returncode == 0, result.stderr[-3000:]
