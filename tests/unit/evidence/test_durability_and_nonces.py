"""fsync observed before the rename/link that publishes a file; AES-GCM nonces never repeat.

Issue #19: a vault temp file that was never fsynced, a lake whose fsync was a
no-op, the same item nonce for two items and a constant key-wrap nonce all
passed every test. The I/O tests record the real ``os`` calls (monkeypatched
spies that call through) and check their order per file.
"""

from __future__ import annotations

import hashlib
import os
import select
import signal
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from evidence_helpers import noise_bytes

from tipline.operators.evidence import context, keys
from tipline.operators.evidence.canonical import digests_of
from tipline.operators.evidence.keys import InMemoryKeyProvider, item_nonce, new_data_key
from tipline.operators.evidence.package import PlainItem, seal
from tipline.sinks import durable
from tipline.sinks.lake import write_lake_file
from tipline.sinks.vault_local import LocalVault

NOW = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
Calls = list[tuple[str, str]]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    """Record fsync (by path), link and replace on today's write path, calling through.

    Every durable write goes through :mod:`tipline.sinks.durable`, whose system
    calls are :data:`~tipline.sinks.durable.OPS`; wrapping them sees each call
    the vault and the lake make, in order.
    """
    seen: Calls = []
    real = durable.OPS
    real_fsync, real_link, real_replace = real.fsync, real.link, real.replace
    lock = threading.Lock()  # the vault writes and fsyncs its temp files in a pool

    def fsync(fd: int) -> None:
        with lock:
            seen.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def link(src: Path, dst: Path) -> None:
        with lock:
            seen.append(("publish", str(src)))
            seen.append(("named", str(dst)))
        real_link(src, dst)

    def replace(src: Path, dst: Path) -> None:
        with lock:
            seen.append(("publish", str(src)))
            seen.append(("named", str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(durable.OPS, "fsync", fsync)
    monkeypatch.setattr(durable.OPS, "link", link)
    monkeypatch.setattr(durable.OPS, "replace", replace)
    return seen


def _synced_before_published(calls: Calls) -> list[str]:
    """Every published temp file; fails if one was not fsynced before it was published."""
    published = []
    for i, (what, path) in enumerate(calls):
        if what == "publish":
            assert ("fsync", path) in calls[:i], f"{path} published before it was fsynced"
            published.append(path)
    return published


def _dir_synced_after(calls: Calls, path: str) -> bool:
    at = calls.index(("publish", path))
    return ("fsync", str(Path(path).parent)) in calls[at:]


def test_vault_create_fsyncs_the_temp_file_before_the_link_and_the_folder_after(
    tmp_path: Path, calls: Calls
) -> None:
    vault = LocalVault(tmp_path / "vault")
    until = NOW + timedelta(days=1)
    assert vault.create("packages/p/custody/00000000.json", b"{}", retain_until=until)
    published = _synced_before_published(calls)
    assert len(published) == 1
    assert Path(published[0]).name.endswith(".tmp")
    assert _dir_synced_after(calls, published[0])
    # a name that exists is refused before anything is written or synced
    calls.clear()
    assert not vault.create("packages/p/custody/00000000.json", b"{}", retain_until=until)
    assert calls == []


def test_vault_objects_are_fsynced_before_they_are_linked_and_items_before_the_manifest(
    tmp_path: Path, calls: Calls
) -> None:
    vault = LocalVault(tmp_path / "vault")
    items = [(f"packages/p/items/{i}.bin", noise_bytes(64, i)) for i in range(3)]
    trailing = [("packages/p/manifest/v0001.json", b"{}"), ("packages/p/manifest/v0001.sig", b"s")]
    vault.put_objects([*items, *trailing], retain_until=NOW + timedelta(days=1))
    published = _synced_before_published(calls)
    assert len(published) == 5
    assert all(Path(p).name.endswith(".tmp") for p in published)
    assert all(_dir_synced_after(calls, p) for p in published)
    # the items' names are on disk (their folder synced) before the manifest is linked
    items_synced = calls.index(("fsync", str(tmp_path / "vault" / "objects" / "packages/p/items")))
    manifest_linked = min(
        i for i, (what, p) in enumerate(calls) if what == "named" and "/manifest/" in p
    )
    last_item_linked = max(
        i for i, (what, p) in enumerate(calls) if what == "named" and "/items/" in p
    )
    assert last_item_linked < items_synced < manifest_linked


def test_lake_files_are_fsynced_before_the_rename(tmp_path: Path, calls: Calls) -> None:
    from tests.unit.test_lake import row

    written = write_lake_file(tmp_path, "part-x", [row(0), row(1), row(3)])
    assert len(written) == 2  # two event dates
    published = _synced_before_published(calls)
    assert len(published) == 2
    assert all(_dir_synced_after(calls, p) for p in published)
    assert [p for what, p in calls if what == "named"] == [str(w) for w in written]


def test_a_lake_file_left_to_the_caller_is_not_fsynced(tmp_path: Path, calls: Calls) -> None:
    from tests.unit.test_lake import row

    write_lake_file(tmp_path, "part-x", [row(0)], durable=False)
    assert [c for c in calls if c[0] == "fsync"] == []


# ---------------------------------------------------------------- nonces


def _item(item_id: str, data: bytes) -> PlainItem:
    return PlainItem(item_id=item_id, role="attachment", media_type="image/png", data=data,
                     digests=digests_of(data))  # fmt: skip


def test_item_nonces_differ_between_items_of_one_package() -> None:
    key = new_data_key()
    data = noise_bytes(500)
    same_bytes = [seal("p", key, _item(f"item-{i}", data))[0].cipher.nonce for i in range(4)]
    other_bytes = [seal("p", key, _item("item-0", noise_bytes(500, s)))[0].cipher.nonce
                   for s in range(2, 5)]  # fmt: skip
    nonces = same_bytes + other_bytes
    assert len(set(nonces)) == len(nonces)
    assert all(len(bytes.fromhex(n)) == 12 for n in nonces)
    # the nonce is bound to the data key too: another package key gives another nonce
    digest = hashlib.sha256(data).hexdigest()
    assert item_nonce(key, "item-0", digest) != item_nonce(new_data_key(), "item-0", digest)


def test_key_wrap_nonces_are_random_and_twelve_bytes() -> None:
    provider = InMemoryKeyProvider(os.urandom(32))
    key = new_data_key()
    wrapped = [provider.wrap(key, package_id="pkg") for _ in range(5)]
    assert len({w.nonce for w in wrapped}) == 5
    assert len({w.wrapped for w in wrapped}) == 5
    assert all(len(bytes.fromhex(w.nonce)) == 12 for w in wrapped)
    assert {provider.unwrap(w) for w in wrapped} == {key}


def test_generated_data_keys_differ() -> None:
    provider = InMemoryKeyProvider(os.urandom(32))
    keys = [provider.generate(package_id=f"p{i}")[0] for i in range(4)]
    assert len(set(keys)) == 4
    assert all(len(k) == 32 for k in keys)


# ------------------------------------------------------------ random nonces
# Random nonces (key wraps, context buffer, sealed dead letters) come from one
# bulk read of os.urandom per 4,096: each os.urandom call gives the interpreter
# lock away, and on the flow's thread that cost up to 5 ms per sealed message
# whenever a background thread was busy (docs/benchmarks.md, issue #15).


def test_random_nonces_are_twelve_bytes_and_never_repeat_across_refills() -> None:
    n = 3 * keys._NONCE_POOL_NONCES + 17  # several refills, one partial
    nonces = [keys.random_nonce() for _ in range(n)]
    assert all(len(x) == keys.NONCE_BYTES for x in nonces)
    assert len(set(nonces)) == n


def test_random_nonces_read_the_os_source_once_per_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[int] = []
    real = os.urandom

    def counting(size: int) -> bytes:
        reads.append(size)
        return real(size)

    monkeypatch.setattr(keys.os, "urandom", counting)
    pool = keys._NoncePool()
    got = [pool.take() for _ in range(2 * keys._NONCE_POOL_NONCES + 1)]
    assert reads == [keys.NONCE_BYTES * keys._NONCE_POOL_NONCES] * 3
    assert len(set(got)) == len(got)


def _numbered_reads(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Make os.urandom return distinct, recognisable blocks; return the blocks given."""
    given: list[bytes] = []

    def read(size: int) -> bytes:
        block = bytes((len(given) + i) % 251 for i in range(size))
        given.append(block)
        return block

    monkeypatch.setattr(keys.os, "urandom", read)
    return given


def test_random_nonces_use_every_byte_of_a_read_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    given = _numbered_reads(monkeypatch)
    pool = keys._NoncePool()
    n = keys._NONCE_POOL_NONCES
    got = [pool.take() for _ in range(n + 2)]
    assert b"".join(got[:n]) == given[0]  # the last nonce of a read is used, not skipped
    assert got[n:] == [given[1][0:12], given[1][12:24]]


def test_a_reset_pool_reads_anew_and_works(monkeypatch: pytest.MonkeyPatch) -> None:
    given = _numbered_reads(monkeypatch)
    pool = keys._NoncePool()
    first = pool.take()
    pool.reset()
    second = pool.take()
    assert len(given) == 2
    assert (first, second) == (given[0][:12], given[1][:12])
    assert pool.take() == given[1][12:24]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_never_repeats_its_parents_nonces() -> None:
    keys.random_nonce()  # the pool is filled before the fork
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write what it draws, then leave at once
        os.close(read_end)
        try:
            os.write(write_end, b"".join(keys.random_nonce() for _ in range(8)))
        finally:
            os._exit(0)
    os.close(write_end)
    child = b""
    while select.select([read_end], [], [], 30)[0]:  # a hung child must not hang the suite
        chunk = os.read(read_end, 4096)
        if not chunk:
            break
        child += chunk
    else:
        os.kill(pid, signal.SIGKILL)
    os.close(read_end)
    os.waitpid(pid, 0)
    parent = [keys.random_nonce() for _ in range(8)]
    child_nonces = [child[i : i + 12] for i in range(0, len(child), 12)]
    assert len(child_nonces) == 8
    assert not set(child_nonces) & set(parent)


def test_context_and_wrap_seal_with_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[bytes] = []
    real = keys.random_nonce

    def spy() -> bytes:
        drawn.append(real())
        return drawn[-1]

    monkeypatch.setattr(context, "random_nonce", spy)
    monkeypatch.setattr(keys, "random_nonce", spy)
    sealer = context.SessionSealer(new_data_key(), "s-1")
    sealed = sealer.seal_bytes("e-1", b"hello")
    assert sealed[: keys.NONCE_BYTES] == drawn[-1]
    assert sealer.open_bytes("e-1", sealed) == b"hello"
    wrapped = InMemoryKeyProvider(new_data_key()).wrap(new_data_key(), package_id="p")
    assert bytes.fromhex(wrapped.nonce) == drawn[-1]
