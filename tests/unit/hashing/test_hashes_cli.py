"""``tipline hashes build``: a folder of generated images → a docs/contract.md §2 list."""

from __future__ import annotations

import argparse
import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tipline.cli.commands import hashes
from tipline.schemas.event import Account, Attachment, MessageEvent
from tipline.schemas.hashing import HashingConfig, HashListSource
from tipline.services.hashing import build_hash_service
from tipline.synth.images import apply_transform, encode, make_image


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    hashes.register(parser.add_subparsers())
    args = parser.parse_args(["hashes", "build", *argv])
    code: int = args.func(args)
    return code


def test_build_writes_every_algorithm_per_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    images = tmp_path / "imgs"
    (images / "sub").mkdir(parents=True)
    (images / "a.jpg").write_bytes(encode(make_image(1, 320, 240, "scene")))
    (images / "sub" / "b.png").write_bytes(encode(make_image(2, 320, 240, "shapes"), "PNG"))
    (images / "flat.png").write_bytes(encode(make_image(3, 320, 240, "uniform"), "PNG"))
    (images / "notes.txt").write_bytes(b"plain bytes")
    out = tmp_path / "out" / "list.csv"
    assert (
        _run("--images", str(images), "--list", "internal", "--out", str(out), "--category", "T1")
        == 0
    )
    with out.open(encoding="utf-8") as fh:
        all_rows = list(csv.DictReader(fh))
    assert list(all_rows[0]) == [
        "algorithm", "hash", "list", "id", "category", "derived_from", "transform"
    ]  # fmt: skip
    rows = [r for r in all_rows if not r["derived_from"]]
    derived = [r for r in all_rows if r["derived_from"]]
    originals = {r["id"] for r in rows if r["algorithm"] == "pdq"}
    assert {r["derived_from"] for r in derived} == originals
    for r in derived:
        assert r["id"] == f"{r['derived_from']}~{r['transform']}"
        assert (r["list"], r["category"]) == ("internal", "T1")
    by_id: dict[str, list[str]] = {}
    for r in rows:
        assert (r["list"], r["category"]) == ("internal", "T1")
        by_id.setdefault(r["id"], []).append(r["algorithm"])
    algos = sorted(by_id.values())
    assert algos.count(["md5", "sha1", "sha256", "pdq", "phash"]) == 2
    assert ["md5", "sha1", "sha256"] in algos  # flat image: PDQ and pHash quality too low
    assert algos.count(["md5", "sha1", "sha256"]) == 2  # ... and the non-image
    err = capsys.readouterr().err
    assert "pdq quality 0 below its floor; left out" in err
    assert "notes" not in err  # file names never printed


def test_built_list_matches_transformed_copies(tmp_path: Path) -> None:
    images = tmp_path / "imgs"
    images.mkdir()
    original = encode(make_image(7, 480, 360, "scene"))
    (images / "x.jpg").write_bytes(original)
    out = tmp_path / "l.csv"
    assert _run("--images", str(images), "--list", "internal", "--out", str(out)) == 0
    service = build_hash_service(HashingConfig(lists=[HashListSource(path=str(out))]))
    copy = apply_transform("rotate90", original, 3)
    event = MessageEvent(
        schema="tipline.message/1", event_id="e", sent_at=datetime(2025, 1, 1, tzinfo=UTC),
        session_id="s", sender=Account(user_id="u"), recipients=[Account(user_id="v")],
        attachments=[Attachment(attachment_id="a", media_type="image/jpeg", data_b64=copy)],
    )  # fmt: skip
    (v,) = service.match(event, datetime(2025, 1, 1, tzinfo=UTC))
    assert v.strength in {"strong", "weak"}
    assert {m.algorithm for m in v.matches} == {"pdq"}


def test_empty_folder_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # usage (README "Exit statuses"): the folder named on the command line is empty
    assert _run("--images", str(tmp_path), "--list", "l", "--out", str(tmp_path / "o.csv")) == 2
    assert "no files under" in capsys.readouterr().err


def test_derived_entries_carry_provenance_and_old_format_stays(tmp_path: Path) -> None:
    images = tmp_path / "imgs"
    images.mkdir()
    (images / "a.jpg").write_bytes(encode(make_image(2, 480, 360, "scene")))
    out = tmp_path / "list.csv"
    assert _run("--images", str(images), "--list", "internal", "--out", str(out)) == 0
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    (original,) = {r["id"] for r in rows if not r["derived_from"]}
    transforms = {(r["algorithm"], r["transform"]) for r in rows if r["derived_from"] == original}
    for t in ("rot-4", "rot-2.5", "rot-1", "rot+1", "rot+2.5", "rot+4", "crop3", "crop6", "crop10"):
        assert ("pdq", t) in transforms
        assert ("phash", t) in transforms
    regions = {t for a, t in transforms if t.startswith("region:")}
    # regions below the PDQ quality floor are left out, like flat originals
    assert len(regions) >= 3
    assert regions <= {f"region:{r}" for r in ("q1", "q2", "q3", "q4", "centre")}
    assert all(a == "pdq" for a, t in transforms if t in regions)
    old = tmp_path / "old.csv"
    assert (
        _run("--images", str(images), "--list", "internal", "--out", str(old), "--no-derived") == 0
    )
    lines = old.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "algorithm,hash,list,id,category"
    assert len(lines) == 6
    # both load, and the derived list says which transform matched a rotated copy
    for path in (out, old):
        service = build_hash_service(HashingConfig(lists=[HashListSource(path=str(path))]))
        assert len(service.list_sizes()) == 1
