"""A deck's parts and relationships as python-pptx loads them, read from parts in memory with
lxml alone: which parts it loads, the content type and class it gives each, and which
relationships it keeps. The checker's reader follows a deck through this graph exactly as it
once followed python-pptx's objects, so a deck python-pptx refused is refused alike, and one it
read is read alike, in a fraction of the time.

What python-pptx does, kept here on purpose:

- parts are those reached from the package's relationships (depth first), that are in the
  zip under that exact name; each has its Override's content type, else its extension's
  Default, or the deck cannot be opened;
- a relationship to a part that is not there is dropped (add-ins "delete" a picture by
  pointing it at `NULL`), unless its target mode is neither Internal nor External;
- relationship ids are unique per part, the last one written winning;
- parts of the content types python-pptx gives a class of its own (slides, layouts, masters,
  notes, charts, the presentation, core properties) are XML it parses; any other part (a
  theme, a picture) is bytes.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from summarydeck.ooxml.external_links import KINDS, SVG_KIND, LinkedFile, svg_references
from summarydeck.ooxml.names import (
    CONTENT_TYPES_NS,
    OFFICE_TYPE,
    PACKAGE_RELS_NS,
    R_NS,
    REL_OFFICE_DOCUMENT,
    STRICT_R_NS,
    local_name,
    qn,
)
from summarydeck.ooxml.opening import damage_of
from summarydeck.ooxml.package_parts import CONTENT_TYPES
from summarydeck.ooxml.part_store import PartStore

_PML = f"{OFFICE_TYPE}.presentationml"
SLIDE_TYPE = f"{_PML}.slide+xml"
NOTES_TYPE = f"{_PML}.notesSlide+xml"
LAYOUT_TYPE = f"{_PML}.slideLayout+xml"
MASTER_TYPE = f"{_PML}.slideMaster+xml"
CHART_TYPE = f"{OFFICE_TYPE}.drawingml.chart+xml"
_PRESENTATION_TYPES = (
    f"{_PML}.presentation.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
)
# the content types python-pptx parses as XML (a part class of its own); every other part
# is bytes to it
XML_PART_TYPES = frozenset(
    {
        *_PRESENTATION_TYPES,
        f"{_PML}.template.main+xml",
        f"{_PML}.slideshow.main+xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
        f"{_PML}.notesMaster+xml",
        NOTES_TYPE,
        SLIDE_TYPE,
        LAYOUT_TYPE,
        MASTER_TYPE,
        CHART_TYPE,
    }
)
REL_SLIDE_LAYOUT = f"{R_NS}/slideLayout"
REL_NOTES = f"{R_NS}/notesSlide"
REL_SLIDE_MASTER = f"{R_NS}/slideMaster"
_RELATIONSHIPS = f"{{{PACKAGE_RELS_NS}}}Relationships"
_RELATIONSHIP = f"{{{PACKAGE_RELS_NS}}}Relationship"
_TYPES = f"{{{CONTENT_TYPES_NS}}}Types"
_OVERRIDE = f"{{{CONTENT_TYPES_NS}}}Override"
_DEFAULT = f"{{{CONTENT_TYPES_NS}}}Default"
_NOT_FOLLOWED = ("hyperlink",)  # relationship types a viewer only follows on a click
_SHAPES = ("pic", "sp", "graphicFrame", "grpSp", "cxnSp", "contentPart")
_SVG_TYPE = "image/svg+xml"
_R_PREFIXES = ("{" + R_NS, "{" + STRICT_R_NS)


class InvalidXmlError(Exception):
    """A required element or attribute is missing (python-pptx's name for it, which a
    message about an unreadable slide repeats)."""


def required(element: Any, name: str) -> str:
    """An attribute python-pptx requires: InvalidXmlError when it is missing."""
    value = element.get(name)
    if value is None:
        raise InvalidXmlError(f"required attribute {name} not present")
    return str(value)


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str  # a part's name with its leading slash; for an external one, the address
    external: bool


class PackageGraph:
    """The parts python-pptx loads from a deck and the relationships it keeps."""

    def __init__(self, store: PartStore) -> None:
        self.store = store
        self._overrides: dict[str, str] = {}
        self._defaults: dict[str, str] = {}
        self.types: dict[str, str] = {}  # part name ("/ppt/...") -> content type, loaded parts
        self.rels: dict[str, dict[str, Rel]] = {}  # "/" for the package's own
        self._refs: dict[str, dict[str, Any]] = {}

    # -- loading, as python-pptx's package loader does --

    def load(self) -> None:
        """Raises what python-pptx would raise opening the deck (XMLSyntaxError, KeyError,
        InvalidXmlError, ValueError ...)."""
        types = self.store.root(CONTENT_TYPES)
        if types.tag != _TYPES:
            raise AttributeError("the list of content types is not a <Types> element")
        for item in types.findall(_OVERRIDE):
            self._overrides[required(item, "PartName").lower()] = required(item, "ContentType")
        for item in types.findall(_DEFAULT):
            self._defaults[required(item, "Extension").lower()] = required(item, "ContentType")
        xml_rels = self._walk()
        for name in xml_rels:
            if name == "/" or not self.has_member(name):
                continue
            kind = self._content_type(name)
            if kind in XML_PART_TYPES:  # python-pptx parses it: it must be well-formed
                self.store.check_well_formed(name[1:])
            self.types[name] = kind
        for name in [*self.types, "/"]:
            self.rels[name] = self._load_rels(name, xml_rels[name])

    def has_member(self, name: str) -> bool:
        return name.startswith("/") and name[1:] in self.store.data

    def _content_type(self, name: str) -> str:
        found = self._overrides.get(name.lower())
        if found is not None:
            return found
        extension = posixpath.splitext(name)[1]
        extension = extension[1:] if extension.startswith(".") else extension
        found = self._defaults.get(extension.lower())
        if found is None:
            raise KeyError(f"no content-type for partname {name!r}")
        return found

    def _rels_elements(self, name: str) -> list[Any]:
        member = rels_member(name)[1:]
        if member not in self.store.data:
            return []
        root = self.store.root(member)
        if root.tag != _RELATIONSHIPS:
            raise AttributeError(f"{member} is not a <Relationships> element")
        return list(root.findall(_RELATIONSHIP))

    def _walk(self) -> dict[str, list[Any]]:
        """Each part's relationship elements, parts in python-pptx's depth-first order
        (reached by internal relationships, whether or not the part is there)."""
        found: dict[str, list[Any]] = {}
        stack: list[tuple[str, Iterator[Any]]] = []

        def visit(name: str) -> None:
            found[name] = self._rels_elements(name)
            stack.append((name, iter(found[name])))

        visit("/")
        while stack:
            source, pending = stack[-1]
            rel = next(pending, None)
            if rel is None:
                stack.pop()
                continue
            if rel.get("TargetMode", "Internal") == "External":
                continue
            target = part_name(source, required(rel, "Target"))
            if target not in found:
                visit(target)
        return found

    def _load_rels(self, source: str, elements: list[Any]) -> dict[str, Rel]:
        rels: dict[str, Rel] = {}
        for rel in elements:
            mode = rel.get("TargetMode", "Internal")
            if mode == "Internal" and part_name(source, required(rel, "Target")) not in self.types:
                continue  # a part that is not there: dropped
            target = required(rel, "Target")
            if mode != "External":
                target = part_name(source, target)
                if target not in self.types:
                    raise KeyError(target)
            found = Rel(required(rel, "Id"), required(rel, "Type"), target, mode == "External")
            rels[found.id] = found
        return rels

    # -- what the reader asks --

    def root(self, name: str) -> Any:
        return self.store.root(name[1:])

    def is_xml(self, name: str) -> bool:
        return self.types.get(name) in XML_PART_TYPES

    def related(self, source: str, rel_id: str) -> str:
        """The part `source` relates to by `rel_id` (KeyError, or ValueError for an
        external relationship, as python-pptx)."""
        rel = self.rels[source][rel_id]
        if rel.external:
            raise ValueError("an external relationship has no target part")
        return rel.target

    def related_by(self, source: str, rel_type: str) -> str:
        """The one part `source` relates to by `rel_type` (KeyError without one, ValueError
        with more than one, as python-pptx)."""
        found = [rel for rel in self.rels[source].values() if rel.type == rel_type]
        if not found:
            raise KeyError(f"no relationship of type {rel_type!r}")
        if len(found) > 1:
            raise ValueError(f"multiple relationships of type {rel_type!r}")
        if found[0].external:
            raise ValueError("an external relationship has no target part")
        return found[0].target

    def external_targets(self, source: str) -> dict[str, str]:
        """Relationship id to address, for the part's links to outside the deck."""
        return {rel.id: rel.target for rel in self.rels[source].values() if rel.external}

    def parts_in_order(self) -> Iterator[str]:
        """Every part reached from the package's relationships once, depth first, in the order
        python-pptx's `iter_parts` gives them."""
        seen: set[str] = set()
        stack = [iter(self.rels["/"].values())]
        while stack:
            rel = next(stack[-1], None)
            if rel is None:
                stack.pop()
                continue
            if rel.external or rel.target in seen:
                continue
            seen.add(rel.target)
            yield rel.target
            stack.append(iter(self.rels[rel.target].values()))

    # -- linked files --

    def linked_files(
        self, slides: list[tuple[int, str]], name_of: Callable[[str], str]
    ) -> list[LinkedFile]:
        """Every relationship that a viewer follows to load something from outside the
        package, in package order, hyperlinks left out (`external_links.linked_files` for
        python-pptx's objects); `slides`: (number, part) of each slide in order, `name_of` a
        slide part's name (asked only when there is something to say)."""
        sources: list[str | None] = [None, *self.parts_in_order()]
        if not any(
            (part is not None and self._is_svg(part)) or self._links_out(part) for part in sources
        ):
            return []  # the common case: nothing to say, no shapes to search
        owners = self._owners([(number, part, name_of(part)) for number, part in slides])
        found: list[LinkedFile] = []
        for part in sources:
            owner = (owners.get(part) if part is not None else None) or _Owner(
                None, "", _shown_part(part), None
            )
            if part is not None and self._is_svg(part):
                found += [
                    LinkedFile(SVG_KIND, target, owner.where, owner.slide, owner.name, owner.shape)
                    for target in svg_references(self.store.data[part[1:]])
                ]
            for rel_id, rel in self.rels[part or "/"].items():
                if not rel.external or _last_word(rel.type) in _NOT_FOLLOWED:
                    continue
                found.append(
                    LinkedFile(
                        KINDS.get(_last_word(rel.type), "file"),
                        rel.target,
                        owner.where,
                        owner.slide,
                        owner.name,
                        self._shape_using(part, rel_id) or owner.shape,
                    )
                )
        return found

    def _links_out(self, part: str | None) -> bool:
        return any(
            rel.external and _last_word(rel.type) not in _NOT_FOLLOWED
            for rel in self.rels[part or "/"].values()
        )

    def _is_svg(self, part: str) -> bool:
        return self.types[part].lower().startswith(_SVG_TYPE) or part.lower().endswith(".svg")

    def _owners(self, slides: list[tuple[int, str, str]]) -> dict[str, _Owner]:
        owners: dict[str, _Owner] = {}
        for number, part, name in slides:
            owners[part] = _Owner(number, name, f"slide {number}", None)
            for rel_id, rel in self.rels[part].items():
                kind = _last_word(rel.type)
                if rel.external or kind == "slideLayout":  # a layout serves many slides
                    continue
                where = (
                    f"the notes of slide {number}" if kind == "notesSlide" else f"slide {number}"
                )
                shape = self._shape_using(part, rel_id)
                owners.setdefault(rel.target, _Owner(number, name, where, shape))
        return owners

    def _shape_using(self, part: str | None, rel_id: str) -> str | None:
        """The name of the shape whose XML refers to `rel_id`, if the part is XML to
        python-pptx and has one."""
        if part is None or not self.is_xml(part):
            return None
        element = self._references(part).get(rel_id)
        if element is None:
            return None
        for ancestor in element.iterancestors():
            if local_name(ancestor) in _SHAPES:
                named = next(ancestor.iter(qn("p:cNvPr")), None)
                return str(named.get("name", "")) or None if named is not None else None
        return None

    def _references(self, part: str) -> dict[str, Any]:
        """Each value of an attribute in a relationships namespace in the part, with the
        first element (in document order) that has it."""
        found = self._refs.get(part)
        if found is None:
            found = {}
            for element in self.root(part).iter():
                for key, value in element.attrib.items():
                    if isinstance(key, str) and key.startswith(_R_PREFIXES):
                        found.setdefault(value, element)
            self._refs[part] = found
        return found


@dataclass(frozen=True)
class _Owner:
    slide: int | None
    name: str
    where: str
    shape: str | None


def _shown_part(part: str | None) -> str:
    return "the package" if part is None else part.lstrip("/")


def _last_word(reltype: str) -> str:
    return reltype.rstrip("/").rpartition("/")[2]


@functools.lru_cache(maxsize=16384)
def part_name(source: str, target: str) -> str:
    """A relationship's target as python-pptx names the part: joined to its source's folder
    (`/` for the package) and normalised; nothing is stripped (a `#fragment` stays)."""
    return _joined(posixpath.split(source)[0], target)


@functools.lru_cache(maxsize=4096)
def _joined(base: str, target: str) -> str:
    return posixpath.abspath(posixpath.join(base, target))


@functools.lru_cache(maxsize=16384)
def rels_member(name: str) -> str:
    """The relationships part of the part `name` (`/_rels/.rels` for the package "/")."""
    folder, base = posixpath.split(name)
    return posixpath.join(folder, "_rels", base + ".rels")


def open_graph(store: PartStore, shown: str) -> tuple[PackageGraph, str]:
    """The package graph of a deck's parts and the name of its presentation part. Raises
    DeckReadError where python-pptx could not open the deck, in the words it is refused in."""
    graph = PackageGraph(store)
    try:
        graph.load()
        main = graph.related_by("/", REL_OFFICE_DOCUMENT)
        if graph.types[main] not in _PRESENTATION_TYPES:
            raise ValueError("not a PowerPoint file")
    except Exception as exc:  # python-pptx raises many kinds; the message names none
        raise damage_of(store, shown, exc) from exc
    return graph, main
