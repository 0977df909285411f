"""C503 a box that crosses the slide's text margins: an accent stripe or a card 0.1 in outside
the title's text edge reads as a mistake at projector size."""

from __future__ import annotations

from collections.abc import Iterator

from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule
from summarydeck.check.slide_areas import TOLERANCE, bleeds, text_margins
from summarydeck.ooxml.deck_view import DeckView, ShapeView
from summarydeck.values import EMU_PER_INCH

# the footer, slide number and date sit in the layout's own band, outside the text area
_FURNITURE = ("ftr", "sldNum", "dt")
_FRAMES = ("picture", "chart", "table", "graphic")


def _edges(shape: ShapeView) -> tuple[int, int, str] | None:
    """The left and right edges that must lie within the margins, and what they are: a filled
    shape's or a frame's box, an unfilled text box's text; None for what shows no box (an
    unfilled shape, a line), the slide's furniture, and a shape that bleeds off the slide."""
    box = shape.box
    if box is None or shape.placeholder in _FURNITURE:
        return None
    filled = shape.fill is not None or shape.fill_unknown
    if shape.kind in _FRAMES or (shape.kind in ("shape", "text") and filled):
        return box.left, box.right, "it"
    if shape.kind == "text":
        return box.left + shape.insets[0], box.right - shape.insets[2], "its text"
    return None


@rule("margins")
def margins(deck: DeckView, options: Options) -> Iterator[Finding]:
    margins_of = text_margins(deck)
    for slide in deck.slides:
        bounds = margins_of.get(slide.number)
        if bounds is None:
            continue
        left_margin, right_margin = bounds
        for shape in slide.shapes:
            edges = _edges(shape)
            if edges is None or shape.is_title or shape.box is None or bleeds(shape.box, deck):
                continue
            left, right, what = edges
            past = [
                (side, by)
                for side, by in (("left", left_margin - left), ("right", right - right_margin))
                if by > TOLERANCE
            ]
            if not past:
                continue
            yield Finding(
                "C503",
                f"{what} reaches "
                + " and ".join(f"{by / EMU_PER_INCH:.2f} in past the {side}" for side, by in past)
                + f" text margin (the title's text edges: {left_margin / EMU_PER_INCH:.2f} in "
                f"and {right_margin / EMU_PER_INCH:.2f} in from the slide's left edge)",
                slide.number,
                slide.name,
                shape.name,
                "line its edges up with the title's text, or let it bleed off the slide's edge",
            )
