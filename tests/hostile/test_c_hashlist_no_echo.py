"""Part C, "never echo secrets": a bad hash-list line never prints its hash value.

Hashes of known abuse material are sensitive list content. Every malformed
line below carries a distinctive value; no issue, exception or log line may
contain it (or a 16-character piece of it).
"""

from __future__ import annotations

import logging

import pytest

from tipline.operators.hashing import default_algorithms
from tipline.operators.hashing.hashlist import parse_hash_list
from tipline.schemas.errors import HashListError

SHA = "5f2b9c1e7a3d4f60" * 4  # a SHA-256-shaped value (64 hex characters)
PDQ = "a1b2c3d4e5f60718" * 4
ALGORITHMS = {a.name: a for a in default_algorithms()}


def _pieces(value: str) -> list[str]:
    return [value[i : i + 16] for i in range(0, len(value) - 15, 4)]


def _no_echo(text: str, *values: str) -> None:
    for value in values:
        for piece in _pieces(value):
            assert piece not in text, f"{piece!r} echoed in {text!r}"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("short.csv", f"algorithm,hash\nsha256,{SHA[:-2]}\n"),  # wrong length
        ("nonhex.csv", f"algorithm,hash\nsha256,{SHA[:-1]}z\n"),  # not hex
        ("wrong-algo.csv", f"algorithm,hash\nmd5,{SHA}\n"),  # a SHA-256 where an MD5 goes
        ("swapped.csv", f"hash,algorithm\nsha256,{SHA}\n"),  # columns swapped by hand
        ("fields.csv", f"algorithm,hash\nsha256,{SHA},extra,{PDQ}\n"),
        ("bad.jsonl", f'{{"algorithm": "sha256", "hash": "{SHA}x"}}\n'),
        ("unknown.jsonl", f'{{"algorithm": "{PDQ}", "hash": "{SHA}"}}\n'),
        ("broken.jsonl", f'{{"algorithm": "sha256", "hash": "{SHA}"\n'),
    ],
)
def test_bad_lines_are_reported_without_the_value(
    name: str, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    parsed = parse_hash_list(name, content.encode(), ALGORITHMS, "test")
    assert parsed.issues, "the bad line must be reported"
    assert len(parsed) == 0
    text = " ".join(f"{i.line}: {i.problem}" for i in parsed.issues) + caplog.text
    _no_echo(text, SHA, PDQ)


def test_a_headerless_list_is_refused_without_printing_its_first_row() -> None:
    with pytest.raises(HashListError) as exc:
        parse_hash_list("headerless.csv", f"sha256,{SHA}\n".encode(), ALGORITHMS, "test")
    message = str(exc.value)
    assert "lacks column(s) ['algorithm', 'hash']" in message
    assert "other fields not shown" in message
    _no_echo(message, SHA)


def test_an_unknown_algorithm_name_is_still_named() -> None:
    parsed = parse_hash_list(
        "typo.csv", f"algorithm,hash\nsha265,{SHA}\n".encode(), ALGORITHMS, "test"
    )
    (issue,) = parsed.issues
    assert issue.problem.startswith("'sha265' is not a known algorithm")
    _no_echo(issue.problem, SHA)
