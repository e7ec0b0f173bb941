"""Start-up checks against the Kafka cluster (admin client)."""

from __future__ import annotations

import logging
from typing import Any

from tipline.schemas.config import TiplineConfig
from tipline.schemas.errors import ConfigError, UnavailableError

_QUIET = logging.getLogger("tipline.librdkafka")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False


def check_input_topics(
    cfg: TiplineConfig, timeout_s: float = 15.0, *, key: str = "input.topics"
) -> None:
    """Fail at start, in one line, when a configured input topic does not exist.

    ``key`` names the setting in the message (the lake feed reads ``decisions.topic``).

    Raises:
        UnavailableError: the brokers do not answer (exit 3: retry, not a config fault).
        ConfigError: a topic is missing.

    """
    if cfg.input.kind != "kafka":
        return
    from confluent_kafka import KafkaException  # noqa: PLC0415
    from confluent_kafka.admin import AdminClient  # noqa: PLC0415

    # librdkafka logs every failed connection to stderr; route them to a
    # silent logger so an unreachable broker is reported in one line.
    settings: dict[str, Any] = {"bootstrap.servers": ",".join(cfg.kafka.brokers), "logger": _QUIET}
    admin = AdminClient(settings)
    try:
        topics = admin.list_topics(timeout=timeout_s).topics
    except KafkaException as exc:
        msg = f"kafka.brokers {cfg.kafka.brokers}: no answer within {timeout_s:.0f} s"
        raise UnavailableError(msg) from exc
    missing = [t for t in cfg.input.topics if t not in topics]
    if missing:
        msg = f"{key}: {missing} do not exist on {cfg.kafka.brokers}"
        raise ConfigError(msg)
