"""Key log records: master-key versions, the signed signing-key history, revocations.

The key log is an append-only hash chain of :class:`KeyEvent` objects stored
in the evidence vault (WORM) under ``keys/log/``. It holds public metadata
only: key ids (hashes or KMS key ids), public signing keys, times, who and
why. Never key material.

- ``master_added``: a master-key version was introduced (``tipline keys
  rotate``); the newest one not retired is the one new packages use.
- ``master_retired``: nothing needs the version any more; it was retired.
- ``signing_added``: a signing key, valid from ``valid_from`` until the next
  ``signing_added`` event's ``valid_from``. Signed by the previous signing
  key (``signed_by``; the first is self-signed) and by itself (``proof``,
  proof of possession). ``valid_from`` None means "since before the history".
- ``revoked``: the version (master or signing) is compromised as of
  ``revoked_at``; anything signed or wrapped under it from then is flagged.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

from msgspec import Struct

KEY_EVENT_SCHEMA: Final = "tipline.key_event/1"

KeyAction = Literal["master_added", "master_retired", "signing_added", "revoked"]
KeyKind = Literal["master", "signing"]


class KeyEvent(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One entry of the key log (canonical JSON, chained by ``prev_sha256``)."""

    schema: Literal["tipline.key_event/1"] = KEY_EVENT_SCHEMA
    seq: int
    prev_sha256: str
    at: datetime
    action: KeyAction
    key_id: str
    kind: KeyKind
    operator: str
    reason: str | None = None
    provider: str | None = None
    public_key: str | None = None
    valid_from: datetime | None = None
    revoked_at: datetime | None = None
    signed_by: str | None = None
    signature: str | None = None
    proof: str | None = None
