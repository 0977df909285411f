"""C701 a deck for publishing that still shows content marked "To be confirmed"."""

from __future__ import annotations

from collections.abc import Iterator

from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule
from summarydeck.model.labels import TABLES
from summarydeck.ooxml.deck_view import DeckView
from summarydeck.ooxml.names import UNCONFIRMED_LABEL_SHAPE

# the mark's words in every built-in language; a content's own `to_be_confirmed` label is
# found by a final build, which knows the content (api/unconfirmed.py)
MARKS = frozenset(table["to_be_confirmed"] for table in TABLES.values())


@rule("unconfirmed", per_slide=True)
def unconfirmed(deck: DeckView, options: Options) -> Iterator[Finding]:
    if not options.final:
        return
    for slide in deck.slides:
        for shape in slide.shapes:
            # the mark is a shape of its own, or a line of its own in a text or a table cell
            # (a table row still to confirm carries it under its last cell)
            if shape.name == UNCONFIRMED_LABEL_SHAPE or any(
                p.text.strip() in MARKS for p in shape.paragraphs
            ):
                yield Finding(
                    "C701",
                    "the slide shows content still to be confirmed, in a deck for publishing",
                    slide.number,
                    slide.name,
                    shape.name,
                    "confirm it against its source (the review report beside the deck says "
                    "what to check), then rebuild",
                )
                break
