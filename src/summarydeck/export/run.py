"""`export_decks`: the whole export, done in a staging folder and moved into place at the end.

Nothing is half-written: every deck is converted, drawn and tiled inside `OUT/.export-XXXX`
first, and only when all of that worked do the results replace what an earlier export left in
OUT. On any failure the staging folder is removed and the earlier files are untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.export.contact_sheet import tile
from summarydeck.export.decks import InputDeck, Slide, read_decks
from summarydeck.export.libreoffice import convert_to_tagged_pdf
from summarydeck.export.naming import caption
from summarydeck.export.pictures import name_slides, rasterise
from summarydeck.export.tools import Tools, find_tools
from summarydeck.progress import NO_PROGRESS, Progress

DEFAULT_WIDTH_PX = 1920  # full HD: sharp on a projector, ~200-400 kB a slide
STAGING_PREFIX = ".export-"  # hidden, so a half-done export never looks like a result


@dataclass(frozen=True)
class ExportedDeck:
    deck: Path  # the .pptx, as given
    pdf: Path  # OUT/<stem>.pdf
    slides: list[Path]  # OUT/<stem>-slides/NN-<slide-id>.png, in slide order (hidden left out)
    contact_sheet: Path | None  # OUT/<stem>-contact-sheet.png, unless none was asked for
    # this deck's share of the export's time: one LibreOffice run and the parallel drawing serve
    # every deck, so the whole time is shared out by slide count (the shares add up to it)
    seconds: float
    # what the PDF's tags lack and why, each to be read after the PDF's name ("is not tagged
    # for screen readers: ..."); none when it is tagged with all the deck holds
    notes: tuple[str, ...] = ()


def export_decks(
    decks: Sequence[Path],
    out_dir: Path,
    *,
    width_px: int = DEFAULT_WIDTH_PX,
    allow_linked_files: bool = False,
    contact_sheets: bool = True,
    pictures_of: Collection[int] | None = None,
    progress: Progress = NO_PROGRESS,
) -> list[ExportedDeck]:
    """Export each deck to `out_dir`: a PDF, one PNG per slide `width_px` wide, and (with
    `contact_sheets`) a contact sheet. `pictures_of`: the numbers of the slides to draw
    (`preview` has the others from before); the pictures then hold only those, and no
    contact sheet is tiled.

    Raises OutputError (ToolMissingError when LibreOffice or pdftoppm is not installed,
    LinkedFilesError when a deck links to files outside itself and `allow_linked_files` is
    not set) and then leaves `out_dir` as it was. `progress` hears of each stage: reading the
    decks (a step a deck), converting (one LibreOffice run: no count), drawing pages (a step a
    page) and tiling contact sheets (a step a deck)."""
    if width_px < 1:
        raise ValueError(f"width_px must be positive, not {width_px}")
    if pictures_of is not None and contact_sheets:
        raise ValueError("a contact sheet needs every slide's picture")
    start = time.monotonic()
    tools = find_tools()  # before anything else: a missing tool is the likeliest problem
    progress.stage("Reading decks", len(decks))
    inputs = read_decks(decks, allow_linked_files=allow_linked_files)
    progress.advance(len(inputs))  # read and checked together: one deck may refuse the rest
    staging = _staging_folder(out_dir)
    try:
        ready = staging / "ready"
        work = staging / "work"
        ready.mkdir()
        work.mkdir()
        chosen = [
            [slide for slide in deck.slides if pictures_of is None or slide.number in pictures_of]
            for deck in inputs
        ]
        notes = _make(
            inputs,
            tools,
            work,
            ready,
            width_px,
            allow_linked_files=allow_linked_files,
            contact_sheets=contact_sheets,
            chosen=chosen if pictures_of is not None else None,
            progress=progress,
        )
        _move_into_place(inputs, ready, staging / "old", out_dir)
    except OSError as exc:  # disk full, permissions, a picture PIL cannot read ...
        raise OutputError(f"cannot export to {out_dir}: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    progress.done()
    seconds = time.monotonic() - start
    total_slides = sum(len(deck.slides) for deck in inputs)
    return [
        ExportedDeck(
            deck.given,
            out_dir / f"{deck.stem}.pdf",
            [out_dir / f"{deck.stem}-slides" / slide.file_name for slide in drawn],
            out_dir / f"{deck.stem}-contact-sheet.png" if contact_sheets else None,
            seconds * len(deck.slides) / total_slides,
            deck_notes,
        )
        for deck, drawn, deck_notes in zip(inputs, chosen, notes, strict=True)
    ]


def _staging_folder(out_dir: Path) -> Path:
    # inside OUT, so moving the results into place is a rename on one file system
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    except OSError as exc:
        raise OutputError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc


def _make(
    inputs: Sequence[InputDeck],
    tools: Tools,
    work: Path,
    ready: Path,
    width_px: int,
    *,
    allow_linked_files: bool,
    contact_sheets: bool,
    chosen: list[list[Slide]] | None,
    progress: Progress,
) -> list[tuple[str, ...]]:
    """Every result in `ready/` under its final name; what each PDF's tags lack. `chosen`:
    the slides of each deck to draw, when not every one."""
    # linked files allowed: the deck where it is, so links relative to it still resolve
    given = [deck.path for deck in inputs] if allow_linked_files else _staged_copies(inputs, work)
    progress.stage("Converting with LibreOffice")  # one run: LibreOffice's start-up dominates
    converted = convert_to_tagged_pdf(
        tools.soffice, given, work, block_links=not allow_linked_files
    )
    pdfs = [deck.pdf for deck in converted]
    expected = [(pdf, len(deck.slides)) for pdf, deck in zip(pdfs, inputs, strict=True)]
    drawn = chosen or [list(deck.slides) for deck in inputs]
    # a PDF's pages are the deck's visible slides, in order
    only = (
        [
            [deck.slides.index(s) + 1 for s in some]
            for deck, some in zip(inputs, chosen, strict=True)
        ]
        if chosen is not None
        else None
    )
    progress.stage("Drawing pages", sum(len(some) for some in drawn))
    pages = rasterise(tools.pdftoppm, expected, work, width_px, only=only, progress=progress)
    if contact_sheets:
        progress.stage("Tiling contact sheets", len(inputs))
    for deck, pdf, pngs, some in zip(inputs, pdfs, pages, drawn, strict=True):
        os.replace(pdf, ready / f"{deck.stem}.pdf")
        slides = name_slides(
            pngs, [slide.file_name for slide in some], ready / f"{deck.stem}-slides"
        )
        if contact_sheets:
            tile(
                slides,
                [caption(slide.number, slide.ident) for slide in deck.slides],
                ready / f"{deck.stem}-contact-sheet.png",
            )
            progress.advance()
    return [deck.notes for deck in converted]


def _staged_copies(inputs: Sequence[InputDeck], work: Path) -> list[Path]:
    """The bytes each deck was read and checked as, written for LibreOffice: a file swapped
    after the checks (for a zip bomb, a FIFO, a deck with links) never reaches it. Named
    `<stem>.pptx`, so LibreOffice picks its PowerPoint filter and names the PDF `<stem>.pdf`."""
    copies = []
    for index, deck in enumerate(inputs):
        folder = work / "decks" / str(index)
        folder.mkdir(parents=True)
        copy = folder / f"{deck.stem}.pptx"
        copy.write_bytes(deck.data)
        copies.append(copy.resolve())
    return copies


def _move_into_place(inputs: Sequence[InputDeck], ready: Path, old: Path, out_dir: Path) -> None:
    old.mkdir()
    for deck in inputs:
        folder = f"{deck.stem}-slides"
        _replace_folder(ready / folder, out_dir / folder, old / folder)
        for name in (f"{deck.stem}.pdf", f"{deck.stem}-contact-sheet.png"):
            if (ready / name).exists():
                os.replace(ready / name, out_dir / name)
            elif (out_dir / name).exists():  # no contact sheet asked for: an earlier one
                os.replace(out_dir / name, old / name)  # would show other slides


def _replace_folder(new: Path, target: Path, aside: Path) -> None:
    """Put `new` at `target`. An earlier folder there goes `aside` first (a folder cannot be
    renamed over a full one), so old and new slides never mix; the caller deletes `aside`."""
    if not (target.exists() or target.is_symlink()):
        os.replace(new, target)
        return
    os.replace(target, aside)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(aside, target)  # put the earlier export back as it was
        raise
