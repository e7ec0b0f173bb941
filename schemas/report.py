"""CyberTipline report drafts, their status, the submission log and the reports config.

A :class:`ReportDraft` is built from an evidence receipt (never from a bare
decision) and keyed by the evidence package id, so a replay yields the same
draft id and the drafts sink can stay idempotent.

Invariants:
    * A draft carries ids, hashes, account facts, timestamps and signal names;
      never message text or media (content stays in the vault). The
      conversation goes to NCMEC as a supplemental file read from the vault at
      submission time.
    * ``deadline`` = detection time + ``ReportsConfig.deadline_hours`` (an
      internal target; the statute says "as soon as reasonably possible").
    * Status changes follow :data:`ALLOWED_TRANSITIONS` and each one appends a
      :class:`StatusChange` to ``history``; history is never rewritten.
    * Credentials are never config values: the config names the environment
      variables that hold them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

import msgspec
from msgspec import Struct

from tipline.schemas.hashing import HashMatch
from tipline.schemas.section import NonNegativeFloat, PositiveFloat, PositiveInt, Section

REPORT_DRAFT_SCHEMA: Final = "tipline.report_draft/1"
SUBMISSION_LOG_SCHEMA: Final = "tipline.report_submission/1"

DraftStatus = Literal[
    "draft", "approved", "rejected", "submitted", "finished", "retracted", "failed"
]
FileRelevance = Literal["Reported", "Supplemental Reported"]
Severity = Literal["required", "recommended"]
SubmissionAction = Literal["status", "submit", "upload", "fileinfo", "finish", "retract"]

ALLOWED_TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    "draft": frozenset({"approved", "rejected"}),
    "approved": frozenset({"submitted", "failed", "rejected"}),
    "rejected": frozenset(),
    "submitted": frozenset({"finished", "retracted", "failed"}),
    "failed": frozenset({"submitted", "retracted"}),
    "retracted": frozenset({"submitted"}),
    "finished": frozenset(),
}


# ---------------------------------------------------------------- config


class PersonConfig(Section, frozen=True):
    """A named person at the reporting company (reporter/contact)."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""


class ReporterConfig(Section, frozen=True):
    """The ``reporter`` block of every report: who files it for the ESP."""

    reporting_person: PersonConfig = PersonConfig()
    contact_person: PersonConfig = PersonConfig()
    company_template: str = ""
    terms_of_service: str = ""
    legal_url: str = ""


class ReportsConfig(Section, frozen=True):
    """Report drafting and CyberTipline submission (see the ``[reports]`` block)."""

    enabled: bool = True
    path: str = "out/demo/reports"
    cases_path: str = ""
    deadline_hours: PositiveFloat = 24.0
    esp_service: str = "example-chat"
    profile_url_template: str = ""
    publicly_available: bool = False
    escalate_signals: list[str] = msgspec.field(
        default_factory=lambda: ["meeting_request", "threats_coercion"]
    )
    reporter: ReporterConfig = ReporterConfig()
    environment: Literal["test", "production"] = "test"
    api_base_url_test: str = "https://exttest.cybertip.org/ispws"
    api_base_url_production: str = "https://report.cybertip.org/ispws"
    api_base_url_override: str = ""
    username_env: str = "TIPLINE_NCMEC_USER"
    password_env: str = "TIPLINE_NCMEC_PASSWORD"  # noqa: S105 - a variable name, not a secret
    timeout_s: PositiveFloat = 30.0
    max_attempts: PositiveInt = 4
    backoff_initial_s: NonNegativeFloat = 1.0
    backoff_max_s: NonNegativeFloat = 30.0
    auto_submit_approved: bool = False

    def cases_dir(self) -> str:
        """Return where review cases live: ``cases_path``, or ``cases/`` beside ``path``."""
        if self.cases_path:
            return self.cases_path
        parent = self.path.rstrip("/").rpartition("/")[0]
        return f"{parent}/cases" if parent else "cases"

    def api_base_url(self) -> str:
        """Return the endpoint base: the override if set, else the selected environment's."""
        if self.api_base_url_override:
            return self.api_base_url_override.rstrip("/")
        if self.environment == "production":
            return self.api_base_url_production.rstrip("/")
        return self.api_base_url_test.rstrip("/")


# ---------------------------------------------------------------- draft records


class Viewer(Struct, frozen=True, kw_only=True):
    """A person at the ESP who viewed an evidence item (from the custody log)."""

    actor: str
    at: datetime
    reason: str | None = None


class StatusChange(Struct, frozen=True, kw_only=True):
    """One entry of a draft's history."""

    at: datetime
    status: DraftStatus
    actor: str
    note: str | None = None


class MissingField(Struct, frozen=True, kw_only=True):
    """A report field the reviewer may need to supply.

    ``required`` blocks approval; ``recommended`` makes a report more
    actionable (DOMAIN §2) but does not block it.
    """

    path: str
    severity: Severity
    hint: str


class TimelineEntry(Struct, frozen=True, kw_only=True):
    """One message of the session as the reviewer page shows it (no text)."""

    message_id: str
    sender_id: str | None = None
    sent_at: datetime | None = None
    signals: list[str] = []
    weight: float = 0.0
    trigger: bool = False


class AccountFacts(Struct, frozen=True, kw_only=True):
    """Account and network facts of one participant (no content)."""

    role: Literal["reported", "victim", "recipient"]
    user_id: str
    screen_name: str | None = None
    display_name: str | None = None
    email: str | None = None
    phone: str | None = None
    created_at: datetime | None = None
    declared_age: int | None = None
    age_verified: bool | None = None
    country: str | None = None
    prior_actions: list[str] = []
    ip: str | None = None
    port: int | None = None


class FileDraft(Struct, frozen=True, kw_only=True):
    """What the ``fileDetails`` of one evidence item will say.

    ``details_xml`` is a preview rendered with placeholder report/file ids;
    the exact XML sent is kept in the submission log.
    """

    item_id: str
    role: str
    relevance: FileRelevance
    file_name: str
    original_file_name: str | None = None
    media_type: str | None = None
    size_bytes: int
    sha256: str
    sha1: str
    md5: str
    pdq: str | None = None
    uploaded_to_esp_at: datetime | None = None
    upload_ip: str | None = None
    upload_port: int | None = None
    publicly_available: bool = False
    industry_classification: str | None = None
    viewed_by: list[Viewer] = []
    matches: list[HashMatch] = []
    additional_info: str | None = None
    details_xml: str = ""


class ReportDraft(Struct, frozen=True, kw_only=True):
    """One CyberTipline report draft; ``draft_id`` is the evidence package id."""

    schema: Literal["tipline.report_draft/1"] = REPORT_DRAFT_SCHEMA
    draft_id: str
    package_id: str
    event_id: str
    session_id: str
    manifest_sha256: str
    status: DraftStatus = "draft"
    incident_type: str
    annotations: list[str] = []
    escalate: str | None = None
    incident_at: datetime
    detected_at: datetime
    deadline: datetime
    created_at: datetime
    reasons: list[str] = []
    session_score: float | None = None
    session_stage: str | None = None
    report_xml: str
    files: list[FileDraft] = []
    accounts: list[AccountFacts] = []
    timeline: list[TimelineEntry] = []
    missing: list[MissingField] = []
    reviewer: str | None = None
    ncmec_report_id: str | None = None
    history: list[StatusChange] = []

    def blocking_missing(self) -> list[MissingField]:
        """Return the missing fields that block approval."""
        return [m for m in self.missing if m.severity == "required"]


class SubmissionLogEntry(Struct, frozen=True, kw_only=True):
    """One request to the CyberTipline API, kept permanently with the draft.

    ``request_xml`` is the exact XML document sent (report or fileDetails);
    it is part of what 2258A(h) asks to preserve.
    """

    schema: Literal["tipline.report_submission/1"] = SUBMISSION_LOG_SCHEMA
    at: datetime
    draft_id: str
    attempt: int
    action: SubmissionAction
    request_id: str
    response_code: int | None = None
    http_status: int | None = None
    ncmec_report_id: str | None = None
    item_id: str | None = None
    file_id: str | None = None
    md5_ours: str | None = None
    md5_ncmec: str | None = None
    request_xml: str | None = None
    error: str | None = None


_DRAFT_ENC: Final = msgspec.json.Encoder()
_DRAFT_DEC: Final = msgspec.json.Decoder(ReportDraft)
_LOG_DEC: Final = msgspec.json.Decoder(SubmissionLogEntry)


def encode_draft(draft: ReportDraft) -> bytes:
    """Encode a draft as pretty JSON (UTF-8)."""
    return msgspec.json.format(_DRAFT_ENC.encode(draft), indent=2)


def decode_draft(raw: bytes) -> ReportDraft:
    """Decode one draft JSON document."""
    return _DRAFT_DEC.decode(raw)


def encode_log_entry(entry: SubmissionLogEntry) -> bytes:
    """Encode one submission-log entry as a JSON line (without newline)."""
    return _DRAFT_ENC.encode(entry)


def decode_log_entry(raw: bytes) -> SubmissionLogEntry:
    """Decode one submission-log JSON line."""
    return _LOG_DEC.decode(raw)
