"""Key management: rotation, rewrap, status, revocation and retirement.

Everything here is recorded in the key log (``keys/log/`` in the vault, WORM,
public metadata only) and, per package, in its custody log:

- :func:`rotate_master` introduces a new master-key version (``file``: the
  next key file; ``env``: the key now in ``$TIPLINE_MASTER_KEY``; ``kms``: a
  new KMS key the alias now points at). New packages use it at once.
- :func:`rewrap` moves every stored data key to the current version. Per
  package it writes ONE ``rewrapped`` custody event (from, to; never key
  material) and then swaps the wrapped key. Event first, so a kill between
  the two leaves the event and the old key: the next run sees the event and
  only swaps the key. Resumable and idempotent; ``evidence verify`` reports a
  package whose key and custody log disagree until the rewrap has resumed.
- :func:`rotate_signing` adds a signing key to the signed history (signed by
  the previous key, valid from now); old signatures stay verifiable.
- :func:`revoke` marks a version compromised as of a time; :func:`retire`
  records (and for ``file``/``kms`` disables) a master version nothing needs.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from tipline.clients.kms import KmsKeyProvider, create_master_key
from tipline.operators.evidence.keylog import (
    KeyState,
    chain,
    key_log_key,
    master_event,
    revocation,
    signing_added,
)
from tipline.operators.evidence.keys import (
    SigningKey,
    decode_key_b64,
    decode_wrapped,
    encode_wrapped,
    memory_key_id,
)
from tipline.schemas.errors import ConfigError, EvidenceError, VaultWriteError
from tipline.schemas.keys import KeyEvent, KeyKind
from tipline.services.evidence import EvidenceService
from tipline.services.keyproviders import (
    key_dir,
    key_files,
    kms_client,
    next_key_file,
    secret_from_env,
    write_new_key,
)
from tipline.sinks.keystore import shred_file

_APPEND_ATTEMPTS: Final = 8
PURPOSE_PREFIX: Final = "purpose."


# ---------------------------------------------------------------- the key log


def append_key_event(service: EvidenceService, event: KeyEvent, now: datetime) -> KeyEvent:
    """Append ``event`` to the key log (create-only; a lost race retries at seq+1)."""
    until = now + timedelta(days=service.cfg.keys.key_log_retention_days)
    for _ in range(_APPEND_ATTEMPTS):
        state = service.key_state()
        prev = state.events[-1] if state.events else None
        linked, raw = chain(event, prev)
        if service.vault.create(key_log_key(linked.seq), raw, retain_until=until):
            return linked
    msg = f"key log: lost {_APPEND_ATTEMPTS} append races"
    raise VaultWriteError(msg)


def _register_known(
    service: EvidenceService, state: KeyState, *, operator: str, now: datetime
) -> None:
    """Record the versions in use before the key log existed (oldest first).

    With ``env`` the current key is the NEW one the operator just deployed,
    so it is left to the rotation itself.
    """
    provider = service.keys.provider
    for version in provider.versions():
        skip = provider.name == "env" and version == provider.key_id
        if version not in state.masters and not skip:
            event = master_event(
                "added",
                version,
                provider=provider.name,
                at=now,
                operator=operator,
                reason="in use before the key log",
            )
            append_key_event(service, event, now)


# ---------------------------------------------------------------- master keys


def rotate_master(
    service: EvidenceService, env: Mapping[str, str], *, operator: str, reason: str, now: datetime
) -> str:
    """Introduce a new master-key version; return its id.

    Raises:
        ConfigError: ``env`` provider whose current key is already registered.

    """
    service.require(operator, "key_admin")
    provider = service.keys.provider
    state = service.key_state()
    _register_known(service, state, operator=operator, now=now)
    if provider.name == "file":
        path = next_key_file(key_dir(service.cfg), "master")
        key = write_new_key(path, dev=False)
        if key is None:
            msg = f"{path} exists already (another rotation running?)"
            raise ConfigError(msg)
        new_id = memory_key_id(key)
    elif provider.name == "kms":
        assert isinstance(provider, KmsKeyProvider)
        create_master_key(
            kms_client(service.cfg, env), alias=provider.alias, description="tipline master key"
        )
        new_id = provider.refresh()
    else:
        new_id = provider.key_id
        if new_id in state.masters:
            names = (service.cfg.keys.master_key_env, service.cfg.keys.previous_master_keys_env)
            msg = (
                f"${names[0]} holds {new_id!r}, which is registered already: put a new key in "
                f"${names[0]}, the old one in ${names[1]}, and run rotate again"
            )
            raise ConfigError(msg)
    event = master_event(
        "added", new_id, provider=provider.name, at=now, operator=operator, reason=reason
    )
    append_key_event(service, event, now)
    return new_id


@dataclass(slots=True)
class RewrapResult:
    """What one :func:`rewrap` run did."""

    target: str
    rewrapped: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    skipped_destroyed: list[str] = field(default_factory=list)
    uncommitted: list[str] = field(default_factory=list)


def _rewrap_purpose(service: EvidenceService, key_id: str, target: str) -> bool:
    stored = service.key_store.get(key_id)
    if stored is None:
        return False
    wrapped = decode_wrapped(stored)
    if wrapped.master_key_id == target:
        return False
    return service.key_store.replace(key_id, encode_wrapped(service.keys.provider.rewrap(wrapped)))


def _rewrap_package(
    service: EvidenceService,
    pid: str,
    target: str,
    result: RewrapResult,
    *,
    operator: str,
    now: datetime,
) -> bool:
    stored = service.key_store.get(pid)
    if stored is None:
        return False
    wrapped = decode_wrapped(stored)
    if wrapped.master_key_id == target:
        result.current.append(pid)
        return False
    events = service.custody_log(pid)
    if not events:
        # a package write that crashed before its commit point: left on its
        # version (its retry needs it), listed so status keeps the version
        result.uncommitted.append(pid)
        return False
    if any(e.action == "destroyed" for e in events):
        result.skipped_destroyed.append(pid)
        return False
    recorded = any(e.action == "rewrapped" and e.details.get("to") == target for e in events)
    if not recorded:
        service.record(
            pid,
            "rewrapped",
            now,
            operator=operator,
            reason="master key rotation",
            details={
                "from": wrapped.master_key_id,
                "to": target,
                "provider": service.keys.provider.name,
            },
        )
    fresh = service.keys.provider.rewrap(wrapped)
    service.key_store.replace(pid, encode_wrapped(fresh))
    if any(e.action == "destroyed" for e in service.custody_log(pid)):
        service.key_store.destroy(pid)  # destroyed while we rewrapped: stay shredded
    (result.resumed if recorded else result.rewrapped).append(pid)
    return True


def rewrap(
    service: EvidenceService, *, operator: str, now: datetime, max_per_second: float = 0.0
) -> RewrapResult:
    """Re-wrap every stored data key under the current master version.

    Args:
        service: the evidence service (its provider holds old and new versions).
        operator: who runs it (needs ``key_admin``); recorded per package.
        now: the time recorded in the custody events.
        max_per_second: throttle (0 = none), e.g. for KMS request quotas.

    """
    service.require(operator, "key_admin")
    target = service.keys.provider.key_id
    result = RewrapResult(target=target)
    for key_id in service.key_store.list_ids():
        if key_id.startswith(PURPOSE_PREFIX):
            _rewrap_purpose(service, key_id, target)
            continue
        did = _rewrap_package(service, key_id, target, result, operator=operator, now=now)
        if did and max_per_second > 0:
            time.sleep(1.0 / max_per_second)
    return result


# ---------------------------------------------------------------- status


@dataclass(slots=True)
class VersionStatus:
    """One master-key version: where it stands and which packages still need it."""

    key_id: str
    state: str
    provider: str | None
    added_at: datetime | None
    retired_at: datetime | None
    revoked_at: datetime | None
    packages: list[str]
    purpose_keys: list[str]


@dataclass(slots=True)
class SigningStatus:
    """One signing key of the history."""

    key_id: str
    valid_from: datetime | None
    valid_until: datetime | None
    revoked_at: datetime | None
    current: bool


@dataclass(slots=True)
class KeyStatus:
    """``tipline keys status``: versions, what needs them, shredded keys, history."""

    provider: str
    current: str
    versions: list[VersionStatus]
    destroyed: list[str]
    missing: list[str]
    signing: list[SigningStatus]
    problems: list[str]


def status(service: EvidenceService) -> KeyStatus:
    """Every master version with the packages that still need it, and more."""
    state = service.key_state()
    provider = service.keys.provider
    by_version: dict[str, list[str]] = {}
    for key_id in service.key_store.list_ids():
        stored = service.key_store.get(key_id)
        if stored is not None:
            by_version.setdefault(decode_wrapped(stored).master_key_id, []).append(key_id)
    ids = list(state.masters) + [v for v in provider.versions() if v not in state.masters]
    ids += [v for v in by_version if v not in ids]
    versions = [_version_status(v, state, provider.key_id, by_version.get(v, [])) for v in ids]
    stored_ids = set(service.key_store.list_ids())
    destroyed: list[str] = []
    missing: list[str] = []
    for pid in service.list_packages():
        if pid not in stored_ids:
            shredded = any(e.action == "destroyed" for e in service.custody_log(pid))
            (destroyed if shredded else missing).append(pid)
    signing = [
        SigningStatus(
            v.key_id,
            v.valid_from,
            v.valid_until,
            state.revoked_at(v.key_id),
            v.key_id == service.keys.signer.key_id,
        )
        for v in state.history
    ]
    return KeyStatus(
        provider.name, provider.key_id, versions, destroyed, missing, signing, state.problems
    )


def _version_status(
    key_id: str, state: KeyState, current: str, holders: list[str]
) -> VersionStatus:
    master = state.masters.get(key_id)
    revoked = state.revoked_at(key_id)
    if master is not None and master.retired_at is not None:
        label = "retired"
    elif revoked is not None:
        label = "revoked"
    elif key_id == current:
        label = "current"
    elif master is None:
        label = "unregistered"
    else:
        label = "active" if holders else "retirable"
    return VersionStatus(
        key_id=key_id,
        state=label,
        provider=master.provider if master else None,
        added_at=master.added_at if master else None,
        retired_at=master.retired_at if master else None,
        revoked_at=revoked,
        packages=[h for h in holders if not h.startswith(PURPOSE_PREFIX)],
        purpose_keys=[h for h in holders if h.startswith(PURPOSE_PREFIX)],
    )


# ---------------------------------------------------------------- retire and revoke


def retire(
    service: EvidenceService, env: Mapping[str, str], version: str, *, operator: str, now: datetime
) -> str:
    """Retire a master version that nothing needs; return what was done to the key.

    Raises:
        EvidenceError: it is current, unknown, or a stored data key still needs it.

    """
    service.require(operator, "key_admin")
    current = status(service)
    found = next((v for v in current.versions if v.key_id == version), None)
    if found is None:
        msg = f"no master key version {version!r} (see `tipline keys status`)"
        raise EvidenceError(msg)
    if version == current.current:
        msg = f"{version!r} is the current master version (rotate first)"
        raise EvidenceError(msg)
    holders = found.packages + found.purpose_keys
    if holders:
        msg = (
            f"{version!r} still wraps {len(holders)} data keys "
            f"(run `tipline keys rewrap`): {holders[:5]}"
        )
        raise EvidenceError(msg)
    if found.state == "retired":
        return "already retired"
    done = _disable(service, env, version)
    event = master_event(
        "retired",
        version,
        provider=service.keys.provider.name,
        at=now,
        operator=operator,
        reason=done,
    )
    append_key_event(service, event, now)
    return done


def _disable(service: EvidenceService, env: Mapping[str, str], version: str) -> str:
    provider = service.keys.provider.name
    if provider == "kms":
        kms_client(service.cfg, env).disable_key(KeyId=version.removeprefix("kms:"))
        return "KMS key disabled (schedule its deletion in KMS when policy allows)"
    if provider == "file":
        for path in key_files(key_dir(service.cfg), "master"):
            if memory_key_id(decode_key_b64(path.read_text(), name=str(path))) == version:
                shred_file(path)
                return f"key file {path.name} overwritten and removed"
        return "no key file held it"
    name = service.cfg.keys.previous_master_keys_env
    return f"remove it from ${name} in every deployment"


def revoke(
    service: EvidenceService,
    version: str,
    *,
    at: datetime,
    reason: str,
    operator: str,
    now: datetime,
) -> KeyEvent:
    """Mark a master or signing key version compromised as of ``at``.

    Raises:
        EvidenceError: unknown version, no reason, or it is still the current key.

    """
    service.require(operator, "key_admin")
    if not reason.strip():
        msg = "a reason is required to revoke a key"
        raise EvidenceError(msg)
    kind: KeyKind = "signing" if version.startswith("ed25519:") else "master"
    if version in (service.keys.provider.key_id, service.keys.signer.key_id):
        msg = f"{version!r} is the current {kind} key: rotate first, then revoke it"
        raise EvidenceError(msg)
    state = service.key_state()
    known = (
        set(state.masters) | {v.key_id for v in state.history} | set(service.keys.keyring.key_ids)
    )
    known |= {v.key_id for v in status(service).versions}
    if version not in known:
        msg = f"unknown key version {version!r} (see `tipline keys status`)"
        raise EvidenceError(msg)
    event = revocation(version, kind, revoked_at=at, at=now, operator=operator, reason=reason)
    return append_key_event(service, event, now)


# ---------------------------------------------------------------- signing keys


def rotate_signing(
    service: EvidenceService, env: Mapping[str, str], *, operator: str, reason: str, now: datetime
) -> str:
    """Add a new signing key to the signed history, valid from ``now``; return its id.

    ``file``: writes the next ``signing-vNNNN.key``. With the signing key in
    the environment the new seed comes from ``$TIPLINE_SIGNING_KEY_NEXT``
    (then deploy it as ``$TIPLINE_SIGNING_KEY``).

    Raises:
        ConfigError: no next key in the environment, or the history's newest
            key is not the one this process signs with.

    """
    service.require(operator, "key_admin")
    state = service.key_state()
    current = service.keys.signer
    if not state.history:
        genesis = signing_added(
            current,
            None,
            valid_from=None,
            at=now,
            operator=operator,
            reason="signing key before the history",
        )
        append_key_event(service, genesis, now)
    elif state.history[-1].key_id != current.key_id:
        msg = (
            f"the signing-key history ends with {state.history[-1].key_id!r} but this process "
            f"signs with {current.key_id!r} (deploy the newest signing key first)"
        )
        raise ConfigError(msg)
    new = _next_signer(service, env)
    append_key_event(
        service,
        signing_added(new, current, valid_from=now, at=now, operator=operator, reason=reason),
        now,
    )
    return new.key_id


def _next_signer(service: EvidenceService, env: Mapping[str, str]) -> SigningKey:
    keys = service.cfg.keys
    if secret_from_env(env, keys.signing_key_env):
        value = secret_from_env(env, keys.next_signing_key_env)
        if not value:
            msg = f"${keys.next_signing_key_env} unset: put the new signing seed there to rotate"
            raise ConfigError(msg)
        return SigningKey(decode_key_b64(value, name=keys.next_signing_key_env))
    path = next_key_file(key_dir(service.cfg), "signing")
    seed = write_new_key(path, dev=False)
    if seed is None:
        msg = f"{path} exists already (another rotation running?)"
        raise ConfigError(msg)
    return SigningKey(seed)


def utc(value: str) -> datetime:
    """Parse an ISO-8601 time for ``--at`` (naive means UTC)."""
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
