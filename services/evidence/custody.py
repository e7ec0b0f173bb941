"""Custody: submissions, holds, draft statuses and destruction.

Retention only grows; destruction is crypto-shredding plus a tombstone event.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from tipline.operators.evidence.custody import (
    chain_event,
    checkpoint_key,
    custody_prefix,
    event_key,
    make_checkpoint,
    wants_checkpoint,
)
from tipline.operators.evidence.package import (
    manifest_key,
)
from tipline.operators.evidence.retention import (
    destruction_blockers,
    extend_hold,
    fold_holds,
    hold_kind,
    needs_legal_hold,
    open_hold,
    release_hold,
    retain_until,
)
from tipline.schemas.errors import (
    EvidenceError,
    RetentionError,
)
from tipline.schemas.evidence import (
    CustodyAction,
    CustodyEvent,
    EvidenceReceipt,
    HoldRecord,
)
from tipline.services.evidence.base import ServiceBase, _current_retention, _event


class CustodyMixin(ServiceBase):
    """Submission, holds, draft statuses and destruction: each one a custody event."""

    # ------------------------------------------------------------ retention and holds

    def record_submission(
        self, package_id: str, *, report_id: str, operator: str, now: datetime
    ) -> EvidenceReceipt:
        """Record a CyberTipline submission; starts the 2258A(h) clock (extends only)."""
        self.require(operator, "submitter")
        self._retention_event(
            package_id, "submitted", now, operator=operator, request_id=report_id, submitted=now
        )
        return self.receipt(package_id)

    def holds(self, package_id: str) -> list[HoldRecord]:
        """Return the holds table of a package (open and closed rows)."""
        return fold_holds(self.custody_log(package_id))

    def add_hold(
        self,
        package_id: str,
        *,
        kind: str,
        request_id: str,
        agency: str | None,
        operator: str,
        now: datetime,
    ) -> HoldRecord:
        """Open a hold; retention grows to its expiry, indefinite holds set S3 legal hold."""
        self.require(operator, "custodian")
        hold = open_hold(
            hold_kind(self.cfg.retention.hold_kinds, kind),
            request_id=request_id,
            agency=agency,
            now=now,
        )
        self._retention_event(
            package_id, "hold_opened", now, operator=operator, request_id=request_id, hold=hold
        )
        return hold

    def extend_hold(
        self, package_id: str, hold_id: str, *, operator: str, now: datetime
    ) -> HoldRecord:
        """Renew a hold by its kind's renewal period."""
        self.require(operator, "custodian")
        current = self._hold(package_id, hold_id)
        hold = extend_hold(hold_kind(self.cfg.retention.hold_kinds, current.kind), current, now)
        self._retention_event(
            package_id,
            "hold_extended",
            now,
            operator=operator,
            request_id=hold.request_id,
            hold=hold,
        )
        return hold

    def release_hold(
        self, package_id: str, hold_id: str, *, operator: str, now: datetime
    ) -> HoldRecord:
        """Release a hold; retention already granted stays (never shrinks)."""
        self.require(operator, "custodian")
        hold = release_hold(self._hold(package_id, hold_id), now)
        self._retention_event(
            package_id,
            "hold_released",
            now,
            operator=operator,
            request_id=hold.request_id,
            hold=hold,
        )
        return hold

    def _hold(self, package_id: str, hold_id: str) -> HoldRecord:
        for hold in self.holds(package_id):
            if hold.hold_id == hold_id:
                return hold
        msg = f"package {package_id!r} has no hold {hold_id!r}"
        raise EvidenceError(msg)

    def _retention_event(
        self,
        package_id: str,
        action: CustodyAction,
        now: datetime,
        *,
        operator: str,
        request_id: str,
        hold: HoldRecord | None = None,
        submitted: datetime | None = None,
    ) -> None:
        manifest, _ = self.latest_manifest(package_id)
        events = self.custody_log(package_id)
        submitted = submitted or next((e.at for e in events if e.action == "submitted"), None)
        holds = [h for h in fold_holds(events) if hold is None or h.hold_id != hold.hold_id]
        holds += [hold] if hold else []
        until = retain_until(self._policy(manifest, submitted), holds, _current_retention(events))
        keys = self.vault.list_keys(f"packages/{package_id}/")
        self.vault.extend_retention(keys, until)
        legal = needs_legal_hold(holds, now)
        if legal != needs_legal_hold(fold_holds(events), now):
            self.vault.set_legal_hold(keys, legal)
        self._append(
            package_id,
            _event(
                package_id, action, now, until, operator=operator, request_id=request_id, hold=hold
            ),
            prev=events[-1],
        )
        if legal:
            self.vault.set_legal_hold(self.vault.list_keys(custody_prefix(package_id)), True)

    # ------------------------------------------------------------ report drafts

    def record_case_event(
        self,
        package_id: str,
        action: CustodyAction,
        *,
        operator: str,
        reason: str | None,
        now: datetime,
        details: Mapping[str, str],
        after: CustodyEvent | None = None,
    ) -> CustodyEvent:
        """Append a case or draft event (``status_changed``, ``annotated``) to the custody log.

        ``status_changed`` events are always followed by a signed checkpoint.
        The caller checks roles; ``details`` carry ids and statuses, never content.
        With ``after`` the append is a compare-and-set: it happens only while
        ``after`` is still the head of the log (the state the caller checked),
        so two reviewers cannot both move a case from the same status.

        Raises:
            EvidenceError: the package does not exist, or (with ``after``) the
                log moved on since the caller read it.
            VaultWriteError: the event could not be made durable.

        """
        events = self.custody_log(package_id)
        if not events:
            msg = f"package {package_id!r} has no custody log (expected a 'packaged' event)"
            raise EvidenceError(msg)
        head = events[-1]
        event = _event(
            package_id,
            action,
            now,
            _current_retention(events),
            operator=operator,
            reason=reason,
            details=dict(details),
        )
        if after is None:
            return self._append(package_id, event, prev=head)
        if head.seq != after.seq or head.prev_sha256 != after.prev_sha256:
            msg = (
                f"custody log of {package_id!r} changed since it was read "
                f"(head {head.seq}, expected {after.seq}); reload and try again"
            )
            raise EvidenceError(msg)
        linked, raw = chain_event(event, prev=head)
        if not self.vault.create(
            event_key(package_id, linked.seq), raw, retain_until=linked.retain_until
        ):
            msg = f"custody log of {package_id!r} changed concurrently; reload and try again"
            raise EvidenceError(msg)
        if wants_checkpoint(linked, self.cfg.custody.checkpoint_every):
            self.vault.create(
                checkpoint_key(package_id, linked.seq),
                make_checkpoint(self.keys.signer, raw, linked),
                retain_until=linked.retain_until,
            )
        return linked

    def destroy(self, package_id: str, *, request_id: str, operator: str, now: datetime) -> None:
        """Crypto-shred a package on a lawful request: tombstone event, then key deletion.

        Only after retain-until (the custody log's and the vault object's) has
        passed and with no open hold; there is no override.

        Raises:
            AccessDeniedError: the operator lacks ``destroyer``.
            RetentionError: retention has not expired or a hold still binds.

        """
        self.require(operator, "destroyer")
        events = self.custody_log(package_id)
        stored = self.vault.retention(manifest_key(package_id, 1))
        until = max(_current_retention(events), *([stored] if stored else []))
        blockers = destruction_blockers(until, fold_holds(events), now)
        if blockers:
            msg = (
                f"package {package_id!r} cannot be destroyed: {'; '.join(blockers)} "
                "(retention and holds have no override)"
            )
            raise RetentionError(msg)
        if not any(e.action == "destroyed" for e in events):
            self._append(
                package_id,
                _event(
                    package_id,
                    "destroyed",
                    now,
                    _current_retention(events),
                    operator=operator,
                    request_id=request_id,
                    details={"key_store": self.key_store.location},
                ),
                prev=events[-1],
            )
        self.key_store.destroy(package_id)
