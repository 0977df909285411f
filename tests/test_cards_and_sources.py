"""Cards slides (grid or rows, one size per group), and the measured Sources pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FULL_CONTENT
from helpers import edit_content
from summarydeck import api
from summarydeck.diagnostics import ContentError
from summarydeck.markdown.typography import shown_address
from summarydeck.plan.types import SlidePlan, TextElement


def _with_cards(content: Path, cards_yaml: str, extra: str = "") -> None:
    marker = "  - kind: quote\n"
    entry = f"  - kind: cards\n    id: try-cards\n    title: Cards under test\n{extra}    cards:\n"
    edit_content(content / "deck.yaml", marker, entry + cards_yaml + marker)


def _plan(content: Path, slide_id: str) -> SlidePlan:
    _, plans, _ = api.plan(content)
    return next(p for p in plans if p.id == slide_id)


def _frames(plan: SlidePlan, word: str) -> list[TextElement]:
    return [e for e in plan.elements if isinstance(e, TextElement) and word in e.name]


def _cards(count: int, body: str = "Short text", title: str = "Item") -> str:
    return "".join(
        f"      - {{title: {title} {n}, body: {body} {n}}}\n" for n in range(1, count + 1)
    )


@pytest.mark.parametrize("count", [1, 2, 3])
def test_up_to_three_cards_sit_side_by_side(content_copy: Path, count: int) -> None:
    _with_cards(content_copy, _cards(count))
    plan = _plan(content_copy, "try-cards")
    titles = _frames(plan, "title")
    assert len(titles) == count
    assert len({t.box.top for t in titles}) == 1  # one row
    lefts = [t.box.left for t in titles]
    assert lefts == sorted(lefts) and len(set(lefts)) == count


def test_short_items_make_a_grid_long_ones_make_rows(content_copy: Path, tmp_path: Path) -> None:
    short = content_copy
    _with_cards(short, _cards(6, "Go"))
    grid = _frames(_plan(short, "try-cards"), "title")
    assert len({t.box.top for t in grid}) == 2  # two rows of three cards

    long = tmp_path / "long"
    shutil.copytree(FULL_CONTENT, long)
    body = "Brought a pain self-management course into a wellbeing centre"
    _with_cards(long, _cards(5, body, title="Health Innovation Network and Sydenham Garden"))
    rows = _frames(_plan(long, "try-cards"), "title")
    assert len({t.box.top for t in rows}) == 5  # one row per item


def test_arrange_rows_is_honoured_for_two_cards(content_copy: Path) -> None:
    _with_cards(content_copy, _cards(2), extra="    arrange: rows\n")
    titles = _frames(_plan(content_copy, "try-cards"), "title")
    assert titles[0].box.left == titles[1].box.left
    assert titles[0].box.top < titles[1].box.top


def _with_room_to_shrink(content: Path) -> None:
    """Card texts start at the `label` size (18 pt) and may shrink to `body_min`, 18 pt too
    unless the brand lowers it: here to 14 pt, so a text has room to shrink."""
    edit_content(
        content / "brand.yaml",
        "  logo: logo.png\n",
        "  logo: logo.png\n  type_scale: {body_min: 14}\n",
    )


def test_card_texts_share_one_size_below_their_headings(content_copy: Path, tmp_path: Path) -> None:
    """One card's text is too long for its card at the starting size and must shrink; the
    other two, which fit as they are, are set at its size: one row, one size."""
    alone = tmp_path / "short-cards"
    shutil.copytree(FULL_CONTENT, alone)
    _with_room_to_shrink(alone)
    _with_cards(alone, _cards(3))
    [start] = {t.style.size for t in _frames(_plan(alone, "try-cards"), "text")}

    _with_room_to_shrink(content_copy)
    long = "Support " + "people with pain and low mood " * 6
    cards = (
        "      - {title: One, body: Short}\n"
        f"      - {{title: Two, body: {long.strip()}}}\n"
        "      - {title: Three, body: Short too}\n"
    )
    _with_cards(content_copy, cards)
    plan = _plan(content_copy, "try-cards")
    texts = _frames(plan, "text")
    headings = _frames(plan, "title")
    assert len(texts) == 3  # still one slide
    [size] = {t.style.size for t in texts}  # one size for all three ...
    assert all(t.min_size is not None and t.min_size <= size < start for t in texts)  # ... shrunk
    assert len({h.style.size for h in headings}) == 1
    assert size < headings[0].style.size
    assert len({t.box.top for t in texts}) == 1  # texts start level across the row


def test_a_card_title_too_long_is_reported_at_the_title(content_copy: Path) -> None:
    long_title = " ".join(["Extraordinarily"] * 90)
    _with_cards(content_copy, f"      - {{title: {long_title}, body: x}}\n" + _cards(2))
    with pytest.raises(ContentError) as caught:
        api.plan(content_copy)
    errors = [d for d in caught.value.diagnostics if d.code == "E401"]
    assert errors, caught.value.diagnostics
    assert all(", cards[0].title" in d.message for d in errors), [d.message for d in errors]


def test_six_long_cards_continue_on_a_second_slide(content_copy: Path) -> None:
    body = (
        "Brought a pain self-management course into a community wellbeing centre with "
        "mental health support from the first session and follow-up by phone for six weeks"
    )
    _with_cards(content_copy, _cards(6, body))
    _, plans, _ = api.plan(content_copy)
    first = next(p for p in plans if p.id == "try-cards")
    second = next(p for p in plans if p.id == "try-cards-2")
    assert plans.index(second) == plans.index(first) + 1
    assert second.title.paragraphs[0].text == "Cards under test (continued)"
    assert [f.paragraphs[0].text for f in _frames(first, "title")] == ["Item 1", "Item 2", "Item 3"]
    assert [f.paragraphs[0].text for f in _frames(second, "title")] == [
        "Item 4",
        "Item 5",
        "Item 6",
    ]
    # errors on the second slide still point at the right card
    assert [f.source for f in _frames(second, "text")] == [
        ("slides", f.source[1], "cards", i, "body")
        for i, f in zip((3, 4, 5), _frames(second, "text"), strict=True)
    ]
    assert "Item 4" in second.notes and "Item 1" not in second.notes


def test_grouped_frames_never_go_below_their_floor(content_copy: Path) -> None:
    _with_cards(content_copy, _cards(4, "x"))
    plan = _plan(content_copy, "try-cards")
    for frame in _frames(plan, "Card"):
        assert frame.min_size is not None and frame.style.size >= frame.min_size


# --- sources ------------------------------------------------------------------------------------


def test_long_notes_move_sources_onto_another_slide_instead_of_failing(
    content_copy: Path,
) -> None:
    sources = content_copy / "sources.yaml"
    note = "    note: " + "A long note about how this source was read and checked. " * 4 + "\n"
    text = sources.read_text(encoding="utf-8")
    extra = "".join(
        f"  long-{n}:\n    title: Report {n}\n    publisher: P\n    year: 2020\n{note}"
        for n in range(6)
    )
    sources.write_text(text + extra, encoding="utf-8")
    deck = content_copy / "deck.yaml"
    edit_content(deck, "  - kind: sources\n", "  - kind: sources\n    include_uncited: true\n")
    _, plans, _ = api.plan(content_copy)
    pages = [p for p in plans if p.kind == "sources"]
    assert len(pages) >= 2
    for page in pages:
        (frame,) = _frames(page, "Sources")
        assert frame.style.size == frame.min_size  # moved on at the caption size, not shrunk
    shown = [t for p in pages for t in (para.text for para in _frames(p, "Sources")[0].paragraphs)]
    assert len(shown) == 8 and all("A long note" in t for t in shown if "Report" in t)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://example.org/a/b", "example.org/a/b"),
        (
            "https://q.health.org.uk/blog-post/testing-ideas-to-improve-care/",
            "q.health.org.uk/blog-post/testing-ideas-to-improve-care",
        ),
        (
            "https://q.health.org.uk/q-improvement-lab/lab-project-2-starting-september-2018/"
            "testing-ideas-to-improve-care/",
            "q.health.org.uk/q-improvement-lab/lab-project-2-starting-september-2018/"
            "testing-ideas-to-improve-care",
        ),
        ("https://example.org/" + "x" * 80, "example.org/" + "x" * 80),
    ],
)
def test_addresses_are_shown_complete_without_scheme_or_trailing_slash(
    url: str, shown: str
) -> None:
    assert shown_address(url) == shown  # never cut with "…": people type what they see


def test_a_sources_slide_with_nothing_cited_is_left_out_with_a_warning(
    content_copy: Path,
) -> None:
    """No slide cites a source: the storyboard's sources slide would be empty (it used to
    crash the build with an internal error); it is left out, and W201 says why."""
    deck = content_copy / "deck.yaml"
    text = deck.read_text(encoding="utf-8")
    head = text[: text.index("slides:\n")]
    deck.write_text(
        head + "slides:\n  - kind: title\n  - kind: sources\n  - kind: closing\n",
        encoding="utf-8",
    )
    _, plans, diags = api.plan(content_copy)
    assert [p.kind for p in plans] == ["title", "closing"]
    [warning] = [d for d in diags.items if d.code == "W201"]
    assert "left out" in warning.message and warning.location is not None
