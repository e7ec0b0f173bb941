"""Trigger A (issue #13): a hostile account name must never make a draft invalid.

A report-worthy message whose sender ``screen_name`` contained ``\\u0001`` made
the draft step raise ``ReportError`` and the job exit. Every text that goes into
the report XML is now made XML-1.0-safe, so a draft always validates; the
property test below feeds arbitrary unicode into every free-text field.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.reports.builders import T0, csam_case, reports_cfg
from tipline.operators.report import build_draft, render_review_page, validate_report_xml
from tipline.operators.report.xml_tree import xml_safe
from tipline.schemas.event import Account, Attachment, Client, MessageEvent, PriorAction
from tipline.schemas.report import decode_draft, encode_draft

NOT_XML = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"]


def _hostile_sender(name: str) -> MessageEvent:
    _, _, event = csam_case()
    sender = msgspec.structs.replace(event.sender, screen_name=name, display_name=name)
    return msgspec.structs.replace(event, sender=sender)


def test_control_character_in_screen_name_still_gives_a_valid_draft() -> None:
    receipt, decision, _ = csam_case()
    event = _hostile_sender("dave\u0001")
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    validate_report_xml(draft.report_xml)
    assert "\x01" not in draft.report_xml
    screen = ET.fromstring(draft.report_xml).find("personOrUserReported/screenName")
    assert screen is not None
    assert screen.text == "dave\ufffd"


def test_every_character_outside_xml_1_0_is_replaced() -> None:
    receipt, decision, _ = csam_case()
    for ch in NOT_XML:
        draft = build_draft(receipt, decision, _hostile_sender(f"a{ch}b"), reports_cfg(), T0)
        validate_report_xml(draft.report_xml)
        assert ch not in draft.report_xml
        # the draft JSON and the reviewer page encode as UTF-8 (no lone surrogates)
        assert decode_draft(encode_draft(draft)).accounts[0].screen_name == "a\ufffdb"
        render_review_page(draft, now=T0).encode("utf-8")


def test_xml_safe_keeps_allowed_characters() -> None:
    text = "tab\tnl\ncr\r é ж 漢 \U0001f600 \u202e rtl <&>\"'"
    assert xml_safe(text) == text
    assert xml_safe("\x00\ud800\uffff") == "\ufffd\ufffd\ufffd"


free_text = st.text(st.characters(codec=None, categories=None), max_size=40) | st.sampled_from(
    ["", " ", *NOT_XML, "]]>", "<x/>", "&amp;", "\u202e"]
)


def _account(user_id: str, text: st.DrawFn) -> Account:
    return Account(
        user_id=user_id,
        screen_name=text(free_text),
        display_name=text(free_text),
        email=text(free_text),
        phone=text(free_text),
        country="US",
        declared_age=text(st.none() | st.integers(0, 130)),
        prior_actions=[PriorAction(action=text(free_text) or "x", reason=text(free_text))],
    )


@st.composite
def hostile_events(draw: st.DrawFn) -> MessageEvent:
    _, _, event = csam_case()
    user_id = draw(free_text.filter(bool))
    child_id = draw(free_text.filter(bool))
    return msgspec.structs.replace(
        event,
        event_id=draw(free_text.filter(bool)),
        session_id=draw(free_text.filter(bool)),
        platform=draw(free_text),
        sender=_account(user_id, draw),
        recipients=[_account(child_id, draw)],
        attachments=[
            Attachment(
                attachment_id="att-1",
                media_type=draw(st.sampled_from(["image/jpeg", "image/png", "video/mp4"])),
                file_name=draw(free_text),
                data_b64=b"\x89PNG",
            )
        ],
        client=Client(ip="fe80::1", port=1, protocol=draw(free_text), user_agent=draw(free_text)),
    )


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(hostile_events())
def test_any_unicode_in_free_text_fields_gives_a_draft_that_validates(event: MessageEvent) -> None:
    receipt, decision, _ = csam_case()
    decision = msgspec.structs.replace(
        decision,
        event_id=event.event_id,
        session_id=event.session_id,
        sender_id=event.sender.user_id,
        recipient_ids=[event.recipients[0].user_id],
    )
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    validate_report_xml(draft.report_xml)  # build_draft validated too; check what we keep
    encoded = encode_draft(draft)
    encoded.decode("utf-8")
    assert decode_draft(encoded).report_xml == draft.report_xml
    render_review_page(draft, now=T0).encode("utf-8")
