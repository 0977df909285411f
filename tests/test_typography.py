"""Text is set as a publisher sets it: curly quotes and apostrophes, dashes and ellipses from
Python-Markdown's smarty, range dashes and non-breaking spaces from our own pass, on Markdown and
plain-text fields alike; addresses and code stay as written, and the sources slide shows every
address complete."""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from helpers import edit_content
from summarydeck import api
from summarydeck.charts.alt_text import draft_alt_text
from summarydeck.charts.picture import _figure
from summarydeck.diagnostics import Diagnostics
from summarydeck.layouts.kinds.sources import LONG_ADDRESS
from summarydeck.markdown.inline import to_notes, to_paragraphs, to_plain, typeset_plain
from summarydeck.markdown.typography import address_runs, shown_address, typeset
from summarydeck.model.brand import SUPPORTED_FONTS, Brand
from summarydeck.model.content import Chart
from summarydeck.model.labels import Labels
from summarydeck.ooxml.names import qn
from summarydeck.plan.fonts import font_file
from summarydeck.plan.measure import segments, text_width
from summarydeck.plan.types import ChartElement
from summarydeck.values import Box, Run, inches

SRC = Path(__file__).parent.parent / "src" / "summarydeck"

NBSP = "\u00a0"
STRAIGHT = ("'", '"')
CURLY = "‘’“”"


def _runs(text: str) -> list[Run]:
    return [run for para in to_paragraphs(text) for run in para.runs]


# --- smarty, on Markdown and on plain text ----------------------------------------------------


def test_markdown_text_gets_curly_quotes_dashes_and_ellipses_as_characters() -> None:
    [para] = to_paragraphs("\"It's the 'whole' person\" -- she said... and --- paused")
    assert para.text == "“It’s the ‘whole’ person” – she said… and — paused"
    assert "&" not in para.text  # smarty's entities were read as characters


def test_plain_text_fields_get_the_same_typography_but_no_markdown() -> None:
    assert typeset_plain('"Top 2" it\'s *not* <b> # 1. & &amp;') == (
        "“Top 2” it’s *not* <b> # 1. & &amp;"
    )
    assert typeset_plain("Opportunity 2 of 5") == f"Opportunity 2{NBSP}of{NBSP}5"
    assert typeset_plain("19-minute read") == "19-minute read"  # a compound, not a range


def test_notes_and_alt_text_are_typeset_too() -> None:
    assert to_plain('People\'s "care"') == "People’s “care”"
    assert to_notes('- "one" -- two') == "- “one” – two"


# --- our own pass: ranges and non-breaking spaces -----------------------------------------------


@pytest.mark.parametrize(
    ("written", "set_as"),
    [
        ("2-3 times", f"2–3{NBSP}times"),
        ("open 9am-6pm daily", "open 9am–6pm daily"),
        ("in 2018-19 and 2018-2019", "in 2018–19 and 2018–2019"),
        ("about 1 in 4 people", f"about 1{NBSP}in{NBSP}4 people"),
        ("3 out of 10", f"3{NBSP}out{NBSP}of{NBSP}10"),
        ("1 in 1,000 adults", f"1{NBSP}in{NBSP}1,000 adults"),
        ("COVID-19 in 2019", "COVID-19 in 2019"),  # a name and a year, not a figure
        ("10 of 2019 and 2019 in 2020", "10 of 2019 and 2019 in 2020"),  # years
        ("1.5 in 10", "1.5 in 10"),  # not a whole number
        ("1 in 4-year-olds", "1 in 4-year-olds"),  # the right one starts a compound
        ("50 % of 19 minutes", f"50{NBSP}% of 19{NBSP}minutes"),
        ("50 per cent", f"50{NBSP}per{NBSP}cent"),
        ("£1.5 billion", f"£1.5{NBSP}billion"),
        ("120 people", "120 people"),  # a number and a noun may break
        ("on 2019-05-01", "on 2019-05-01"),  # a date
        ("COVID-19 and A4-5", "COVID-19 and A4-5"),  # names with numbers
        ("call 0300-123-3393", "call 0300-123-3393"),  # a chain of numbers
        ("see q.health.org.uk/lab-2-3/1 in 4", "see q.health.org.uk/lab-2-3/1 in 4"),
        ("https://example.org/2019-2020", "https://example.org/2019-2020"),
    ],
)
def test_ranges_get_an_en_dash_and_figures_keep_together(written: str, set_as: str) -> None:
    assert typeset(written) == set_as


def test_a_figure_split_over_runs_is_still_kept_together() -> None:
    runs = _runs("**19** minutes, *2*-3 times")
    assert [r.text for r in runs] == ["19", f"{NBSP}minutes, ", "2", f"–3{NBSP}times"]
    assert runs[0].bold and runs[2].italic


def test_code_link_targets_and_addresses_shown_as_links_stay_as_written() -> None:
    diags = Diagnostics()
    runs = _runs(
        '`say "hi" 2-3` [q.health.org.uk/a-1-2](https://q.health.org.uk/a-1-2) '
        "[the 2-3 page](https://example.org/a--b) <https://example.org/x--y>",
    )
    texts = {r.text: r.link for r in runs}
    assert 'say "hi" 2-3' in texts
    assert texts["q.health.org.uk/a-1-2"] == "https://q.health.org.uk/a-1-2"
    assert texts["the 2–3 page"] == "https://example.org/a--b"  # text typeset, target not
    assert texts["https://example.org/x--y"] == "https://example.org/x--y"
    assert not diags.items


def test_an_editors_own_non_breaking_space_is_kept() -> None:
    assert to_paragraphs(f"Q{NBSP}Lab  and\nMind")[0].text == f"Q{NBSP}Lab and Mind"


def test_the_non_breaking_space_is_defined_once() -> None:
    """One home for the character every layer binds words with: the typography module."""
    written = re.compile(r"\\u00a0|\\xa0|\\N\{NO-BREAK SPACE\}|\xa0")
    found = [
        f"{path.relative_to(SRC).as_posix()}:{number}"
        for path in sorted(SRC.rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if written.search(line)
    ]
    assert len(found) == 1 and found[0].startswith("markdown/typography.py:"), found


# --- measuring the same characters ------------------------------------------------------------


def test_the_bundled_fonts_draw_curly_quotes_dashes_and_ellipses() -> None:
    for family in SUPPORTED_FONTS[:3]:
        for bold in (False, True):
            with TTFont(str(font_file(family, bold, False)), lazy=True) as font:
                cmap = font.getBestCmap()
            assert all(ord(c) in cmap for c in CURLY + "–—…"), family


def test_a_non_breaking_space_is_measured_as_a_space_but_never_broken() -> None:
    for family in ("Calibri", "Arial", "Cambria"):  # Carlito has no glyph of its own for it
        assert text_width(NBSP, family, False, 20) == text_width(" ", family, False, 20)
    assert segments("about 1 in 4") == ("about ", "1 ", "in ", "4")
    assert segments(typeset("about 1 in 4")) == ("about ", f"1{NBSP}in{NBSP}4")


# --- chart text and alt text -------------------------------------------------------------------

TYPED_CHART = {
    "type": "column",
    "categories": ["People's 0-1 symptoms", "People's 2-3 symptoms"],
    "series": [{"name": '"All" adults, 2018-19', "values": [10, 25]}],
}


def test_drafted_alt_text_is_typeset() -> None:
    chart = Chart.model_validate(TYPED_CHART)
    text = draft_alt_text(chart, "About 1 in 4", "Mind's report (2019)", Labels())
    assert text == (
        "About 1 in 4. Column chart. “All” adults, 2018–19: People’s 0–1 symptoms 10; "
        "People’s 2–3 symptoms 25. Source: Mind’s report (2019)."
    )


def test_a_picture_charts_labels_are_typeset() -> None:
    brand = Brand.model_validate({"name": "Test"})
    chart = Chart.model_validate({**TYPED_CHART, "engine": "picture"})
    element = ChartElement("Chart", Box(0, 0, inches(6), inches(4)), chart, "alt")
    [axes] = _figure(element, brand, ["#1F4E79"]).axes
    assert [label.get_text() for label in axes.get_xticklabels()] == [
        # a space, not a no-break space: matplotlib never wraps, and Carlito has no glyph for it
        "People’s 0–1 symptoms",
        "People’s 2–3 symptoms",
    ]
    assert [bars.get_label() for bars in axes.containers] == ["“All” adults, 2018–19"]


# --- the built Q Lab deck ----------------------------------------------------------------------


def _slide_texts(deck: Path) -> Iterator[tuple[int, str, str]]:
    """(slide number, shape name, text) of every text frame and table cell on every slide."""
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield number, shape.name, shape.text_frame.text
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield number, shape.name, cell.text


def _chart_and_alt_texts(deck: Path) -> Iterator[tuple[str, str, str]]:
    """(part, where, text) of every chart's words (categories and series names, as the chart
    XML caches them, and any rich text) and every shape's alt text."""
    with zipfile.ZipFile(deck) as package:
        for part in sorted(package.namelist()):
            if not part.endswith(".xml"):
                continue
            if part.startswith("ppt/charts/chart"):
                root = etree.fromstring(package.read(part))
                for cache in root.iter(qn("c:strCache")):
                    for value in cache.iter(qn("c:v")):
                        yield part, "chart", value.text or ""
                for text in root.iter(qn("a:t")):
                    yield part, "chart", text.text or ""
            elif part.startswith("ppt/slides/slide"):
                root = etree.fromstring(package.read(part))
                for props in root.iter(qn("p:cNvPr")):
                    if props.get("descr"):
                        yield part, props.get("name", ""), props.get("descr", "")


def _footers(deck: Path) -> list[str]:
    return [
        shape.text_frame.text
        for slide in Presentation(str(deck)).slides
        for shape in slide.placeholders
        if shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER
    ]


def test_the_qlab_deck_has_curly_quotes_and_no_straight_ones(qlab_deck: Path) -> None:
    """Text frames and tables, and the words a slide shows or says outside them: chart
    categories and series names, alt text and footers."""
    assert _footers(qlab_deck) and any(
        where == "chart" for _, where, _ in _chart_and_alt_texts(qlab_deck)
    )
    texts = [
        *_slide_texts(qlab_deck),
        *((0, f"{part} {where}", t) for part, where, t in _chart_and_alt_texts(qlab_deck)),
        *((0, "footer", t) for t in _footers(qlab_deck)),
    ]
    straight = [(n, name, t) for n, name, t in texts if any(q in t for q in STRAIGHT)]
    assert straight == []
    shown = "".join(t for _, _, t in texts)
    assert "’" in shown and "“" in shown and "”" in shown
    assert "&rsquo;" not in shown and "&ldquo;" not in shown


def test_the_qlab_deck_keeps_1_in_4_together(qlab_deck: Path) -> None:
    shown = "\n".join(t for _, _, t in _slide_texts(qlab_deck))
    assert f"1{NBSP}in{NBSP}4" in shown
    assert "1 in 4" not in shown


def test_chart_words_alt_text_and_the_footer_are_typeset_as_typed_in_content(
    qlab_copy: Path, tmp_path: Path
) -> None:
    """A category, a series name and the brand's footer typed with straight quotes and
    hyphens reach the chart XML, the alt text and every footer set like the slides' text,
    and the deck is still byte-identical run to run."""
    stats = qlab_copy / "statistics.yaml"
    edit_content(
        stats,
        "categories: [Without symptoms, With symptoms]",
        'categories: ["People\'s 0-1 symptoms", "People\'s 2-3 symptoms"]',
    )
    edit_content(
        stats,
        "- name: Likelihood of back pain, compared with people without symptoms of depression (1)",
        "- name: '\"Likely\" to have back pain, 2018-19'",
    )
    edit_content(
        qlab_copy / "brand.yaml",
        "footer: Q Lab and Mind · Mental health",
        'footer: Q Lab\'s "summary" · Mental health',
    )
    first = api.build(qlab_copy, tmp_path / "first.pptx").path
    second = api.build(qlab_copy, tmp_path / "second.pptx").path
    assert first is not None and second is not None
    assert first.read_bytes() == second.read_bytes()

    chart_words = [t for _, where, t in _chart_and_alt_texts(first) if where == "chart"]
    for typed in (
        "People’s 0–1 symptoms",
        "People’s 2–3 symptoms",
        "“Likely” to have back pain, 2018–19",
    ):
        assert typed in chart_words
    [alt] = [
        t
        for _, _, t in _chart_and_alt_texts(first)
        if "People’s 2–3 symptoms" in t and "chart" in t
    ]
    assert "“Likely” to have back pain, 2018–19: People’s 0–1 symptoms" in alt
    footers = _footers(first)
    assert footers and all("Q Lab’s “summary” · Mental health" in f for f in footers), footers
    shown = [*chart_words, alt, *footers]
    assert not [t for t in shown if any(q in t for q in STRAIGHT)]


def _sources_links(deck: Path) -> list[tuple[str, str]]:
    """(shown text, link target) of every link on the sources slides, its runs joined."""
    out = []
    for slide in Presentation(str(deck)).slides:
        if not slide.name.startswith("sources"):
            continue
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for para in shape.text_frame.paragraphs:
                runs = [(run.hyperlink.address, run.text) for run in para.runs]
                for link, group in itertools.groupby(runs, key=lambda pair: pair[0]):
                    if link:
                        out.append(("".join(text for _, text in group), link))
    return out


def test_a_long_address_may_wrap_only_after_its_slashes() -> None:
    link = "https://example.org/reports/2019/a-report/"
    runs = address_runs(shown_address(link), link)
    assert [r.text for r in runs] == ["example.org/", "reports/", "2019/", "a-report"]
    assert {r.link for r in runs} == {link}
    assert all("\u200b" not in r.text for r in runs)
    assert [r.text for r in address_runs("q.health.org.uk", link)] == ["q.health.org.uk"]


def test_the_sources_slide_shows_every_address_complete(qlab_deck: Path) -> None:
    links = _sources_links(qlab_deck)
    assert len(links) >= 10
    for shown, target in links:
        assert "…" not in shown and "\u200b" not in shown
        assert not shown.startswith(("http://", "https://")) and not shown.endswith("/")
        assert shown == shown_address(target) or len(shown) <= LONG_ADDRESS, (shown, target)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://q.health.org.uk/", "q.health.org.uk"),
        ("https://example.org/a/b", "example.org/a/b"),
        (
            "https://q.health.org.uk/q-improvement-lab/lab-project-2-starting-september-2018/"
            "improving-mental-health-awareness-and-signposting-for-patients/",
            "q.health.org.uk/q-improvement-lab/lab-project-2-starting-september-2018/"
            "improving-mental-health-awareness-and-signposting-for-patients",
        ),
        ("mailto:hello@example.org", "hello@example.org"),
    ],
)
def test_an_address_is_shown_whole_without_scheme_or_trailing_slash(url: str, shown: str) -> None:
    assert shown_address(url) == shown


def test_a_short_url_is_shown_and_links_to_the_page_and_a_long_one_warns(
    content_copy: Path, tmp_path: Path
) -> None:
    long_url = (
        "https://example.org/reports/2019/a-test-report-on-mental-health-and-persistent-pain/"
    )
    sources = content_copy / "sources.yaml"
    edit_content(sources, "url: https://example.org/report-a", f"url: {long_url}")
    _, _, diags = api.plan(content_copy)
    [warning] = [d for d in diags.items if d.code == "W208"]
    assert "sources.report-a" in warning.message and warning.location is not None
    assert (
        warning.location.line
        == sources.read_text("utf-8").splitlines().index(f"    url: {long_url}") + 1
    )

    edit_content(sources, f"url: {long_url}", f"url: {long_url}\n    short_url: https://ex.org/r")
    _, _, diags = api.plan(content_copy)
    assert not [d for d in diags.items if d.code == "W208"]
    out = api.build(content_copy, tmp_path / "deck.pptx").path
    assert out is not None
    assert ("ex.org/r", long_url) in _sources_links(out)


def test_alt_text_is_typeset_but_spoken_with_plain_spaces() -> None:
    """Alt text is read aloud, never laid out: curly quotes and dashes like the slide, but no
    no-break spaces (a screen reader or an export has no line to keep a figure on)."""
    from summarydeck.charts.alt_text import draft_alt_text
    from summarydeck.model.content import Chart

    chart = Chart.model_validate({"type": "pictogram", "value": 1, "total": 4})
    text = draft_alt_text(chart, "1 in 4 people's 2-3 problems", None, Labels())
    assert "\u00a0" not in text
    assert "people’s 2–3" in text and text.startswith("1 in 4 ")
