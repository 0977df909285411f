"""C602 pictures, media and objects linked to a file or web address rather than held in the
deck: on another computer the file is missing (a blank box), and a viewer that loads it reads
the disk of whoever opens the deck, or calls the web address (which learns who opened it)."""

from __future__ import annotations

from collections.abc import Iterator

from summarydeck.check.findings import Finding, Severity
from summarydeck.check.rules import Options, rule
from summarydeck.ooxml.deck_view import DeckView

HINT = (
    "embed it in the deck (in PowerPoint: File > Info > Edit Links to Files > Break Link, or "
    "insert it again without `Link to File`)"
)


@rule("linked-files")
def linked_files(deck: DeckView, options: Options) -> Iterator[Finding]:
    for link in deck.linked:
        if link.remote:
            # it shows where the viewer is online, but tells the address's owner who opened it
            effect = "it is fetched from the web each time the deck is opened"
        else:
            effect = "it will be missing for the people the deck is shared with"
        yield Finding(
            "C602",
            f"{link.describe(placed=False)}: {effect}",
            link.slide,
            link.slide_name or None,
            link.shape,
            HINT,
            severity=Severity.WARNING if link.remote else None,
        )
