"""The decisions topic: one Kafka message per decision (the job's latency boundary).

Key = the session id (UTF-8), so every decision of a session lands on one
partition in order; value = the decision JSON exactly as
:func:`~tipline.schemas.decision.encode_decision` writes it (the line a replay
writes to ``decisions.jsonl``); header ``tipline-source-ts-ms`` = the input
record's timestamp in ms, when known, so latency can be read off the topic.

The producer is idempotent (``enable.idempotence``, ``acks=all``): a retry
inside one process neither duplicates nor reorders a partition. Across a
crash the job replays its input from the last snapshot and publishes those
decisions again: the topic is at-least-once, and a consumer dedupes by
``event_id`` (the lake feed does, see ``sinks/lake_feed.py``).
"""

from __future__ import annotations

from typing import Final

from bytewax.connectors.kafka import KafkaSinkMessage

from tipline.schemas.decision import Decision, encode_decision

SOURCE_TS_HEADER: Final = "tipline-source-ts-ms"


def decision_message(decision: Decision) -> KafkaSinkMessage[bytes, bytes]:
    """Build the Kafka message of one decision (module docs)."""
    ts = decision.source.timestamp_ms
    headers = [] if ts is None else [(SOURCE_TS_HEADER, str(ts).encode("ascii"))]
    return KafkaSinkMessage(
        key=decision.session_id.encode(), value=encode_decision(decision), headers=headers
    )
