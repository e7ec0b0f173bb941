"""The attachment-fetch interface (operators do no I/O) and the byte-limit rules.

Inline ``data_b64`` is already decoded to ``bytes`` by the event schema; URIs
(``file://``, ``s3://``) are handed to an injected :class:`MediaFetcher`, whose
implementations live in ``clients/media.py``. Every failure is a
:class:`~tipline.schemas.hashing.MediaFetchError` subclass naming the verdict status.
"""

from __future__ import annotations

from typing import Protocol

from tipline.schemas.event import Attachment
from tipline.schemas.hashing import MediaFetchError, MediaTooLargeError


class MediaFetcher(Protocol):
    """Reads the bytes an attachment URI names, within limits."""

    def fetch(self, uri: str, max_bytes: int, timeout_s: float) -> bytes:
        """Return the object's bytes.

        Raises:
            FetchError: missing object, timeout, more than ``max_bytes`` bytes,
                unsupported scheme or a transport failure (a
                ``MediaFetchError`` subclass names which).

        """
        ...


def attachment_bytes(
    attachment: Attachment, fetcher: MediaFetcher | None, max_bytes: int, timeout_s: float
) -> bytes:
    """Return an attachment's bytes from inline data or through ``fetcher``.

    Raises:
        MediaFetchError: too large, no fetcher for a URI, or the fetch failed.

    """
    if attachment.data_b64 is not None:
        data = attachment.data_b64
    elif fetcher is None:
        msg = f"no fetcher configured for {attachment.uri!r}"
        raise MediaFetchError(msg)
    else:
        data = fetcher.fetch(attachment.uri or "", max_bytes, timeout_s)
    if len(data) > max_bytes:
        msg = f"attachment of {len(data)} bytes exceeds max_bytes {max_bytes}"
        raise MediaTooLargeError(msg)
    return data
