"""Each check of verify_package, alone, with its exact problem text.

The manifest's own digest against its signature, an undecodable manifest, a
manifest that names another package at the right version, a missing or
altered item, an item that fails authentication, a second stored version of
an object, and the custody counts a report carries (mutation testing found
each unasserted).
"""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta
from pathlib import Path

import pytest
from evidence_helpers import T0, inline, make_decision, make_event, noise_bytes

from tipline.operators.evidence.package import decode_manifest, decode_signature
from tipline.schemas.errors import EvidenceError
from tipline.schemas.evidence import ManifestItem
from tipline.services.evidence import EvidenceService

NOW = T0 + timedelta(minutes=30)


def _package(service: EvidenceService, seed: int = 10) -> str:
    event = make_event(seed, attachments=[inline("att-1", noise_bytes(2048, seed=seed))])
    receipt = service.package(make_decision(event), event, attachments={}, context=[], now=NOW)
    return receipt.package_id


def _manifest(tmp_path: Path, pid: str, name: str = "v0001.json") -> Path:
    return tmp_path / "vault" / "objects" / "packages" / pid / "manifest" / name


def _rewrite(path: Path, data: bytes) -> None:
    path.chmod(0o644)
    path.write_bytes(data)


def test_a_manifest_whose_bytes_differ_from_the_signed_digest_names_both(
    service: EvidenceService, tmp_path: Path
) -> None:
    pid = _package(service)
    path = _manifest(tmp_path, pid)
    signed = decode_signature(_manifest(tmp_path, pid, "v0001.sig.json").read_bytes())
    body = path.read_bytes() + b"\n"  # the same manifest, one byte more
    _rewrite(path, body)
    digest = hashlib.sha256(body).hexdigest()
    problems = service.verify(pid).problems
    assert (
        f"packages/{pid}/manifest/v0001.json: SHA-256 is {digest[:16]}… "
        f"but its signature covers {signed.manifest_sha256[:16]}…"
    ) in problems
    # the custody chain recorded the signed bytes: the new ones are unrecorded,
    # the recorded ones missing
    assert (
        f"manifest v0001 (SHA-256 {digest[:16]}…) is not recorded by any custody event"
    ) in problems
    missing = [p for p in problems if p.startswith("custody event ")]
    assert len(missing) == 1
    assert missing[0].endswith(
        f"records manifest SHA-256 {signed.manifest_sha256[:16]}…, "
        "which is missing (manifest version deleted?)"
    )


def test_an_undecodable_manifest_is_reported_as_not_a_manifest(
    service: EvidenceService, tmp_path: Path
) -> None:
    pid = _package(service)
    _rewrite(_manifest(tmp_path, pid), b"{not json")
    problems = service.verify(pid).problems
    prefix = f"packages/{pid}/manifest/v0001.json: not a manifest ("
    assert sum(p.startswith(prefix) for p in problems) == 1
    assert f"package {pid!r}: no readable manifest" in problems


def test_a_manifest_of_another_package_at_the_same_version_is_reported(
    service: EvidenceService, tmp_path: Path
) -> None:
    pid, other = _package(service, seed=10), _package(service, seed=11)
    assert pid != other
    for name in ("v0001.json", "v0001.sig.json"):  # the other package's, validly signed
        _rewrite(_manifest(tmp_path, pid, name), _manifest(tmp_path, other, name).read_bytes())
    problems = service.verify(pid).problems
    assert (
        f"packages/{pid}/manifest/v0001.json: says package {other!r} version 1 "
        f"(expected {pid!r} version 1)"
    ) in problems


def test_a_second_version_not_chained_to_the_first_is_reported(
    service: EvidenceService, tmp_path: Path
) -> None:
    pid, other = _package(service, seed=10), _package(service, seed=11)
    for package in (pid, other):
        service.add_context(package, make_event(12, text="and another thing"), NOW)
    for name in ("v0002.json", "v0002.sig.json"):  # the other package's second version
        _rewrite(_manifest(tmp_path, pid, name), _manifest(tmp_path, other, name).read_bytes())
    report = service.verify(pid)
    assert report.manifests == 2
    assert "manifest v0002: previous_manifest_sha256 does not match v0001" in report.problems


def test_the_report_counts_custody_events_and_checkpoints(
    service: EvidenceService, tmp_path: Path
) -> None:
    pid = _package(service)
    custody = sorted(p.name for p in (_manifest(tmp_path, pid).parent.parent / "custody").iterdir())
    checkpoints = [n for n in custody if n.startswith("checkpoint-")]
    events = [n for n in custody if not n.startswith("checkpoint-")]
    assert events and checkpoints
    report = service.verify(pid)
    assert report.problems == []
    assert (report.custody_events, report.checkpoints) == (len(events), len(checkpoints))
    assert report.unsigned_tail == 0


def _item(tmp_path: Path, pid: str) -> ManifestItem:
    return decode_manifest(_manifest(tmp_path, pid).read_bytes()).items[0]


def test_a_missing_item_is_reported_by_its_key(
    service: EvidenceService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = _package(service)
    key = _item(tmp_path, pid).cipher.object_key
    real = service.vault.get

    def get(wanted: str) -> bytes:
        if wanted == key:
            msg = f"no object {wanted}"
            raise EvidenceError(msg)
        return real(wanted)

    monkeypatch.setattr(service.vault, "get", get)
    assert f"{key}: missing (no object {key})" in service.verify(pid).problems


def test_an_altered_item_names_both_ciphertext_digests(
    service: EvidenceService, tmp_path: Path
) -> None:
    pid = _package(service)
    item = _item(tmp_path, pid)
    path = tmp_path / "vault" / "objects" / item.cipher.object_key
    stored = path.read_bytes()
    altered = stored[:-1] + bytes([stored[-1] ^ 1])
    _rewrite(path, altered)
    actual = hashlib.sha256(altered).hexdigest()
    assert service.verify(pid).problems == [
        f"{item.cipher.object_key}: ciphertext SHA-256 is {actual[:16]}… "
        f"(manifest says {item.cipher.ciphertext_sha256[:16]}…)"
    ]


def test_an_item_that_fails_authentication_is_reported(
    service: EvidenceService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = _package(service)
    item = _item(tmp_path, pid)
    wrong_key = os.urandom(32)
    monkeypatch.setattr(service.keys.provider, "unwrap", lambda _wrapped: wrong_key)
    problems = service.verify(pid).problems
    assert f"item {item.item_id!r} of package {pid!r} fails AES-GCM authentication" in problems


def test_a_second_stored_version_of_an_object_breaks_worm(
    service: EvidenceService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = _package(service)
    key = f"packages/{pid}/manifest/v0001.json"
    real = service.vault.version_count
    monkeypatch.setattr(service.vault, "version_count", lambda k: 2 if k == key else real(k))
    assert service.verify(pid).problems == [f"{key}: has 2 stored versions (expected 1: WORM)"]
