"""Write a deck's package: python-pptx's master parts and our slide bundles, named and zipped.

python-pptx's package holds the master, its layouts, the theme, the notes master and the
document properties; each slide was taken out of it once drawn (`slide_bundle.py`). Here the
slides' parts get their names, in slide order, numbered as python-pptx would have numbered them
(slide1, notesSlide1, chart1, the first free media name ...; a picture used twice is one part),
the presentation lists the slides, and one zip pass writes it all (`zip_writer.py`).
"""

from __future__ import annotations

import copy
import datetime as dt
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.opc.spec import default_content_types

from summarydeck.ooxml.names import (
    CONTENT_TYPES_NS,
    PACKAGE_RELS_NS,
    REL_SLIDE,
    qn,
)
from summarydeck.ooxml.slide_bundle import OwnedPart
from summarydeck.ooxml.zip_writer import zip_bytes

_MEDIA = "/ppt/media/"
_FIRST_SLIDE_ID = 256  # PowerPoint's: slide ids start here
_DOC_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
_RELS = "application/vnd.openxmlformats-package.relationships+xml"


@dataclass(frozen=True)
class Package:
    """The deck's bytes, and every part's uncompressed bytes by zip entry name (for the
    checker, which then need not read the zip again)."""

    data: bytes
    parts: dict[str, bytes]


def _relative(target: str, source: str) -> str:
    base = posixpath.dirname(source)
    return target[1:] if base == "/" else posixpath.relpath(target, base)


def _rels_xml(rows: Sequence[tuple[str, str, str, bool]]) -> bytes:
    """A .rels part: (id, type, target, external) rows, in number order as python-pptx
    writes them."""
    root = etree.Element(f"{{{PACKAGE_RELS_NS}}}Relationships", nsmap={None: PACKAGE_RELS_NS})

    def order(row: tuple[str, str, str, bool]) -> tuple[int, str]:
        digits = row[0][3:]
        return (int(digits) if row[0].startswith("rId") and digits.isdigit() else 0, row[0])

    for rel_id, reltype, target, external in sorted(rows, key=order):
        row = etree.SubElement(root, f"{{{PACKAGE_RELS_NS}}}Relationship")
        row.set("Id", rel_id)
        row.set("Type", reltype)
        row.set("Target", target)
        if external:
            row.set("TargetMode", "External")
    return bytes(etree.tostring(root, encoding="UTF-8", standalone=True))


def _rels_uri(partname: str) -> str:
    folder, name = posixpath.split(partname)
    return posixpath.join(folder, "_rels", name + ".rels")


class _Names:
    """Part names handed out in order: the first free number of each stem, and one name per
    distinct picture."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.next: dict[str, int] = {}
        self.media: dict[tuple[str, bytes], str] = {}

    def name(self, part: OwnedPart) -> tuple[str, bool]:
        """The part's name, and whether it is new (a picture seen before is not)."""
        if part.stem.startswith(_MEDIA):
            known = self.media.get((part.content_type, part.blob))
            if known is not None:
                return known, False
        # python-pptx numbers pictures across extensions: image1.png, image2.jpeg
        key = part.stem if not part.stem.startswith(_MEDIA) else _MEDIA
        number = self.next.get(key, 1)
        while self._used(part, number):
            number += 1
        self.next[key] = number + 1
        name = f"{part.stem}{number}{part.ext}"
        self.taken.add(name)
        if part.stem.startswith(_MEDIA):
            self.media[(part.content_type, part.blob)] = name
        return name, True

    def _used(self, part: OwnedPart, number: int) -> bool:
        if part.stem.startswith(_MEDIA):
            prefix = f"{part.stem}{number}."
            return any(name.startswith(prefix) for name in self.taken if name.startswith(_MEDIA))
        return f"{part.stem}{number}{part.ext}" in self.taken


def write_package(prs: Any, slides: Sequence[OwnedPart], when: dt.datetime) -> Package:
    """The package of `prs` (its slides taken out) with `slides` put back in order."""
    package = prs.part.package
    base = list(package.iter_parts())
    names = _Names({str(part.partname) for part in base})
    presentation = prs.part

    slide_parts: list[tuple[str, bytes, str, bytes | None]] = []  # name, blob, type, rels
    content_types: dict[str, str] = {}
    slide_names: list[str] = []
    for slide in slides:
        named: dict[int, str] = {}
        fresh: list[OwnedPart] = []
        for part in slide.walk():
            if id(part) in named:
                continue
            named[id(part)], new = names.name(part)
            if new:
                fresh.append(part)
        slide_name = named[id(slide)]
        slide_names.append(slide_name)
        for part in fresh:
            name = named[id(part)]
            rows = []
            for link in part.links:
                if link.url is not None:
                    rows.append((link.rel_id, link.reltype, link.url, True))
                    continue
                if link.owned is not None:
                    target = named[id(link.owned)]
                elif link.shared is not None:
                    target = link.shared
                else:
                    target = slide_name
                rows.append((link.rel_id, link.reltype, _relative(target, name), False))
            slide_parts.append(
                (name, part.blob, part.content_type, _rels_xml(rows) if rows else None)
            )
            content_types[name] = part.content_type

    entries: list[tuple[str, bytes]] = []
    for part in base:
        name = str(part.partname)
        content_types[name] = str(part.content_type)
        rels: bytes | None
        if part is presentation:
            blob, rels = _presentation(presentation, slide_names)
        else:
            blob = bytes(part.blob)
            rels = bytes(part.rels.xml) if len(part.rels) else None
            if name == "/docProps/core.xml":  # python-pptx writes dates its own way
                iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                blob = _DOC_DATES.sub(rb"\g<1>" + iso + rb"\g<2>", blob)
        entries.append((name[1:], blob))
        if rels is not None:
            entries.append((_rels_uri(name)[1:], rels))
        if part is presentation:  # the slides follow the presentation, as python-pptx put them
            for slide_name, blob, _, slide_rels in slide_parts:
                entries.append((slide_name[1:], blob))
                if slide_rels is not None:
                    entries.append((_rels_uri(slide_name)[1:], slide_rels))
    head = [
        ("[Content_Types].xml", _content_types(content_types)),
        ("_rels/.rels", bytes(package._rels.xml)),
    ]
    everything = head + entries
    return Package(zip_bytes(everything, when), dict(everything))


def _presentation(presentation: Any, slide_names: list[str]) -> tuple[bytes, bytes]:
    """presentation.xml listing the slides, and its relationships with theirs added."""
    rows = [
        (rel_id, rel.reltype, rel.target_ref, rel.is_external)
        for rel_id, rel in presentation.rels.items()
    ]
    used = {row[0] for row in rows}
    root = copy.deepcopy(presentation._element)
    id_list = root.find(qn("p:sldIdLst"))
    if id_list is None:
        id_list = etree.SubElement(root, qn("p:sldIdLst"))
        anchor = None
        for tag in ("p:handoutMasterIdLst", "p:notesMasterIdLst", "p:sldMasterIdLst"):
            anchor = root.find(qn(tag))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addnext(id_list)
    for entry in list(id_list):
        id_list.remove(entry)
    number = 1
    name = str(presentation.partname)
    for position, slide_name in enumerate(slide_names):
        while f"rId{number}" in used:
            number += 1
        rel_id = f"rId{number}"
        used.add(rel_id)
        rows.append((rel_id, REL_SLIDE, _relative(slide_name, name), False))
        entry = etree.SubElement(id_list, qn("p:sldId"))
        entry.set("id", str(_FIRST_SLIDE_ID + position))
        entry.set(qn("r:id"), rel_id)
    blob = etree.tostring(root, encoding="UTF-8", standalone=True)
    return bytes(blob), _rels_xml(rows)


def _content_types(by_name: dict[str, str]) -> bytes:
    defaults = {"rels": _RELS, "xml": "application/xml"}
    overrides: dict[str, str] = {}
    for name, content_type in by_name.items():
        ext = posixpath.splitext(name)[1][1:]
        if (ext.lower(), content_type) in default_content_types:
            defaults[ext] = content_type
        else:
            overrides[name] = content_type
    root = etree.Element(f"{{{CONTENT_TYPES_NS}}}Types", nsmap={None: CONTENT_TYPES_NS})
    for ext, content_type in sorted(defaults.items()):
        etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Default", Extension=ext).set(
            "ContentType", content_type
        )
    for name, content_type in sorted(overrides.items()):
        etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Override", PartName=name).set(
            "ContentType", content_type
        )
    return bytes(etree.tostring(root, encoding="UTF-8", standalone=True))
