"""C601 links that only work on the author's machine or run code: anything but web and mail."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule
from summarydeck.ooxml.deck_view import DeckView

WEB_SCHEMES = ("http", "https", "mailto")


@rule("links", per_slide=True)
def links(deck: DeckView, options: Options) -> Iterator[Finding]:
    for slide in deck.slides:
        for target in dict.fromkeys(slide.links):
            scheme = urlsplit(target).scheme.lower()
            if scheme in WEB_SCHEMES:
                continue
            shown = target if len(target) <= 80 else target[:77] + "..."
            yield Finding(
                "C601",
                f"the link {shown!r} "
                + (f"uses the `{scheme}:` scheme" if scheme else "is not a web address")
                + ": it will not open for the people the deck is shared with",
                slide.number,
                slide.name,
                None,
                "link to an https:// page instead",
            )
