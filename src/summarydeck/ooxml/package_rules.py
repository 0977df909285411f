"""Package invariants of a built deck, checked with nothing but zipfile and lxml.

These are the mistakes that make PowerPoint offer to "repair" a file, or LibreOffice draw it
wrongly, yet that python-pptx happily reopens: a part without a content type, a relationship to
a missing part, an `r:id` that names no relationship, malformed XML, duplicate shape ids,
zero-sized or off-slide shapes and chart axis ids that LibreOffice misreads.

`check_package` returns every problem found (an empty list means the package passed); it never
raises for a damaged package, so it can be pointed at anything. Problem codes:

- `zip`: not a readable zip file
- `xml-malformed`: an XML part does not parse
- `content-type`: a part has no content type, or the wrong one for how it is used
- `rel-target`: an internal relationship targets a part that is not there
- `rel-id`: an `r:id`, `r:embed`, `r:link` ... attribute names no relationship of its part
- `shape-id`: two shapes on one slide (layout, master, notes page) share a `p:cNvPr` id
- `zero-size`: a shape with zero width or height (group frames excepted)
- `off-slide`: a top-level slide shape reaching past the slide's edges
- `axis-id`: a chart axis id outside 0 .. 2**31 - 1

Embedded Office packages (a chart's .xlsx) get the first five checks too; their problems name
the part as `/ppt/embeddings/x.xlsx!/xl/workbook.xml`.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from lxml import etree

from summarydeck.ooxml.names import (
    A_NS,
    C_NS,
    OFFICE_TYPE,
    P_NS,
    PACKAGE_RELS_NS,
    R_NS,
    REL_CORE_PROPERTIES,
    REL_OFFICE_DOCUMENT,
    REL_SLIDE,
    STRICT_R_NS,
    local_name,
)
from summarydeck.ooxml.package_limits import (
    PackageRefusal,
    SafeZip,
    check_parts,
    deck_limits,
    read_regular,
)
from summarydeck.ooxml.package_parts import (
    ContentTypes,
    not_well_formed,
    rels_name,
    resolve_target,
)
from summarydeck.ooxml.part_store import PartStore
from summarydeck.ooxml.shapes import shape_xfrm, xfrm_box
from summarydeck.ooxml.xml import XMLSyntaxError

__all__ = ["PackageProblem", "check_package", "check_package_parts"]

# r:id, r:embed, r:link, r:pict, r:dm ... every attribute in these namespaces names a relationship
_R_NAMESPACES = (R_NS, STRICT_R_NS)
_CONTENT_TYPES = "[Content_Types].xml"
_NESTING = 2  # packages embedded in embedded packages are checked; deeper ones are not
_OOXML = OFFICE_TYPE
# what a part reached by these relationship types must be typed as (a Default "application/xml"
# still gives it *a* type, but PowerPoint will not read a slide typed that way)
_TYPE_FOR_RELATIONSHIP = {
    f"{R_NS}/slide": f"{_OOXML}.presentationml.slide+xml",
    f"{R_NS}/slideLayout": f"{_OOXML}.presentationml.slideLayout+xml",
    f"{R_NS}/slideMaster": f"{_OOXML}.presentationml.slideMaster+xml",
    f"{R_NS}/notesSlide": f"{_OOXML}.presentationml.notesSlide+xml",
    f"{R_NS}/notesMaster": f"{_OOXML}.presentationml.notesMaster+xml",
    f"{R_NS}/theme": f"{_OOXML}.theme+xml",
    f"{R_NS}/chart": f"{_OOXML}.drawingml.chart+xml",
    f"{R_NS}/presProps": f"{_OOXML}.presentationml.presProps+xml",
    f"{R_NS}/viewProps": f"{_OOXML}.presentationml.viewProps+xml",
    f"{R_NS}/tableStyles": f"{_OOXML}.presentationml.tableStyles+xml",
    f"{R_NS}/extended-properties": f"{_OOXML}.extended-properties+xml",
    REL_CORE_PROPERTIES: ("application/vnd.openxmlformats-package.core-properties+xml"),
}
_MAX_AXIS_ID = 2**31  # LibreOffice reads axis ids as signed 32-bit integers


@dataclass(frozen=True)
class PackageProblem:
    """One broken invariant. `part` is the OPC part name, e.g. `/ppt/slides/slide1.xml`."""

    code: str
    part: str
    message: str

    def __str__(self) -> str:
        return f"{self.code} {self.part}: {self.message}"


@dataclass(frozen=True)
class _Relationship:
    id: str
    type: str
    target: str  # internal: the part name it resolves to (no leading slash); external: as given
    external: bool


@dataclass
class _Package:
    """The zip's parts by name (no leading slash) and the XML ones parsed."""

    prefix: str  # how part names are shown: "" for the deck, "/ppt/x.xlsx!" inside an embedding
    parts: Mapping[str, bytes]
    xml: dict[str, _Facts]  # the XML parts that parse, by name
    store: PartStore

    def show(self, name: str) -> str:
        return f"{self.prefix}/{name}"

    @cached_property
    def _names(self) -> frozenset[str]:
        return frozenset(name.lower() for name in self.parts)

    def has(self, name: str) -> bool:
        """Whether the part exists; OPC part names compare case-insensitively."""
        return name.lower() in self._names


def check_package(source: str | os.PathLike[str] | bytes) -> list[PackageProblem]:
    """Check a .pptx (a path or its bytes) and any embedded Office packages inside it."""
    data = source if isinstance(source, bytes) else _read_file(source)
    return _check_zip(data, prefix="", presentation=True)


def check_package_parts(store: PartStore) -> list[PackageProblem]:
    """Every check of `check_package` that needs no zip, on a deck's parts held in memory:
    the zip itself (its directory, compression, CRCs) is judged when a zip is read. Parts
    that did not come from a zip read within the limits (`store.scanned`) are first held to
    the limits a zip's parts get (names, sizes, no DTD): a package past them is one `zip`
    problem, as its zip would be. XML parts are parsed through `store`, which keeps them for
    the deck's reader."""
    if not store.scanned:
        types = store.types or ContentTypes({}, {})
        try:
            check_parts(store.data, types.is_xml, deck_limits())
        except PackageRefusal as refusal:
            return [PackageProblem("zip", "/", f"not a readable zip package: {refusal.reason}")]
        store.scanned = True
    return _check_parts(store, prefix="", presentation=True)


def _read_file(path: str | os.PathLike[str]) -> bytes:
    limits = deck_limits()
    try:
        return read_regular(Path(path), limits.file_bytes, limits.raise_hint)
    except PackageRefusal:
        return b""  # not a readable zip: said as such
    except OSError:
        return b""


def _check_zip(data: bytes, prefix: str, presentation: bool) -> list[PackageProblem]:
    """All checks on one zip; the slide and chart checks only for the presentation itself.
    Every zip, embedded ones too, is inflated within the limits of `package_limits`."""
    try:
        archive = SafeZip(data, deck_limits())
        head = PartStore(
            {_CONTENT_TYPES: archive.read(_CONTENT_TYPES, xml=True)}
            if _CONTENT_TYPES in archive.infos
            else {}
        )
        content_types = head.types or ContentTypes({}, {})
        # the one rule for XML, as the deck was read: every part it names is scanned for
        # DTDs, counted toward the XML budget and parsed below
        parts = archive.read_all(content_types.is_xml)
    except PackageRefusal as refusal:
        problem = f"not a readable zip package: {refusal.reason}"
        return [PackageProblem("zip", prefix or "/", problem)]
    return _check_parts(PartStore(parts), prefix, presentation)


def _check_parts(store: PartStore, prefix: str, presentation: bool) -> list[PackageProblem]:
    data = store.data
    # the list of content types first, then the parts in the package's order
    parts = {name: data[name] for name in ([_CONTENT_TYPES] if _CONTENT_TYPES in data else [])}
    parts.update(data)
    package = _Package(prefix, parts, {}, store)
    problems: list[PackageProblem] = []
    content_types = _content_types(package, problems)
    problems += _check_well_formed(package, content_types)
    problems += _check_content_types(package, content_types)
    rels = _all_relationships(package)
    problems += _check_typed_parts(package, content_types, rels)
    problems += _check_relationship_targets(package, rels)
    problems += _check_relationship_ids(package, rels)
    if presentation:
        problems += _check_shape_ids(package)
        problems += _check_zero_size(package)
        problems += _check_off_slide(package, rels)
        problems += _check_chart_axis_ids(package)
    for name, payload in parts.items():
        if prefix.count("!") < _NESTING and _is_office_package(name, payload):
            problems += _embedded(payload, package.show(name) + "!")
    return problems


# embedded workbooks checked lately, by their bytes: a build's charts keep their workbooks
# from one build to the next, and each is a zip of its own to inflate and parse
_EMBEDDED: OrderedDict[tuple[bytes, str], list[PackageProblem]] = OrderedDict()
_EMBEDDED_KEPT = 512


_EMBEDDED_LOCK = threading.Lock()


def _embedded(payload: bytes, prefix: str) -> list[PackageProblem]:
    key = (hashlib.blake2b(payload, digest_size=16).digest(), prefix)
    with _EMBEDDED_LOCK:
        found = _EMBEDDED.get(key)
        if found is not None:
            _EMBEDDED.move_to_end(key)
            return list(found)
    found = _check_zip(payload, prefix, presentation=False)
    with _EMBEDDED_LOCK:
        _EMBEDDED[key] = found
        while len(_EMBEDDED) > _EMBEDDED_KEPT:
            _EMBEDDED.popitem(last=False)
    return list(found)


def _is_office_package(name: str, payload: bytes) -> bool:
    return name.lower().endswith((".xlsx", ".docx", ".pptx")) and payload[:2] == b"PK"


# --- content types -----------------------------------------------------------------------------


def _content_types(package: _Package, problems: list[PackageProblem]) -> ContentTypes:
    if _CONTENT_TYPES not in package.parts:
        problems.append(
            PackageProblem("content-type", package.show(_CONTENT_TYPES), "the package has none")
        )
        return ContentTypes({}, {})
    # one that does not parse is reported by _check_well_formed
    return package.store.types or ContentTypes({}, {})


def _check_content_types(package: _Package, types: ContentTypes) -> list[PackageProblem]:
    """Every part has a content type: an Override for its name or a Default for its extension.

    PowerPoint refuses (or "repairs") a package with a part it cannot type.
    """
    return [
        PackageProblem("content-type", package.show(name), "no Default or Override content type")
        for name in package.parts
        if name != _CONTENT_TYPES and not types.of(name)
    ]


def _check_typed_parts(
    package: _Package, types: ContentTypes, rels: dict[str, list[_Relationship]]
) -> list[PackageProblem]:
    """A slide, layout, master, notes page, theme, chart or properties part has its own type.

    Judged by the relationship that reaches the part; missing targets are left to
    `_check_relationship_targets`.
    """
    problems: list[PackageProblem] = []
    seen: set[str] = set()
    for items in rels.values():
        for rel in items:
            expected = _TYPE_FOR_RELATIONSHIP.get(rel.type)
            if rel.external or expected is None or rel.target in seen:
                continue
            seen.add(rel.target)
            actual = types.of(rel.target)
            if package.has(rel.target) and actual and actual != expected:
                problems.append(
                    PackageProblem(
                        "content-type",
                        package.show(rel.target),
                        f"typed {actual}; a {rel.type.rsplit('/', 1)[-1]} part is {expected}",
                    )
                )
    return problems


# --- well-formed XML ---------------------------------------------------------------------------


def _check_well_formed(package: _Package, types: ContentTypes) -> list[PackageProblem]:
    """Every XML part (by extension or XML content type) parses; what the other checks need
    of each is kept (`_Facts`).

    The other XML checks only look at parts that parsed, so a malformed part is reported once.
    """
    problems: list[PackageProblem] = []
    for name in package.parts:
        if not types.is_xml(name):
            continue
        try:
            package.xml[name] = _facts_of(package.store, name)
        except XMLSyntaxError as exc:
            problems.append(
                PackageProblem("xml-malformed", package.show(name), not_well_formed(exc))
            )
    return problems


@dataclass(frozen=True)
class _Facts:
    """What the checks need of one XML part, from its bytes alone: kept by their digest, so
    a part checked before (a `watch` rebuild's unchanged slides) is not parsed again."""

    relationships: tuple[tuple[str, str, str, bool], ...]  # Id, Type, Target, external
    references: tuple[tuple[str, str], ...]  # (r:name, value) of each relationships attribute
    drawing: bool  # a shape tree's part: a slide, layout, master or notes page
    shape_ids: tuple[str, ...]  # messages: ids used more than once
    zero_size: tuple[str, ...]  # messages: shapes of no width or height
    size: tuple[int, int] | None  # a presentation's readable p:sldSz
    boxes: tuple[tuple[tuple[int, int, int, int], str], ...]  # top-level shapes' boxes, labels
    axis_ids: tuple[str, ...]  # messages: a chart's axis ids out of range


_FACTS: OrderedDict[bytes, _Facts] = OrderedDict()
_FACTS_KEPT = 60_000  # parts: a few big decks
_FACTS_LOCK = threading.Lock()


def _facts_of(store: PartStore, name: str) -> _Facts:
    """The facts of the XML part `name`; raises XMLSyntaxError when it does not parse."""
    key = store.digest(name)
    with _FACTS_LOCK:
        found = _FACTS.get(key)
        if found is not None:
            _FACTS.move_to_end(key)
            return found
    found = _facts(store.root(name))
    with _FACTS_LOCK:
        _FACTS[key] = found
        while len(_FACTS) > _FACTS_KEPT:
            _FACTS.popitem(last=False)
    return found


def _facts(root: Any) -> _Facts:
    drawing = root.find(f"{{{P_NS}}}cSld") is not None
    return _Facts(
        tuple(
            (
                element.get("Id", ""),
                element.get("Type", ""),
                element.get("Target", ""),
                element.get("TargetMode") == "External",
            )
            for element in root.iter(f"{{{PACKAGE_RELS_NS}}}Relationship")
        ),
        tuple(_relationship_refs(root)),
        drawing,
        _shape_ids(root) if drawing else (),
        _zero_size(root) if drawing else (),
        _size_of(root),
        _top_boxes(root),
        _axis_ids(root) if root.tag == f"{{{C_NS}}}chartSpace" else (),
    )


# --- relationships -----------------------------------------------------------------------------


def _source_of(rels_name: str) -> str | None:
    """The part a .rels part belongs to ("" for the package), or None if it is not a .rels."""
    folder, base = posixpath.split(rels_name)
    if posixpath.basename(folder) != "_rels" or not base.endswith(".rels"):
        return None
    return posixpath.join(posixpath.dirname(folder), base.removesuffix(".rels")).lstrip("/")


def _all_relationships(package: _Package) -> dict[str, list[_Relationship]]:
    """Source part name ("" for the package) -> its relationships, for every parsed .rels."""
    found: dict[str, list[_Relationship]] = {}
    for name, facts in package.xml.items():
        source = _source_of(name)
        if source is None:
            continue
        found[source] = [
            _Relationship(
                rel_id, rel_type, target if external else resolve_target(source, target), external
            )
            for rel_id, rel_type, target, external in facts.relationships
        ]
    return found


def _check_relationship_targets(
    package: _Package, rels: dict[str, list[_Relationship]]
) -> list[PackageProblem]:
    """Every internal relationship points at a part that is in the package."""
    return [
        PackageProblem(
            "rel-target",
            package.show(rels_name(source)),
            f"{rel.id} ({rel.type.rsplit('/', 1)[-1]}) targets missing part /{rel.target}",
        )
        for source, items in rels.items()
        for rel in items
        if not rel.external and not package.has(rel.target)
    ]


# every attribute in a relationships namespace, in document order (one query, not a loop over
# every element in Python)
_R_ATTRIBUTES = etree.XPath(
    "//@r:* | //@strict:*", namespaces={"r": _R_NAMESPACES[0], "strict": _R_NAMESPACES[1]}
)


def _relationship_refs(root: Any) -> Iterator[tuple[str, str]]:
    """(attribute as r:name, value) for every attribute in a relationships namespace."""
    for value in _R_ATTRIBUTES(root):
        yield f"r:{value.attrname.partition('}')[2]}", str(value)


def _check_relationship_ids(
    package: _Package, rels: dict[str, list[_Relationship]]
) -> list[PackageProblem]:
    """Every `r:id`, `r:embed`, `r:link` (any r: attribute) names a relationship of its part.

    An empty value means "none" in the schema and is allowed.
    """
    problems: list[PackageProblem] = []
    for name, facts in package.xml.items():
        if _source_of(name) is not None or name == _CONTENT_TYPES:
            continue
        known = {rel.id for rel in rels.get(name, [])}
        problems += [
            PackageProblem("rel-id", package.show(name), f'{attr}="{value}" has no relationship')
            for attr, value in facts.references
            if value and value not in known
        ]
    return problems


# --- slides --------------------------------------------------------------------------------------


def _check_shape_ids(package: _Package) -> list[PackageProblem]:
    """Shape ids (`p:cNvPr/@id`) are unique within each slide, layout, master and notes page.

    PowerPoint repairs a slide with duplicate ids, and animations and alt text can attach to
    the wrong shape.
    """
    return [
        PackageProblem("shape-id", package.show(name), message)
        for name, facts in package.xml.items()
        for message in facts.shape_ids
    ]


def _shape_ids(root: Any) -> tuple[str, ...]:
    counts = Counter(e.get("id") for e in root.iter(f"{{{P_NS}}}cNvPr"))
    return tuple(
        f"shape id {shape_id} is used {n} times"
        for shape_id, n in sorted(counts.items(), key=lambda item: str(item[0]))
        if n > 1
    )


def _is_group_frame(ext: Any) -> bool:
    """True for the `a:ext` of a group's own transform (`p:grpSpPr/a:xfrm/a:ext`)."""
    xfrm = ext.getparent()
    parent = xfrm.getparent() if xfrm is not None else None
    return parent is not None and parent.tag == f"{{{P_NS}}}grpSpPr"


def _check_zero_size(package: _Package) -> list[PackageProblem]:
    """No shape has a zero width or height (`a:ext` with cx or cy of 0).

    A group's own frame (`p:grpSpPr`) may be 0 x 0: the shape tree's root group always is.
    """
    return [
        PackageProblem("zero-size", package.show(name), message)
        for name, facts in package.xml.items()
        for message in facts.zero_size
    ]


def _zero_size(root: Any) -> tuple[str, ...]:
    found = []
    for ext in root.iter(f"{{{A_NS}}}ext"):
        cx, cy = ext.get("cx"), ext.get("cy")
        if (cx is None and cy is None) or _is_group_frame(ext):
            continue
        if cx == "0" or cy == "0":
            found.append(f"{_shape_label(ext)} has size cx={cx} cy={cy}")
    return tuple(found)


def _shape_label(inner: Any) -> str:
    """`id 4 "Chart"` for the shape that contains `inner`, for messages."""
    node = inner
    while node is not None:
        c_nv_pr = next(node.iterfind(f"./*/{{{P_NS}}}cNvPr"), None)
        if c_nv_pr is not None:
            return f'shape id {c_nv_pr.get("id")} "{c_nv_pr.get("name", "")}"'
        node = node.getparent()
    return "a shape"


def _part_targets(rels: dict[str, list[_Relationship]], source: str, rel_type: str) -> list[str]:
    return [r.target for r in rels.get(source, []) if r.type == rel_type and not r.external]


def _size_of(root: Any) -> tuple[int, int] | None:
    size = root.find(f"{{{P_NS}}}sldSz")
    if size is None:
        return None
    try:
        return int(size.get("cx", "")), int(size.get("cy", ""))
    except ValueError:
        return None


def _check_off_slide(
    package: _Package, rels: dict[str, list[_Relationship]]
) -> list[PackageProblem]:
    """No top-level slide shape extends past the slide (`p:sldSz` in the presentation part).

    Only shapes with their own `a:off`/`a:ext` are checked; a placeholder without them takes
    its position from the layout.
    """
    problems: list[PackageProblem] = []
    for presentation in _part_targets(rels, "", REL_OFFICE_DOCUMENT):
        facts = package.xml.get(presentation)
        size = facts.size if facts is not None else None
        if size is None:
            problems.append(
                PackageProblem(
                    "off-slide", package.show(presentation), "no readable p:sldSz slide size"
                )
            )
            continue
        width, height = size
        for slide in _part_targets(rels, presentation, REL_SLIDE):
            found = package.xml.get(slide)
            for (x, y, cx, cy), label in found.boxes if found is not None else ():
                if x < 0 or y < 0 or x + cx > width or y + cy > height:
                    problems.append(
                        PackageProblem(
                            "off-slide",
                            package.show(slide),
                            f"{label} spans x {x}..{x + cx}, y {y}..{y + cy}; "
                            f"the slide is {width} x {height}",
                        )
                    )
    return problems


def _top_boxes(root: Any) -> tuple[tuple[tuple[int, int, int, int], str], ...]:
    """The box and label of each top-level shape of a shape tree that writes its own."""
    found = []
    tree = root.find(f"{{{P_NS}}}cSld/{{{P_NS}}}spTree")
    for shape in tree if tree is not None else ():
        xfrm = shape_xfrm(shape)
        box = xfrm_box(xfrm) if xfrm is not None else None
        if box is not None:
            found.append((box, _shape_label(xfrm)))
    return tuple(found)


# --- charts --------------------------------------------------------------------------------------


def _check_chart_axis_ids(package: _Package) -> list[PackageProblem]:
    """Chart axis ids (`c:axId`, `c:crossAx`) are integers in 0 .. 2**31 - 1.

    The schema types them as unsigned ints, and LibreOffice reads them as signed 32-bit ints, so
    a larger id (e.g. a negative id made unsigned) loses the category axis labels there.
    """
    return [
        PackageProblem("axis-id", package.show(name), message)
        for name, facts in package.xml.items()
        for message in facts.axis_ids
    ]


def _axis_ids(root: Any) -> tuple[str, ...]:
    found = []
    for element in root.iter(f"{{{C_NS}}}axId", f"{{{C_NS}}}crossAx"):
        value = element.get("val", "")
        local = local_name(element)
        if not (value.isascii() and value.isdigit() and int(value) < _MAX_AXIS_ID):
            found.append(f'c:{local} val="{value}" is not an integer in 0..{_MAX_AXIS_ID - 1}')
    return tuple(found)
