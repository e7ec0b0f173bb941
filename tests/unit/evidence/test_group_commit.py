"""Group commit of many packages: ordered phases, few syncs, idempotent redo after a crash.

The crash tests stop a batch at every sync barrier and at links in the middle
of a phase (an injected fault in :mod:`tipline.sinks.durable`, leaving the
temporary files a killed process would leave), then redo the batch as the
flow's recovery does: every package completes, once, and verifies.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest
from evidence_helpers import inline, make_decision, make_event, noise_bytes

from tipline.operators.evidence.package import package_id_for
from tipline.schemas.errors import EvidenceError, VaultWriteError
from tipline.schemas.event import MessageEvent
from tipline.schemas.evidence import EvidenceReceipt
from tipline.schemas.hashing import AttachmentVerdict
from tipline.services.evidence import Case, EvidenceService
from tipline.sinks import durable
from tipline.sinks.durable import WriteGroup
from tipline.sinks.vault import VaultWrite
from tipline.sinks.vault_local import LocalVault

NOW = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
UNTIL = NOW + timedelta(days=1)


def image_case(n: int, image: bytes | None = None) -> Case:
    """A report case with one generated image (noise bytes), hashed at first touch."""
    data = image if image is not None else noise_bytes(4096, seed=n)
    event = make_event(n, attachments=[inline(f"att-{n}", data)])
    verdict = AttachmentVerdict(
        attachment_id=f"att-{n}", status="hashed", sha256=hashlib.sha256(data).hexdigest()
    )
    context = [make_event(1000 + n, text=f"neutral message {n}")]
    return Case(make_decision(event, verdicts=[verdict]), event, {}, context)


def text_case(n: int) -> Case:
    event = make_event(n, text=f"neutral text {n}")
    return Case(make_decision(event, outcome="review"), event, {}, [])


def replayed(case: Case) -> Case:
    """The case as a replay after a crash decides it again (same event, later decision time)."""
    decision = msgspec.structs.replace(
        case.decision, decided_at=case.decision.decided_at + timedelta(seconds=7)
    )
    return Case(decision, case.event, case.attachments, case.context)


@pytest.fixture
def syncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the syncfs barriers (calling through)."""
    seen: list[int] = []
    real = durable.OPS.syncfs

    def syncfs(fd: int) -> None:
        seen.append(fd)
        real(fd)

    monkeypatch.setattr(durable.OPS, "syncfs", syncfs)
    return seen


def receipts(outcomes: list[EvidenceReceipt | Exception]) -> list[EvidenceReceipt]:
    assert all(isinstance(o, EvidenceReceipt) for o in outcomes), outcomes
    return [o for o in outcomes if isinstance(o, EvidenceReceipt)]


# ---------------------------------------------------------------- the service


def test_a_batch_gets_verified_packages_in_input_order(service: EvidenceService) -> None:
    cases = [image_case(1), text_case(2), image_case(3)]
    got = receipts(service.package_many(cases, NOW))
    assert [r.event_id for r in got] == [c.event.event_id for c in cases]
    for receipt in got:
        assert service.verify(receipt.package_id).ok
        log = service.custody_log(receipt.package_id)
        assert [(e.seq, e.action) for e in log] == [(0, "packaged")]
        assert service.vault.exists(
            f"packages/{receipt.package_id}/custody/checkpoint-00000000.json"
        )


def test_a_batch_equals_packaging_one_by_one(service: EvidenceService) -> None:
    grouped = receipts(service.package_many([image_case(4)], NOW))[0]
    case = image_case(5)
    single = service.package(
        case.decision, case.event, attachments={}, context=case.context, now=NOW
    )
    assert sorted(i.role for i in grouped.items) == sorted(i.role for i in single.items)
    assert grouped.retain_until == single.retain_until
    # and a stored package is returned, not rewritten, by either path
    again = receipts(service.package_many([image_case(5)], NOW + timedelta(hours=1)))[0]
    assert again == single


def test_the_number_of_syncs_does_not_grow_with_the_batch(
    service: EvidenceService, syncs: list[int]
) -> None:
    if not durable.syncfs_available():
        pytest.skip("syncfs(2) is not available here")
    service.package_many([image_case(10)], NOW)
    one = len(syncs)
    syncs.clear()
    service.package_many([image_case(20 + i) for i in range(8)], NOW)
    assert len(syncs) == one == 7  # keys: content + names; objects: content + 4 phases


def test_a_repeated_event_in_one_batch_is_one_package(service: EvidenceService) -> None:
    got = receipts(service.package_many([image_case(30), image_case(30)], NOW))
    assert got[0] == got[1]
    assert service.list_packages() == [package_id_for(image_case(30).event.event_id)]


def test_a_bad_case_fails_alone(service: EvidenceService) -> None:
    good = image_case(40)
    bad = image_case(41)
    differs = AttachmentVerdict(attachment_id="att-41", status="hashed", sha256="00" * 32)
    bad = Case(make_decision(bad.event, verdicts=[differs]), bad.event, {}, [])
    none = Case(make_decision(text_case(42).event, outcome="none"), text_case(42).event, {}, [])
    outcomes = service.package_many([bad, good, none], NOW)
    assert isinstance(outcomes[0], EvidenceError)
    assert isinstance(outcomes[1], EvidenceReceipt)
    assert isinstance(outcomes[2], EvidenceError)
    assert service.list_packages() == [outcomes[1].package_id]


# ---------------------------------------------------------------- crash and redo


def _fail_at(monkeypatch: pytest.MonkeyPatch, call: str, at: int) -> Callable[[], None]:
    """Make the ``at``-th ``call`` (syncfs or link) fail, as a kill there would stop the batch.

    Temporary files are left behind, as a killed process leaves them. Returns
    the function that undoes the fault (the restart).
    """
    real = getattr(durable.OPS, call)
    count = 0

    def faulty(*args: object) -> None:
        nonlocal count
        count += 1
        if count == at:
            raise OSError(errno.EIO, "injected fault")
        real(*args)

    monkeypatch.setattr(durable.OPS, call, faulty)
    monkeypatch.setattr(WriteGroup, "discard", lambda self: None)

    def restart() -> None:
        monkeypatch.setattr(durable.OPS, call, real)
        monkeypatch.undo()

    return restart


@pytest.mark.parametrize(
    ("call", "at"), [("syncfs", k) for k in range(1, 8)] + [("link", k) for k in (1, 3, 7, 12, 17)]
)
def test_a_batch_stopped_anywhere_is_redone_once(
    service: EvidenceService, monkeypatch: pytest.MonkeyPatch, call: str, at: int
) -> None:
    if call == "syncfs" and not durable.syncfs_available():
        pytest.skip("syncfs(2) is not available here")
    cases = [image_case(50), text_case(51), image_case(52)]
    restart = _fail_at(monkeypatch, call, at)
    with pytest.raises(VaultWriteError, match="injected fault"):
        service.package_many(cases, NOW)
    restart()
    # a replay decides again: the decision record (an item) carries a new decision time
    cases = [replayed(c) for c in cases]
    got = receipts(service.package_many(cases, NOW + timedelta(minutes=5)))
    assert sorted(service.list_packages()) == sorted(r.package_id for r in got)
    for receipt in got:
        report = service.verify(receipt.package_id)
        assert report.ok, report.problems
        assert [e.action for e in service.custody_log(receipt.package_id)] == ["packaged"]
    # a further redo (recovery replaying the batch again) changes nothing
    assert service.package_many(cases, NOW + timedelta(hours=1)) == got


# ---------------------------------------------------------------- the vault and the group


@pytest.fixture
def ops(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Record fsync/syncfs/link in order (calling through)."""
    seen: list[tuple[str, str]] = []
    real = durable.OPS

    def on_fd(name: str, fn: Callable[[int], None]) -> Callable[[int], None]:
        def wrapper(fd: int) -> None:
            seen.append((name, os.readlink(f"/proc/self/fd/{fd}")))
            fn(fd)

        return wrapper

    def link(src: Path, dst: Path) -> None:
        seen.append(("link", str(dst)))
        os.link(src, dst)

    monkeypatch.setattr(durable.OPS, "fsync", on_fd("fsync", real.fsync))
    monkeypatch.setattr(durable.OPS, "syncfs", on_fd("syncfs", real.syncfs))
    monkeypatch.setattr(durable.OPS, "link", link)
    yield seen


def _phases() -> list[list[VaultWrite]]:
    return [
        [VaultWrite(f"packages/p{i}/items/a.bin", noise_bytes(100, i), UNTIL) for i in range(3)],
        [VaultWrite(f"packages/p{i}/manifest/v0001.json", b"{}", UNTIL) for i in range(3)],
        [VaultWrite(f"packages/p{i}/custody/00000000.json", b"[]", UNTIL) for i in range(3)],
    ]


@pytest.mark.parametrize("method", ["syncfs", "fsync"])
def test_each_phase_is_named_only_after_the_earlier_ones_are_durable(
    tmp_path: Path, ops: list[tuple[str, str]], method: str
) -> None:
    if method == "syncfs" and not durable.syncfs_available():
        pytest.skip("syncfs(2) is not available here")
    vault = LocalVault(tmp_path / "vault", sync=method)  # type: ignore[arg-type]
    assert vault.commit_phases(_phases()) == [[True] * 3] * 3
    links = [i for i, (what, _) in enumerate(ops) if what == "link"]
    syncs = [i for i, (what, _) in enumerate(ops) if what != "link"]
    # every temp file's bytes are synced before the first name appears
    assert syncs[0] < links[0]
    if method == "fsync":
        temps = {p for what, p in ops[: links[0]] if what == "fsync" and p.endswith(".tmp")}
        assert len(temps) == 9
    # between the phases, a barrier; the last names are synced before the call returns
    for before, after in zip(links[2::3], links[3::3], strict=False):
        assert any(before < s < after for s in syncs)
    assert syncs[-1] > links[-1]
    if method == "fsync":  # the folders of the last phase
        last = {str(Path(p).parent) for what, p in ops if what == "link"}
        assert {p for what, p in ops[links[-1] :] if what == "fsync"} <= last
    assert not list((tmp_path / "vault").rglob("*.tmp"))
    for phase in _phases():
        for write in phase:
            assert vault.get(write.key) == write.data


def test_a_group_rewrite_is_idempotent_and_other_bytes_are_refused(tmp_path: Path) -> None:
    vault = LocalVault(tmp_path / "vault")
    vault.commit_phases(_phases())
    assert vault.commit_phases(_phases()) == [[True] * 3] * 3
    other = [[VaultWrite("packages/p0/items/a.bin", b"other bytes", UNTIL)]]
    with pytest.raises(VaultWriteError, match="different bytes"):
        vault.commit_phases(other)
    assert not list((tmp_path / "vault").rglob("*.tmp"))
    assert vault.read_many(["packages/p0/manifest/v0001.json", "nope"]) == [b"{}", None]


def test_one_by_one_packaging_also_moves_the_orphans_of_a_crashed_attempt(
    service: EvidenceService, tmp_path: Path
) -> None:
    case = image_case(60)
    first = service.package(
        case.decision, case.event, attachments={}, context=case.context, now=NOW
    )
    package = tmp_path / "vault" / "objects" / "packages" / first.package_id
    for rel in ("custody", "manifest"):  # as if killed after the items, before the manifest
        for path in (package / rel).iterdir():
            path.chmod(0o644)
            path.unlink()
    again = replayed(case)
    receipt = service.package(
        again.decision, again.event, attachments={}, context=again.context, now=NOW
    )
    assert service.verify(receipt.package_id).ok
    manifest, _ = service.latest_manifest(receipt.package_id)
    stored = {i.item_id: i.cipher.object_key for i in manifest.items}
    assert stored["decision"].startswith(f"packages/{first.package_id}/items/decision.")
    assert stored["message"].endswith("/items/message.bin")  # same bytes: same key


def test_key_store_put_many_is_create_only_and_owner_only(tmp_path: Path) -> None:
    from tipline.sinks.keystore import LocalKeyStore

    store = LocalKeyStore(tmp_path / "keys")
    assert store.put("pkg-a", b"first")
    assert store.put_many([("pkg-a", b"second"), ("pkg-b", b"b"), ("pkg-c", b"c")]) == [
        False,
        True,
        True,
    ]
    assert store.get_many(["pkg-a", "pkg-b", "pkg-x"]) == [b"first", b"b", None]
    assert oct((tmp_path / "keys" / "pkg-b.key.json").stat().st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in (tmp_path / "keys").iterdir()) == [
        "pkg-a.key.json",
        "pkg-b.key.json",
        "pkg-c.key.json",
    ]


# ---------------------------------------------------------------- follow-up supplements


def _following(n: int, count: int = 2) -> list[MessageEvent]:
    return [make_event(n * 100 + j, text=f"neutral follow-up {j}") for j in range(count)]


def test_follow_ups_of_many_packages_are_one_version_each_and_idempotent(
    service: EvidenceService, syncs: list[int]
) -> None:
    opened = receipts(service.package_many([image_case(70 + i) for i in range(4)], NOW))
    syncs.clear()
    batches = [(r.package_id, _following(70 + i)) for i, r in enumerate(opened)]
    later = NOW + timedelta(minutes=1)
    got = receipts(service.add_contexts_many(batches, later))
    if durable.syncfs_available():
        assert len(syncs) == 4  # content + 3 phases (no checkpoint is due at seq 1)
    for receipt, (pid, events) in zip(got, batches, strict=True):
        assert receipt.manifest_version == 2
        assert service.verify(pid).ok
        log = service.custody_log(pid)
        assert [e.action for e in log] == ["packaged", "context_added"]
        assert len(log[1].item_ids) == len(events)
    assert receipts(service.add_contexts_many(batches, later + timedelta(1))) == got


def test_a_follow_up_that_loses_the_custody_race_is_appended_after_it(
    service: EvidenceService, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = receipts(service.package_many([image_case(80)], NOW))[0].package_id
    real = service.vault.commit_phases

    def viewed_first(phases: list[list[VaultWrite]]) -> list[list[bool]]:
        if len(phases) == 3:  # an operator opens the package between the plan and the commit
            service.open_item(pid, "message", operator="alice", reason="case 1", now=NOW)
        return real(phases)

    monkeypatch.setattr(service.vault, "commit_phases", viewed_first)
    service.add_contexts_many([(pid, _following(80))], NOW + timedelta(minutes=1))
    assert [e.action for e in service.custody_log(pid)] == ["packaged", "viewed", "context_added"]
    assert service.verify(pid).ok


def test_a_supplement_killed_before_its_custody_event_gets_it_on_the_redo(
    service: EvidenceService, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not durable.syncfs_available():
        pytest.skip("syncfs(2) is not available here")
    pid = receipts(service.package_many([image_case(90)], NOW))[0].package_id
    restart = _fail_at(monkeypatch, "syncfs", 3)  # manifest v2 named, custody event not
    with pytest.raises(VaultWriteError):
        service.add_contexts_many([(pid, _following(90))], NOW + timedelta(minutes=1))
    restart()
    service.add_contexts_many([(pid, _following(90))], NOW + timedelta(minutes=2))
    log = service.custody_log(pid)
    assert [e.action for e in log] == ["packaged", "context_added"]
    assert service.verify(pid).ok
