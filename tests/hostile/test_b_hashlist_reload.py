"""Fault: a bad hash-list reload (issue #13, fault 2).

Before the fix a list with a valid header and bad rows swapped in an empty
list (11 of 11 matches missed), a truncated list swapped in a partial one
(8 of 11 missed), and random bytes raised an unhandled ``_csv.Error``, then
failed at start with a raw traceback. Reloads are now all-or-nothing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from tests.support import REPO
from tipline.schemas.errors import ConfigError
from tipline.schemas.event import Account, Attachment, MessageEvent
from tipline.schemas.hashing import HashingConfig, HashListSource
from tipline.services.hashing import HashService, build_hash_service

T0 = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
HEADER = "algorithm,hash,list,id,category"
BLOBS = [hashlib.sha512(f"known-{i}".encode()).digest() * 4 for i in range(11)]
ROWS = [f"sha256,{hashlib.sha256(b).hexdigest()},known,{i},A1" for i, b in enumerate(BLOBS)]


def write(path: Path, content: bytes, stamp: int) -> None:
    path.write_bytes(content)
    os.utime(path, ns=(stamp, stamp))  # a new version on disk, whatever the clock


def event() -> MessageEvent:
    return MessageEvent(
        schema="tipline.message/1",
        event_id="e1",
        sent_at=T0,
        session_id="s1",
        sender=Account(user_id="u1"),
        recipients=[Account(user_id="u2")],
        attachments=[
            Attachment(attachment_id=f"a{i}", media_type="image/jpeg", data_b64=b)
            for i, b in enumerate(BLOBS)
        ],
    )


def matches(service: HashService, minutes: int) -> int:
    """Exact matches of the event at T0 + minutes, once a reload due then has ended.

    In the background mode the due poll starts the load; the match after it
    ends swaps the new version in (or rejects it), as in the inline mode.
    """
    now = T0 + timedelta(minutes=minutes)
    service.reload_changed(now)
    service.wait_for_reloads(timeout=60)
    verdicts = service.match(event(), now)
    return sum(v.strength == "exact" for v in verdicts)


def gauge(name: str, **labels: str) -> float | None:
    return REGISTRY.get_sample_value(name, labels)


@pytest.fixture(params=[True, False], ids=["background", "inline"])
def service(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[HashService, Path]:
    lst = tmp_path / "known.csv"
    write(lst, ("\n".join([HEADER, *ROWS]) + "\n").encode(), 1)
    cfg = HashingConfig(
        lists=[HashListSource(path=str(lst))],
        reload_interval_s=1.0,
        reload_in_background=request.param,
    )
    svc = build_hash_service(cfg)
    assert matches(svc, 0) == 11
    return svc, lst


BAD_VERSIONS = {
    "valid header, bad rows": (HEADER + "\n" + "sha256,not-a-hash,known,1,A1\n" * 11).encode(),
    "truncated": ("\n".join([HEADER, *ROWS[:3]]) + "\n").encode(),
    "random bytes": os.urandom(4096).replace(b"\0", b"") + b"\0\0\n\0",
}


@pytest.mark.parametrize("case", sorted(BAD_VERSIONS))
def test_bad_reload_keeps_matching_with_the_last_good_list(
    case: str, service: tuple[HashService, Path], caplog: pytest.LogCaptureFixture
) -> None:
    svc, lst = service
    good = svc.list_versions["known"]
    write(lst, BAD_VERSIONS[case], 2)
    with caplog.at_level(logging.WARNING):
        assert matches(svc, 1) == 11
    assert svc.list_versions["known"] == good
    assert svc.list_sizes() == {"known": 11}
    rejected = [r for r in caplog.records if "reload rejected" in r.getMessage()]
    assert len(rejected) == 1
    line = rejected[0].getMessage()
    assert "\n" not in line
    assert "not-a-hash" not in line
    assert all(row.split(",")[1] not in caplog.text for row in ROWS)
    assert gauge("tipline_hash_list_reload_rejected", list="known") == 1
    assert gauge("tipline_hash_list_version_info", list="known", version=good) == 1
    assert gauge("tipline_hash_list_entries", list="known") == 11
    # Still rejected, not re-parsed, at the next poll; still matching.
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert matches(svc, 2) == 11
    assert "reload rejected" not in caplog.text
    # A good version is swapped in, and the alert clears.
    write(lst, ("\n".join([HEADER, *ROWS, ROWS[0].replace(",0,", ",99,")]) + "\n").encode(), 3)
    assert matches(svc, 3) == 11
    assert svc.list_sizes() == {"known": 12}
    assert gauge("tipline_hash_list_reload_rejected", list="known") == 0
    assert gauge("tipline_hash_list_version_info", list="known", version=good) is None
    assert gauge("tipline_hash_list_entries", list="known") == 12
    age = gauge("tipline_hash_list_age_seconds", list="known")
    assert age is not None and age >= 0


def test_a_smaller_list_within_the_fraction_is_accepted(tmp_path: Path) -> None:
    lst = tmp_path / "known.csv"
    write(lst, ("\n".join([HEADER, *ROWS]) + "\n").encode(), 1)
    cfg = HashingConfig(
        lists=[HashListSource(path=str(lst))], reload_interval_s=1.0, reload_min_fraction=0.5
    )
    svc = build_hash_service(cfg)
    write(lst, ("\n".join([HEADER, *ROWS[:6]]) + "\n").encode(), 2)
    assert matches(svc, 1) == 6


@pytest.mark.parametrize("case", ["random bytes", "valid header, bad rows"])
def test_bad_list_at_start_is_one_config_error_line(case: str, tmp_path: Path) -> None:
    # (a short list is a valid list at start: there is no previous version to compare)
    lst = tmp_path / "known.csv"
    write(lst, BAD_VERSIONS[case], 1)
    with pytest.raises(ConfigError) as caught:
        build_hash_service(HashingConfig(lists=[HashListSource(path=str(lst))]))
    assert "\n" not in str(caught.value)
    config = tmp_path / "c.toml"
    config.write_text(
        f'[hashing]\nlists = [{{ path = "{lst}" }}]\n[evidence]\nenabled = false\n'
        f'[input]\npath = "{tmp_path}"\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", "run", "--config", str(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("config error: hashing.lists:")
    assert "Traceback" not in done.stderr
