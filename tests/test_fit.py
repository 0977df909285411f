"""Text fitting with real font metrics: shrink to the floor, warn past it."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import edit_content
from summarydeck import api
from summarydeck.diagnostics import ContentError
from summarydeck.model.brand import Brand
from summarydeck.plan.fit import fit_element, fit_plan
from summarydeck.plan.measure import text_width, wrap_lines
from summarydeck.plan.types import TextElement, TextStyle
from summarydeck.values import Box, Paragraph, Run, inches

BRAND = Brand(name="t")
# the bullets slide's points and source in tests/content/full/deck.yaml, up to the next entry
LEARNED_POINTS = (
    "    points:\n"
    "      - People are passed between services\n"
    "      - Care is duplicated, missing or unsuitable\n"
    '      - "Support needs differ:"\n'
    "      - |\n"
    "        - for some people, pain comes first\n"
    "        - for others, mental health does\n"
    "    sources: [report-a]\n"
)


def _element(
    text: str, width: float, height: float, size: float = 20, min_size: float | None = None
) -> TextElement:
    return TextElement(
        "Body",
        Box(0, 0, inches(width), inches(height)),
        (Paragraph((Run(text),)),),
        TextStyle(size),
        min_size=min_size,
    )


def test_widths_scale_with_size_and_bold_is_wider() -> None:
    regular = text_width("Persistent pain", "Calibri", False, 20)
    assert 110 < regular < 130  # Carlito: about 8 pt per character at 20 pt
    assert text_width("Persistent pain", "Calibri", False, 40) == 2 * regular
    assert text_width("Persistent pain", "Calibri", True, 20) > regular


def test_greedy_wrap_counts_lines() -> None:
    para = Paragraph((Run("word " * 30),))
    one_line_width = text_width("word " * 30, "Calibri", False, 20)
    assert wrap_lines(para, "Calibri", False, 20, one_line_width + 5) == 1
    assert wrap_lines(para, "Calibri", False, 20, one_line_width / 2.5) == 3


def test_line_breaks_and_bullet_indents_count() -> None:
    broken = Paragraph((Run("a"), Run("\v"), Run("b")))
    assert wrap_lines(broken, "Calibri", False, 20, 500) == 2
    text = "x " * 40
    flat = Paragraph((Run(text),))
    nested = Paragraph((Run(text),), level=3, bullet="bullet")
    width = text_width(text, "Calibri", False, 20) / 2 + 10
    assert wrap_lines(nested, "Calibri", False, 20, width) > wrap_lines(
        flat, "Calibri", False, 20, width
    )


def test_text_that_fits_keeps_its_size() -> None:
    fitted, overflow = fit_element(_element("Short", 4, 1, min_size=12), BRAND)
    assert (fitted.style.size, overflow) == (20, 0)


def test_long_text_shrinks_but_not_below_the_floor() -> None:
    text = "A long sentence that needs more room than one line gives it. " * 2
    fitted, overflow = fit_element(_element(text, 4, 1.2, min_size=12), BRAND)
    assert 14 <= fitted.style.size < 20 and overflow == 0
    assert fitted.style.size in BRAND.type_scale.steps()  # on the scale, not between steps
    floored, overflow = fit_element(_element(text * 4, 4, 1.2, min_size=18), BRAND)
    assert floored.style.size == 18 and overflow > 0


def test_text_that_cannot_fit_is_an_error_at_its_field(content_copy: Path) -> None:
    # a column of a two-column slide does not continue on its own: it must fit
    long = "Far too much text for one slide. " * 60
    edit_content(
        content_copy / "deck.yaml",
        "      body: Staff may not feel confident to talk about mental health.",
        f"      body: {long}",
    )
    with pytest.raises(ContentError) as caught:
        api.plan(content_copy)
    [error] = [d for d in caught.value.diagnostics if d.code == "E401"]
    assert error.message.startswith("slide 14, left.body: the text does not fit on slide")
    assert error.location is not None and error.location.file.endswith("deck.yaml")
    assert error.location.line == 55
    assert error.hint is not None and error.hint.startswith("shorten it to ")


def _texts(plan: object) -> list[str]:
    from summarydeck.plan.types import SlidePlan

    assert isinstance(plan, SlidePlan)
    return [p.text for e in plan.elements if isinstance(e, TextElement) for p in e.paragraphs]


def test_a_long_essay_summary_continues_on_a_slide_titled_continued(content_copy: Path) -> None:
    sentences = [f"Sentence number {n} says something about the project." for n in range(70)]
    edit_content(
        content_copy / "essays.yaml",
        "    summary: A year-long",
        f"    summary: {' '.join(sentences)} A year-long",
    )
    _, plans, _ = api.plan(content_copy)
    pages = [p for p in plans if p.id == "intro" or p.id.startswith("intro-")]
    assert len(pages) >= 2
    titles = [p.title.paragraphs[0].text for p in pages]
    assert titles[1].endswith(
        "(continued)" if len(pages) == 2 else f"(continued, 2 of {len(pages)})"
    )
    assert len(set(titles)) == len(titles)
    assert [p.id for p in pages] == ["intro"] + [f"intro-{n}" for n in range(2, len(pages) + 1)]
    # every sentence is shown once, in order, across the pages, and each page fits
    shown = " ".join(t for p in pages for t in _texts(p))
    positions = [shown.index(s) for s in sentences]
    assert positions == sorted(positions)
    assert all(shown.count(s) == 1 for s in sentences)
    sizes = set()
    for page in pages:
        summary = next(
            e for e in page.elements if isinstance(e, TextElement) and e.name == "Essay summary"
        )
        fitted, overflow = fit_element(summary, _brand_of(content_copy))
        assert overflow == 0 and fitted.style.size == summary.style.size
        sizes.add(summary.style.size)
    assert len(sizes) == 1  # one size across the pages
    assert pages[1].notes.startswith("Continues the slide")


def _brand_of(content: Path) -> Brand:
    deck, _, _ = api.plan(content)
    return deck.brand


def test_fourteen_points_continue_and_keep_their_order(content_copy: Path) -> None:
    points = "".join(
        f"      - Point {n} about care that is joined up and kind\n" for n in range(1, 15)
    )
    edit_content(content_copy / "deck.yaml", LEARNED_POINTS, "    points:\n" + points)
    _, plans, _ = api.plan(content_copy)
    pages = [p for p in plans if p.title.paragraphs[0].text.startswith("What we learned")]
    assert len(pages) == 2
    shown = [t for p in pages for t in _texts(p) if t.startswith("Point")]
    assert shown == [f"Point {n} about care that is joined up and kind" for n in range(1, 15)]


def test_a_sentence_cut_at_a_slide_break_keeps_its_indent_but_not_a_second_bullet() -> None:
    from summarydeck.plan.continuation import _SENTENCE_END, _split

    para = Paragraph((Run("One. Two? Three… Four"),), level=1, bullet="bullet")
    pieces = _split(para, _SENTENCE_END)
    assert [p.text for p in pieces] == ["One. ", "Two? ", "Three… ", "Four"]
    assert [p.continues for p in pieces] == [False, True, True, True]
    assert all(p.level == 1 and p.bullet == "bullet" for p in pieces)


def test_fit_plan_shrinks_titles_too(full_content: Path) -> None:
    deck, plans, _ = api.plan(full_content)
    plan = plans[3]
    long_title = _element("A title " * 30, 11, 1.15, size=32, min_size=24)
    import dataclasses

    fitted, overflows = fit_plan(dataclasses.replace(plan, title=long_title), deck.brand)
    assert fitted.title.style.size < 32
    assert [o.index for o in overflows] == [None]  # a title cannot continue on another slide


def _long_numbered_list(content: Path, extra: str = "") -> None:
    items = "".join(f"        {n}. Numbered step {n} in joined-up care\n" for n in range(1, 15))
    edit_content(content / "deck.yaml", LEARNED_POINTS, extra + "    points:\n      - |\n" + items)


def test_a_numbered_list_goes_on_counting_on_the_continued_slide(content_copy: Path) -> None:
    _long_numbered_list(content_copy)
    _, plans, _ = api.plan(content_copy)
    pages = [p for p in plans if p.title.paragraphs[0].text.startswith("What we learned")]
    assert len(pages) == 2
    second = [
        p
        for e in pages[1].elements
        if isinstance(e, TextElement) and e.name == "Body"
        for p in e.paragraphs
    ]
    first_shown = int(second[0].text.split()[2])  # "Numbered step 8 ..."
    assert first_shown > 1
    assert {p.start for p in second} == {first_shown}  # PowerPoint numbers from startAt
    assert all(p.bullet == "number" for p in second)


def test_drafted_notes_of_a_continued_slide_cover_only_its_own_part(content_copy: Path) -> None:
    _long_numbered_list(content_copy)
    _, plans, _ = api.plan(content_copy)
    first, second = [p for p in plans if p.title.paragraphs[0].text.startswith("What we learned")]
    assert "Numbered step 1 " in first.notes and "Numbered step 14" not in first.notes
    assert "Numbered step 14" in second.notes and "Numbered step 1 " not in second.notes


def test_written_notes_stay_on_the_first_slide_only(content_copy: Path) -> None:
    _long_numbered_list(content_copy, extra="    notes: Say this once.\n")
    _, plans, _ = api.plan(content_copy)
    first, second = [p for p in plans if p.title.paragraphs[0].text.startswith("What we learned")]
    assert first.notes.startswith("Say this once.")
    assert "Say this once." not in second.notes


def test_a_continued_id_that_clashes_with_an_editors_id_is_an_error(content_copy: Path) -> None:
    _long_numbered_list(content_copy, extra="    id: learned\n")
    edit_content(
        content_copy / "deck.yaml",
        "  - kind: two-columns\n",
        "  - kind: two-columns\n    id: learned-2\n",
    )
    with pytest.raises(ContentError) as caught:
        api.plan(content_copy)
    [error] = [d for d in caught.value.diagnostics if d.code == "E207"]
    assert "slide `learned` continues on a slide with id `learned-2`" in error.message
    assert error.hint == "give this entry another `id:`"


def test_a_title_too_long_is_told_to_shorten_not_to_split(content_copy: Path) -> None:
    edit_content(
        content_copy / "deck.yaml",
        "    title: What we learned",
        "    title: " + "What we learned together " * 12,
    )
    with pytest.raises(ContentError) as caught:
        api.plan(content_copy)
    [error] = [d for d in caught.value.diagnostics if d.code == "E401"]
    assert error.message.startswith("slide 13, title:")
    assert error.hint is not None and "split" not in error.hint


def test_frames_of_one_group_on_a_slide_take_one_size() -> None:
    """Neighbouring cards at different sizes look like a mistake: the group takes the smallest
    size any of its frames needed, on the slide itself (before any deck-wide pass)."""
    from dataclasses import replace

    from summarydeck.plan.types import SlidePlan

    long = replace(
        _element("A card with a great deal more to say than fits " * 3, 3, 1.0, 20, 14),
        group="cards",
    )
    short = replace(_element("A short card", 3, 1.0, 20, 14), group="cards")
    title = _element("Title", 8, 1)
    plan = SlidePlan("s", "cards", "Cards", title, "", elements=(long, short))
    fitted, _ = fit_plan(plan, BRAND)
    sizes = [e.style.size for e in fitted.elements if isinstance(e, TextElement)]
    assert sizes[0] < 20  # the long one had to shrink ...
    assert sizes == [sizes[0], sizes[0]]  # ... and its neighbour follows it
