"""Reading the input decks before any tool runs: is each a .pptx, and what are its slides?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.export.naming import slide_file_name, slide_id


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
    from pptx import Presentation  # python-pptx is slow to import; only export needs it here

    if not given.exists():
        raise OutputError(f"{given}: no such deck")
    if not given.is_file():
        raise OutputError(f"{given}: not a file (a .pptx deck is needed)")
    try:
        prs = Presentation(str(given))
        slides = list(prs.slides)
        names = [slide._element.cSld.get("name") for slide in slides]
        shown = [slide._element.get("show") not in ("0", "false") for slide in slides]
    except OSError as exc:
        raise OutputError(f"{given}: cannot read it: {exc.strerror or exc}") from exc
    except Exception as exc:  # python-pptx raises many kinds for what is not a deck
        raise OutputError(
            f"{given}: not a readable .pptx deck ({type(exc).__name__}: {exc})"
        ) from exc
    visible = []
    for number, (name, show) in enumerate(zip(names, shown, strict=True), start=1):
        if show:  # LibreOffice leaves hidden slides out of the PDF
            ident = slide_id(str(name) if name else None, number)
            visible.append(Slide(number, ident, slide_file_name(number, ident, len(slides))))
    if not visible:
        raise OutputError(f"{given}: the deck has no slides to export")
    return InputDeck(given, given.resolve(), tuple(visible))
