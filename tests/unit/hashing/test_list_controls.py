"""List controls: flood quarantine, allow lists through the service, reviewer feedback."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tipline.cli.commands import hashes
from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.operators.hashing.flood import FloodGuard
from tipline.schemas.event import Account, Attachment, MessageEvent
from tipline.schemas.hashing import AttachmentVerdict, HashingConfig, HashListSource
from tipline.services.hashing import HashService, build_hash_service
from tipline.synth.images import encode, make_image

NOW = datetime(2025, 1, 1, tzinfo=UTC)
K = ("k", "e1")


def test_quarantine_triggers_at_min_matches_with_no_history() -> None:
    g = FloodGuard(window=100, factor=10.0, min_matches=20)
    for _ in range(19):
        assert g.observe([K]) == {}
    new = g.observe([K])
    assert set(new) == {K}
    assert "20 matches in the last 20 attachments" in new[K]
    assert g.observe([K]) == {}  # reported once
    assert K in g.quarantined
    assert g.release(K)
    assert not g.release(K)


def test_quarantine_compares_with_the_entry_history() -> None:
    # an entry that always matched 1 in 4 attachments is not a flood at 25 per 100 ...
    g = FloodGuard(window=100, factor=3.0, min_matches=30)
    for i in range(1000):
        assert g.observe([K] if i % 4 == 0 else []) == {}
    assert g.expected(K) == pytest.approx(25.0)
    # ... but 76 in the next 100 (> 3 x 25) is
    quarantined = False
    for _ in range(100):
        quarantined |= bool(g.observe([K]))
    assert quarantined


def test_quarantine_needs_factor_times_expected_not_just_min_matches() -> None:
    g = FloodGuard(window=10, factor=10.0, min_matches=3)
    for _ in range(5):
        assert g.observe([]) == {}
    for _ in range(9):
        g.observe([K])
    assert K not in g.quarantined  # 9 <= 10 x max(1, expected)
    g.observe([K])  # window now holds 10 matches: still not > 10
    assert K not in g.quarantined


def _event(data: bytes, event_id: str = "e") -> MessageEvent:
    return MessageEvent(
        schema="tipline.message/1", event_id=event_id, sent_at=NOW, session_id="s",
        sender=Account(user_id="u"), recipients=[Account(user_id="v")],
        attachments=[Attachment(attachment_id="a", media_type="image/jpeg", data_b64=data)],
    )  # fmt: skip


def _list(path: Path, data: bytes, list_name: str, entry: str) -> Path:
    m = Matcher(default_algorithms(), settings_from_config(HashingConfig()), 2)
    _, p = m.hash_bytes(data)
    rows = [f"{c.algorithm},{c.value.hex()},{list_name},{entry}," for c in p.computed]
    path.write_text("algorithm,hash,list,id,category\n" + "\n".join(rows) + "\n")
    return path


def test_service_holds_a_flooding_entry_for_review(tmp_path: Path) -> None:
    data = encode(make_image(2, 640, 480, "scene"), "JPEG", 90)
    lst = _list(tmp_path / "k.csv", data, "k", "e1")
    cfg = HashingConfig(
        lists=[HashListSource(path=str(lst))],
        quarantine_window=50,
        quarantine_min_matches=5,
        quarantine_factor=2.0,
    )
    service: HashService = build_hash_service(cfg)
    verdicts: list[AttachmentVerdict] = []
    for i in range(6):
        (v,) = service.match(_event(data, f"e{i}"), NOW)
        verdicts.append(v)
    assert [v.strength for v in verdicts[:4]] == ["strong"] * 4
    assert verdicts[4].strength == "weak"  # the 5th match trips the quarantine
    assert all("quarantined" in m.signals for m in verdicts[5].matches)
    assert any("flood quarantine" in n for n in verdicts[5].notes)
    assert verdicts[5].matches  # held, never dropped


def test_an_allow_list_in_config_suppresses_matches(tmp_path: Path) -> None:
    data = encode(make_image(2, 640, 480, "scene"), "JPEG", 90)
    known = _list(tmp_path / "k.csv", data, "k", "e1")
    allow = _list(tmp_path / "benign.csv", data, "benign", "b1")
    cfg = HashingConfig(
        lists=[HashListSource(path=str(known)), HashListSource(path=str(allow), kind="allow")]
    )
    (v,) = build_hash_service(cfg).match(_event(data), NOW)
    assert v.matches == []
    assert v.strength == "none"
    assert any("benign:b1" in n for n in v.notes)


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    hashes.register(parser.add_subparsers())
    args = parser.parse_args(["hashes", *argv])
    code: int = args.func(args)
    return code


def test_feedback_is_appended_and_shown_by_stats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fb = tmp_path / "fb" / "feedback.jsonl"
    for verdict, who in [("confirm", "ana"), ("confirm", "bo"), ("disconfirm", "ana")]:
        base = ["--file", str(fb), "--list", "k", "--entry", "e1", "--reviewer", who]
        assert _cli("feedback", *base, "--verdict", verdict) == 0
    assert _cli("feedback", "--file", str(fb), "--list", "k", "--entry", "e2",
                "--reviewer", "ana", "--verdict", "disconfirm") == 0  # fmt: skip
    lines = fb.read_bytes().splitlines()
    assert len(lines) == 4
    assert json.loads(lines[0])["verdict"] == "confirm"
    capsys.readouterr()
    with fb.open("ab") as fh:
        fh.write(b"not json\n")
    data = encode(make_image(2, 640, 480, "scene"), "JPEG", 90)
    lst = _list(tmp_path / "k.csv", data, "k", "e1")
    assert _cli("stats", "--feedback", str(fb), str(lst)) == 0
    out = capsys.readouterr().out
    assert "k.csv pdq: 1 original, 0 derived, 0 region entries" in out
    assert "4 decision(s), 1 unreadable line(s)" in out
    assert "k\te1\t2\t1\tdisconfirm\t2" in out
    assert "k\te2\t0\t1\tdisconfirm\t1" in out
