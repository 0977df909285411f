"""Reading the input decks before any tool runs: is each a .pptx, and what are its slides?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.export.naming import slide_file_name, slide_id
from summarydeck.ooxml.walk import slide_summaries


@dataclass(frozen=True)
class Slide:
    number: int  # 1-based, in the deck (hidden slides count, as in PowerPoint)
    ident: str  # safe for a file name
    file_name: str  # `NN-<ident>.png`


@dataclass(frozen=True)
class InputDeck:
    given: Path  # as the caller named it
    path: Path  # absolute, for soffice
    slides: tuple[Slide, ...]  # the slides a PDF shows: hidden ones are left out

    @property
    def stem(self) -> str:
        return self.given.stem


def read_decks(decks: Sequence[Path]) -> list[InputDeck]:
    """Every deck read and checked; raises OutputError naming the first unusable one."""
    if not decks:
        raise OutputError("no deck to export")
    read = [_read_deck(deck) for deck in decks]
    seen: dict[str, Path] = {}
    for deck in read:
        # casefold: Deck.pptx and deck.pptx would overwrite each other on macOS and Windows
        key = deck.stem.casefold()
        if key in seen:
            raise OutputError(
                f"{seen[key]} and {deck.given} would both export as {deck.stem}.pdf: "
                "rename one, or export them to different folders"
            )
        seen[key] = deck.given
    return read


def _read_deck(given: Path) -> InputDeck:
    slides = slide_summaries(given)
    visible = []
    for slide in slides:
        if not slide.hidden:  # LibreOffice leaves hidden slides out of the PDF
            ident = slide_id(slide.name or None, slide.number)
            name = slide_file_name(slide.number, ident, len(slides))
            visible.append(Slide(slide.number, ident, name))
    if not visible:
        raise OutputError(f"{given}: the deck has no slides to export")
    return InputDeck(given, given.resolve(), tuple(visible))
