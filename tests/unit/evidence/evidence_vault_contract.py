"""The contract every ``Vault`` backend passes (local here, S3 in integration).

Subclasses provide a ``vault`` fixture and ``wait_past(until)``, which makes
``until`` lie in the past for the backend (a fake clock locally, a short real
wait on S3 — retention must have really expired for the server to allow it).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tipline.schemas.errors import EvidenceError, RetentionError, VaultWriteError
from tipline.sinks.vault import VaultWrite


def soon(seconds: int = 3600) -> datetime:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).replace(microsecond=0)


class VaultContract:
    def wait_past(self, vault: Any, until: datetime) -> None:
        raise NotImplementedError

    def test_put_get_list_and_retention(self, vault: Any) -> None:
        until = soon()
        vault.put_objects([("p/a/1.bin", b"one"), ("p/a/2.bin", b"two")], retain_until=until)
        assert vault.get("p/a/1.bin") == b"one"
        assert vault.exists("p/a/2.bin")
        assert not vault.exists("p/a/3.bin")
        assert vault.list_keys("p/a/") == ["p/a/1.bin", "p/a/2.bin"]
        assert vault.retention("p/a/1.bin") >= until
        assert vault.version_count("p/a/1.bin") == 1

    def test_rewrite_with_same_bytes_is_idempotent_other_bytes_refused(self, vault: Any) -> None:
        vault.put_objects([("k.bin", b"same")], retain_until=soon())
        vault.put_objects([("k.bin", b"same")], retain_until=soon())
        with pytest.raises(VaultWriteError, match="different bytes"):
            vault.put_objects([("k.bin", b"other")], retain_until=soon())
        assert vault.get("k.bin") == b"same"
        assert vault.version_count("k.bin") == 1

    def test_commit_phases_writes_every_phase_idempotently_in_order(self, vault: Any) -> None:
        until = soon()
        phases = [
            [VaultWrite(f"g/{i}/item.bin", bytes([i]) * 10, until) for i in range(5)],
            [VaultWrite(f"g/{i}/manifest.json", b"{}", until) for i in range(5)],
        ]
        assert vault.commit_phases(phases) == [[True] * 5, [True] * 5]
        assert vault.read_many(["g/3/item.bin", "g/9/item.bin"]) == [b"\x03" * 10, None]
        assert vault.retention("g/0/manifest.json") >= until
        assert vault.commit_phases(phases) == [[True] * 5, [True] * 5]  # a redo
        assert vault.version_count("g/4/item.bin") == 1
        other = [[VaultWrite("g/1/item.bin", b"other", until)]]
        with pytest.raises(VaultWriteError, match="different bytes"):
            vault.commit_phases(other)
        assert vault.get("g/1/item.bin") == b"\x01" * 10

    def test_create_is_conditional(self, vault: Any) -> None:
        assert vault.create("c.json", b"first", retain_until=soon())
        assert not vault.create("c.json", b"second", retain_until=soon())
        assert vault.get("c.json") == b"first"

    def test_missing_object_is_an_evidence_error(self, vault: Any) -> None:
        with pytest.raises(EvidenceError):
            vault.get("nope.bin")

    def test_delete_before_retain_until_is_refused(self, vault: Any) -> None:
        vault.put_objects([("locked.bin", b"x")], retain_until=soon())
        with pytest.raises(RetentionError):
            vault.delete("locked.bin")
        assert vault.get("locked.bin") == b"x"

    def test_retention_can_grow_never_shrink(self, vault: Any) -> None:
        until = soon()
        vault.put_objects([("r.bin", b"x")], retain_until=until)
        later = until + timedelta(days=1)
        vault.extend_retention(["r.bin"], later)
        assert vault.retention("r.bin") == later
        vault.extend_retention(["r.bin"], until)  # earlier: kept as is
        assert vault.retention("r.bin") == later
        with pytest.raises(RetentionError):
            vault.set_retention("r.bin", until)
        assert vault.retention("r.bin") == later

    def test_legal_hold_blocks_delete_after_retention_expired(self, vault: Any) -> None:
        until = soon(2)
        vault.put_objects([("h.bin", b"x")], retain_until=until)
        vault.set_legal_hold(["h.bin"], True)
        assert vault.legal_hold("h.bin")
        self.wait_past(vault, until)
        with pytest.raises(RetentionError):
            vault.delete("h.bin")
        vault.set_legal_hold(["h.bin"], False)
        assert not vault.legal_hold("h.bin")
        vault.delete("h.bin")
        assert not vault.exists("h.bin")
