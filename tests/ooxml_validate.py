"""Validate every XML part of a .pptx against the ECMA-376 Transitional schemas, as a strict
reader would, after mapping Markup Compatibility the way PowerPoint does.

Each part's schema is chosen by its root element's namespace (compiled once, on first use),
after Markup Compatibility (ECMA-376 Part 3) is applied as by a reader that understands only
the standard: elements and attributes in a namespace listed in `mc:Ignorable` are dropped,
`mc:AlternateContent` is replaced by its `mc:Fallback` (or by nothing), and the content of an
`extLst` is left alone, since the schemas let an extension hold anything (`xsd:any`, lax). The
relationship parts and `[Content_Types].xml` are validated against the `opc-*.xsd` schemas.

Parts skipped, by content type (no ECMA-376 schema describes them): anything whose content type
is not XML (`+xml`, `application/xml`, `text/xml`): pictures (`image/png`, `image/jpeg` ...),
embedded workbooks (`...spreadsheetml.sheet`), printer settings
(`...presentationml.printerSettings`), fonts and OLE objects; and SVG pictures (`image/svg+xml`).
An XML part whose root namespace has no schema here is a finding, not skipped: it needs a look.

The schemas come from `SUMMARYDECK_OOXML_SCHEMAS` when set, else the copy in
`tests/ooxml_schemas/`. Their imports of the XML namespace and Dublin Core resolve to the small
stand-ins kept there (`xml.xsd`, `dc.xsd`, `dcterms.xsd`), whichever copy is used.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import posixpath
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from summarydeck.ooxml.names import (
    A_NS,
    C_NS,
    CONTENT_TYPES_NS,
    CUSTOM_PROPERTIES_NS,
    EXTENDED_PROPERTIES_NS,
    P_NS,
    PACKAGE_RELS_NS,
)

VENDORED = Path(__file__).parent / "ooxml_schemas"
SCHEMAS_ENV = "SUMMARYDECK_OOXML_SCHEMAS"

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_IGNORABLE = f"{{{MC_NS}}}Ignorable"
_ALTERNATE = f"{{{MC_NS}}}AlternateContent"
_FALLBACK = f"{{{MC_NS}}}Fallback"
CORE_PROPERTIES_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_OOXML = "http://schemas.openxmlformats.org"

# the schema for each root namespace a presentation's parts use
SCHEMA_FILES = {
    P_NS: "pml.xsd",
    A_NS: "dml-main.xsd",  # theme, table styles
    C_NS: "dml-chart.xsd",
    f"{_OOXML}/drawingml/2006/chartDrawing": "dml-chartDrawing.xsd",
    f"{_OOXML}/drawingml/2006/diagram": "dml-diagram.xsd",
    PACKAGE_RELS_NS: "opc-relationships.xsd",
    CONTENT_TYPES_NS: "opc-contentTypes.xsd",
    CORE_PROPERTIES_NS: "opc-coreProperties.xsd",
    EXTENDED_PROPERTIES_NS: "shared-documentPropertiesExtended.xsd",
    CUSTOM_PROPERTIES_NS: "shared-documentPropertiesCustom.xsd",
    f"{_OOXML}/officeDocument/2006/customXml": "shared-customXmlDataProperties.xsd",
}

# schemas the OOXML ones import by an address on the web: our local stand-ins
_STAND_INS = {
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "dc.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": "dcterms.xsd",
}
_XML_IMPORT = (  # imported first, so the OOXML schemas' location-less imports find it
    '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-wrapper">'
    '<xsd:import namespace="http://www.w3.org/XML/1998/namespace"'
    ' schemaLocation="http://www.w3.org/2001/xml.xsd"/>'
    '<xsd:import namespace="{ns}" schemaLocation="{location}"/></xsd:schema>'
)
MAX_PER_PART = 20  # findings kept per part: the first ones say what is wrong


def schema_folder() -> Path | None:
    """The schemas to use: the variable's folder, else the copy here; None when neither has
    them."""
    named = os.environ.get(SCHEMAS_ENV)
    candidates = [Path(named)] if named else []
    return next((f for f in [*candidates, VENDORED] if (f / "pml.xsd").is_file()), None)


@dataclass(frozen=True)
class Finding:
    part: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.part}:{self.line}: {self.message}"


class _StandIns(etree.Resolver):  # type: ignore[misc]
    def resolve(self, url: str, pubid: str | None, context: Any) -> Any:
        name = _STAND_INS.get(url)
        return self.resolve_filename(str(VENDORED / name), context) if name else None


@functools.cache
def _schema(folder: Path, namespace: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_StandIns())
    location = (folder / SCHEMA_FILES[namespace]).resolve().as_uri()
    wrapper = _XML_IMPORT.format(ns=namespace, location=location)
    base = (folder / "wrapper.xsd").resolve().as_uri()  # not the imported file's own address
    return etree.XMLSchema(etree.fromstring(wrapper, parser, base_url=base))


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def apply_markup_compatibility(root: Any) -> None:
    """Rewrite `root` in place as a reader that understands no extension sees it."""
    _compat(root, frozenset())


def _compat(element: Any, ignorable: frozenset[str]) -> None:
    declared = element.get(_IGNORABLE)
    if declared:
        found = {element.nsmap.get(prefix) for prefix in declared.split()}
        ignorable = ignorable | {ns for ns in found if ns}
    for name in list(element.attrib):
        if etree.QName(name).namespace in ignorable | {MC_NS}:
            del element.attrib[name]
    if etree.QName(element).localname == "extLst":
        return  # the schema allows anything in an extension
    for child in list(element):
        if not isinstance(child.tag, str):
            continue  # a comment or processing instruction
        if child.tag == _ALTERNATE:
            fallback = child.find(_FALLBACK)
            chosen = [node for node in fallback] if fallback is not None else []
            at = element.index(child)
            element.remove(child)
            for offset, node in enumerate(chosen):
                element.insert(at + offset, node)
                _compat(node, ignorable)
        elif etree.QName(child).namespace in ignorable:
            element.remove(child)
        else:
            _compat(child, ignorable)


def validate_part(name: str, xml: bytes, folder: Path) -> list[Finding]:
    """What the schema of `xml`'s root namespace says of it, Markup Compatibility applied."""
    return [Finding(name, line, message) for line, message in _problems(xml, folder)]


# decks of one suite share most parts (masters, layouts, themes, many slides): each distinct
# part is validated once
_SEEN: dict[tuple[Path, bytes], list[tuple[int, str]]] = {}


def _problems(xml: bytes, folder: Path) -> list[tuple[int, str]]:
    key = (folder, hashlib.sha256(xml).digest())
    if key not in _SEEN:
        _SEEN[key] = _validate(xml, folder)
    return _SEEN[key]


def _validate(xml: bytes, folder: Path) -> list[tuple[int, str]]:
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        return [(exc.lineno or 0, f"not well-formed XML: {exc.msg}")]
    namespace = etree.QName(root).namespace or ""
    if namespace not in SCHEMA_FILES:
        return [(root.sourceline or 0, f"no schema for root namespace {namespace}")]
    if MC_NS.encode() in xml:  # most parts have none: walking every element costs
        apply_markup_compatibility(root)
    schema = _schema(folder, namespace)
    if schema.validate(root):
        return []
    return [(e.line, e.message) for e in schema.error_log][:MAX_PER_PART]


def _is_xml(content_type: str) -> bool:
    if content_type.startswith("image/"):
        return False  # SVG is XML, but not Open XML
    return content_type.endswith("+xml") or content_type in ("application/xml", "text/xml")


def content_types(types_xml: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """`[Content_Types].xml` as (default type by extension, type by part name)."""
    root = etree.fromstring(types_xml, _PARSER)
    defaults = {
        e.get("Extension", "").lower(): e.get("ContentType", "")
        for e in root.iter(f"{{{CONTENT_TYPES_NS}}}Default")
    }
    overrides = {
        e.get("PartName", "").lower(): e.get("ContentType", "")
        for e in root.iter(f"{{{CONTENT_TYPES_NS}}}Override")
    }
    return defaults, overrides


def validate_deck(data: bytes, folder: Path) -> list[Finding]:
    """Every finding in a deck's XML parts, part by part (see the module's note)."""
    findings: list[Finding] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types_xml = package.read("[Content_Types].xml")
        findings += validate_part("[Content_Types].xml", types_xml, folder)
        defaults, overrides = content_types(types_xml)
        for name in sorted(package.namelist()):
            if name == "[Content_Types].xml" or name.endswith("/"):
                continue
            extension = posixpath.basename(name).rpartition(".")[2].lower()  # ".rels" too
            content_type = overrides.get(f"/{name}".lower()) or defaults.get(extension)
            if content_type is None:
                findings.append(Finding(name, 0, "no content type"))
            elif _is_xml(content_type):
                findings += validate_part(name, package.read(name), folder)
    return findings


# --- every deck a test session writes, validated at its end (see tests/conftest.py) ---


class DeckRecorder:
    """Keeps each distinct deck a session writes through summarydeck's one writer of build
    output (`output.files.write_together`), and validates them all once, at the end."""

    def __init__(self) -> None:
        self.decks: dict[bytes, str] = {}  # the deck's bytes -> the first path it went to
        self.findings: list[tuple[str, Finding]] = []
        self.seconds = 0.0

    def install(self) -> None:
        """Wrap `write_together` wherever summarydeck's modules hold it."""
        from summarydeck.output import files

        original = files.write_together

        @functools.wraps(original)
        def write_together(written: Any) -> None:
            for path, data in written:
                self.record(Path(path), data)
            original(written)

        for name, module in list(sys.modules.items()):
            if name.startswith("summarydeck") and vars(module).get("write_together") is original:
                module.write_together = write_together  # type: ignore[attr-defined]

    def record(self, path: Path, data: bytes) -> None:
        if path.suffix.lower() in (".pptx", ".potx") and _is_deck(data):
            self.decks.setdefault(bytes(data), str(path))  # the same bytes: validated once

    def validate(self, folder: Path) -> None:
        started = time.perf_counter()
        for data, path in self.decks.items():
            self.findings += [(path, finding) for finding in validate_deck(data, folder)]
        self.seconds = time.perf_counter() - started

    def report(self) -> list[str]:
        """Lines for the end of the session: the cost, then each finding by deck and part."""
        count = len(self.decks)
        lines = [
            f"ECMA-376 schemas: {count} distinct deck(s) the tests wrote, validated in "
            f"{self.seconds:.1f} s: {len(self.findings) or 'no'} finding(s)"
            + (", so the session fails" if self.findings else "")
        ]
        lines += [f"  {path}: {finding}" for path, finding in self.findings]
        return lines


def _is_deck(data: bytes) -> bool:
    """A test may write a few bytes where a deck goes (to test the writer): not a deck."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "ppt/presentation.xml" in package.namelist()
    except zipfile.BadZipFile:
        return False
