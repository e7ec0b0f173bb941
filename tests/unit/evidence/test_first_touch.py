"""First-touch digests: bytes differing from the matcher's record are a custody
exception, named as such for every digest (mutation survivor, issue #19)."""

from __future__ import annotations

import hashlib

import pytest

from tipline.operators.evidence.package import first_touch_digests
from tipline.schemas.errors import EvidenceError
from tipline.schemas.event import Attachment
from tipline.schemas.hashing import AttachmentVerdict

DATA = bytes(range(256)) * 4
ATT = Attachment(attachment_id="att-1", media_type="image/png", uri="s3://bucket/att-1.png")


@pytest.mark.parametrize(
    ("name", "all_recorded"),
    [("sha256", False), ("sha1", False), ("md5", False), ("sha256", True)],
)
def test_one_recorded_digest_that_differs_is_a_custody_exception(
    name: str, all_recorded: bool
) -> None:
    """``all_recorded``: the fast path, where only SHA-256 is recomputed."""
    wrong = "0" * len(hashlib.new(name, DATA).hexdigest())
    right = {n: hashlib.new(n, DATA).hexdigest() for n in ("sha1", "md5")} if all_recorded else {}
    verdict = AttachmentVerdict(attachment_id="att-1", status="hashed", **{**right, name: wrong})
    with pytest.raises(EvidenceError) as raised:
        first_touch_digests(ATT, DATA, verdict)
    assert str(raised.value) == (
        f"attachment 'att-1': bytes hash to {name} {hashlib.new(name, DATA).hexdigest()} "
        f"but first touch recorded {wrong} (expected the same bytes: custody exception)"
    )


def test_matching_records_give_the_digests_of_the_bytes() -> None:
    verdict = AttachmentVerdict(
        attachment_id="att-1", status="hashed", sha1=hashlib.sha1(DATA).hexdigest().upper()
    )
    got = first_touch_digests(ATT, DATA, verdict)
    assert got.sha256 == hashlib.sha256(DATA).hexdigest()
    assert got.sha1 == hashlib.sha1(DATA).hexdigest()
    assert got.md5 == hashlib.md5(DATA).hexdigest()
    assert got.size_bytes == len(DATA)
