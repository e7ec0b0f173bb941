"""CyberTipline report building: XML in schema order, drafts, XSD checks, reviewer page.

Pure functions over records (no I/O beyond reading the packaged XSD, no clock):
the caller passes ``now``. Public entry points:

* :func:`build_draft` — one :class:`~tipline.schemas.report.ReportDraft` per evidence receipt.
* :func:`render_file_details` — the exact ``fileDetails`` XML once NCMEC has
  assigned a report id and a file id.
* :func:`validate_report_xml` / :func:`validate_file_details_xml` — XSD checks.
* :func:`render_review_page` — the static HTML page a reviewer approves from.
"""

from tipline.operators.report.draft import CustodyView, build_draft, failed_draft, missing_fields
from tipline.operators.report.file_xml import render_file_details
from tipline.operators.report.review_page import render_review_page
from tipline.operators.report.xsd import (
    XSD_PATH,
    load_schema,
    validate_file_details_xml,
    validate_report_xml,
)

__all__ = [
    "XSD_PATH",
    "CustodyView",
    "build_draft",
    "failed_draft",
    "load_schema",
    "missing_fields",
    "render_file_details",
    "render_review_page",
    "validate_file_details_xml",
    "validate_report_xml",
]
