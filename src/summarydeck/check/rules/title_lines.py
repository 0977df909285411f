"""C206 a title whose last line is a single word: the eye reads it as a stray, and a title is
the one line everybody reads."""

from __future__ import annotations

from collections.abc import Iterator

from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule
from summarydeck.check.text_metrics import lonely_word
from summarydeck.ooxml.deck_view import DeckView


@rule("lonely-word", per_slide=True)
def lonely_title_word(deck: DeckView, options: Options) -> Iterator[Finding]:
    for slide in deck.slides:
        title = slide.title
        if title is None or title.vertical or not title.has_text:
            continue
        word = lonely_word(title)
        if word is not None:
            yield Finding(
                "C206",
                f"the title's last line is one word, “{word.strip()}”",
                slide.number,
                slide.name,
                title.name,
                "reword the title, or break its line earlier (Shift+Enter) so that the last "
                "line holds two words or more",
            )
