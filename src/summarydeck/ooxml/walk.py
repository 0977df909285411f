"""The one read-only walk over an open deck that the checker's reader, the inventory (manifest,
`diff`, edit guard) and export share: each slide with its XML, its name, whether it is hidden,
its relationships, notes, layout and master."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lxml import etree

from summarydeck.ooxml.names import R_NS, qn
from summarydeck.ooxml.opening import DeckReadError, read_deck_parts

# package_graph reads linked files through external_links, which walks slides with this
# module: it is imported where it is used
if TYPE_CHECKING:
    from summarydeck.ooxml.package_graph import PackageGraph

T = TypeVar("T")


@dataclass(frozen=True)
class SlideParts:
    number: int  # counted from 1
    slide: Any  # python-pptx's slide: its shape proxies and layout chain

    @property
    def element(self) -> Any:
        """The slide's `<p:sld>`."""
        return self.slide._element

    @property
    def name(self) -> str:
        """The name summarydeck gives a slide (its id); "" when it has none."""
        tree = self.element.find(qn("p:cSld"))
        return str(tree.get("name", "")) if tree is not None else ""

    @property
    def hidden(self) -> bool:
        """PowerPoint's Hide Slide: not shown in a slide show, left out of a PDF."""
        return self.element.get("show") in ("0", "false")

    @property
    def layout(self) -> Any:
        return self.slide.slide_layout

    @property
    def master(self) -> Any:
        return self.slide.slide_layout.slide_master

    def external_targets(self) -> dict[str, str]:
        """Relationship id to address, for the slide's links to outside the deck."""
        return {rid: rel.target_ref for rid, rel in self.slide.part.rels.items() if rel.is_external}

    def target_of(self, element: Any) -> str:
        """The address an element's `r:id` names (a link's), or its `action` when it has none;
        relationship ids themselves are left out, since a re-save renumbers them."""
        rel_id = element.get(f"{{{R_NS}}}id")
        if not rel_id:
            return str(element.get("action", ""))
        try:
            return str(self.slide.part.rels[rel_id].target_ref)
        except KeyError:
            return str(rel_id)

    def related_blob(self, rel_id: str) -> bytes:
        """The bytes of a part the slide refers to (a picture)."""
        return bytes(self.slide.part.related_part(rel_id).blob)

    def related_chart(self, rel_id: str) -> Any:
        """python-pptx's chart for a chart part the slide refers to."""
        return self.slide.part.related_part(rel_id).chart

    @property
    def notes(self) -> str:
        """The speaker notes; "" when there are none, or the notes page has no body (another
        tool's deck may have such a page)."""
        if not self.slide.has_notes_slide:
            return ""
        frame = self.slide.notes_slide.notes_text_frame
        return str(frame.text) if frame is not None else ""


def slides(prs: Any) -> Iterator[SlideParts]:
    """Every slide of an open deck, in order."""
    for number, slide in enumerate(prs.slides, 1):
        yield SlideParts(number, slide)


@dataclass(frozen=True)
class _PackageSlide(SlideParts):
    """A slide read from the deck's parts with lxml, as python-pptx would give it (the
    package followed as `package_graph.py` follows it): no python-pptx package is loaded,
    and only a slide's notes page and charts are handed to python-pptx, alone, to read."""

    graph: Any = None  # the deck's PackageGraph
    part: str = ""  # the slide's part, "/ppt/slides/slide1.xml"
    names: Any = None  # each part's name after python-pptx renamed the slides in order

    @property
    def element(self) -> Any:
        return self.graph.root(self.part)

    @property
    def layout(self) -> Any:
        """The slide layout's element."""
        from summarydeck.ooxml.package_graph import REL_SLIDE_LAYOUT

        return self.graph.root(self.graph.related_by(self.part, REL_SLIDE_LAYOUT))

    @property
    def master(self) -> Any:
        """The slide master's element."""
        from summarydeck.ooxml.package_graph import REL_SLIDE_LAYOUT, REL_SLIDE_MASTER

        layout = self.graph.related_by(self.part, REL_SLIDE_LAYOUT)
        return self.graph.root(self.graph.related_by(layout, REL_SLIDE_MASTER))

    def external_targets(self) -> dict[str, str]:
        return dict(self.graph.external_targets(self.part))

    def target_of(self, element: Any) -> str:
        rel_id = element.get(f"{{{R_NS}}}id")
        if not rel_id:
            return str(element.get("action", ""))
        rel = self.graph.rels[self.part].get(rel_id)
        if rel is None:
            return str(rel_id)
        if rel.external:
            return str(rel.target)
        # python-pptx writes an internal target relative to the slide's folder, naming the
        # part as it renamed it (slides are renamed in their order)
        base = posixpath.split(self.part)[0]
        name = self.names.get(rel.target, rel.target)
        return name[1:] if base == "/" else posixpath.relpath(name, base)

    def related_blob(self, rel_id: str) -> bytes:
        part = self.graph.related(self.part, rel_id)
        if self.graph.is_xml(part):  # python-pptx gives an XML part's bytes as it writes them
            return bytes(etree.tostring(self.graph.root(part), encoding="UTF-8", standalone=True))
        return bytes(self.graph.store.data[part[1:]])

    def related_chart(self, rel_id: str) -> Any:
        from pptx.chart.chart import Chart
        from pptx.oxml import parse_xml

        from summarydeck.ooxml.package_graph import CHART_TYPE

        part = self.graph.related(self.part, rel_id)
        if self.graph.types[part] != CHART_TYPE:
            raise AttributeError(f"{part} is not a chart")

        return Chart(parse_xml(self.graph.store.data[part[1:]]), None)  # type: ignore[no-untyped-call]

    @property
    def notes(self) -> str:
        from pptx.oxml import parse_xml
        from pptx.slide import NotesSlide

        from summarydeck.ooxml.package_graph import NOTES_TYPE, REL_NOTES, SLIDE_TYPE

        part, seen = self.part, set()
        while True:
            found = [rel for rel in self.graph.rels[part].values() if rel.type == REL_NOTES]
            if not found:  # no notes page (python-pptx would make an empty one)
                return ""
            if len(found) > 1:
                raise ValueError("multiple notes slides")
            if found[0].external:
                raise ValueError("an external relationship has no target part")
            seen.add(part)
            part = found[0].target
            if self.graph.types[part] == NOTES_TYPE:
                break
            if self.graph.types[part] != SLIDE_TYPE:
                raise AttributeError(f"{part} is not a notes slide")
            if part in seen:  # python-pptx asks each slide for the next one's notes
                raise RecursionError("slides name one another as their notes")
        # its own copy: python-pptx adds a text body to a notes placeholder without one
        page = NotesSlide(parse_xml(self.graph.store.data[part[1:]]), None)  # type: ignore[arg-type]
        frame = page.notes_text_frame
        return str(frame.text) if frame is not None else ""


def read_each_slide(source: Path, read: Callable[[SlideParts], T]) -> list[T]:
    """`read` applied to every slide of the deck at `source`. Raises DeckReadError when it is
    not a deck, or when a slide cannot be read (a damaged package that opened).

    The deck is read from its parts with lxml (each inflated once, within the limits), not
    loaded whole into python-pptx: the slides read exactly as python-pptx gives them."""
    from summarydeck.ooxml.package_graph import open_graph

    store, shown = read_deck_parts(source)
    graph, main = open_graph(store, shown)
    # what was being read, for the message: python-pptx resolves every slide before the first
    reading = "its list of slides is damaged"
    try:
        found = []
        for parts in _package_slides(graph, main):
            reading = f"slide {parts.number} is damaged"
            found.append(read(parts))
        return found
    except Exception as exc:  # python-pptx and lxml raise many kinds for a damaged slide
        raise DeckReadError(
            f"{source}: cannot be read as a PowerPoint deck: {reading} ({type(exc).__name__})",
            "open it in PowerPoint and save it again, or build it again",
        ) from exc


def _package_slides(graph: PackageGraph, main: str) -> Iterator[_PackageSlide]:
    """Each slide as python-pptx's `prs.slides` gives it: every entry of the list resolved
    (and its part renamed) before the first slide, then each slide, which must be a slide."""
    from summarydeck.ooxml.package_graph import SLIDE_TYPE, required

    listed = graph.root(main).find(qn("p:sldIdLst"))
    parts = []
    for entry in listed if listed is not None else ():
        if entry.tag != qn("p:sldId"):
            raise AttributeError("a slide list entry that is not a slide")
        parts.append(graph.related(main, required(entry, f"{{{R_NS}}}id")))
    names = {part: f"/ppt/slides/slide{number}.xml" for number, part in enumerate(parts, 1)}
    for number, part in enumerate(parts, 1):
        if graph.types[part] != SLIDE_TYPE:  # python-pptx has no slide to give
            raise AttributeError(f"{part} is not a slide")
        yield _PackageSlide(number, None, graph, part, names)


@dataclass(frozen=True)
class SlideSummary:
    number: int
    name: str  # "" when the slide has none
    hidden: bool


def slide_summaries(source: Path) -> list[SlideSummary]:
    """Each slide's number, name and whether it is hidden: what export needs to name files."""
    return read_each_slide(source, lambda s: SlideSummary(s.number, s.name, s.hidden))


def default_text_style(prs: Any) -> Any:
    """The presentation's `<p:defaultTextStyle>`, the last link of every text style chain."""
    return prs.part._element.find(qn("p:defaultTextStyle"))
