"""Grooming detection: normalisation, age extraction, signals and the session scorer.

The flow uses :func:`compile_scorer` once and :func:`score_message` per
message in a stateful step keyed by ``session_id``; :func:`expires_at` tells
it when an idle session's state may be dropped.
"""

from tipline.operators.grooming.scorer import (
    Scorer,
    compile_scorer,
    expires_at,
    is_expired,
    score_message,
)
from tipline.operators.grooming.state import SessionState

__all__ = ["Scorer", "SessionState", "compile_scorer", "expires_at", "is_expired", "score_message"]
