"""Invariant 2: no alert or report draft exists for a case whose evidence is not stored."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import msgspec
import pytest
from bytewax.testing import TestingSink, TestingSource, run_main

from tests.flow.conftest import T0
from tipline.cli.commands.hashes import HEADER, build_rows
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.flows.pipeline import Pipeline
from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.schemas.config import TiplineConfig, parse_config
from tipline.schemas.errors import VaultWriteError
from tipline.schemas.hashing import HashingConfig
from tipline.schemas.source import RawRecord, SourcePosition
from tipline.sinks.drafts import DraftsSink
from tipline.synth.images import encode, make_image


def known_image_setup(tmp: Path) -> tuple[TiplineConfig, bytes]:
    image = encode(make_image(4242, 320, 240, "shapes"), "JPEG", 90)
    path = tmp / "known.jpg"
    path.write_bytes(image)
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), cache_entries=1)
    rows, _ = build_rows(path, matcher, "test-list", "A1")
    hash_list = tmp / "list.csv"
    hash_list.write_text("\n".join(",".join(r) for r in [HEADER, *rows]) + "\n", encoding="utf-8")
    cfg = parse_config(
        {
            "lake": {"path": str(tmp / "lake")},
            "hashing": {"lists": [{"path": str(hash_list)}]},
            "evidence": {"path": str(tmp / "vault")},
            "reports": {"path": str(tmp / "reports")},
        }
    )
    return cfg, image


def message_with_image(image: bytes, n: int) -> RawRecord:
    event = {
        "schema": "tipline.message/1",
        "event_id": f"evt-img-{n}",
        "sent_at": T0.isoformat(),
        "session_id": f"s-img-{n}",
        "sender": {"user_id": "u-1", "declared_age": 40},
        "recipients": [{"user_id": "u-2", "declared_age": 14}],
        "attachments": [
            {
                "attachment_id": f"a-{n}",
                "media_type": "image/jpeg",
                "data_b64": base64.b64encode(image).decode(),
            }
        ],
    }
    return RawRecord(value=json.dumps(event).encode(), source=SourcePosition(kind="file", line=n))


class FailingVault:
    """An evidence service whose vault never becomes durable."""

    def package(self, *args: object, **kwargs: object) -> None:
        msg = "vault unavailable (injected)"
        raise VaultWriteError(msg)

    def package_many(self, *args: object, **kwargs: object) -> None:
        msg = "vault unavailable (injected)"
        raise VaultWriteError(msg)

    def add_context(self, *args: object, **kwargs: object) -> None:
        msg = "vault unavailable (injected)"
        raise VaultWriteError(msg)

    def context_keys(self) -> object:
        from tipline.operators.evidence.context import ContextKeys

        return ContextKeys(b"k" * 32)


def run(cfg: TiplineConfig, records: list[RawRecord], pipe: Pipeline) -> tuple[list, list, list]:
    lake: list = []
    alerts: list = []
    drafts: list = []
    outputs = OutputOverrides(
        lake=TestingSink(lake), alerts=TestingSink(alerts), drafts=TestingSink(drafts)
    )
    run_main(build_flow(cfg, source=TestingSource(records), outputs=outputs, pipeline=pipe))
    return lake, alerts, drafts


def test_stored_case_gets_alert_and_draft(tmp_path: Path) -> None:
    cfg, image = known_image_setup(tmp_path)
    lake, alerts, drafts = run(cfg, [message_with_image(image, 1)], Pipeline(cfg))
    assert [row.decision for row in lake] == ["report"]
    assert len(alerts) == 1
    alert = json.loads(alerts[0])
    assert alert["package_id"] in {d.draft_id for d in drafts}
    assert Pipeline(cfg).evidence.list_packages() == [alert["package_id"]]


def test_failed_vault_write_leaves_no_alert_and_no_draft(tmp_path: Path) -> None:
    cfg, image = known_image_setup(tmp_path)
    pipe = Pipeline(cfg)
    pipe.__dict__["evidence"] = FailingVault()
    lake: list = []
    alerts: list = []
    drafts: list = []
    outputs = OutputOverrides(
        lake=TestingSink(lake), alerts=TestingSink(alerts), drafts=TestingSink(drafts)
    )
    flow = build_flow(
        cfg, source=TestingSource([message_with_image(image, 2)]), outputs=outputs, pipeline=pipe
    )
    # A vault failure is not bad data: the job stops (and recovery would retry it).
    with pytest.raises(RuntimeError, match="package-evidence") as info:
        run_main(flow)
    causes = []
    exc: BaseException | None = info.value
    while exc is not None:
        causes.append(exc)
        exc = exc.__cause__
    assert any(isinstance(c, VaultWriteError) for c in causes)
    assert alerts == []
    assert drafts == []


def _run_stored(cfg: TiplineConfig, records: list[RawRecord]) -> list:
    """Run with the configured drafts store (no override): the draft worker stores them."""
    alerts: list = []
    outputs = OutputOverrides(lake=TestingSink([]), alerts=TestingSink(alerts))
    run_main(build_flow(cfg, source=TestingSource(records), outputs=outputs))
    return alerts


def _with(cfg: TiplineConfig, **evidence: object) -> TiplineConfig:
    return msgspec.structs.replace(cfg, evidence=msgspec.structs.replace(cfg.evidence, **evidence))


@pytest.mark.parametrize("executor", ["background", "inline"])
def test_drafts_are_stored_for_their_receipts_by_either_executor(
    tmp_path: Path, executor: str
) -> None:
    cfg, image = known_image_setup(tmp_path)
    cfg = _with(cfg, executor=executor)
    alerts = _run_stored(cfg, [message_with_image(image, n) for n in range(3)])
    packages = sorted(json.loads(a)["package_id"] for a in alerts)
    assert len(packages) == 3
    store = DraftsSink(cfg.reports.path)
    # one complete draft per stored case (draft id = package id), built from its receipt
    assert sorted(p.parent.name for p in Path(cfg.reports.path).glob("*/draft.json")) == packages
    assert all(store.read(p).report_xml for p in packages)
    assert sorted(Pipeline(cfg).evidence.list_packages()) == packages


def test_a_draft_store_that_fails_stops_the_job(tmp_path: Path) -> None:
    cfg, image = known_image_setup(tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the drafts folder should be", encoding="utf-8")
    cfg = msgspec.structs.replace(
        cfg, reports=msgspec.structs.replace(cfg.reports, path=str(blocked))
    )
    # Storage is systemic, not bad data: the job stops (recovery retries), nothing is skipped.
    with pytest.raises(RuntimeError, match="report-draft"):
        _run_stored(cfg, [message_with_image(image, 1)])
