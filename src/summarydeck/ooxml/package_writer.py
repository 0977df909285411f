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
import functools
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from summarydeck.diagnostics import OutputError
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
_RELS = "application/vnd.openxmlformats-package.relationships+xml"


@dataclass(frozen=True)
class Package:
    """The deck's bytes, and every part's uncompressed bytes by zip entry name (for the
    checker, which then need not read the zip again)."""

    data: bytes
    parts: dict[str, bytes]


@functools.lru_cache(maxsize=8192)
def _relative(target: str, source: str) -> str:
    base = posixpath.dirname(source)
    return target[1:] if base == "/" else posixpath.relpath(target, base)


def _rels_xml(rows: list[tuple[str, str, str, bool]]) -> bytes:
    return _rels_bytes(tuple(rows))


@functools.lru_cache(maxsize=8192)  # a slide kept from the last build has the same rows
def _rels_bytes(rows: tuple[tuple[str, str, str, bool], ...]) -> bytes:
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
        # a picture's name without its extension ("/ppt/media/image3."): numbers are shared
        self.media_stems = {name.rpartition(".")[0] + "." for name in taken if _MEDIA in name}

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
            self.media_stems.add(f"{part.stem}{number}.")
        return name, True

    def _used(self, part: OwnedPart, number: int) -> bool:
        if part.stem.startswith(_MEDIA):
            return f"{part.stem}{number}." in self.media_stems
        return f"{part.stem}{number}{part.ext}" in self.taken


@dataclass(frozen=True)
class BasePart:
    """A part of the master's package, serialised once: a master kept between builds is
    written from these bytes, not serialised again."""

    name: str
    content_type: str
    blob: bytes
    rels: bytes | None


@dataclass(frozen=True)
class AddedPart:
    """A part this build adds, related from the package (the custom properties)."""

    name: str
    content_type: str
    blob: bytes
    reltype: str


def base_parts(prs: Any) -> list[BasePart]:
    """Every part of `prs` (its slides taken out) but the presentation itself, which lists the
    slides and is written anew each time."""
    found = []
    for part in prs.part.package.iter_parts():
        if part is prs.part:
            continue
        rels = bytes(part.rels.xml) if len(part.rels) else None
        found.append(BasePart(str(part.partname), str(part.content_type), bytes(part.blob), rels))
    return found


def write_package(
    prs: Any,
    base: Sequence[BasePart],
    slides: Sequence[OwnedPart],
    when: dt.datetime,
    replaced: dict[str, bytes],
    added: Sequence[AddedPart] = (),
) -> Package:
    """The package of `prs` with `slides` put back in order. `base`: `base_parts(prs)`;
    `replaced`: new bytes for parts of it (the document properties); `added`: parts to add."""
    package = prs.part.package
    presentation = prs.part
    pres_name = str(presentation.partname)
    names = _Names({part.name for part in base} | {pres_name} | {part.name for part in added})
    content_types: dict[str, str] = {part.name: part.content_type for part in base}
    content_types[pres_name] = str(presentation.content_type)
    slide_entries: list[tuple[str, bytes]] = []
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
            slide_entries.append((name[1:], part.blob))
            if rows:
                slide_entries.append((_rels_uri(name)[1:], _rels_xml(rows)))
            content_types[name] = part.content_type

    blob, rels = _presentation(presentation, slide_names)
    entries = [(pres_name[1:], blob), (_rels_uri(pres_name)[1:], rels), *slide_entries]
    for shared in base:
        entries.append((shared.name[1:], replaced.get(shared.name, shared.blob)))
        if shared.rels is not None:
            entries.append((_rels_uri(shared.name)[1:], shared.rels))
    package_rels = [
        (rel_id, rel.reltype, rel.target_ref, rel.is_external)
        for rel_id, rel in package._rels.items()
    ]
    used = {row[0] for row in package_rels}
    number = 1
    for extra in added:
        while f"rId{number}" in used:
            number += 1
        used.add(f"rId{number}")
        package_rels.append((f"rId{number}", extra.reltype, extra.name[1:], False))
        entries.append((extra.name[1:], extra.blob))
        content_types[extra.name] = extra.content_type
    head = [
        ("[Content_Types].xml", _content_types(content_types)),
        ("_rels/.rels", _rels_xml(package_rels)),
    ]
    everything = head + entries
    seen: set[str] = set()
    for name, _ in everything:  # a zip may hold two entries of one name; a package may not
        if name.lower() in seen:
            raise OutputError(f"the deck would hold two parts named {name}; nothing was written")
        seen.add(name.lower())
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
    # python-pptx's list of (extension, type) written once as a Default; imported here, as
    # planning imports this module (through `saving`) without needing python-pptx
    from pptx.opc.spec import default_content_types

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
