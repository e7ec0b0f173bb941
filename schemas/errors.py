"""The one exception hierarchy of tipline.

Bad *data* is dead-lettered or recorded as a verdict; a broken invariant (a bug)
raises and crashes the job so that recovery resumes it. Messages quote the bad
value (never message content) and say what was expected.

    TiplineError
    ├── ConfigError            a config key or value is wrong (fails at start)
    ├── InputError             one input record is bad → dead letter
    │   ├── EventDecodeError   not JSON, or breaks a contract rule
    │   └── HashListError      a hash-list line is malformed
    ├── FetchError             an attachment could not be fetched/decoded → verdict
    ├── EvidenceError          the evidence vault refused or failed an operation
    │   ├── VaultWriteError    a package could not be made durable
    │   ├── RetentionError     an operation would shorten retention / delete locked data
    │   ├── AccessDeniedError  an operator identity lacks the role for a command
    │   └── VerificationError  a recomputed hash, signature or chain link differs
    ├── ReportError            a report draft is invalid or a submission failed
    │   └── SubmissionError    the CyberTipline endpoint answered with an error
    └── CaseError              a review case does not exist or refuses a transition
"""

from __future__ import annotations


class TiplineError(Exception):
    """Base class of every error tipline raises on purpose."""


class ConfigError(TiplineError):
    """A config file key or value is invalid; raised at start."""


class InputError(TiplineError):
    """One input record is bad; it goes to the dead-letter output."""


class EventDecodeError(InputError):
    """A message event is not JSON or breaks a rule of docs/contract.md §1."""


class HashListError(InputError):
    """A hash-list entry is malformed."""


class FetchError(TiplineError):
    """An attachment could not be fetched or decoded within limits."""


class EvidenceError(TiplineError):
    """The evidence vault refused or failed an operation."""


class VaultWriteError(EvidenceError):
    """An evidence package could not be made durable."""


class RetentionError(EvidenceError):
    """An operation would shorten retention or delete locked evidence."""


class AccessDeniedError(EvidenceError):
    """The operator identity lacks the role a command needs."""


class VerificationError(EvidenceError):
    """A recomputed hash, signature or custody-chain link does not match."""


class ReportError(TiplineError):
    """A report draft is invalid or could not be submitted."""


class SubmissionError(ReportError):
    """The CyberTipline endpoint answered with an error code."""


class CaseError(TiplineError):
    """A review case does not exist, or refuses a status change."""
