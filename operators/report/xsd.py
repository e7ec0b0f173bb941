"""Validation of report and fileDetails XML against the packaged CyberTipline XSD.

Invariant: every draft tipline writes, and every document it sends, passes
:func:`validate_report_xml` / :func:`validate_file_details_xml` first. The XSD
models children as ``xs:sequence`` so an element out of schema order fails,
as NCMEC's endpoint would answer 4100.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

import xmlschema

from tipline.schemas.errors import ReportError

XSD_PATH: Final = Path(__file__).with_name("cybertipline.xsd")


@cache
def _schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD_PATH))


def load_schema() -> None:
    """Parse the XSD now (≈ 200 ms once), so the first draft of a run does not stall."""
    _schema()


def _validate(xml: str, root: str) -> None:
    try:
        _schema().validate(xml)
    except xmlschema.XMLSchemaValidationError as exc:
        reason = exc.reason or "invalid"
        where = exc.path or ""
        msg = f"{root} XML fails the CyberTipline XSD at {where!r}: {reason}"
        raise ReportError(msg) from exc
    except (xmlschema.XMLSchemaException, SyntaxError, ValueError) as exc:
        msg = f"{root} XML is malformed: {exc}"
        raise ReportError(msg) from exc


def _check_root(xml: str, root: str) -> None:
    head = xml[:400]
    if f"<{root}>" not in head and f"<{root} " not in head:
        msg = f"expected a <{root}> document"
        raise ReportError(msg)


def validate_report_xml(xml: str) -> None:
    """Validate a ``<report>`` document.

    Raises:
        ReportError: the XML is malformed, not a report, or breaks the schema
            (a missing required element or children out of order).

    """
    _check_root(xml, "report")
    _validate(xml, "report")


def validate_file_details_xml(xml: str) -> None:
    """Validate a ``<fileDetails>`` document.

    Raises:
        ReportError: the XML is malformed, not fileDetails, or breaks the schema.

    """
    _check_root(xml, "fileDetails")
    _validate(xml, "fileDetails")
