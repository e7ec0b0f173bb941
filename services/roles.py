"""Role grants and caller identity, from the signed policy in the vault.

The config never grants a role. ``tipline roles sign`` signs a policy with
the deployment's signing key (the key that signs manifests) and stores it in
the vault under ``admin/roles/``; the first signing pins that key's public
half in ``admin/trust.json`` (create-only, WORM on S3). Every role check
reads the newest policy and verifies it against the pin: a missing pin, a
missing policy or a bad signature grant nothing (closed by default).
"""

from __future__ import annotations

import base64
import logging
import os
import pwd
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Final

from tipline.operators.evidence.canonical import canonical_bytes
from tipline.operators.evidence.keys import SigningKey
from tipline.operators.evidence.roles import (
    POLICY_PREFIX,
    TRUST_KEY,
    decode_pin,
    policy_key,
    sign_policy,
    verify_policy,
)
from tipline.schemas.errors import AccessDeniedError, EvidenceError, VerificationError
from tipline.schemas.evidence import Identity, Role, RolePolicy, TrustPin
from tipline.sinks.vault import Vault

log = logging.getLogger(__name__)

ADMIN_RETENTION: Final = timedelta(days=3650)
ADMIN_PREFIX: Final = "admin/"


def _policy_keys(vault: Vault) -> list[str]:
    return sorted(k for k in vault.list_keys(POLICY_PREFIX) if k.endswith(".json"))


def load_policy(vault: Vault) -> RolePolicy | None:
    """Return the newest role policy if a pinned key signed it, else None.

    A newest policy that does not verify is not skipped for an older one: it
    means no roles until an administrator signs a good one.
    """
    if not vault.exists(TRUST_KEY):
        return None
    tampered = vault.delete_markers(ADMIN_PREFIX)
    if tampered:
        # on S3 a deleted newest policy would roll back to an older one, a
        # deleted pin would let another key pin itself: grant nothing
        log.error("role policy objects were deleted (%s); no roles granted", tampered)
        return None
    keys = _policy_keys(vault)
    if not keys:
        return None
    try:
        pinned = decode_pin(vault.get(TRUST_KEY))
        return verify_policy(vault.get(keys[-1]), pinned, serial=len(keys))
    except (VerificationError, EvidenceError) as exc:
        log.error("role policy rejected, no roles granted: %s", exc)
        return None


def pin_signer(vault: Vault, signer: SigningKey, now: datetime) -> None:
    """Pin ``signer`` as the vault's policy key unless a pin exists.

    Raises:
        AccessDeniedError: the vault already pins other keys.

    """
    tampered = vault.delete_markers(ADMIN_PREFIX)
    if tampered:
        msg = f"{vault.location}: role policy objects were deleted ({tampered}); not signing"
        raise AccessDeniedError(msg)
    pub = base64.b64encode(signer.public_raw).decode()
    pin = TrustPin(pinned_at=now, policy_keys=[pub])
    vault.create(TRUST_KEY, canonical_bytes(pin), retain_until=now + ADMIN_RETENTION)
    pinned = decode_pin(vault.get(TRUST_KEY))
    if signer.key_id not in pinned.key_ids:
        msg = (
            f"{vault.location} pins policy keys {pinned.key_ids}; this deployment signs with "
            f"{signer.key_id!r} (use the pinned signing key)"
        )
        raise AccessDeniedError(msg)


def install_policy(
    vault: Vault,
    signer: SigningKey,
    operators: Mapping[str, list[Role]],
    *,
    identity: Identity,
    now: datetime,
) -> RolePolicy:
    """Sign a policy with ``signer`` and store it as the vault's newest one.

    Raises:
        AccessDeniedError: ``signer`` is not the vault's pinned key.
        EvidenceError: another administrator stored a policy at the same time.

    """
    pin_signer(vault, signer, now)
    serial = len(_policy_keys(vault)) + 1
    policy = RolePolicy(serial=serial, issued_at=now, identity=identity, operators=dict(operators))
    raw = sign_policy(signer, policy)
    if not vault.create(policy_key(serial), raw, retain_until=now + ADMIN_RETENTION):
        msg = f"role policy {serial} was stored by someone else meanwhile; sign again"
        raise EvidenceError(msg)
    return policy


def os_user() -> str:
    """Return the OS account running this process (not ``$USER``, which a caller sets)."""
    return pwd.getpwuid(os.getuid()).pw_name


def caller_identity(
    policy: RolePolicy | None, asserted: str | None, env: Mapping[str, str], operator_env: str
) -> str:
    """Return who is calling, as the signed policy says to establish it.

    Raises:
        AccessDeniedError: no identity, or ``--operator`` differs from the OS account.

    """
    if policy is not None and policy.identity == "env":
        who = asserted or env.get(operator_env, "")
        if not who:
            msg = f"no operator identity: pass --operator or set ${operator_env}"
            raise AccessDeniedError(msg)
        return who
    user = os_user()
    if asserted and asserted != user:
        msg = (
            f"operator {asserted!r} is not the OS account {user!r} running this command "
            "(the role policy's identity is 'os')"
        )
        raise AccessDeniedError(msg)
    return user
