"""Evidence records: config, manifests, receipts, holds and custody events.

Invariants these types carry (docs/design.md 2-5):

- A manifest and a custody event hold ids, hashes, sizes, media types and
  timestamps only. Message text, media bytes and account details live only in
  encrypted items (invariant 4).
- Item hashes (SHA-256, SHA-1, MD5) are of the ORIGINAL bytes as received
  (invariant 3); ``ciphertext_sha256`` lets a verifier check the stored object
  even after the data key was destroyed.
- ``retain_until`` only grows: every custody event records the package's
  retention after it, and the current retention is the maximum over the log
  (invariant 5). Holds are a table folded from the custody log.
- Statutory periods below are configurable defaults; counsel confirms them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

import msgspec
from msgspec import Struct

from tipline.schemas.section import NonNegativeInt, PositiveFloat, PositiveInt, Section

EVIDENCE_RECEIPT_SCHEMA: Final = "tipline.evidence_receipt/1"
MANIFEST_SCHEMA: Final = "tipline.evidence_manifest/1"
SIGNATURE_SCHEMA: Final = "tipline.manifest_signature/1"
CUSTODY_EVENT_SCHEMA: Final = "tipline.custody_event/1"
CHECKPOINT_SCHEMA: Final = "tipline.custody_checkpoint/1"

ItemRole = Literal["attachment", "message", "context", "decision"]
ContextPosition = Literal["preceding", "following"]
Outcome = Literal["review", "report"]
Anchor = Literal["packaged", "submitted"]
Role = Literal["viewer", "exporter", "custodian", "destroyer", "submitter", "reviewer", "key_admin"]
CustodyAction = Literal[
    "packaged",
    "context_added",
    "viewed",
    "exported",
    "submitted",
    "hold_opened",
    "hold_extended",
    "hold_released",
    "destroyed",
    "rewrapped",
    "status_changed",
    "annotated",
    # The review console decrypted an image only to show a blurred greyscale
    # rendition: logged, but not a view of the file (fileViewedByEsp).
    "previewed",
]
Identity = Literal["os", "env"]

# ---------------------------------------------------------------- config


class RetentionRule(Section, frozen=True):
    """One preservation period that applies to packages of some jurisdictions.

    ``jurisdictions`` holds ISO 3166 alpha-2 codes, ``EU`` (every member
    state) or ``*`` (always). A package's jurisdictions are the configured
    home jurisdictions plus the countries of its sender and recipients.
    ``anchor`` is when the period starts: ``packaged`` or ``submitted`` (the
    CyberTipline submission; until it happens the packaging time stands in,
    which is earlier, so the later recomputation only ever extends).
    """

    name: str
    jurisdictions: list[str]
    outcomes: list[Outcome]
    days: PositiveInt
    anchor: Anchor = "packaged"


class HoldKind(Section, frozen=True):
    """A kind of preservation hold (e.g. an 18 U.S.C. 2703(f) request).

    ``days`` = 0 means an indefinite hold (litigation/legal hold, S3 legal-hold
    flag on); otherwise the hold runs ``days`` from opening and each renewal
    adds ``renew_days`` (0 = not renewable), at most ``max_renewals`` times
    (0 = unlimited).
    """

    name: str
    days: NonNegativeInt
    renew_days: NonNegativeInt = 0
    max_renewals: NonNegativeInt = 0


def _default_rules() -> list[RetentionRule]:
    return [
        RetentionRule(
            name="us-2258a-h",
            jurisdictions=["*"],
            outcomes=["report"],
            days=365,
            anchor="submitted",
        ),
        RetentionRule(name="uk-osa-s66", jurisdictions=["GB"], outcomes=["report"], days=365),
        RetentionRule(name="eu-2021-1232", jurisdictions=["EU"], outcomes=["report"], days=365),
        RetentionRule(name="internal-triage", jurisdictions=["*"], outcomes=["review"], days=30),
    ]


def _default_hold_kinds() -> list[HoldKind]:
    return [
        HoldKind(name="2703f", days=90, renew_days=90, max_renewals=1),
        HoldKind(name="legal", days=0),
    ]


class RetentionConfig(Section, frozen=True):
    """Jurisdiction-aware retention rules and the kinds of holds."""

    home_jurisdictions: list[str] = msgspec.field(default_factory=lambda: ["US"])
    rules: list[RetentionRule] = msgspec.field(default_factory=_default_rules)
    hold_kinds: list[HoldKind] = msgspec.field(default_factory=_default_hold_kinds)


class KeyConfig(Section, frozen=True):
    """Where keys come from. The keys themselves are never in the config file.

    ``provider`` picks the master-key provider (README "Key management"):

    - ``env``: ``master_key_env`` names an env var (or ``<NAME>_FILE``, a
      mounted secret) holding a base64 32-byte AES key that wraps every
      package data key; ``previous_master_keys_env`` holds older versions
      (comma-separated) still needed until ``tipline keys rewrap`` is done.
    - ``file``: versioned key files ``master-vNNNN.key`` under ``dev_key_dir``
      ("" = the vault path's sibling ``keys/``); ``tipline keys rotate``
      writes the next one.
    - ``kms``: the AWS KMS API (endpoint/region/credentials from the env vars
      named below); ``kms_alias`` points at the current master key.
    - ``auto`` (default): ``env`` when its variables are set, else ``file``
      with dev keys when ``allow_dev_keys`` is true.

    ``signing_key_env`` holds a base64 32-byte Ed25519 seed (else key files
    ``signing-vNNNN.key`` in the key dir); ``next_signing_key_env`` the next
    seed during an env signing-key rotation. Wrapped data keys live in a
    separate MUTABLE key store (``store``), because destroying one is the
    destruction path.
    """

    provider: Literal["auto", "env", "file", "kms"] = "auto"
    master_key_env: str = "TIPLINE_MASTER_KEY"
    previous_master_keys_env: str = "TIPLINE_MASTER_KEYS_PREVIOUS"
    signing_key_env: str = "TIPLINE_SIGNING_KEY"
    next_signing_key_env: str = "TIPLINE_SIGNING_KEY_NEXT"
    verify_keys_env: str = "TIPLINE_VERIFY_KEYS"
    allow_dev_keys: bool = True
    dev_key_dir: str = ""
    kms_alias: str = "alias/tipline-master"
    kms_endpoint_env: str = "KMS_ENDPOINT"
    kms_region_env: str = "KMS_REGION"
    kms_access_key_env: str = "KMS_ACCESS_KEY"
    kms_secret_key_env: str = "KMS_SECRET_KEY"  # noqa: S105 (an env var name)
    key_log_retention_days: PositiveInt = 3650
    store: Literal["local", "s3"] = "local"
    store_path: str = ""
    store_bucket: str = ""


class S3VaultConfig(Section, frozen=True):
    """The S3 Object Lock vault. Endpoint and credentials come from env vars.

    A call that cannot reach the server (or gets a transient 5xx) is retried
    up to ``retry_attempts`` times and ``retry_total_s`` seconds in all, each
    attempt bounded by ``timeout_s`` (connect and read); then the vault is
    unavailable: ``VaultUnavailableError``, one line, and the job stops so
    that recovery retries.
    """

    bucket: str = ""
    prefix: str = ""
    create_bucket: bool = False
    endpoint_env: str = "S3_ENDPOINT"
    access_key_env: str = "S3_ACCESS_KEY"
    secret_key_env: str = "S3_SECRET_KEY"  # noqa: S105 (an env var name)
    region_env: str = "S3_REGION"
    max_workers: PositiveInt = 8
    retry_attempts: PositiveInt = 5
    retry_total_s: PositiveFloat = 30.0
    timeout_s: PositiveFloat = 10.0


class CustodyConfig(Section, frozen=True):
    """Custody log: a signed checkpoint after every ``checkpoint_every`` events.

    Packaging, submission, hold changes and destruction are always checkpointed.
    """

    checkpoint_every: PositiveInt = 4


class ContextConfig(Section, frozen=True):
    """Bracketing context kept per session (sealed) and added to packages."""

    preceding_messages: NonNegativeInt = 50
    preceding_window_s: PositiveFloat = 24 * 3600.0
    following_messages: NonNegativeInt = 20
    following_window_s: PositiveFloat = 24 * 3600.0
    follow_batch: PositiveInt = 10
    follow_flush_s: PositiveFloat = 60.0
    max_buffer_bytes: PositiveInt = 256 * 1024


class AccessConfig(Section, frozen=True):
    """Who may read or destroy evidence: operator id -> roles.

    Reading bytes needs ``viewer`` (open to stdout-less view) or ``exporter``
    (write to a directory); holds need ``custodian``; key rotation, rewrap,
    revocation and retirement (``tipline keys``) need ``key_admin``; destroy needs
    ``destroyer``; recording a CyberTipline submission needs ``submitter``.
    Listing, showing metadata and verifying need no role (no content).
    """

    operators: dict[str, list[Role]] = {}
    operator_env: str = "TIPLINE_OPERATOR"


class EvidenceConfig(Section, frozen=True):
    """The evidence vault backend, where it lives, keys, retention and custody.

    Group commit (docs/evidence.md): ``group_packages`` cases per commit, made
    durable by ``syncfs(2)`` or by fsyncing every file and folder (``group_sync``).
    The flow packages on a background thread (``executor``, flows/evidence_step.py),
    and builds and stores report drafts on another: ``shards`` keys, at most
    ``max_in_flight`` batches waiting on each, finished batches collected every
    ``poll_ms``.
    """

    enabled: bool = True
    backend: Literal["local", "s3"] = "local"
    path: str = "out/demo/vault"
    group_packages: PositiveInt = 16
    group_sync: Literal["syncfs", "fsync"] = "syncfs"
    executor: Literal["background", "inline"] = "background"
    shards: PositiveInt = 8
    max_in_flight: PositiveInt = 8
    poll_ms: PositiveFloat = 2.0
    s3: S3VaultConfig = S3VaultConfig()
    keys: KeyConfig = KeyConfig()
    retention: RetentionConfig = RetentionConfig()
    custody: CustodyConfig = CustodyConfig()
    context: ContextConfig = ContextConfig()
    access: AccessConfig = AccessConfig()


# ---------------------------------------------------------------- manifest


class ItemCipher(Struct, frozen=True, kw_only=True):
    """How one item is stored: AES-256-GCM under the package data key."""

    alg: Literal["AES-256-GCM"] = "AES-256-GCM"
    nonce: str
    object_key: str
    ciphertext_sha256: str
    ciphertext_size: int


class ManifestItem(Struct, frozen=True, kw_only=True):
    """One packaged item: hashes of the original plaintext, and its ciphertext."""

    item_id: str
    role: ItemRole
    position: ContextPosition | None = None
    attachment_id: str | None = None
    event_id: str | None = None
    file_name: str | None = None
    media_type: str
    source_uri: str | None = None
    sent_at: datetime | None = None
    size_bytes: int
    sha256: str
    sha1: str
    md5: str
    pdq: str | None = None
    cipher: ItemCipher


class DecisionSummary(Struct, frozen=True, kw_only=True):
    """The decision in the manifest (content-free: reasons are signal names)."""

    outcome: str
    alert: bool
    reasons: list[str] = []
    report_type: str | None = None
    annotations: list[str] = []
    detector_version: str
    list_versions: dict[str, str] = {}
    decided_at: datetime


class WrappedKeyRef(Struct, frozen=True, kw_only=True):
    """Which master key wrapped the package's data key (never the key itself)."""

    master_key_id: str
    alg: str
    wrapped_sha256: str


class EvidenceManifest(Struct, frozen=True, kw_only=True):
    """The signed description of one package version (canonical JSON).

    Version 1 is written at packaging; each supplement (following context)
    writes version n+1 listing every earlier item plus the new ones and the
    SHA-256 of version n. Earlier objects are never rewritten.
    """

    schema: Literal["tipline.evidence_manifest/1"] = MANIFEST_SCHEMA
    package_id: str
    version: int
    previous_manifest_sha256: str | None = None
    event_id: str
    session_id: str
    platform: str | None = None
    sender_id: str
    recipient_ids: list[str]
    jurisdictions: list[str]
    sent_at: datetime
    created_at: datetime
    decision: DecisionSummary
    data_key: WrappedKeyRef
    items: list[ManifestItem]
    unavailable: dict[str, str] = {}


class ManifestSignature(Struct, frozen=True, kw_only=True):
    """An Ed25519 signature over a manifest's canonical bytes."""

    schema: Literal["tipline.manifest_signature/1"] = SIGNATURE_SCHEMA
    alg: Literal["Ed25519"] = "Ed25519"
    key_id: str
    manifest_sha256: str
    signature: str


# ---------------------------------------------------------------- receipts


class EvidenceItemRef(Struct, frozen=True, kw_only=True):
    """What a receipt says about one packaged item (hashes only, no content).

    ``role`` is ``attachment`` (original media), ``message`` (the triggering
    message), ``context`` (bracketing messages, supplemental) or ``decision``.
    """

    item_id: str
    role: str
    attachment_id: str | None = None
    event_id: str | None = None
    file_name: str | None = None
    media_type: str | None = None
    size_bytes: int
    sha256: str
    sha1: str
    md5: str
    pdq: str | None = None
    position: str | None = None


class EvidenceReceipt(Struct, frozen=True, kw_only=True):
    """Proof that a package is durably stored; downstream steps consume this.

    Alerts and report drafts are built from a receipt, never from a bare
    decision (invariant 2: evidence first).
    """

    schema: Literal["tipline.evidence_receipt/1"] = EVIDENCE_RECEIPT_SCHEMA
    package_id: str
    event_id: str
    session_id: str
    manifest_sha256: str
    location: str
    stored_at: datetime
    retain_until: datetime
    items: list[EvidenceItemRef] = []
    manifest_version: int = 1
    signing_key_id: str | None = None


# ---------------------------------------------------------------- custody


class HoldRecord(Struct, frozen=True, kw_only=True):
    """One row of a package's holds table (several clocks run at once)."""

    hold_id: str
    kind: str
    request_id: str
    agency: str | None = None
    opened_at: datetime
    expires_at: datetime | None = None
    renewals: int = 0
    released_at: datetime | None = None

    def is_open(self, now: datetime) -> bool:
        """Return True while the hold binds: not released and not expired."""
        if self.released_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now


class CustodyEvent(Struct, frozen=True, kw_only=True):
    """One leaf of a package's custody chain: who did what, when and why.

    ``prev_sha256`` is the SHA-256 of the previous event's canonical bytes
    (64 zeros for ``seq`` 0). ``retain_until`` is the package retention after
    this event. Never carries content: ``reason`` is an operator's case
    reference, ``details`` ids/hashes.
    """

    schema: Literal["tipline.custody_event/1"] = CUSTODY_EVENT_SCHEMA
    package_id: str
    seq: int
    prev_sha256: str
    at: datetime
    action: CustodyAction
    operator: str
    reason: str | None = None
    request_id: str | None = None
    item_ids: list[str] = []
    manifest_sha256: str | None = None
    hold: HoldRecord | None = None
    retain_until: datetime
    details: dict[str, str] = {}


class CustodyCheckpoint(Struct, frozen=True, kw_only=True):
    """A signed statement of a custody chain's head after event ``seq``."""

    schema: Literal["tipline.custody_checkpoint/1"] = CHECKPOINT_SCHEMA
    package_id: str
    seq: int
    head_sha256: str
    at: datetime
    key_id: str
    signature: str


# ---------------------------------------------------------------- role policy and vault checkpoints


class RolePolicy(Struct, frozen=True, kw_only=True):
    """Who holds which role, and how the caller's identity is established.

    ``identity = "os"``: the caller is the OS account running the command
    (``pwd.getpwuid(os.getuid())``; ``--operator`` may only repeat it).
    ``identity = "env"``: the caller is ``--operator`` or the env var named
    by ``evidence.access.operator_env`` (for deployments whose wrapper sets
    it from an authenticated session). Only effective when signed
    (:class:`SignedRolePolicy`) by a key pinned in the vault.
    """

    schema: Literal["tipline.role_policy/1"] = "tipline.role_policy/1"
    serial: int
    issued_at: datetime
    identity: Identity = "os"
    operators: dict[str, list[Role]] = {}


class SignedRolePolicy(Struct, frozen=True, kw_only=True):
    """A role policy and its Ed25519 signature (over its canonical bytes)."""

    policy: RolePolicy
    key_id: str
    signature: str


class TrustPin(Struct, frozen=True, kw_only=True):
    """The public keys a vault trusts to sign role policies (written once, WORM)."""

    schema: Literal["tipline.trust_pin/1"] = "tipline.trust_pin/1"
    pinned_at: datetime
    policy_keys: list[str]


class VaultEntry(Struct, frozen=True, kw_only=True):
    """One package as a vault checkpoint saw it (ids and hashes only)."""

    package_id: str
    events: int
    head_sha256: str
    manifest_version: int
    manifest_sha256: str


class VaultCheckpoint(Struct, frozen=True, kw_only=True):
    """A signed commitment to every package with its log head and newest manifest.

    ``root_sha256`` is the SHA-256 of the canonical bytes of ``entries``
    (sorted by package id); the signature covers seq, previous checkpoint,
    time, count and root.
    """

    schema: Literal["tipline.vault_checkpoint/1"] = "tipline.vault_checkpoint/1"
    seq: int
    prev_sha256: str
    at: datetime
    count: int
    root_sha256: str
    entries: list[VaultEntry]
    key_id: str
    signature: str
