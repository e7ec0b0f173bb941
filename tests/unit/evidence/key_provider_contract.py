"""The contract every master-key provider passes: env and file here, kms in integration.

Subclasses provide ``make_service(tmp_path) -> EvidenceService`` (a fresh
build each call, the way every CLI command builds one) and ``rotate_env()``,
the environment change an ``env`` rotation needs (empty for file and kms).
The same tests then run the evidence service end to end over the provider:
package, verify, open (with the key version audited), crypto-shredding,
rotation, rewrap (including an interrupted one), revocation, retirement.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import msgspec
import pytest
from evidence_helpers import T0, inline, make_decision, make_event, noise_bytes

from tipline.operators.evidence.keys import decode_wrapped
from tipline.schemas.errors import EvidenceError
from tipline.schemas.hashing import AttachmentVerdict
from tipline.services.evidence import EvidenceService
from tipline.services.keymgmt import retire, revoke, rewrap, rotate_master, status

NOW = T0 + timedelta(minutes=30)
LATER = NOW + timedelta(days=1)
OP = "alice"


def package(service: EvidenceService, n: int, *, now: Any = NOW) -> str:
    image = noise_bytes(2048, seed=n)
    event = make_event(100 + n, attachments=[inline("att-1", image)])
    verdict = AttachmentVerdict(
        attachment_id="att-1", status="hashed", sha256=hashlib.sha256(image).hexdigest()
    )
    receipt = service.package(
        make_decision(event, verdicts=[verdict]), event, attachments={}, context=[], now=now
    )
    return receipt.package_id


def wrapped_version(service: EvidenceService, pid: str) -> str:
    stored = service.key_store.get(pid)
    assert stored is not None
    return decode_wrapped(stored).master_key_id


class FailingReplace:
    """A key store whose ``replace`` fails once: a crash between event and key swap."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.failed = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def replace(self, package_id: str, blob: bytes) -> bool:
        if not self.failed:
            self.failed = True
            raise OSError("killed")
        result: bool = self._inner.replace(package_id, blob)
        return result


class KeyProviderContract:
    provider_name = ""

    def make_service(self, tmp_path: Path) -> EvidenceService:
        raise NotImplementedError

    def rotate_env(self, tmp_path: Path) -> None:
        """Prepare the environment of an env rotation (file and kms need nothing)."""

    def rotated(self, tmp_path: Path) -> tuple[EvidenceService, str, str]:
        service = self.make_service(tmp_path)
        old = service.keys.provider.key_id
        self.rotate_env(tmp_path)
        new = rotate_master(self.make_service(tmp_path), self.env, operator=OP, reason="t", now=NOW)
        assert new != old
        return self.make_service(tmp_path), old, new

    env: dict[str, str] = {}

    # ------------------------------------------------------------ provider

    def test_provider_kind(self, tmp_path: Path) -> None:
        assert self.make_service(tmp_path).keys.provider.name == self.provider_name

    def test_generate_unwrap_is_bound_to_the_package(self, tmp_path: Path) -> None:
        provider = self.make_service(tmp_path).keys.provider
        key, wrapped = provider.generate(package_id="pkg-a")
        assert len(key) == 32
        assert wrapped.master_key_id == provider.key_id
        assert key.hex() not in msgspec.json.encode(wrapped).decode()
        assert provider.unwrap(wrapped) == key
        moved = msgspec.structs.replace(wrapped, package_id="pkg-b")
        with pytest.raises(EvidenceError):
            provider.unwrap(moved)

    def test_wrap_of_a_given_key_and_rewrap_keep_the_key(self, tmp_path: Path) -> None:
        provider = self.make_service(tmp_path).keys.provider
        key = bytes(range(32))
        wrapped = provider.wrap(key, package_id="pkg-c")
        assert provider.unwrap(wrapped) == key
        again = provider.rewrap(wrapped)
        assert again.wrapped != wrapped.wrapped
        assert provider.unwrap(again) == key

    def test_context_key_is_stable_across_processes(self, tmp_path: Path) -> None:
        a = self.make_service(tmp_path).keys.provider.derive("context-buffer")
        b = self.make_service(tmp_path).keys.provider.derive("context-buffer")
        assert a == b
        assert len(a) == 32

    def test_context_sealed_before_a_rotation_opens_after_it(self, tmp_path: Path) -> None:
        event = make_event(7)
        sealed = self.make_service(tmp_path).context_keys().for_session("s-1").seal(event)
        service, _, _ = self.rotated(tmp_path)
        assert service.context_keys().for_session("s-1").open(event.event_id, sealed) == event
        with pytest.raises(EvidenceError):
            service.context_keys().for_session("s-2").open(event.event_id, sealed)

    # ------------------------------------------------------------ service over the provider

    def test_package_verifies_and_open_audits_the_key_version(self, tmp_path: Path) -> None:
        service = self.make_service(tmp_path)
        pid = package(service, 1)
        assert (
            service.latest_manifest(pid)[0].data_key.master_key_id == service.keys.provider.key_id
        )
        report = service.verify(pid)
        assert report.ok, report.problems
        assert report.plaintext_checked == report.items_checked > 0
        item = next(
            i.item_id for i in service.latest_manifest(pid)[0].items if i.role == "attachment"
        )
        assert service.open_item(pid, item, operator=OP, reason="case-1", now=NOW) == noise_bytes(
            2048, seed=1
        )
        event = service.custody_log(pid)[-1]
        assert (event.action, event.operator, event.reason) == ("viewed", OP, "case-1")
        assert event.details["key_version"] == service.keys.provider.key_id
        stored = service.key_store.get(pid)
        assert stored is not None
        key = service.keys.provider.unwrap(decode_wrapped(stored))
        for raw in service.vault.list_keys(f"packages/{pid}/custody/"):
            body = service.vault.get(raw)
            assert key.hex().encode() not in body and key not in body

    def test_crypto_shredding_destroys_exactly_that_key(self, tmp_path: Path) -> None:
        service = self.make_service(tmp_path)
        pids = [package(service, n) for n in range(3)]
        # lawful destruction waits for retain-until (no override): destroy after it
        service.destroy(pids[1], request_id="le-1", operator=OP, now=NOW + timedelta(days=800))
        assert service.key_store.get(pids[1]) is None
        assert all(service.key_store.get(p) is not None for p in (pids[0], pids[2]))
        report = status(service)
        assert report.destroyed == [pids[1]]
        current = next(v for v in report.versions if v.key_id == service.keys.provider.key_id)
        assert sorted(current.packages) == sorted([pids[0], pids[2]])
        for pid in pids:
            assert service.verify(pid).ok

    def test_rotate_then_rewrap_moves_every_key_with_one_event_each(self, tmp_path: Path) -> None:
        service = self.make_service(tmp_path)
        old_pids = [package(service, n) for n in range(3)]
        service, old, new = self.rotated(tmp_path)
        fresh = package(service, 9)
        assert wrapped_version(service, fresh) == new  # new packages use the new version
        before = next(v for v in status(service).versions if v.key_id == old)
        assert sorted(before.packages) == sorted(old_pids)
        with pytest.raises(EvidenceError, match="still wraps"):
            retire(service, self.env, old, operator=OP, now=LATER)
        result = rewrap(service, operator=OP, now=LATER)
        assert sorted(result.rewrapped) == sorted(old_pids)
        assert result.current == [fresh]
        again = rewrap(service, operator=OP, now=LATER)
        assert again.rewrapped == [] and again.resumed == []
        for pid in [*old_pids, fresh]:
            assert wrapped_version(service, pid) == new
            actions = [e.action for e in service.custody_log(pid)]
            assert actions.count("rewrapped") == (0 if pid == fresh else 1)
            assert service.verify(pid).ok, service.verify(pid).problems
        event = next(e for e in service.custody_log(old_pids[0]) if e.action == "rewrapped")
        assert (event.details["from"], event.details["to"]) == (old, new)
        retire(service, self.env, old, operator=OP, now=LATER)
        versions = {v.key_id: v.state for v in status(service).versions}
        assert versions[old] == "retired"
        assert versions[new] == "current"
        service = self.make_service(tmp_path)
        item = service.latest_manifest(old_pids[0])[0].items[0].item_id
        assert service.open_item(old_pids[0], item, operator=OP, reason="c", now=LATER)

    def test_interrupted_rewrap_is_flagged_then_resumed(self, tmp_path: Path) -> None:
        service = self.make_service(tmp_path)
        pids = [package(service, n) for n in range(2)]
        service, old, new = self.rotated(tmp_path)
        failing = FailingReplace(service.key_store)
        broken = EvidenceService(
            service.cfg, vault=service.vault, key_store=failing, keys=service.keys
        )  # type: ignore[arg-type]
        with pytest.raises(OSError, match="killed"):
            rewrap(broken, operator=OP, now=LATER)
        stuck = next(
            p for p in pids if any(e.action == "rewrapped" for e in service.custody_log(p))
        )
        assert wrapped_version(service, stuck) == old
        problems = service.verify(stuck).problems
        assert any("interrupted rewrap" in p for p in problems), problems
        result = rewrap(service, operator=OP, now=LATER)
        assert stuck in result.resumed
        for pid in pids:
            assert wrapped_version(service, pid) == new
            assert [e.action for e in service.custody_log(pid)].count("rewrapped") == 1
            assert service.verify(pid).ok

    def test_revoked_master_version_is_flagged(self, tmp_path: Path) -> None:
        service = self.make_service(tmp_path)
        before = package(service, 1, now=NOW)
        after = package(service, 2, now=NOW + timedelta(hours=2))
        service, old, _ = self.rotated(tmp_path)
        with pytest.raises(EvidenceError, match="current"):
            revoke(
                service, service.keys.provider.key_id, at=NOW, reason="x", operator=OP, now=LATER
            )
        revoke(service, old, at=NOW + timedelta(hours=1), reason="INC-7", operator=OP, now=LATER)
        assert any("still wrapped under revoked" in p for p in service.verify(before).problems)
        rewrap(service, operator=OP, now=LATER)
        assert service.verify(before).ok, service.verify(before).problems
        problems = service.verify(after).problems
        assert any("at or after its revocation" in p and old in p for p in problems), problems
