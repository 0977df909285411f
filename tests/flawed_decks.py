"""A corpus of deliberately flawed decks for `summarydeck check`: one flaw each.

Every builder copies a clean deck (the `tests/content/full` build) to `out` with exactly one
flaw, chosen so that it triggers its own finding and no other error or warning. `FLAWS` names
each builder with the code the checker must report and the slide it must name.
"""

from __future__ import annotations

import copy
import io
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from summarydeck.model.brand import TypeScale

Builder = Callable[[Path, Path], None]

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
LONG_PARAGRAPH = (
    "Far more words than this small box was ever drawn to hold: a long paragraph about "
    "services, staff, waiting lists, referrals and follow-up appointments, repeated until it "
    "runs many lines past the bottom edge of the box, which neither grows nor shrinks its text "
    "to make room for it, so the last lines spill over whatever lies beneath."
)


@dataclass(frozen=True)
class Flaw:
    build: Builder
    code: str  # the finding the checker must report
    slide: int | None  # the 1-based slide the finding must name; None: not pinned
    final: bool = False  # check the deck as one for publishing
    type_scale: tuple[float, ...] = ()  # the sizes text may be set at; empty: not checked


# --- helpers -------------------------------------------------------------------------------------


def _edit(base: Path, out: Path, change: Callable[[Any], None]) -> None:
    """Open the base deck with python-pptx, apply `change` to it and save it to `out`."""
    prs = Presentation(str(base))
    change(prs)
    prs.save(str(out))


def _shape(prs: Any, slide: int, name: str) -> Any:
    """The shape called `name` on the 1-based `slide`; fails loudly if the base deck changed."""
    found = [s for s in prs.slides[slide - 1].shapes if s.name == name]
    assert len(found) == 1, f"slide {slide} has {len(found)} shapes named {name!r}"
    return found[0]


def _set_text(shape: Any, text: str) -> None:
    """Replace the shape's text, keeping the formatting of its first run."""
    body = shape.text_frame._txBody
    paragraphs = body.findall(qn("a:p"))
    for extra in paragraphs[1:]:
        body.remove(extra)
    runs = paragraphs[0].findall(qn("a:r"))
    for extra in runs[1:]:
        paragraphs[0].remove(extra)
    runs[0].find(qn("a:t")).text = text


def _c_nv_pr(element: Any) -> Any:
    """A shape element's non-visual properties: its id, name and alt text."""
    return next(element.iter(qn("p:cNvPr")))


def _rewrite_zip(base: Path, out: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    """Copy the package part by part, letting `change` edit or drop parts by zip name."""
    with zipfile.ZipFile(base) as source:
        infos = source.infolist()
        parts = {info.filename: source.read(info.filename) for info in infos}
    change(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            if info.filename in parts:
                target.writestr(info, parts[info.filename])
    out.write_bytes(buffer.getvalue())


def _relink(slide: int, address: str) -> Builder:
    """A builder pointing the first hyperlink on `slide` at `address`."""

    def build(base: Path, out: Path) -> None:
        def change(prs: Any) -> None:
            runs = [
                run
                for shape in prs.slides[slide - 1].shapes
                if shape.has_text_frame
                for para in shape.text_frame.paragraphs
                for run in para.runs
                if run.hyperlink.address
            ]
            assert runs, f"slide {slide} has no hyperlink"
            runs[0].hyperlink.address = address

        _edit(base, out, change)

    return build


# --- C101 package --------------------------------------------------------------------------------


def slide_without_content_type(base: Path, out: Path) -> None:
    """Slide 5 loses its content-type Override (so it falls back to plain application/xml)."""

    def change(parts: dict[str, bytes]) -> None:
        root = etree.fromstring(parts["[Content_Types].xml"])
        (override,) = root.xpath(
            "ct:Override[@PartName='/ppt/slides/slide5.xml']", namespaces={"ct": _CT_NS}
        )
        root.remove(override)
        parts["[Content_Types].xml"] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )

    _rewrite_zip(base, out, change)


def picture_part_missing(base: Path, out: Path) -> None:
    """The logo's image part is gone: slide 1's relationship targets a missing part."""
    logo = _shape(Presentation(str(base)), 1, "Logo")
    image = logo.part.related_part(logo._element.blipFill.blip.rEmbed)
    zip_name = str(image.partname).lstrip("/")

    def change(parts: dict[str, bytes]) -> None:
        del parts[zip_name]

    _rewrite_zip(base, out, change)


# --- C201 overflow, C202 small text --------------------------------------------------------------


def long_paragraph_in_small_box(base: Path, out: Path) -> None:
    """A long paragraph in the fixed (noAutofit), one-line "Statistic detail" box of slide 4."""
    _edit(base, out, lambda prs: _set_text(_shape(prs, 4, "Statistic detail"), LONG_PARAGRAPH))


def unwrapped_line_too_wide(base: Path, out: Path) -> None:
    """Slide 4's "Statistic label" stops wrapping: its one line is wider than the box."""

    def change(prs: Any) -> None:
        body_pr = _shape(prs, 4, "Statistic label").text_frame._txBody.bodyPr
        body_pr.set("wrap", "none")

    _edit(base, out, change)


def eight_point_run(base: Path, out: Path) -> None:
    """The first run of slide 13's "Body" set at 8 pt."""

    def change(prs: Any) -> None:
        _shape(prs, 13, "Body").text_frame.paragraphs[0].runs[0].font.size = Pt(8)

    _edit(base, out, change)


def nineteen_point_body(base: Path, out: Path) -> None:
    """The first run of slide 13's "Body" at 19 pt, between the type scale's 18 and 20."""

    def change(prs: Any) -> None:
        _shape(prs, 13, "Body").text_frame.paragraphs[0].runs[0].font.size = Pt(19)

    _edit(base, out, change)


def one_figure_label_smaller(base: Path, out: Path) -> None:
    """Slide 8's "Key figure label" at 18 pt; the other slides' stay at 20 pt."""

    def change(prs: Any) -> None:
        for para in _shape(prs, 8, "Key figure label").text_frame.paragraphs:
            for run in para.runs:
                run.font.size = Pt(18)

    _edit(base, out, change)


def title_ending_in_a_lonely_word(base: Path, out: Path) -> None:
    """Slide 13's title grows by one word that wraps onto a line of its own ("together")."""
    title = "What we learned from the teams that tested new ways together"
    _edit(base, out, lambda prs: _set_text(_shape(prs, 13, "Title"), title))


def attribution_in_a_font_office_lacks(base: Path, out: Path) -> None:
    """Slide 17's "Attribution" set in a font PowerPoint does not come with (C207; and C203,
    a note: summarydeck cannot measure it)."""

    def change(prs: Any) -> None:
        for para in _shape(prs, 17, "Attribution").text_frame.paragraphs:
            for run in para.runs:
                run.font.name = "Brandon Grotesque"

    _edit(base, out, change)


# --- C301, C303 contrast -------------------------------------------------------------------------


def light_grey_text_on_white(base: Path, out: Path) -> None:
    """Slide 17's "Attribution" in light grey #C0C0C0 on the white slide background."""

    def change(prs: Any) -> None:
        for para in _shape(prs, 17, "Attribution").text_frame.paragraphs:
            for run in para.runs:
                run.font.color.rgb = RGBColor(0xC0, 0xC0, 0xC0)

    _edit(base, out, change)


def white_text_on_pale_fill(base: Path, out: Path) -> None:
    """Slide 2's first agenda circle turns pale grey under its white number."""

    def change(prs: Any) -> None:
        circle = _shape(prs, 2, "Agenda number 1")
        circle.fill.solid()
        circle.fill.fore_color.rgb = RGBColor(0xF2, 0xF2, 0xF2)

    _edit(base, out, change)


def pale_meaningful_underline(base: Path, out: Path) -> None:
    """Slide 14's "Left underline" is no longer decorative, and turns a pale pink (#F4D6CF)
    that the white slide behind it leaves at 1.4:1."""

    def change(prs: Any) -> None:
        underline = _shape(prs, 14, "Left underline")
        c_nv_pr = _c_nv_pr(underline._element)
        ext_lst = c_nv_pr.find(qn("a:extLst"))
        assert ext_lst is not None, "the underline is not marked decorative"
        c_nv_pr.remove(ext_lst)
        underline.fill.solid()
        underline.fill.fore_color.rgb = RGBColor(0xF4, 0xD6, 0xCF)

    _edit(base, out, change)


def chart_colours_alike_without_labels(base: Path, out: Path) -> None:
    """Slide 7's chart loses its data labels, and its second series turns a blue (#2A7F9E)
    close to the first's (#1B6E8C): the bars are told apart by colour alone."""

    def change(prs: Any) -> None:
        chart = _shape(prs, 7, "Chart").chart
        labels = chart._chartSpace.findall(f".//{qn('c:dLbls')}")
        assert labels, "the chart shows no data labels to remove"
        for element in labels:
            element.getparent().remove(element)
        fill = chart.plots[0].series[1].format.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor(0x2A, 0x7F, 0x9E)

    _edit(base, out, change)


# --- C401 alt text -------------------------------------------------------------------------------


def _drop_alt_text(slide: int, name: str) -> Builder:
    def build(base: Path, out: Path) -> None:
        def change(prs: Any) -> None:
            c_nv_pr = _c_nv_pr(_shape(prs, slide, name)._element)
            assert c_nv_pr.get("descr"), f"{name} on slide {slide} has no alt text to remove"
            for attribute in ("descr", "title"):
                c_nv_pr.attrib.pop(attribute, None)

        _edit(base, out, change)

    return build


picture_without_alt_text = _drop_alt_text(1, "Logo")
chart_without_alt_text = _drop_alt_text(6, "Chart")  # a native chart (graphicFrame)


# --- C402-C405 structure -------------------------------------------------------------------------


def title_deleted(base: Path, out: Path) -> None:
    """Slide 14 loses its title placeholder."""

    def change(prs: Any) -> None:
        title = _shape(prs, 14, "Title")._element
        title.getparent().remove(title)

    _edit(base, out, change)


def title_emptied(base: Path, out: Path) -> None:
    """Slide 13 keeps its title placeholder, with no text in it."""
    _edit(base, out, lambda prs: _set_text(_shape(prs, 13, "Title"), ""))


def duplicate_title(base: Path, out: Path) -> None:
    """Slide 3 takes slide 2's title."""

    def change(prs: Any) -> None:
        _set_text(_shape(prs, 3, "Title"), _shape(prs, 2, "Title").text_frame.text)

    _edit(base, out, change)


def title_read_last(base: Path, out: Path) -> None:
    """Slide 13's title moves to the end of the shape tree: a screen reader meets it last."""

    def change(prs: Any) -> None:
        title = _shape(prs, 13, "Title")._element
        tree = title.getparent()
        tree.remove(title)
        ext = tree.find(qn("p:extLst"))
        if ext is not None:
            ext.addprevious(title)
        else:
            tree.append(title)

    _edit(base, out, change)


def empty_body_placeholder(base: Path, out: Path) -> None:
    """Slide 13 gets the master's body placeholder, cloned with no text and no position."""

    def change(prs: Any) -> None:
        slide = prs.slides[12]
        master = slide.slide_layout.slide_master
        (body,) = master._element.xpath(".//p:sp[p:nvSpPr/p:nvPr/p:ph[@type='body']]")
        clone = copy.deepcopy(body)
        c_nv_pr = _c_nv_pr(clone)
        c_nv_pr.set("id", str(max(s.shape_id for s in slide.shapes) + 1))
        c_nv_pr.set("name", "Text Placeholder 9")
        sp_pr = clone.find(qn("p:spPr"))
        for child in list(sp_pr):
            sp_pr.remove(child)  # inherit the position, as a fresh placeholder does
        tx_body = clone.find(qn("p:txBody"))
        for para in tx_body.findall(qn("a:p")):
            tx_body.remove(para)
        etree.SubElement(tx_body, qn("a:p"))
        slide.shapes._spTree.append(clone)

    _edit(base, out, change)


# --- C501 off-slide, C502 overlap ----------------------------------------------------------------


def box_past_right_edge(base: Path, out: Path) -> None:
    """Slide 3's "Section number" slides right until 1 inch of it is off the slide.

    Nothing else on slide 3 lies in its band (the accent rule and title are below it)."""

    def change(prs: Any) -> None:
        box = _shape(prs, 3, "Section number")
        box.left = Emu(int(prs.slide_width) - int(box.width) + Inches(1))

    _edit(base, out, change)


def box_on_top_of_text(base: Path, out: Path) -> None:
    """Slide 4's "Statistic detail" moves up onto the lower part of "Statistic label"."""

    def change(prs: Any) -> None:
        label = _shape(prs, 4, "Statistic label")
        detail = _shape(prs, 4, "Statistic detail")
        detail.top = Emu(int(label.top) + int(label.height) - Inches(0.5))

    _edit(base, out, change)


def source_line_past_the_margin(base: Path, out: Path) -> None:
    """Slide 13's "Citation" moves 0.3 in left: its text starts outside the title's."""

    def change(prs: Any) -> None:
        citation = _shape(prs, 13, "Citation")
        citation.left = Emu(int(citation.left) - Inches(0.3))

    _edit(base, out, change)


# --- C601 links, C701 unconfirmed ----------------------------------------------------------------

file_link = _relink(14, "file:///C:/secret.txt")
javascript_link = _relink(24, "javascript:alert(1)")


def unchanged_copy(base: Path, out: Path) -> None:
    """The base deck as it is: its "To be confirmed" markers are the flaw in a final deck."""
    shutil.copyfile(base, out)


def linked_logo(base: Path, out: Path) -> None:
    """Slide 1's logo is linked to a file on the author's disk instead of held in the deck."""

    def change(prs: Any) -> None:
        blip = _shape(prs, 1, "Logo")._element.blipFill.blip
        part = prs.slides[0].part
        part.drop_rel(blip.attrib.pop(qn("r:embed")))
        blip.set(qn("r:link"), part.relate_to("file:///C:/Users/me/logo.png", _IMAGE, True))

    _edit(base, out, change)


_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


FLAWS: dict[str, Flaw] = {
    "slide-without-content-type": Flaw(slide_without_content_type, "C101", None),
    "picture-part-missing": Flaw(picture_part_missing, "C101", None),
    "long-paragraph-in-small-box": Flaw(long_paragraph_in_small_box, "C201", 4),
    "unwrapped-line-too-wide": Flaw(unwrapped_line_too_wide, "C201", 4),
    "eight-point-run": Flaw(eight_point_run, "C202", 13),
    "nineteen-point-body": Flaw(nineteen_point_body, "C204", 13, type_scale=TypeScale().steps()),
    "one-figure-label-smaller": Flaw(one_figure_label_smaller, "C205", 8),
    "title-ending-in-a-lonely-word": Flaw(title_ending_in_a_lonely_word, "C206", 13),
    "attribution-in-a-font-office-lacks": Flaw(attribution_in_a_font_office_lacks, "C207", 17),
    "light-grey-text-on-white": Flaw(light_grey_text_on_white, "C301", 17),
    "white-text-on-pale-fill": Flaw(white_text_on_pale_fill, "C301", 2),
    "pale-meaningful-underline": Flaw(pale_meaningful_underline, "C303", 14),
    "chart-colours-alike-without-labels": Flaw(chart_colours_alike_without_labels, "C303", 7),
    "picture-without-alt-text": Flaw(picture_without_alt_text, "C401", 1),
    "chart-without-alt-text": Flaw(chart_without_alt_text, "C401", 6),
    "title-deleted": Flaw(title_deleted, "C402", 14),
    "title-emptied": Flaw(title_emptied, "C402", 13),
    "duplicate-title": Flaw(duplicate_title, "C403", 3),
    "title-read-last": Flaw(title_read_last, "C404", 13),
    "empty-body-placeholder": Flaw(empty_body_placeholder, "C405", 13),
    "box-past-right-edge": Flaw(box_past_right_edge, "C501", 3),
    "box-on-top-of-text": Flaw(box_on_top_of_text, "C502", 4),
    "source-line-past-the-margin": Flaw(source_line_past_the_margin, "C503", 13),
    "file-link": Flaw(file_link, "C601", 14),
    "javascript-link": Flaw(javascript_link, "C601", 24),
    "unconfirmed-in-final": Flaw(unchanged_copy, "C701", 7, final=True),
    "linked-logo": Flaw(linked_logo, "C602", 1),
}
