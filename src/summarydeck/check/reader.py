"""Read any .pptx into plain data the rules can check: slides, shapes, text, sizes and colours.

PowerPoint resolves a run's size, font and colour through a chain: the run, the shape's list
styles, the layout's and master's placeholders, the master's text styles and the presentation's
defaults; colours go through the master's colour map and the theme. We follow the same chain, so
a deck made by any tool is judged by what PowerPoint would show.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from lxml import etree

from summarydeck.check.deck_view import DeckView, ShapeView, SlideView, TextParagraph
from summarydeck.check.ooxml import DEFAULT_INSETS, R_NS, q
from summarydeck.check.placeholders import (
    inherited_box,
    inherited_placeholder,
    placeholder_type,
)
from summarydeck.check.text_props import body_props, font_scale, read_table_text, read_text
from summarydeck.check.theme import Theme, background_of, fill_of, for_slide, read_theme
from summarydeck.plan.types import Box


def read_deck(data: bytes) -> DeckView:
    """The deck as plain data. Raises ValueError for a file python-pptx cannot open or read
    (a damaged package: a slide typed as something else, a missing layout ...)."""
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many kinds for a damaged package
        # its messages name an in-memory stream, not the file: say what it is instead
        kind = (
            "a slide show (.ppsx) or template, not a presentation"
            if "not a PowerPoint" in str(exc)
            else type(exc).__name__
        )
        raise ValueError(f"python-pptx cannot open this file as a .pptx ({kind})") from exc
    reading = 1  # the slide being read, for the message
    try:
        defaults = prs.part._element.find(q("p:defaultTextStyle"))
        slides = []
        themes: dict[int, Theme] = {}
        for number, slide in enumerate(prs.slides, 1):
            slides.append(_read_slide(number, slide, defaults, themes))
            reading = number + 1
    except Exception as exc:  # the package checks say what is broken; here, where it showed
        raise ValueError(
            f"slide {reading} cannot be read ({type(exc).__name__}: {exc}); "
            "the other checks did not run"
        ) from exc
    return DeckView(int(prs.slide_width or 0), int(prs.slide_height or 0), tuple(slides))


def _read_slide(number: int, slide: Any, defaults: Any, themes: dict[int, Theme]) -> SlideView:
    master = slide.slide_layout.slide_master
    if id(master.part) not in themes:  # one theme per master, not one per slide
        themes[id(master.part)] = read_theme(master)
    theme = for_slide(themes[id(master.part)], slide)
    rels = {rid: rel.target_ref for rid, rel in slide.part.rels.items() if rel.is_external}
    shapes: list[ShapeView] = []
    for shape, box in _flatten(slide.shapes, slide):
        shapes.append(_read_shape(shape, box, len(shapes), slide, defaults, theme, rels))
    background, unknown = background_of(slide, theme)
    links = tuple(
        rels[rid]
        for rid in (
            e.get(f"{{{R_NS}}}id")
            for e in slide._element.iter(q("a:hlinkClick"), q("a:hlinkHover"))
        )
        if rid in rels
    )
    return SlideView(
        number,
        slide._element.find(q("p:cSld")).get("name", ""),
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
        if etree.QName(shape._element).localname == "grpSp":
            yield from _flatten(shape.shapes, slide, _group_transform(shape, transform))
        else:
            yield shape, box


def _group_transform(group: Any, outer: Any) -> Any:
    xfrm = group._element.find(f"{q('p:grpSpPr')}/{q('a:xfrm')}")
    if xfrm is None:
        return outer
    off, ext = xfrm.find(q("a:off")), xfrm.find(q("a:ext"))
    ch_off, ch_ext = xfrm.find(q("a:chOff")), xfrm.find(q("a:chExt"))
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


# where each kind of shape keeps its position (read directly: python-pptx's properties are
# an XPath query each, a third of the time of reading a deck)
_XFRM = {
    "sp": ("p:spPr", "a:xfrm"),
    "pic": ("p:spPr", "a:xfrm"),
    "cxnSp": ("p:spPr", "a:xfrm"),
    "graphicFrame": ("p:xfrm",),
    "grpSp": ("p:grpSpPr", "a:xfrm"),
}


def _box(shape: Any, slide: Any) -> Box | None:
    element = shape._element
    path = _XFRM.get(etree.QName(element).localname)
    xfrm = element.find("/".join(q(t) for t in path)) if path else None
    off = xfrm.find(q("a:off")) if xfrm is not None else None
    ext = xfrm.find(q("a:ext")) if xfrm is not None else None
    if off is None or ext is None:
        return inherited_box(shape, slide) if getattr(shape, "is_placeholder", False) else None
    return Box(
        int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0))
    )


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
    c_nv_pr = next(element.iter(q("p:cNvPr")), None)
    alt = (c_nv_pr.get("descr") or "").strip() if c_nv_pr is not None else ""
    decorative = c_nv_pr is not None and any(
        d.get("val") in ("1", "true") for d in c_nv_pr.iter(q("adec:decorative"))
    )
    tag = etree.QName(element).localname
    kind = {"pic": "picture", "cxnSp": "connector", "sp": "shape"}.get(tag, "graphic")
    chart_sizes: tuple[float, ...] = ()
    if tag == "graphicFrame":
        uri = element.find(f".//{q('a:graphicData')}")
        uri_value = uri.get("uri", "") if uri is not None else ""
        kind = (
            "chart"
            if uri_value.endswith("/chart")
            else "table"
            if uri_value.endswith("/table")
            else "graphic"
        )
        if kind == "chart" and getattr(shape, "has_chart", False):
            chart_root = shape.chart.part._element
            chart_sizes = tuple(
                int(e.get("sz")) / 100
                for e in chart_root.iter(q("a:defRPr"), q("a:rPr"))
                if e.get("sz")
            )
    placeholder = placeholder_type(shape) if getattr(shape, "is_placeholder", False) else None
    tx_body = element.find(f".//{q('p:txBody')}")
    paragraphs: tuple[TextParagraph, ...] = ()
    insets, wrap, autofit, vertical = DEFAULT_INSETS, True, "none", False
    if tx_body is not None and tag == "sp":
        inherited = []
        if placeholder is not None:
            for part in (slide.slide_layout, slide.slide_layout.slide_master):
                ph = inherited_placeholder(shape, part)
                if ph is not None:
                    inherited.append(ph.find(f".//{q('p:txBody')}"))
        insets, wrap, autofit, vertical = body_props(tx_body, inherited)
        scale = font_scale(tx_body) if autofit == "shrink" else 1.0
        paragraphs = read_text(shape, slide, defaults, theme, rels, scale)
        if any(p.text.strip() for p in paragraphs):
            kind = "text"
    elif kind == "table":
        paragraphs = read_table_text(shape, defaults, theme, rels)
    fill, fill_unknown = (None, False)
    if tag in ("sp", "cxnSp"):
        fill, fill_unknown = fill_of(element.find(q("p:spPr")), element.find(q("p:style")), theme)
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
        chart_sizes=chart_sizes,
    )
