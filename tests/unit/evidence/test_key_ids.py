"""Key ids are stored in every manifest and signature: their format is pinned, so
packages written before a change still find their keys (mutation survivors, #19)."""

from __future__ import annotations

import hashlib

import pytest

from tipline.operators.evidence.keys import (
    KEY_BYTES,
    InMemoryKeyProvider,
    SigningKey,
    memory_key_id,
    public_key_id,
)
from tipline.schemas.errors import ConfigError

MASTER = bytes(range(KEY_BYTES))


def test_a_memory_key_id_is_env_and_16_hex_of_its_domain_separated_hash() -> None:
    digest = hashlib.sha256(b"tipline.master/1" + MASTER).hexdigest()
    assert memory_key_id(MASTER) == "env:" + digest[:16]
    assert InMemoryKeyProvider(MASTER).name == "env"
    assert InMemoryKeyProvider(MASTER, name="file").name == "file"


def test_a_public_key_id_is_ed25519_and_16_hex_of_the_raw_key() -> None:
    signer = SigningKey(bytes(32))
    assert public_key_id(signer.public_raw) == (
        "ed25519:" + hashlib.sha256(signer.public_raw).hexdigest()[:16]
    )
    assert signer.key_id == public_key_id(signer.public_raw)


@pytest.mark.parametrize("size", [KEY_BYTES - 1, KEY_BYTES + 1])
def test_a_master_key_of_the_wrong_size_is_named_with_its_size(size: int) -> None:
    with pytest.raises(ConfigError) as raised:
        InMemoryKeyProvider(MASTER, previous=[bytes(size)])
    assert str(raised.value) == f"master key has {size} bytes (expected {KEY_BYTES})"
