"""Document properties a deck carries beyond its slides: the custom properties (File > Info >
Properties > Custom in PowerPoint, which it keeps when it saves) and which application and
person saved it last."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from summarydeck.ooxml.names import (
    CUSTOM_PROPERTIES_NS,
    CUSTOM_PROPERTIES_PART,
    CUSTOM_PROPERTY_FMTID,
    VT_NS,
)
from summarydeck.ooxml.package_limits import PackageRefusal, SafeZip, deck_limits, open_regular
from summarydeck.ooxml.xml import XMLSyntaxError, parse


def custom_properties_xml(values: dict[str, str], theirs: bytes | None = None) -> bytes:
    """The custom properties part (text values). `theirs`: a template's own part, whose other
    properties (a sensitivity label, say) are kept, ahead of ours and numbered with them."""
    root = None
    if theirs is not None:
        try:
            root = parse(theirs)
        except XMLSyntaxError:
            root = None  # a damaged part: ours alone, rather than a deck that will not open
    if root is None:
        rows = "".join(
            f'<property fmtid="{CUSTOM_PROPERTY_FMTID}" pid="{pid}" name="{escape(name)}">'
            f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
            for pid, (name, value) in enumerate(values.items(), start=2)
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{CUSTOM_PROPERTIES_NS}" xmlns:vt="{VT_NS}">{rows}</Properties>'
        )
        return xml.encode("utf-8")
    tag = f"{{{CUSTOM_PROPERTIES_NS}}}property"
    for prop in list(root.iter(tag)):
        if prop.get("name") in values:  # ours, from an earlier build on this template
            prop.getparent().remove(prop)
    for name, value in values.items():
        prop = etree.SubElement(root, tag, fmtid=CUSTOM_PROPERTY_FMTID, pid="", name=name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    for pid, prop in enumerate(root.iter(tag), start=2):  # pids run from 2, none twice
        prop.set("pid", str(pid))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def read_custom_properties(path: Path) -> dict[str, str] | None:
    """The custom properties of a deck on disk, by name; None when it has none or is not a
    readable package."""
    parts = _read_parts(path, CUSTOM_PROPERTIES_PART.lstrip("/"))
    if parts is None:
        return None
    try:
        root = parse(parts[0])
    except XMLSyntaxError:
        return None
    return {
        str(prop.get("name", "")): "".join(prop.itertext())
        for prop in root.iter(f"{{{CUSTOM_PROPERTIES_NS}}}property")
    }


def last_saved_by_application(path: Path, application: str) -> bool:
    """Whether `application` both wrote the deck's app.xml and was the last to modify it, so
    no other program has saved it since (PowerPoint and LibreOffice rewrite both)."""
    parts = _read_parts(path, "docProps/app.xml", "docProps/core.xml")
    if parts is None:
        return False
    app, core = parts
    name = application.encode("utf-8")
    return (
        b"<Application>" + name + b"</Application>" in app and b"<cp:lastModifiedBy>" + name in core
    )


def _read_parts(path: Path, *names: str) -> list[bytes] | None:
    """The parts `names` of the package at `path`, read within the limits (only a regular
    file, never blocking; each part inflated in bounded steps); None when it is not a
    readable package or lacks one of them."""
    try:
        with open_regular(path) as handle:
            package = SafeZip(handle, deck_limits())
            return [package.read(name, xml=True) for name in names]
    except (OSError, KeyError, PackageRefusal):
        return None
