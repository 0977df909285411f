"""`source:` takes one id or a list: every source is cited on the slide, numbered in the order
written, listed on the Sources slide, said in the alt text and named in the review report;
each id in a list is checked at its own line."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import edit_content
from summarydeck import api
from summarydeck.diagnostics import ContentError, Diagnostic
from summarydeck.plan.types import ChartElement, SlidePlan, TextElement


def _two_sources(content: Path, item: str = "comparison") -> None:
    """`comparison` (a confirmed bar chart) cites report-b, then report-a."""
    edit_content(
        content / "statistics.yaml",
        f"  {item}:\n    headline: 50% higher\n    label: likelihood of back pain for people "
        "with symptoms of depression\n    takeaway: Depression symptoms go with a 50% higher "
        "chance of back pain\n    source: report-a\n",
        f"  {item}:\n    headline: 50% higher\n    label: likelihood of back pain for people "
        "with symptoms of depression\n    takeaway: Depression symptoms go with a 50% higher "
        "chance of back pain\n    source: [report-b, report-a]\n",
    )


def _slide(plans: list[SlidePlan], slide_id: str) -> SlidePlan:
    return next(p for p in plans if p.id == slide_id)


def _text(element: TextElement) -> str:
    return "".join(run.text for p in element.paragraphs for run in p.runs)


def _citation(plan: SlidePlan) -> str:
    return next(
        _text(e) for e in plan.elements if isinstance(e, TextElement) and e.name == "Citation"
    )


def _errors(content: Path) -> list[Diagnostic]:
    with pytest.raises(ContentError) as caught:
        api.plan(content)
    return [d for d in caught.value.diagnostics if d.is_error]


def _line_of(file: Path, text: str) -> tuple[int, int]:
    """(line, column) of the one place `text` is in the file."""
    lines = file.read_text(encoding="utf-8").splitlines()
    found = [(n, line.index(text) + 1) for n, line in enumerate(lines, 1) if text in line]
    assert len(found) == 1, found
    return found[0]


def test_a_list_of_sources_cites_each_numbered_in_the_order_written(content_copy: Path) -> None:
    before = _citation(_slide(api.plan(content_copy)[1], "comparison"))
    _two_sources(content_copy)
    _, plans, _ = api.plan(content_copy)
    # report-b was first cited on an earlier slide ([1]); report-a keeps its number [2]
    assert before == "Source: [2] Test Lab (2019)"
    assert _citation(_slide(plans, "comparison")) == (
        "Sources: [1] Goldberg and Huxley (1992); [2] Test Lab (2019)"
    )
    listed = [
        _text(e) for p in plans if p.kind == "sources" for e in p.elements if e.name != "Title"
    ]
    assert any("Common mental disorders" in t and "A test report" in t for t in listed), listed


def test_the_second_source_of_a_list_is_numbered_when_first_cited(content_copy: Path) -> None:
    """The first slide to cite anything is the `one-in-four` statistic (report-b): a list on
    it that adds report-a numbers report-a 2 there, before any later slide cites it."""
    edit_content(
        content_copy / "statistics.yaml",
        '    year: "1992"\n    source: report-b\n',
        '    year: "1992"\n    source: [report-b, report-a]\n',
    )
    _, plans, _ = api.plan(content_copy)
    first = next(p for p in plans if p.id == "one-in-four")
    assert _citation(first) == "Sources: [1] Goldberg and Huxley (1992); [2] Test Lab (2019)"


def test_the_alt_text_names_every_source(content_copy: Path) -> None:
    _two_sources(content_copy)
    _, plans, _ = api.plan(content_copy)
    chart = next(e for e in _slide(plans, "comparison").elements if isinstance(e, ChartElement))
    assert chart.alt_text.endswith("Sources: Goldberg and Huxley (1992); Test Lab (2019)."), (
        chart.alt_text
    )


def test_an_unconfirmed_item_lists_every_page_to_check_against(content_copy: Path) -> None:
    edit_content(
        content_copy / "statistics.yaml",
        "    label: regions compared in a column chart\n    source: report-a\n",
        "    label: regions compared in a column chart\n    source: [report-a, report-b]\n",
    )
    _, plans, _ = api.plan(content_copy)
    item = next(i for p in plans for i in p.unconfirmed if i.path == ("statistics", "regions"))
    # report-b has no address: only the pages there are
    assert item.source_urls == ("https://example.org/report-a",)
    from summarydeck.output.review import review_text
    from summarydeck.plan.final import unconfirmed_items

    deck, _ = api.load(content_copy)
    text = review_text(Path("deck.pptx"), "t", unconfirmed_items(plans, deck.source_map))
    assert "check against: <https://example.org/report-a>" in text


def test_an_unknown_id_in_a_list_is_reported_at_that_item(content_copy: Path) -> None:
    edit_content(
        content_copy / "statistics.yaml",
        "    label: of a whole shown as a pie\n    source: report-a\n",
        "    label: of a whole shown as a pie\n    source: [report-a, reprot-b]\n",
    )
    errors = _errors(content_copy)
    assert [d.code for d in errors] == ["E206"], errors
    error = errors[0]
    assert error.location is not None
    assert Path(error.location.file).name == "statistics.yaml"
    assert (error.location.line, error.location.column) == _line_of(
        content_copy / "statistics.yaml", "reprot-b"
    )
    assert "statistics.split.source[1]" in error.message and "`reprot-b`" in error.message
    assert error.hint == "did you mean `report-b`?"


def test_a_source_cited_twice_in_one_list_is_an_error(content_copy: Path) -> None:
    edit_content(
        content_copy / "statistics.yaml",
        "    label: of a whole shown as a pie\n    source: report-a\n",
        "    label: of a whole shown as a pie\n    source:\n      - report-a\n      - report-a\n",
    )
    errors = _errors(content_copy)
    assert [d.code for d in errors] == ["E203"], errors
    error = errors[0]
    assert error.location is not None
    lines = (content_copy / "statistics.yaml").read_text().splitlines()
    assert lines[error.location.line - 1] == "      - report-a"
    assert lines[error.location.line - 2] == "      - report-a"  # the second of the two
    assert "statistics.split" in error.message and "cited twice" in error.message


def test_a_statistic_still_needs_at_least_one_source(content_copy: Path) -> None:
    edit_content(
        content_copy / "statistics.yaml",
        "    label: of a whole shown as a pie\n    source: report-a\n",
        "    label: of a whole shown as a pie\n    source: []\n",
    )
    errors = _errors(content_copy)
    assert [d.code for d in errors] == ["E203"], errors
    error = errors[0]
    assert error.location is not None
    assert (error.location.line, error.location.column) == _line_of(
        content_copy / "statistics.yaml", "[]"
    )
    assert "statistics.split" in error.message and "at least one source" in error.message


def test_a_single_bad_id_keeps_its_message(content_copy: Path) -> None:
    edit_content(
        content_copy / "statistics.yaml",
        "    label: of a whole shown as a pie\n    source: report-a\n",
        "    label: of a whole shown as a pie\n    source: Report A\n",
    )
    errors = _errors(content_copy)
    assert [d.code for d in errors] == ["E203"], errors
    assert "statistics.split.source:" in errors[0].message, errors[0].message
    assert errors[0].hint == "write it as `report-a`"


def test_a_slide_may_name_one_source_without_a_list(content_copy: Path) -> None:
    edit_content(content_copy / "deck.yaml", "    sources: [report-a]\n", "    sources: report-a\n")
    deck, _ = api.load(content_copy)
    assert any(getattr(s, "sources", None) == ["report-a"] for s in deck.slides)
    edit_content(content_copy / "deck.yaml", "    sources: report-a\n", "    sources: reprot-a\n")
    errors = _errors(content_copy)
    assert [d.code for d in errors] == ["E206"], errors
    assert errors[0].location is not None
    assert (errors[0].location.line, errors[0].location.column) == _line_of(
        content_copy / "deck.yaml", "reprot-a"
    )
