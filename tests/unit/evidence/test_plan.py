"""The pure evidence planner: a case becomes objects, manifest, custody event and receipt.

Keys, nonces (derived from the data key and the item) and Ed25519 signatures
are deterministic, so the planned objects are golden: the same case and keys
give the same bytes, before and after a crash.
"""

from __future__ import annotations

import hashlib
import time
from datetime import datetime, timedelta

import pytest
from evidence_helpers import T0, inline, make_decision, make_event, noise_bytes

from tipline.operators.evidence.canonical import canonical_bytes
from tipline.operators.evidence.keys import SigningKey, open_item_bytes
from tipline.operators.evidence.package import decode_manifest, manifest_key
from tipline.operators.evidence.plan import PlanContext, WritePlan, plan_package
from tipline.schemas.errors import EvidenceError
from tipline.schemas.evidence import EvidenceItemRef, RetentionConfig, WrappedKeyRef

DATA_KEY = bytes(range(32))
SIGNER = SigningKey(b"\x07" * 32)
REF = WrappedKeyRef(master_key_id="master-v0001", alg="aes-256-gcm", wrapped_sha256="0" * 64)
NOW = T0 + timedelta(minutes=30)

# SHA-256 of every planned object, frozen from the planner (a change here is a
# change of the stored evidence format and must be deliberate).
GOLDEN = {
    "att": "9561e09816a6dd725a43df834d990bb96713bc13cb1ddbee38d4bddc82eb12ad",
    "message": "dcdf18d2926248e58fc26176eb54ec70e4eccb36e628b8e61d89a3520091816a",
    "context-preceding": "22140b2ebc5e96afb0e8bc2fcf02604d87b144deb0818bbc4f2480ceac9dd756",
    "decision": "9322e3d48e1f04d8651688828ee9708c8ed5cacf7ffe940817773e229ebe5ceb",
    "manifest": "0a2e74695bbf6c93b58c2c33b659a5bba5dfa8a8cf1da396f6fe32b790a248c3",
    "signature": "293116749ebe3e2050f112964b8cf503eefe7f7004165c4280edc0cdcdbd54c0",
}


def _ctx(stored: bytes | None = None, now: datetime = NOW) -> PlanContext:
    return PlanContext(
        data_key=DATA_KEY,
        key=REF,
        signer=SIGNER,
        retention=RetentionConfig(),
        location="file:///vault",
        now=now,
        stored_manifest=stored,
    )


def _plan(stored: bytes | None = None, now: datetime = NOW) -> WritePlan:
    image = noise_bytes(512, seed=3)
    event = make_event(5, attachments=[inline("img-1", image)])
    context = [make_event(3, text="hi"), make_event(4, text="how was school")]
    decision = make_decision(event)
    return plan_package(decision, event, attachments={}, context=context, ctx=_ctx(stored, now))


def _kind(key: str) -> str:
    name = key.rsplit("/", 1)[-1]
    if name.endswith(".sig.json"):
        return "signature"
    if "/manifest/" in key:
        return "manifest"
    return name.split("-", 1)[0] if name.startswith("att-") else name.split(".")[0]


def test_the_plan_lists_items_then_manifest_then_signature() -> None:
    plan = _plan()
    kinds = [_kind(k) for k, _ in plan.objects]
    assert kinds[-2:] == ["manifest", "signature"]
    assert plan.objects[-2][0] == manifest_key(plan.package_id, 1)
    assert len(plan.objects) == len(plan.manifest.items) + 2
    assert [i.role for i in plan.manifest.items] == ["attachment", "message", "context", "decision"]


def test_the_planned_objects_are_golden_and_deterministic() -> None:
    first, second = _plan(), _plan()
    _assert_golden(first, second)


@pytest.mark.usefixtures("far_from_utc")
def test_the_host_time_zone_does_not_change_a_stored_byte() -> None:
    """Every time in a manifest is UTC: a vault written from a host in UTC+05:30
    holds the same bytes (mutation survivors: ``astimezone(None)``)."""
    assert time.localtime(0).tm_gmtoff == 5 * 3600 + 1800
    _assert_golden(_plan(), _plan())


def _assert_golden(first: WritePlan, second: WritePlan) -> None:
    assert first.objects == second.objects
    digests = {_kind(k): hashlib.sha256(v).hexdigest() for k, v in first.objects}
    assert set(digests) == set(GOLDEN)
    for kind, want in GOLDEN.items():
        assert digests[kind] == want, kind


def test_sealed_items_open_to_the_bytes_the_manifest_hashes() -> None:
    plan = _plan()
    stored = dict(plan.objects)
    for item in plan.manifest.items:
        plain = open_item_bytes(
            DATA_KEY,
            package_id=plan.package_id,
            item_id=item.item_id,
            nonce=bytes.fromhex(item.cipher.nonce),
            ciphertext=stored[item.cipher.object_key],
        )
        assert hashlib.sha256(plain).hexdigest() == item.sha256
    attachment = next(i for i in plan.manifest.items if i.role == "attachment")
    assert attachment.sha256 == hashlib.sha256(noise_bytes(512, seed=3)).hexdigest()


def test_custody_event_and_receipt_describe_the_manifest() -> None:
    plan = _plan()
    body = dict(plan.objects)[manifest_key(plan.package_id, 1)]
    assert body == canonical_bytes(plan.manifest)
    assert plan.manifest_sha256 == hashlib.sha256(body).hexdigest()
    event = plan.custody
    assert (event.action, event.at, event.seq) == ("packaged", NOW, -1)
    assert event.manifest_sha256 == plan.manifest_sha256
    assert event.item_ids == [i.item_id for i in plan.manifest.items]
    assert event.retain_until == plan.retain_until > NOW
    receipt = plan.receipt
    assert receipt.manifest_sha256 == plan.manifest_sha256
    assert receipt.location == f"file:///vault/{manifest_key(plan.package_id, 1)}"
    assert (receipt.retain_until, receipt.signing_key_id) == (plan.retain_until, SIGNER.key_id)
    assert receipt.stored_at == plan.manifest.created_at == NOW
    # every field of every receipt item is the manifest item's (hashes, names, places)
    assert len(receipt.items) == len(plan.manifest.items)
    for ref, item in zip(receipt.items, plan.manifest.items, strict=True):
        for name in EvidenceItemRef.__struct_fields__:
            assert getattr(ref, name) == getattr(item, name), (item.item_id, name)
    by_role = {ref.role: ref for ref in receipt.items}
    assert (by_role["attachment"].file_name, by_role["attachment"].media_type) == (
        "img-1.png",
        "image/png",
    )
    assert by_role["message"].event_id == "evt-0005"
    assert by_role["context"].position == "preceding"


def test_a_resumed_plan_rewrites_the_same_objects_around_the_stored_manifest() -> None:
    first = _plan()
    body = dict(first.objects)[manifest_key(first.package_id, 1)]
    later = NOW + timedelta(hours=1)
    resumed = _plan(stored=body, now=later)
    manifest = manifest_key(first.package_id, 1)
    # the stored manifest is not written again; everything else is, byte for byte
    assert sorted(resumed.objects) == sorted(o for o in first.objects if o[0] != manifest)
    assert decode_manifest(body) == resumed.manifest
    assert resumed.manifest.created_at == NOW
    assert resumed.custody.at == later  # the commit happens now


def test_a_none_decision_is_not_planned() -> None:
    event = make_event(1)
    with pytest.raises(EvidenceError, match="cannot be packaged"):
        plan_package(
            make_decision(event, outcome="none"), event, attachments={}, context=[], ctx=_ctx()
        )
