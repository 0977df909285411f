"""C701 a deck for publishing that still shows content marked "To be confirmed"."""

from __future__ import annotations

from collections.abc import Iterator

from summarydeck.check.deck_view import DeckView
from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule

MARKER_SHAPE = "Unconfirmed label"  # the name summarydeck gives its marker's text


@rule("unconfirmed")
def unconfirmed(deck: DeckView, options: Options) -> Iterator[Finding]:
    if not options.final:
        return
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.name == MARKER_SHAPE or shape.text.strip() == "To be confirmed":
                yield Finding(
                    "C701",
                    "the slide shows content still to be confirmed, in a deck for publishing",
                    slide.number,
                    slide.name,
                    shape.name,
                    "confirm it against its source (the speaker notes say what to check), "
                    "then rebuild",
                )
                break
