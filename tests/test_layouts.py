"""Layouts turn content into SlidePlans without touching python-pptx."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import edit_content
from summarydeck import api
from summarydeck.layouts.registry import kinds
from summarydeck.plan.types import ChartElement, ShapeElement, SlidePlan, TextElement

NB = "\u00a0"  # a no-break space

EXPECTED_KINDS = {
    "activity",
    "discussion",
    "cards",
    "title",
    "agenda",
    "section",
    "essay",
    "bullets",
    "statistic",
    "chart",
    "opportunities",
    "opportunity",
    "quote",
    "two-columns",
    "sources",
    "closing",
    "table",
    "support",
    "break",
    "wrapup",
}


@pytest.fixture(scope="module")
def plans(full_content: Path) -> list[SlidePlan]:
    _, plans, _ = api.plan(full_content)
    return plans


def _texts(plan: SlidePlan) -> list[str]:
    return [p.text for e in plan.elements if isinstance(e, TextElement) for p in e.paragraphs]


def test_every_slide_kind_is_registered_with_a_summary() -> None:
    registry = kinds()
    assert set(registry) == EXPECTED_KINDS
    assert all(kind.summary and kind.summary != name for name, kind in registry.items())


def test_planning_does_not_import_python_pptx_or_matplotlib(full_content: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from summarydeck import api; "
        f"api.plan(Path({str(full_content)!r})); "
        "print('pptx' in sys.modules, 'matplotlib' in sys.modules)"
    )
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]


def test_slide_ids_come_from_content_keys(plans: list[SlidePlan]) -> None:
    ids = [p.id for p in plans]
    assert ids[:4] == ["title", "agenda", "part-numbers", "one-in-four"]
    assert "intro" in ids and "pain-is-pain" in ids and "what-we-learned" in ids
    assert len(ids) == len(set(ids))


def test_every_slide_has_a_title_and_notes(plans: list[SlidePlan]) -> None:
    for plan in plans:
        assert plan.title.paragraphs and plan.title.paragraphs[0].text, plan.id
        assert plan.notes.strip(), plan.id


def test_agenda_lists_the_sections_in_order(plans: list[SlidePlan]) -> None:
    agenda = next(p for p in plans if p.kind == "agenda")
    assert [t for t in _texts(agenda) if not t.isdigit()] == [
        "The numbers",
        "Statistics and charts",  # a short agenda shows each section's subtitle
        "The essays",
    ]


def test_a_long_agenda_shows_titles_only(content_copy: Path) -> None:
    deck = content_copy / "deck.yaml"
    extra = "".join(
        f"  - kind: section\n    title: Extra part {n}\n    subtitle: More words\n"
        for n in range(3)
    )
    edit_content(deck, "  - kind: sources\n", extra + "  - kind: sources\n")
    _, plans, _ = api.plan(content_copy)
    agenda = next(p for p in plans if p.kind == "agenda")
    texts = [t for t in _texts(agenda) if not t.isdigit()]
    assert texts == ["The numbers", "The essays", "Extra part 0", "Extra part 1", "Extra part 2"]


def test_sources_are_numbered_in_order_of_first_citation(plans: list[SlidePlan]) -> None:
    first_stat = next(p for p in plans if p.id == "one-in-four")
    assert "Source: [1] Goldberg and Huxley (1992)" in _texts(first_stat)
    sources = next(p for p in plans if p.kind == "sources")
    entries = _texts(sources)
    assert entries[0].startswith("[1] Goldberg and Huxley.")
    assert entries[1].startswith("[2] Test Lab.")


def test_unconfirmed_content_is_marked_and_listed_for_the_review_report(
    plans: list[SlidePlan],
) -> None:
    second = next(p for p in plans if p.id == "second")
    assert "To be confirmed" in _texts(second)
    checks = [item.check for item in second.unconfirmed]
    assert checks == ["Working title; check against the published essay."]
    assert "Working title" not in second.notes  # the presenter's notes carry no editors' to-do
    first = next(p for p in plans if p.id == "first")
    assert "To be confirmed" not in _texts(first)
    assert not first.unconfirmed


def test_chart_slide_carries_the_yaml_data_and_drafted_alt_text(plans: list[SlidePlan]) -> None:
    slide = next(p for p in plans if p.id == "comparison")
    [chart] = [e for e in slide.elements if isinstance(e, ChartElement)]
    assert chart.chart.series[0].values == [1.0, 1.5]
    assert "1.0x" in chart.alt_text and "1.5x" in chart.alt_text
    assert slide.title.paragraphs[0].text.startswith("Depression symptoms go with")


def test_opportunity_tiles_are_numbered_and_do_not_overlap(plans: list[SlidePlan]) -> None:
    overview = next(p for p in plans if p.kind == "opportunities")
    tiles = [
        e.box
        for e in overview.elements
        if isinstance(e, ShapeElement) and e.name.endswith(tuple("0123456789"))
    ]
    assert len(tiles) == 3
    for i, a in enumerate(tiles):
        for b in tiles[i + 1 :]:
            assert a.right <= b.left or b.right <= a.left or a.bottom <= b.top or b.bottom <= a.top


def test_all_elements_lie_on_the_slide(plans: list[SlidePlan]) -> None:
    width, height = 12_191_695, 6_858_000
    for plan in plans:
        for element in (plan.title, *plan.elements):
            box = element.box
            assert box.left >= 0 and box.top >= 0, (plan.id, element.name)
            assert box.right <= width + 1000 and box.bottom <= height, (plan.id, element.name)
            assert box.width > 0 and box.height > 0, (plan.id, element.name)


def test_speaker_notes_written_in_the_content_win_over_the_draft(content_copy: Path) -> None:
    edit_content(
        content_copy / "deck.yaml",
        "  - kind: agenda\n",
        "  - kind: agenda\n    notes: Say **hello** first.\n",
    )
    _, plans, _ = api.plan(content_copy)
    assert plans[1].notes == "Say hello first."


def test_duplicate_titles_are_a_located_warning(content_copy: Path) -> None:
    edit_content(content_copy / "deck.yaml", "    title: Pictured, one person in every four\n", "")
    _, _, diags = api.plan(content_copy)
    [warning] = [d for d in diags.items if d.code == "W202"]
    assert "slide `one-in-four-pictogram` has the same title as slide `one-in-four`" in (
        warning.message
    )
    assert warning.location is not None and warning.location.line == 21


def test_numbers_are_accepted_where_text_is_expected(content_copy: Path) -> None:
    edit_content(content_copy / "statistics.yaml", 'year: "1992"', "year: 1992")
    deck, _, _ = api.plan(content_copy)
    assert deck.content.statistics["one-in-four"].year == "1992"


def _add_slides(content: Path, yaml_lines: str) -> None:
    edit_content(content / "deck.yaml", "  - kind: sources\n", yaml_lines + "  - kind: sources\n")


def test_an_agenda_of_more_than_ten_sections_is_a_located_error(content_copy: Path) -> None:
    from summarydeck.diagnostics import ContentError

    _add_slides(
        content_copy, "".join(f"  - kind: section\n    title: Part {n}\n" for n in range(9))
    )
    with pytest.raises(ContentError) as caught:
        api.plan(content_copy)
    [error] = caught.value.diagnostics
    assert error.code == "E210" and "at most 10 sections; this deck has 11" in error.message


def test_an_agenda_of_ten_sections_fits(content_copy: Path) -> None:
    _add_slides(
        content_copy, "".join(f"  - kind: section\n    title: Part {n}\n" for n in range(8))
    )
    _, plans, _ = api.plan(content_copy)
    agenda = next(p for p in plans if p.kind == "agenda")
    assert len([t for t in _texts(agenda) if t.startswith("Part ")]) == 8


def test_many_sources_continue_on_more_slides(content_copy: Path) -> None:
    sources = content_copy / "sources.yaml"
    extra = "".join(
        f"  extra-{n}:\n    title: Extra report number {n} with a long title\n"
        f"    publisher: Publisher {n}\n    year: 2020\n    url: https://example.org/{n}\n"
        for n in range(21)  # 23 short sources: eight to a slide at most, so three slides
    )
    sources.write_text(sources.read_text() + extra)
    edit_content(
        content_copy / "deck.yaml",
        "  - kind: sources\n",
        "  - kind: sources\n    include_uncited: true\n",
    )
    _, plans, _ = api.plan(content_copy)
    pages = [p for p in plans if p.kind == "sources"]
    assert [p.id for p in pages] == ["sources", "sources-2", "sources-3"]
    titles = [p.title.paragraphs[0].text for p in pages]
    # "1 of 3" is a figure: its words are bound by no-break spaces (typography)
    assert titles == [
        f"Sources (1{NB}of{NB}3)",
        f"Sources (2{NB}of{NB}3)",
        f"Sources (3{NB}of{NB}3)",
    ]
    numbers = [t.split("]")[0] for p in pages for t in _texts(p) if t.startswith("[")]
    assert numbers == [f"[{n}" for n in range(1, 24)]


def test_overview_tiles_are_numbered_as_in_the_file(content_copy: Path) -> None:
    edit_content(
        content_copy / "deck.yaml",
        "  - kind: opportunities\n",
        "  - kind: opportunities\n    opportunities: [third, first]\n",
    )
    _, plans, _ = api.plan(content_copy)
    overview = next(p for p in plans if p.kind == "opportunities")
    assert [t for t in _texts(overview) if t.isdigit()] == ["03", "01"]


def test_an_opportunity_listed_twice_is_an_error(content_copy: Path) -> None:
    from summarydeck.diagnostics import ContentError

    edit_content(
        content_copy / "deck.yaml",
        "  - kind: opportunities\n",
        "  - kind: opportunities\n    opportunities: [first, first]\n",
    )
    with pytest.raises(ContentError) as caught:
        api.plan(content_copy)
    assert [d.code for d in caught.value.diagnostics] == ["E207"]


def test_citing_without_a_sources_slide_is_a_warning(content_copy: Path) -> None:
    edit_content(content_copy / "deck.yaml", "  - kind: sources\n", "")
    _, _, diags = api.plan(content_copy)
    [warning] = [d for d in diags.items if d.code == "W203"]
    assert "cite 2 sources by number" in warning.message


def test_numbered_lists_inside_points_stay_numbered(content_copy: Path) -> None:
    edit_content(
        content_copy / "deck.yaml",
        "        - for others, mental health does\n",
        "        - for others, mental health does\n"
        "      - |\n        1. first\n        2. second\n",
    )
    _, plans, _ = api.plan(content_copy)
    slide = next(p for p in plans if p.id == "what-we-learned")
    body = next(e for e in slide.elements if isinstance(e, TextElement) and e.name == "Body")
    assert [(p.text, p.level, p.bullet) for p in body.paragraphs[-2:]] == [
        ("first", 1, "number"),
        ("second", 1, "number"),
    ]


def test_an_empty_content_file_is_a_warning(content_copy: Path) -> None:
    (content_copy / "notes.yaml").write_text("# nothing yet\n")
    _, _, diags = api.plan(content_copy)
    [warning] = [d for d in diags.items if d.code == "W101"]
    assert warning.location is not None and warning.location.file.endswith("notes.yaml")


def test_an_agenda_without_sections_is_a_warning(content_copy: Path) -> None:
    for section in (
        "  - kind: section\n    id: part-numbers\n    title: The numbers\n"
        "    subtitle: Statistics and charts\n",
        "  - kind: section\n    id: part-essays\n    title: The essays\n",
    ):
        edit_content(content_copy / "deck.yaml", section, "")
    _, _, diags = api.plan(content_copy)
    [warning] = [d for d in diags.items if d.code == "W201"]
    assert warning.message == "the agenda has no sections to list"
