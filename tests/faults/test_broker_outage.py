"""SIGTERM while the output broker is down (issue #13, fault 4).

Before the fix the alerts/dead-letter producer called ``flush()`` with no
timeout, so a stop took as long as the outage (70 s). Now, once SIGTERM
arrives, the producer waits at most ``kafka.flush_timeout_s``, says in one
line what it could not deliver, and exits without committing it; after
restart the messages are produced again.

Input comes from the shared broker; outputs (dead letters) go to a private
broker that this test stops and restarts.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from tests.faults.broker import PrivateBroker, private_broker
from tests.integration.kafka_util import consume_all, create_topic, produce, start_job, wait_for
from tests.integration.test_kafka_flow import POISON, events, topics_for, write_config
from tipline.sinks.stop import EXIT_TEMPFAIL

GRACE_S = 30.0  # the orchestrator's grace period (Kubernetes' default)
FLUSH_TIMEOUT_S = 3.0


def job_log(job: subprocess.Popen[bytes]) -> str:
    return Path(job.log_path).read_text(errors="replace")  # type: ignore[attr-defined]


def outage_config(tmp: Path, shared: str, broker: PrivateBroker, topics: dict[str, str]) -> Path:
    config = write_config(tmp, shared, topics, recovery="true")
    text = config.read_text()
    text = text.replace(
        'producer = { "linger.ms" = 1 }',
        f'producer = {{ "linger.ms" = 1, "bootstrap.servers" = "{broker.bootstrap}", '
        '"reconnect.backoff.max.ms" = 500 }\n'
        f"flush_timeout_s = {FLUSH_TIMEOUT_S}",
    )
    text = text.replace('[alerts]\nkind = "kafka"', '[alerts]\nkind = "none"')
    config.write_text(text)
    return config


def test_sigterm_during_broker_outage_stops_within_the_grace_period(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    broker = private_broker(tmp_path)
    topics = topics_for(unique_name)
    try:
        broker.start()
        create_topic(kafka_bootstrap, topics["in"], partitions=1)
        create_topic(broker.bootstrap, topics["dlq"], partitions=1)
        config = outage_config(tmp_path, kafka_bootstrap, broker, topics)
        produce(kafka_bootstrap, topics["in"], [*events(20), (b"poison-0", POISON[0])])
        job = start_job(config)
        try:
            # Healthy: the first dead letter reaches the private broker.
            assert consume_all(broker.bootstrap, topics["dlq"], expect=1, timeout=120)
            broker.stop()  # the outage
            produce(kafka_bootstrap, topics["in"], [*events(5), (b"poison-1", POISON[1])])
            wait_for(
                lambda: "not delivered after" in job_log(job),
                timeout=120,
                what="the producer to wait on the down broker",
                jobs=[job],
            )
            job.send_signal(signal.SIGTERM)
            job.wait(timeout=GRACE_S)  # raises TimeoutExpired if it hangs
        finally:
            if job.poll() is None:
                job.kill()
                job.wait()
        log = job_log(job)
        assert job.returncode == EXIT_TEMPFAIL, log[-3000:]
        errors = [line for line in log.splitlines() if line.startswith("error:")]
        assert len(errors) == 1, log[-3000:]
        assert "not delivered within kafka.flush_timeout_s" in errors[0]
        assert "panicked" not in log and "Traceback" not in log

        # After restart (broker back), the undelivered dead letter is produced again.
        broker.start()
        job = start_job(config)
        try:
            wait_for(
                lambda: _dlq_sources(broker, topics["dlq"]) >= 2,
                timeout=180,
                what="the undelivered dead letter to be re-sent",
                jobs=[job],
            )
        finally:
            job.send_signal(signal.SIGTERM)
            job.wait(timeout=GRACE_S)
    finally:
        broker.stop()


def _dlq_sources(broker: PrivateBroker, topic: str) -> int:
    """Distinct dead letters (by key: stage + source position) on the topic."""
    return len({k for k, _ in consume_all(broker.bootstrap, topic, timeout=5)})
