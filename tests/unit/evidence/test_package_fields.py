"""What the manifest records, field by field, and that no host setting changes it.

Mutation survivors of issue #19 in ``operators/evidence/package.py``: the
decision summary's report type, annotations and list versions could be dropped,
every timestamp could be converted to the host's local zone instead of UTC,
and the fast first-touch path's custody exception could lose its message
(tested in test_first_touch.py).
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

import msgspec
import pytest
from evidence_helpers import T0, inline, make_decision, make_event

from tipline.operators.evidence.keys import SigningKey
from tipline.operators.evidence.package import (
    PackageInputs,
    attachment_items,
    build_package,
    conversation_item,
    manifest_key,
    message_item,
    package_id_for,
    receipt_items,
    seal,
    strip_inline,
    summarise,
)
from tipline.schemas.event import Attachment
from tipline.schemas.evidence import WrappedKeyRef
from tipline.schemas.hashing import AttachmentVerdict

DATA = bytes(range(256)) * 4


def test_the_decision_summary_keeps_report_type_annotations_and_list_versions() -> None:
    event = make_event(5)
    verdicts = [
        AttachmentVerdict(attachment_id="a", status="hashed", list_versions={"ncmec": "v12"}),
        AttachmentVerdict(attachment_id="b", status="hashed", list_versions={"industry": "v3"}),
    ]
    decision = msgspec.structs.replace(
        make_decision(event, verdicts=verdicts),
        report_type="online_enticement",
        annotations=["potential_meme"],
    )
    summary = summarise(decision)
    assert summary.report_type == "online_enticement"
    assert summary.annotations == ["potential_meme"]
    assert summary.list_versions == {"ncmec": "v12", "industry": "v3"}
    assert summary.reasons == ["hash:exact:test-list"]
    assert summary.detector_version == "tipline-test"


@pytest.mark.usefixtures("far_from_utc")
def test_every_manifest_time_is_utc_whatever_the_host_zone() -> None:
    assert time.localtime(0).tm_gmtoff == 5 * 3600 + 1800  # the fixture took effect
    event = make_event(5, at=T0 + timedelta(minutes=5))
    first = make_event(3, at=T0 + timedelta(minutes=3))
    assert message_item(event, role="message").sent_at.utcoffset() == timedelta(0)
    conversation = conversation_item([event, first])
    assert conversation is not None
    assert conversation.sent_at == T0 + timedelta(minutes=3)
    assert conversation.sent_at.utcoffset() == timedelta(0)
    assert summarise(make_decision(event)).decided_at.utcoffset() == timedelta(0)


def test_a_built_package_names_its_id_and_the_digest_of_its_manifest_bytes() -> None:
    event = make_event(5)
    inputs = PackageInputs(
        package_id=package_id_for(event.event_id),
        decision=make_decision(event),
        event=event,
        jurisdictions=["US"],
        created_at=T0,
        data_key=bytes(range(32)),
        key=WrappedKeyRef(master_key_id="m-1", alg="aes-256-gcm", wrapped_sha256="0" * 64),
    )
    plan = build_package(
        inputs, [message_item(event, role="message")], {}, SigningKey(b"\x07" * 32)
    )
    assert plan.package_id == inputs.package_id
    assert plan.manifest_sha256 == hashlib.sha256(plan.manifest_bytes).hexdigest()
    assert plan.objects[-2] == (manifest_key(inputs.package_id, 1), plan.manifest_bytes)
    (ref,) = receipt_items(plan.manifest)
    assert ref.event_id == event.event_id
    assert (ref.item_id, ref.role, ref.sha256) == (
        "message",
        "message",
        plan.manifest.items[0].sha256,
    )


def test_a_moved_item_is_stored_under_its_ciphertext_digest() -> None:
    """A crashed attempt took the plain key with other bytes: the item moves to
    ``<item>.<first 16 hex of the ciphertext's SHA-256>.bin``."""
    item = message_item(make_event(5), role="message")
    plain, ciphertext = seal("pkg-1", bytes(range(32)), item)  # not moved unless told
    moved, same = seal("pkg-1", bytes(range(32)), item, moved=True)
    assert same == ciphertext
    digest = hashlib.sha256(ciphertext).hexdigest()
    assert plain.cipher.object_key == "packages/pkg-1/items/message.bin"
    assert moved.cipher.object_key == f"packages/pkg-1/items/message.{digest[:16]}.bin"
    assert moved.cipher.ciphertext_sha256 == digest


def test_inline_bytes_are_stripped_and_other_attachments_left_as_they_are() -> None:
    by_uri = Attachment(attachment_id="u", media_type="image/png", uri="s3://bucket/u.png")
    event = make_event(5, attachments=[inline("i", DATA), by_uri])
    stripped = strip_inline(event)
    assert [a.data_b64 for a in stripped.attachments] == [b"", None]
    assert stripped.attachments[1] == by_uri


def test_every_attachment_is_packaged_or_named_unavailable_with_its_reason() -> None:
    """An attachment without bytes does not end the list; its reason is the
    matcher's status when there is a verdict."""
    failed = Attachment(attachment_id="f", media_type="image/png", uri="s3://bucket/f.png")
    missing = Attachment(attachment_id="m", media_type="image/png", uri="s3://bucket/m.png")
    event = make_event(5, attachments=[failed, missing, inline("i", DATA)])
    verdicts = [AttachmentVerdict(attachment_id="f", status="fetch_failed")]
    items, unavailable = attachment_items(make_decision(event, verdicts=verdicts), event, {})
    assert unavailable == {"f": "fetch_failed", "m": "bytes_not_given"}
    assert [i.attachment_id for i in items] == ["i"]
    assert items[0].digests.sha256 == hashlib.sha256(DATA).hexdigest()
