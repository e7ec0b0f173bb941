"""The signed signing-key history: rotation keeps old signatures valid, misuse is flagged."""

from __future__ import annotations

import base64
import os
from datetime import timedelta
from pathlib import Path

import msgspec
import pytest
from evidence_helpers import evidence_config
from key_provider_contract import NOW, OP, package

from tests.unit.evidence.evidence_helpers import with_roles
from tipline.operators.evidence.canonical import canonical_bytes
from tipline.operators.evidence.keylog import chain, key_log_key, signing_added
from tipline.operators.evidence.keys import SigningKey
from tipline.schemas.errors import ConfigError, EvidenceError
from tipline.schemas.evidence import KeyConfig
from tipline.services.evidence import EvidenceService, build_evidence_service
from tipline.services.keymgmt import revoke, rotate_signing, status
from tipline.services.keyproviders import EvidenceKeys

ROTATED = NOW + timedelta(hours=1)
AFTER = NOW + timedelta(hours=2)


def _build(tmp_path: Path, env: dict[str, str] | None = None) -> EvidenceService:
    return with_roles(build_evidence_service(evidence_config(tmp_path), env=env or {}))


def _with_signer(service: EvidenceService, signer: SigningKey) -> EvidenceService:
    """The same vault and keys, but signing with ``signer`` (a process left on an old key)."""
    keys = EvidenceKeys(service.keys.provider, signer, service.keys.keyring, service.keys.dev)
    return EvidenceService(service.cfg, vault=service.vault, key_store=service.key_store, keys=keys)


def test_rotation_keeps_old_signatures_valid_and_signs_new_ones(tmp_path: Path) -> None:
    service = _build(tmp_path)
    old_key = service.keys.signer.key_id
    before = package(service, 1)
    new_key = rotate_signing(service, {}, operator=OP, reason="yearly", now=ROTATED)
    service = _build(tmp_path)
    assert service.keys.signer.key_id == new_key != old_key
    after = package(service, 2, now=AFTER)
    assert service.verify(before).ok, service.verify(before).problems
    assert service.verify(after).ok, service.verify(after).problems
    history = status(service).signing
    assert [h.key_id for h in history] == [old_key, new_key]
    assert history[0].valid_from is None and history[0].valid_until == ROTATED
    assert history[1].valid_from == ROTATED and history[1].current
    entry = service.key_state().events[-1]
    assert (entry.action, entry.signed_by, entry.key_id) == ("signing_added", old_key, new_key)


def test_signature_by_a_key_outside_its_validity_is_reported(tmp_path: Path) -> None:
    service = _build(tmp_path)
    old_signer = service.keys.signer
    rotate_signing(service, {}, operator=OP, reason="yearly", now=ROTATED)
    stale = _with_signer(_build(tmp_path), old_signer)
    pid = package(stale, 3, now=AFTER)
    problems = stale.verify(pid).problems
    assert any("outside its validity" in p and old_signer.key_id in p for p in problems), problems


def test_revoked_signing_key_fails_after_its_revocation_time_only(tmp_path: Path) -> None:
    service = _build(tmp_path)
    old_signer = service.keys.signer
    early = package(service, 1, now=NOW)
    rotate_signing(service, {}, operator=OP, reason="compromise", now=ROTATED)
    service = _build(tmp_path)
    with pytest.raises(EvidenceError, match="current"):
        revoke(service, service.keys.signer.key_id, at=NOW, reason="x", operator=OP, now=AFTER)
    revoke(
        service,
        old_signer.key_id,
        at=NOW + timedelta(minutes=45),
        reason="INC-9",
        operator=OP,
        now=AFTER,
    )
    assert service.verify(early).ok, service.verify(early).problems
    # a manifest made with the stolen key after the revocation time (back-dated inside validity)
    forged = package(_with_signer(service, old_signer), 4, now=NOW + timedelta(minutes=50))
    problems = service.verify(forged).problems
    assert any("revocation" in p and old_signer.key_id in p for p in problems), problems


def test_a_forged_history_entry_is_reported(tmp_path: Path) -> None:
    service = _build(tmp_path)
    pid = package(service, 1)
    rotate_signing(service, {}, operator=OP, reason="r", now=ROTATED)
    attacker = SigningKey(os.urandom(32))
    forged = signing_added(attacker, attacker, valid_from=AFTER, at=AFTER, operator="mallory")
    state = service.key_state()
    linked, raw = chain(forged, state.events[-1])
    assert service.vault.create(
        key_log_key(linked.seq), raw, retain_until=AFTER + timedelta(days=1)
    )
    problems = _build(tmp_path).verify(pid).problems
    assert any("expected the previous key" in p for p in problems), problems


def test_a_rewritten_key_log_entry_breaks_the_chain(tmp_path: Path) -> None:
    service = _build(tmp_path)
    rotate_signing(service, {}, operator=OP, reason="r", now=ROTATED)
    raw = service.vault.get(key_log_key(0))
    event = msgspec.json.decode(raw)
    event["operator"] = "mallory"
    path = tmp_path / "vault" / "objects" / key_log_key(0)
    path.chmod(0o600)
    path.write_bytes(canonical_bytes(event))
    assert any("history signature" in p or "chain" in p for p in service.key_state().problems)


def test_env_signing_rotation_then_old_packages_verify_with_only_the_new_key(
    tmp_path: Path,
) -> None:
    old_seed, new_seed = (base64.b64encode(os.urandom(32)).decode() for _ in range(2))
    master = base64.b64encode(os.urandom(32)).decode()
    env = {"TIPLINE_MASTER_KEY": master, "TIPLINE_SIGNING_KEY": old_seed}
    cfg = evidence_config(tmp_path, keys=KeyConfig(provider="env"))
    service = with_roles(build_evidence_service(cfg, env=env))
    pid = package(service, 1)
    with pytest.raises(ConfigError, match="TIPLINE_SIGNING_KEY_NEXT"):
        rotate_signing(service, env, operator=OP, reason="r", now=ROTATED)
    rotate_signing(
        service, {**env, "TIPLINE_SIGNING_KEY_NEXT": new_seed}, operator=OP, reason="r", now=ROTATED
    )
    deployed = with_roles(build_evidence_service(cfg, env={**env, "TIPLINE_SIGNING_KEY": new_seed}))
    assert service.keys.signer.key_id not in [deployed.keys.signer.key_id]
    report = deployed.verify(pid)
    assert report.ok, report.problems


def test_once_a_history_exists_a_key_outside_it_is_reported_unless_listed(
    tmp_path: Path,
) -> None:
    service = _build(tmp_path)
    rotate_signing(service, {}, operator=OP, reason="r", now=ROTATED)
    rogue = SigningKey(os.urandom(32))
    service = _build(tmp_path)
    pid = package(_with_signer(service, rogue), 5, now=AFTER)
    problems = service.verify(pid).problems
    assert any("not in the signed key history" in p for p in problems), problems
    listed = _build(tmp_path, {"TIPLINE_VERIFY_KEYS": base64.b64encode(rogue.public_raw).decode()})
    assert listed.verify(pid).ok, listed.verify(pid).problems
