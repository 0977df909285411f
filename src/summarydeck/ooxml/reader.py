"""Read any .pptx into plain data the rules can check: slides, shapes, text, sizes and colours.

PowerPoint resolves a run's size, font and colour through a chain: the run, the shape's list
styles, the layout's and master's placeholders, the master's text styles and the presentation's
defaults; colours go through the master's colour map and the theme. We follow the same chain, so
a deck made by any tool is judged by what PowerPoint would show.

The deck is read from its parts with lxml, each part parsed once (`part_store.py`), following
its relationships as python-pptx does (`package_graph.py`): what python-pptx could not read
(a slide typed as something else, a missing layout ...) is refused here alike. Each slide is
read on its own, so a caller can keep a slide's reading while its parts do not change:
`OpenDeck.slide_key` names everything a slide's reading depends on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from lxml import etree

from summarydeck.ooxml.chart_props import ChartFacts, read_chart
from summarydeck.ooxml.deck_view import DeckView, ShapeView, SlideView, TextParagraph
from summarydeck.ooxml.external_links import LinkedFile
from summarydeck.ooxml.names import C_NS, DEFAULT_INSETS, NS, R_NS, REL_THEME, local_name, qn
from summarydeck.ooxml.opening import DeckReadError, read_deck_parts
from summarydeck.ooxml.package_graph import (
    CHART_TYPE,
    LAYOUT_TYPE,
    MASTER_TYPE,
    REL_SLIDE_LAYOUT,
    REL_SLIDE_MASTER,
    SLIDE_TYPE,
    InvalidXmlError,
    PackageGraph,
    open_graph,
    rels_member,
    required,
)
from summarydeck.ooxml.part_store import PartStore
from summarydeck.ooxml.placeholders import PlaceholderIndex, box_of
from summarydeck.ooxml.shapes import shape_xfrm, xfrm_box
from summarydeck.ooxml.text_props import (
    Inheritance,
    Placeholder,
    ReadingCache,
    body_props,
    designed_size,
    font_scale,
    read_table_text,
    read_text,
)
from summarydeck.ooxml.theme import Theme, background_of, fill_of, for_parts, theme_from
from summarydeck.values import Box

# the children of a shape tree that python-pptx makes shapes of
_SHAPE_TAGS = frozenset(
    qn(f"p:{t}") for t in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart")
)
_CONTENT_PART = qn("p:contentPart")
_SP = qn("p:sp")
_GROUP = qn("p:grpSp")
_FRAME = qn("p:graphicFrame")
_C_NV_PR = qn("p:cNvPr")
_DECORATIVE = qn("adec:decorative")
_TX_BODY = f".//{qn('p:txBody')}"
_SP_PR = qn("p:spPr")
_STYLE = qn("p:style")
# the placeholder types python-pptx knows; it cannot read a slide with another on a `p:sp`
_PLACEHOLDER_TYPES = frozenset(
    {
        "body",
        "chart",
        "clipArt",
        "ctrTitle",
        "dgm",
        "dt",
        "ftr",
        "hdr",
        "media",
        "obj",
        "pic",
        "sldImg",
        "sldNum",
        "subTitle",
        "tbl",
        "title",
    }
)
_HAS_PH = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces=NS)
_CHART_URI = C_NS
_LINKS = (qn("a:hlinkClick"), qn("a:hlinkHover"))
_R_ID = f"{{{R_NS}}}id"
_PRESENTATION_SHOWN = "the deck"
# a slide's layout relationship may name another slide, a layout's master another layout:
# python-pptx asks that one for its layout (master) in turn
_VIA = {LAYOUT_TYPE: SLIDE_TYPE, MASTER_TYPE: LAYOUT_TYPE}
_MOST_HOPS = 100


def read_deck(data: bytes, name: str | None = None) -> DeckView:
    """The deck as plain data. Raises DeckReadError for a file that is not a deck python-pptx
    can open, or that it cannot read past a damaged slide (a slide typed as something else, a
    missing layout ...)."""
    store, shown = read_deck_parts(data, name)  # `name`: the file, for messages
    deck = open_deck(store, shown)
    return deck.view([deck.read_slide(i) for i in range(len(deck.slides))])


@dataclass(frozen=True)
class SlideRef:
    number: int  # counted from 1
    part: str  # its part's name, "/ppt/slides/slide1.xml"


class OpenDeck:
    """A deck opened as python-pptx opens it, its slides listed, ready to be read one by one."""

    def __init__(self, graph: PackageGraph, main: str, slides: list[SlideRef]) -> None:
        self.graph = graph
        self.main = main
        self.slides = slides
        self.defaults = graph.root(main).find(qn("p:defaultTextStyle"))
        self._themes: dict[str, Theme] = {}
        self._indexes: dict[str, PlaceholderIndex] = {}
        self._defaults_digest: bytes | None = None
        self._cache = ReadingCache()
        self._slide_themes: dict[tuple[str, tuple[tuple[str, str], ...]], Theme] = {}
        self._shapes: dict[tuple[bytes, Box | None, tuple[Any, ...]], ShapeView] = {}

    # -- each slide --

    def read_slide(self, position: int) -> SlideView:
        """The slide at `position` (from 0); DeckReadError when it cannot be read."""
        ref = self.slides[position]
        try:
            if self.graph.types[ref.part] != SLIDE_TYPE:  # python-pptx has no slide to give
                raise AttributeError(f"{ref.part} is not a slide")
            return self._read_slide(ref)
        except Exception as exc:  # the package checks say what is broken; here, where it showed
            raise unreadable(ref.number, exc) from exc

    def slide_key(self, position: int) -> bytes | None:
        """A digest of everything reading the slide at `position` depends on: its part and
        relationships, its layout's, master's and theme's, its charts', the presentation's
        text defaults, and how each of them is typed; None when they cannot be followed (the
        slide is read, and refused, as it is)."""
        ref = self.slides[position]
        graph, store = self.graph, self.graph.store
        try:
            chain = self._layout_and_master(ref.part)
            parts = {ref.part, *chain, self._theme_part(chain[-1])}
        except Exception:
            return None
        parts.update(
            rel.target
            for rel in graph.rels[ref.part].values()
            if not rel.external and graph.types.get(rel.target) == CHART_TYPE
        )
        digest = hashlib.blake2b(digest_size=16)
        digest.update(self._defaults_key())
        for part in sorted(parts):
            for name in (part, rels_member(part)):
                digest.update(f"\0{name}\0{graph.types.get(name, '')}\0".encode())
                digest.update(store.digest(name[1:]))
        # a relationship to a part that is not there is dropped: which are there counts too
        for rel in graph.rels[ref.part].values():
            digest.update(f"\0{rel.id}\0{graph.types.get(rel.target, '')}".encode())
        return digest.digest()

    def _defaults_key(self) -> bytes:
        if self._defaults_digest is None:
            text = b"" if self.defaults is None else etree.tostring(self.defaults)
            self._defaults_digest = hashlib.blake2b(text, digest_size=16).digest()
        return self._defaults_digest

    def _read_slide(self, ref: SlideRef) -> SlideView:
        graph = self.graph
        slide = graph.root(ref.part)
        chain = self._layout_and_master(ref.part)
        layout_part, master_part = chain[-2], chain[-1]
        layout, master = graph.root(layout_part), graph.root(master_part)
        if master_part not in self._themes:  # one theme per master, not one per slide
            self._themes[master_part] = self._read_theme(master_part)
        theme = for_parts(self._themes[master_part], (slide, layout))
        # one object for each colour map a master's slides use: shapes read alike share it
        theme = self._slide_themes.setdefault((master_part, tuple(theme.colour_map.items())), theme)
        rels = graph.external_targets(ref.part)
        inherit = Inheritance(
            (self._index(layout_part), self._index(master_part)),
            master,
            self.defaults,
            self._cache,
        )
        reading = _Slide(graph, ref.part, inherit, theme, rels)
        tree = _one(_one(slide, "p:cSld"), "p:spTree")
        shapes: list[ShapeView] = []
        # what a shape's reading depends on besides its own XML, its box and its place
        context = (layout_part, master_part, id(theme), tuple(rels.items()))
        for element, box, found in reading.flatten(tree, top=True):
            order = len(shapes)
            key = None
            if element.getparent() is tree and element.tag != _FRAME:  # a chart's is the slide's
                key = (etree.tostring(element), box, context)
                kept = self._shapes.get(key)
                if kept is not None:  # the same shape on another slide (a footer, a logo)
                    shapes.append(kept if kept.order == order else replace(kept, order=order))
                    continue
            shapes.append(reading.shape(element, box, found, order))
            if key is not None:
                self._shapes[key] = shapes[-1]
        background, unknown = background_of((slide, layout, master), theme)
        links = tuple(
            rels[rid] for rid in (e.get(_R_ID) for e in slide.iter(*_LINKS)) if rid in rels
        )
        return SlideView(
            ref.number,
            slide_name(slide),
            tuple(shapes),
            None if unknown else background,
            links,
        )

    def _layout_and_master(self, slide: str) -> list[str]:
        """The parts python-pptx goes through to a slide's layout and on to its master, the
        last two being those: a slide's layout relationship may name another slide, whose
        layout python-pptx then gives, and a layout's master relationship another layout."""
        graph, chain, part = self.graph, [], slide
        for rel_type, kind in ((REL_SLIDE_LAYOUT, LAYOUT_TYPE), (REL_SLIDE_MASTER, MASTER_TYPE)):
            for _ in range(_MOST_HOPS):
                part = graph.related_by(part, rel_type)
                chain.append(part)
                if graph.types[part] == kind:
                    break
                if graph.types[part] != _VIA[kind]:  # python-pptx has no such object to give
                    raise AttributeError(f"{part} is not a {kind}")
            else:
                raise RecursionError("the layouts name one another")
        return chain

    def _theme_part(self, master: str) -> str:
        rel = next(rel for rel in self.graph.rels[master].values() if rel.type == REL_THEME)
        if rel.external:
            raise ValueError("an external relationship has no target part")
        return rel.target

    def _read_theme(self, master: str) -> Theme:
        root = self.graph.root(self._theme_part(master))  # a deck's part: no entities, no network
        return theme_from(root, self.graph.root(master))

    def _index(self, part: str) -> PlaceholderIndex:
        found = self._indexes.get(part)
        if found is None:
            found = self._indexes[part] = PlaceholderIndex(self.graph.root(part))
        return found

    # -- the whole deck --

    def linked(self) -> tuple[LinkedFile, ...]:
        """Every file the deck links to rather than holds (`external_links.py`)."""
        slides = [(ref.number, ref.part) for ref in self.slides]
        graph = self.graph
        return tuple(graph.linked_files(slides, lambda part: slide_name(graph.root(part))))

    def size(self) -> tuple[int, int]:
        """The slide's width and height in EMU (0 when the deck does not say)."""
        size = self.graph.root(self.main).find(qn("p:sldSz"))
        if size is None:
            return 0, 0
        return int(required(size, "cx")), int(required(size, "cy"))

    def view(self, slides: list[SlideView]) -> DeckView:
        """The deck as plain data, with `slides` read (or kept) for it."""
        linked = self.linked()
        width, height = self.size()
        return DeckView(width, height, tuple(slides), linked)


def open_deck(store: PartStore, shown: str = _PRESENTATION_SHOWN) -> OpenDeck:
    """The deck in `store` opened, its slides listed. Raises DeckReadError for parts
    python-pptx could not open (in the words `opening.py` uses), or whose list of slides it
    could not follow."""
    graph, main = open_graph(store, shown)
    presentation = graph.root(main)
    try:
        slides = []
        listed = presentation.find(qn("p:sldIdLst"))
        for number, entry in enumerate(listed if listed is not None else (), 1):
            if entry.tag != qn("p:sldId"):
                raise AttributeError("a slide list entry that is not a slide")
            slides.append(SlideRef(number, graph.related(main, required(entry, _R_ID))))
    except Exception as exc:  # python-pptx resolves every slide before the first
        raise unreadable(1, exc) from exc
    return OpenDeck(graph, main, slides)


def unreadable(number: int, exc: BaseException) -> DeckReadError:
    return DeckReadError(
        f"slide {number} cannot be read ({type(exc).__name__}); "  # never lxml's words
        "the other checks did not run"
    )


def slide_name(slide: Any) -> str:
    """The name summarydeck gives a slide (its id); "" when it has none."""
    tree = slide.find(qn("p:cSld"))
    return str(tree.get("name", "")) if tree is not None else ""


def renumbered(view: SlideView, number: int) -> SlideView:
    """A slide's reading at another place in the deck."""
    return view if view.number == number else replace(view, number=number)


def _one(parent: Any, tag: str) -> Any:
    """A child python-pptx requires (InvalidXmlError when it is missing)."""
    found = parent.find(qn(tag))
    if found is None:
        raise InvalidXmlError(f"required <{tag}> not present")
    return found


def _has_ph(element: Any) -> bool:
    return bool(_HAS_PH(element))


class _Slide:
    """Reading one slide's shapes."""

    def __init__(
        self,
        graph: PackageGraph,
        part: str,
        inherit: Inheritance,
        theme: Theme,
        rels: dict[str, str],
    ) -> None:
        self.graph = graph
        self.part = part
        self.inherit = inherit
        self.theme = theme
        self.rels = rels

    def flatten(
        self, tree: Any, *, top: bool, transform: Any = None
    ) -> Iterator[tuple[Any, Box | None, Placeholder | None]]:
        """Every shape in reading order, a group's members placed on the slide: (element,
        box, for a placeholder its look-up)."""
        for element in tree.iterchildren():
            if element.tag not in _SHAPE_TAGS:
                continue
            if top:  # python-pptx's slide shapes: placeholders get a class of their own
                if element.tag == _CONTENT_PART:
                    raise AttributeError("python-pptx has no shape for a content part")
                is_placeholder = _has_ph(element)
                if is_placeholder and element.tag == _SP:
                    kind = _one_ph(element).get("type", "obj")
                    if kind not in _PLACEHOLDER_TYPES:
                        raise ValueError(f"placeholder type {kind!r}")
            else:  # a group's members
                is_placeholder = element.tag != _CONTENT_PART and _has_ph(element)
            found = Placeholder.of(element, self.inherit.parts) if is_placeholder else None
            box = self._box(element, found)
            if transform is not None and box is not None:
                box = transform(box)
            if element.tag == _GROUP:
                yield from self.flatten(
                    element, top=False, transform=_group_transform(element, transform)
                )
            else:
                yield element, box, found

    @staticmethod
    def _box(element: Any, found: Placeholder | None) -> Box | None:
        xfrm = shape_xfrm(element)
        written = xfrm_box(xfrm) if xfrm is not None else None
        if written is None:
            return box_of(found.inherited) if found is not None else None
        return Box(*written)

    def shape(
        self, element: Any, box: Box | None, found: Placeholder | None, order: int
    ) -> ShapeView:
        theme, rels, inherit = self.theme, self.rels, self.inherit
        is_placeholder = found is not None
        c_nv_pr = next(element.iter(_C_NV_PR), None)
        alt = (c_nv_pr.get("descr") or "").strip() if c_nv_pr is not None else ""
        decorative = c_nv_pr is not None and any(
            d.get("val") in ("1", "true") for d in c_nv_pr.iter(_DECORATIVE)
        )
        tag = local_name(element)
        kind = {"pic": "picture", "cxnSp": "connector", "sp": "shape"}.get(tag, "graphic")
        chart = ChartFacts()
        if tag == "graphicFrame":
            uri = element.find(f".//{qn('a:graphicData')}")
            uri_value = uri.get("uri", "") if uri is not None else ""
            kind = (
                "chart"
                if uri_value.endswith("/chart")
                else "table"
                if uri_value.endswith("/table")
                else "graphic"
            )
            if kind == "chart" and self._has_chart(element):
                chart = read_chart(self._chart(element), theme)
        placeholder = found.type if found is not None else None
        designed = designed_size(element, inherit, found) if placeholder is not None else None
        tx_body = element.find(_TX_BODY)
        paragraphs: tuple[TextParagraph, ...] = ()
        insets, wrap, autofit, vertical = DEFAULT_INSETS, True, "none", False
        if tx_body is not None and tag == "sp":
            inherited = []
            if placeholder is not None and found is not None:
                inherited = [ph.find(_TX_BODY) for ph in found.inherited if ph is not None]
            insets, wrap, autofit, vertical = body_props(tx_body, inherited)
            scale = font_scale(tx_body) if autofit == "shrink" else 1.0
            paragraphs = read_text(
                element, is_placeholder, inherit, theme, rels, scale, found, tx_body
            )
            if any(p.text.strip() for p in paragraphs):
                kind = "text"
        elif kind == "table":
            paragraphs = read_table_text(element, inherit.defaults, theme, rels)
        fill, fill_unknown = (None, False)
        if tag in ("sp", "cxnSp"):
            fill, fill_unknown = fill_of(element.find(_SP_PR), element.find(_STYLE), theme)
        elif tag == "pic":
            fill_unknown = True
        return ShapeView(
            id=int(c_nv_pr.get("id", "0")) if c_nv_pr is not None else 0,
            name=c_nv_pr.get("name", "") if c_nv_pr is not None else "",
            kind=kind,
            box=box,
            order=order,
            placeholder=placeholder,
            alt_text=alt,
            decorative=decorative,
            paragraphs=paragraphs,
            insets=insets,
            wrap=wrap,
            autofit=autofit,
            vertical=vertical,
            fill=fill,
            fill_unknown=fill_unknown,
            chart_sizes=chart.sizes,
            chart_fills=chart.fills,
            chart_grouped=chart.grouped,
            chart_labelled=chart.labelled,
            chart_ring=chart.ring,
            designed_size=designed,
        )

    @staticmethod
    def _has_chart(frame: Any) -> bool:
        """python-pptx's `has_chart`: its graphic's data is a chart's."""
        data = _one(_one(frame, "a:graphic"), "a:graphicData")
        return required(data, "uri") == _CHART_URI

    def _chart(self, frame: Any) -> Any:
        """The root element of the chart part a graphic frame shows."""
        reference = _one(frame, "a:graphic").find(f"{qn('a:graphicData')}/{qn('c:chart')}")
        if reference is None:
            raise ValueError("this graphic frame does not contain a chart")
        part = self.graph.related(self.part, required(reference, _R_ID))
        if self.graph.types[part] != CHART_TYPE:  # python-pptx has no chart to give
            raise AttributeError(f"{part} is not a chart")
        return self.graph.root(part)


def _one_ph(element: Any) -> Any:
    return _HAS_PH(element)[0]


def _group_transform(group: Any, outer: Any) -> Any:
    xfrm = group.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    if xfrm is None:
        return outer
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
    if None in (off, ext, ch_off, ch_ext):
        return outer
    sx = int(ext.get("cx")) / max(1, int(ch_ext.get("cx")))
    sy = int(ext.get("cy")) / max(1, int(ch_ext.get("cy")))

    def place(box: Box) -> Box:
        placed = Box(
            round(int(off.get("x")) + (box.left - int(ch_off.get("x"))) * sx),
            round(int(off.get("y")) + (box.top - int(ch_off.get("y"))) * sy),
            round(box.width * sx),
            round(box.height * sy),
        )
        return outer(placed) if outer is not None else placed

    return place
