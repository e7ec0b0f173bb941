"""One crafted event must never stop the flow; a systemic fault must (issue #13).

Through the real dataflow (Bytewax ``run_main``):

- Trigger A: a known image sent by an account whose screen name holds
  ``\\u0001`` now gets its draft and alert, and so does a later known image.
- A poison event at each step (match-hashes, score-session, audit-row,
  package-evidence, report-draft, alert) becomes a dead letter tagged with the
  step, its reason never quotes content, and later events still get drafts
  and alerts; a draft that fails to build is kept in status ``failed``.
- ``inputs == lake decisions + dead letters of NO_DECISION_STAGES``.
- A full vault disk (``OSError`` ENOSPC) stops the run, as does a bug that
  fails every event (the breaker).
"""

from __future__ import annotations

import base64
import errno
import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
from botocore.exceptions import EndpointConnectionError
from bytewax.testing import TestingSink, TestingSource, run_main

import tipline.flows.pipeline as pipeline_module
from tests.flow.conftest import T0, event_json
from tests.flow.test_evidence_first import known_image_setup
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Decided
from tipline.operators.failures import BREAKER_LIMIT, SystemicFailure, is_systemic
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import NO_DECISION_STAGES, DeadLetter
from tipline.schemas.errors import (
    EventDecodeError,
    EvidenceError,
    FetchError,
    ReportError,
    VaultWriteError,
)
from tipline.schemas.event import MessageEvent
from tipline.schemas.report import ReportDraft
from tipline.schemas.source import RawRecord, SourcePosition
from tipline.services.evidence import EvidenceService
from tipline.services.failures import FailureTracker

CANARY = "CANARY-7f3a-poison-text"


def image_event(image: bytes, event_id: str, *, screen_name: str = "sender") -> bytes:
    return json.dumps(
        {
            "schema": "tipline.message/1",
            "event_id": event_id,
            "sent_at": T0.isoformat(),
            "session_id": f"s-{event_id}",
            "sender": {"user_id": "u-1", "declared_age": 40, "screen_name": screen_name},
            "recipients": [{"user_id": "u-2", "declared_age": 14}],
            "text": CANARY,
            "attachments": [
                {
                    "attachment_id": f"a-{event_id}",
                    "media_type": "image/jpeg",
                    "data_b64": base64.b64encode(image).decode(),
                }
            ],
        }
    ).encode()


def records(values: list[bytes]) -> list[RawRecord]:
    return [
        RawRecord(value=v, source=SourcePosition(kind="file", file="mem", line=n))
        for n, v in enumerate(values, 1)
    ]


class Outputs:
    def __init__(self) -> None:
        self.lake: list[Any] = []
        self.dead: list[DeadLetter] = []
        self.alerts: list[bytes] = []
        self.drafts: list[ReportDraft] = []

    def overrides(self) -> OutputOverrides:
        return OutputOverrides(
            lake=TestingSink(self.lake),
            dead_letters=TestingSink(self.dead),
            alerts=TestingSink(self.alerts),
            drafts=TestingSink(self.drafts),
        )

    def alert_ids(self) -> set[str]:
        return {json.loads(a)["event_id"] for a in self.alerts}


def run(cfg: TiplineConfig, values: list[bytes], pipe: Pipeline) -> Outputs:
    out = Outputs()
    flow = build_flow(
        cfg, source=TestingSource(records(values)), outputs=out.overrides(), pipeline=pipe
    )
    run_main(flow)
    return out


def test_trigger_a_control_character_in_screen_name_still_drafts_and_alerts(
    tmp_path: Path,
) -> None:
    cfg, image = known_image_setup(tmp_path)
    values = [image_event(image, "evt-a1", screen_name="dave\u0001"), image_event(image, "evt-a2")]
    out = run(cfg, values, Pipeline(cfg))
    assert out.dead == []
    assert {r.event_id for r in out.lake} == {"evt-a1", "evt-a2"}
    assert out.alert_ids() == {"evt-a1", "evt-a2"}
    assert sorted(d.event_id for d in out.drafts) == ["evt-a1", "evt-a2"]
    assert all(d.status == "draft" and d.report_xml for d in out.drafts)


class PoisonPipeline(Pipeline):
    """A pipeline whose steps fail for chosen event ids (injected at the services' seams)."""

    poison: dict[str, str]

    def score(self, state: Any, event: MessageEvent) -> tuple[Any, Any]:
        if self.poison.get(event.event_id) == "score-session":
            raise KeyError(CANARY)  # an unexpected error quoting content
        return super().score(state, event)

    def sealer(self, session_id: str) -> Any:
        inner = super().sealer(session_id)
        return None if inner is None else PoisonSealer(inner)

    def _timeline(self, decided: Decided) -> list[Any]:
        if decided.event.event_id == "evt-p-draft":
            msg = f"draft impossible for {CANARY!r}"
            raise ReportError(msg)
        return super()._timeline(decided)


class PoisonSealer:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def seal(self, event: MessageEvent) -> bytes:
        if event.event_id == "evt-p-context":
            raise ValueError(CANARY)
        sealed: bytes = self._inner.seal(event)
        return sealed


class PoisonHashes:
    """Raises for one event, inline (``match_keeping_bytes``) or in a pool worker."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def match_keeping_bytes(self, event: MessageEvent, now: Any) -> Any:
        if event.event_id == "evt-p-match":
            raise ValueError(CANARY)
        return self._inner.match_keeping_bytes(event, now)

    def hash_event(self, event: MessageEvent) -> Any:
        if event.event_id == "evt-p-match":
            raise ValueError(CANARY)
        return self._inner.hash_event(event)


class PoisonEvidence:
    def __init__(self, inner: EvidenceService) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def package_many(self, cases: list[Any], now: Any) -> list[Any]:
        """The poisoned case fails on its own; the rest of its batch is packaged."""
        poisoned = [c.event.event_id == "evt-p-package" for c in cases]
        rest = iter(
            self._inner.package_many(
                [c for c, p in zip(cases, poisoned, strict=True) if not p], now
            )
        )
        msg = f"bytes of {CANARY!r} differ from first touch"
        return [EvidenceError(msg) if p else next(rest) for p in poisoned]


def test_poison_at_every_step_is_a_dead_letter_and_later_cases_still_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg, image = known_image_setup(tmp_path)
    pipe = PoisonPipeline(cfg)
    pipe.poison = {"evt-p-score": "score-session"}
    pipe.__dict__["hashes"] = PoisonHashes(pipe.hashes)
    pipe.__dict__["evidence"] = PoisonEvidence(pipe.evidence)
    real_alert, real_row = pipeline_module.encode_alert, pipeline_module.audit_row

    def alert(decision: Any, package_id: str) -> bytes:
        if decision.event_id == "evt-p-alert":
            raise TypeError(CANARY)
        return real_alert(decision, package_id)

    def row(decision: Any) -> Any:
        if decision.event_id == "evt-p-row":
            raise RuntimeError(CANARY)
        return real_row(decision)

    monkeypatch.setattr(pipeline_module, "encode_alert", alert)
    monkeypatch.setattr(pipeline_module, "audit_row", row)
    poisons = {
        "evt-p-match": "match-hashes",
        "evt-p-score": "score-session",
        "evt-p-context": "session-context",
        "evt-p-row": "audit-row",
        "evt-p-package": "package-evidence",
        "evt-p-draft": "report-draft",
        "evt-p-alert": "alert",
    }
    values = [image_event(image, eid) for eid in poisons]
    values += [b"{not json " + CANARY.encode(), image_event(image, "evt-later")]
    values += [event_json(i, "s-neutral") for i in range(5)]

    out = run(cfg, values, pipe)

    by_event = {d.event_id: d for d in out.dead if d.event_id}
    assert {eid: by_event[eid].stage for eid in poisons} == poisons
    assert [d.stage for d in out.dead if d.event_id is None] == ["decode"]
    for letter in out.dead:
        assert CANARY not in letter.error, letter.error
        assert letter.error_type
    # invariant 1, with post-decision failures counted on their own
    no_decision = [d for d in out.dead if d.stage in NO_DECISION_STAGES]
    assert len(out.lake) + len(no_decision) == len(values)
    decided = {"evt-p-context", "evt-p-package", "evt-p-draft", "evt-p-alert"}
    assert decided <= {r.event_id for r in out.lake}
    # the later known image still gets evidence, an alert and a draft
    assert "evt-later" in out.alert_ids()
    drafts = {d.event_id: d for d in out.drafts}
    assert drafts["evt-later"].status == "draft"
    # a draft that could not be built is kept, failed, with the reason
    failed = drafts["evt-p-draft"]
    assert failed.status == "failed"
    assert failed.report_xml == ""
    assert failed.history[-1].note is not None
    assert "ReportError" in failed.history[-1].note
    assert CANARY not in failed.history[-1].note
    assert "evt-p-draft" in out.alert_ids()  # evidence is stored; the alert went out
    assert "evt-p-alert" in drafts  # the alert failed, the draft did not


class FullDiskVault:
    """A vault whose disk is full: every write raises ENOSPC."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def put_objects(self, *args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def commit_phases(self, *args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def _causes(exc: BaseException | None) -> list[BaseException]:
    out = []
    while exc is not None:
        out.append(exc)
        exc = exc.__cause__ or exc.__context__
    return out


def test_full_vault_disk_stops_the_run(tmp_path: Path) -> None:
    cfg, image = known_image_setup(tmp_path)
    pipe = Pipeline(cfg)
    real = pipe.evidence
    pipe.__dict__["evidence"] = EvidenceService(
        real.cfg, vault=FullDiskVault(real.vault), key_store=real.key_store, keys=real.keys
    )
    out = Outputs()
    flow = build_flow(
        cfg,
        source=TestingSource(records([image_event(image, "evt-disk")])),
        outputs=out.overrides(),
        pipeline=pipe,
    )
    with pytest.raises(RuntimeError, match="package-evidence") as info:
        run_main(flow)
    assert any(isinstance(c, OSError) and c.errno == errno.ENOSPC for c in _causes(info.value))
    assert out.alerts == []
    assert out.drafts == []
    assert out.dead == []


def test_a_bug_that_fails_every_event_trips_the_breaker(tmp_path: Path) -> None:
    cfg, _ = known_image_setup(tmp_path)
    pipe = PoisonPipeline(cfg)
    values = [event_json(i, f"s-{i}") for i in range(BREAKER_LIMIT + 5)]
    pipe.poison = {json.loads(v)["event_id"]: "score-session" for v in values}
    out = Outputs()
    flow = build_flow(
        cfg, source=TestingSource(records(values)), outputs=out.overrides(), pipeline=pipe
    )
    with pytest.raises(RuntimeError, match="score-session") as info:
        run_main(flow)
    assert any(isinstance(c, SystemicFailure) for c in _causes(info.value))


@pytest.mark.parametrize(
    ("exc", "systemic"),
    [
        (OSError(errno.ENOSPC, "full"), True),
        (PermissionError("vault"), True),
        (VaultWriteError("unreachable"), True),
        (MemoryError(), True),
        (ReportError("bad"), False),
        (EvidenceError("bytes differ"), False),
        (FetchError("gone"), False),
        (EventDecodeError("bad"), False),
        (ValueError("x"), False),
        (UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"), False),
        (EndpointConnectionError(endpoint_url="http://vault.invalid"), True),
    ],
)
def test_which_failures_are_systemic(exc: Exception, systemic: bool) -> None:
    assert is_systemic(exc) is systemic
    tracker = FailureTracker()
    source = SourcePosition(kind="file", file="f", line=1)
    if systemic:
        with pytest.raises(type(exc)):
            tracker.letter("alert", exc, source=source, event=None, now=T0)
    else:
        letter = tracker.letter("alert", exc, source=source, event=None, now=T0)
        assert (letter.stage, letter.error_type) == ("alert", type(exc).__name__)


def test_reasons_never_quote_values() -> None:
    tracker = FailureTracker()
    source = SourcePosition(kind="file", file="f", line=1)
    quoted = ReportError(f'value {CANARY!r} and "{CANARY}" are bad')
    letter = tracker.letter("report-draft", quoted, source=source, event=None, now=T0)
    assert CANARY not in letter.error
    assert "<value>" in letter.error
    unexpected = tracker.letter("alert", KeyError(CANARY), source=source, event=None, now=T0)
    assert CANARY not in unexpected.error
    assert msgspec.json.encode(unexpected)


@pytest.mark.parametrize("sent_at", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00"])
def test_known_image_with_an_absurd_timestamp_is_still_reported(
    tmp_path: Path, sent_at: str
) -> None:
    """Found by the flow fuzzer: year 9999 overflowed the scorer's index (OverflowError)."""
    cfg, image = known_image_setup(tmp_path)
    event = json.loads(image_event(image, "evt-time"))
    event["sent_at"] = sent_at
    out = run(cfg, [json.dumps(event).encode()], Pipeline(cfg))
    assert out.dead == []
    assert [r.decision for r in out.lake] == ["report"]
    assert [d.status for d in out.drafts] == ["draft"]
