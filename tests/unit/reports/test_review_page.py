"""The reviewer page: content-free by default, readable, and screenshotted in Chromium."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from datetime import timedelta
from html import unescape
from pathlib import Path

import msgspec
import pytest

from tipline.operators.report import build_draft, render_review_page
from tipline.schemas.case import TimelineMessage
from tipline.schemas.event import MESSAGE_SCHEMA, Account, MessageEvent
from tipline.schemas.report import ReportDraft, TimelineEntry, Viewer

from .builders import T0, csam_case, enticement_case, png_bytes, reports_cfg

REPO = Path(__file__).resolve().parents[3]
CHROMIUM_APT_PACKAGE = "chromium"


def _grooming_draft() -> ReportDraft:
    receipt, decision, event = enticement_case(sextortion=False)
    context = [
        TimelineEntry(message_id=f"ev-{n}", sender_id=s, sent_at=T0 - timedelta(minutes=m))
        for n, s, m in [
            (150, "u-child", 50),
            (160, "u-adult", 45),
            (170, "u-child", 30),
            (180, "u-adult", 20),
            (185, "u-child", 15),
            (190, "u-adult", 8),
        ]
    ]
    draft = build_draft(receipt, decision, event, reports_cfg(), T0, context=context)
    return draft


def _csam_draft() -> ReportDraft:
    receipt, decision, event = csam_case()
    view = Viewer(actor="reviewer-ana", at=T0 + timedelta(minutes=7))
    return build_draft(receipt, decision, event, reports_cfg(), T0, viewers={"it-att-1": [view]})


def test_page_shows_facts_without_content() -> None:
    draft = _csam_draft()
    page = render_review_page(draft, T0 + timedelta(hours=2))
    for needle in (
        "N-4411",
        "ncmec",
        "A1",
        "203.0.113.7:50211",
        "skater_dave",
        "reviewer-ana",
        "22h 00m left",
        "tipline reports approve pkg-csam-1",
    ):
        assert needle in page
    assert "how was school" not in page
    assert "data:image" not in page
    assert "--reveal" in page


def test_page_lists_signals_and_missing_fields() -> None:
    draft = msgspec.structs.replace(_grooming_draft(), missing=_csam_missing_reporter())
    page = render_review_page(draft, T0 + timedelta(hours=30))
    assert "OVERDUE" in page
    assert "meeting_request" in page and "secrecy" in page and "age_probe" in page
    assert "reporter/reportingPerson/email" in page
    assert "Approval is blocked" in page


def _csam_missing_reporter() -> list:  # type: ignore[type-arg]
    receipt, decision, event = csam_case()
    return build_draft(receipt, decision, event, reports_cfg(reporter=False), T0).missing


def _conversation_bytes(ids: list[str], texts: list[str]) -> bytes:
    events = [
        MessageEvent(
            schema=MESSAGE_SCHEMA,
            event_id=i,
            sent_at=T0 - timedelta(minutes=len(ids) - n),
            session_id="s-1",
            sender=Account(user_id="u-adult" if n % 2 else "u-child"),
            recipients=[Account(user_id="u-child" if n % 2 else "u-adult")],
            text=t,
        )
        for n, (i, t) in enumerate(zip(ids, texts, strict=True))
    ]
    return msgspec.json.encode(events)


def test_reveal_shows_text_in_the_timeline_escaped_never_raw_json() -> None:
    draft = _grooming_draft()
    conversation = _conversation_bytes(["ev-160", "ev-190"], ["<b>how was school</b>", "fine"])
    page = render_review_page(draft, T0, revealed={"it-ctx-1": conversation})
    assert "&lt;b&gt;how was school&lt;/b&gt;" in page
    assert "<b>how was school" not in page
    assert '"schema"' not in page  # no JSON dump
    assert "tipline.message/1" not in page


def test_revealed_images_are_blurred_greyscale_until_ticked() -> None:
    draft = _csam_draft()
    page = render_review_page(draft, T0, revealed={"it-att-1": png_bytes(1)})
    assert "filter:blur(18px) grayscale(1)" in page
    assert "input.reveal:checked ~ .frame img{filter:none}" in page
    assert re.search(r'<input type="checkbox" class="reveal" id="reveal-0">', page)
    assert 'src="data:image/png;base64,' in page
    assert "<script" not in page


def test_timeline_highlights_the_trigger_and_the_messages_that_follow() -> None:
    draft = _grooming_draft()
    rows = [
        TimelineMessage(message_id="ev-190", sender_id="u-adult", sent_at=T0 - timedelta(minutes=8),
                        cues=["secrecy"], trigger=False, following=False, text=None),
        TimelineMessage(message_id="ev-200", sender_id="u-adult", sent_at=T0,
                        cues=["meeting_request", "secrecy"], trigger=True, following=False,
                        text=None),
        TimelineMessage(message_id="ev-210", sender_id="u-child", sent_at=T0 + timedelta(minutes=1),
                        cues=[], trigger=False, following=True, text=None),
    ]  # fmt: skip
    page = render_review_page(draft, T0, conversation=rows)
    assert page.count('<li class="msg trigger">') == 1
    assert page.count('<li class="msg following">') == 1
    assert "after the trigger" in page
    assert page.count('<span class="cue">secrecy</span>') == 2
    assert "text hidden" in page


def test_each_signal_once_per_message_even_when_the_context_has_it() -> None:
    receipt, decision, event = enticement_case(sextortion=False)
    context = [
        TimelineEntry(message_id="ev-180", sender_id="u-adult", sent_at=T0, signals=["age_probe"]),
        TimelineEntry(message_id="ev-170", sender_id="u-adult", sent_at=T0, signals=["age_probe"]),
    ]
    draft = build_draft(receipt, decision, event, reports_cfg(), T0, context=context)
    by_id = {t.message_id: t.signals for t in draft.timeline}
    assert by_id["ev-180"] == ["age_probe"]  # not twice
    assert by_id["ev-170"] == ["age_probe"]  # an earlier hit stays shown
    page = render_review_page(draft, T0)
    assert page.count('<span class="cue">age_probe</span>') == 2


def test_hint_commands_on_the_page_parse_as_shown() -> None:
    from tipline.cli.main import build_parser

    draft = _csam_draft()
    page = render_review_page(draft, T0, config_path="my config.toml")
    commands = [unescape(c) for c in re.findall(r"<code>(tipline [^<]*)</code>", page)]
    assert len(commands) >= 5
    parser = build_parser()
    for command in commands:
        if command == "tipline review serve":
            continue
        words = shlex.split(command)
        args = parser.parse_args(words[1:])
        assert args.draft_id == draft.draft_id
        assert args.config == "my config.toml"
    reveal = next(c for c in commands if " --reveal" in c)
    assert "--out" in reveal
    assert "--reason" in reveal


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    _chromium() is None,
    reason=f"headless Chromium not installed (Debian: apt-get install -y {CHROMIUM_APT_PACKAGE})",
)
def test_reviewer_page_screenshot(tmp_path: Path) -> None:
    """Render the page in Chromium; with TIPLINE_SCREENSHOT_DIR keep the PNG (docs/img's)."""
    page = tmp_path / "review.html"
    page.write_text(render_review_page(_grooming_draft(), T0 + timedelta(hours=3)), "utf-8")
    shots = os.environ.get("TIPLINE_SCREENSHOT_DIR")
    shot = (Path(shots) if shots else tmp_path) / "reviewer-page.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.unlink(missing_ok=True)
    chromium = _chromium()
    assert chromium is not None
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1280,1600",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000  # a rendered page, not a blank image


def test_page_shows_a_two_stage_match_as_weak_with_its_agreeing_signals() -> None:
    draft = _csam_draft()
    f = next(f for f in draft.files if f.matches)
    weak = msgspec.structs.replace(
        f.matches[0], distance=48, strength="weak", signals=["pdq", "region:q1"]
    )
    draft = msgspec.structs.replace(draft, files=[msgspec.structs.replace(f, matches=[weak])])
    page = render_review_page(draft, T0 + timedelta(hours=2))
    assert "agreeing signals" in page
    assert "pdq, region:q1" in page
    assert "<td>weak</td>" in page
