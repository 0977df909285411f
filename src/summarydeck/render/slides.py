"""Turn SlidePlans into slides: placeholders, shapes, text, charts, pictures, notes, footers."""

from __future__ import annotations

import copy
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.text.text import Font
from pptx.util import Emu

from summarydeck.model.deck import Deck
from summarydeck.ooxml.names import ADEC_NS, EXT_DECORATIVE, SLIDE_NUMBER_FIELD_ID, qn
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import PLACEHOLDER_TYPE, LayoutDesign, LayoutSet
from summarydeck.plan.types import (
    ChartElement,
    Element,
    ShapeElement,
    SlidePlan,
    TextElement,
)
from summarydeck.render.charts import add_chart
from summarydeck.render.master import write_master
from summarydeck.render.text import fill_text_frame
from summarydeck.render.theme import apply_brand, set_colour
from summarydeck.values import Box

_SHAPES = {
    "rect": MSO_SHAPE.RECTANGLE,
    "rounded": MSO_SHAPE.ROUNDED_RECTANGLE,
    "oval": MSO_SHAPE.OVAL,
}
# a slide placeholder's (type, idx) -> the role it plays, as the layouts write them
_ROLE_OF = {(t, i): role for role, (t, i) in PLACEHOLDER_TYPE.items() if role != "body"} | {
    ("body", 1): "body"
}


def render_deck(
    plans: list[SlidePlan], deck: Deck, cache_dir: Path | None, layouts: LayoutSet
) -> Any:
    prs = Presentation()
    apply_brand(prs, deck.brand)
    grid = Grid.for_size(deck.brand.slide_size)
    by_name = write_master(prs, layouts, deck.brand, grid, deck.info.language)
    for number, plan in enumerate(plans, 1):
        design = layouts.named(plan.layout)
        _render_slide(prs, plan, deck, number, cache_dir, by_name[plan.layout], design)
    return prs


def _render_slide(
    prs: Any,
    plan: SlidePlan,
    deck: Deck,
    number: int,
    cache_dir: Path | None,
    layout: Any,
    design: LayoutDesign,
) -> None:
    slide = prs.slides.add_slide(layout)
    slide._element.find(qn("p:cSld")).set("name", plan.id)
    lang = deck.info.language
    if plan.background is not design.background:
        fill = slide.background.fill
        fill.solid()
        set_colour(fill.fore_color, plan.background, deck.brand)
    filled = _fill_placeholders(slide, plan, design, deck, lang)
    order = [filled["title"]] if "title" in filled else []
    if "subtitle" in filled:
        order.append(filled["subtitle"])
    for element in plan.elements:
        if isinstance(element, TextElement) and element.placeholder in filled:
            order.append(filled[element.placeholder])
        else:
            order.append(_add_element(slide, element, deck, lang, cache_dir))
    if plan.footer:
        order.extend(_add_footer(slide, deck, number, lang, design))
    # reading order is the order in the shape tree: the plan's, whatever came from the layout
    tree = slide.shapes._spTree
    for shape in order:
        tree.append(shape)
    notes = slide.notes_slide.notes_text_frame
    notes.text = plan.notes


def _fill_placeholders(
    slide: Any, plan: SlidePlan, design: LayoutDesign, deck: Deck, lang: str
) -> dict[str, Any]:
    """Put the plan's text into the layout's placeholders and remove the ones left empty (a
    "Click to add text" box must not reach a deck). Returns the filled ones' XML by role."""
    texts: dict[str, TextElement] = {"title": plan.title}
    if plan.subtitle is not None:
        texts["subtitle"] = plan.subtitle
    for candidate in plan.elements:
        if isinstance(candidate, TextElement) and candidate.placeholder:
            texts.setdefault(candidate.placeholder, candidate)
    filled: dict[str, Any] = {}
    for shape in list(slide.placeholders):
        ph = shape._element.find(f".//{qn('p:ph')}")
        role = _ROLE_OF.get((ph.get("type", "obj"), int(ph.get("idx", "0"))))
        element = texts.get(role) if role else None
        placeholder = design.placeholder(role) if role else None  # type: ignore[arg-type]
        if element is None or placeholder is None:
            shape._element.getparent().remove(shape._element)
            continue
        if element.box != placeholder.box:  # the kind measured a place of its own
            _set_box(shape, element.box)
        shape.name = element.name
        fill_text_frame(
            shape.text_frame, element, deck.brand, element.style.size, lang, placeholder
        )
        filled[role] = shape._element  # type: ignore[index]
    return filled


def _set_box(shape: Any, box: Box) -> None:
    # all four together: setting only some on a placeholder writes a zero size
    shape.left, shape.top, shape.width, shape.height = (
        Emu(box.left),
        Emu(box.top),
        Emu(box.width),
        Emu(box.height),
    )


def _add_element(
    slide: Any, element: Element, deck: Deck, lang: str, cache_dir: Path | None
) -> Any:
    """Add one element as a shape of its own; returns its XML."""
    box = element.box
    if isinstance(element, ShapeElement):
        shape = slide.shapes.add_shape(
            _SHAPES[element.shape], Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        shape.name = element.name
        shape.fill.solid()
        set_colour(shape.fill.fore_color, element.fill, deck.brand)
        shape.line.fill.background()
        # drop the theme style reference: it brings an outline and a drop shadow
        style = shape._element.find(qn("p:style"))
        if style is not None:
            shape._element.remove(style)
        if element.shape == "rounded":
            shape.adjustments[0] = 0.5
        _mark_decorative(shape)
        return shape._element
    if isinstance(element, TextElement):
        shape = slide.shapes.add_textbox(
            Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        shape.name = element.name
        fill_text_frame(shape.text_frame, element, deck.brand, element.style.size, lang)
        return shape._element
    if isinstance(element, ChartElement):
        return add_chart(slide, element, deck.brand, cache_dir)._element
    picture = slide.shapes.add_picture(
        BytesIO(element.image), Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
    )
    picture.name = element.name
    picture._element.nvPicPr.cNvPr.set("descr", element.alt_text)
    return picture._element


def _mark_decorative(shape: Any) -> None:
    """Office's "Mark as decorative" flag, so screen readers skip rules, panels and bands."""
    c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
    ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=EXT_DECORATIVE)
    etree.SubElement(ext, qn("adec:decorative"), nsmap={"adec": ADEC_NS}, val="1")


def _add_footer(slide: Any, deck: Deck, number: int, lang: str, design: LayoutDesign) -> list[Any]:
    """Footer and slide number as PowerPoint's Header & Footer dialog writes them: the
    layout's placeholders, cloned with no place of their own, holding text (the number as a
    field, so it updates when slides move). The text repeats the layout's size, colour and
    font: LibreOffice draws a slide's footer in the master's style, not the layout's."""
    footer_text = deck.brand.footer or deck.info.title
    added = []
    for ph_type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
        source = next(
            (ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.type == ph_type),
            None,
        )
        if source is None:
            continue
        sp = copy.deepcopy(source._element)
        sp.nvSpPr.cNvPr.set("id", str(_next_shape_id(slide)))
        sp_pr = sp.find(qn("p:spPr"))
        for child in list(sp_pr):
            sp_pr.remove(child)
        body = sp.find(qn("p:txBody"))
        for child in list(body):
            body.remove(child)
        etree.SubElement(body, qn("a:bodyPr"))
        etree.SubElement(body, qn("a:lstStyle"))
        p = etree.SubElement(body, qn("a:p"))
        role = "footer" if ph_type == PP_PLACEHOLDER.FOOTER else "slide_number"
        placeholder = design.placeholder(role)  # type: ignore[arg-type]
        if ph_type == PP_PLACEHOLDER.FOOTER:
            run = etree.SubElement(p, qn("a:r"))
        else:
            run = etree.SubElement(p, qn("a:fld"), id=SLIDE_NUMBER_FIELD_ID, type="slidenum")
        r_pr = etree.SubElement(run, qn("a:rPr"), lang=lang)
        etree.SubElement(run, qn("a:t")).text = (
            footer_text if ph_type == PP_PLACEHOLDER.FOOTER else str(number)
        )
        if placeholder is not None:
            style = placeholder.style
            p.insert(0, etree.Element(qn("a:pPr"), algn={"right": "r"}.get(style.align, "l")))
            r_pr.set("sz", str(round(style.size * 100)))
            set_colour(Font(r_pr).color, style.colour, deck.brand)
            Font(r_pr).name = "+mn-lt"
        slide.shapes._spTree.append(sp)
        added.append(sp)
    return added


def _next_shape_id(slide: Any) -> int:
    ids = [int(e.get("id")) for e in slide._element.iter(qn("p:cNvPr")) if e.get("id")]
    return max(ids, default=1) + 1
