"""Script injection through ``media_type`` into the reveal page (issue #13, Medium).

* ``media_type`` must be a MIME ``type/subtype`` token when the event is
  decoded; anything else is a dead letter whose error names the field, never
  the value.
* The page escapes every attribute and text, shows inline only allow-listed
  raster image types, carries a restrictive Content-Security-Policy (no
  scripts; the one style block pinned by hash) and is written with mode 0600.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import stat
from html.parser import HTMLParser
from pathlib import Path

import msgspec
import pytest

from tests.unit.reports.builders import CONTEXT_BYTES, T0, csam_case, png_bytes, reports_cfg
from tipline.cli.commands import reports as reports_cli
from tipline.cli.commands.reports import EvidenceServices, register
from tipline.operators.intake import decode_record
from tipline.operators.report import build_draft, render_review_page
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.errors import EventDecodeError
from tipline.schemas.event import decode_event
from tipline.schemas.report import ReportDraft
from tipline.schemas.source import RawRecord, SourcePosition
from tipline.sinks.drafts import DraftsSink

HOSTILE_TYPES = [
    'image/png" onerror="alert(1)',
    "image/png' onerror='alert(1)",
    "image/png;base64,PHNjcmlwdD4=#",
    "image/png><script>alert(1)</script>",
    "text/html",
    "image/svg+xml",
]


def _event(media_type: str) -> bytes:
    return json.dumps(
        {
            "schema": "tipline.message/1",
            "event_id": "evt-1",
            "sent_at": "2026-12-01T10:00:00+00:00",
            "session_id": "s-1",
            "sender": {"user_id": "u-1"},
            "recipients": [{"user_id": "u-2"}],
            "attachments": [
                {
                    "attachment_id": "a-1",
                    "media_type": media_type,
                    "data_b64": base64.b64encode(png_bytes(1)).decode(),
                }
            ],
        }
    ).encode()


# ---- at decode -------------------------------------------------------------------


@pytest.mark.parametrize(
    "media_type",
    [
        'image/png" onerror="alert(1)',
        "image/png><script>alert(1)</script>",
        "image/png; charset=x",
        "image/png\n",
        "image",
        "image/",
        "/png",
        "image /png",
        "image/png/x",
        "\uff49mage/png",  # fullwidth i
        "a" * 128 + "/png",
    ],
)
def test_a_non_token_media_type_is_rejected_without_echoing_it(media_type: str) -> None:
    with pytest.raises(EventDecodeError) as err:
        decode_event(_event(media_type))
    message = str(err.value)
    assert "media_type" in message
    assert "MIME" in message
    for fragment in ("onerror", "script", "charset", "\uff49"):
        assert fragment not in message


@pytest.mark.parametrize(
    "media_type",
    ["image/png", "image/jpeg", "IMAGE/PNG", "image/svg+xml", "application/vnd.ms-excel",
     "video/mp4", "text/html", "application/x-www-form-urlencoded"],
)  # fmt: skip
def test_mime_tokens_are_accepted(media_type: str) -> None:
    assert decode_event(_event(media_type)).attachments[0].media_type == media_type


def test_a_hostile_media_type_becomes_a_dead_letter() -> None:
    record = RawRecord(
        value=_event('image/png" onerror="alert(1)'),
        source=SourcePosition(kind="file", file="mem", line=1),
    )
    outcome = decode_record(record, max_bytes=1 << 20, now=T0)
    assert isinstance(outcome, DeadLetter)
    assert outcome.stage == "decode"
    assert "media_type" in outcome.error
    assert "onerror" not in outcome.error


# ---- the page ------------------------------------------------------------------


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style.append(data)


def _hostile_draft(media_type: str) -> ReportDraft:
    receipt, decision, event = csam_case()
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    files = [msgspec.structs.replace(f, media_type=media_type) for f in draft.files]
    return msgspec.structs.replace(draft, files=files)


def _revealed(draft: ReportDraft) -> dict[str, bytes]:
    """The reported image, its context with markup in it, and a script posing as an item."""
    items = {f.item_id: png_bytes(1) for f in draft.files if f.relevance == "Reported"}
    return items | {
        "it-ctx-1": CONTEXT_BYTES + b"<img src=x onerror=alert(2)>",
        "it-extra": b"<script>alert(1)</script>",
    }


def _check_page(page: str) -> _Collect:
    parsed = _Collect()
    parsed.feed(page)
    names = {tag for tag, _ in parsed.tags}
    assert "script" not in names
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        src = attrs.get("src")
        if src is not None:
            assert src.startswith(("data:image/png;base64,", "data:image/jpeg;base64,"))
    assert "<script" not in page.lower()
    return parsed


@pytest.mark.parametrize("media_type", HOSTILE_TYPES)
def test_reveal_page_is_inert_whatever_the_draft_says(media_type: str) -> None:
    draft = _hostile_draft(media_type)
    page = render_review_page(draft, T0, revealed=_revealed(draft))
    _check_page(page)
    assert 'onerror="' not in page
    # Markup in items never becomes markup (conversation items go to the
    # timeline, parsed; unlisted items are not shown; listed ones are escaped).
    assert "<img src=x" not in page
    assert "<script>alert" not in page
    assert "tipline.message/1" not in page  # no raw JSON dump


def test_allow_listed_images_are_still_shown() -> None:
    draft = _hostile_draft("image/png")
    page = render_review_page(draft, T0, revealed=_revealed(draft))
    parsed = _check_page(page)
    assert any(tag == "img" for tag, _ in parsed.tags)


def test_page_has_a_restrictive_csp_pinning_its_style() -> None:
    draft = _hostile_draft("image/png")
    page = render_review_page(draft, T0, revealed=_revealed(draft))
    parsed = _check_page(page)
    (meta,) = [
        attrs
        for tag, attrs in parsed.tags
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    policy = {
        part.split()[0]: part.split()[1:]
        for part in (meta.get("content") or "").split(";")
        if part.strip()
    }
    assert policy["default-src"] == ["'none'"]
    assert policy["img-src"] == ["data:"]
    assert policy["script-src"] == ["'none'"]
    (style,) = parsed.style
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert policy["style-src"] == [f"'sha256-{digest}'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'none'"]


# ---- the written file ----------------------------------------------------------------


def test_reveal_page_is_written_0600(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The draft's package is not in a vault here: the page shows the draft's timeline.
    monkeypatch.setattr(reports_cli, "_conversation", lambda cfg, args, reveal: None)
    cfg = tmp_path / "tipline.toml"
    cfg.write_text(
        f'[reports]\npath = "{tmp_path / "reports"}"\n[evidence]\npath = "{tmp_path / "vault"}"\n',
        encoding="utf-8",
    )
    draft = _hostile_draft('image/png" onerror="alert(1)')
    DraftsSink(tmp_path / "reports").write(draft)
    blobs = _revealed(draft)

    def services(config: TiplineConfig, args: argparse.Namespace) -> EvidenceServices:
        return EvidenceServices(open_item=lambda pkg, item: blobs[item], on_finished=print)

    page = tmp_path / "page.html"
    page.write_text("old", encoding="utf-8")
    page.chmod(0o644)
    parser = argparse.ArgumentParser(prog="tipline")
    register(parser.add_subparsers(dest="command", required=True), services)
    argv = ["reports", "--config", str(cfg), "html", draft.draft_id, "--out", str(page), "--reveal"]
    args = parser.parse_args(argv)
    assert args.func(args) == 0
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    _check_page(page.read_text(encoding="utf-8"))
