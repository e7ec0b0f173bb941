"""The ``<fileDetails>`` document for one uploaded file, in SCHEMA ORDER.

Order: reportId, fileId, fileName, originalFileName, uploadedToEspTimestamp,
locationOfFile (omitted: DMs have no public location), fileViewedByEsp,
exifViewedByEsp, publiclyAvailable, fileRelevance, fileAnnotations (none yet),
industryClassification (Reported files only), originalFileHash (MD5, SHA256),
ipCaptureEvent, deviceId (none), details (type=HASH: PDQ), additionalInfo.

Invariants: ``fileViewedByEsp`` is true only when the custody log shows a
person viewed the item (``FileDraft.viewed_by``); ``exifViewedByEsp`` is
always false (tipline never shows EXIF to reviewers).
"""

from __future__ import annotations

from typing import Final

from tipline.operators.report.xml_tree import group, iso, root, sub, to_xml
from tipline.schemas.report import FileDraft

PREVIEW_REPORT_ID: Final = "1"
PREVIEW_FILE_ID: Final = "pending-upload"


def _viewed_info(file: FileDraft) -> str:
    if not file.viewed_by:
        return "No person at the ESP viewed this file before reporting."
    times = ", ".join(iso(v.at) for v in file.viewed_by)
    return f"Viewed by ESP staff at {times}."


def _additional_info(file: FileDraft) -> str:
    parts = [f"SHA-1 {file.sha1}."]
    for m in file.matches:
        entry = f" entry {m.entry_id}" if m.entry_id else ""
        parts.append(f"Matched list {m.list}{entry} by {m.algorithm} at distance {m.distance}.")
    parts.append(_viewed_info(file))
    if file.additional_info:
        parts.append(file.additional_info)
    return " ".join(parts)


def render_file_details(file: FileDraft, *, report_id: str, file_id: str) -> str:
    """Build the ``fileDetails`` XML for ``file`` once NCMEC assigned its ids.

    Args:
        file: the draft's record of the file.
        report_id: NCMEC's report id from ``/submit``.
        file_id: NCMEC's file id from ``/upload``.

    Returns:
        The XML document (validate it before sending).

    """
    doc = root("fileDetails")
    sub(doc, "reportId", report_id)
    sub(doc, "fileId", file_id)
    sub(doc, "fileName", file.file_name)
    sub(doc, "originalFileName", file.original_file_name)
    if file.uploaded_to_esp_at is not None:
        sub(doc, "uploadedToEspTimestamp", iso(file.uploaded_to_esp_at))
    sub(doc, "fileViewedByEsp", bool(file.viewed_by))
    sub(doc, "exifViewedByEsp", False)
    sub(doc, "publiclyAvailable", file.publicly_available)
    sub(doc, "fileRelevance", file.relevance)
    if file.relevance == "Reported":
        sub(doc, "industryClassification", file.industry_classification)
    sub(doc, "originalFileHash", file.md5, hashType="MD5")
    sub(doc, "originalFileHash", file.sha256, hashType="SHA256")
    if file.upload_ip:
        ip = group(doc, "ipCaptureEvent")
        sub(ip, "ipAddress", file.upload_ip)
        sub(ip, "eventName", "Upload")
        if file.uploaded_to_esp_at is not None:
            sub(ip, "dateTime", iso(file.uploaded_to_esp_at))
        sub(ip, "port", file.upload_port)
    if file.pdq:
        details = group(doc, "details", type="HASH")
        pair = group(details, "nameValuePair")
        sub(pair, "name", "PDQ")
        sub(pair, "value", file.pdq)
    sub(doc, "additionalInfo", _additional_info(file))
    return to_xml(doc)


def preview_file_details(file: FileDraft) -> str:
    """Render ``file`` with placeholder ids, for the draft on disk and the XSD check."""
    return render_file_details(file, report_id=PREVIEW_REPORT_ID, file_id=PREVIEW_FILE_ID)
