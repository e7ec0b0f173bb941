"""The static HTML page a reviewer approves a draft from (one file, inline CSS, no script).

Layout, top to bottom, so a standard case takes under five minutes: the
deadline and status, what is still missing, the decision (incident type,
reasons, annotations), hash matches, the conversation as a readable timeline
(sender, time, the signals that hit each message, the trigger message
highlighted and the messages that followed it), files, and account and
network facts; then the exact commands to reveal, approve, reject or rebuild.

Invariant: without ``revealed`` the page holds no message text and no media.
With it (``tipline reports html --reveal``) the bytes the caller read through
the vault (which logs the view in the custody log) are shown: message text in
the timeline (escaped), images blurred and greyscale until the reviewer ticks
"reveal" on one (a CSS filter; the page runs no script). Conversation files
are never dumped as raw JSON. The online equivalent is the review console
(``tipline review serve``).

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
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

import msgspec

from tipline.operators.report.xml_tree import xml_safe
from tipline.schemas.case import TimelineMessage
from tipline.schemas.event import MessageEvent
from tipline.schemas.report import AccountFacts, FileDraft, MissingField, ReportDraft

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
ol.timeline{list-style:none;padding:0;margin:0}
.msg{background:#fff;border:1px solid #d0d4da;border-left:5px solid #d0d4da;border-radius:6px;
padding:6px 12px;margin-bottom:6px}
.msg.trigger{border-color:#d97706;background:#fff8e6} .msg.following{border-left-color:#6b7280}
.msg .who{font-weight:700;margin-right:8px} .msg time{color:#555;font-size:13px}
.tag{font-size:12px;font-weight:700;padding:0 7px;border-radius:4px;margin-left:6px}
.tag-trigger{background:#d97706;color:#fff} .tag-following{background:#e5e7eb;color:#374151}
.cue{display:inline-block;padding:0 7px;border-radius:4px;background:#eef2f7;
border:1px solid #cfd6e0;font:12px ui-monospace,Menlo,monospace;margin:2px 4px 0 0}
.msg p{margin:3px 0} .msg .text{white-space:pre-wrap} .msg .id{font-size:12px;color:#8a929c}
.media{display:inline-block;vertical-align:top;margin:0 14px 14px 0;background:#fff;
border:1px solid #d0d4da;border-radius:6px;padding:8px}
.media .frame{overflow:hidden;max-width:320px}
.media img{display:block;max-width:320px;filter:blur(18px) grayscale(1)}
.media input.reveal:checked ~ .frame img{filter:none}
.media label{font-weight:600;cursor:pointer}
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
    return html.escape(xml_safe("" if value is None else str(value)), quote=True)


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


@dataclass(frozen=True, slots=True)
class _Row:
    message_id: str
    sender_id: str
    sent_at: datetime | None
    cues: Sequence[str]
    trigger: bool
    following: bool
    text: str | None


_EVENTS: Final = msgspec.json.Decoder(list[MessageEvent])
_EVENT: Final = msgspec.json.Decoder(MessageEvent)


def _texts(revealed: Mapping[str, bytes] | None) -> dict[str, tuple[str, str | None]]:
    """Message id -> (sender, text) from revealed message and conversation items."""
    out: dict[str, tuple[str, str | None]] = {}
    for data in (revealed or {}).values():
        events: list[MessageEvent] = []
        try:
            events = _EVENTS.decode(data) if data.lstrip()[:1] == b"[" else [_EVENT.decode(data)]
        except (msgspec.DecodeError, msgspec.ValidationError):
            continue
        for e in events:
            out[e.event_id] = (e.sender.user_id, e.text)
    return out


def _rows(
    draft: ReportDraft,
    revealed: Mapping[str, bytes] | None,
    conversation: Sequence[TimelineMessage] | None,
) -> list[_Row]:
    if conversation is not None:
        rows = [
            _Row(m.message_id, m.sender_id, m.sent_at, m.cues, m.trigger, m.following, m.text)
            for m in conversation
        ]
    else:
        rows = [
            _Row(t.message_id, t.sender_id or "", t.sent_at, t.signals, t.trigger, False, None)
            for t in draft.timeline
        ]
    texts = _texts(revealed)
    out = []
    for row in rows:
        sender, text = texts.get(row.message_id, (row.sender_id, row.text))
        cues = list(dict.fromkeys(row.cues))  # each signal once per message
        out.append(_Row(row.message_id, sender or row.sender_id, row.sent_at, cues,
                        row.trigger, row.following, row.text or text))  # fmt: skip
    return out


def _message(row: _Row, shown: bool) -> str:
    cls = "msg" + (" trigger" if row.trigger else "") + (" following" if row.following else "")
    tags = ('<span class="tag tag-trigger">trigger</span>' if row.trigger else "") + (
        '<span class="tag tag-following">after the trigger</span>' if row.following else ""
    )
    cues = "".join(f'<span class="cue">{_e(c)}</span>' for c in row.cues)
    if row.text is not None:
        body = f'<p class="text">{_e(row.text)}</p>'
    else:
        body = f'<p class="hidden">{"(no text)" if shown else "text hidden"}</p>'
    return (
        f'<li class="{cls}"><span class="who">{_e(row.sender_id or "—")}</span>'
        f"<time>{_e(_t(row.sent_at))}</time>{tags}"
        f"{f'<div>{cues}</div>' if cues else ''}{body}"
        f'<div class="id"><code>{_e(row.message_id)}</code></div></li>'
    )


def _timeline(rows: Sequence[_Row], shown: bool) -> str:
    if not rows:
        return "<h2>Conversation</h2><p>No messages.</p>"
    note = (
        '<p class="meta">Text shown: this view is in the custody log.</p>'
        if shown
        else '<p class="hidden">Message text is hidden (see Review below to reveal it).</p>'
    )
    items = "".join(_message(r, shown) for r in rows)
    return f'<h2>Conversation</h2>{note}<ol class="timeline">{items}</ol>'


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
            '<h2>Media</h2><p class="hidden">Media are not in this page; '
            "reveal them with the command under Review (every view is custody-logged).</p>"
        )
    parts = ["<h2>Media (revealed — blurred and greyscale until you tick reveal)</h2>"]
    # The data: URI's type is sniffed from the bytes, never the draft's media_type.
    images = [(i, d, k) for i, d in revealed.items() if (k := sniff_image(d)) is not None]
    for n, (item_id, data, kind) in enumerate(images):
        src = f"data:{kind};base64,{base64.b64encode(data).decode()}"
        parts.append(
            f'<div class="media"><input type="checkbox" class="reveal" id="reveal-{n}">'
            f'<label for="reveal-{n}"> reveal <code>{_e(item_id)}</code></label>'
            f'<div class="frame"><img alt="{_e(item_id)}" src="{_e(src)}"></div></div>'
        )
    if not images:
        parts.append("<p>No images in this draft.</p>")
    # Other items are shown as escaped text; conversation files are in the timeline above.
    types = {f.item_id: f.media_type or "" for f in draft.files}
    shown = {i for i, _, _ in images}
    for item_id, data in revealed.items():
        listed = types.get(item_id)
        if item_id in shown or listed is None or listed.startswith(_CONVERSATION_PREFIX):
            continue  # conversation items (not in the file list, or typed so) are the timeline
        text = data.decode("utf-8", errors="replace")
        parts.append(f"<p><code>{_e(item_id)}</code></p><pre>{_e(text)}</pre>")
    return "".join(parts)


_CONVERSATION_PREFIX: Final = "application/vnd.tipline."


def sniff_image(data: bytes) -> str | None:
    """Return the inline-safe image type of ``data`` from its leading bytes, or ``None``."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in _IMAGE_MAGIC if data.startswith(magic)), None)


def _command(*words: str) -> str:
    return _e(shlex.join(words))


def _actions(draft: ReportDraft, config_path: str | None) -> str:
    blocked = draft.blocking_missing()
    note = (
        '<p class="req">Approval is blocked until the required fields are set '
        "(fix the config, then rebuild).</p>"
        if blocked
        else ""
    )
    group = ["tipline", "reports", *(["--config", config_path] if config_path else [])]
    did = draft.draft_id
    reveal = _command(
        *group, "html", did, "--out", f"review-{did}.html", "--reveal", "--reason", f"case {did}"
    )
    approve = _command(*group, "approve", did, "--reviewer", "YOUR-NAME")
    reject = _command(
        *group, "reject", did, "--reviewer", "YOUR-NAME", "--reason", "false positive"
    )
    rebuild = _command(*group, "rebuild", did, "--reviewer", "YOUR-NAME")
    submit = _command(*group, "submit", did, "--reason", f"case {did}")
    show = _command(*group, "show", did, "--xml")
    return (
        f'<h2>Review</h2><div class="box">{note}'
        "Commands (the operator is <code>$TIPLINE_OPERATOR</code> or <code>--operator NAME</code>;"
        " replace <code>YOUR-NAME</code> and the reasons):<br>"
        f"Reveal text and media: <code>{reveal}</code><br>"
        f"Approve: <code>{approve}</code><br>"
        f"Reject: <code>{reject}</code><br>"
        f"Rebuild from the current config: <code>{rebuild}</code><br>"
        f"Submit: <code>{submit}</code><br>"
        "Or in the browser: <code>tipline review serve</code>. "
        f"The exact XML: <code>{show}</code></div>"
    )


def render_review_page(
    draft: ReportDraft,
    now: datetime,
    revealed: Mapping[str, bytes] | None = None,
    *,
    conversation: Sequence[TimelineMessage] | None = None,
    config_path: str | None = None,
) -> str:
    """Render the reviewer page for ``draft`` as one self-contained HTML document.

    Args:
        draft: the draft to review.
        now: the current time (for the deadline countdown).
        revealed: item id → bytes read through the vault, only for ``--reveal``.
        conversation: the case's timeline from the case service (with the
            messages that followed the trigger, and text only after a logged
            reveal); without it the draft's own timeline is shown.
        config_path: the ``--config`` the commands on the page should name.

    Returns:
        The HTML text.

    """
    shown = revealed is not None or any(m.text is not None for m in conversation or [])
    body = "".join(
        [
            _header(draft, now),
            _missing(draft.missing),
            _decision(draft),
            _matches(draft.files),
            _timeline(_rows(draft, revealed, conversation), shown),
            _content(draft, revealed),
            _files(draft.files),
            _accounts(draft.accounts),
            _actions(draft, config_path),
        ]
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>Draft {_e(draft.draft_id)}</title><style>{CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )
