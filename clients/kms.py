"""The ``kms`` key provider: package data keys from the AWS KMS API.

The master key never leaves KMS. A package's data key comes from
``GenerateDataKey`` (AES-256) under the current master key, the one the alias
(``alias/tipline-master`` by default) points at; only the ciphertext blob is
stored in the key store. Opening it is a ``Decrypt`` call; rewrapping under a
newer master key is ``ReEncrypt``, so even then the plaintext key never
passes through this process. Every call carries the encryption context
``{"package_id": …, "purpose": …}``: KMS binds the blob to its package, and
CloudTrail (or the local server's log) records which package each call was for.

A purpose key (the flow's context-buffer root) is a data key like a package's,
stored in the key store under ``purpose.<name>``, created on first use.

Key ids recorded in manifests are ``kms:<KeyId>`` (the KMS key's id, not an
alias), so a later alias move never changes what a package names.
"""

from __future__ import annotations

import base64
from typing import Any, Final, Protocol

from botocore.exceptions import BotoCoreError, ClientError

from tipline.operators.evidence.keys import KEY_BYTES, WrappedKey, decode_wrapped, encode_wrapped
from tipline.schemas.errors import ConfigError, EvidenceError

KMS_ALG: Final = "AWS-KMS-SYMMETRIC_DEFAULT"
DATA_KEY_PURPOSE: Final = "tipline.package-data-key"
PURPOSE_KEY_PURPOSE: Final = "tipline.purpose-key"
DEFAULT_ALIAS: Final = "alias/tipline-master"


class BlobStore(Protocol):
    """Where purpose keys are kept (the evidence key store satisfies it)."""

    def get(self, package_id: str) -> bytes | None:
        """Return the blob or None."""
        ...

    def put(self, package_id: str, blob: bytes) -> bool:
        """Store the blob if absent; False when one exists."""
        ...


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _purpose_of(package_id: str) -> str:
    return PURPOSE_KEY_PURPOSE if package_id.startswith("purpose.") else DATA_KEY_PURPOSE


class KmsKeyProvider:
    """Wraps package data keys with a KMS key; implements ``KeyProvider``."""

    def __init__(self, client: Any, *, alias: str = DEFAULT_ALIAS, store: BlobStore | None = None):
        self._kms = client
        self.alias: Final = alias
        self._store = store
        self._key_id = "kms:" + self._resolve(alias)

    def _resolve(self, key: str) -> str:
        try:
            meta = self._kms.describe_key(KeyId=key)["KeyMetadata"]
        except ClientError as exc:
            msg = f"KMS key {key!r} cannot be described ({_code(exc)}); create it or fix the alias"
            raise ConfigError(msg) from exc
        except BotoCoreError as exc:
            msg = f"KMS endpoint unreachable while resolving {key!r} ({type(exc).__name__})"
            raise ConfigError(msg) from exc
        return str(meta["KeyId"])

    @property
    def name(self) -> str:
        """``kms``."""
        return "kms"

    @property
    def key_id(self) -> str:
        """``kms:<KeyId>`` of the key the alias points at."""
        return self._key_id

    def refresh(self) -> str:
        """Re-resolve the alias (after a rotation); return the current key id."""
        self._key_id = "kms:" + self._resolve(self.alias)
        return self._key_id

    def versions(self) -> list[str]:
        """Return the current version (older ones stay usable while enabled in KMS)."""
        return [self._key_id]

    def _context(self, package_id: str) -> dict[str, str]:
        return {"package_id": package_id, "purpose": _purpose_of(package_id)}

    def _wrapped(self, package_id: str, key_id: str, blob: bytes) -> WrappedKey:
        return WrappedKey(
            package_id=package_id,
            master_key_id="kms:" + key_id,
            alg=KMS_ALG,
            nonce="",
            wrapped=base64.b64encode(blob).decode(),
        )

    def _call(self, op: str, package_id: str, **kwargs: Any) -> dict[str, Any]:
        try:
            out: dict[str, Any] = getattr(self._kms, op)(**kwargs)
        except ClientError as exc:
            msg = f"KMS {op} for {package_id!r} failed ({_code(exc)})"
            raise EvidenceError(msg) from exc
        except BotoCoreError as exc:
            msg = f"KMS {op} for {package_id!r} failed ({type(exc).__name__})"
            raise EvidenceError(msg) from exc
        return out

    def generate(self, *, package_id: str) -> tuple[bytes, WrappedKey]:
        """``GenerateDataKey``: the plaintext data key and its KMS ciphertext."""
        out = self._call(
            "generate_data_key",
            package_id,
            KeyId=self._key_id.removeprefix("kms:"),
            KeySpec="AES_256",
            EncryptionContext=self._context(package_id),
        )
        key_id = str(out["KeyId"]).rsplit("/", 1)[-1]
        return bytes(out["Plaintext"]), self._wrapped(package_id, key_id, out["CiphertextBlob"])

    def wrap(self, data_key: bytes, *, package_id: str) -> WrappedKey:
        """``Encrypt`` an existing data key under the current KMS key."""
        out = self._call(
            "encrypt",
            package_id,
            KeyId=self._key_id.removeprefix("kms:"),
            Plaintext=data_key,
            EncryptionContext=self._context(package_id),
        )
        key_id = str(out["KeyId"]).rsplit("/", 1)[-1]
        return self._wrapped(package_id, key_id, out["CiphertextBlob"])

    def unwrap(self, wrapped: WrappedKey) -> bytes:
        """``Decrypt`` with the recorded key and the package's encryption context."""
        if not wrapped.master_key_id.startswith("kms:"):
            msg = (
                f"package {wrapped.package_id!r} key is wrapped by {wrapped.master_key_id!r}, "
                "not a KMS key"
            )
            raise EvidenceError(msg)
        out = self._call(
            "decrypt",
            wrapped.package_id,
            CiphertextBlob=base64.b64decode(wrapped.wrapped),
            KeyId=wrapped.master_key_id.removeprefix("kms:"),
            EncryptionContext=self._context(wrapped.package_id),
        )
        plain = bytes(out["Plaintext"])
        if len(plain) != KEY_BYTES:
            msg = f"KMS returned a {len(plain)}-byte key for {wrapped.package_id!r}"
            raise EvidenceError(msg)
        return plain

    def rewrap(self, wrapped: WrappedKey) -> WrappedKey:
        """``ReEncrypt`` under the current key: the data key never leaves KMS."""
        context = self._context(wrapped.package_id)
        out = self._call(
            "re_encrypt",
            wrapped.package_id,
            CiphertextBlob=base64.b64decode(wrapped.wrapped),
            SourceKeyId=wrapped.master_key_id.removeprefix("kms:"),
            SourceEncryptionContext=context,
            DestinationKeyId=self._key_id.removeprefix("kms:"),
            DestinationEncryptionContext=context,
        )
        key_id = str(out["KeyId"]).rsplit("/", 1)[-1]
        return self._wrapped(wrapped.package_id, key_id, out["CiphertextBlob"])

    def derive(self, purpose: str) -> bytes:
        """Return the purpose key: a stored data key, generated on first use."""
        if self._store is None:
            msg = "the kms provider needs a key store to hold purpose keys"
            raise ConfigError(msg)
        name = f"purpose.{purpose}"
        stored = self._store.get(name)
        if stored is None:
            _, wrapped = self.generate(package_id=name)
            self._store.put(name, encode_wrapped(wrapped))
            stored = self._store.get(name)
        if stored is None:
            msg = f"key store lost the purpose key {name!r} during write"
            raise EvidenceError(msg)
        return self.unwrap(decode_wrapped(stored))

    def derive_older(self, purpose: str) -> list[bytes]:
        """Return nothing: a purpose key survives rotation (it is rewrapped, not replaced)."""
        return []


def create_master_key(client: Any, *, alias: str = DEFAULT_ALIAS, description: str = "") -> str:
    """Create a symmetric KMS key and point ``alias`` at it; return its KeyId.

    Used by ``tipline keys rotate`` (kms) and to bootstrap a deployment.
    """
    key_id = str(
        client.create_key(
            Description=description or "tipline evidence master key",
            KeyUsage="ENCRYPT_DECRYPT",
            KeySpec="SYMMETRIC_DEFAULT",
        )["KeyMetadata"]["KeyId"]
    )
    try:
        client.update_alias(AliasName=alias, TargetKeyId=key_id)
    except ClientError as exc:
        if _code(exc) != "NotFoundException":
            raise
        client.create_alias(AliasName=alias, TargetKeyId=key_id)
    return key_id
