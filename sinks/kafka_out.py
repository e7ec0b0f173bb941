"""Kafka output (alerts, dead letters) whose waits are bounded and interruptible.

Bytewax's ``KafkaSink`` calls ``producer.flush()`` with no timeout after every
batch, so with the broker down a batch waits forever and SIGTERM cannot stop
the job. This sink waits for delivery in short slices instead:

* Running: a batch returns only once every message is delivered (so no epoch
  is committed past an undelivered alert: at-least-once). While the broker is
  unreachable the job waits (backpressure) and logs one line after
  ``kafka.flush_timeout_s``.
* Stopping (SIGTERM/SIGINT, see :func:`request_stop`): the wait is bounded by
  ``kafka.flush_timeout_s``. Messages still undelivered then are reported in
  one line and the process exits with status 75 without committing them;
  their input offsets were not committed, so after restart they are produced
  again (the topic is at-least-once; consumers dedupe on the message key).
* A message librdkafka gives up on (``message.timeout.ms``) stops the job the
  same way, so recovery re-sends it instead of losing it.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Mapping
from typing import Any, Final

from bytewax.connectors.kafka import KafkaSinkMessage
from bytewax.outputs import DynamicSink, StatelessSinkPartition

from tipline.schemas.config import TiplineConfig
from tipline.schemas.errors import ConfigError
from tipline.sinks.stop import exit_now

log = logging.getLogger(__name__)

_SLICE_S: Final = 0.2
_STOP: Final = threading.Event()
IDEMPOTENT: Final = {"enable.idempotence": "true", "acks": "all"}
"""Producer properties that make retries neither duplicate nor reorder a partition."""


def request_stop() -> None:
    """Ask every producer to stop waiting within its bound (the runner's signal handler)."""
    _STOP.set()


def stop_requested() -> bool:
    """Whether a stop was asked for."""
    return _STOP.is_set()


class _Partition(StatelessSinkPartition[KafkaSinkMessage[bytes | None, bytes | None]]):
    def __init__(self, producer: Any, topic: str, flush_timeout_s: float) -> None:
        self._producer = producer
        self._topic = topic
        self._timeout = flush_timeout_s
        self._failed: list[str] = []
        self._stop_since: float | None = None

    def _delivered(self, err: Any, msg: Any) -> None:
        del msg
        if err is not None:
            self._failed.append(str(err.name() or err.str()))

    def write_batch(self, items: list[KafkaSinkMessage[bytes | None, bytes | None]]) -> None:
        interrupted = False
        for msg in items:
            interrupted |= self._produce(msg)
        interrupted |= self._drain()
        if interrupted:
            # Every message of the batch is delivered: hand the interrupt back to
            # the engine, which stops at its next signal check ("signal received").
            signal.raise_signal(signal.SIGINT)

    def close(self) -> None:
        self._drain(stopping=True)

    def _produce(self, msg: KafkaSinkMessage[bytes | None, bytes | None]) -> bool:
        interrupted = False
        while True:
            try:
                self._producer.produce(
                    topic=msg.topic or self._topic,
                    value=msg.value,
                    key=msg.key,
                    headers=msg.headers,
                    on_delivery=self._delivered,
                )
                break
            except BufferError:  # the local queue is full: wait for deliveries
                interrupted |= self._wait_slice()
                self._check_stop_bound(time.monotonic())
        self._producer.poll(0)
        return interrupted

    def _wait_slice(self) -> bool:
        try:
            self._producer.poll(_SLICE_S)
        except KeyboardInterrupt:
            _STOP.set()
            return True
        return False

    def _drain(self, *, stopping: bool = False) -> bool:
        """Wait until every queued message is delivered; bounded once a stop is asked."""
        interrupted = False
        started = time.monotonic()
        warned = False
        self._stop_since = started if stopping or _STOP.is_set() else None
        while True:
            try:
                left = self._producer.flush(_SLICE_S)
            except KeyboardInterrupt:
                _STOP.set()
                interrupted = True
                left = len(self._producer)
            self._check_failures()
            if left == 0:
                return interrupted
            now = time.monotonic()
            self._check_stop_bound(now)
            if not warned and now - started >= self._timeout:
                warned = True
                log.warning(
                    "kafka producer: %d message(s) to %s not delivered after %.0f s "
                    "(broker unreachable?); waiting",
                    left,
                    self._topic,
                    self._timeout,
                )

    def _check_stop_bound(self, now: float) -> None:
        if not _STOP.is_set():
            return
        since = self._stop_since
        if since is None:
            since = self._stop_since = now
        if now - since >= self._timeout:
            left = len(self._producer)
            exit_now(
                f"kafka producer: {left} message(s) to {self._topic} not delivered within "
                f"kafka.flush_timeout_s = {self._timeout:g} s of the stop; exiting without "
                "committing them, they are produced again after restart"
            )

    def _check_failures(self) -> None:
        if self._failed:
            reasons = sorted(set(self._failed))
            exit_now(
                f"kafka producer: {len(self._failed)} message(s) to {self._topic} failed "
                f"delivery ({', '.join(reasons)[:200]}); stopping without committing them, "
                "they are produced again after restart"
            )


class BoundedKafkaSink(DynamicSink[KafkaSinkMessage[bytes | None, bytes | None]]):
    """Produce ``KafkaSinkMessage`` items to ``topic``; every wait is bounded (module docs).

    ``config`` holds librdkafka properties; a ``bootstrap.servers`` there
    overrides ``brokers``.
    """

    def __init__(
        self,
        brokers: list[str],
        topic: str,
        *,
        config: Mapping[str, str] | None = None,
        flush_timeout_s: float = 10.0,
    ) -> None:
        self._config = {"bootstrap.servers": ",".join(brokers), **(config or {})}
        self._topic = topic
        self._timeout = flush_timeout_s

    def build(self, step_id: str, worker_index: int, worker_count: int) -> _Partition:
        """Build one worker's producer."""
        from confluent_kafka import Producer  # noqa: PLC0415

        return _Partition(Producer(dict(self._config)), self._topic, self._timeout)


def kafka_config(cfg: TiplineConfig, role: str, env: Mapping[str, str]) -> dict[str, str]:
    """Librdkafka properties for a ``consumer`` or ``producer``; secrets from ``env``."""
    extra = cfg.kafka.consumer if role == "consumer" else cfg.kafka.producer
    merged = {**cfg.kafka.settings, **extra}
    props = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in merged.items()}
    for prop, var in cfg.kafka.secret_env.items():
        value = env.get(var)
        if value is None:
            msg = f"kafka.secret_env: ${var} (for {prop!r}) is not set"
            raise ConfigError(msg)
        props[prop] = value
    return props


def producer_sink(
    cfg: TiplineConfig,
    topic: str,
    env: Mapping[str, str],
    *,
    forced: Mapping[str, str] | None = None,
) -> BoundedKafkaSink:
    """Return a Kafka output whose waits are bounded by ``kafka.flush_timeout_s`` on stop.

    ``forced`` properties (e.g. :data:`IDEMPOTENT`) win over the configured ones.
    """
    return BoundedKafkaSink(
        cfg.kafka.brokers,
        topic,
        config={**kafka_config(cfg, "producer", env), **(forced or {})},
        flush_timeout_s=cfg.kafka.flush_timeout_s,
    )
