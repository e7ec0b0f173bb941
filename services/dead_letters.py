"""Dead letters at rest are sealed: their raw bytes are content (issue #13).

A dead letter keeps the record exactly as received so that a fixed job can
re-drive it, and that record may be a known image or message text. So the
dead-letter file and the Kafka dead-letter topic never hold it in the clear:

- ``raw`` is replaced by ``nonce (12 bytes) || AES-256-GCM ciphertext`` under a
  key derived with HKDF-SHA256 from the evidence master key (purpose
  ``dead-letters``: ``KeyProvider.derive("dead-letters")``, the same provider
  that wraps evidence data keys and seals the session context buffer);
- the associated data is ``stage NUL source-position``, so a ciphertext cannot
  be moved to another letter;
- ``sealed`` names the scheme (:data:`SEAL_SCHEME`); everything else in the
  letter (stage, error type, reason, source position, event id, time) stays
  readable for ``tipline dlq list`` and for operators.

The JSON document is the same on both outputs (one line in
``dead-letters.jsonl``, one Kafka message value on the DLQ topic keyed by
``stage|source``). ``tipline dlq replay`` opens the letters with the same keys
before re-driving them. The dead-letter file is created 0600 in a 0700 folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tipline.operators.evidence.keys import NONCE_BYTES, KeyProvider, random_nonce
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.errors import EvidenceError
from tipline.schemas.evidence import EvidenceConfig
from tipline.services.evidence import build_evidence_service

SEAL_SCHEME: Final = "aes-256-gcm/hkdf-sha256:dead-letters/1"
KEY_PURPOSE: Final = "dead-letters"


class DeadLetterSealer:
    """Seals and opens the raw bytes of dead letters."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    @classmethod
    def from_provider(cls, provider: KeyProvider) -> DeadLetterSealer:
        """Build the sealer from the evidence key provider."""
        return cls(provider.derive(KEY_PURPOSE))

    @classmethod
    def from_config(cls, cfg: EvidenceConfig, env: Mapping[str, str]) -> DeadLetterSealer:
        """Build the sealer from ``[evidence.keys]`` and the environment (CLI, workers)."""
        return cls.from_provider(build_evidence_service(cfg, env=env).keys.provider)

    @staticmethod
    def _aad(letter: DeadLetter) -> bytes:
        return f"{letter.stage}\0{letter.source.describe()}".encode()

    def seal(self, letter: DeadLetter) -> DeadLetter:
        """Return the letter with ``raw`` encrypted (a sealed letter is returned as is)."""
        if letter.sealed is not None:
            return letter
        nonce = random_nonce()
        sealed = nonce + self._aead.encrypt(nonce, letter.raw, self._aad(letter))
        return msgspec.structs.replace(letter, raw=sealed, sealed=SEAL_SCHEME)

    def open(self, letter: DeadLetter) -> DeadLetter:
        """Return the letter with its original ``raw`` bytes (a plain letter is returned as is).

        Raises:
            EvidenceError: unknown scheme, wrong key, or a tampered letter.

        """
        if letter.sealed is None:
            return letter
        if letter.sealed != SEAL_SCHEME:
            msg = f"dead letter sealed with {letter.sealed!r} (expected {SEAL_SCHEME!r})"
            raise EvidenceError(msg)
        raw = letter.raw
        try:
            plain = self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], self._aad(letter))
        except InvalidTag as exc:
            msg = (
                f"dead letter at {letter.source.describe()} does not open "
                "(another master key, or the letter was changed)"
            )
            raise EvidenceError(msg) from exc
        return msgspec.structs.replace(letter, raw=plain, sealed=None)
