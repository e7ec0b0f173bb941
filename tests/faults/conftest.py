"""Fault-injection suite: real Kafka, real S3, real (tiny) disks.

Reuses the integration fixtures (``kafka_bootstrap``, ``s3_env``,
``unique_name``); every test here is marked ``faults`` (``pytest -m faults``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.conftest import kafka_bootstrap, s3_env, unique_name

__all__ = ["kafka_bootstrap", "s3_env", "unique_name"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``faults`` (and ``integration``)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.faults)
            item.add_marker(pytest.mark.integration)
