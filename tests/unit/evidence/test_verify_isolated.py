"""Verification checks tested one at a time, each the *only* check that can fail.

Issue #19: a tampered manifest trips the hash check before the signature
check, so removing the signature check went unnoticed. Here the signed bytes
stay intact and only the signature is re-made by another key; the checkpoint
likewise; a later manifest version changing earlier items and a plaintext
whose digest differs from the manifest are checked against the one function
that must notice.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timedelta
from pathlib import Path

import msgspec
import pytest
from evidence_helpers import T0, inline, make_decision, make_event, noise_bytes

from tipline.operators.evidence.canonical import canonical_bytes, digests_of
from tipline.operators.evidence.custody import _checkpoint_message
from tipline.operators.evidence.keys import SigningKey, new_data_key
from tipline.operators.evidence.package import PlainItem, decode_manifest, decode_signature, seal
from tipline.operators.evidence.verify import VerifyReport, _check_item, _check_versions
from tipline.schemas.evidence import CustodyCheckpoint, ManifestItem
from tipline.services.evidence import EvidenceService

NOW = T0 + timedelta(minutes=30)


def _package(service: EvidenceService) -> str:
    event = make_event(10, attachments=[inline("att-1", noise_bytes(2048))])
    receipt = service.package(make_decision(event), event, attachments={}, context=[], now=NOW)
    return receipt.package_id


def _rewrite(path: Path, data: bytes) -> None:
    path.chmod(0o644)
    path.write_bytes(data)


def _objects(tmp_path: Path, pid: str) -> Path:
    return tmp_path / "vault" / "objects" / "packages" / pid


def test_a_manifest_signature_by_another_key_is_the_only_problem(
    service: EvidenceService, tmp_path: Path
) -> None:
    pid = _package(service)
    assert service.verify(pid).problems == []
    sig_path = _objects(tmp_path, pid) / "manifest" / "v0001.sig.json"
    sig = decode_signature(sig_path.read_bytes())
    body = (_objects(tmp_path, pid) / "manifest" / "v0001.json").read_bytes()
    assert sig.manifest_sha256 == hashlib.sha256(body).hexdigest()
    forged = SigningKey(os.urandom(32)).sign(body)  # a valid Ed25519 signature, wrong key
    _rewrite(sig_path, canonical_bytes(msgspec.structs.replace(sig, signature=forged)))
    problems = service.verify(pid).problems
    key = f"packages/{pid}/manifest/v0001.json"
    assert [p for p in problems if "stored versions" not in p] == [
        f"{key}: Ed25519 signature by {sig.key_id!r} does not verify"
    ]


def test_a_manifest_signed_by_an_unknown_key_is_reported(
    service: EvidenceService, tmp_path: Path
) -> None:
    pid = _package(service)
    sig_path = _objects(tmp_path, pid) / "manifest" / "v0001.sig.json"
    sig = decode_signature(sig_path.read_bytes())
    body = (_objects(tmp_path, pid) / "manifest" / "v0001.json").read_bytes()
    other = SigningKey(os.urandom(32))
    forged = msgspec.structs.replace(sig, key_id=other.key_id, signature=other.sign(body))
    _rewrite(sig_path, canonical_bytes(forged))
    problems = [p for p in service.verify(pid).problems if "stored versions" not in p]
    assert len(problems) == 1
    assert f"signed by unknown key {other.key_id!r}" in problems[0]


def test_a_checkpoint_signature_by_another_key_is_the_only_problem(
    service: EvidenceService, tmp_path: Path
) -> None:
    pid = _package(service)
    cp_path = _objects(tmp_path, pid) / "custody" / "checkpoint-00000000.json"
    cp = msgspec.json.decode(cp_path.read_bytes(), type=CustodyCheckpoint)
    message = _checkpoint_message(pid, cp.seq, cp.head_sha256, cp.at)
    forged = SigningKey(os.urandom(32)).sign(message)
    _rewrite(cp_path, canonical_bytes(msgspec.structs.replace(cp, signature=forged)))
    problems = [p for p in service.verify(pid).problems if "stored versions" not in p]
    assert problems == [
        f"packages/{pid}/custody/checkpoint-00000000.json: "
        f"Ed25519 signature by {cp.key_id!r} does not verify"
    ]


# ---------------------------------------------------------------- operator level


def _manifest_items(n: int) -> tuple[bytes, list[tuple[object, bytes, bytes]]]:
    key = new_data_key()
    out = []
    for i in range(n):
        data = noise_bytes(300 + i, seed=i)
        item = PlainItem(
            item_id=f"item-{i}", role="attachment", media_type="image/png", data=data,
            digests=digests_of(data),
        )  # fmt: skip
        entry, ciphertext = seal("pkg-1", key, item)
        out.append((entry, ciphertext, data))
    return key, out


def test_a_later_version_must_not_change_earlier_items(
    service: EvidenceService, tmp_path: Path
) -> None:
    pid = _package(service)
    v1 = decode_manifest((_objects(tmp_path, pid) / "manifest" / "v0001.json").read_bytes())
    assert len(v1.items) >= 2
    _, sealed = _manifest_items(1)
    extra = sealed[0][0]

    def v2(items: list[ManifestItem], prev: str = "sha-of-v1") -> list[str]:
        later = msgspec.structs.replace(v1, version=2, items=items, previous_manifest_sha256=prev)
        report = VerifyReport(package_id=pid)
        _check_versions([(v1, "sha-of-v1"), (later, "sha-of-v2")], report)
        return report.problems

    assert v2([*v1.items, extra]) == []  # appending is what a supplement does
    changed = msgspec.structs.replace(v1.items[0], sha256="0" * 64)
    assert v2([changed, *v1.items[1:], extra]) == ["manifest v0002: changes items of v0001"]
    assert v2([*v1.items[1:], extra]) == ["manifest v0002: changes items of v0001"]
    assert v2([*v1.items, extra], prev="another") == [
        "manifest v0002: previous_manifest_sha256 does not match v0001"
    ]


class _Reader:
    def __init__(self, objects: dict[str, bytes]) -> None:
        self.objects = objects

    def get(self, key: str) -> bytes:
        return self.objects[key]


@pytest.mark.parametrize("field", ["sha256", "sha1", "md5", "size_bytes"])
def test_the_plaintext_digest_check_is_the_only_problem(field: str) -> None:
    key, sealed = _manifest_items(1)
    entry, ciphertext, data = sealed[0]
    reader = _Reader({entry.cipher.object_key: ciphertext})  # type: ignore[attr-defined]
    report = VerifyReport(package_id="pkg-1")
    _check_item(reader, entry, key, report)  # type: ignore[arg-type]
    assert (report.problems, report.items_checked, report.plaintext_checked) == ([], 1, 1)
    wrong = 1 if field == "size_bytes" else "f" * len(getattr(entry, field))
    lied = msgspec.structs.replace(entry, **{field: wrong})  # type: ignore[type-var]
    report = VerifyReport(package_id="pkg-1")
    _check_item(reader, lied, key, report)  # type: ignore[arg-type]
    actual = getattr(digests_of(data), field)
    assert report.problems == [
        f"item 'item-0': {field} of the original bytes is {actual} (manifest says {wrong})"
    ]


def test_a_supplement_plan_is_version_n_plus_one_in_utc(
    service: EvidenceService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time
    from datetime import timezone

    from tipline.operators.evidence.package import build_supplement

    monkeypatch.setenv("TZ", "Asia/Kolkata")  # a local zone that is not UTC
    time.tzset()
    try:
        pid = _package(service)
        raw = (_objects(tmp_path, pid) / "manifest" / "v0001.json").read_bytes()
        v1 = decode_manifest(raw)
        data = noise_bytes(77, seed=9)
        item = PlainItem(item_id="later-1", role="message", media_type="application/json",
                         data=data, digests=digests_of(data))  # fmt: skip
        signer = SigningKey(os.urandom(32))
        at = datetime(2026, 11, 27, 20, 0, tzinfo=timezone(timedelta(hours=2)))
        plan = build_supplement(
            v1, hashlib.sha256(raw).hexdigest(), [item], data_key=new_data_key(),
            signer=signer, created_at=at,
        )  # fmt: skip
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert plan is not None
    assert plan.package_id == pid
    assert plan.manifest.version == 2
    assert plan.manifest.created_at == at and plan.manifest.created_at.utcoffset() == timedelta(0)
    assert plan.manifest_bytes == canonical_bytes(plan.manifest)
    assert plan.manifest.items[: len(v1.items)] == v1.items
    assert [i.item_id for i in plan.manifest.items[len(v1.items) :]] == ["later-1"]
