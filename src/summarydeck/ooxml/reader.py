"""Read any .pptx into plain data the rules can check: slides, shapes, text, sizes and colours.

PowerPoint resolves a run's size, font and colour through a chain: the run, the shape's list
styles, the layout's and master's placeholders, the master's text styles and the presentation's
defaults; colours go through the master's colour map and the theme. We follow the same chain, so
a deck made by any tool is judged by what PowerPoint would show.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from summarydeck.ooxml.chart_props import ChartFacts, read_chart
from summarydeck.ooxml.deck_view import DeckView, ShapeView, SlideView, TextParagraph
from summarydeck.ooxml.external_links import linked_files
from summarydeck.ooxml.names import DEFAULT_INSETS, R_NS, local_name, qn
from summarydeck.ooxml.opening import DeckReadError, open_presentation
from summarydeck.ooxml.placeholders import inherited_box, inherited_placeholder, placeholder_type
from summarydeck.ooxml.shapes import shape_xfrm, xfrm_box
from summarydeck.ooxml.text_props import (
    body_props,
    designed_size,
    font_scale,
    read_table_text,
    read_text,
)
from summarydeck.ooxml.theme import Theme, background_of, fill_of, for_slide, read_theme
from summarydeck.ooxml.walk import SlideParts, default_text_style
from summarydeck.ooxml.walk import slides as walk_slides
from summarydeck.values import Box


def read_deck(data: bytes, name: str | None = None) -> DeckView:
    """The deck as plain data. Raises DeckReadError for a file that is not a deck python-pptx
    can open, or that it cannot read past a damaged slide (a slide typed as something else, a
    missing layout ...)."""
    prs = open_presentation(data, name)  # `name`: the file, for messages
    reading = 1  # the slide being read, for the message
    try:
        defaults = default_text_style(prs)
        slides = []
        themes: dict[int, Theme] = {}
        for parts in walk_slides(prs):
            slides.append(_read_slide(parts, defaults, themes))
            reading = parts.number + 1
    except Exception as exc:  # the package checks say what is broken; here, where it showed
        raise DeckReadError(
            f"slide {reading} cannot be read ({type(exc).__name__}); "  # never python-pptx's words
            "the other checks did not run"
        ) from exc
    linked = tuple(linked_files(prs))  # every part's relationships, read when it opened
    return DeckView(int(prs.slide_width or 0), int(prs.slide_height or 0), tuple(slides), linked)


def _read_slide(parts: SlideParts, defaults: Any, themes: dict[int, Theme]) -> SlideView:
    slide, master = parts.slide, parts.master
    if id(master.part) not in themes:  # one theme per master, not one per slide
        themes[id(master.part)] = read_theme(master)
    theme = for_slide(themes[id(master.part)], slide)
    rels = parts.external_targets()
    shapes: list[ShapeView] = []
    for shape, box in _flatten(slide.shapes, slide):
        shapes.append(_read_shape(shape, box, len(shapes), slide, defaults, theme, rels))
    background, unknown = background_of(slide, theme)
    links = tuple(
        rels[rid]
        for rid in (
            e.get(f"{{{R_NS}}}id")
            for e in parts.element.iter(qn("a:hlinkClick"), qn("a:hlinkHover"))
        )
        if rid in rels
    )
    return SlideView(
        parts.number,
        parts.name,
        tuple(shapes),
        None if unknown else background,
        links,
    )


def _flatten(shapes: Any, slide: Any, transform: Any = None) -> Iterator[tuple[Any, Box | None]]:
    """Every shape in reading order, a group's members placed on the slide."""
    for shape in shapes:
        box = _box(shape, slide)
        if transform is not None and box is not None:
            box = transform(box)
        if local_name(shape._element) == "grpSp":
            yield from _flatten(shape.shapes, slide, _group_transform(shape, transform))
        else:
            yield shape, box


def _group_transform(group: Any, outer: Any) -> Any:
    xfrm = group._element.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
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


def _box(shape: Any, slide: Any) -> Box | None:
    xfrm = shape_xfrm(shape._element)
    written = xfrm_box(xfrm) if xfrm is not None else None
    if written is None:
        return inherited_box(shape, slide) if getattr(shape, "is_placeholder", False) else None
    return Box(*written)


def _read_shape(
    shape: Any,
    box: Box | None,
    order: int,
    slide: Any,
    defaults: Any,
    theme: Theme,
    rels: dict[str, str],
) -> ShapeView:
    element = shape._element
    c_nv_pr = next(element.iter(qn("p:cNvPr")), None)
    alt = (c_nv_pr.get("descr") or "").strip() if c_nv_pr is not None else ""
    decorative = c_nv_pr is not None and any(
        d.get("val") in ("1", "true") for d in c_nv_pr.iter(qn("adec:decorative"))
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
        if kind == "chart" and getattr(shape, "has_chart", False):
            chart = read_chart(shape.chart.part._element, theme)
    placeholder = placeholder_type(shape) if getattr(shape, "is_placeholder", False) else None
    designed = designed_size(shape, slide, defaults) if placeholder is not None else None
    tx_body = element.find(f".//{qn('p:txBody')}")
    paragraphs: tuple[TextParagraph, ...] = ()
    insets, wrap, autofit, vertical = DEFAULT_INSETS, True, "none", False
    if tx_body is not None and tag == "sp":
        inherited = []
        if placeholder is not None:
            for part in (slide.slide_layout, slide.slide_layout.slide_master):
                ph = inherited_placeholder(shape, part)
                if ph is not None:
                    inherited.append(ph.find(f".//{qn('p:txBody')}"))
        insets, wrap, autofit, vertical = body_props(tx_body, inherited)
        scale = font_scale(tx_body) if autofit == "shrink" else 1.0
        paragraphs = read_text(shape, slide, defaults, theme, rels, scale)
        if any(p.text.strip() for p in paragraphs):
            kind = "text"
    elif kind == "table":
        paragraphs = read_table_text(shape, defaults, theme, rels)
    fill, fill_unknown = (None, False)
    if tag in ("sp", "cxnSp"):
        fill, fill_unknown = fill_of(element.find(qn("p:spPr")), element.find(qn("p:style")), theme)
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
