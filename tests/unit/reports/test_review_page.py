"""The reviewer page: content-free by default, readable, and screenshotted in Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import msgspec
import pytest

from tipline.operators.report import build_draft, render_review_page
from tipline.schemas.report import ReportDraft, TimelineEntry, Viewer

from .builders import CONTEXT_BYTES, T0, csam_case, enticement_case, png_bytes, reports_cfg

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


def test_reveal_shows_content_escaped() -> None:
    draft = _csam_draft()
    page = render_review_page(
        draft, T0, revealed={"it-att-1": png_bytes(1), "it-ctx-1": CONTEXT_BYTES + b"<b>"}
    )
    assert "data:image/png;base64," in page
    assert "how was school" in page
    assert "&lt;b&gt;" in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    _chromium() is None,
    reason=f"headless Chromium not installed (Debian: apt-get install -y {CHROMIUM_APT_PACKAGE})",
)
def test_reviewer_page_screenshot(tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    page.write_text(render_review_page(_grooming_draft(), T0 + timedelta(hours=3)), "utf-8")
    # The run writes only under tmp_path (issue #19: never into docs/ during a test);
    # TIPLINE_UPDATE_DOCS_SCREENSHOT=1 copies the result to docs/img afterwards.
    shot = tmp_path / "reviewer-page.png"
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
    if os.environ.get("TIPLINE_UPDATE_DOCS_SCREENSHOT") == "1":
        shutil.copyfile(shot, REPO / "docs" / "img" / "reviewer-page.png")
