"""`summarydeck check` on decks other tools make: plain python-pptx decks on its default
template. The rules must judge them by what PowerPoint shows, with no false alarms on ordinary
slides (text boxes that do not wrap, dark layouts, preset colours) and no misses on common
faults (file names as alt text, tiny table text)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

from summarydeck.check.findings import Severity
from summarydeck.check.runner import CheckReport, check_deck

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _deck(tmp_path: Path, build: Callable[[Any, Any], None], layout: int = 6) -> CheckReport:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[layout])
    build(prs, slide)
    out = tmp_path / "deck.pptx"
    prs.save(str(out))
    return check_deck(out)


def _codes(report: CheckReport, at_least: Severity = Severity.INFO) -> set[str]:
    order = [Severity.INFO, Severity.WARNING, Severity.ERROR]
    return {f.code for f in report.findings if order.index(f.level) >= order.index(at_least)}


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), "#336699").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_filled_title_and_bullet_slide_has_no_findings(tmp_path: Path) -> None:
    def build(prs: Any, slide: Any) -> None:
        slide.shapes.title.text = "Joined-up care"
        slide.placeholders[1].text_frame.text = "People are passed between services"

    assert _deck(tmp_path, build, layout=1).findings == []


def test_a_text_box_that_does_not_wrap_may_run_past_its_box_but_not_off_the_slide(
    tmp_path: Path,
) -> None:
    def on_slide(prs: Any, slide: Any) -> None:  # python-pptx boxes: wrap="none", spAutoFit
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(2), Inches(0.5))
        box.text_frame.text = "A longer line of text in a narrow box"

    assert "C201" not in _codes(_deck(tmp_path, on_slide))

    def off_slide(prs: Any, slide: Any) -> None:
        box = slide.shapes.add_textbox(Inches(6), Inches(2), Inches(2), Inches(0.5))
        box.text_frame.text = "A line long enough to run well past the right edge of the slide"

    report = _deck(tmp_path, off_slide)
    [finding] = [f for f in report.findings if f.code == "C201"]
    assert "past the slide's right edge" in finding.message


def test_white_text_on_a_layout_that_maps_the_background_to_dark_is_fine(tmp_path: Path) -> None:
    prs = Presentation()
    layout = prs.slide_layouts[6]
    override = layout._element.find(f"{P}clrMapOvr")
    for child in list(override):
        override.remove(child)
    mapping = {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2", "hlink": "hlink"}
    mapping |= {f"accent{n}": f"accent{n}" for n in range(1, 7)} | {"folHlink": "folHlink"}
    etree.SubElement(override, f"{A}overrideClrMapping", mapping)
    slide = prs.slides.add_slide(layout)
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    box.text_frame.text = "Text in the theme's text colour, on the dark background"
    out = tmp_path / "dark.pptx"
    prs.save(str(out))
    assert "C301" not in _codes(check_deck(out))


def test_preset_colours_are_resolved(tmp_path: Path) -> None:
    def build(prs: Any, slide: Any) -> None:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor(0, 0, 0x40)
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
        box.text_frame.text = "White, written as a preset colour"
        r_pr = box.text_frame.paragraphs[0].runs[0]._r.get_or_add_rPr()
        fill = etree.SubElement(r_pr, f"{A}solidFill")
        etree.SubElement(fill, f"{A}prstClr", val="white")

    assert "C301" not in _codes(_deck(tmp_path, build))


def test_light_grey_text_on_white_is_low_contrast(tmp_path: Path) -> None:
    def build(prs: Any, slide: Any) -> None:
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
        box.text_frame.text = "Pale text"
        box.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xC0, 0xC0, 0xC0)

    [finding] = [f for f in _deck(tmp_path, build).findings if f.code == "C301"]
    assert "#C0C0C0" in finding.message and "#FFFFFF" in finding.message


def test_a_file_name_is_not_alt_text(tmp_path: Path) -> None:
    def build(prs: Any, slide: Any) -> None:  # python-pptx writes descr="image.png"
        slide.shapes.add_picture(BytesIO(_png()), Inches(1), Inches(1))

    [finding] = [f for f in _deck(tmp_path, build).findings if f.code == "C401"]
    assert "file name" in finding.message


def test_tiny_text_in_a_table_is_found(tmp_path: Path) -> None:
    def build(prs: Any, slide: Any) -> None:
        table = slide.shapes.add_table(2, 2, Inches(1), Inches(1), Inches(4), Inches(1)).table
        table.cell(0, 0).text = "Tiny"
        table.cell(0, 0).text_frame.paragraphs[0].runs[0].font.size = Pt(7)

    assert "C202" in _codes(_deck(tmp_path, build))


def test_a_python_pptx_chart_is_a_warning_once_not_an_error_per_axis(tmp_path: Path) -> None:
    def build(prs: Any, slide: Any) -> None:
        data = CategoryChartData()
        data.categories = ["A", "B"]
        data.add_series("S", (1, 2))
        frame = slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(6), Inches(4), data
        )
        frame._element.nvGraphicFramePr.cNvPr.set("descr", "A column chart: A 1, B 2")

    report = _deck(tmp_path, build)  # a blank layout: no title (C402), not the point here
    package = [f for f in report.findings if f.code == "C101"]
    assert len(package) == 1 and package[0].level is Severity.WARNING
    assert _codes(report, Severity.ERROR) == {"C402"}


def test_a_slide_show_file_is_a_finding_without_internal_names(tmp_path: Path) -> None:
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6])
    out = tmp_path / "show.pptx"
    prs.save(str(out))
    buffer = BytesIO()
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"slideshow.main+xml")
            target.writestr(info, data)
    report = check_deck(buffer.getvalue())
    [finding] = report.findings
    assert finding.code == "C101" and "slide show (.ppsx)" in finding.message
    assert "BytesIO" not in finding.message
