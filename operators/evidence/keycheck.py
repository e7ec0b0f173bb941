"""Key-use checks of one package against the key log (``evidence verify``).

:func:`verify_package` checks that signatures verify; this checks WHEN and
UNDER WHAT each key was used:

- every manifest signature against the signing key valid at the manifest's
  ``created_at`` (the signed history), and every custody checkpoint at its
  ``at``: a key used outside its validity, or at/after its revocation, is
  reported;
- every wrap of the data key (packaging, then each ``rewrapped`` custody
  event) against master-key revocations: a wrap at/after the revocation time
  is reported, and so is a data key still stored under a revoked version;
- the stored wrapped key against the custody log: its master version must be
  the one the last ``rewrapped`` event (or the manifest) names, else a rewrap
  was interrupted (``tipline keys rewrap`` resumes it).

Times are the ones the signed manifests and the hash-chained custody events
carry; see README "Key management" for what that does and does not prove.
"""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec

from tipline.operators.evidence.custody import custody_prefix, decode_event
from tipline.operators.evidence.keylog import KeyState, LogReader
from tipline.operators.evidence.keys import WrappedKey
from tipline.operators.evidence.package import (
    decode_manifest,
    decode_signature,
    manifest_key,
    signature_key,
)
from tipline.schemas.errors import EvidenceError
from tipline.schemas.evidence import CustodyCheckpoint, CustodyEvent

_CHECKPOINT: msgspec.json.Decoder[CustodyCheckpoint] = msgspec.json.Decoder(CustodyCheckpoint)


def wraps_of(
    v1_key_id: str, v1_at: datetime, events: list[CustodyEvent]
) -> list[tuple[str, datetime]]:
    """Every (master version, time) the package's data key was wrapped under."""
    wraps = [(v1_key_id, v1_at)]
    wraps += [
        (e.details["to"], e.at) for e in events if e.action == "rewrapped" and "to" in e.details
    ]
    return wraps


def _signatures(
    reader: LogReader, package_id: str, state: KeyState
) -> tuple[list[str], str, datetime]:
    problems: list[str] = []
    first_key, first_at = "", datetime.min.replace(tzinfo=UTC)
    keys = sorted(
        k
        for k in reader.list_keys(f"packages/{package_id}/manifest/")
        if not k.endswith(".sig.json")
    )
    for version, key in enumerate(keys, start=1):
        try:
            manifest = decode_manifest(reader.get(key))
            sig = decode_signature(reader.get(signature_key(package_id, version)))
        except (msgspec.DecodeError, EvidenceError):
            continue  # verify_package reports unreadable manifests and signatures
        if version == 1:
            first_key, first_at = manifest.data_key.master_key_id, manifest.created_at
        problem = state.signing_problem(
            sig.key_id, manifest.created_at, what=manifest_key(package_id, version)
        )
        problems += [problem] if problem else []
    return problems, first_key, first_at


def check_key_use(
    reader: LogReader, package_id: str, state: KeyState, stored: WrappedKey | None
) -> list[str]:
    """Return one line per key-use problem of ``package_id`` (empty when fine)."""
    problems, v1_key, v1_at = _signatures(reader, package_id, state)
    if not v1_key:
        return problems
    events: list[CustodyEvent] = []
    for key in reader.list_keys(custody_prefix(package_id)):
        try:
            if "checkpoint-" in key:
                cp = _CHECKPOINT.decode(reader.get(key))
                problem = state.signing_problem(cp.key_id, cp.at, what=key)
                problems += [problem] if problem else []
            else:
                events.append(decode_event(reader.get(key)))
        except msgspec.DecodeError:
            continue  # the chain check reports it
    wraps = wraps_of(v1_key, v1_at, events)
    for version, at in wraps:
        revoked = state.revoked_at(version)
        if revoked is not None and at >= revoked:
            problems.append(
                f"package {package_id!r}: data key wrapped under {version!r} at "
                f"{at.isoformat()}, at or after its revocation at {revoked.isoformat()}"
            )
    if stored is not None:
        expected = wraps[-1][0]
        if stored.master_key_id != expected:
            problems.append(
                f"package {package_id!r}: key store holds the data key wrapped under "
                f"{stored.master_key_id!r} but the custody log says {expected!r} "
                "(an interrupted rewrap: run `tipline keys rewrap`)"
            )
        revoked = state.revoked_at(stored.master_key_id)
        if revoked is not None:
            problems.append(
                f"package {package_id!r}: data key is still wrapped under revoked "
                f"{stored.master_key_id!r} (revoked {revoked.isoformat()}; "
                "run `tipline keys rewrap`)"
            )
    return problems
