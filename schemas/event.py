"""The message event of docs/contract.md §1 (``tipline.message/1``) and its decoder.

Every rule of the contract is enforced here, in one place; an error names the
field path and what was expected, e.g.
``Expected `int` >= 0 - at `$.sender.declared_age```. Unknown fields are
ignored for forward compatibility. Inline attachment data (``data_b64``) is
decoded from standard base64 into ``bytes`` while parsing.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import datetime
from typing import Annotated, Final, Literal

import msgspec
from msgspec import Meta, Struct

from tipline.schemas.errors import EventDecodeError

MESSAGE_SCHEMA: Final = "tipline.message/1"

_URI_RE: Final = re.compile(r"^(s3://[^/\s]+/\S+|file:///\S*)$")
# RFC 6838 restricted-name "/" restricted-name (ASCII only, no parameters).
_MIME_NAME: Final = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
_MIME_RE: Final = re.compile(rf"{_MIME_NAME}/{_MIME_NAME}", re.ASCII)

Id128 = Annotated[str, Meta(min_length=1, max_length=128)]
Id256 = Annotated[str, Meta(min_length=1, max_length=256)]
AwareDatetime = Annotated[datetime, Meta(tz=True)]
Country = Annotated[str, Meta(pattern=r"^[A-Z]{2}$")]
Port = Annotated[int, Meta(ge=0, le=65535)]


class PriorAction(Struct, frozen=True, kw_only=True):
    """An earlier action the platform took on an account."""

    action: str
    at: AwareDatetime | None = None
    reason: str | None = None


class Account(Struct, frozen=True, kw_only=True):
    """A sender or recipient as the platform knows them."""

    user_id: Annotated[str, Meta(min_length=1)]
    screen_name: str | None = None
    display_name: str | None = None
    email: str | None = None
    phone: str | None = None
    created_at: AwareDatetime | None = None
    declared_age: Annotated[int, Meta(ge=0, le=130)] | None = None
    age_verified: bool | None = None
    country: Country | None = None
    prior_actions: list[PriorAction] = msgspec.field(default_factory=list)


class Attachment(Struct, frozen=True, kw_only=True):
    """Media sent with a message: inline bytes or a URI, exactly one of them."""

    attachment_id: Annotated[str, Meta(min_length=1)]
    media_type: Annotated[str, Meta(min_length=1)]
    file_name: str | None = None
    size_bytes: Annotated[int, Meta(ge=0)] | None = None
    data_b64: bytes | None = None
    uri: str | None = None

    def __post_init__(self) -> None:
        """Enforce the exactly-one-source rule, the URI schemes and the media-type grammar."""
        if (self.data_b64 is None) == (self.uri is None):
            msg = "exactly one of `data_b64` or `uri` is required"
            raise ValueError(msg)
        if not _MIME_RE.fullmatch(self.media_type):
            # The value is not echoed: it may be crafted to inject into a page or a log.
            msg = "`media_type` is not a MIME type/subtype token (RFC 6838, no parameters)"
            raise ValueError(msg)
        if self.uri is not None and not _URI_RE.match(self.uri):
            msg = "`uri` is not an s3://bucket/key or file:///absolute/path URI"
            raise ValueError(msg)


class Client(Struct, frozen=True, kw_only=True):
    """Network details of the sender at send time."""

    ip: str | None = None
    port: Port | None = None
    protocol: str | None = None
    user_agent: str | None = None

    def __post_init__(self) -> None:
        """Reject an ``ip`` that is not IPv4 or IPv6 text."""
        if self.ip is not None:
            try:
                ipaddress.ip_address(self.ip)
            except ValueError:
                msg = "`ip` is not an IPv4 or IPv6 address"
                raise ValueError(msg) from None


class MessageEvent(Struct, frozen=True, kw_only=True):
    """One chat message, as the platform publishes it (docs/contract.md §1)."""

    schema: Literal["tipline.message/1"]
    event_id: Id128
    sent_at: AwareDatetime
    session_id: Id256
    sender: Account
    recipients: Annotated[list[Account], Meta(min_length=1, max_length=1000)]
    platform: str | None = None
    text: Annotated[str, Meta(max_length=65536)] | None = None
    attachments: Annotated[list[Attachment], Meta(max_length=32)] = msgspec.field(
        default_factory=list
    )
    client: Client | None = None


_DECODER: Final = msgspec.json.Decoder(MessageEvent)
_ENCODER: Final = msgspec.json.Encoder()


def decode_event(raw: bytes) -> MessageEvent:
    """Decode one record value into a :class:`MessageEvent`.

    Args:
        raw: the record value as received (UTF-8 JSON).

    Returns:
        The validated event.

    Raises:
        EventDecodeError: the bytes are not JSON, or a contract rule is broken;
            the message names the field path and the expectation.

    """
    try:
        return _DECODER.decode(raw)
    except msgspec.ValidationError as exc:
        raise EventDecodeError(_redact(str(exc))) from exc
    except msgspec.DecodeError as exc:
        msg = f"not a JSON message event: {exc}"
        raise EventDecodeError(msg) from exc
    except UnicodeDecodeError as exc:
        msg = "not a JSON message event: a string is not valid UTF-8"
        raise EventDecodeError(msg) from exc
    except RecursionError as exc:
        msg = "not a JSON message event: nested too deeply"
        raise EventDecodeError(msg) from exc


_QUOTED: Final = re.compile(r"'(?:[^'\\]|\\.)*'")


def _redact(message: str) -> str:
    """Drop values quoted from the record (e.g. ``Invalid enum value '…'``).

    Errors end up in dead-letter reasons and logs, which must never carry
    message content; the field path and the expectation are kept.
    """
    message = _QUOTED.sub("<value>", message)
    if message.endswith("- at `$.schema`"):
        return f"unsupported schema (expected {MESSAGE_SCHEMA!r}) - at `$.schema`"
    return message


def encode_event(event: MessageEvent) -> bytes:
    """Encode an event back to contract JSON (inline data as standard base64)."""
    return _ENCODER.encode(event)
