"""Canonical JSON and digests: the byte forms that are hashed and signed.

Canonical JSON here is msgspec's encoding with sorted keys (struct fields and
dict keys) and no whitespace; datetimes are normalised to UTC by the builders
before encoding, so equal records always give equal bytes.
"""

from __future__ import annotations

import hashlib
import hmac
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Final

import msgspec
from msgspec import Struct

_ENCODER: Final = msgspec.json.Encoder(order="sorted")
_PARALLEL_MIN_BYTES: Final = 256 * 1024
_POOL: Final = ThreadPoolExecutor(max_workers=3, thread_name_prefix="evidence-digest")


class Digests(Struct, frozen=True, kw_only=True):
    """The custody hashes of one byte string (lowercase hex) and its size."""

    sha256: str
    sha1: str
    md5: str
    size_bytes: int


def canonical_bytes(value: Any) -> bytes:
    """Encode a struct or builtin as canonical JSON (sorted keys, compact)."""
    return _ENCODER.encode(value)


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 of ``data`` as lowercase hex."""
    return hashlib.sha256(data).hexdigest()


def _hexdigest(name: str, data: bytes) -> str:
    return hashlib.new(name, data, usedforsecurity=False).hexdigest()


def digests_of(data: bytes) -> Digests:
    """Hash the original bytes with SHA-256, SHA-1 and MD5 (custody identity).

    Large inputs are hashed in three threads at once (hashlib releases the GIL),
    which keeps a 2 MB image near the cost of MD5 alone.
    """
    names = ("sha256", "sha1", "md5")
    if len(data) >= _PARALLEL_MIN_BYTES:
        results = list(_POOL.map(_hexdigest, names, (data, data, data)))
    else:
        results = [_hexdigest(n, data) for n in names]
    return Digests(sha256=results[0], sha1=results[1], md5=results[2], size_bytes=len(data))


def same_digest(a: str, b: str) -> bool:
    """Compare two hex digests in constant time, ignoring case."""
    return hmac.compare_digest(a.lower(), b.lower())
