"""Ground-truth labels (docs/contract.md §3): one decoder for replay, evaluation, calibrate."""

from __future__ import annotations

import msgspec

from tipline.schemas.errors import InputError


class Label(msgspec.Struct, frozen=True, kw_only=True):
    """One line of a labels file (docs/contract.md §3)."""

    kind: str
    positive: bool
    session_id: str | None = None
    attachment_id: str | None = None


class Labels(msgspec.Struct, frozen=True, kw_only=True):
    """Every label of a file: positive/negative by session id and by attachment id."""

    sessions: dict[str, bool] = msgspec.field(default_factory=dict)
    attachments: dict[str, bool] = msgspec.field(default_factory=dict)


_DECODER = msgspec.json.Decoder(Label)


def decode_labels(data: bytes, where: str = "labels") -> Labels:
    """Decode a labels JSONL document (blank lines skipped).

    Raises:
        InputError: a line is not a label, or names neither a session nor an attachment.

    """
    labels = Labels()
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            label = _DECODER.decode(line)
        except msgspec.DecodeError as exc:
            msg = f"{where}:{n}: not a label line: {exc}"
            raise InputError(msg) from exc
        if label.kind == "session" and label.session_id:
            labels.sessions[label.session_id] = label.positive
        elif label.kind == "attachment" and label.attachment_id:
            labels.attachments[label.attachment_id] = label.positive
        else:
            msg = f"{where}:{n}: a label needs kind session+session_id or attachment+attachment_id"
            raise InputError(msg)
    return labels
