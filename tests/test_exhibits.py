"""Statistics that read at a glance: measured on the built decks' chart XML and shapes.

Neighbouring bars differ in lightness (3:1) or are labelled; every fill that carries meaning
stands 3:1 against the slide; chart text is at least the body floor; alt text leads with the
number; no bare "1.0x" baseline anywhere; every pictogram in a deck is drawn at one scale, as
native shapes; every exhibit lies within the text margins; one size for every key figure.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from conftest import QLAB_CONTENT
from helpers import edit_content
from summarydeck import api
from summarydeck.charts.fills import highlight_fills
from summarydeck.charts.pictogram import SCALES, deck_scale, extent, people, per_row
from summarydeck.model.brand import Brand
from summarydeck.model.colour import contrast_ratio
from summarydeck.ooxml.names import qn
from summarydeck.ooxml.theme import colour_of, for_slide, read_theme
from summarydeck.plan.colours import role_hex
from summarydeck.plan.grid import Grid
from summarydeck.values import Box, inches

NON_TEXT = 3.0  # WCAG 2.1 SC 1.4.11
BRAND = Brand.model_validate(
    yaml.safe_load((QLAB_CONTENT / "brand.yaml").read_text("utf-8"))["brand"]
)
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|half|a third|a quarter|"
    "none|no one|every|most|many"
)
# an approximation may come first ("About 1 in 3"): the number is still what leads
APPROXIMATELY = "about|around|nearly|almost|over|more than|fewer than|up to"
LEADS_WITH_A_NUMBER = re.compile(
    rf"^(?:(?:{APPROXIMATELY})\s+)?(?:\d|(?:{NUMBER_WORDS})\b)", re.IGNORECASE
)


@pytest.fixture(scope="module")
def qlab(qlab_deck: Path) -> Any:
    return Presentation(str(qlab_deck))


def _theme(slide: Any) -> Any:
    return for_slide(read_theme(slide.slide_layout.slide_master), slide)


def _exhibits(prs: Any) -> list[tuple[Any, Any]]:
    """(slide, shape) of every chart, picture chart and pictogram group in the deck."""
    return [
        (slide, shape)
        for slide in prs.slides
        for shape in slide.shapes
        if shape.name.startswith("Chart")
        and (shape.has_chart or shape.shape_type in (MSO_SHAPE_TYPE.GROUP, MSO_SHAPE_TYPE.PICTURE))
    ]


def _bar_fills(chart_shape: Any, theme: Any) -> tuple[list[str], bool]:
    """Each bar's fill side by side (a point's own, else its series'), and whether its values
    are written on it."""
    root = chart_shape.chart.part._element
    fills: list[str] = []
    labelled = False
    for series in root.iter(qn("c:ser")):
        own = series.find(qn("c:spPr"))
        default = colour_of(own.find(qn("a:solidFill")), theme) if own is not None else None
        points = {
            int(p.find(qn("c:idx")).get("val")): colour_of(
                p.find(f"{qn('c:spPr')}/{qn('a:solidFill')}"), theme
            )
            for p in series.findall(qn("c:dPt"))
        }
        count = int(next(series.find(qn("c:val")).iter(qn("c:ptCount"))).get("val"))
        fills += [points.get(i) or default or "" for i in range(count)]
        labels = series.find(qn("c:dLbls"))
        plot_labels = series.getparent().find(qn("c:dLbls"))
        for found in (labels, plot_labels):
            if found is not None and found.find(qn("c:showVal")) is not None:
                labelled = labelled or found.find(qn("c:showVal")).get("val") in ("1", "true")
    return fills, labelled


def test_neighbouring_bars_differ_in_lightness_or_are_labelled(qlab: Any) -> None:
    charts = [(s, c) for s, c in _exhibits(qlab) if c.has_chart]
    assert charts
    for slide, shape in charts:
        fills, labelled = _bar_fills(shape, _theme(slide))
        for a, b in pairwise(fills):
            assert labelled or contrast_ratio(a, b) >= NON_TEXT, (slide.name, a, b)


def test_the_relative_risk_is_read_from_its_bars_without_values(qlab: Any) -> None:
    """The bars carry no values ("50% more" is the headline), so their fills alone must part
    them: 3:1 against each other."""
    slide = next(s for s in qlab.slides if s.name == "depression-back-pain")
    shape = next(c for s, c in _exhibits(qlab) if s is slide and c.has_chart)
    fills, labelled = _bar_fills(shape, _theme(slide))
    assert not labelled
    assert len(fills) == 2
    assert contrast_ratio(*fills) >= NON_TEXT


def test_fills_that_carry_meaning_stand_out_from_the_slide(qlab: Any) -> None:
    """Every bar and every filled (counted) person: 3:1 against the slide background."""
    checked = 0
    for slide, shape in _exhibits(qlab):
        theme = _theme(slide)
        background = BRAND.colours.background
        if shape.has_chart:
            fills = _bar_fills(shape, theme)[0]
        else:
            fills = [
                colour_of(part._element.spPr.find(qn("a:solidFill")), theme) or ""
                for part in shape.shapes
                if part._element.spPr.find(qn("a:solidFill")) is not None
            ]
        for fill in fills:
            assert contrast_ratio(fill, background) >= NON_TEXT, (slide.name, shape.name, fill)
            checked += 1
    assert checked >= 4  # two bars and two counted people at least


def test_uncounted_people_are_outlined_not_filled(qlab: Any) -> None:
    """The split reads without colour: counted people filled, the rest an outline only."""
    slide = next(s for s in qlab.slides if s.name == "how-common")
    for group in (s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP):
        filled = [p for p in group.shapes if p._element.spPr.find(qn("a:noFill")) is None]
        outlined = [p for p in group.shapes if p._element.spPr.find(qn("a:noFill")) is not None]
        assert len(filled) == 2  # one person counted: a head and a body
        for part in outlined:
            line = part._element.spPr.find(qn("a:ln"))
            assert line is not None and line.find(qn("a:solidFill")) is not None
            colour = colour_of(line.find(qn("a:solidFill")), _theme(slide))
            assert contrast_ratio(colour, BRAND.colours.background) >= NON_TEXT


def test_chart_text_is_at_least_the_body_floor(qlab: Any) -> None:
    sizes = [
        int(e.get("sz")) / 100
        for _, shape in _exhibits(qlab)
        if shape.has_chart
        for e in shape.chart.part._element.iter(qn("a:defRPr"), qn("a:rPr"))
        if e.get("sz")
    ]
    assert sizes
    assert min(sizes) >= BRAND.type_scale.body_min


def test_every_exhibit_alt_text_leads_with_the_number(qlab: Any) -> None:
    exhibits = _exhibits(qlab)
    assert len(exhibits) == 3  # two pictograms and the relative risk
    for slide, shape in exhibits:
        alt = shape._element.xpath("./*[1]/p:cNvPr/@descr")[0]
        assert LEADS_WITH_A_NUMBER.match(alt), (slide.name, alt)


def test_no_bare_relative_baseline_anywhere(qlab_deck: Path) -> None:
    """No "1.0x" (nor "1.0×") in any slide, chart or alt text of the deck."""
    import zipfile

    with zipfile.ZipFile(qlab_deck) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                text = package.read(name).decode("utf-8")
                assert not re.search(r"\b1\.0\s*[x×]", text), name


def test_each_figure_is_said_once_and_no_top_two(qlab: Any) -> None:
    def texts(slide: Any) -> str:
        shown = (s.text_frame.text for s in slide.shapes if s.has_text_frame)
        return "\n".join(shown).replace("\xa0", " ")

    slides = {s.name: texts(s) for s in qlab.slides}
    assert slides["how-common"].count("1 in 4") == 1
    assert slides["how-common"].count("1 in 3") == 1
    assert slides["depression-back-pain"].count("50%") == 1
    assert not any("Top 2" in text for text in slides.values())


def _person_sizes(prs: Any) -> dict[tuple[str, str], set[tuple[int, int]]]:
    """The sizes of every head and every body in the deck's pictograms, by slide and part."""
    sizes: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for slide, shape in _exhibits(prs):
        if shape.shape_type != MSO_SHAPE_TYPE.GROUP:
            continue
        for part in shape.shapes:
            kind = part.name.rsplit(" ", 1)[-1]  # "Person 3 head" -> "head"
            sizes.setdefault((slide.name, kind), set()).add((part.width, part.height))
    return sizes


def test_pictograms_share_one_size_across_slides(content_copy: Path, tmp_path: Path) -> None:
    """A second slide of two pictograms side by side, one of ten people: every person on both
    slides, and on the single pictogram's slide, is the same size."""
    edit_content(
        content_copy / "statistics.yaml",
        "  comparison:\n",
        "  three-in-ten:\n"
        "    headline: 3 in 10\n"
        "    label: people in a made-up count\n"
        "    source: report-a\n"
        "    status: confirmed\n"
        "    chart:\n"
        "      type: pictogram\n"
        "      value: 3\n"
        "      total: 10\n"
        "  comparison:\n",
    )
    edit_content(
        content_copy / "deck.yaml",
        "  - kind: chart\n    statistic: comparison\n",
        "  - kind: chart\n    statistic: comparison\n"
        "  - kind: chart\n"
        "    id: side-by-side\n"
        "    title: Two counts of people at one scale\n"
        "    statistics: [one-in-four, three-in-ten]\n",
    )
    out = tmp_path / "deck.pptx"
    api.build(content_copy, out)
    sizes = _person_sizes(Presentation(str(out)))
    assert {slide for slide, _ in sizes} == {"one-in-four-pictogram", "side-by-side"}
    for part in ("head", "body"):
        found = set().union(*(s for (_, kind), s in sizes.items() if kind == part))
        assert len(found) == 1, (part, found)  # one size, on every slide
    # ten people in a half-width column: the whole deck steps down the scale together
    [(width, _)] = {s for (_, kind), group in sizes.items() if kind == "body" for s in group}
    assert width < inches(0.72)


def test_exhibits_lie_within_the_text_margins(qlab: Any) -> None:
    grid = Grid.for_size(BRAND.slide_size)
    names = ("Chart", "Key figure", "Finding")
    for slide in qlab.slides:
        if slide.name not in ("how-common", "depression-back-pain"):
            continue
        for shape in slide.shapes:
            if not shape.name.startswith(names):
                continue
            assert shape.left >= grid.margin, (slide.name, shape.name)
            assert shape.left + shape.width <= grid.width - grid.margin, (slide.name, shape.name)


def test_every_key_figure_is_one_size(qlab: Any) -> None:
    sizes = {
        Emu(run.font.size).pt
        for slide in qlab.slides
        for shape in slide.shapes
        if shape.name.startswith("Key figure") and not shape.name.startswith("Key figure label")
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.font.size is not None
    }
    assert sizes == {BRAND.type_scale.key_figure}


# --- the parts, without a deck -------------------------------------------------------------------


def test_the_deck_scale_is_the_largest_step_at_which_every_pictogram_fits() -> None:
    column = (inches(5.5), inches(2.4))
    assert deck_scale([(4, *column), (3, *column)]) == 1.0
    ten = deck_scale([(4, *column), (10, *column)])
    assert ten is not None and ten < 1.0
    assert extent(10, column[0], ten)[1] <= column[1]
    assert extent(10, column[0], SCALES[SCALES.index(ten) - 1])[1] > column[1]  # one step up
    assert deck_scale([(400, inches(1), inches(1))]) is None


def test_rows_of_people_are_evened_out() -> None:
    assert per_row(10, inches(7.5), 1.0) == 5  # rows of 5 and 5, not 6 and 4
    assert per_row(4, inches(11), 1.0) == 4


def test_a_pictogram_is_drawn_at_the_scale_its_box_was_made_for() -> None:
    for scale in SCALES:
        width, height = extent(7, inches(5.5), scale)
        drawn = people(2, 7, Box(inches(1), inches(2), width, height))
        assert [p.counted for p in drawn] == [True, True] + [False] * 5
        assert max(p.body.right for p in drawn) == inches(1) + width
        assert max(p.body.bottom for p in drawn) == inches(2) + height
        assert len({(p.body.width, p.body.height) for p in drawn}) == 1


def test_stressed_and_muted_bars_part_by_lightness() -> None:
    fills = highlight_fills(BRAND)
    assert fills.distinct
    stressed = role_hex(BRAND, fills.stressed)
    for colour in (stressed, fills.others):
        assert contrast_ratio(colour, BRAND.colours.background) >= NON_TEXT
    assert contrast_ratio(stressed, fills.others) >= NON_TEXT


def test_a_brand_with_no_such_pair_keeps_the_values_on_its_bars() -> None:
    pale = BRAND.model_copy(
        update={
            "colours": BRAND.colours.model_copy(
                update={"primary": "#8090A0", "text": "#707070", "accents": ["#7F8F9F"]}
            )
        }
    )
    assert highlight_fills(pale).distinct is False


def test_the_fills_and_the_checker_share_one_non_text_threshold() -> None:
    """The 3:1 that chooses bar fills is the one the checker (C303) holds them to: defined
    once, in the model's colour maths, below both."""
    src = Path(__file__).parent.parent / "src" / "summarydeck"
    defined = [
        path.relative_to(src).as_posix()
        for path in sorted(src.rglob("*.py"))
        if re.search(r"^NON_TEXT\b.*=", path.read_text("utf-8"), re.MULTILINE)
    ]
    assert defined == ["model/colour.py"]


@pytest.mark.parametrize(
    ("entry", "at", "missing"),
    [
        ({"statistic": "a", "statistics": ["b", "c"]}, ("statistics",), None),
        ({"statistics": ["a"], "title": "One"}, ("statistics",), None),
        ({"statistics": ["a", "b"]}, (), "title"),  # several need a title that joins them
        ({}, (), "statistic"),
    ],
    ids=["both", "only-one", "no-title", "neither"],
)
def test_a_chart_slide_shows_one_statistic_or_two_or_three_under_a_title(
    entry: dict[str, Any], at: tuple[str, ...], missing: str | None
) -> None:
    from pydantic import ValidationError

    from summarydeck.layouts.kinds.chart import ChartSlide

    with pytest.raises(ValidationError) as caught:
        ChartSlide.model_validate({"kind": "chart", **entry})
    problem = (caught.value.errors()[0].get("ctx") or {}).get("error")
    assert problem.at == at and problem.missing == missing
    ChartSlide.model_validate({"kind": "chart", "statistics": ["a", "b"], "title": "Both"})
