"""Every contract example is a test case: valid ones decode, invalid ones name the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipline.schemas.errors import EventDecodeError
from tipline.schemas.event import decode_event, encode_event

EXPECTED_ERRORS = {
    "invalid-age.json": "$.sender.declared_age",
    "invalid-attachment-both-sources.json": "exactly one of `data_b64` or `uri`",
    "invalid-bad-base64.json": "$.attachments[0].data_b64",
    "invalid-bad-timestamp.json": "$.sent_at",
    "invalid-missing-session.json": "`session_id`",
    "invalid-no-recipients.json": "$.recipients",
    "invalid-not-json.txt": "not a JSON message event",
    "invalid-wrong-schema.json": "$.schema",
}


def test_every_example_is_covered(contract_examples: Path) -> None:
    invalid = {p.name for p in contract_examples.glob("invalid-*")}
    assert invalid == set(EXPECTED_ERRORS)


@pytest.mark.parametrize(
    "name", ["valid-text.json", "valid-attachment-inline.json", "valid-attachment-uri.json"]
)
def test_valid_examples_decode(contract_examples: Path, name: str) -> None:
    event = decode_event((contract_examples / name).read_bytes())
    assert event.schema == "tipline.message/1"
    assert event.sent_at.tzinfo is not None
    assert event.recipients[0].user_id == "u-200"


def test_inline_attachment_is_decoded_bytes(contract_examples: Path) -> None:
    event = decode_event((contract_examples / "valid-attachment-inline.json").read_bytes())
    data = event.attachments[0].data_b64
    assert data is not None
    assert data.startswith(b"\x89PNG")
    assert len(data) == event.attachments[0].size_bytes


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_invalid_examples_name_the_field(contract_examples: Path, name: str) -> None:
    with pytest.raises(EventDecodeError) as info:
        decode_event((contract_examples / name).read_bytes())
    assert EXPECTED_ERRORS[name] in str(info.value)


def test_round_trip_preserves_the_event(contract_examples: Path) -> None:
    event = decode_event((contract_examples / "valid-attachment-inline.json").read_bytes())
    assert decode_event(encode_event(event)) == event


def test_unknown_fields_are_ignored(contract_examples: Path) -> None:
    raw = (
        (contract_examples / "valid-text.json")
        .read_bytes()
        .replace(b'"platform"', b'"future_field": {"x": 1}, "platform"')
    )
    assert decode_event(raw).event_id == "evt-0001"


@pytest.mark.parametrize(
    ("patch", "where"),
    [
        ((b'"ip": "203.0.113.7"', b'"ip": "999.1.1.1"'), "$.client"),
        ((b'"port": 51544', b'"port": 70000'), "$.client.port"),
        ((b'"country": "US"', b'"country": "usa"'), "$.sender.country"),
        ((b'"event_id": "evt-0001"', b'"event_id": ""'), "$.event_id"),
        (
            (b'"sent_at": "2026-11-27T14:00:00.120Z"', b'"sent_at": "2026-11-27T14:00:00"'),
            "$.sent_at",
        ),
    ],
)
def test_other_contract_rules(
    contract_examples: Path, patch: tuple[bytes, bytes], where: str
) -> None:
    raw = (contract_examples / "valid-text.json").read_bytes().replace(*patch)
    with pytest.raises(EventDecodeError, match=r"at `\$") as info:
        decode_event(raw)
    assert where in str(info.value)


def test_invalid_utf8_inside_a_string_is_a_decode_error() -> None:
    with pytest.raises(EventDecodeError, match="not valid UTF-8"):
        decode_event(b'{"schema": "tipline.message/1", "text": "\xff\xfe"}')


@pytest.mark.parametrize(
    ("patch", "secret"),
    [
        ((b'"schema": "tipline.message/1"', b'"schema": "SECRET-CANARY"'), "SECRET-CANARY"),
        ((b'"ip": "203.0.113.7"', b'"ip": "SECRET-CANARY"'), "SECRET-CANARY"),
        ((b'"country": "US"', b'"country": "SECRET-CANARY"'), "SECRET-CANARY"),
    ],
)
def test_errors_never_quote_record_values(
    contract_examples: Path, patch: tuple[bytes, bytes], secret: str
) -> None:
    raw = (contract_examples / "valid-text.json").read_bytes().replace(*patch)
    with pytest.raises(EventDecodeError) as info:
        decode_event(raw)
    assert secret not in str(info.value)
    assert "at `$." in str(info.value)


def test_uri_scheme_is_checked(contract_examples: Path) -> None:
    raw = (
        (contract_examples / "valid-attachment-uri.json")
        .read_bytes()
        .replace(b"s3://chat-media", b"http://chat-media")
    )
    with pytest.raises(EventDecodeError, match="is not an s3://"):
        decode_event(raw)
