"""Turn SlidePlans into slides: placeholders, shapes, text, charts, pictures, notes, footers."""

from __future__ import annotations

import copy
import datetime as dt
import threading
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.text.text import Font
from pptx.util import Emu

from summarydeck.markdown.inline import typeset_plain
from summarydeck.model.deck import Deck
from summarydeck.ooxml.inventory import SlideRecord, renumbered, slide_record
from summarydeck.ooxml.names import ADEC_NS, EXT_DECORATIVE, SLIDE_NUMBER_FIELD_ID, qn
from summarydeck.ooxml.package_writer import BasePart, base_parts
from summarydeck.ooxml.saving import drop_thumbnail, list_notes_master, normalise_zip
from summarydeck.ooxml.slide_bundle import OwnedPart, SlideDesk
from summarydeck.ooxml.templates import drop_slides, open_template
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign, LayoutSet
from summarydeck.plan.measure import available_height, text_height
from summarydeck.plan.types import (
    ChartElement,
    Element,
    ShapeElement,
    SlidePlan,
    TableElement,
    TextElement,
    footer_line,
)
from summarydeck.progress import NO_PROGRESS, Progress
from summarydeck.render.charts import add_chart
from summarydeck.render.language import language_is_rtl
from summarydeck.render.master import onto_template_master, write_master, xfrm_element
from summarydeck.render.slide_cache import Master, SlideCache, deck_render_key, slide_key
from summarydeck.render.tables import add_table
from summarydeck.render.text import fill_text_frame
from summarydeck.render.theme import apply_brand, set_colour
from summarydeck.values import Box, Paragraph, Run, inches

_SHAPES = {
    "rect": MSO_SHAPE.RECTANGLE,
    "rounded": MSO_SHAPE.ROUNDED_RECTANGLE,
    "oval": MSO_SHAPE.OVAL,
}


@dataclass(frozen=True)
class RenderedSlide:
    """One slide drawn and taken out of the package, with what it shows (its record)."""

    part: OwnedPart
    record: SlideRecord


@dataclass
class RenderedDeck:
    prs: Any  # the master's package, every slide taken out of it
    base: list[BasePart]  # its parts, serialised
    slides: list[RenderedSlide]
    drawn: int  # slides drawn this time; the others came from the cache
    # each slide's key: a digest of everything drawing it read (its plan, number, footer,
    # master), so equal keys mean slides that look the same wherever they are drawn
    keys: list[str]


# one build at a time draws into a master kept in the cache, and writes its package from it
# (`render_package` holds it across both: the master's presentation is read as it is written)
DRAWING = threading.RLock()


def render_deck(
    plans: list[SlidePlan],
    deck: Deck,
    cache_dir: Path | None,
    layouts: LayoutSet,
    grid: Grid,
    when: dt.datetime,
    cache: SlideCache | None = None,
    *,
    progress: Progress = NO_PROGRESS,
) -> RenderedDeck:
    """Draw each slide, or take it from `cache` when it was drawn before from the same plan at
    the same place with the same footer and master: the bytes are the same either way.
    `when` dates the charts' workbooks; `progress` is told of each slide, drawn or kept."""
    # an organisation's template keeps only the layouts the deck uses
    used = frozenset(plan.layout for plan in plans) if deck.template is not None else frozenset()
    template = deck.template.path.read_bytes() if deck.template is not None else None
    master_key = deck_render_key(deck, layouts, grid, when, used, template)
    footer = typeset_plain(
        footer_line(deck.brand.footer or deck.info.title, plans, deck.labels.text("draft"))
    )

    def kept_bytes(part: Any) -> bytes:
        """A part's bytes as the deck keeps them: a chart's workbook with fixed dates, so
        the same chart always gives the same bytes."""
        blob = bytes(part.blob)
        return normalise_zip(blob, when) if str(part.partname).endswith(".xlsx") else blob

    with DRAWING:
        master = cache.master(master_key) if cache is not None else None
        if master is None:
            master = _new_master(deck, layouts, grid, used, template)
            if cache is not None:
                cache.keep_master(master_key, master)
        prs, by_name = master.prs, master.layouts
        rendered: list[RenderedSlide] = []
        keys: list[str] = []
        drawn = 0
        try:
            for number, plan in enumerate(plans, 1):
                key = slide_key(master_key, plan, number, footer, cache_dir)
                keys.append(key.hex())
                done = cache.get(key) if cache is not None else None
                if done is None:
                    design = layouts.named(plan.layout)
                    layout = by_name[plan.layout]
                    slide = _render_slide(
                        prs, plan, deck, number, cache_dir, layout, design, grid, footer
                    )
                    _add_notes(slide, plan.notes, master)
                    record = slide_record(slide, number)
                    done = RenderedSlide(master.desk.take(slide, kept_bytes), record)
                    drawn += 1
                    if cache is not None:
                        cache.put(key, done)
                elif done.record.number != number:
                    done = RenderedSlide(done.part, renumbered(done.record, number))
                rendered.append(done)
                progress.advance()
        except BaseException:
            # a slide that failed half-drawn is still in the master: it must not be kept
            if cache is not None:
                cache.forget_master(master_key)
            raise
    return RenderedDeck(prs, master.base, rendered, drawn, keys)


def _new_master(
    deck: Deck, layouts: LayoutSet, grid: Grid, used: frozenset[str], template: bytes | None
) -> Master:
    """The package every slide is drawn into and taken out of: theme, master, layouts, notes
    master; left the same by each build, so it is kept while the brand stays the same."""
    lang = deck.info.language
    if deck.template is None:
        prs = Presentation()
        apply_brand(prs, deck.brand, language=lang)
        by_name = write_master(prs, layouts, deck.brand, grid, lang)
    else:
        prs = open_template(deck.template.path, template)
        drop_slides(prs)
        apply_brand(prs, deck.brand, only=deck.template, language=lang)
        by_name = onto_template_master(prs, layouts, deck.brand, lang, set(used))
    # made now, not by the first slide's notes, so a deck whose every slide comes from the
    # cache has the same notes master, under the same relationship id, as one drawn afresh
    prs.notes_master  # noqa: B018
    prs.core_properties  # noqa: B018  (python-pptx makes it when the package has none)
    drop_thumbnail(prs)
    list_notes_master(prs)
    return Master(prs, by_name, base_parts(prs), SlideDesk(prs))


def _add_notes(slide: Any, text: str, master: Master) -> None:
    """The slide's notes page. python-pptx makes each by copying the notes master's
    placeholders one by one (4 ms a slide); every page starts the same, so the first empty
    one is kept and copied."""
    from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from pptx.parts.slide import NotesSlidePart

    if master.notes is None:
        page = slide.notes_slide
        master.notes = copy.deepcopy(page.part._element)
    else:
        package = slide.part.package
        part = NotesSlidePart(
            package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
            CONTENT_TYPE.PML_NOTES_SLIDE,
            package,
            copy.deepcopy(master.notes),
        )
        # related as python-pptx relates them: notes master, then the slide, then from it
        part.relate_to(package.presentation_part.notes_master_part, RELATIONSHIP_TYPE.NOTES_MASTER)
        part.relate_to(slide.part, RELATIONSHIP_TYPE.SLIDE)
        slide.part.relate_to(part, RELATIONSHIP_TYPE.NOTES_SLIDE)
        page = part.notes_slide
    page.notes_text_frame.text = text


def _render_slide(
    prs: Any,
    plan: SlidePlan,
    deck: Deck,
    number: int,
    cache_dir: Path | None,
    layout: Any,
    design: LayoutDesign,
    grid: Grid,
    footer: str,
) -> Any:
    slide = prs.slides.add_slide(layout)
    slide._element.find(qn("p:cSld")).set("name", plan.id)
    lang = deck.info.language
    if plan.background is not design.background and not design.foreign:
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
        order.extend(_add_footer(slide, footer, deck, number, lang, design, grid))
    # reading order is the order in the shape tree: the plan's, whatever came from the layout
    tree = slide.shapes._spTree
    for shape in order:
        tree.append(shape)
    return slide


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
    by_key = {p.key: p for p in design.placeholders}
    for shape in list(slide.placeholders):
        ph = shape._element.find(f".//{qn('p:ph')}")
        placeholder = by_key.get((ph.get("type", "obj"), int(ph.get("idx", "0"))))
        element = texts.get(placeholder.role) if placeholder else None
        if element is None or placeholder is None:
            shape._element.getparent().remove(shape._element)
            continue
        if element.box != (placeholder.layout_box or placeholder.box):
            _set_box(shape, element.box)  # the kind measured a place of its own
        shape.name = element.name
        if design.foreign:
            # the template's colours and fonts; our sizes and spacing, as the text was fitted
            fill_text_frame(
                shape.text_frame, element, deck.brand, element.style.size, lang, look="theirs"
            )
        else:
            fill_text_frame(
                shape.text_frame, element, deck.brand, element.style.size, lang, placeholder
            )
        filled[placeholder.role] = shape._element
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
    if isinstance(element, TableElement):
        return add_table(slide, element, deck.brand, lang)._element
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


def _add_footer(
    slide: Any,
    footer_text: str,
    deck: Deck,
    number: int,
    lang: str,
    design: LayoutDesign,
    grid: Grid,
) -> list[Any]:
    """Footer and slide number as PowerPoint's Header & Footer dialog writes them: the
    layout's placeholders, cloned with no place of their own, holding text (the number as a
    field, so it updates when slides move). The text repeats the layout's size, colour and
    font: LibreOffice draws a slide's footer in the master's style, not the layout's."""
    added = []
    sources = _footer_sources(slide.slide_layout)
    for ph_type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
        source = sources.get(ph_type)
        if source is None:
            continue
        sp = copy.deepcopy(source)
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
        if design.foreign and placeholder is not None and placeholder.layout_box is not None:
            # a template's footer box may be too small for the footer: then ours, on our grid
            box = grid.footer if ph_type == PP_PLACEHOLDER.FOOTER else grid.slide_number
            probe = TextElement(
                "Footer",
                placeholder.layout_box,
                (Paragraph((Run(footer_text),)),),
                placeholder.style,
                inset=inches(0.1),
            )
            if text_height(probe, deck.brand, probe.style.size) > available_height(probe):
                sp_pr.append(xfrm_element(box))
        p_pr = etree.Element(qn("a:pPr"))
        p.insert(0, p_pr)
        if language_is_rtl(lang):
            p_pr.set("rtl", "1")
        if placeholder is not None:
            style = placeholder.style
            p_pr.set("algn", {"right": "r"}.get(style.align, "l"))
            r_pr.set("sz", str(round(style.size * 100)))
            if not design.foreign:  # a template's footer keeps its colour
                set_colour(Font(r_pr).color, style.colour, deck.brand)
            Font(r_pr).name = "+mn-lt"
        slide.shapes._spTree.append(sp)
        added.append(sp)
    return added


_FOOTERS: dict[int, tuple[Any, dict[Any, Any]]] = {}  # by id(layout part)


def _footer_sources(layout: Any) -> dict[Any, Any]:
    """A layout's footer and slide-number placeholders by type, found once per layout (a
    master is kept between builds, and python-pptx looks placeholders up by XPath)."""
    key = id(layout.part)
    known = _FOOTERS.get(key)
    if known is None or known[0] is not layout.part:  # an id reused by another layout
        found: dict[Any, Any] = {}
        for ph in layout.placeholders:
            kind = ph.placeholder_format.type
            if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                found.setdefault(kind, ph._element)
        if len(_FOOTERS) > 64:  # each holds its master alive: a few masters at most
            _FOOTERS.clear()
        known = _FOOTERS[key] = (layout.part, found)
    return known[1]


def _next_shape_id(slide: Any) -> int:
    ids = [int(e.get("id")) for e in slide._element.iter(qn("p:cNvPr")) if e.get("id")]
    return max(ids, default=1) + 1
