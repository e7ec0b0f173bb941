"""Small helpers to build CyberTipline XML with the stdlib ElementTree.

Invariants:
    * Children are appended in the order the builder calls :func:`sub`, so each
      builder function lists elements in SCHEMA ORDER and nothing reorders them
      afterwards. Empty values are skipped (optional elements are omitted, never
      sent empty).
    * Every text and attribute value passes :func:`xml_safe` first: a character
      XML 1.0 does not allow (C0 controls other than tab/newline/return, lone
      surrogates, U+FFFE/U+FFFF) becomes U+FFFD, so a hostile account name can
      never make a draft malformed (issue #13, trigger A).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any, Final, TypeVar

import msgspec

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
REPLACEMENT: Final = "\ufffd"
_NOT_XML_CHAR: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Return ``text`` with every character outside XML 1.0's ``Char`` replaced by U+FFFD.

    Allowed: tab, newline, carriage return, U+0020-U+D7FF, U+E000-U+FFFD and
    U+10000-U+10FFFF. Everything else (other C0 controls, lone surrogates,
    U+FFFE, U+FFFF) is replaced, so the result always serialises to well-formed
    XML and encodes as UTF-8.
    """
    return _NOT_XML_CHAR.sub(REPLACEMENT, text)


T = TypeVar("T")


def xml_safe_record(value: T) -> T:
    """Return ``value`` with :func:`xml_safe` applied to every string inside it.

    Walks msgspec structs, lists, tuples and dicts; bytes and other values are
    kept as they are. Used on the records a draft is built from, so the draft
    JSON, its XML and the reviewer page all carry the same safe text.
    """
    return _clean(value)  # type: ignore[no-any-return]


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, msgspec.Struct):
        changes = {f: _clean(getattr(value, f)) for f in value.__struct_fields__}
        return msgspec.structs.replace(value, **changes)
    if isinstance(value, list | tuple):
        return type(value)(_clean(v) for v in value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


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
    el = ET.SubElement(parent, tag, {k: xml_safe(v) for k, v in attrs.items()})
    if isinstance(text, bool):
        el.text = "true" if text else "false"
    else:
        el.text = xml_safe(str(text))
    return el


def group(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    """Append and return an element that will hold children."""
    return ET.SubElement(parent, tag, {k: xml_safe(v) for k, v in attrs.items()})


def prune(parent: ET.Element, child: ET.Element) -> None:
    """Remove ``child`` from ``parent`` if it ended up with no children."""
    if len(child) == 0 and not child.attrib:
        parent.remove(child)


def to_xml(el: ET.Element) -> str:
    """Serialise a document with an XML declaration, indented for humans."""
    ET.indent(el, space="  ")
    body = ET.tostring(el, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
