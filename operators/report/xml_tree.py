"""Small helpers to build CyberTipline XML with the stdlib ElementTree.

Invariant: children are appended in the order the builder calls :func:`sub`,
so each builder function lists elements in SCHEMA ORDER and nothing reorders
them afterwards. Empty values are skipped (optional elements are omitted, never
sent empty).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def iso(value: datetime) -> str:
    """Return an ``xs:dateTime`` with its offset (timestamps are always aware)."""
    return value.isoformat()


def root(tag: str) -> ET.Element:
    """Return a document root element."""
    return ET.Element(tag)


def sub(
    parent: ET.Element, tag: str, text: str | int | bool | None = "", **attrs: str
) -> ET.Element | None:
    """Append ``<tag>text</tag>`` unless ``text`` is None or an empty string.

    Pass ``text=""`` explicitly with ``flag=True`` semantics via :func:`flag`;
    booleans become ``true``/``false``.
    """
    if text is None or text == "":
        return None
    el = ET.SubElement(parent, tag, attrs)
    if isinstance(text, bool):
        el.text = "true" if text else "false"
    else:
        el.text = str(text)
    return el


def group(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    """Append and return an element that will hold children."""
    return ET.SubElement(parent, tag, attrs)


def prune(parent: ET.Element, child: ET.Element) -> None:
    """Remove ``child`` from ``parent`` if it ended up with no children."""
    if len(child) == 0 and not child.attrib:
        parent.remove(child)


def to_xml(el: ET.Element) -> str:
    """Serialise a document with an XML declaration, indented for humans."""
    ET.indent(el, space="  ")
    body = ET.tostring(el, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
