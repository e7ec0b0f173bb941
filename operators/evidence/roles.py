"""Role policies: signed grants, verified against keys pinned in the vault.

Closed by default: no policy, a policy signed by a key the vault does not
pin, or a bad signature all mean *no roles*. The config cannot grant a role:
``[evidence.access] operators`` is only the input ``tipline roles sign``
signs. The pin (``admin/trust.json``) is written once, create-only, by the
first signing; on S3 it is WORM under Object Lock.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Final

import msgspec

from tipline.operators.evidence.canonical import canonical_bytes
from tipline.operators.evidence.keys import Keyring, SigningKey
from tipline.schemas.errors import VerificationError
from tipline.schemas.evidence import RolePolicy, SignedRolePolicy, TrustPin

TRUST_KEY: Final = "admin/trust.json"
POLICY_PREFIX: Final = "admin/roles/"
_PREFIX: Final = b"tipline.role_policy/1\n"
_SIGNED_DEC: Final = msgspec.json.Decoder(SignedRolePolicy)
_PIN_DEC: Final = msgspec.json.Decoder(TrustPin)


def policy_key(serial: int) -> str:
    """Vault key of policy number ``serial``."""
    return f"{POLICY_PREFIX}{serial:08d}.json"


def sign_policy(signer: SigningKey, policy: RolePolicy) -> bytes:
    """Return the stored bytes of ``policy`` signed by ``signer``."""
    signature = signer.sign(_PREFIX + canonical_bytes(policy))
    return canonical_bytes(
        SignedRolePolicy(policy=policy, key_id=signer.key_id, signature=signature)
    )


def decode_pin(raw: bytes) -> Keyring:
    """Return the keyring of a stored trust pin.

    Raises:
        VerificationError: the pin is unreadable.

    """
    try:
        pin = _PIN_DEC.decode(raw)
        return Keyring([base64.b64decode(k, validate=True) for k in pin.policy_keys])
    except (msgspec.DecodeError, ValueError) as exc:
        msg = f"{TRUST_KEY}: not a trust pin ({exc})"
        raise VerificationError(msg) from exc


def verify_policy(raw: bytes, pinned: Keyring, *, serial: int) -> RolePolicy:
    """Return the policy in ``raw`` if a pinned key signed it.

    Raises:
        VerificationError: unreadable, wrong serial, unknown key or bad signature.

    """
    where = policy_key(serial)
    try:
        signed = _SIGNED_DEC.decode(raw)
    except msgspec.DecodeError as exc:
        msg = f"{where}: not a signed role policy ({exc})"
        raise VerificationError(msg) from exc
    pinned.verify(
        signed.key_id, _PREFIX + canonical_bytes(signed.policy), signed.signature, what=where
    )
    if signed.policy.serial != serial:
        msg = f"{where}: says serial {signed.policy.serial} (expected {serial})"
        raise VerificationError(msg)
    return signed.policy


def roles_of(policy: RolePolicy | None, operator: str) -> Sequence[str]:
    """Return the roles ``operator`` holds under ``policy`` (none without one)."""
    if policy is None:
        return ()
    return tuple(policy.operators.get(operator, ()))
