"""Verification glue: the pure checks of ``operators.evidence.verify`` over this vault and keys."""

from __future__ import annotations

from tipline.operators.evidence.keycheck import check_key_use
from tipline.operators.evidence.keylog import KeyState, load_key_state
from tipline.operators.evidence.keys import (
    decode_wrapped,
)
from tipline.operators.evidence.verify import VerifyReport, verify_package
from tipline.schemas.errors import (
    EvidenceError,
)
from tipline.services.evidence.base import ServiceBase


class VerificationMixin(ServiceBase):
    """Verifies a package against its manifest, signatures, custody chain and key log."""

    def verify(self, package_id: str) -> VerifyReport:
        """Recompute every hash, the signatures and the custody chain."""
        stored = self.key_store.get(package_id)
        wrapped = decode_wrapped(stored) if stored else None
        unwrap_problem = None
        try:
            data_key = self.keys.provider.unwrap(wrapped) if wrapped else None
        except EvidenceError as exc:
            data_key, unwrap_problem = None, f"package {package_id!r}: {exc}"
        state = self.key_state()
        keyring = self.keys.keyring.with_keys(state.keyring_keys())
        report = verify_package(self.vault, package_id, keyring, data_key)
        report.problems += state.problems + check_key_use(self.vault, package_id, state, wrapped)
        report.problems += [unwrap_problem] if unwrap_problem else []
        if stored is None and not report.destroyed:
            report.problems.append(
                f"package {package_id!r}: data key missing from {self.key_store.location} "
                "but no 'destroyed' custody event (expected the key or a tombstone)"
            )
        return report

    def key_state(self) -> KeyState:
        """Return the folded key log (versions, signing history, revocations) from the vault."""
        state = load_key_state(self.vault)
        state.legacy = self.keys.legacy
        return state
