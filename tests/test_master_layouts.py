"""The deck is a real PowerPoint template: our own master and named layouts, the brand on the
layouts, every slide's text in its layout's placeholders, and a slide that stays on brand when
PowerPoint's Reset or New Slide is used (both simulated: nothing here runs PowerPoint)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from conftest import FULL_CONTENT
from helpers import edit_content
from reset_simulation import simulate_reset
from summarydeck import api
from summarydeck.layouts.registry import kinds, layout_set
from summarydeck.model.brand import TypeScale
from summarydeck.ooxml.names import qn
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutSet

# Office's stock layouts (python-pptx's default template has all of them)
STOCK_LAYOUTS = {
    "Title Slide",
    "Title and Content",
    "Section Header",
    "Two Content",
    "Comparison",
    "Title Only",
    "Blank",
    "Content with Caption",
    "Picture with Caption",
    "Title and Vertical Text",
    "Vertical Title and Text",
}
# what a reset must not produce: text that vanishes (contrast), leaves the slide, or collides
RESET_CODES = {"C301", "C302", "C501", "C502"}


@pytest.fixture(scope="module")
def all_decks(
    full_deck: Path, stress_deck: Path, qlab_variants: list[api.BuildResult]
) -> list[Path]:
    """Every test deck and every variant of the Q Lab deck."""
    return [full_deck, stress_deck, *(result.path for result in qlab_variants)]


def _layouts() -> LayoutSet:
    return layout_set(Grid.for_size("16:9"), TypeScale())


def _our_layout_names() -> set[str]:
    return {design.name for design in _layouts().designs}


def test_every_kind_has_a_layout_and_names_are_unique() -> None:
    layouts = _layouts()
    names = [design.name for design in layouts.designs]
    assert len(names) == len(set(names))
    assert set(layouts.for_kind) == set(kinds())
    assert not set(names) & STOCK_LAYOUTS
    # the ones a designer expects, named for what they hold
    assert {"Title", "Section", "Title and text", "Statistic", "Chart", "Quote", "Cards"} <= set(
        names
    )
    assert {"Two columns", "Sources", "Closing", "Discussion"} <= set(names)
    assert names[:2] == ["Title", "Section"] and names[-1] == "Closing"


def test_every_slide_uses_its_kinds_layout(full_deck: Path) -> None:
    _, plans, _ = api.plan(FULL_CONTENT)
    prs = Presentation(str(full_deck))
    assert [s.slide_layout.name for s in prs.slides] == [plan.layout for plan in plans]
    assert len({plan.kind for plan in plans}) >= 14  # the every-kind deck covers the kinds


def test_only_our_layouts_in_every_deck(all_decks: list[Path]) -> None:
    ours = _our_layout_names()
    for deck in all_decks:
        prs = Presentation(str(deck))
        names = [layout.name for layout in prs.slide_master.slide_layouts]
        assert set(names) == ours, deck.name
        assert {s.slide_layout.name for s in prs.slides} <= ours
        # no stock layout part left in the package either
        parts = [p.partname for p in prs.part.package.iter_parts()]
        layout_parts = [p for p in parts if p.startswith("/ppt/slideLayouts/")]
        assert len(layout_parts) == len(ours), deck.name


def _texts(element: Any) -> list[str]:
    return [t.text or "" for t in element.iter(qn("a:t"))]


def test_no_sample_or_date_text_on_the_master_or_layouts(all_decks: list[Path]) -> None:
    for deck in all_decks:
        prs = Presentation(str(deck))
        for owner in (prs.slide_master, *prs.slide_master.slide_layouts):
            for placeholder in owner.placeholders:
                kind = placeholder.element.find(f".//{qn('p:ph')}").get("type", "obj")
                assert kind != "dt", f"{deck.name}: a date placeholder on {owner.name!r}"
                # the slide number's field shows ‹#› on a layout: that is not sample text
                words = [t for t in _texts(placeholder.element) if t not in ("‹#›",)]
                assert words == [], f"{deck.name}: {owner.name!r} {placeholder.name}: {words}"


def test_brand_lives_on_the_layouts_not_the_slides(qlab_deck: Path) -> None:
    prs = Presentation(str(qlab_deck))
    layouts = {layout.name: layout for layout in prs.slide_master.slide_layouts}
    # the section layout carries the navy background and the accent rule
    section = layouts["Section"].element
    assert section.find(f"{qn('p:cSld')}/{qn('p:bg')}") is not None
    assert "Accent rule" in [s.name for s in layouts["Section"].shapes]
    assert "Accent rule" in [s.name for s in layouts["Title and text"].shapes]
    for slide in prs.slides:
        # no background set on a slide, no accent rule drawn on one
        assert slide.element.find(f"{qn('p:cSld')}/{qn('p:bg')}") is None, slide.name
        assert "Accent rule" not in [s.name for s in slide.shapes], slide.name
        title = slide.shapes.title
        assert title is not None and title.is_placeholder, slide.name
        # the title's colour and font come from the layout: nothing on the slide says them
        for run in title.text_frame.paragraphs[0].runs:
            assert run._r.rPr.find(qn("a:solidFill")) is None, slide.name
            assert run._r.rPr.find(qn("a:latin")) is None, slide.name


def test_body_text_is_in_placeholders(full_deck: Path) -> None:
    prs = Presentation(str(full_deck))
    by_layout: dict[str, list[str]] = {}
    for slide in prs.slides:
        names = [s.name for s in slide.placeholders]
        by_layout.setdefault(slide.slide_layout.name, names)
    assert "Body" in by_layout["Title and text"]
    assert {"Left column", "Right column"} <= set(by_layout["Two columns"])
    assert "Quote" in by_layout["Quote"]
    assert "Statistic label" in by_layout["Statistic"]
    assert "Sources" in by_layout["Sources"]
    assert "Subtitle" in by_layout["Title"]


def test_no_empty_placeholder_on_any_slide(all_decks: list[Path]) -> None:
    for deck in all_decks:
        for slide in Presentation(str(deck)).slides:
            for placeholder in slide.placeholders:
                assert "".join(_texts(placeholder.element)).strip(), (
                    f"{deck.name}: slide {slide.name}: empty {placeholder.name}"
                )


def test_footer_and_number_are_the_masters_placeholders(qlab_deck: Path) -> None:
    prs = Presentation(str(qlab_deck))
    for slide in list(prs.slides)[1:]:  # not on the title slide, as Header & Footer offers
        kinds_on_slide = {
            p.element.find(f".//{qn('p:ph')}").get("type") for p in slide.placeholders
        }
        assert {"ftr", "sldNum"} <= kinds_on_slide, slide.name
        for placeholder in slide.placeholders:
            kind = placeholder.element.find(f".//{qn('p:ph')}").get("type")
            if kind in ("ftr", "sldNum"):
                # no place of its own: it sits where the layout puts it
                assert placeholder.element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}") is None
        number = next(
            p
            for p in slide.placeholders
            if p.element.find(f".//{qn('p:ph')}").get("type") == "sldNum"
        )
        assert number.element.find(f".//{qn('a:fld')}").get("type") == "slidenum"


# --- Reset, simulated ---


def _grid_of(prs: Any) -> Grid:
    return Grid.for_size("4:3" if prs.slide_width * 3 == prs.slide_height * 4 else "16:9")


def test_reset_keeps_every_slide_on_brand(all_decks: list[Path], tmp_path: Path) -> None:
    """Reset on every slide of every deck (placeholders back to their layouts): no text that
    vanishes against its background, leaves the slide or collides, and every placeholder on
    the grid. Overflow after a reset is for LibreOffice to show: test_render renders these."""
    for deck in all_decks:
        reset = tmp_path / f"{deck.stem}-reset.pptx"
        assert simulate_reset(deck, reset) > 0
        report = api.check(None, reset)
        bad = [f"{f.code} slide {f.slide} {f.shape}: {f.message}" for f in report.findings]
        assert not [b for b in bad if b[:4] in RESET_CODES], f"{deck.name}:\n" + "\n".join(bad)
        prs = Presentation(str(reset))
        grid = _grid_of(prs)
        for slide in prs.slides:
            for shape in slide.placeholders:
                assert shape.element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}") is None or (
                    shape.element.find(f".//{qn('p:ph')}").get("type") in ("ftr", "sldNum")
                )
                # the text's edges, as the layout insets them: a display title's frame reaches
                # out by its inset so that its letters, not its box, stand on the margin
                layout = _layout_placeholder(slide, shape)
                inset = int(layout.text_frame.margin_left) if layout is not None else 0
                left, top = int(shape.left) + inset, int(shape.top)
                right, bottom = int(shape.left) + int(shape.width) - inset, top + int(shape.height)
                where = f"{deck.name} slide {slide.name} {shape.name}"
                assert grid.margin <= left and right <= grid.width - grid.margin, where
                assert top > 0 and bottom <= grid.height, where


def _layout_placeholder(slide: Any, shape: Any) -> Any:
    """The layout placeholder a slide's placeholder inherits from (matched by idx)."""
    idx = shape.placeholder_format.idx
    return next(
        (p for p in slide.slide_layout.placeholders if p.placeholder_format.idx == idx), None
    )


def test_reset_removes_what_the_slide_wrote(content_copy: Path, tmp_path: Path) -> None:
    """The simulation really strips what a slide writes over its layout (else the reset test
    proves nothing): here a quote too long for its size, fitted smaller on the slide."""
    edit_content(
        content_copy / "quotes.yaml",
        "Pain is pain, and I'm in pain too.",
        "Pain is pain, and I'm in pain too. " * 11,
    )
    deck = tmp_path / "deck.pptx"
    api.build(content_copy, deck)
    reset = tmp_path / "reset.pptx"
    simulate_reset(deck, reset)

    def quote_sizes(path: Path) -> set[str]:
        return {
            r.get("sz")
            for slide in Presentation(str(path)).slides
            for shape in slide.placeholders
            if shape.name == "Quote"
            for r in shape.element.iter(qn("a:rPr"))
        }

    assert quote_sizes(deck) - {None}, "the quote was not fitted smaller on its slide"
    assert quote_sizes(reset) == {None}


# --- New Slide, simulated ---


def test_new_slide_on_every_layout_is_on_brand(qlab_deck: Path, tmp_path: Path) -> None:
    """What someone gets from New Slide in PowerPoint: each of our layouts, its placeholders
    typed into, is readable (contrast), on the slide and fits."""
    prs = Presentation(str(qlab_deck))
    for layout in prs.slide_master.slide_layouts:
        slide = prs.slides.add_slide(layout)
        for placeholder in slide.placeholders:
            placeholder.text_frame.text = "A few words typed in PowerPoint"
    out = tmp_path / "new-slides.pptx"
    prs.save(str(out))
    report = api.check(None, out)
    added = range(len(prs.slides) - len(prs.slide_master.slide_layouts) + 1, len(prs.slides) + 1)
    problems = [
        f"{f.code} slide {f.slide} {f.shape}: {f.message}"
        for f in report.findings
        if f.slide in added and f.code in RESET_CODES | {"C201", "C202"}
    ]
    assert not problems, "\n".join(problems)


def test_the_designers_page_lists_every_layout_and_its_kinds() -> None:
    """docs/templates.md tells a designer which layout names each kind looks for."""
    page = (Path(__file__).parent.parent / "docs" / "templates.md").read_text("utf-8")
    rows = {
        line.split("|")[1].strip(): line.split("|")[2]
        for line in page.splitlines()
        if line.startswith("| ") and not line.startswith("| Layout")
    }
    layouts = _layouts()
    assert set(rows) == {design.name for design in layouts.designs}
    for kind, name in layouts.for_kind.items():
        assert f"`{kind}`" in rows[name], (kind, name)
