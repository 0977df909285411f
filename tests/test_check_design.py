"""The design checks: C503 boxes past the text margins, C204 sizes off the type scale, C205 one
element at different sizes, C303 non-text contrast, C206 a title's lonely last word.

Each is tried on small python-pptx decks made to break it and on ones that keep it (the rules
must judge any deck, not only ours); the corpus in `flawed_decks.py` breaks each on our own deck.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches, Pt

from summarydeck import api
from summarydeck.api.loading import plan
from summarydeck.check.findings import Finding, Severity
from summarydeck.check.rules import Options, rule
from summarydeck.check.runner import check_deck
from summarydeck.cli import cli
from summarydeck.ooxml.reader import read_deck

REPO = Path(__file__).parent.parent
FULL_CONTENT = REPO / "tests" / "content" / "full"
TITLE_ONLY, BLANK, TITLE_AND_CONTENT, SECTION = 5, 6, 1, 2  # python-pptx's default layouts
# on its 10 in wide default template a Title Only slide's title box runs from 0.5 in to 9.5 in
# with 0.1 in insets: its text, and so the text margins, from 0.6 in to 9.4 in
SCALE = (14.0, 18.0, 24.0, 32.0, 44.0)
_DECORATIVE = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" '
    'val="1"/></a:ext></a:extLst>'
)


def _save(prs: Any, tmp_path: Path, name: str = "deck.pptx") -> Path:
    out = tmp_path / name
    prs.save(str(out))
    return out


def _found(path: Path, code: str, **options: Any) -> list[Finding]:
    return [f for f in check_deck(path, **options).findings if f.code == code]


def _titled(prs: Any, title: str = "Joined-up care", layout: int = TITLE_ONLY) -> Any:
    slide = prs.slides.add_slide(prs.slide_layouts[layout])
    slide.shapes.title.text = title
    return slide


def _box(
    slide: Any,
    left: float,
    right: float,
    fill: str | None = "1B3A5C",
    *,
    name: str | None = None,
    shape: Any = MSO_SHAPE.RECTANGLE,
    top: float = 3.0,
    height: float = 1.0,
) -> Any:
    """A shape from `left` to `right` inches; filled with `fill`, or with no fill at all."""
    added = slide.shapes.add_shape(
        shape, Inches(left), Inches(top), Inches(right - left), Inches(height)
    )
    if fill is None:
        added.fill.background()
    else:
        added.fill.solid()
        added.fill.fore_color.rgb = RGBColor.from_string(fill)
    added.line.fill.background()
    if name:
        added.name = name
    return added


def _text(
    slide: Any, left: float, right: float, text: str, size: float, name: str | None = None
) -> Any:
    box = slide.shapes.add_textbox(Inches(left), Inches(5), Inches(right - left), Inches(1))
    box.text_frame.word_wrap = True
    box.text_frame.text = text
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(size)
    if name:
        box.name = name
    return box


def _decorative(shape: Any) -> None:
    next(shape._element.iter("{*}cNvPr")).append(etree.fromstring(_DECORATIVE))


# --- C503 off-margin ----------------------------------------------------------------------------


def test_a_panel_past_a_margin_is_found_with_its_side_and_distance(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _titled(prs)
    _box(slide, 0.4, 3.0, name="Left panel")
    _box(slide, 7.0, 9.7, name="Right panel")
    found = {f.shape: f for f in _found(_save(prs, tmp_path), "C503")}
    assert set(found) == {"Left panel", "Right panel"}
    assert "0.20 in past the left text margin" in found["Left panel"].message
    assert "0.30 in past the right text margin" in found["Right panel"].message
    assert "0.60 in and 9.40 in" in found["Left panel"].message
    assert found["Left panel"].level is Severity.WARNING and found["Left panel"].slide == 1


def test_boxes_on_the_margins_bands_and_unfilled_text_pass(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _titled(prs)
    _box(slide, 0.6, 9.4, top=2.0)  # exactly on the margins
    _box(slide, 0.59, 9.41, top=3.2)  # within the 0.02 in of rounding
    _box(slide, 0.0, 10.0, "EEF2F6", top=6.5, height=0.5)  # a full-width band
    _box(slide, 0.0, 0.3, "C8553D", top=4.5)  # a stripe bleeding off the left edge
    _box(slide, 0.2, 9.8, None, top=1.5)  # no fill, no text: nothing shows
    _text(slide, 0.5, 9.5, "Text starts on the margin, the box one inset out", 18)
    assert _found(_save(prs, tmp_path), "C503") == []


def test_a_text_box_with_a_fill_counts_by_its_box(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _titled(prs)
    label = _text(slide, 0.5, 4.0, "A label on a filled box", 18, name="Label")
    assert _found(_save(prs, tmp_path), "C503") == []
    label.fill.solid()
    label.fill.fore_color.rgb = RGBColor(0xEE, 0xF2, 0xF6)
    [finding] = _found(_save(prs, tmp_path), "C503")
    assert finding.shape == "Label" and "0.10 in past the left" in finding.message


def test_a_slide_without_a_title_takes_the_decks_usual_margins(tmp_path: Path) -> None:
    prs = Presentation()
    _titled(prs, "One")
    _titled(prs, "Two")
    blank = prs.slides.add_slide(prs.slide_layouts[BLANK])
    _box(blank, 0.3, 3.0, name="Panel")
    [finding] = _found(_save(prs, tmp_path), "C503")
    assert (finding.slide, finding.shape) == (3, "Panel")
    assert "0.30 in past the left" in finding.message


def test_a_title_kept_short_on_one_side_still_sets_both_margins(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _titled(prs)
    title = slide.shapes.title
    # 0.5 in to 6 in, room for a logo on the right (a placeholder resized gets all four set)
    title.left, title.top, title.width, title.height = (
        title.left,
        title.top,
        Inches(5.5),
        title.height,
    )
    _box(slide, 7.0, 9.4, name="Logo panel")
    assert _found(_save(prs, tmp_path), "C503") == []
    _box(slide, 7.0, 9.6, name="Wide panel", top=5.0)
    [finding] = _found(_save(prs, tmp_path), "C503")
    assert finding.shape == "Wide panel" and "0.20 in past the right" in finding.message


def test_a_deck_without_titles_has_no_margins_to_judge(tmp_path: Path) -> None:
    prs = Presentation()
    _box(prs.slides.add_slide(prs.slide_layouts[BLANK]), 0.2, 9.0)
    assert _found(_save(prs, tmp_path), "C503") == []


# --- C204 off-scale-size ------------------------------------------------------------------------


def test_sizes_off_the_type_scale_are_found_once_per_size_and_slide(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _titled(prs)  # the title at 44 pt: a step
    _text(slide, 0.6, 4.0, "Shrunk to fit", 19.5, name="Card 1 text")
    _text(slide, 5.0, 9.0, "Shrunk with it", 19.5, name="Card 2 text")
    _text(slide, 0.6, 9.0, "On the scale", 18, name="Caption")
    deck = _save(prs, tmp_path)
    assert _found(deck, "C204") == []  # no scale given: nothing to judge by
    [finding] = _found(deck, "C204", type_scale=SCALE)
    assert finding.shape == "Card 1 text" and finding.level is Severity.WARNING
    assert "at 19.5 pt" in finding.message and "(14, 18, 24, 32, 44 pt)" in finding.message
    assert "“Card 2 text”" in finding.message
    assert finding.hint is not None and "18 pt or 24 pt" in finding.hint


def test_a_charts_text_counts(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _titled(prs)
    frame = _chart(slide, ("1B3A5C",))
    frame.chart.plots[0].has_data_labels = True
    frame.chart.plots[0].data_labels.font.size = Pt(16)
    [finding] = _found(_save(prs, tmp_path), "C204", type_scale=SCALE)
    assert finding.shape == frame.name and "the chart's text at 16 pt" in finding.message


def test_the_type_scale_option_of_check(tmp_path: Path) -> None:
    prs = Presentation()
    _text(_titled(prs), 0.6, 9.0, "Shrunk to fit", 19.5)
    deck = str(_save(prs, tmp_path))
    runner = CliRunner()
    result = runner.invoke(cli, ["check", deck, "--type-scale", "14, 18,24,32,44"])
    assert result.exit_code == 0 and "warning C204 off-scale-size" in result.output
    assert runner.invoke(cli, ["check", deck, "--type-scale", "14,18,19.5,24,32,44"]).exit_code == 0
    strict = runner.invoke(cli, ["check", deck, "--strict", "--type-scale", "18,24,44"])
    assert strict.exit_code == 1
    bad = runner.invoke(cli, ["check", deck, "--type-scale", "14,big"])
    assert bad.exit_code == 2 and "14,18,24,32" in bad.output


@pytest.fixture
def seen_options() -> Iterator[list[Options]]:
    """The options every check run is given, while the test runs."""
    from summarydeck.check import rules

    seen: list[Options] = []

    @rule("test-only-options")
    def record(deck: object, options: Options) -> Iterator[Finding]:
        seen.append(options)
        yield from ()

    yield seen
    rules._CHECKS.pop("test-only-options")


def test_our_decks_are_checked_against_their_brands_type_scale(
    seen_options: list[Options], full_deck: Path, tmp_path: Path
) -> None:
    steps = plan(FULL_CONTENT)[0].brand.type_scale.steps()
    assert len(steps) > 5
    api.check(FULL_CONTENT)  # the deck the content builds
    api.check(FULL_CONTENT, full_deck)  # a deck on disk, with its content
    api.build(FULL_CONTENT, tmp_path / "deck.pptx", tmp_path / "cache")  # the build's own check
    api.check(None, full_deck)  # a deck alone: no scale to judge by
    assert [o.type_scale for o in seen_options] == [steps, steps, steps, ()]
    api.check(None, full_deck, type_scale=(14.0, 18.0))
    assert seen_options[-1].type_scale == (14.0, 18.0)


# --- C205 inconsistent-size ---------------------------------------------------------------------


def test_one_element_at_different_sizes_is_reported_once(tmp_path: Path) -> None:
    prs = Presentation()
    for number, (figure, card) in enumerate([(60, 20), (60, 20), (44, 18)], 1):
        slide = _titled(prs, f"Slide {number}")
        _text(slide, 0.6, 4.0, "1 in 4", figure, name="Key figure")
        _text(slide, 5.0, 9.0, "A card", card, name=f"Card {2 * number} title")
    found = {f.shape: f for f in _found(_save(prs, tmp_path), "C205")}
    assert set(found) == {"Key figure", "Card 6 title"}
    figure = found["Key figure"]
    assert figure.slide == 3 and figure.level is Severity.WARNING
    assert figure.message == "“Key figure” is 60 pt on slides 1 and 2 but 44 pt on slide 3"
    assert found["Card 6 title"].message.startswith("“Card title” is 20 pt")


def test_the_finding_names_the_shape_at_the_odd_size(tmp_path: Path) -> None:
    prs = Presentation()
    _text(_titled(prs, "One"), 0.6, 4.0, "A card", 20, name="Card 1 title")
    second = _titled(prs, "Two")
    _text(second, 0.6, 4.0, "A card", 20, name="Card 1 title")
    _text(second, 5.0, 9.0, "A card shrunk", 18, name="Card 2 title")
    [finding] = _found(_save(prs, tmp_path), "C205")
    assert (finding.slide, finding.shape) == (2, "Card 2 title")
    assert finding.message == "“Card title” is 20 pt on slides 1 and 2 but 18 pt on slide 2"


def test_fitted_placeholders_and_made_up_names_are_not_elements(tmp_path: Path) -> None:
    prs = Presentation()
    for number, size in enumerate((24, 18), 1):
        slide = _titled(prs, f"Slide {number}", TITLE_AND_CONTENT)
        slide.placeholders[1].text_frame.text = "Fitted to the room it has"
        slide.placeholders[1].text_frame.paragraphs[0].runs[0].font.size = Pt(size)
        _text(slide, 0.6, 9.0, "A text box PowerPoint named", size)  # "TextBox 3"
    assert _found(_save(prs, tmp_path), "C205") == []


def test_titles_are_compared_with_titles_their_layouts_set_alike(tmp_path: Path) -> None:
    prs = Presentation()
    _titled(prs, "A content slide")  # 44 pt, as its layout sets
    _titled(prs, "Another")
    _titled(prs, "A section", SECTION)  # 40 pt in its layout: another element
    assert _found(_save(prs, tmp_path), "C205") == []
    shrunk = _titled(prs, "A long title someone shrank")
    shrunk.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(36)
    [finding] = _found(_save(prs, tmp_path), "C205")
    assert finding.slide == 4 and finding.shape == "Title 1"
    assert finding.message == (
        "the slide title (44 pt in the layout) is 44 pt on slides 1 and 2 but 36 pt on slide 4"
    )


# --- C303 non-text-contrast ---------------------------------------------------------------------


def test_a_pale_shape_that_means_something_fails_against_the_background(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _titled(prs)
    _box(slide, 1.0, 1.5, "FFF2CC", name="Status dot", shape=MSO_SHAPE.OVAL)
    [finding] = _found(_save(prs, tmp_path), "C303")
    assert finding.shape == "Status dot" and finding.level is Severity.ERROR
    assert "#FFF2CC on #FFFFFF" in finding.message and "1.4.11" in finding.message
    assert "1.1" in finding.message and "3:1" in finding.message


def test_decorative_dark_text_bearing_and_full_bleed_shapes_pass(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _titled(prs)
    _decorative(_box(slide, 1.0, 4.0, "EEF2F6", name="Card"))  # behind text: decoration
    _box(slide, 5.0, 5.5, "1B3A5C", name="Dark dot", shape=MSO_SHAPE.OVAL)
    labelled = _box(slide, 6.0, 9.0, "EEF2F6", name="Labelled")
    labelled.text_frame.text = "Its words carry it"
    labelled.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0x1F, 0x29, 0x33)
    _box(slide, 0.0, 10.0, "F4F4F4", top=6.8, height=0.7)  # a band along the bottom
    assert _found(_save(prs, tmp_path), "C303") == []


def test_a_shape_is_judged_against_what_is_behind_it(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _titled(prs)
    _decorative(_box(slide, 1.0, 9.0, "1B3A5C", name="Panel", top=2.0, height=4.0))
    _box(slide, 2.0, 2.5, "FFFFFF", name="White dot", shape=MSO_SHAPE.OVAL)  # white on navy
    assert _found(_save(prs, tmp_path), "C303") == []
    _box(slide, 3.0, 3.5, "24466E", name="Navy dot", shape=MSO_SHAPE.OVAL)  # fine on white
    [finding] = _found(_save(prs, tmp_path), "C303")
    assert finding.shape == "Navy dot" and "on #1B3A5C" in finding.message


def _chart(
    slide: Any,
    fills: tuple[str, ...],
    kind: Any = XL_CHART_TYPE.COLUMN_CLUSTERED,
    points: tuple[str, ...] = (),
) -> Any:
    """A chart with one series per fill (or one series with `points` coloured one by one)."""
    data = CategoryChartData()
    data.categories = ["North", "Midlands", "South"]
    for number, _ in enumerate(fills, 1):
        data.add_series(f"Series {number}", (3 * number, 4, 5))
    frame = slide.shapes.add_chart(kind, Inches(0.6), Inches(1.8), Inches(8.8), Inches(4.5), data)
    frame.name = "Regions chart"
    chart_series = list(frame.chart.plots[0].series)
    for series, fill in zip(chart_series, fills, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(fill)
    for index, fill in enumerate(points):
        point = chart_series[0].points[index].format.fill
        point.solid()
        point.fore_color.rgb = RGBColor.from_string(fill)
    next(frame._element.iter("{*}cNvPr")).set("descr", "Three regions compared")
    return frame


def test_neighbouring_chart_colours_need_3_to_1_unless_labelled(tmp_path: Path) -> None:
    prs = Presentation()
    frame = _chart(_titled(prs), ("1B6E8C", "2A7F9E"))
    [finding] = _found(_save(prs, tmp_path), "C303")
    assert finding.shape == "Regions chart" and finding.level is Severity.ERROR
    assert "#1B6E8C and #2A7F9E" in finding.message and "data labels" in finding.message
    frame.chart.plots[0].has_data_labels = True  # each bar says its value: not colour alone
    assert _found(_save(prs, tmp_path), "C303") == []

    prs = Presentation()
    _chart(_titled(prs), ("1B3A5C", "F2B84B"))  # dark beside light
    assert _found(_save(prs, tmp_path), "C303") == []


def test_the_bars_of_one_series_and_the_slices_of_a_pie(tmp_path: Path) -> None:
    # each neighbour differs, but the last is close to the first: only a ring joins them
    colours = ("1B3A5C", "F2B84B", "24466E")
    prs = Presentation()
    _chart(_titled(prs), ("1B3A5C",), points=colours)
    _chart(_titled(prs, "A pie"), ("1B3A5C",), XL_CHART_TYPE.PIE, points=colours)
    deck = _save(prs, tmp_path)
    charts = [
        s
        for slide in read_deck(deck.read_bytes()).slides
        for s in slide.shapes
        if s.kind == "chart"
    ]
    assert [c.chart_fills for c in charts] == [tuple(f"#{c}" for c in colours)] * 2
    assert [c.chart_ring for c in charts] == [False, True]
    assert [c.chart_labelled for c in charts] == [False, False]
    [finding] = _found(deck, "C303")
    assert finding.slide == 2 and "#24466E and #1B3A5C" in finding.message


# --- C206 lonely-word ---------------------------------------------------------------------------

# at 32 pt in the Title Only title (8.8 in of text), LibreOffice wraps the first after
# "together," leaving "usually" alone, and the second after "together" ("in clinics")
LONELY = "Back pain and depression often arrive together, usually"
PAIRED = "Back pain and depression often arrive together in clinics"


def _title_at_32(prs: Any, text: str) -> None:
    slide = _titled(prs, text)
    for run in slide.shapes.title.text_frame.paragraphs[0].runs:
        run.font.size = Pt(32)


def test_a_title_ending_in_a_lonely_word_is_found(tmp_path: Path) -> None:
    prs = Presentation()
    _title_at_32(prs, PAIRED)
    _title_at_32(prs, LONELY)
    [finding] = _found(_save(prs, tmp_path), "C206")
    assert finding.slide == 2 and finding.shape == "Title 1"
    assert finding.message == "the title's last line is one word, “usually”"


@pytest.mark.parametrize(
    "title",
    [
        "Back pain and depression often arrive together,\vusually",  # a break typed on purpose
        LONELY.replace(" usually", "\u00a0usually"),  # bound to the word before: they wrap as one
        "Back pain and depression",  # one line
    ],
)
def test_titles_whose_last_line_is_not_one_wrapped_word_pass(tmp_path: Path, title: str) -> None:
    prs = Presentation()
    _title_at_32(prs, title)
    assert _found(_save(prs, tmp_path), "C206") == []
