"""Hash-list parsing (docs/contract.md §2): CSV and JSONL, bad lines reported, rest loaded."""

from __future__ import annotations

import hashlib

import pytest

from tipline.operators.hashing import default_algorithms, parse_hash_list
from tipline.schemas.errors import HashListError

ALGOS = {a.name: a for a in default_algorithms()}
PDQ = "f" * 64
PHASH = "0123456789abcdef"
SHA256 = hashlib.sha256(b"x").hexdigest()
MD5 = hashlib.md5(b"x", usedforsecurity=False).hexdigest()


def test_csv_with_header_any_column_order() -> None:
    content = (
        "list,hash,algorithm,category,id\n"
        f"ncmec,{PDQ.upper()},PDQ,A1,n-1\n"
        f"internal,{PHASH},phash,,\n"
        f"ncmec,{MD5},md5,B2,n-2\n"
    ).encode()
    parsed = parse_hash_list("lists/known.csv", content, ALGOS, default_list="known")
    assert parsed.issues == []
    assert len(parsed) == 3
    pdq = parsed.entries["pdq"]
    assert pdq.values == [bytes.fromhex(PDQ)]
    assert pdq.ids == ["n-1"]
    assert pdq.list_names[pdq.list_codes[0]] == "ncmec"
    assert pdq.categories[pdq.category_codes[0]] == "A1"
    ph = parsed.entries["phash"]
    assert ph.ids == [None]
    assert ph.categories[ph.category_codes[0]] is None


def test_jsonl_and_default_list_name() -> None:
    content = (
        f'{{"algorithm": "sha256", "hash": "{SHA256}", "id": 42}}\n'
        "\n"
        f'{{"algorithm": "pdq", "hash": "{PDQ}", "list": "industry", "extra": 1}}\n'
    ).encode()
    parsed = parse_hash_list("x.jsonl", content, ALGOS, default_list="mine")
    assert parsed.issues == []
    sha = parsed.entries["sha256"]
    assert sha.ids == ["42"]
    assert sha.list_names == ["mine"]
    assert parsed.entries["pdq"].list_names == ["industry"]


def test_format_is_sniffed_without_a_known_suffix() -> None:
    content = f'{{"algorithm": "md5", "hash": "{MD5}"}}\n'.encode()
    assert len(parse_hash_list("list.txt", content, ALGOS, "l")) == 1
    content = f"algorithm,hash\nmd5,{MD5}\n".encode()
    assert len(parse_hash_list("list.txt", content, ALGOS, "l")) == 1


def test_bad_csv_lines_are_reported_with_file_and_line_and_the_rest_loads() -> None:
    content = (
        "algorithm,hash,list,id,category\n"
        f"pdq,{PDQ},a,1,\n"
        "pdq,zz12,a,2,\n"
        f"photodna,{PDQ},a,3,\n"
        f"md5,{MD5},a\n"
        "\n"
        f"phash,{PHASH},a,5,\n"
    ).encode()
    parsed = parse_hash_list("bad.csv", content, ALGOS, "x")
    assert len(parsed) == 2
    assert [(i.path, i.line) for i in parsed.issues] == [
        ("bad.csv", 3),
        ("bad.csv", 4),
        ("bad.csv", 5),
    ]
    assert "a 4-character value is not a pdq hash" in parsed.issues[0].problem
    assert "zz12" not in parsed.issues[0].problem  # list values are never echoed
    assert "'photodna' is not a known algorithm" in parsed.issues[1].problem
    assert "3 fields (expected 5" in parsed.issues[2].problem


def test_bad_jsonl_lines_are_reported() -> None:
    content = (
        f'{{"algorithm": "pdq", "hash": "{PDQ}"}}\n'
        "not json\n"
        '{"algorithm": "pdq"}\n'
        f'{{"algorithm": "md5", "hash": "{MD5[:-1]}"}}\n'
    ).encode()
    parsed = parse_hash_list("l.jsonl", content, ALGOS, "x")
    assert len(parsed) == 1
    assert [i.line for i in parsed.issues] == [2, 3, 4]
    assert "missing required field `hash`" in parsed.issues[1].problem


def test_header_without_required_columns_fails_the_file() -> None:
    with pytest.raises(
        HashListError, match=r"no-header.csv:1: CSV header of 2 field\(s\) lacks column"
    ):
        parse_hash_list("no-header.csv", f"pdq,{PDQ}\n".encode(), ALGOS, "x")


def test_version_is_sha256_of_the_bytes() -> None:
    content = f"algorithm,hash\nmd5,{MD5}\n".encode()
    parsed = parse_hash_list("v.csv", content, ALGOS, "x")
    assert parsed.version == "sha256:" + hashlib.sha256(content).hexdigest()
    changed = parse_hash_list("v.csv", content + f"md5,{MD5}\n".encode(), ALGOS, "x")
    assert changed.version != parsed.version


def test_utf8_bom_and_crlf_are_accepted() -> None:
    content = f"\ufeffalgorithm,hash\r\nmd5,{MD5}\r\n".encode()
    parsed = parse_hash_list("bom.csv", content, ALGOS, "x")
    assert parsed.issues == []
    assert len(parsed) == 1
