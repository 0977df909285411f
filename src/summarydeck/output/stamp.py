"""The build's stamp in the deck's custom document properties (File > Info > Properties >
Custom in PowerPoint): which tool version wrote it, from which content, and a fingerprint of
what its slides showed. PowerPoint keeps custom properties when it saves, so a later build can
tell whether someone edited the deck since (see `output/guard.py`)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree

_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_PARTNAME = "/docProps/custom.xml"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the id every custom property carries

PREFIX = "summarydeck."


@dataclass(frozen=True)
class Stamp:
    version: str
    content_hash: str  # the content files, variant and selection the deck was built from
    slides_hash: str  # output/inventory.fingerprint of the slides as written
    variant: str = ""

    def properties(self) -> dict[str, str]:
        return {
            f"{PREFIX}version": self.version,
            f"{PREFIX}content-hash": self.content_hash,
            f"{PREFIX}slides-hash": self.slides_hash,
            f"{PREFIX}variant": self.variant,
        }


def add_stamp(prs: Any, stamp: Stamp) -> None:
    """Add the custom properties part to a python-pptx Presentation before it is saved."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    rows = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(stamp.properties().items(), start=2)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{rows}</Properties>'
    )
    package = prs.part.package
    part = Part(PackURI(_PARTNAME), _CONTENT_TYPE, package, xml.encode("utf-8"))
    package.relate_to(part, _CUSTOM)


def read_stamp(path: Path) -> Stamp | None:
    """The stamp of a deck on disk, or None when it has none (not written by summarydeck, or
    not a deck at all)."""
    try:
        with zipfile.ZipFile(path) as package:
            data = package.read(_PARTNAME.lstrip("/"))
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError:
        return None
    values = {
        str(prop.get("name", "")): "".join(prop.itertext())
        for prop in root.iter(f"{{{_NS}}}property")
    }
    if f"{PREFIX}slides-hash" not in values:
        return None
    return Stamp(
        values.get(f"{PREFIX}version", ""),
        values.get(f"{PREFIX}content-hash", ""),
        values[f"{PREFIX}slides-hash"],
        values.get(f"{PREFIX}variant", ""),
    )
