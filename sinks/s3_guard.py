"""A boto3 S3 client behind a retry budget, whose outage is one clear error.

botocore's own retries are turned off where the client is built; this proxy
retries a call that could not reach the server (connection refused, reset,
timed out) or that the server answered with a transient 5xx/throttle code,
with exponential backoff, until ``attempts`` calls or ``total_s`` seconds are
used, whichever comes first. Then it raises
:class:`~tipline.schemas.errors.VaultUnavailableError` with one line that names the
endpoint, the operation and the budget — never a raw
``EndpointConnectionError`` with a traceback. Every vault and key-store write
is idempotent (conditional creates, same bytes), so retrying a whole call is
safe. Other client errors pass through unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any, Final

from botocore.exceptions import BotoCoreError, ClientError, ConnectionError, HTTPClientError

from tipline.schemas.errors import EvidenceError, VaultUnavailableError

_TRANSIENT_CODES: Final = frozenset(
    {
        "SlowDown",
        "ServiceUnavailable",
        "InternalError",
        "RequestTimeout",
        "500",
        "502",
        "503",
        "504",
    }
)
_FIRST_DELAY_S: Final = 0.1
_MAX_DELAY_S: Final = 2.0


class S3Budget:
    """How long an S3 call may keep retrying: at most ``attempts`` calls and ``total_s`` seconds."""

    def __init__(self, attempts: int, total_s: float) -> None:
        self.attempts = attempts
        self.total_s = total_s


class GuardedS3Client:
    """Proxy of a boto3 S3 client whose calls retry within a budget (module docs)."""

    def __init__(
        self,
        client: Any,
        *,
        endpoint: str,
        budget: S3Budget,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._endpoint = endpoint
        self._budget = budget
        self._clock = clock
        self._sleep = sleep

    @property
    def raw(self) -> Any:
        """The wrapped boto3 client."""
        return self._client

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._client, name)
        if name == "get_paginator":
            return lambda op: _GuardedPaginator(attr(op), self, op)
        if name.startswith("_") or not callable(attr) or name in {"meta", "exceptions"}:
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            return self.call(name, attr, *args, **kwargs)

        return call

    def call(self, name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call ``fn`` and retry transient failures within the budget."""
        started = self._clock()
        delay = _FIRST_DELAY_S
        attempt = 0
        while True:
            attempt += 1
            try:
                return fn(*args, **kwargs)
            except ClientError as exc:
                code = str(exc.response.get("Error", {}).get("Code", ""))
                if code not in _TRANSIENT_CODES:
                    raise
                cause = f"{code} from the server"
            except (ConnectionError, HTTPClientError) as exc:
                cause = type(exc).__name__
            except BotoCoreError as exc:
                msg = f"S3 endpoint {self._endpoint}: {name} failed ({type(exc).__name__})"
                raise EvidenceError(msg) from None
            elapsed = self._clock() - started
            left = self._budget.total_s - elapsed
            if attempt >= self._budget.attempts or left <= 0:
                raise self.unavailable(name, cause, attempt, elapsed)
            self._sleep(min(delay, left))
            delay = min(delay * 2, _MAX_DELAY_S)

    def unavailable(self, name: str, cause: str, attempts: int, elapsed: float) -> Exception:
        """Return the one-line error of an exhausted budget."""
        msg = (
            f"S3 endpoint {self._endpoint} unavailable: {name} failed {attempts} time(s) in "
            f"{elapsed:.1f} s ({cause}; budget evidence.s3.retry_attempts = "
            f"{self._budget.attempts}, retry_total_s = {self._budget.total_s:g})"
        )
        return VaultUnavailableError(msg)


class _GuardedPaginator:
    def __init__(self, paginator: Any, guard: GuardedS3Client, op: str) -> None:
        self._paginator = paginator
        self._guard = guard
        self._op = op

    def paginate(self, **kwargs: Any) -> Iterator[Any]:
        pages = iter(self._paginator.paginate(**kwargs))
        while True:
            try:
                page = self._guard.call(self._op, next, pages)
            except StopIteration:
                return
            yield page
