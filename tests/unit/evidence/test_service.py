from __future__ import annotations

import base64
import hashlib
import os
from datetime import timedelta
from pathlib import Path

import msgspec
import pytest
from evidence_helpers import T0, evidence_config, inline, make_decision, make_event, noise_bytes

from tipline.operators.evidence.package import package_id_for
from tipline.schemas.errors import (
    AccessDeniedError,
    ConfigError,
    EvidenceError,
    RetentionError,
    VaultWriteError,
)
from tipline.schemas.event import Attachment
from tipline.schemas.evidence import KeyConfig
from tipline.schemas.hashing import AttachmentVerdict, HashValue
from tipline.services.evidence import EvidenceService, build_evidence_service, open_item

TEXT = "see you at practice tomorrow"
NOW = T0 + timedelta(minutes=30)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _package(service: EvidenceService, image: bytes | None = None, **kw: object):  # type: ignore[no-untyped-def]
    image = image if image is not None else noise_bytes(4096)
    event = make_event(10, attachments=[inline("att-1", image)])
    verdict = AttachmentVerdict(
        attachment_id="att-1",
        status="hashed",
        sha256=hashlib.sha256(image).hexdigest(),
        hashes=[HashValue(algorithm="pdq", value="ab" * 32, quality=90)],
        list_versions={"test-list": "v7"},
    )
    context = [make_event(n, text=f"neutral message {n}") for n in range(3)]
    decision = make_decision(event, verdicts=[verdict])
    receipt = service.package(decision, event, attachments={}, context=context, now=NOW)
    return receipt, event, decision


def test_receipt_lists_every_item_with_original_hashes(service: EvidenceService) -> None:
    image = noise_bytes(10_000)
    receipt, event, _ = _package(service, image)
    assert receipt.package_id == package_id_for(event.event_id)
    roles = sorted(i.role for i in receipt.items)
    assert roles == ["attachment", "context", "decision", "message"]
    att = next(i for i in receipt.items if i.role == "attachment")
    assert att.sha256 == hashlib.sha256(image).hexdigest()
    assert att.md5 == hashlib.md5(image).hexdigest()
    assert att.size_bytes == len(image)
    assert att.pdq == "ab" * 32
    assert receipt.retain_until == NOW.replace(microsecond=0) + timedelta(days=365)
    assert receipt.signing_key_id == service.keys.signer.key_id


def test_second_package_call_writes_nothing(service: EvidenceService, tmp_path: Path) -> None:
    first, event, decision = _package(service)
    before = _files(tmp_path)
    again = service.package(decision, event, attachments={}, context=[], now=NOW + timedelta(1))
    assert again == first
    assert _files(tmp_path) == before


def test_retry_after_crash_before_commit_completes_the_package(
    service: EvidenceService, tmp_path: Path
) -> None:
    receipt, event, decision = _package(service)
    pid = receipt.package_id
    vault_root = tmp_path / "vault"
    for rel in (
        "custody/00000000.json",
        "custody/checkpoint-00000000.json",
        "manifest/v0001.sig.json",
    ):
        path = vault_root / "objects" / "packages" / pid / rel
        path.chmod(0o644)
        path.unlink()
    again = service.package(decision, event, attachments={}, context=[], now=NOW + timedelta(1))
    assert again.manifest_sha256 == receipt.manifest_sha256
    assert service.verify(pid).ok


def test_no_content_outside_encrypted_items(service: EvidenceService, tmp_path: Path) -> None:
    image = noise_bytes(8192, seed=7)
    _package(service, image)
    for name, data in _files(tmp_path).items():
        assert TEXT.encode() not in data, name
        assert b"neutral message" not in data, name
        assert b"203.0.113.9" not in data, name
        assert image[:64] not in data, name


def test_uri_attachment_bytes_come_from_the_mapping(service: EvidenceService) -> None:
    data = noise_bytes(3000, seed=3)
    att = Attachment(attachment_id="u1", media_type="image/jpeg", uri="s3://bucket/key.jpg")
    event = make_event(20, attachments=[att])
    receipt = service.package(
        make_decision(event), event, attachments={"u1": data}, context=[], now=NOW
    )
    item = next(i for i in receipt.items if i.role == "attachment")
    assert item.sha256 == hashlib.sha256(data).hexdigest()
    manifest, _ = service.latest_manifest(receipt.package_id)
    assert manifest.items[0].source_uri == "s3://bucket/key.jpg"


def test_missing_uri_bytes_are_recorded_as_unavailable(service: EvidenceService) -> None:
    att = Attachment(attachment_id="u1", media_type="image/jpeg", uri="s3://bucket/key.jpg")
    event = make_event(21, attachments=[att])
    receipt = service.package(make_decision(event), event, attachments={}, context=[], now=NOW)
    manifest, _ = service.latest_manifest(receipt.package_id)
    assert manifest.unavailable == {"u1": "bytes_not_given"}


def test_bytes_differing_from_first_touch_are_a_custody_exception(
    service: EvidenceService,
) -> None:
    event = make_event(30, attachments=[inline("att-1", noise_bytes(100))])
    wrong = AttachmentVerdict(attachment_id="att-1", status="hashed", sha256="00" * 32)
    with pytest.raises(EvidenceError, match=r"'att-1'.*first touch recorded 0000"):
        service.package(
            make_decision(event, verdicts=[wrong]), event, attachments={}, context=[], now=NOW
        )


def test_none_decisions_are_not_packaged(service: EvidenceService) -> None:
    event = make_event(31)
    with pytest.raises(EvidenceError, match="'none'"):
        service.package(make_decision(event, "none"), event, attachments={}, context=[], now=NOW)


def test_review_package_gets_triage_retention(service: EvidenceService) -> None:
    event = make_event(32)
    receipt = service.package(
        make_decision(event, "review"), event, attachments={}, context=[], now=NOW
    )
    assert receipt.retain_until == NOW + timedelta(days=30)


def test_following_context_is_a_new_manifest_version(service: EvidenceService) -> None:
    receipt, _, _ = _package(service)
    pid = receipt.package_id
    v1_items = receipt.items
    later = service.add_context(pid, make_event(11, text="ok"), NOW + timedelta(minutes=1))
    assert later.manifest_version == 2
    assert later.items[: len(v1_items)] == v1_items
    assert later.items[-1].position == "following"
    same = service.add_context(pid, make_event(11, text="ok"), NOW + timedelta(minutes=2))
    assert same.manifest_version == 2
    report = service.verify(pid)
    assert report.ok, report.problems
    assert report.manifests == 2


def test_open_item_logs_custody_first_and_checks_roles(service: EvidenceService) -> None:
    image = noise_bytes(5000, seed=9)
    receipt, _, _ = _package(service, image)
    pid = receipt.package_id
    att = next(i for i in receipt.items if i.role == "attachment")
    with pytest.raises(AccessDeniedError, match="'mallory'"):
        open_item(service, pid, att.item_id, operator="mallory", reason="case-1", now=NOW)
    with pytest.raises(AccessDeniedError, match="reason"):
        open_item(service, pid, att.item_id, operator="bob", reason=" ", now=NOW)
    assert service.item_viewed(pid, att.item_id) is None
    data = open_item(service, pid, att.item_id, operator="bob", reason="case-1", now=NOW)
    assert data == image
    viewed = service.item_viewed(pid, att.item_id)
    assert viewed is not None
    assert (viewed.operator, viewed.reason, viewed.action) == ("bob", "case-1", "viewed")
    with pytest.raises(AccessDeniedError, match="exporter"):
        service.open_item(pid, att.item_id, operator="bob", reason="c", now=NOW, action="exported")


def test_open_of_tampered_item_is_logged_then_refused(
    service: EvidenceService, tmp_path: Path
) -> None:
    receipt, _, _ = _package(service)
    pid = receipt.package_id
    path = tmp_path / "vault" / "objects" / "packages" / pid / "items" / "message.bin"
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[20] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(EvidenceError):
        service.open_item(pid, "message", operator="alice", reason="case-2", now=NOW)
    assert [e.action for e in service.custody_log(pid)][-1] == "viewed"


def _tamper(path: Path, mutate: object) -> None:
    path.chmod(0o644)
    path.write_bytes(mutate(path.read_bytes()))  # type: ignore[operator]


@pytest.mark.parametrize(
    ("rel", "expect"),
    [
        (
            "manifest/v0001.json",
            (
                "v0001.json: SHA-256 is",  # the signature object covers other bytes …
                "v0001.json: Ed25519 signature by",  # … and the signature does not verify
                "manifest v0001 (SHA-256",  # the custody log never recorded these bytes
                "custody event 0 (packaged) records manifest SHA-256",
            ),
        ),
        ("items/decision.bin", ("items/decision.bin: ciphertext SHA-256 is",)),
        (
            "custody/00000000.json",
            ("checkpoint-00000000.json: signed head",),
        ),
    ],
)
def test_verify_detects_tampering(
    service: EvidenceService, tmp_path: Path, rel: str, expect: tuple[str, ...]
) -> None:
    receipt, _, _ = _package(service)
    pid = receipt.package_id
    assert service.verify(pid).ok
    path = tmp_path / "vault" / "objects" / "packages" / pid / rel
    if rel.endswith(".json"):
        _tamper(
            path,
            lambda b: b.replace(b"tipline-test", b"tipline-tust").replace(
                b'"system:tipline"', b'"system:tiplinf"'
            ),
        )
    else:
        _tamper(path, lambda b: b[:-1] + bytes([b[-1] ^ 1]))
    report = service.verify(pid)
    assert not report.ok
    # every problem is one the tampering explains, and each expected one is there
    # (words like "signature" alone also appear in hash-mismatch messages: issue #19)
    assert len(report.problems) == len(expect), report.problems
    for want, problem in zip(expect, report.problems, strict=True):
        assert want in problem, report.problems


def test_verify_detects_a_rewritten_middle_custody_event(
    service: EvidenceService, tmp_path: Path
) -> None:
    receipt, _, _ = _package(service)
    pid = receipt.package_id
    for n in range(3):
        service.open_item(pid, "decision", operator="alice", reason=f"case-{n}", now=NOW)
    path = tmp_path / "vault" / "objects" / "packages" / pid / "custody" / "00000001.json"
    _tamper(path, lambda b: b.replace(b'"case-0"', b'"case-X"'))
    problems = service.verify(pid).problems
    assert any("00000002.json: prev_sha256" in p for p in problems), problems


def test_holds_extend_retention_and_block_destroy(service: EvidenceService) -> None:
    receipt, _, _ = _package(service)
    pid = receipt.package_id
    with pytest.raises(AccessDeniedError):
        service.add_hold(pid, kind="2703f", request_id="r1", agency=None, operator="bob", now=NOW)
    hold = service.add_hold(
        pid, kind="2703f", request_id="r1", agency="agency", operator="alice", now=NOW
    )
    renewed = service.extend_hold(pid, hold.hold_id, operator="alice", now=NOW + timedelta(80))
    assert renewed.expires_at == hold.expires_at + timedelta(days=90)  # type: ignore[operator]
    legal = service.add_hold(
        pid, kind="legal", request_id="court-1", agency="court", operator="alice", now=NOW
    )
    manifest_key = f"packages/{pid}/manifest/v0001.json"
    assert service.vault.legal_hold(manifest_key)
    assert service.vault.retention(manifest_key) == receipt.retain_until
    with pytest.raises(RetentionError, match="open holds"):
        service.destroy(pid, request_id="d1", operator="alice", now=NOW)
    service.release_hold(pid, legal.hold_id, operator="alice", now=NOW)
    assert not service.vault.legal_hold(manifest_key)
    service.release_hold(pid, hold.hold_id, operator="alice", now=NOW)
    assert service.receipt(pid).retain_until == receipt.retain_until
    assert [h.released_at is not None for h in service.holds(pid)] == [True, True]
    assert service.verify(pid).ok


def test_long_hold_extends_object_retention(service: EvidenceService) -> None:
    event = make_event(40)
    receipt = service.package(
        make_decision(event, "review"), event, attachments={}, context=[], now=NOW
    )
    pid = receipt.package_id
    hold = service.add_hold(
        pid, kind="2703f", request_id="r1", agency=None, operator="alice", now=NOW
    )
    key = f"packages/{pid}/items/message.bin"
    assert service.vault.retention(key) == hold.expires_at
    assert service.receipt(pid).retain_until == hold.expires_at


def test_submission_starts_the_2258a_clock(service: EvidenceService) -> None:
    receipt, _, _ = _package(service)
    later = service.record_submission(
        receipt.package_id, report_id="ct-1", operator="alice", now=NOW + timedelta(days=2)
    )
    assert later.retain_until == receipt.retain_until + timedelta(days=2)


def test_destroy_is_crypto_shredding_with_a_tombstone(service: EvidenceService) -> None:
    receipt, _, _ = _package(service)
    pid = receipt.package_id
    after = receipt.retain_until + timedelta(seconds=1)
    with pytest.raises(AccessDeniedError):
        service.destroy(pid, request_id="le-1", operator="bob", now=after)
    with pytest.raises(RetentionError, match="retained until"):
        service.destroy(pid, request_id="le-1", operator="alice", now=NOW)
    service.destroy(pid, request_id="le-1", operator="alice", now=after)
    assert service.key_store.get(pid) is None
    tomb = service.custody_log(pid)[-1]
    assert (tomb.action, tomb.request_id, tomb.operator) == ("destroyed", "le-1", "alice")
    with pytest.raises(EvidenceError, match="crypto-shredded"):
        service.open_item(pid, "message", operator="alice", reason="c", now=NOW)
    report = service.verify(pid)
    assert report.ok, report.problems
    assert report.destroyed and report.plaintext_checked == 0
    service.destroy(pid, request_id="le-1", operator="alice", now=after)  # idempotent
    assert [e.action for e in service.custody_log(pid)].count("destroyed") == 1


def test_missing_key_without_tombstone_fails_verify(service: EvidenceService) -> None:
    receipt, _, _ = _package(service)
    service.key_store.destroy(receipt.package_id)
    assert any("no 'destroyed'" in p for p in service.verify(receipt.package_id).problems)


def test_keys_from_env_and_dev_keys_refused_when_disallowed(tmp_path: Path) -> None:
    env = {
        "TIPLINE_MASTER_KEY": base64.b64encode(os.urandom(32)).decode(),
        "TIPLINE_SIGNING_KEY": base64.b64encode(os.urandom(32)).decode(),
    }
    svc = build_evidence_service(evidence_config(tmp_path), env=env)
    assert not svc.keys.dev
    assert not (tmp_path / "keys" / "dev-master.key").exists()
    strict = evidence_config(tmp_path, keys=KeyConfig(allow_dev_keys=False))
    with pytest.raises(ConfigError, match=r"\$TIPLINE_MASTER_KEY"):
        build_evidence_service(strict, env={})


def test_dev_keys_are_generated_once(tmp_path: Path) -> None:
    a = build_evidence_service(evidence_config(tmp_path), env={})
    b = build_evidence_service(evidence_config(tmp_path), env={})
    assert a.keys.dev and a.keys.signer.key_id == b.keys.signer.key_id
    mode = (tmp_path / "keys" / "dev-master.key").stat().st_mode & 0o777
    assert mode == 0o600


def test_show_is_metadata_only(service: EvidenceService) -> None:
    receipt, _, _ = _package(service)
    summary = service.show(receipt.package_id, NOW)
    blob = msgspec.json.encode(summary)
    assert TEXT.encode() not in blob
    assert summary.custody[0].action == "packaged"
    assert service.list_packages() == [receipt.package_id]


def test_unwritable_vault_raises_vault_write_error(tmp_path: Path) -> None:
    service = build_evidence_service(evidence_config(tmp_path), env={})
    (tmp_path / "vault" / "objects" / "packages").write_bytes(b"not a directory")
    event = make_event(50)
    with pytest.raises(VaultWriteError, match="write failed"):
        service.package(make_decision(event), event, attachments={}, context=[], now=NOW)
