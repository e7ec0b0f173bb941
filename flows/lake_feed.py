"""The lake feed's dataflow (``tipline lake-feed``): decisions topic → audit lake.

    decisions-in → decode-decision ─bad→ dead letters (stage ``lake-feed``)
                        │ok
                   key-by-session → drop-replayed (recent event ids, snapshotted)
                        → audit-row → audit-lake (Parquet, files of ``roll_seconds``)

Run in a process of its own beside the job when ``lake.feed = "decisions"``,
with the config from :func:`~tipline.services.lake_feed.lake_feed_config`.
Exactly once across a SIGKILL of the job or of the feed: see
``services/lake_feed.py``.
"""

from __future__ import annotations

from typing import Any, TypeGuard

import bytewax.operators as op
from bytewax.dataflow import Dataflow, Stream
from bytewax.inputs import Source
from bytewax.outputs import Sink

from tipline.flows.kafka_io import to_raw_record
from tipline.flows.main import configured_source
from tipline.flows.outputs import write_dead_letters, write_lake
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.decision import Decision
from tipline.services.lake_feed import LakeFeed
from tipline.services.metrics import METRICS
from tipline.sinks.lake_feed import DropReplayed


def build_lake_feed(
    cfg: TiplineConfig,
    *,
    feed: LakeFeed | None = None,
    source: Source[Any] | None = None,
    lake: Sink[Any] | None = None,
    dead_letters: Sink[Any] | None = None,
) -> Dataflow:
    """Build the feed for a config already derived by ``lake_feed_config``.

    ``source`` replaces the decisions topic, ``lake`` and ``dead_letters`` the
    configured outputs (tests).
    """
    work = feed or LakeFeed(cfg)
    flow = Dataflow(cfg.job.name)
    raw = op.input("decisions-in", flow, source or configured_source(cfg, work.env))
    decoded = op.map(
        "decode-decision", raw, lambda i: work.decode(to_raw_record(i, work.clock.now()))
    )
    split = op.branch("split-bad-decisions", decoded, _is_decision)
    keyed = op.key_on("key-by-session", split.trues, lambda d: d.session_id)
    fresh = op.stateful(
        "drop-replayed",
        keyed,
        lambda resume: DropReplayed(
            resume,
            limit=cfg.input.dedupe_ids_per_session,
            keep_s=cfg.grooming.idle_evict_s,
            clock=work.clock,
            on_duplicate=METRICS.duplicates.inc,
        ),
    )
    rows = op.branch("split-bad-rows", op.map_value("audit-row", fresh, work.row), _row_ok)
    write_lake("audit-lake", rows.trues, cfg, lake)
    bad_rows = op.map("bad-row-unkey", rows.falses, lambda kv: kv[1])
    letters: Stream[DeadLetter] = op.merge("all-dead-letters", split.falses, bad_rows)
    write_dead_letters(
        "dead-letters",
        letters,
        cfg,
        dead_letters,
        work.seal,
        env=work.env,
        name="lake-feed-dead-letters",
    )
    return flow


def _is_decision(item: Decision | DeadLetter) -> TypeGuard[Decision]:
    return isinstance(item, Decision)


def _row_ok(kv: tuple[str, object]) -> bool:
    return not isinstance(kv[1], DeadLetter)
