"""Where a slide's content may go: its text margins, and which shapes bleed off its edges.

The text margins are the left and right edges of the title's *text* (its box less its insets):
designers line every panel, card, chart and stripe up with them. A title is often kept short on
one side (room for a logo, a shorter measure for large type) but never reaches past a margin,
so each side is taken from whichever of the title's two sides lies further out, mirrored: the
margins are symmetric, and a side the title cannot show (its box touches or passes the slide's
edge there) is the other one mirrored.
"""

from __future__ import annotations

from collections import Counter

from summarydeck.ooxml.deck_view import DeckView, ShapeView
from summarydeck.values import Box, inches

TOLERANCE = inches(0.02)  # rounding in positions written to the file, not a misalignment

Margins = tuple[int, int]  # EMU from the slide's left edge: (left margin, right margin)


def bleeds(box: Box, deck: DeckView) -> bool:
    """The box touches or passes an edge of the slide: a full-bleed background or band."""
    return (
        box.left <= TOLERANCE
        or box.top <= TOLERANCE
        or box.right >= deck.width - TOLERANCE
        or box.bottom >= deck.height - TOLERANCE
    )


def _title_margins(title: ShapeView | None, deck: DeckView) -> Margins | None:
    if title is None or title.box is None:
        return None
    box, (inset_left, _, inset_right, _) = title.box, title.insets
    sides = []  # each known side, as a distance in from its own slide edge
    if box.left > TOLERANCE:
        sides.append(box.left + inset_left)
    if box.right < deck.width - TOLERANCE:
        sides.append(deck.width - (box.right - inset_right))
    if not sides:
        return None
    inset = min(sides)
    return inset, deck.width - inset


def text_margins(deck: DeckView) -> dict[int, Margins]:
    """Each slide's text margins, by slide number: its title's, else the deck's most common
    (slides of a deck without a usable title anywhere have none)."""
    found = {slide.number: _title_margins(slide.title, deck) for slide in deck.slides}
    known = Counter(m for m in found.values() if m is not None)
    common = known.most_common(1)[0][0] if known else None
    return {
        number: margins
        for number, margins in ((n, m or common) for n, m in found.items())
        if margins is not None
    }
