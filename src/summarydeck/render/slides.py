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
from summarydeck.plan.types import (
    ChartElement,
    ColourRole,
    Element,
    PictureElement,
    ShapeElement,
    SlidePlan,
    TextElement,
    TextStyle,
)
from summarydeck.render.charts import add_chart
from summarydeck.render.text import fill_text_frame
from summarydeck.render.theme import apply_brand, set_colour
from summarydeck.values import Box, Paragraph, Run

_LAYOUT_INDEX = {"title": 0, "section": 5, "content": 5}  # Title Slide, Title Only
_SHAPES = {
    "rect": MSO_SHAPE.RECTANGLE,
    "rounded": MSO_SHAPE.ROUNDED_RECTANGLE,
    "oval": MSO_SHAPE.OVAL,
}


def render_deck(plans: list[SlidePlan], deck: Deck, cache_dir: Path | None) -> Any:
    prs = Presentation()
    apply_brand(prs, deck.brand)
    for number, plan in enumerate(plans, 1):
        _render_slide(prs, plan, deck, number, cache_dir)
    return prs


def _render_slide(
    prs: Any, plan: SlidePlan, deck: Deck, number: int, cache_dir: Path | None
) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_LAYOUT_INDEX[plan.layout]])
    slide._element.find(qn("p:cSld")).set("name", plan.id)
    lang = deck.info.language
    if plan.background is not ColourRole.BACKGROUND:
        fill = slide.background.fill
        fill.solid()
        set_colour(fill.fore_color, plan.background, deck.brand)
    _place_title(slide, plan, deck, lang)
    for element in plan.elements:
        _add_element(slide, element, deck, lang, cache_dir)
    if plan.footer:
        _add_footer(slide, deck, plan, number, lang)
    notes = slide.notes_slide.notes_text_frame
    notes.text = plan.notes


def _place_title(slide: Any, plan: SlidePlan, deck: Deck, lang: str) -> None:
    """Put the title (and subtitle) in the layout's real placeholders; remove any left empty."""
    targets = {"title": plan.title, "subtitle": plan.subtitle}
    for shape in list(slide.placeholders):
        kind = shape.placeholder_format.type
        role = (
            "title"
            if shape.placeholder_format.idx == 0
            else ("subtitle" if "SUBTITLE" in str(kind) else None)
        )
        element = targets.get(role) if role else None
        if element is None:
            shape._element.getparent().remove(shape._element)
            continue
        _set_box(shape, element.box)
        shape.name = element.name
        fill_text_frame(shape.text_frame, element, deck.brand, element.style.size, lang)


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
) -> None:
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
    elif isinstance(element, TextElement):
        shape = slide.shapes.add_textbox(
            Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        shape.name = element.name
        fill_text_frame(shape.text_frame, element, deck.brand, element.style.size, lang)
    elif isinstance(element, ChartElement):
        add_chart(slide, element, deck.brand, cache_dir)
    elif isinstance(element, PictureElement):
        picture = slide.shapes.add_picture(
            BytesIO(element.image), Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        picture.name = element.name
        picture._element.nvPicPr.cNvPr.set("descr", element.alt_text)


def _mark_decorative(shape: Any) -> None:
    """Office's "Mark as decorative" flag, so screen readers skip rules, panels and bands."""
    c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
    ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=EXT_DECORATIVE)
    etree.SubElement(ext, qn("adec:decorative"), nsmap={"adec": ADEC_NS}, val="1")


def _add_footer(slide: Any, deck: Deck, plan: SlidePlan, number: int, lang: str) -> None:
    """Footer and slide number as real placeholders (cloned from the layout), like PowerPoint's
    own Insert > Header & Footer, so they stay editable and numbers update when slides move."""
    grid = Grid.for_size(deck.brand.slide_size)
    on_dark = plan.background is not ColourRole.BACKGROUND
    colour = ColourRole.BACKGROUND if on_dark else ColourRole.MUTED
    style = TextStyle(deck.brand.type_scale.small, colour, anchor="middle")
    footer_text = deck.brand.footer or deck.info.title
    layout = slide.slide_layout
    for ph_type, box, text in (
        (PP_PLACEHOLDER.FOOTER, grid.footer, footer_text),
        (PP_PLACEHOLDER.SLIDE_NUMBER, grid.slide_number, None),
    ):
        source = next(
            (ph for ph in layout.placeholders if ph.placeholder_format.type == ph_type), None
        )
        if source is None:
            continue
        sp = copy.deepcopy(source._element)
        slide.shapes._spTree.append(sp)
        shape = slide.shapes[-1]
        sp.nvSpPr.cNvPr.set("id", str(_next_shape_id(slide)))
        _set_box(shape, box)
        frame = shape.text_frame
        for p in list(frame._txBody.findall(qn("a:p"))):
            frame._txBody.remove(p)
        etree.SubElement(frame._txBody, qn("a:p"))
        if text is not None:
            element = TextElement("Footer", box, (Paragraph((Run(text),)),), style, inset=0)
            fill_text_frame(frame, element, deck.brand, style.size, lang)
        else:
            _slide_number_field(frame, number, style, deck, lang)


def _slide_number_field(frame: Any, number: int, style: TextStyle, deck: Deck, lang: str) -> None:
    p = frame.paragraphs[0]
    p_pr = p._p.get_or_add_pPr()
    p_pr.set("algn", "r")
    field = etree.SubElement(p._p, qn("a:fld"), id=SLIDE_NUMBER_FIELD_ID, type="slidenum")
    r_pr = etree.SubElement(field, qn("a:rPr"), lang=lang, sz=str(round(style.size * 100)))
    etree.SubElement(field, qn("a:t")).text = str(number)
    set_colour(Font(r_pr).color, style.colour, deck.brand)


def _next_shape_id(slide: Any) -> int:
    ids = [int(e.get("id")) for e in slide._element.iter(qn("p:cNvPr")) if e.get("id")]
    return max(ids, default=1) + 1
