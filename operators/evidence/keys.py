"""Key handling: master-key wrapping of data keys, Ed25519 signing, item sealing.

- Every package gets a random 256-bit data key. Items are sealed with
  AES-256-GCM under it; the associated data binds each ciphertext to its
  package and item id, so an object moved elsewhere fails to open.
- The data key is wrapped by a master key through :class:`KeyProvider` (the
  env implementation here; a KMS implements the same protocol). The wrapped
  key is stored in a separate mutable key store; deleting it is
  crypto-shredding (18 U.S.C. 2258B(c)).
- Item nonces are derived, not random: HMAC(data key, item id || SHA-256 of
  the plaintext). The same item always seals to the same bytes, so a retried
  write after a crash is byte-identical (idempotent create-only writes), and
  different plaintexts never share a nonce under one key.
- Manifests and custody checkpoints are signed with Ed25519; the key id is the
  first 16 hex digits of SHA-256 over the raw public key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import threading
from collections.abc import Sequence
from typing import Final, Protocol

import msgspec
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from msgspec import Struct

from tipline.schemas.errors import ConfigError, EvidenceError, VerificationError

KEY_BYTES: Final = 32
NONCE_BYTES: Final = 12
WRAP_ALG: Final = "AES-256-GCM-KEYWRAP"
_WRAP_AAD: Final = b"tipline.data-key/1:"
_NONCE_POOL_NONCES: Final = 4096


class _NoncePool:
    """Random AES-GCM nonces cut from one larger read of the OS's random source.

    ``os.urandom`` releases the interpreter lock around its system call, so a
    thread that calls it once per message gives the lock away once per
    message; with another thread busy in Python (evidence packaging, drafts)
    each such call waits up to the switch interval (5 ms) to get it back. The
    flow seals every buffered message (:mod:`.context`), so one read per
    4,096 nonces keeps that wait off the hot path. The bytes are the same
    OS randomness, only read in bulk; they are unpredictable before use and
    never handed out twice. A forked child starts with an empty pool, so it
    never repeats its parent's nonces.
    """

    _lock: threading.Lock
    _buf: bytes
    _pos: int

    def __init__(self) -> None:
        self.reset()

    def take(self) -> bytes:
        """Return ``NONCE_BYTES`` fresh random bytes."""
        with self._lock:
            pos = self._pos
            if pos + NONCE_BYTES > len(self._buf):
                self._buf = os.urandom(NONCE_BYTES * _NONCE_POOL_NONCES)
                pos = 0
            self._pos = pos + NONCE_BYTES
            return self._buf[pos : pos + NONCE_BYTES]

    def reset(self) -> None:
        """Forget what was read (a forked child: its parent holds the same bytes).

        A new lock too: another thread of the parent may have held the old one.
        """
        self._lock = threading.Lock()
        self._buf = b""
        self._pos = 0


_NONCES: Final = _NoncePool()
os.register_at_fork(after_in_child=_NONCES.reset)


def random_nonce() -> bytes:
    """Return a fresh random 96-bit AES-GCM nonce (see :class:`_NoncePool`)."""
    return _NONCES.take()


class WrappedKey(Struct, frozen=True, kw_only=True):
    """A package data key wrapped by a master key (what the key store holds)."""

    package_id: str
    master_key_id: str
    alg: str = WRAP_ALG
    nonce: str
    wrapped: str


class KeyProvider(Protocol):
    """A master key service: wraps/unwraps data keys, derives purpose keys.

    Implementations: :class:`InMemoryKeyProvider` (``env`` and ``file``: key
    versions held in this process) and ``tipline.clients.kms.KmsKeyProvider``
    (``kms``: the master key never leaves KMS).
    """

    @property
    def name(self) -> str:
        """The provider kind: ``env``, ``file`` or ``kms``."""
        ...

    @property
    def key_id(self) -> str:
        """The current master key version's id, recorded in every new manifest."""
        ...

    def versions(self) -> list[str]:
        """Every master key version this provider can unwrap with, oldest first."""
        ...

    def generate(self, *, package_id: str) -> tuple[bytes, WrappedKey]:
        """Return a fresh data key for ``package_id`` and its wrapped form."""
        ...

    def wrap(self, data_key: bytes, *, package_id: str) -> WrappedKey:
        """Wrap ``data_key`` for ``package_id``."""
        ...

    def unwrap(self, wrapped: WrappedKey) -> bytes:
        """Return the data key; raise EvidenceError if it does not open."""
        ...

    def rewrap(self, wrapped: WrappedKey) -> WrappedKey:
        """Wrap the same data key again under the current version."""
        ...

    def derive(self, purpose: str) -> bytes:
        """Return a 32-byte key for ``purpose`` (e.g. the context buffer)."""
        ...

    def derive_older(self, purpose: str) -> list[bytes]:
        """Return the ``purpose`` keys of older versions (to open what they sealed)."""
        ...


def decode_key_b64(value: str, *, name: str) -> bytes:
    """Decode a base64 32-byte key taken from env var ``name``.

    Raises:
        ConfigError: not base64 or not 32 bytes (the value is never quoted).

    """
    try:
        raw = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        msg = f"${name} is not base64 (expected a base64-encoded 32-byte key)"
        raise ConfigError(msg) from exc
    if len(raw) != KEY_BYTES:
        msg = f"${name} decodes to {len(raw)} bytes (expected {KEY_BYTES})"
        raise ConfigError(msg)
    return raw


def new_data_key() -> bytes:
    """Return a fresh random 256-bit data key."""
    return AESGCM.generate_key(bit_length=256)


def memory_key_id(master_key: bytes) -> str:
    """Return the id of an in-memory master key version (a hash of it, never the key).

    The ``env:`` prefix is historical: packages written before the ``file``
    provider existed carry it, and the same key must keep the same id.
    """
    return "env:" + hashlib.sha256(b"tipline.master/1" + master_key).hexdigest()[:16]


class InMemoryKeyProvider:
    """Master key versions held in this process's memory, wrapping with AES-GCM.

    The keys come from environment variables (``env``) or key files
    (``file``), read once at start by the evidence service. The first key
    given is the current version (new packages), the rest are older versions
    kept to unwrap (and rewrap) packages that still need them.
    """

    def __init__(
        self, master_key: bytes, *, previous: Sequence[bytes] = (), name: str = "env"
    ) -> None:
        self._name = name
        self._versions: dict[str, bytes] = {}
        for key in [*previous, master_key]:
            if len(key) != KEY_BYTES:
                msg = f"master key has {len(key)} bytes (expected {KEY_BYTES})"
                raise ConfigError(msg)
            self._versions[memory_key_id(key)] = key
        self._key_id = memory_key_id(master_key)
        self._kdf_root = master_key

    @property
    def name(self) -> str:
        """``env`` or ``file``."""
        return self._name

    @property
    def key_id(self) -> str:
        """The current master key id (a hash of the key, never the key)."""
        return self._key_id

    def versions(self) -> list[str]:
        """Every version held, oldest first, the current one last."""
        return [*(k for k in self._versions if k != self._key_id), self._key_id]

    def generate(self, *, package_id: str) -> tuple[bytes, WrappedKey]:
        """Return a random data key and its wrapped form under the current version."""
        data_key = new_data_key()
        return data_key, self.wrap(data_key, package_id=package_id)

    def wrap(self, data_key: bytes, *, package_id: str) -> WrappedKey:
        """Seal ``data_key`` under the current version, bound to ``package_id``."""
        nonce = random_nonce()
        aead = AESGCM(self._versions[self._key_id])
        sealed = aead.encrypt(nonce, data_key, _WRAP_AAD + package_id.encode())
        return WrappedKey(
            package_id=package_id,
            master_key_id=self._key_id,
            nonce=nonce.hex(),
            wrapped=base64.b64encode(sealed).decode(),
        )

    def unwrap(self, wrapped: WrappedKey) -> bytes:
        """Open a wrapped data key with the version that wrapped it."""
        key = self._versions.get(wrapped.master_key_id)
        if key is None:
            msg = (
                f"package {wrapped.package_id!r} key is wrapped by master key "
                f"{wrapped.master_key_id!r}, which this {self._name} provider does not hold "
                f"(holds {self.versions()})"
            )
            raise EvidenceError(msg)
        aad = _WRAP_AAD + wrapped.package_id.encode()
        try:
            return AESGCM(key).decrypt(
                bytes.fromhex(wrapped.nonce), base64.b64decode(wrapped.wrapped), aad
            )
        except InvalidTag as exc:
            msg = f"wrapped key of package {wrapped.package_id!r} does not open (tampered?)"
            raise EvidenceError(msg) from exc

    def rewrap(self, wrapped: WrappedKey) -> WrappedKey:
        """Unwrap with the old version, wrap with the current one."""
        return self.wrap(self.unwrap(wrapped), package_id=wrapped.package_id)

    def derive(self, purpose: str) -> bytes:
        """HKDF-SHA256 of the current master key with ``purpose`` as info."""
        return hkdf(self._kdf_root, info=b"tipline.derive/1:" + purpose.encode())

    def derive_older(self, purpose: str) -> list[bytes]:
        """Return the same derivation under every older version held."""
        info = b"tipline.derive/1:" + purpose.encode()
        return [hkdf(k, info=info) for v, k in self._versions.items() if v != self._key_id]


def hkdf(key: bytes, *, info: bytes, salt: bytes | None = None) -> bytes:
    """Derive a 32-byte key with HKDF-SHA256."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(key)


def encode_wrapped(wrapped: WrappedKey) -> bytes:
    """Serialise a wrapped key for the key store."""
    return msgspec.json.encode(wrapped)


def decode_wrapped(raw: bytes) -> WrappedKey:
    """Parse a wrapped key read from the key store."""
    return msgspec.json.decode(raw, type=WrappedKey)


# ---------------------------------------------------------------- item sealing


def _item_aad(package_id: str, item_id: str) -> bytes:
    return f"tipline.item/1:{package_id}/{item_id}".encode()


def item_nonce(data_key: bytes, item_id: str, plaintext_sha256: str) -> bytes:
    """Derive the deterministic nonce of one item (see module docstring)."""
    mac = hmac.new(data_key, f"nonce:{item_id}:{plaintext_sha256}".encode(), hashlib.sha256)
    return mac.digest()[:NONCE_BYTES]


def seal_item(
    data_key: bytes, *, package_id: str, item_id: str, plaintext: bytes, plaintext_sha256: str
) -> tuple[bytes, bytes]:
    """Encrypt one item; return ``(nonce, ciphertext_with_tag)``."""
    nonce = item_nonce(data_key, item_id, plaintext_sha256)
    return nonce, AESGCM(data_key).encrypt(nonce, plaintext, _item_aad(package_id, item_id))


def open_item_bytes(
    data_key: bytes, *, package_id: str, item_id: str, nonce: bytes, ciphertext: bytes
) -> bytes:
    """Decrypt one item.

    Raises:
        VerificationError: the GCM tag does not verify (tampered or misplaced).

    """
    try:
        return AESGCM(data_key).decrypt(nonce, ciphertext, _item_aad(package_id, item_id))
    except InvalidTag as exc:
        msg = f"item {item_id!r} of package {package_id!r} fails AES-GCM authentication"
        raise VerificationError(msg) from exc


# ---------------------------------------------------------------- signatures


def public_key_id(public_raw: bytes) -> str:
    """Return the key id of a raw Ed25519 public key."""
    return "ed25519:" + hashlib.sha256(public_raw).hexdigest()[:16]


class SigningKey:
    """An Ed25519 signing key (seed from the environment or a dev key file)."""

    def __init__(self, seed: bytes) -> None:
        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        self.public_raw: Final = self._key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.key_id: Final = public_key_id(self.public_raw)

    def sign(self, data: bytes) -> str:
        """Sign ``data``; return the signature as base64."""
        return base64.b64encode(self._key.sign(data)).decode()


class Keyring:
    """Trusted Ed25519 public keys by key id, for verification."""

    def __init__(self, public_keys: list[bytes]) -> None:
        self._keys = {public_key_id(k): Ed25519PublicKey.from_public_bytes(k) for k in public_keys}

    @property
    def key_ids(self) -> list[str]:
        """The trusted key ids, sorted."""
        return sorted(self._keys)

    def with_keys(self, public_keys: Sequence[bytes]) -> Keyring:
        """Return a keyring trusting these keys as well (e.g. the signing-key history)."""
        ring = Keyring([])
        ring._keys = {
            **self._keys,
            **{public_key_id(k): Ed25519PublicKey.from_public_bytes(k) for k in public_keys},
        }
        return ring

    def verify(self, key_id: str, data: bytes, signature_b64: str, *, what: str) -> None:
        """Check a signature by ``key_id`` over ``data``.

        Raises:
            VerificationError: unknown key id or bad signature; names ``what``.

        """
        key = self._keys.get(key_id)
        if key is None:
            msg = f"{what}: signed by unknown key {key_id!r} (trusted: {self.key_ids})"
            raise VerificationError(msg)
        try:
            key.verify(base64.b64decode(signature_b64), data)
        except (InvalidSignature, binascii.Error, ValueError) as exc:
            msg = f"{what}: Ed25519 signature by {key_id!r} does not verify"
            raise VerificationError(msg) from exc
