"""Step ``match-hashes`` with the hashing pool (issue #15 item 4), through the real dataflow.

Image and text messages of several sessions interleave within Bytewax batches.
With ``hashing.pool_workers = 2`` every output equals the inline run's
(``pool_workers = 0``), and hashing on a background thread (``hashing.executor``,
the default) equals the inline step; per-session order is input order, a message that kills
its worker is a dead letter of ``match-hashes``, and a worker killed mid-run
loses and duplicates nothing. No wall time is asserted.
"""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from pathlib import Path

import msgspec
from bytewax.testing import TestingSink, TestingSource, cluster_main, run_main

from tests.flow.conftest import T0
from tests.flow.test_evidence_first import known_image_setup
from tests.unit.hashing.test_pool import KILL, KILL_ONCE, Saboteur
from tipline.flows.main import build_flow
from tipline.flows.match_step import hashes_in_background
from tipline.flows.outputs import OutputOverrides
from tipline.flows.pipeline import Pipeline
from tipline.operators.hashing import default_algorithms
from tipline.schemas.audit import AuditRow
from tipline.schemas.clock import FixedClock
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.source import RawRecord, SourcePosition
from tipline.services.hashing import build_hash_service
from tipline.synth.images import encode, make_image

SESSIONS = 4


def record(n: int, blob: bytes | None) -> RawRecord:
    """Message ``n`` of session ``s-{n % 4}``: text, or one inline attachment."""
    event: dict[str, object] = {
        "schema": "tipline.message/1",
        "event_id": f"evt-{n:04d}",
        "sent_at": T0.isoformat(),
        "session_id": f"s-{n % SESSIONS}",
        "sender": {"user_id": f"u-{n % SESSIONS}", "declared_age": 30},
        "recipients": [{"user_id": "u-x", "declared_age": 31}],
    }
    if blob is None:
        event["text"] = f"see you at practice {n}"
    else:
        data = base64.b64encode(blob).decode()
        event["attachments"] = [
            {"attachment_id": f"a-{n}", "media_type": "image/jpeg", "data_b64": data}
        ]
    return RawRecord(value=json.dumps(event).encode(), source=SourcePosition(kind="file", line=n))


def interleaved(known: bytes, extra: dict[int, bytes] | None = None) -> list[RawRecord]:
    """40 messages: every third carries an image (two of them the known image)."""
    out = []
    for n in range(40):
        blob = None
        if n % 3 == 0:
            blob = known if n in {9, 30} else encode(make_image(n, 320, 240, "scene"), "JPEG", 85)
        out.append(record(n, (extra or {}).get(n, blob)))
    return out


def pipeline(cfg: TiplineConfig, workers: int, tmp: Path, executor: str = "background") -> Pipeline:
    cfg = msgspec.structs.replace(
        cfg,
        hashing=msgspec.structs.replace(cfg.hashing, pool_workers=workers, executor=executor),
    )
    pipe = Pipeline(cfg, clock=FixedClock(T0))
    flags = tmp / "flags"
    flags.mkdir(parents=True, exist_ok=True)
    algos = [Saboteur(flags) if a.name == "md5" else a for a in default_algorithms()]
    pipe.__dict__["hashes"] = build_hash_service(
        cfg.hashing, algorithms=algos, fetcher=pipe._fetcher()
    )
    return pipe


def run(
    pipe: Pipeline, records: list[RawRecord], *, pool_left_running: bool = True
) -> tuple[list[AuditRow], list[DeadLetter]]:
    lake: list[AuditRow] = []
    dead: list[DeadLetter] = []
    outputs = OutputOverrides(
        lake=TestingSink(lake), dead_letters=TestingSink(dead), alerts=TestingSink([])
    )
    source = TestingSource(records, batch_size=8)
    try:
        run_main(build_flow(pipe.config, source=source, outputs=outputs, pipeline=pipe))
        if pool_left_running:  # it did hash in the pool (a crash's path may end without one)
            assert len(pipe.hash_pool.worker_pids()) == pipe.hash_pool.workers
    finally:
        pipe.hash_pool.close()
    return lake, dead


def per_session(rows: list[AuditRow]) -> dict[str, list[AuditRow]]:
    out: dict[str, list[AuditRow]] = defaultdict(list)
    for row in rows:
        out[row.session_id].append(row)
    return dict(out)


def test_pool_outputs_equal_inline_and_keep_session_order(tmp_path: Path) -> None:
    cfg, known = known_image_setup(tmp_path)
    records = interleaved(known)
    inline, inline_dead = run(pipeline(cfg, 0, tmp_path / "a"), records)
    (tmp_path / "b").mkdir()
    cfg_b, _ = known_image_setup(tmp_path / "b")  # its own vault, same list
    pooled, pooled_dead = run(pipeline(cfg_b, 2, tmp_path / "b"), records)

    assert inline_dead == pooled_dead == []
    assert len(pooled) == len(records)
    assert per_session(pooled) == per_session(inline)
    for session, rows in per_session(pooled).items():
        ids = [r.event_id for r in rows]
        assert ids == sorted(ids), session  # input order within the session
    assert [r.event_id for r in pooled if r.match_strength == "exact"] == ["evt-0009", "evt-0030"]


def test_hashing_in_the_background_equals_the_inline_step(tmp_path: Path) -> None:
    """``hashing.executor``: the same decisions, each session in input order."""
    cfg, known = known_image_setup(tmp_path)
    records = interleaved(known)
    inline, inline_dead = run(pipeline(cfg, 2, tmp_path / "a", "inline"), records)
    (tmp_path / "b").mkdir()
    cfg_b, _ = known_image_setup(tmp_path / "b")
    pipe = pipeline(cfg_b, 2, tmp_path / "b", "background")
    assert hashes_in_background(pipe.config)
    background, background_dead = run(pipe, records)

    assert inline_dead == background_dead == []
    assert per_session(background) == per_session(inline)
    for session, rows in per_session(background).items():
        ids = [r.event_id for r in rows]
        assert ids == sorted(ids), session
    assert sorted(r.event_id for r in background if r.match_strength == "exact") == [
        "evt-0009",
        "evt-0030",
    ]


def test_a_poison_image_in_the_pool_is_a_dead_letter_of_match_hashes(tmp_path: Path) -> None:
    cfg, known = known_image_setup(tmp_path)
    records = interleaved(known, {12: KILL + b"-12"})
    lake, dead = run(pipeline(cfg, 2, tmp_path), records, pool_left_running=False)

    assert [(d.stage, d.error_type, d.event_id) for d in dead] == [
        ("match-hashes", "HashWorkerDied", "evt-0012")
    ]
    assert sorted(r.event_id for r in lake) == [
        f"evt-{n:04d}" for n in range(40) if n != 12
    ]  # every other message decided once


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    cfg, known = known_image_setup(tmp_path)
    expected, _ = run(pipeline(cfg, 0, tmp_path / "a"), interleaved(known))
    (tmp_path / "b").mkdir()
    cfg_b, _ = known_image_setup(tmp_path / "b")
    victims = {6: KILL_ONCE + b"-6", 21: KILL_ONCE + b"-21"}
    pipe = pipeline(cfg_b, 2, tmp_path / "b")
    lake, dead = run(pipe, interleaved(known, victims))

    assert dead == []
    # both victims killed a worker once (their flag files), in one pool break or two
    assert len(list((tmp_path / "b" / "flags").glob("*"))) == 2
    assert pipe.hash_pool.restarts >= 1
    assert sorted(r.event_id for r in lake) == [f"evt-{n:04d}" for n in range(40)]
    others = [r for r in lake if r.event_id not in {"evt-0006", "evt-0021"}]
    assert per_session(others) == per_session(
        [r for r in expected if r.event_id not in {"evt-0006", "evt-0021"}]
    )


def test_two_worker_threads_share_the_pool_and_decide_every_message_once(tmp_path: Path) -> None:
    cfg, known = known_image_setup(tmp_path)
    records = interleaved(known)
    pipe = pipeline(cfg, 2, tmp_path)
    lake: list[AuditRow] = []
    dead: list[DeadLetter] = []
    outputs = OutputOverrides(
        lake=TestingSink(lake), dead_letters=TestingSink(dead), alerts=TestingSink([])
    )
    source = TestingSource(records, batch_size=8)
    flow = build_flow(pipe.config, source=source, outputs=outputs, pipeline=pipe)
    try:
        cluster_main(flow, [], 0, worker_count_per_proc=2)
    finally:
        pipe.hash_pool.close()
    assert dead == []
    assert sorted(r.event_id for r in lake) == [f"evt-{n:04d}" for n in range(40)]
    assert sorted(r.event_id for r in lake if r.match_strength == "exact") == [
        "evt-0009",
        "evt-0030",
    ]
    for session, rows in per_session(lake).items():
        ids = [r.event_id for r in rows]
        assert ids == sorted(ids), session
