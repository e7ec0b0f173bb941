"""One labels reader: sessions and attachments in one typed result, errors with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipline.cli.replay import read_labels
from tipline.schemas.errors import InputError
from tipline.schemas.labels import Labels, decode_labels


def test_sessions_and_attachments_come_back_in_one_typed_result(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text(
        '{"kind": "session", "session_id": "s1", "positive": true}\n'
        "\n"
        '{"kind": "attachment", "attachment_id": "a1", "positive": false}\n'
        '{"kind": "session", "session_id": "s2", "positive": false}\n',
        encoding="utf-8",
    )
    labels = read_labels(path)
    assert labels == Labels(sessions={"s1": True, "s2": False}, attachments={"a1": False})


@pytest.mark.parametrize(
    ("line", "why"),
    [
        (b'{"kind": "session", "positive": true}', "a label needs kind"),
        (b'{"kind": "session", "session_id": "s"}', "not a label line"),
        (b"not json", "not a label line"),
    ],
)
def test_a_bad_line_is_an_input_error_naming_its_line(line: bytes, why: str) -> None:
    good = b'{"kind": "session", "session_id": "s0", "positive": true}\n'
    with pytest.raises(InputError, match=f"labels.jsonl:2: {why}"):
        decode_labels(good + line, "labels.jsonl")
