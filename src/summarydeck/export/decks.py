"""Reading the input decks before any tool runs: is each a .pptx, what are its slides, and does
it link to files outside itself?

Decks handed to `export` are untrusted: each is read once, through the same door as every
other deck (`ooxml.opening`: size limits, zip bombs, FIFOs, other Office files), and LibreOffice
is later handed a copy of exactly those bytes (`run.py`), never the path again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.export.naming import slide_file_name, slide_id
from summarydeck.ooxml.export_reading import read_export_facts
from summarydeck.ooxml.external_links import LinkedFile
from summarydeck.ooxml.opening import DECK, read_package

ALLOW_LINKED_FLAG = "--allow-linked-files"
LINKED_HINT = (
    "embed the {kind} in the deck (in PowerPoint: File > Info > Edit Links to Files > Break "
    "Link, or insert it again without `Link to File`) or build the deck again; if you trust "
    f"this deck and want its linked files in the PDF, export it with {ALLOW_LINKED_FLAG}"
)


class LinkedFilesError(OutputError):
    """A deck links to files outside itself, which LibreOffice would read into the PDF."""


@dataclass(frozen=True)
class Slide:
    number: int  # 1-based, in the deck (hidden slides count, as in PowerPoint)
    ident: str  # safe for a file name
    file_name: str  # `NN-<ident>.png`


@dataclass(frozen=True)
class InputDeck:
    given: Path  # as the caller named it
    path: Path  # absolute: where the deck was read from
    slides: tuple[Slide, ...]  # the slides a PDF shows: hidden ones are left out
    data: bytes = b""  # the bytes read and checked: what LibreOffice is given
    linked: tuple[LinkedFile, ...] = ()  # files outside the deck it links to

    @property
    def stem(self) -> str:
        return self.given.stem


def read_decks(decks: Sequence[Path], *, allow_linked_files: bool = False) -> list[InputDeck]:
    """Every deck read and checked; raises OutputError naming the first unusable one, and
    LinkedFilesError for a deck that links to files, unless `allow_linked_files`."""
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
    if not allow_linked_files:
        for deck in read:
            refuse_linked(deck)
    return read


def refuse_linked(deck: InputDeck) -> None:
    """Raise LinkedFilesError if the deck links to a file or web address that LibreOffice would
    load into the PDF: a shared deck could pull a private file (or a tracking address) in."""
    if not deck.linked:
        return
    first = deck.linked[0]
    others = len(deck.linked) - 1
    more = f" (and {others} more link{'s' * (others != 1)} like it)" if others else ""
    raise LinkedFilesError(
        f"{deck.given}: not exported: {first.describe()}{more}; LibreOffice would "
        f"{'fetch it from the web' if first.remote else 'read that file from this computer'} "
        "into the PDF",
        LINKED_HINT.format(kind=first.kind),
    )


def _read_deck(given: Path) -> InputDeck:
    data, shown = read_package(given, str(given), DECK)
    facts = read_export_facts(data, shown)
    visible = []
    for slide in facts.slides:
        if not slide.hidden:  # LibreOffice leaves hidden slides out of the PDF
            ident = slide_id(slide.name or None, slide.number)
            name = slide_file_name(slide.number, ident, len(facts.slides))
            visible.append(Slide(slide.number, ident, name))
    if not visible:
        raise OutputError(f"{given}: the deck has no slides to export")
    return InputDeck(given, given.resolve(), tuple(visible), data, facts.linked)
