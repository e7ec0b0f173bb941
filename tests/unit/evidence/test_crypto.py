from __future__ import annotations

import base64
import hashlib
import os

import pytest
from evidence_helpers import noise_bytes

from tipline.operators.evidence.canonical import canonical_bytes, digests_of
from tipline.operators.evidence.keys import (
    InMemoryKeyProvider,
    Keyring,
    SigningKey,
    decode_key_b64,
    new_data_key,
    open_item_bytes,
    seal_item,
)
from tipline.schemas.errors import ConfigError, EvidenceError, VerificationError


def test_canonical_json_sorts_keys_without_whitespace() -> None:
    assert canonical_bytes({"b": 1, "a": {"z": 2, "c": [1, 2]}}) == b'{"a":{"c":[1,2],"z":2},"b":1}'


@pytest.mark.parametrize("size", [0, 10, 300_000, 2 * 1024 * 1024])
def test_digests_are_of_the_original_bytes(size: int) -> None:
    data = noise_bytes(size)
    d = digests_of(data)
    assert d.sha256 == hashlib.sha256(data).hexdigest()
    assert d.sha1 == hashlib.sha1(data).hexdigest()
    assert d.md5 == hashlib.md5(data).hexdigest()
    assert d.size_bytes == size


def test_wrap_unwrap_is_bound_to_the_package() -> None:
    provider = InMemoryKeyProvider(os.urandom(32))
    key = new_data_key()
    wrapped = provider.wrap(key, package_id="pkg-a")
    assert provider.unwrap(wrapped) == key
    moved = type(wrapped)(
        package_id="pkg-b",
        master_key_id=wrapped.master_key_id,
        nonce=wrapped.nonce,
        wrapped=wrapped.wrapped,
    )
    with pytest.raises(EvidenceError, match="pkg-b"):
        provider.unwrap(moved)
    with pytest.raises(EvidenceError, match="wrapped by master key"):
        InMemoryKeyProvider(os.urandom(32)).unwrap(wrapped)


def test_sealed_items_are_deterministic_and_authenticated() -> None:
    key = new_data_key()
    data = noise_bytes(1000)
    digest = hashlib.sha256(data).hexdigest()
    n1, c1 = seal_item(key, package_id="p", item_id="i", plaintext=data, plaintext_sha256=digest)
    n2, c2 = seal_item(key, package_id="p", item_id="i", plaintext=data, plaintext_sha256=digest)
    assert (n1, c1) == (n2, c2)
    assert open_item_bytes(key, package_id="p", item_id="i", nonce=n1, ciphertext=c1) == data
    with pytest.raises(VerificationError, match="'j'"):
        open_item_bytes(key, package_id="p", item_id="j", nonce=n1, ciphertext=c1)
    other = noise_bytes(1000, seed=2)
    n3, _ = seal_item(
        key,
        package_id="p",
        item_id="i",
        plaintext=other,
        plaintext_sha256=hashlib.sha256(other).hexdigest(),
    )
    assert n3 != n1


def test_signatures_verify_and_name_the_problem() -> None:
    signer = SigningKey(os.urandom(32))
    ring = Keyring([signer.public_raw])
    sig = signer.sign(b"manifest")
    ring.verify(signer.key_id, b"manifest", sig, what="m")
    with pytest.raises(VerificationError, match="does not verify"):
        ring.verify(signer.key_id, b"manifest!", sig, what="m")
    with pytest.raises(VerificationError, match="unknown key"):
        ring.verify("ed25519:0000", b"manifest", sig, what="m")


def test_env_key_decoding_never_quotes_the_value() -> None:
    with pytest.raises(ConfigError, match=r"\$K decodes to 5 bytes") as exc:
        decode_key_b64(base64.b64encode(b"short").decode(), name="K")
    assert "c2hvcnQ" not in str(exc.value)
    with pytest.raises(ConfigError, match="not base64"):
        decode_key_b64("!!!", name="K")


def test_key_versions_list_the_older_ones_first_and_the_current_last() -> None:
    from tipline.operators.evidence.keys import memory_key_id

    old1, old2, current = os.urandom(32), os.urandom(32), os.urandom(32)
    provider = InMemoryKeyProvider(current, previous=[old1, old2])
    assert provider.versions() == [memory_key_id(old1), memory_key_id(old2), memory_key_id(current)]
    assert provider.key_id == memory_key_id(current)
    assert InMemoryKeyProvider(current).versions() == [memory_key_id(current)]


def test_derived_keys_follow_the_documented_hkdf_info() -> None:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    def expected(master: bytes, purpose: str) -> bytes:
        info = b"tipline.derive/1:" + purpose.encode()
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    old, current = os.urandom(32), os.urandom(32)
    provider = InMemoryKeyProvider(current, previous=[old])
    assert provider.derive("context") == expected(current, "context")
    assert provider.derive("context") != provider.derive("other")
    assert provider.derive_older("context") == [expected(old, "context")]
    assert InMemoryKeyProvider(current).derive_older("context") == []
