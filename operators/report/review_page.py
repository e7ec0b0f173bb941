"""The static HTML page a reviewer approves a draft from (one file, inline CSS).

Layout, top to bottom, so a standard case takes under five minutes: the
deadline and status, what is still missing, the decision (incident type,
reasons, annotations), hash matches, the session timeline (message ids, times,
senders and the signals that fired), files, and account and network facts;
then the exact commands to approve or correct.

Invariant: without ``revealed`` the page holds no message text and no media.
With it (``tipline reports html --reveal``) the bytes the caller read through
the vault (which logs the view in the custody log) are shown inline, escaped.

The page is inert whatever a draft or an item holds: every text and attribute
is HTML-escaped; an item is shown as an image only when its bytes are a PNG,
JPEG, GIF or WebP (sniffed, so the ``data:`` URI's type is ours, never the
draft's ``media_type``), otherwise as escaped text; and a Content-Security-Policy
meta tag allows no scripts, no network, images from ``data:`` only and the
page's one ``<style>`` block by its SHA-256 (:data:`CSP`).
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Final

from tipline.operators.report.xml_tree import xml_safe
from tipline.schemas.report import AccountFacts, FileDraft, MissingField, ReportDraft, TimelineEntry

CSS: Final = """
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1b1f24;
background:#f4f5f7}
main{max-width:1200px;margin:0 auto;padding:20px 28px}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:22px 0 8px;border-bottom:2px solid
#d0d4da;padding-bottom:3px}
.meta{color:#555} .pill{display:inline-block;padding:2px 9px;border-radius:10px;font-weight:600;
font-size:13px;background:#e3e7ee;margin-right:6px}
.deadline{font-size:18px;font-weight:700;padding:8px 12px;border-radius:6px;display:inline-block;
margin-top:8px}
.ok{background:#dff3e4;color:#14532d} .soon{background:#fff4ce;color:#713f12}
.late{background:#fde2e1;color:#7f1d1d}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border:1px solid #d0d4da;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eceff3} tr.trigger td{background:#fff4ce;font-weight:600}
code{font:13px ui-monospace,Menlo,Consolas,monospace}
.req{color:#7f1d1d;font-weight:700} .rec{color:#555}
.box{background:#fff;border:1px solid #d0d4da;border-radius:6px;padding:10px 14px}
.hidden{color:#666;font-style:italic} pre{white-space:pre-wrap;background:#fff;padding:8px}
img.reveal{max-width:320px;border:1px solid #999}
"""
SOON_HOURS: Final = 6.0
CSP: Final = "; ".join(
    [
        "default-src 'none'",
        "img-src data:",
        f"style-src 'sha256-{base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()}'",
        "script-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)
# Leading bytes -> the MIME type a revealed item is shown inline as.
_IMAGE_MAGIC: Final = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def _e(value: object) -> str:
    return html.escape(xml_safe("" if value is None else str(value)))


def _t(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S %Z") if value else "—"


def countdown(deadline: datetime, now: datetime) -> tuple[str, str]:
    """Return (text, css class) for the time left until ``deadline``."""
    seconds = (deadline - now).total_seconds()
    hours, rest = divmod(abs(int(seconds)), 3600)
    text = f"{hours}h {rest // 60:02d}m"
    if seconds < 0:
        return f"OVERDUE by {text}", "late"
    return f"{text} left", "soon" if seconds < SOON_HOURS * 3600 else "ok"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], classes: Sequence[str]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        f'<tr class="{_e(c)}">' + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
        for row, c in zip(rows, classes, strict=True)
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _header(draft: ReportDraft, now: datetime) -> str:
    text, cls = countdown(draft.deadline, now)
    annotations = "".join(f'<span class="pill">{_e(a)}</span>' for a in draft.annotations)
    escalate = f"<p><b>Escalate:</b> {_e(draft.escalate)}</p>" if draft.escalate else ""
    return (
        f"<h1>CyberTipline draft <code>{_e(draft.draft_id)}</code></h1>"
        f'<div class="meta"><span class="pill">{_e(draft.status)}</span>'
        f"<b>{_e(draft.incident_type)}</b> {annotations}</div>"
        f'<div class="deadline {_e(cls)}">Internal deadline {_t(draft.deadline)} — {text}</div>'
        f'<p class="meta">Incident {_t(draft.incident_at)} · detected {_t(draft.detected_at)}'
        f" · session <code>{_e(draft.session_id)}</code> · event <code>{_e(draft.event_id)}</code>"
        f"</p>{escalate}"
    )


def _missing(missing: Sequence[MissingField]) -> str:
    if not missing:
        return "<h2>Missing fields</h2><p>None — the draft is complete.</p>"
    rows = [
        [
            f'<span class="{"req" if m.severity == "required" else "rec"}">{_e(m.severity)}</span>',
            f"<code>{_e(m.path)}</code>",
            _e(m.hint),
        ]
        for m in missing
    ]
    return "<h2>Missing fields</h2>" + _table(
        ["severity", "field", "what to do"], rows, [""] * len(rows)
    )


def _decision(draft: ReportDraft) -> str:
    score = f"{draft.session_score:.2f}" if draft.session_score is not None else "—"
    reasons = ", ".join(f"<code>{_e(r)}</code>" for r in draft.reasons) or "—"
    return (
        f'<h2>Decision</h2><div class="box">Reasons: {reasons}<br>'
        f"Session score: <b>{score}</b> · stage: <b>{_e(draft.session_stage or '—')}</b></div>"
    )


def _matches(files: Sequence[FileDraft]) -> str:
    rows = [
        [
            f"<code>{_e(f.item_id)}</code>",
            _e(f.industry_classification or "—"),
            _e(m.list),
            _e(m.entry_id or "—"),
            _e(m.algorithm),
            _e(m.distance),
            _e(m.strength),
            _e(", ".join(m.signals) or "—"),
        ]
        for f in files
        for m in f.matches
    ]
    if not rows:
        return "<h2>Hash matches</h2><p>No hash-list match.</p>"
    headers = [
        "file", "class", "list", "entry id", "algorithm", "distance", "strength", "agreeing signals"
    ]  # fmt: skip
    return "<h2>Hash matches</h2>" + _table(headers, rows, [""] * len(rows))


def _timeline(timeline: Sequence[TimelineEntry]) -> str:
    rows = [
        [
            _e(_t(t.sent_at)),
            f"<code>{_e(t.message_id)}</code>",
            _e(t.sender_id or "—"),
            _e(", ".join(t.signals) or "—"),
            f"{t.weight:.2f}" if t.signals else "",
        ]
        for t in timeline
    ]
    classes = ["trigger" if t.trigger else "" for t in timeline]
    headers = ["sent at", "message id", "sender", "signals fired", "weight"]
    return "<h2>Session timeline</h2>" + _table(headers, rows, classes)


def _viewed(f: FileDraft) -> str:
    if not f.viewed_by:
        return "not viewed"
    return "<br>".join(f"{_e(v.actor)} at {_e(_t(v.at))}" for v in f.viewed_by)


def _files(files: Sequence[FileDraft]) -> str:
    rows = [
        [
            f"<code>{_e(f.item_id)}</code>",
            _e(f.relevance),
            _e(f.file_name),
            _e(f.media_type),
            _e(f.size_bytes),
            f"<code>{_e(f.sha256[:16])}…</code><br><code>md5 {_e(f.md5)}</code>",
            _viewed(f),
        ]
        for f in files
    ]
    headers = ["item", "relevance", "name", "type", "bytes", "hashes", "viewed by ESP"]
    return "<h2>Files to upload</h2>" + _table(headers, rows, [""] * len(rows))


def _account_row(a: AccountFacts) -> list[str]:
    net = f"{a.ip}:{a.port}" if a.ip and a.port is not None else (a.ip or "—")
    age = "—" if a.declared_age is None else f"{a.declared_age}{' ✓' if a.age_verified else ''}"
    return [
        _e(a.role),
        f"<code>{_e(a.user_id)}</code>",
        _e(a.screen_name or "—"),
        _e(_t(a.created_at)),
        _e(age),
        _e(a.country or "—"),
        _e(a.email or a.phone or "—"),
        f"<code>{_e(net)}</code>",
        _e(", ".join(a.prior_actions) or "—"),
    ]


def _accounts(accounts: Sequence[AccountFacts]) -> str:
    headers = [
        "role",
        "user id",
        "screen name",
        "created",
        "age",
        "country",
        "contact",
        "IP:port",
        "prior actions",
    ]
    rows = [_account_row(a) for a in accounts]
    return "<h2>Accounts and network</h2>" + _table(headers, rows, [""] * len(rows))


def _content(draft: ReportDraft, revealed: Mapping[str, bytes] | None) -> str:
    if revealed is None:
        return (
            '<h2>Content</h2><p class="hidden">Message text and media are hidden. '
            f"Run <code>tipline reports html {_e(draft.draft_id)} --reveal</code> to view "
            "them; every view is written to the custody log.</p>"
        )
    parts = ["<h2>Content (revealed — this view is in the custody log)</h2>"]
    for item_id, data in revealed.items():
        kind = sniff_image(data)
        if kind is not None:
            src = f"data:{kind};base64,{base64.b64encode(data).decode()}"
            parts.append(
                f'<p><code>{_e(item_id)}</code><br><img class="reveal" alt="{_e(item_id)}" '
                f'src="{_e(src)}"></p>'
            )
        else:
            text = data.decode("utf-8", errors="replace")
            parts.append(f"<p><code>{_e(item_id)}</code></p><pre>{_e(text)}</pre>")
    return "".join(parts)


def sniff_image(data: bytes) -> str | None:
    """Return the inline-safe image type of ``data`` from its leading bytes, or ``None``."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in _IMAGE_MAGIC if data.startswith(magic)), None)


def _actions(draft: ReportDraft) -> str:
    blocked = draft.blocking_missing()
    note = (
        '<p class="req">Approval is blocked until the required fields are set.</p>'
        if blocked
        else ""
    )
    return (
        f'<h2>Review</h2><div class="box">{note}Approve: '
        f"<code>tipline reports approve {_e(draft.draft_id)} --reviewer YOUR-NAME</code><br>"
        f"Submit: <code>tipline reports submit {_e(draft.draft_id)}</code><br>"
        "Correct: fix the config or the platform data and rebuild; the exact XML is in "
        f"<code>{_e(draft.draft_id)}/report.xml</code></div>"
    )


def render_review_page(
    draft: ReportDraft, now: datetime, revealed: Mapping[str, bytes] | None = None
) -> str:
    """Render the reviewer page for ``draft`` as one self-contained HTML document.

    Args:
        draft: the draft to review.
        now: the current time (for the deadline countdown).
        revealed: item id → bytes read through the vault, only for ``--reveal``.

    Returns:
        The HTML text.

    """
    body = "".join(
        [
            _header(draft, now),
            _missing(draft.missing),
            _decision(draft),
            _matches(draft.files),
            _timeline(draft.timeline),
            _files(draft.files),
            _accounts(draft.accounts),
            _content(draft, revealed),
            _actions(draft),
        ]
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>Draft {_e(draft.draft_id)}</title><style>{CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )
