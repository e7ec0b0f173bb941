"""The config schema: one TOML file decoded into typed, frozen sections.

Every knob lives in the TOML file; secrets come from the environment only and
are never fields here. A bad key or value fails at start with one line that
names the key path and what was expected (:func:`load_config`). Each operator
receives only its own section.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, Literal

import msgspec

from tipline.schemas.config_hints import convert_hint, normalise_aliases
from tipline.schemas.errors import ConfigError
from tipline.schemas.evidence import EvidenceConfig
from tipline.schemas.grooming import DecisionConfig, GroomingConfig
from tipline.schemas.hashing import HashingConfig
from tipline.schemas.report import ReportsConfig
from tipline.schemas.section import (
    NonNegativeFloat,
    NonNegativeInt,
    Port,
    PositiveFloat,
    PositiveInt,
    Section,
)


class JobConfig(Section, frozen=True):
    """Identity of the running job.

    ``profile = "production"`` fails closed: the config is refused without
    hash lists, an explicit ``hashing.file_roots``, recovery on, dev keys
    off and operators to sign into the role policy; ``tipline run`` also
    refuses dev keys and a vault without a signed role policy.
    """

    name: str = "tipline"
    profile: Literal["dev", "production"] = "dev"
    esp_service: str = "example-chat"
    detector_version: str = "tipline-0.1.0"
    workers: PositiveInt = 1
    gc_freeze_interval_s: NonNegativeFloat = 5.0
    gc_full_collect_s: PositiveFloat = 900.0


class KafkaConnection(Section, frozen=True):
    """How to reach the Kafka cluster. Credentials come from the environment.

    ``settings`` are librdkafka properties for every client, ``consumer`` and
    ``producer`` for one kind only (documented in the README). ``secret_env``
    maps a property to the NAME of the environment variable holding its value
    (e.g. ``"sasl.password" = "KAFKA_SASL_PASSWORD"``); secrets never go in
    the file. ``flush_timeout_s`` bounds how long a stop waits for the
    producers (alerts, dead letters) to deliver; see ``sinks/kafka_out.py``.
    """

    brokers: list[str] = msgspec.field(default_factory=lambda: ["127.0.0.1:9092"])
    settings: dict[str, str | int | float | bool] = {}
    consumer: dict[str, str | int | float | bool] = {}
    producer: dict[str, str | int | float | bool] = {}
    secret_env: dict[str, str] = {}
    flush_timeout_s: PositiveFloat = 10.0


class InputConfig(Section, frozen=True):
    """Where message events come from: JSONL files or Kafka topics.

    ``dedupe_ids_per_session``: how many recent ``event_id``s each session
    remembers (in its snapshotted state) so that a replayed event is dropped
    before scoring: no second decision, lake row, alert or follow-up (0: off).
    """

    kind: Literal["jsonl", "kafka"] = "jsonl"
    path: str = "demo-data/events"
    topics: list[str] = msgspec.field(default_factory=lambda: ["tipline.messages"])
    starting_offset: Literal["beginning", "end"] = "beginning"
    batch_size: PositiveInt = 500
    max_record_bytes: PositiveInt = 8 * 1024 * 1024
    dedupe_ids_per_session: NonNegativeInt = 10_000


class DeadLetterConfig(Section, frozen=True):
    """Where rejected records go: a JSONL file directory or a Kafka topic."""

    kind: Literal["file", "kafka"] = "file"
    path: str = "out/demo"
    topic: str = "tipline.dead-letters"


class AlertsConfig(Section, frozen=True):
    """Where alerts for moderation tooling go (ids and scores only)."""

    kind: Literal["file", "kafka", "none"] = "file"
    path: str = "out/demo"
    topic: str = "tipline.alerts"


class DecisionsConfig(Section, frozen=True):
    """Where every decision is published: the job's latency boundary.

    ``kind = "kafka"``: one message per decision on ``topic`` (key = session id,
    value = the decision JSON, idempotent producer); ``"jsonl"``:
    ``path``/decisions.jsonl; ``"none"``: nowhere (the lake still gets rows).
    """

    kind: Literal["none", "jsonl", "kafka"] = "jsonl"
    topic: str = "tipline.decisions"
    path: str = "out/demo/decisions"


class LakeConfig(Section, frozen=True):
    """The Parquet audit lake: one row per decision, partitioned by event date.

    ``feed = "inline"``: the job writes it; ``"decisions"``: the job writes no
    lake and ``tipline lake-feed`` fills it from the decisions topic.
    """

    feed: Literal["inline", "decisions"] = "inline"
    path: str = "out/demo/lake"
    shards: PositiveInt = 2
    roll_rows: PositiveInt = 50_000
    roll_seconds: PositiveFloat = 60.0
    compression: Literal["zstd", "snappy", "none"] = "zstd"
    write_retry_s: PositiveFloat = 30.0


class RecoveryConfig(Section, frozen=True):
    """Bytewax recovery (SQLite partitions) and snapshot cadence."""

    enabled: bool = False
    path: str = "out/demo/recovery"
    partitions: PositiveInt = 1
    snapshot_interval_s: PositiveFloat = 10.0
    backup_interval_s: NonNegativeFloat = 0.0


class MetricsConfig(Section, frozen=True):
    """Prometheus endpoints (0 disables each), health probes, progress lines.

    ``port`` serves tipline's counters and histograms (and Bytewax's Python
    metrics) on ``host`` (``0.0.0.0`` to let Prometheus scrape a container),
    with ``/healthz`` (503 when an input partition has not been polled for
    ``stall_after_s``) and ``/readyz``; ``drafts_scan_s`` is how often the
    job counts pending and overdue report drafts for the deadline gauges;
    ``progress_interval_s`` how often a progress line is logged when stderr
    is not a terminal. ``dataflow_api_port`` turns on Bytewax's own dataflow
    API, whose ``/metrics`` adds the engine's per-step metrics and
    ``/dataflow`` the graph.
    """

    port: Port = 0
    host: str = "127.0.0.1"
    dataflow_api_port: Port = 0
    stall_after_s: PositiveFloat = 300.0
    drafts_scan_s: PositiveFloat = 60.0
    progress_interval_s: PositiveFloat = 30.0


class TiplineConfig(Section, frozen=True):
    """The whole job's configuration (``config/base.toml`` documents every key)."""

    job: JobConfig = JobConfig()
    kafka: KafkaConnection = KafkaConnection()
    input: InputConfig = InputConfig()
    dead_letters: DeadLetterConfig = DeadLetterConfig()
    alerts: AlertsConfig = AlertsConfig()
    decisions: DecisionsConfig = DecisionsConfig()
    lake: LakeConfig = LakeConfig()
    recovery: RecoveryConfig = RecoveryConfig()
    metrics: MetricsConfig = MetricsConfig()
    hashing: HashingConfig = HashingConfig()
    grooming: GroomingConfig = GroomingConfig()
    decision: DecisionConfig = DecisionConfig()
    evidence: EvidenceConfig = EvidenceConfig()
    reports: ReportsConfig = ReportsConfig()


_PATH_RE: Final = re.compile(r" - at `\$\.?(?P<path>[^`]*)`$")


def _key_path(message: str) -> tuple[str, str]:
    """Split msgspec's ``… - at `$.a.b``` into (``a.b``, ``…``)."""
    m = _PATH_RE.search(message)
    if not m:
        return "", message
    return m.group("path"), message[: m.start()]


def parse_config(data: dict[str, Any], origin: str = "<config>") -> TiplineConfig:
    """Validate an already-parsed TOML document into a :class:`TiplineConfig`.

    Raises:
        ConfigError: one line naming the key path and what was expected.

    """
    try:
        cfg = msgspec.convert(normalise_aliases(data), TiplineConfig, strict=True)
    except msgspec.ValidationError as exc:
        path, problem = _key_path(str(exc))
        where = f"{origin}: {path}" if path else origin
        msg = f"{where}: {problem}{convert_hint(TiplineConfig, exc, path, problem)}"
        raise ConfigError(msg) from exc
    refused = _media_isolation_problem(cfg)
    if refused is None and cfg.lake.feed == "decisions" and cfg.decisions.kind != "kafka":
        refused = 'lake.feed = "decisions" reads the decisions topic: set decisions.kind = "kafka"'
    if refused:
        msg = f"{origin}: {refused}"
        raise ConfigError(msg)
    return cfg


def protected_paths(cfg: TiplineConfig) -> list[str]:
    """Return the absolute folders attachment fetching may never read: the vault and its keys."""
    ev = cfg.evidence
    vault = os.path.abspath(ev.path)
    key_dir = os.path.abspath(ev.keys.dev_key_dir or os.path.join(os.path.dirname(vault), "keys"))
    paths = [vault, key_dir]
    if ev.keys.store_path:
        paths.append(os.path.abspath(ev.keys.store_path))
    return paths


def protected_buckets(cfg: TiplineConfig) -> list[str]:
    """Return the buckets attachment fetching may never read: the vault's and the key store's."""
    ev = cfg.evidence
    return [b for b in (ev.s3.bucket, ev.keys.store_bucket) if b]


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def _media_isolation_problem(cfg: TiplineConfig) -> str | None:
    """Say why media fetching could reach the vault, its keys or its credentials, if so."""
    media = cfg.hashing
    for root in media.file_roots:
        absolute = os.path.abspath(root)
        for folder in protected_paths(cfg):
            if _inside(absolute, folder):
                return (
                    f"hashing.file_roots: {root!r} lies inside the evidence folder "
                    f"{folder!r}; attachments may never be read from the vault or its keys"
                )
    for bucket in media.s3.buckets:
        if bucket in protected_buckets(cfg):
            return (
                f"hashing.s3.buckets: {bucket!r} is the evidence vault's or key store's "
                "bucket; attachments may never be read from it"
            )
    vault = cfg.evidence.s3
    for key in ("access_key_env", "secret_key_env"):
        name = getattr(media.s3, key)
        if name == getattr(vault, key):
            return (
                f"hashing.s3.{key}: {name!r} is also evidence.s3.{key}; media reads use "
                "credentials of their own"
            )
    return None


_SECRET_NAME: Final = re.compile(
    r"secret|passw(or)?d|passphrase|token|master_key|private_key|api_key|credential", re.I
)
_REFERENCE: Final = re.compile(r"_(env|file|path)$")


def _literal_secrets(data: object, path: tuple[str, ...] = ()) -> list[str]:
    """Key paths whose name looks secret and whose value is written in the file."""
    found: list[str] = []
    if isinstance(data, list):
        for n, value in enumerate(data):
            found += _literal_secrets(value, (*path, str(n)))
        return found
    if not isinstance(data, dict):
        return found
    for key, value in data.items():
        here = (*path, str(key))
        if key == "secret_env":  # property -> NAME of the env var holding it
            continue
        if isinstance(value, dict | list):
            found += _literal_secrets(value, here)
        elif _SECRET_NAME.search(str(key)) and not _REFERENCE.search(str(key)) and value:
            found.append(".".join(here))
    return found


def _has(data: dict[str, Any], dotted: str) -> bool:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def production_problems(cfg: TiplineConfig, data: dict[str, Any]) -> list[str]:
    """Return what a ``job.profile = "production"`` config lacks (empty: it may run)."""
    problems = []
    if cfg.hashing.enabled and not cfg.hashing.lists:
        problems.append("hashing.lists is empty (expected at least one hash list)")
    if not _has(data, "hashing.file_roots"):
        problems.append("hashing.file_roots is not set (set it, [] to deny every file://)")
    if not cfg.recovery.enabled:
        problems.append("recovery.enabled is false (expected true)")
    if cfg.evidence.keys.allow_dev_keys:
        problems.append("evidence.keys.allow_dev_keys is true (expected false: real keys)")
    if not cfg.evidence.access.operators:
        problems.append("evidence.access.operators is empty (expected the operators to sign)")
    return problems


def refuse_literal_secrets(data: dict[str, Any], origin: str) -> None:
    """Refuse secret-looking keys with a value written in the file (never echoes it).

    Raises:
        ConfigError: one line naming every such key.

    """
    secrets = _literal_secrets(data)
    if secrets:
        msg = (
            f"{origin}: {', '.join(secrets)}: a secret written in the config file "
            "(put it in an environment variable and name that variable here)"
        )
        raise ConfigError(msg)


def check_config(cfg: TiplineConfig, data: dict[str, Any], origin: str) -> TiplineConfig:
    """Refuse literal secrets, and a production profile that is not fail-closed.

    Raises:
        ConfigError: one line naming every offending key.

    """
    refuse_literal_secrets(data, origin)
    if cfg.job.profile == "production":
        problems = production_problems(cfg, data)
        if problems:
            msg = f"{origin}: job.profile 'production' refuses to start: {'; '.join(problems)}"
            raise ConfigError(msg)
    return cfg


PACKAGED: Final = "tipline:"
"""``extends = "tipline:base.toml"`` names the base shipped inside the package."""
_MAX_LAYERS: Final = 8


def load_config(
    path: str | Path, *, profile: str | None = None, overrides: Sequence[str] = ()
) -> TiplineConfig:
    """Read and validate a TOML config file (``profile`` overrides ``job.profile``).

    A file may name its base with a top-level ``extends = "base.toml"`` (a
    path relative to the file, or ``"tipline:base.toml"`` for the base shipped
    in the package); the file is deep-merged over its base: tables merge key
    by key, every other value (arrays included) replaces the base's. Then
    ``overrides`` (``--set section.key=value``, the value in TOML syntax or a
    bare string) are applied in order.

    Raises:
        ConfigError: the file is missing, not TOML, or a key/value is invalid.

    """
    p = Path(path)
    data = read_layers(p)
    for item in overrides:
        data = merge_tables(data, parse_override(item))
    if profile is not None:
        data = {**data, "job": {**data.get("job", {}), "profile": profile}}
    refuse_literal_secrets(data, str(p))
    return check_config(parse_config(data, str(p)), data, str(p))


def read_layers(path: Path, _chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """Return the TOML document at ``path`` merged over the base it ``extends`` (if any).

    Raises:
        ConfigError: a file cannot be read, ``extends`` is not a string, or bases loop.

    """
    data = _read_toml(path)
    base = data.pop("extends", None)
    if base is None:
        return data
    if not isinstance(base, str):
        msg = f"{path}: extends must be a file name string (got {type(base).__name__})"
        raise ConfigError(msg)
    base_path = resolve_base(base, path)
    chain = (*_chain, path.resolve())
    if base_path.resolve() in chain or len(chain) >= _MAX_LAYERS:
        msg = f"{path}: extends {base!r} loops back to a file already read"
        raise ConfigError(msg)
    return merge_tables(read_layers(base_path, chain), data)


def resolve_base(name: str, overlay: Path) -> Path:
    """Where ``extends = name`` in ``overlay`` points (``tipline:`` = shipped in the package)."""
    if name.startswith(PACKAGED):
        return Path(__file__).with_name(name.removeprefix(PACKAGED))
    return overlay.parent / name


def merge_tables(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``over`` onto ``base``: tables merge, anything else (arrays too) replaces."""
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge_tables(old, value)
        else:
            out[key] = value
    return out


def parse_override(item: str) -> dict[str, Any]:
    """Turn ``a.b.c=value`` into ``{"a": {"b": {"c": value}}}``.

    The value is read as a TOML value (``8``, ``true``, ``["x"]``, ``"s"``);
    anything that is not one is taken as a bare string.

    Raises:
        ConfigError: no ``=`` or an empty key.

    """
    key, sep, raw = item.partition("=")
    parts = [k.strip() for k in key.split(".")]
    if not sep or not all(parts):
        msg = f"--set {item!r}: expected section.key=value"
        raise ConfigError(msg)
    try:
        value: Any = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()
    for part in reversed(parts):
        value = {part: value}
    return value  # type: ignore[no-any-return]


def _read_toml(p: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        msg = f"config file {str(p)!r} does not exist"
        raise ConfigError(msg) from exc
    except IsADirectoryError as exc:
        msg = f"config path {str(p)!r} is a directory (expected a TOML file)"
        raise ConfigError(msg) from exc
    except UnicodeDecodeError as exc:
        msg = f"config file {str(p)!r} is not UTF-8 text (byte {exc.start} cannot be decoded)"
        raise ConfigError(msg) from exc
    except OSError as exc:
        msg = f"config file {str(p)!r} cannot be read ({exc.strerror})"
        raise ConfigError(msg) from exc
    except tomllib.TOMLDecodeError as exc:
        msg = f"{p}: not valid TOML: {exc}"
        raise ConfigError(msg) from exc
