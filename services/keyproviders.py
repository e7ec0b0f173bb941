"""Building the evidence keys from ``[evidence.keys]`` and the environment.

The only place master and signing keys are read. Providers (README "Key
management"):

- ``env``: ``$TIPLINE_MASTER_KEY`` (or the file ``$TIPLINE_MASTER_KEY_FILE``
  names) is the current version; ``$TIPLINE_MASTER_KEYS_PREVIOUS`` holds older
  versions, comma-separated, until ``tipline keys rewrap`` has moved every
  package off them.
- ``file``: key files in the key dir, ``dev-master.key`` (version 1, the name
  dev keys always had) then ``master-v0002.key``, ``master-v0003.key``…; the
  highest is current. ``tipline keys rotate`` writes the next one.
- ``kms``: :class:`tipline.clients.kms.KmsKeyProvider`.

Signing keys: ``$TIPLINE_SIGNING_KEY``, else ``dev-signing.key`` /
``signing-vNNNN.key`` files (the highest is current). Every older file key and
``$TIPLINE_VERIFY_KEYS`` stay trusted for verification.
"""

from __future__ import annotations

import base64
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from tipline.clients.kms import KmsKeyProvider
from tipline.operators.evidence.keys import (
    KEY_BYTES,
    InMemoryKeyProvider,
    KeyProvider,
    Keyring,
    SigningKey,
    decode_key_b64,
    public_key_id,
)
from tipline.schemas.errors import ConfigError
from tipline.schemas.evidence import EvidenceConfig
from tipline.sinks.durable import create_new
from tipline.sinks.vault import KeyStore

log = logging.getLogger(__name__)

_VERSIONED: Final = re.compile(r"^(master|signing)-v(\d{4})\.key$")
_FIRST: Final = {"master": "dev-master.key", "signing": "dev-signing.key"}


@dataclass(frozen=True, slots=True)
class EvidenceKeys:
    """The keys a service uses (built from env, key files or KMS)."""

    provider: KeyProvider
    signer: SigningKey
    keyring: Keyring
    dev: bool = False
    legacy: frozenset[str] = frozenset()
    """Key ids from ``$TIPLINE_VERIFY_KEYS``: trusted without a history entry."""


def key_dir(cfg: EvidenceConfig) -> Path:
    """Return the folder of file keys (and, by default, the local key store)."""
    if cfg.keys.dev_key_dir:
        return Path(cfg.keys.dev_key_dir)
    return Path(cfg.path).resolve().parent / "keys"


def write_new_key(path: Path, *, dev: bool) -> bytes | None:
    """Create ``path`` (0600, exclusive) with a random 32-byte key; None when it exists.

    Raises:
        ConfigError: the key folder cannot be written (one line, no traceback).

    """
    key = os.urandom(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # whole or absent: a crash never leaves a half-written key file
        if path.exists() or not create_new(path, base64.b64encode(key), mode=0o600):
            return None
    except OSError as exc:
        msg = f"key file {str(path)!r} cannot be written ({exc.strerror})"
        raise ConfigError(msg) from exc
    if dev:
        log.warning(
            "DEV KEY generated at %s: evidence is protected by a key on local disk. "
            "Never use dev keys in production; set the env vars named in [evidence.keys].",
            path,
        )
    return key


def key_files(folder: Path, kind: str) -> list[Path]:
    """Return the key files of ``kind`` (master/signing) in version order."""
    found = [p for p in folder.glob(f"{kind}-v*.key") if _VERSIONED.match(p.name)]
    first = folder / _FIRST[kind]
    return ([first] if first.exists() else []) + sorted(found)


def next_key_file(folder: Path, kind: str) -> Path:
    """Return the file name of the next version of ``kind`` (numbers are never reused)."""
    used = [1] if (folder / _FIRST[kind]).exists() else []
    for path in folder.glob(f"{kind}-v*.key"):
        match = _VERSIONED.match(path.name)
        used += [int(match.group(2))] if match else []
    if not used:
        return folder / _FIRST[kind]
    return folder / f"{kind}-v{max(used) + 1:04d}.key"


def _read_files(folder: Path, kind: str, *, create: bool, dev: bool) -> list[bytes]:
    files = key_files(folder, kind)
    if not files and create:
        write_new_key(folder / _FIRST[kind], dev=dev)
        files = key_files(folder, kind)
    return [decode_key_b64(p.read_text(), name=str(p)) for p in files]


def secret_from_env(env: Mapping[str, str], name: str) -> str | None:
    """Return ``$NAME``, or the stripped content of the file ``$NAME_FILE`` names.

    Raises:
        ConfigError: ``$NAME_FILE`` names a file that cannot be read.

    """
    value = env.get(name)
    if value:
        return value
    path = env.get(f"{name}_FILE")
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        msg = f"${name}_FILE names {path!r}, which cannot be read ({exc.strerror})"
        raise ConfigError(msg) from exc


def _b64_list(env: Mapping[str, str], name: str) -> list[bytes]:
    return [decode_key_b64(k, name=name) for k in env.get(name, "").split(",") if k.strip()]


def kms_client(cfg: EvidenceConfig, env: Mapping[str, str]) -> Any:
    """Build a boto3 KMS client from the env vars named in ``[evidence.keys]``."""
    import boto3  # noqa: PLC0415
    from botocore.config import Config  # noqa: PLC0415

    keys = cfg.keys
    return boto3.client(
        "kms",
        endpoint_url=env.get(keys.kms_endpoint_env) or None,
        aws_access_key_id=env.get(keys.kms_access_key_env) or None,
        aws_secret_access_key=env.get(keys.kms_secret_key_env) or None,
        region_name=env.get(keys.kms_region_env) or "us-east-1",
        config=Config(retries={"max_attempts": 5, "mode": "standard"}),
    )


def provider_kind(cfg: EvidenceConfig, env: Mapping[str, str]) -> str:
    """Resolve ``auto`` to ``env`` or ``file``.

    Raises:
        ConfigError: ``auto`` with env keys unset and dev keys not allowed.

    """
    kind = cfg.keys.provider
    if kind != "auto":
        return kind
    names = (cfg.keys.master_key_env, cfg.keys.signing_key_env)
    values = [secret_from_env(env, n) for n in names]
    if all(values):
        return "env"
    if not cfg.keys.allow_dev_keys:
        missing = [n for n, v in zip(names, values, strict=True) if not v]
        msg = (
            f"evidence keys: ${' and $'.join(missing)} unset "
            "and evidence.keys.allow_dev_keys is false"
        )
        raise ConfigError(msg)
    return "file"


def build_provider(
    cfg: EvidenceConfig, env: Mapping[str, str], store: KeyStore, *, kind: str
) -> KeyProvider:
    """Build the master-key provider of ``kind`` (``env``, ``file`` or ``kms``)."""
    keys = cfg.keys
    if kind == "kms":
        return KmsKeyProvider(kms_client(cfg, env), alias=keys.kms_alias, store=store)
    if kind == "env":
        value = secret_from_env(env, keys.master_key_env)
        if not value:
            msg = f"evidence keys: ${keys.master_key_env} unset (provider 'env')"
            raise ConfigError(msg)
        current = decode_key_b64(value, name=keys.master_key_env)
        previous = _b64_list(env, keys.previous_master_keys_env)
        return InMemoryKeyProvider(current, previous=previous, name="env")
    dev = keys.provider == "auto"
    versions = _read_files(key_dir(cfg), "master", create=keys.allow_dev_keys, dev=dev)
    if not versions:
        msg = f"evidence keys: no master key file in {key_dir(cfg)} (provider 'file')"
        raise ConfigError(msg)
    return InMemoryKeyProvider(versions[-1], previous=versions[:-1], name="file")


def load_signers(cfg: EvidenceConfig, env: Mapping[str, str]) -> list[SigningKey]:
    """Every signing key available here, oldest first; the last one signs."""
    value = secret_from_env(env, cfg.keys.signing_key_env)
    if value:
        return [SigningKey(decode_key_b64(value, name=cfg.keys.signing_key_env))]
    if not cfg.keys.allow_dev_keys and cfg.keys.provider not in {"file", "kms"}:
        msg = f"evidence keys: ${cfg.keys.signing_key_env} unset"
        raise ConfigError(msg)
    dev = cfg.keys.provider == "auto"
    seeds = _read_files(key_dir(cfg), "signing", create=cfg.keys.allow_dev_keys, dev=dev)
    if not seeds:
        msg = f"evidence keys: ${cfg.keys.signing_key_env} unset and no signing key file"
        raise ConfigError(msg)
    return [SigningKey(s) for s in seeds]


def load_keys(cfg: EvidenceConfig, env: Mapping[str, str], store: KeyStore) -> EvidenceKeys:
    """Read the master and signing keys (see the module docstring).

    Raises:
        ConfigError: a key is missing (and dev keys are not allowed) or malformed.

    """
    kind = provider_kind(cfg, env)
    provider = build_provider(cfg, env, store, kind=kind)
    signers = load_signers(cfg, env)
    extra = _b64_list(env, cfg.keys.verify_keys_env)
    keyring = Keyring([*(s.public_raw for s in signers), *extra])
    dev = cfg.keys.provider == "auto" and kind == "file"
    legacy = frozenset(public_key_id(k) for k in extra)
    return EvidenceKeys(provider, signers[-1], keyring, dev, legacy)
