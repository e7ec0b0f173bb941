"""Per-event versus systemic failures of flow steps: the pure classification.

The flow's :class:`~tipline.services.failures.FailureTracker` applies it.

One crafted event must never stop the job, and a fault of the job's own
storage or keys must stop it (so that recovery retries from the last
snapshot). Every step that works on one event catches what it raises and asks
:meth:`FailureTracker.letter` what to do:

=================================================  ===========  ==============================
exception                                          kind         outcome
=================================================  ===========  ==============================
``OSError`` (disk full, EIO, permission on our     systemic     re-raised: Bytewax stops,
own storage), ``MemoryError``                                   recovery resumes
``VaultWriteError`` (vault unreachable after its   systemic     re-raised
retries), ``AccessDeniedError``,
``VerificationError``, ``RetentionError``
``ConfigError`` (bad keys, missing lists),         systemic     re-raised
``cryptography`` ``InvalidTag`` / ``InvalidKey``
(bad keys), ``botocore`` / ``boto3`` errors
:class:`SystemicFailure` (circuit breaker below)   systemic     re-raised
``InputError`` (decode), ``FetchError``,           per-event    dead letter tagged with the
``ReportError``, other ``EvidenceError`` (bytes                 step; the flow goes on
differ from first touch, bad decision)
any other ``Exception`` from one event             per-event    dead letter; counted by the
(a bug that one input exposes)                                  breaker
=================================================  ===========  ==============================

Circuit breaker: a bug that fails *every* event is not bad data. After
:data:`BREAKER_LIMIT` consecutive unexpected (non-``TiplineError``) failures
in one step, with no success in between, the step raises
:class:`SystemicFailure` and the job stops.

Dead-letter reasons never quote content: a ``TiplineError`` message keeps its
text with every quoted value replaced by ``<value>``; any other exception is
named by its type only.
"""

from __future__ import annotations

import re
from typing import Final

from cryptography.exceptions import InvalidKey, InvalidTag

from tipline.schemas.errors import (
    AccessDeniedError,
    ConfigError,
    RetentionError,
    TiplineError,
    VaultWriteError,
    VerificationError,
)

BREAKER_LIMIT: Final = 100
MAX_REASON: Final = 300


class SystemicFailure(TiplineError):
    """A step failed in a way no single event explains; the job must stop."""


_SYSTEMIC: Final = (
    SystemicFailure,
    OSError,
    MemoryError,
    ConfigError,
    VaultWriteError,
    AccessDeniedError,
    VerificationError,
    RetentionError,
    InvalidTag,
    InvalidKey,
)
_SYSTEMIC_MODULES: Final = ("botocore.", "boto3.", "urllib3.")
_QUOTED: Final = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def is_systemic(exc: BaseException) -> bool:
    """Return True if ``exc`` is a fault of the job (storage, keys, services), not of one event."""
    if isinstance(exc, _SYSTEMIC):
        return True
    return type(exc).__module__.startswith(_SYSTEMIC_MODULES)


def reason_of(exc: BaseException) -> str:
    """Return a dead-letter reason for ``exc`` that never quotes content."""
    if isinstance(exc, TiplineError):
        text = _QUOTED.sub("<value>", str(exc)).replace("\n", " ")
        text = "".join(c if c.isprintable() else "?" for c in text)
        return text[:MAX_REASON] or type(exc).__name__
    return f"unexpected {type(exc).__name__} (message withheld: it may quote content)"
