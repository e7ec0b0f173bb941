"""Invariant 1 through the real dataflow: inputs == decisions + dead letters.

Run at 1 worker, at 2 worker threads, and as 2 processes x 2 workers.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from bytewax.testing import TestingSink, TestingSource, cluster_main, run_main

from tests.flow.conftest import mixed_records, write_jsonl
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.schemas.audit import AuditRow
from tipline.schemas.config import TiplineConfig, parse_config
from tipline.schemas.dead_letter import DeadLetter, decode_dead_letter
from tipline.sinks.lake import lake_files


def flow_config(tmp: Path) -> TiplineConfig:
    return parse_config(
        {
            "input": {"kind": "jsonl", "path": str(tmp / "in")},
            "dead_letters": {"path": str(tmp / "out")},
            "alerts": {"path": str(tmp / "out")},
            "decisions": {"path": str(tmp / "out")},
            "lake": {"path": str(tmp / "lake"), "shards": 2},
            "hashing": {"lists": []},
            "evidence": {"path": str(tmp / "vault")},
            "reports": {"path": str(tmp / "reports")},
        }
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_every_input_is_one_decision_or_one_dead_letter(
    tmp_path: Path, contract_examples: Path, workers: int
) -> None:
    records = mixed_records(contract_examples)
    lake: list[AuditRow] = []
    dead: list[DeadLetter] = []
    outputs = OutputOverrides(lake=TestingSink(lake), dead_letters=TestingSink(dead))
    flow = build_flow(flow_config(tmp_path), source=TestingSource(records), outputs=outputs)
    if workers == 1:
        run_main(flow)
    else:
        cluster_main(flow, [], 0, worker_count_per_proc=workers)

    assert len(lake) + len(dead) == len(records)
    assert sorted(row.event_id for row in lake) == [f"evt-{i:05d}" for i in range(40)]
    assert len(dead) == len(list(contract_examples.glob("invalid-*"))) + 1
    for letter in dead:
        assert letter.raw in {r.value for r in records}
        assert letter.stage == "decode"
        assert letter.error


def test_two_processes_two_workers_each(tmp_path: Path, contract_examples: Path) -> None:
    (tmp_path / "in").mkdir()
    records = mixed_records(contract_examples, n_valid=200)
    for k in range(4):
        write_jsonl(tmp_path / "in" / f"part-{k}.jsonl", records[k::4])
    config = tmp_path / "config.toml"
    config.write_text(
        f"""
[input]
path = "{tmp_path / "in"}"
[dead_letters]
path = "{tmp_path / "out"}"
[alerts]
path = "{tmp_path / "out"}"
[lake]
path = "{tmp_path / "lake"}"
shards = 4
[hashing]
lists = []
[evidence]
path = "{tmp_path / "vault"}"
[reports]
path = "{tmp_path / "reports"}"
""",
        encoding="utf-8",
    )
    ports = [_free_port(), _free_port()]
    addresses = ";".join(f"127.0.0.1:{p}" for p in ports)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tipline.cli.main",
                "run",
                "--config",
                str(config),
                "-w",
                "2",
                "-a",
                addresses,
                "-i",
                str(i),
            ],
        )
        for i in range(2)
    ]
    for proc in procs:
        assert proc.wait(timeout=300) == 0

    lake_ids = [
        eid
        for _, _, _, p in lake_files(tmp_path / "lake")
        for eid in pq.read_table(p)["event_id"].to_pylist()
    ]
    dead = [
        decode_dead_letter(line)
        for line in (tmp_path / "out" / "dead-letters.jsonl").read_bytes().splitlines()
    ]
    assert len(lake_ids) + len(dead) == len(records)
    assert sorted(lake_ids) == [f"evt-{i:05d}" for i in range(200)]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
