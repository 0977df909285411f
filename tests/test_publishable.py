"""A deck a communications team would publish (issue 14): one grid, one type scale, words
without editors' notes, and a draft state that is marked quietly and listed beside the deck.

Every assertion here is measured on the decks `build --all` writes from the Q Lab content, or
on plans and elements built for the purpose."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from pathlib import Path

import pytest
from pptx import Presentation

from helpers import edit_content
from summarydeck import api
from summarydeck.check.text_metrics import lonely_word
from summarydeck.diagnostics import ContentError
from summarydeck.model.brand import Brand, TypeScale
from summarydeck.ooxml.deck_view import DeckView, ShapeView
from summarydeck.ooxml.reader import read_deck
from summarydeck.plan.balance import balance_plan
from summarydeck.plan.fit import fit_element, one_size_per_role, role_sizes, with_size
from summarydeck.plan.lonely_words import NBSP, bind_last_words
from summarydeck.plan.measure import paragraph_lines
from summarydeck.plan.types import (
    ColourRole,
    ShapeElement,
    SlidePlan,
    TextElement,
    TextStyle,
    ToConfirm,
    footer_line,
)
from summarydeck.values import EMU_PER_PT, Box, Paragraph, Run, inches

BRAND = Brand(name="Test")
TOLERANCE = inches(0.02)


def _view(result: api.BuildResult) -> DeckView:
    return read_deck(result.path.read_bytes(), result.path.name)


def _texts(deck: DeckView) -> list[tuple[int, ShapeView]]:
    return [(s.number, shape) for s in deck.slides for shape in s.shapes if shape.has_text]


# --- one type scale ---------------------------------------------------------------------------


def test_fitting_steps_down_the_type_scale_never_between_steps() -> None:
    long = "A point long enough to need several lines at any size on this narrow frame " * 4
    element = TextElement(
        "Body",
        Box(0, 0, inches(6), inches(2)),
        (Paragraph((Run(long),)),),
        TextStyle(BRAND.type_scale.body),
        min_size=BRAND.type_scale.small,
    )
    fitted, _ = fit_element(element, BRAND)
    assert fitted.style.size < element.style.size  # it had to shrink ...
    assert fitted.style.size in BRAND.type_scale.steps()  # ... onto a step of the scale


def test_large_type_floor_is_a_step_of_the_scale() -> None:
    scale = TypeScale()
    for size in (scale.display, scale.title, scale.key_figure, scale.big_number, scale.quote):
        assert scale.floor(size) in scale.steps()
        assert scale.floor(size) < size


def test_every_text_size_in_every_variant_is_on_the_type_scale(
    qlab_variants: list[api.BuildResult],
) -> None:
    steps = set(api.load(Path("content"))[0].brand.type_scale.steps())
    for result in qlab_variants:
        deck = _view(result)
        off = {
            (number, shape.name, run.size)
            for number, shape in _texts(deck)
            for p in shape.paragraphs
            for run in p.runs
            if run.text.strip() and run.size not in steps
        }
        assert not off, f"{result.path.name}: sizes off the type scale: {sorted(off)[:8]}"


def test_one_role_has_one_size_on_every_slide(qlab_variants: list[api.BuildResult]) -> None:
    for result in qlab_variants:
        deck = _view(result)
        sizes: dict[tuple[str | None, str, float | None], set[float]] = defaultdict(set)
        for _, shape in _texts(deck):
            if shape.placeholder in ("body", "obj"):
                continue  # body text is fitted to each slide's room
            # a title is a role per layout size (display, section and content titles differ)
            role = (shape.placeholder, re.sub(r"\d+", "N", shape.name), shape.designed_size)
            sizes[role] |= {r.size for p in shape.paragraphs for r in p.runs if r.text.strip()}
        mixed = {role: s for role, s in sizes.items() if len(s) > 1}
        assert not mixed, f"{result.path.name}: one role, several sizes: {mixed}"


def test_nothing_the_audience_reads_is_below_14_pt(qlab_variants: list[api.BuildResult]) -> None:
    for result in qlab_variants:
        small = {
            (number, shape.name, run.size)
            for number, shape in _texts(_view(result))
            for p in shape.paragraphs
            for run in p.runs
            if run.text.strip() and run.size < 14
        }
        assert not small, f"{result.path.name}: {sorted(small)[:8]}"


def test_one_size_per_role_takes_the_smallest_any_slide_needed() -> None:
    def plan(ident: str, size: float, name: str = "Key figure 1") -> SlidePlan:
        # designed at 60 pt; the fitter shrank it to `size` where it had to
        figure = with_size(TextElement(name, Box(0, 0, 1, 1), (), TextStyle(60)), size)
        title = TextElement("Title", Box(0, 0, 1, 1), (), TextStyle(32), placeholder="title")
        body = TextElement("Body", Box(0, 0, 1, 1), (), TextStyle(size), placeholder="body")
        return SlidePlan(ident, "chart", "Chart", title, "", elements=(figure, body))

    plans = [plan("a", 60), plan("b", 48, "Key figure 2")]
    sized = one_size_per_role(plans, exempt=frozenset({"body"}))
    figures = [p.elements[0] for p in sized]
    bodies = [p.elements[1] for p in sized]
    assert [f.style.size for f in figures if isinstance(f, TextElement)] == [48, 48]
    # body text keeps the size its own slide's room allowed
    assert [b.style.size for b in bodies if isinstance(b, TextElement)] == [60, 48]
    # and the editor is told which slide set the size
    [role] = [r for r in role_sizes(plans, frozenset({"body"})).values() if r.stepped_down]
    assert (role.name, role.size, role.largest, role.slide) == ("Key figure", 48, 60, "b")


def test_a_frame_designed_at_another_size_is_another_role() -> None:
    """A summary set large where it stands alone is not the summary beside a list."""
    alone = TextElement("Summary", Box(0, 0, 1, 1), (), TextStyle(28))
    beside = with_size(TextElement("Summary", Box(0, 0, 1, 1), (), TextStyle(24)), 20)
    title = TextElement("Title", Box(0, 0, 1, 1), (), TextStyle(32))
    plans = [
        SlidePlan("a", "opportunity", "Opportunity", title, "", elements=(alone,)),
        SlidePlan("b", "opportunity", "Opportunity", title, "", elements=(beside,)),
    ]
    sized = one_size_per_role(plans, exempt=frozenset())
    assert [p.elements[0].style.size for p in sized if isinstance(p.elements[0], TextElement)] == [
        28,
        20,
    ]


# --- one grid --------------------------------------------------------------------------------


def _text_edges(shape: ShapeView) -> tuple[int, int]:
    """Where a shape's ink starts and ends: a filled shape, picture, chart or table by its
    box; a text box without a fill by its text (its box may reach out by its inset)."""
    assert shape.box is not None
    left, _, right, _ = shape.insets
    if shape.fill is not None or shape.kind != "text":
        return shape.box.left, shape.box.right
    return shape.box.left + left, shape.box.right - right


def test_no_shape_crosses_the_text_margins(qlab_variants: list[api.BuildResult]) -> None:
    for result in qlab_variants:
        deck = _view(result)
        crossing = []
        for slide in deck.slides:
            title = slide.title
            if title is None or title.box is None:
                continue
            margin_left, _ = _text_edges(title)
            margin_right = deck.width - margin_left
            for shape in slide.shapes:
                box = shape.box
                if box is None or (box.left <= 0 and box.right >= deck.width):
                    continue  # a full-bleed band or background
                left, right = _text_edges(shape)
                if left < margin_left - TOLERANCE or right > margin_right + TOLERANCE:
                    crossing.append((slide.number, shape.name, left, right))
        assert not crossing, f"{result.path.name}: {crossing[:6]}"


def test_titles_hang_from_the_rule_one_line_or_two(qlab_variants: list[api.BuildResult]) -> None:
    prs = Presentation(str(qlab_variants[0].path))
    tops = set()
    anchors = set()
    for slide in prs.slides:
        if slide.slide_layout.name in ("Title", "Section", "Closing"):
            continue
        title = slide.shapes.title
        tops.add(title.top)
        layout_title = slide.slide_layout.placeholders[0]
        anchors.add(layout_title.text_frame._bodyPr.get("anchor"))
    assert len(tops) == 1  # every content title starts at the same height ...
    assert anchors == {"t"}  # ... and grows downwards, so one line or two sit alike


def test_short_content_is_centred_in_the_body_area() -> None:
    area = Box(inches(0.75), inches(1.9), inches(11.8), inches(4.5))
    title = TextElement(
        "Title",
        Box(inches(0.75), inches(0.62), inches(11.8), inches(1.1)),
        (Paragraph((Run("A short title"),)),),
        TextStyle(32, anchor="top"),
        inset=0,
        placeholder="title",
    )
    panel = ShapeElement(
        "Panel", Box(area.left, area.top, inches(4), inches(1.5)), ColourRole.SURFACE
    )
    plan = SlidePlan("s", "bullets", "Bullets", title, "", elements=(panel,))
    balanced = balance_plan(plan, BRAND, area, gap=inches(0.4))
    moved = balanced.elements[0].box
    room_top = inches(0.62) + round(32 * 1.2 * EMU_PER_PT) + inches(0.4)
    above, below = moved.top - room_top, area.bottom - moved.bottom
    assert moved.top > area.top
    assert abs(above - below) <= inches(0.02)


def test_full_content_keeps_its_place_on_the_grid() -> None:
    area = Box(inches(0.75), inches(1.9), inches(11.8), inches(4.5))
    title = TextElement("Title", Box(0, inches(0.6), 10, inches(1)), (), TextStyle(32))
    tall = ShapeElement(
        "Panel", Box(area.left, area.top, inches(4), inches(4.2)), ColourRole.SURFACE
    )
    plan = SlidePlan("s", "bullets", "Bullets", title, "", elements=(tall,))
    assert balance_plan(plan, BRAND, area, gap=inches(0.4)) == plan


# --- lonely words ------------------------------------------------------------------------------


def test_a_lonely_last_word_is_bound_to_the_one_before() -> None:
    text = "Build a shared understanding with each person who uses services"
    width = inches(5)
    element = TextElement(
        "Title", Box(0, 0, width, inches(2)), (Paragraph((Run(text),)),), TextStyle(32), inset=0
    )
    # find a width at which the last word stands alone
    for cut in range(0, inches(3), inches(0.05)):
        trial = TextElement(
            "Title",
            Box(0, 0, width - cut, inches(2)),
            element.paragraphs,
            element.style,
            inset=0,
        )
        shorter = TextElement(
            "Title",
            trial.box,
            (Paragraph((Run(text.rsplit(" ", 1)[0]),)),),
            element.style,
            inset=0,
        )
        if paragraph_lines(shorter, BRAND, 32) < paragraph_lines(trial, BRAND, 32):
            break
    else:
        pytest.fail("no width leaves the last word alone")
    bound = bind_last_words(trial, BRAND)
    assert bound.paragraphs[0].runs[-1].text.endswith(f"uses{NBSP}services")
    assert paragraph_lines(bound, BRAND, 32) == paragraph_lines(trial, BRAND, 32)


def test_no_title_or_quote_in_the_deck_ends_on_a_lonely_word(
    qlab_variants: list[api.BuildResult],
) -> None:
    """Measured on the deck as written (the checker's measure, not the planner's): no title
    or quote of any variant ends on a word alone, and some needed binding to get there."""
    bound = 0
    for result in qlab_variants:
        for _, shape in _texts(_view(result)):
            if shape.is_title or shape.name == "Quote":
                assert lonely_word(shape) is None, f"{result.path.name}: {shape.text!r}"
                bound += NBSP in shape.text
    assert bound  # the rule had work to do in this content


# --- words and the draft state -------------------------------------------------------------------

EDITORS_NOTES = re.compile(
    r"working title|until checked|until confirmed|not described in the sources|to confirm before",
    re.IGNORECASE,
)


def test_no_editors_note_in_audience_text(qlab_variants: list[api.BuildResult]) -> None:
    for result in qlab_variants:
        found = [
            (number, shape.name, shape.text)
            for number, shape in _texts(_view(result))
            if EDITORS_NOTES.search(shape.text)
        ]
        assert not found, f"{result.path.name}: {found}"


def test_no_to_confirm_list_in_the_speaker_notes(qlab_variants: list[api.BuildResult]) -> None:
    for result in qlab_variants:
        prs = Presentation(str(result.path))
        for slide in prs.slides:
            notes = slide.notes_slide.notes_text_frame.text
            assert "To confirm before publishing" not in notes
            assert ".yaml, line" not in notes  # no editor's file and line in shared notes


def test_the_review_report_lists_every_item_with_its_file_and_line(
    qlab_variants: list[api.BuildResult],
) -> None:
    for result in qlab_variants:
        assert result.review is not None and result.review.is_file()
        report = result.review.read_text(encoding="utf-8")
        items = re.findall(r"^\d+\. \*\*", report, re.MULTILINE)
        assert len(items) == result.to_confirm > 0
        assert len(re.findall(r"edit: content/\w+\.yaml, line \d+", report)) == len(items)


def test_a_draft_says_draft_in_every_footer_and_marks_slides_quietly(
    qlab_variants: list[api.BuildResult],
) -> None:
    result = qlab_variants[0]
    deck = _view(result)
    footers = [s for slide in deck.slides for s in slide.shapes if s.placeholder == "ftr"]
    assert footers and all(f.text.startswith("Draft · ") for f in footers)
    marked = [
        slide.number
        for slide in deck.slides
        if any(s.text == "To be confirmed" for s in slide.shapes)
    ]
    assert marked
    for slide in deck.slides:  # no tag shapes: the mark is text on the source line
        assert not any(s.name == "Unconfirmed marker" for s in slide.shapes)


def test_footer_says_draft_only_while_something_is_unconfirmed() -> None:
    title = TextElement("Title", Box(0, 0, 1, 1), (), TextStyle(32))
    plain = SlidePlan("a", "bullets", "Bullets", title, "")
    assert footer_line("Q Lab", [plain], "Draft") == "Q Lab"
    marked = dataclasses.replace(plain, unconfirmed=(ToConfirm("x", "y", (), ""),))
    assert footer_line("Q Lab", [plain, marked], "Drafft") == "Drafft · Q Lab"


def test_a_confirmed_deck_has_no_draft_mark_and_an_empty_review(
    qlab_copy: Path, tmp_path: Path
) -> None:
    for file in qlab_copy.glob("*.yaml"):  # every unconfirmed item, confirmed
        text = file.read_text(encoding="utf-8")
        file.write_text(text.replace("status: unconfirmed", "status: confirmed"), "utf-8")
    result = api.build(qlab_copy, tmp_path / "deck.pptx", final=True)
    assert result.to_confirm == 0
    deck = _view(result)
    footers = [s.text for slide in deck.slides for s in slide.shapes if s.placeholder == "ftr"]
    assert footers and not any(f.startswith("Draft") for f in footers)
    assert result.review is not None
    assert "Nothing in this deck is waiting to be confirmed" in result.review.read_text("utf-8")


# --- storyline and co-branding -----------------------------------------------------------------


def test_a_summary_slide_comes_near_the_start(qlab_variants: list[api.BuildResult]) -> None:
    for result in qlab_variants:
        ids = [s.name for s in _view(result).slides]
        assert "summary" in ids[:3], f"{result.path.name}: {ids[:4]}"


def test_a_paraphrase_is_not_shown_in_quotation_marks(qlab_variants: list[api.BuildResult]) -> None:
    deck = _view(qlab_variants[0])
    slide = next(s for s in deck.slides if s.name == "quote-see-the-whole")
    quote = next(s for s in slide.shapes if s.name == "Quote")
    assert not re.search('[“”"…]', quote.text)
    other = next(s for s in deck.slides if s.name == "quote-also-in-pain")
    assert next(s for s in other.shapes if s.name == "Quote").text.startswith("“")


def test_partners_are_named_on_the_title_slide(qlab_variants: list[api.BuildResult]) -> None:
    slide = _view(qlab_variants[0]).slides[0]
    names = [s.text for s in slide.shapes if s.name.startswith("Partner")]
    assert names == ["The Q Lab", "Mind"]


def test_a_partner_logo_is_a_picture_with_alt_text(qlab_copy: Path, tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (300, 100), "white").save(qlab_copy / "mind.png")
    edit_content(
        qlab_copy / "brand.yaml",
        "    - name: Mind\n",
        "    - name: Mind\n      logo: mind.png\n"
        "      logo_alt_text: Mind, the mental health charity\n",
    )
    result = api.build(qlab_copy, tmp_path / "deck.pptx")
    slide = _view(result).slides[0]
    logo = next(s for s in slide.shapes if s.name == "Partner 2 logo")
    assert logo.kind == "picture"
    assert logo.alt_text == "Mind, the mental health charity"


def test_a_missing_partner_logo_is_a_located_error(qlab_copy: Path, tmp_path: Path) -> None:
    edit_content(
        qlab_copy / "brand.yaml", "    - name: Mind\n", "    - name: Mind\n      logo: gone.png\n"
    )
    with pytest.raises(ContentError) as failed:
        api.validate(qlab_copy)
    errors = [d for d in failed.value.diagnostics if d.code == "E209"]
    assert errors and "brand.partners.1.logo" in errors[0].message
    assert errors[0].location is not None and errors[0].location.file.endswith("brand.yaml")


SIX_PARTNERS = """  partners:
    - name: The Health Foundation
    - name: NHS England
    - name: Mind
    - name: Health Innovation Network
    - name: Keele University
    - name: Powys Teaching Health Board
"""


def _partners(content: Path, block: str) -> None:
    brand = content / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    start = text.index("  partners:\n")
    end = text.index("    - name: Mind\n", start) + len("    - name: Mind\n")
    brand.write_text(text[:start] + block + text[end:], encoding="utf-8")


def test_every_partner_is_shown_on_the_margins(qlab_copy: Path, tmp_path: Path) -> None:
    """Six partners run onto a second line rather than one being left out."""
    _partners(qlab_copy, SIX_PARTNERS)
    result = api.build(qlab_copy, tmp_path / "deck.pptx", selection=api.Selection("short"))
    deck = _view(result)
    slide = deck.slides[0]
    marks = [s for s in slide.shapes if s.name.startswith("Partner")]
    assert [m.text for m in marks] == [
        "The Health Foundation",
        "NHS England",
        "Mind",
        "Health Innovation Network",
        "Keele University",
        "Powys Teaching Health Board",
    ]
    margin = slide.title.box.left if slide.title and slide.title.box else 0
    for mark in marks:
        assert mark.box is not None
        assert margin <= mark.box.left and mark.box.right <= deck.width - margin
        assert mark.box.bottom <= deck.height
    assert len({m.box.top for m in marks if m.box}) == 2  # two lines


def test_partners_that_cannot_fit_are_an_error_at_the_brand(qlab_copy: Path) -> None:
    long = "A partner organisation with a very long name indeed, spelled out in full"
    _partners(qlab_copy, "  partners:\n" + "".join(f"    - name: {long} {n}\n" for n in range(4)))
    with pytest.raises(ContentError) as failed:
        api.validate(qlab_copy)
    [error] = [d for d in failed.value.diagnostics if d.code == "E210"]
    assert "partners" in error.message
    assert error.location is not None and error.location.file.endswith("brand.yaml")


def test_a_mini_deck_without_a_sources_slide_names_its_sources(tmp_path: Path) -> None:
    """`--only test-teams` has no Sources slide: the foot of the slide may not point at one
    ("listed at the end") or use its numbers; the notes name every source the slide cites."""
    only = api.Selection("full", only=("test-teams",))
    result = api.build(Path("content"), tmp_path / "mini.pptx", selection=only)
    prs = Presentation(str(result.path))
    [slide] = list(prs.slides)
    citation = next(s for s in slide.shapes if s.name == "Citation").text_frame.text
    assert "listed at the end" not in citation and "[" not in citation
    # five sources do not fit on one line: the first is named, the notes name them all
    assert citation.startswith("Sources: Q Lab project page and 4 more")
    assert citation.endswith("more, named in the notes")
    notes = slide.notes_slide.notes_text_frame.text
    named = [line for line in notes.splitlines() if line.startswith("- ")]
    assert len(named) == 5 and all("http" in line for line in named)
