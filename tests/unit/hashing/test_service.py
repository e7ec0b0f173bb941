"""build_hash_service: list files loaded, reloaded on change, one verdict per attachment."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.unit.hashing.conftest import write_list
from tipline.operators.hashing import ExactAlgorithm, Thresholds, default_algorithms
from tipline.operators.hashing.algorithm import Computed, MediaInput
from tipline.schemas.errors import ConfigError
from tipline.schemas.event import Account, Attachment, MessageEvent
from tipline.schemas.hashing import HashingConfig, HashListSource
from tipline.services.hashing import build_hash_service

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def _event(*attachments: Attachment) -> MessageEvent:
    return MessageEvent(
        schema="tipline.message/1",
        event_id="e-1",
        sent_at=T0,
        session_id="s-1",
        sender=Account(user_id="u-1"),
        recipients=[Account(user_id="u-2")],
        attachments=list(attachments),
    )


def _inline(aid: str, data: bytes) -> Attachment:
    return Attachment(attachment_id=aid, media_type="image/jpeg", data_b64=data)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_one_verdict_per_attachment_in_order(tmp_path: Path, jpeg: Callable[..., bytes]) -> None:
    known = jpeg(1)
    lst = write_list(tmp_path / "known.csv", [("sha256", _sha(known), "ncmec", "n1", "A1")])
    cfg = HashingConfig(lists=[HashListSource(path=str(lst))], file_roots=[str(tmp_path)])
    service = build_hash_service(cfg)
    missing = Attachment(
        attachment_id="c", media_type="image/png", uri=f"file://{tmp_path}/none.png"
    )
    verdicts = service.match(_event(_inline("a", known), _inline("b", jpeg(2)), missing), T0)
    assert [(v.attachment_id, v.status, v.strength) for v in verdicts] == [
        ("a", "hashed", "exact"),
        ("b", "hashed", "none"),
        ("c", "not_found", "none"),
    ]
    assert service.list_versions == {"known": "sha256:" + _sha(lst.read_bytes())}
    assert all(v.list_versions == service.list_versions for v in verdicts)


def test_file_uri_is_fetched_by_the_default_fetcher(
    tmp_path: Path, jpeg: Callable[..., bytes]
) -> None:
    data = jpeg(3)
    (tmp_path / "img.jpg").write_bytes(data)
    lst = write_list(tmp_path / "l.csv", [("sha256", _sha(data), "internal", "", "")])
    cfg = HashingConfig(lists=[HashListSource(path=str(lst))], file_roots=[str(tmp_path)])
    service = build_hash_service(cfg)
    att = Attachment(attachment_id="a", media_type="image/jpeg", uri=f"file://{tmp_path}/img.jpg")
    (v,) = service.match(_event(att), T0)
    assert v.strength == "exact"
    assert v.matches[0].list == "internal"


def test_new_entries_are_matchable_after_the_poll_interval(
    tmp_path: Path, jpeg: Callable[..., bytes]
) -> None:
    data = jpeg(4)
    lst = write_list(tmp_path / "l.csv", [])
    cfg = HashingConfig(
        lists=[HashListSource(path=str(lst))], reload_interval_s=30.0, reload_in_background=False
    )
    service = build_hash_service(cfg)
    assert service.match(_event(_inline("a", data)), T0)[0].strength == "none"
    old_version = service.list_versions["l"]
    write_list(lst, [("sha256", _sha(data), "new", "", "")])
    os.utime(lst, ns=(1, 1))  # force a different mtime even on coarse clocks
    assert (
        service.match(_event(_inline("a", data)), T0 + timedelta(seconds=10))[0].strength == "none"
    )
    (v,) = service.match(_event(_inline("a", data)), T0 + timedelta(seconds=31))
    assert v.strength == "exact"
    assert service.list_versions["l"] != old_version
    assert v.matches[0].list_version == service.list_versions["l"]


def test_a_broken_reload_keeps_the_last_good_list(
    tmp_path: Path, jpeg: Callable[..., bytes], caplog: pytest.LogCaptureFixture
) -> None:
    data = jpeg(5)
    lst = write_list(tmp_path / "l.csv", [("sha256", _sha(data), "x", "", "")])
    service = build_hash_service(
        HashingConfig(lists=[HashListSource(path=str(lst))], reload_in_background=False)
    )
    lst.write_text("no,header\n")
    os.utime(lst, ns=(2, 2))
    with caplog.at_level(logging.WARNING):
        (v,) = service.match(_event(_inline("a", data)), T0)
    assert v.strength == "exact"
    assert "reload rejected" in caplog.text
    lst.unlink()
    (v,) = service.match(_event(_inline("a", data)), T0 + timedelta(minutes=1))
    assert v.strength == "exact"


def test_a_background_reload_matches_with_the_version_in_use_until_its_load_ends(
    tmp_path: Path, jpeg: Callable[..., bytes]
) -> None:
    data = jpeg(6)
    lst = write_list(tmp_path / "l.csv", [])
    cfg = HashingConfig(lists=[HashListSource(path=str(lst))], reload_interval_s=30.0)
    assert cfg.reload_in_background  # the default
    service = build_hash_service(cfg)
    old_version = service.list_versions["l"]
    write_list(lst, [("sha256", _sha(data), "new", "", "")])
    os.utime(lst, ns=(1, 1))
    # The due poll starts the load and matching goes on with the version in use.
    (v,) = service.match(_event(_inline("a", data)), T0 + timedelta(seconds=31))
    assert v.strength == "none"
    assert service.list_versions["l"] == old_version
    service.wait_for_reloads(timeout=60)
    # The first match after the load ends swaps it in, before the next poll is due.
    (v,) = service.match(_event(_inline("a", data)), T0 + timedelta(seconds=32))
    assert v.strength == "exact"
    assert service.list_versions["l"] != old_version
    assert v.matches[0].list_version == service.list_versions["l"]
    # The swapped-in file is not loaded again at the next poll.
    assert service.reload_changed(T0 + timedelta(seconds=70)) == []


def test_a_background_load_that_fails_keeps_the_version_in_use(
    tmp_path: Path,
    jpeg: Callable[..., bytes],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = jpeg(7)
    lst = write_list(tmp_path / "l.csv", [("sha256", _sha(data), "x", "", "")])
    service = build_hash_service(HashingConfig(lists=[HashListSource(path=str(lst))]))
    write_list(lst, [])
    os.utime(lst, ns=(3, 3))

    def broken(*_args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(service, "_load", broken)
    with caplog.at_level(logging.WARNING):
        service.reload_changed(T0)
        service.wait_for_reloads(timeout=60)
        (v,) = service.match(_event(_inline("a", data)), T0 + timedelta(seconds=1))
    assert v.strength == "exact"
    assert "reload rejected (load_failed: MemoryError)" in caplog.text


def test_a_list_with_bad_lines_is_a_config_error_at_start(tmp_path: Path) -> None:
    lst = write_list(
        tmp_path / "l.csv", [("pdq", "zz12", "x", "", ""), ("md5", "0" * 32, "x", "", "")]
    )
    with pytest.raises(ConfigError, match="1 bad line") as caught:
        build_hash_service(HashingConfig(lists=[HashListSource(path=str(lst))]))
    assert "line 2" in str(caught.value)
    assert "zz12" not in str(caught.value)


def test_extra_lists_and_names(tmp_path: Path) -> None:
    a = write_list(tmp_path / "a.csv", [("md5", "1" * 32, "x", "", "")])
    b = write_list(tmp_path / "b.jsonl", [])
    b.write_text(f'{{"algorithm": "md5", "hash": "{"2" * 32}"}}\n')
    cfg = HashingConfig(lists=[HashListSource(path=str(a), name="ncmec")])
    service = build_hash_service(cfg, extra_lists=[str(b)])
    assert set(service.list_versions) == {"ncmec", "b"}


def test_missing_list_file_is_a_config_error(tmp_path: Path) -> None:
    cfg = HashingConfig(lists=[HashListSource(path=str(tmp_path / "nope.csv"))])
    with pytest.raises(ConfigError, match=r"nope\.csv' cannot be loaded"):
        build_hash_service(cfg)


def test_duplicate_source_names_are_a_config_error(tmp_path: Path) -> None:
    a = write_list(tmp_path / "a.csv", [])
    cfg = HashingConfig(lists=[HashListSource(path=str(a)), HashListSource(path=str(a))])
    with pytest.raises(ConfigError, match="share the name 'a'"):
        build_hash_service(cfg)


def test_disabled_hashing_records_skipped_verdicts(jpeg: Callable[..., bytes]) -> None:
    service = build_hash_service(HashingConfig(enabled=False))
    (v,) = service.match(_event(_inline("a", jpeg(1))), T0)
    assert v.status == "skipped"
    assert service.match(_event(), T0) == []


def test_plugin_algorithm_is_added_without_touching_the_flow(
    tmp_path: Path, jpeg: Callable[..., bytes]
) -> None:
    class Blake(ExactAlgorithm):
        """A stand-in for a licensed plug-in: blake2b-256 of the bytes."""

        def __init__(self) -> None:
            super().__init__("sha256")

        @property
        def name(self) -> str:
            return "blake"

        def compute(self, media: MediaInput) -> Computed:
            v = hashlib.blake2b(media.data, digest_size=32).digest()
            return Computed(algorithm="blake", value=v, variants=((None, v),))

    data = jpeg(6)
    lst = tmp_path / "p.csv"
    lst.write_text(f"algorithm,hash\nblake,{hashlib.blake2b(data, digest_size=32).hexdigest()}\n")
    service = build_hash_service(
        HashingConfig(lists=[HashListSource(path=str(lst))]),
        algorithms=[*default_algorithms(), Blake()],
        thresholds={"blake": Thresholds()},
    )
    (v,) = service.match(_event(_inline("a", data)), T0)
    assert [(m.algorithm, m.strength) for m in v.matches] == [("blake", "exact")]
