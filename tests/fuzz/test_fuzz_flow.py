"""Fuzzing the FLOW, not only the decoder (issue #13).

A seeded mutation fuzzer (byte-level and field-level mutations of valid
events, known-image events and the hostile records of ``tests/hostile/data``)
drives every step of the pipeline in process: decode → match-hashes →
score-session (scoring, deciding, sealed context) → audit-row → decision JSON
→ package-evidence → report-draft → alert, exactly as the Bytewax steps call
them. A second, smaller run goes through the real dataflow (``run_main``).

What must hold for every input:

- nothing escapes a step (no exception reaches the harness);
- each input is exactly one decision or one dead letter of a no-decision
  stage (``inputs == decisions + NO_DECISION_STAGES letters``);
- dead-letter reasons never quote the canary planted in every seed;
- every ``report`` case gets a draft whose XML validates (status ``draft``).

The number of inputs is printed at the end of the run (tests/fuzz/conftest.py).
"""

from __future__ import annotations

import base64
import json
import random
from collections import Counter, OrderedDict
from pathlib import Path
from typing import Any, Final

from bytewax.testing import TestingSink, TestingSource, run_main
from prometheus_client import REGISTRY

from tests.flow.test_evidence_first import known_image_setup
from tests.fuzz.conftest import TRIED
from tests.hostile.data import CANARY, base_event, hostile_records
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Decided, FollowUps, Inbound, Matched
from tipline.flows.session import SessionLogic
from tipline.operators.report import validate_report_xml
from tipline.schemas.dead_letter import NO_DECISION_STAGES, DeadLetter
from tipline.schemas.decision import encode_decision
from tipline.schemas.report import ReportDraft
from tipline.schemas.source import RawRecord, SourcePosition

PIPELINE_INPUTS: Final = 100_000
DATAFLOW_INPUTS: Final = 3_000
SESSIONS_KEPT: Final = 2_000
SEED: Final = 1313

HOSTILE_STRINGS: Final = [
    "",
    " ",
    "\u0000",
    "\u0001dave",
    "\ufffe\uffff",
    "\u202eevil",
    "]]><x/>",
    "&#0;",
    "<script>",
    "x" * 5000,
    CANARY,
    "🙂" * 50,
    "\\ud800",
    "9999-12-31T23:59:59+00:00",
    "0001-01-01T00:00:00+00:00",
    "2106-02-07T06:28:16+00:00",
]
HOSTILE_VALUES: Final[list[Any]] = [
    None,
    True,
    0,
    -1,
    10**30,
    1.5e308,
    [],
    {},
    [[[[[]]]]],
    {"a": {"b": {"c": None}}},
    *HOSTILE_STRINGS,
]
FIELDS: Final = [
    ("event_id",),
    ("session_id",),
    ("sent_at",),
    ("text",),
    ("platform",),
    ("schema",),
    ("sender", "user_id"),
    ("sender", "screen_name"),
    ("sender", "display_name"),
    ("sender", "email"),
    ("sender", "declared_age"),
    ("sender", "country"),
    ("recipients", 0, "user_id"),
    ("recipients", 0, "screen_name"),
    ("recipients", 0, "declared_age"),
    ("attachments",),
    ("attachments", 0, "media_type"),
    ("attachments", 0, "file_name"),
    ("attachments", 0, "attachment_id"),
    ("attachments", 0, "data_b64"),
    ("client",),
]


def seeds(image: bytes) -> list[dict[str, Any]]:
    """Valid events: neutral, grooming-flavoured, and a known image to a child."""
    known = {
        "attachment_id": "att-known",
        "media_type": "image/jpeg",
        "file_name": "photo.jpg",
        "data_b64": base64.b64encode(image).decode(),
    }
    child = {"user_id": "v-child", "screen_name": "kid", "declared_age": 12, "country": "US"}
    return [
        base_event(1),
        base_event(2, text=f"how old are you? keep this secret {CANARY}", recipients=[child]),
        base_event(
            3, attachments=[{"attachment_id": "t", "media_type": "text/plain", "data_b64": "aGk="}]
        ),
        base_event(4, attachments=[known], recipients=[child]),
        base_event(5, client={"ip": "203.0.113.9", "port": 443, "user_agent": "ua"}),
    ]


def _holds(target: Any, key: Any) -> bool:
    if isinstance(target, dict):
        return key in target
    return isinstance(target, list) and isinstance(key, int) and key < len(target)


def _set(event: Any, path: tuple[Any, ...], value: Any) -> None:
    target = event
    for key in path[:-1]:
        if not _holds(target, key):
            return
        target = target[key]
    if isinstance(target, dict) or _holds(target, path[-1]):
        target[path[-1]] = value


def mutate_fields(rng: random.Random, event: dict[str, Any]) -> bytes:
    event = json.loads(json.dumps(event))
    for _ in range(rng.randint(1, 3)):
        value = rng.choice(HOSTILE_VALUES) if rng.random() < 0.6 else rng.choice(HOSTILE_STRINGS)
        _set(event, rng.choice(FIELDS), value)
    event["event_id"] = (
        event.get("event_id") if rng.random() < 0.3 else f"fz-{rng.getrandbits(48):x}"
    )
    if rng.random() < 0.7:
        event["session_id"] = f"fs-{rng.randrange(500)}"
    return json.dumps(event).encode()


def mutate_bytes(rng: random.Random, value: bytes) -> bytes:
    data = bytearray(value)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(5)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif op == 1:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 2:
            del data[pos : pos + rng.randint(1, 32)]
        elif op == 3:
            data[pos:pos] = data[max(0, pos - 64) : pos]
        else:
            data = data[:pos]
    return bytes(data)


def fuzz_inputs(image: bytes, n: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    base = seeds(image)
    hostile = hostile_records(image)
    known, others = base[3], base[:3] + base[4:]
    out: list[bytes] = []
    for k in range(n):
        roll = rng.random()
        if roll < 0.0005:  # a known image with hostile fields: a report case
            out.append(mutate_fields(rng, known))
        elif roll < 0.6:
            out.append(mutate_fields(rng, rng.choice(others)))
        elif roll < 0.98:
            source = (
                json.dumps(rng.choice(base)).encode() if rng.random() < 0.8 else rng.choice(hostile)
            )
            out.append(mutate_bytes(rng, source))
        else:
            out.append(hostile[k % len(hostile)])
    return out


class PureFlow:
    """The flow's steps in the order Bytewax runs them, one input at a time."""

    def __init__(self, pipe: Pipeline) -> None:
        self.pipe = pipe
        self.sessions: OrderedDict[str, SessionLogic] = OrderedDict()
        self.decisions = 0
        self.letters: list[DeadLetter] = []
        self.drafts: list[ReportDraft] = []
        self.alerts = 0
        self.reports = 0

    def feed(self, n: int, value: bytes) -> None:
        record = RawRecord(value=value, source=SourcePosition(kind="file", file="fuzz", line=n))
        inbound = self.pipe.decode(record)
        if isinstance(inbound, DeadLetter):
            self.letters.append(inbound)
            return
        assert isinstance(inbound, Inbound)
        (matched,) = self.pipe.match([inbound])
        if isinstance(matched, DeadLetter):
            self.letters.append(matched)
            return
        assert isinstance(matched, Matched)
        out, _ = self._session(matched.event.session_id).on_item(matched)
        for item in out:
            self._downstream(item)

    def _session(self, session_id: str) -> SessionLogic:
        logic = self.sessions.get(session_id)
        if logic is None:
            logic = self.sessions[session_id] = SessionLogic(self.pipe, None)
            if len(self.sessions) > SESSIONS_KEPT:
                _, old = self.sessions.popitem(last=False)
                for item in old.on_eof()[0]:
                    self._downstream(item)
        else:
            self.sessions.move_to_end(session_id)
        return logic

    def _downstream(self, item: Decided | FollowUps | DeadLetter) -> None:
        if isinstance(item, DeadLetter):
            self.letters.append(item)
            return
        if isinstance(item, Decided):
            self.decisions += 1
            row = self.pipe.to_audit_row(item)
            if isinstance(row, DeadLetter):
                self.letters.append(row)
            encode_decision(item.decision)
            if not item.decision.alert:
                return
            self.reports += item.decision.decision == "report"
        for packaged in self.pipe.package([item]):
            if isinstance(packaged, DeadLetter):
                self.letters.append(packaged)
                continue
            for draft in self.pipe.draft(packaged):
                (self.letters if isinstance(draft, DeadLetter) else self.drafts).append(draft)  # type: ignore[arg-type]
            alert = self.pipe.alert(packaged)
            if isinstance(alert, DeadLetter):
                self.letters.append(alert)
            else:
                self.alerts += 1

    def finish(self) -> None:
        for logic in self.sessions.values():
            for item in logic.on_eof()[0]:
                self._downstream(item)


def _duplicates_dropped() -> float:
    """Events dropped as replays of an event id already seen (``tipline_duplicate_events``)."""
    return REGISTRY.get_sample_value("tipline_duplicate_events_total") or 0.0


def test_mutated_events_through_every_step_of_the_pipeline(tmp_path: Path) -> None:
    cfg, image = known_image_setup(tmp_path)
    flow = PureFlow(Pipeline(cfg))
    inputs = fuzz_inputs(image, PIPELINE_INPUTS, SEED)
    dropped_before = _duplicates_dropped()
    for n, value in enumerate(inputs, 1):
        flow.feed(n, value)
    flow.finish()
    TRIED["flow: pure pipeline, every step"] += len(inputs)

    audit_failures = sum(1 for d in flow.letters if d.stage == "audit-row")
    no_decision = [d for d in flow.letters if d.stage in NO_DECISION_STAGES]
    # a replayed event id is dropped before scoring (counted as a duplicate)
    dropped = _duplicates_dropped() - dropped_before
    assert flow.decisions - audit_failures + len(no_decision) + dropped == len(inputs)
    for letter in flow.letters:
        assert CANARY not in letter.error
    stages = Counter((d.stage, d.error_type) for d in flow.letters)
    after_decision = {k: n for k, n in stages.items() if k[0] not in NO_DECISION_STAGES}
    assert after_decision == {}, f"a step after the decision failed: {after_decision}"
    assert flow.reports > 0
    assert len(flow.drafts) == flow.reports
    for draft in flow.drafts:
        assert draft.status == "draft"
        validate_report_xml(draft.report_xml)
    assert flow.alerts >= flow.reports


def test_mutated_events_through_the_dataflow(tmp_path: Path) -> None:
    cfg, image = known_image_setup(tmp_path)
    values = fuzz_inputs(image, DATAFLOW_INPUTS, SEED + 1)
    records = [
        RawRecord(value=v, source=SourcePosition(kind="file", file="fuzz", line=n))
        for n, v in enumerate(values, 1)
    ]
    lake: list[Any] = []
    dropped_before = _duplicates_dropped()
    dead: list[DeadLetter] = []
    drafts: list[ReportDraft] = []
    outputs = OutputOverrides(
        lake=TestingSink(lake), dead_letters=TestingSink(dead), drafts=TestingSink(drafts)
    )
    run_main(
        build_flow(cfg, source=TestingSource(records), outputs=outputs, pipeline=Pipeline(cfg))
    )
    TRIED["flow: Bytewax dataflow (run_main)"] += len(values)

    no_decision = [d for d in dead if d.stage in NO_DECISION_STAGES]
    dropped = _duplicates_dropped() - dropped_before
    assert len(lake) + len(no_decision) + dropped == len(values)
    assert all(CANARY not in d.error for d in dead)
    assert all(d.status == "draft" for d in drafts)
