"""The console's password file: one ``name:scrypt$…`` line per reviewer.

Passwords are stored as per-user salted scrypt hashes (``hashlib.scrypt``,
N=2**14, r=8, p=1, 16-byte random salt, 32-byte key). The file is created
mode 0600 by ``tipline review add-user``; the server refuses a file that
group or others can read or write. Roles are not in this file: they are the
``[evidence.access.operators]`` roles of the same name.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import stat
from pathlib import Path
from typing import Final

from tipline.schemas.errors import ConfigError

SCRYPT_N: Final = 2**14
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
KEY_LEN: Final = 32
MIN_PASSWORD: Final = 12
_NAME_RE: Final = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """Return ``scrypt$N$r$p$salt$key`` for ``password`` (a fresh salt unless given)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    key = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=KEY_LEN
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def check_password(password: str, stored: str) -> bool:
    """Return True when ``password`` matches the ``stored`` hash (constant-time compare)."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, key = base64.b64decode(parts[4]), base64.b64decode(parts[5])
        got = hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(key), maxmem=2**26
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, key)


class UserStore:
    """The reviewers' password hashes, read from a 0600 file."""

    def __init__(self, path: Path, hashes: dict[str, str]) -> None:
        self.path: Final = path
        self._hashes = hashes
        # A fixed dummy hash, so an unknown name costs as much as a wrong password.
        self._dummy = hash_password(secrets.token_hex(8))

    @classmethod
    def load(cls, path: Path) -> UserStore:
        """Read the password file.

        Raises:
            ConfigError: missing file, group/other permission bits, or a bad line.

        """
        if not path.is_file():
            msg = f"no console users file at {path} (create one: tipline review add-user NAME)"
            raise ConfigError(msg)
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            msg = f"{path} is mode {mode:04o}; it holds password hashes and must be 0600"
            raise ConfigError(msg)
        return cls(path, _parse(path))

    def names(self) -> list[str]:
        """Return the user names, sorted."""
        return sorted(self._hashes)

    def verify(self, name: str, password: str) -> bool:
        """Return True when ``name`` exists and ``password`` is theirs."""
        stored = self._hashes.get(name)
        ok = check_password(password, stored or self._dummy)
        return ok and stored is not None


def _parse(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, stored = line.partition(":")
        if not sep or not _NAME_RE.match(name) or not stored.startswith("scrypt$"):
            msg = f"{path}:{number}: expected NAME:scrypt$… (written by tipline review add-user)"
            raise ConfigError(msg)
        out[name] = stored
    return out


def add_user(path: Path, name: str, password: str) -> None:
    """Add or replace ``name`` in the password file, creating it mode 0600.

    Raises:
        ConfigError: a bad name, a short password, or an existing file readable by others.

    """
    if not _NAME_RE.match(name):
        msg = f"user name {name!r}: use 1-64 letters, digits, '.', '_', '@' or '-'"
        raise ConfigError(msg)
    if len(password) < MIN_PASSWORD:
        msg = f"password too short: at least {MIN_PASSWORD} characters"
        raise ConfigError(msg)
    hashes = UserStore.load(path)._hashes if path.exists() else {}
    hashes[name] = hash_password(password)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("# tipline review console users: NAME:scrypt$N$r$p$salt$key\n")
        fh.writelines(f"{n}:{h}\n" for n, h in sorted(hashes.items()))
    os.replace(tmp, path)
