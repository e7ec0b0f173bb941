"""Hostile input records for the poison-proof flow tests (issue #13, part A).

:func:`hostile_records` returns JSONL-safe record values (no raw newline
byte) that attack the decoder and every later step: NUL and control
characters, huge fields, bad base64, deep nesting, duplicate keys, 32 and 33
attachments, wrong types, invalid UTF-8, lone surrogates via ``\\ud800``
escapes, XML metacharacters, RTL overrides, absurd timestamps, hostile media
types and URIs, and a known image sent by an account with a hostile name.
Nothing in it is sexual or real: images are generated.

Run ``python -m tests.hostile.data OUT.jsonl`` to write the file.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

CANARY = "CANARY-hostile-9d1e"
T = "2026-11-27T14:00:00+00:00"


def base_event(n: int, **overrides: Any) -> dict[str, Any]:
    """A valid neutral event whose fields the caller overrides."""
    event: dict[str, Any] = {
        "schema": "tipline.message/1",
        "event_id": f"hostile-{n:03d}",
        "sent_at": T,
        "session_id": f"hs-{n % 7}",
        "sender": {"user_id": f"u-{n}", "declared_age": 30},
        "recipients": [{"user_id": f"v-{n}", "declared_age": 29}],
        "text": f"see you at practice {CANARY}",
    }
    event.update(overrides)
    return event


def _dump(event: object) -> bytes:
    return json.dumps(event).encode()


def _accounts(n: int, name: str) -> dict[str, Any]:
    return {
        "sender": {"user_id": f"u-{n}", "screen_name": name, "display_name": name},
        "recipients": [{"user_id": f"v-{n}", "screen_name": name, "declared_age": 14}],
    }


def _valid_events(image: bytes | None) -> list[bytes]:
    names = [
        "\u0000\u0001\u0002\u0008\u000b\u000c\u001f",
        "dave\u0001",
        "\ufffe\uffff",
        "]]></screenName><script>alert(1)</script>",
        "&amp;&lt;&#0;&#x1;<![CDATA[x]]>",
        "\u202eevil\u202dname\u2066",
        "x" * 200_000,
        "",
        " ",
    ]
    out = [_dump(base_event(i, **_accounts(i, name))) for i, name in enumerate(names)]
    out.append(_dump(base_event(20, text="\u0000" * 100 + CANARY)))
    out.append(_dump(base_event(21, event_id="../../etc/passwd", session_id="..\\..\\x")))
    out.append(_dump(base_event(22, sent_at="9999-12-31T23:59:59+00:00")))
    out.append(_dump(base_event(23, sent_at="0001-01-01T00:00:00+00:00")))
    out.append(_dump(base_event(24, platform="\u0001<platform/>")))
    out.append(
        _dump(base_event(25, client={"ip": "fe80::1%\u0001", "port": 1, "user_agent": "\u0000"}))
    )
    many = [
        {"attachment_id": f"a{k}", "media_type": "text/plain", "data_b64": "aGk="}
        for k in range(32)
    ]
    out.append(_dump(base_event(26, attachments=many)))
    out.append(
        _dump(
            base_event(
                27,
                attachments=[
                    {
                        "attachment_id": "\u0001",
                        "media_type": 'image/png"><script>x</script>',
                        "file_name": "\u202egpj.exe",
                        "data_b64": "AAAA",
                    }
                ],
            )
        )
    )
    out.append(
        _dump(
            base_event(
                28,
                attachments=[
                    {"attachment_id": "u", "media_type": "image/png", "uri": "file:///\u0001x"}
                ],
            )
        )
    )
    if image is not None:
        hostile_sender = _accounts(29, "dave\u0001\ufffe]]>")
        hostile_sender["recipients"][0]["declared_age"] = 12
        attachment = {
            "attachment_id": "known\u0001",
            "media_type": "image/jpeg",
            "file_name": "\u0000.jpg",
            "data_b64": base64.b64encode(image).decode(),
        }
        out.append(_dump(base_event(29, attachments=[attachment], **hostile_sender)))
    return out


def _invalid_events() -> list[bytes]:
    too_many = [
        {"attachment_id": f"a{k}", "media_type": "text/plain", "data_b64": "aGk="}
        for k in range(33)
    ]
    return [
        b"\x00\x00\x00" + CANARY.encode(),
        b"\xff\xfe\xfa" + CANARY.encode(),
        _dump(base_event(40))[:-1] + b', "text": "\xff\xfe"}',
        _dump(base_event(41, text="a" * 70_000)),
        _dump(
            base_event(
                42, attachments=[{"attachment_id": "b", "media_type": "x", "data_b64": "!!!"}]
            )
        ),
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 5_000 + b"1" + b"}" * 5_000,
        _dump(base_event(43))[:-1] + b', "event_id": 5}',
        _dump(base_event(44, event_id=5)),
        _dump(base_event(45, sender="nobody")),
        _dump(base_event(46, recipients=[])),
        _dump(base_event(47, attachments=too_many)),
        b'{"schema": "tipline.message/1", "event_id": "a\\ud800", "text": "\\udfff"}',
        _dump(base_event(48))[:-1].replace(b'"text": "', b'"text": "\\ud800') + b"}",
        _dump(base_event(49, sent_at="2026-13-45T99:99:99Z")),
        _dump(base_event(50, sent_at="2026-11-27T14:00:00")),
        _dump(base_event(51, sent_at=10**30)),
        _dump(base_event(52, sender={"user_id": "u", "declared_age": 10**40})),
        _dump(base_event(53, client={"ip": "999.1.1.1"})),
        _dump(base_event(54, client={"port": 99_999_999_999_999_999_999})),
        _dump(base_event(55, attachments=[{"attachment_id": "x", "media_type": "x"}])),
        _dump(
            base_event(
                56, attachments=[{"attachment_id": "x", "media_type": "x", "uri": "http://evil/"}]
            )
        ),
        _dump(base_event(57, schema="tipline.message/2")),
        b"[]",
        b"null",
        b'"just a string"',
        b"1e999999",
        b"{" + CANARY.encode(),
    ]


def hostile_records(image: bytes | None = None) -> list[bytes]:
    """Every hostile record value, valid and invalid events interleaved (no raw newlines)."""
    valid, invalid = _valid_events(image), _invalid_events()
    out: list[bytes] = []
    for k in range(max(len(valid), len(invalid))):
        out += valid[k : k + 1] + invalid[k : k + 1]
    for value in out:
        if b"\n" in value or b"\r" in value:
            msg = "a hostile record must stay on one JSONL line"
            raise ValueError(msg)
    return out


def write_jsonl(path: Path, values: list[bytes]) -> None:
    """Write one record value per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(v + b"\n" for v in values))


if __name__ == "__main__":
    write_jsonl(Path(sys.argv[1]), hostile_records())
