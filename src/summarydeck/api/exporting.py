"""`export`: PDF, slide pictures and a contact sheet of built decks, through LibreOffice."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from summarydeck.api.loading import DEFAULT_OUTPUT_DIR, default_output, load
from summarydeck.diagnostics import Diagnostics, OutputError
from summarydeck.export import ExportedDeck, export_decks
from summarydeck.export.process import allow_all_tools, stop_all_tools
from summarydeck.layouts.selection import apply_variant
from summarydeck.progress import NO_PROGRESS, Progress


def built_decks(content_dir: Path, variant: str | None, all_variants: bool) -> list[Path]:
    """The decks `build` writes for this content (a variant's, or every variant's); raises
    OutputError when one has not been built yet."""
    deck, _ = load(content_dir)
    names: list[str | None] = (list(deck.variants) or [None]) if all_variants else [variant]
    paths = [default_output(apply_variant(deck, name, Diagnostics())) for name in names]
    missing = [p for p in paths if not p.exists()]
    if missing:
        command = " --all" if all_variants else f" --variant {variant}" if variant else ""
        raise OutputError(
            f"{missing[0]} has not been built yet",
            f"run `summarydeck build{command}` first, or name the deck to export",
        )
    return paths


def export(
    decks: list[Path],
    out_dir: Path = DEFAULT_OUTPUT_DIR,
    *,
    width_px: int = 1920,
    allow_linked_files: bool = False,
    contact_sheets: bool = True,
    pictures_of: Collection[int] | None = None,
    progress: Progress = NO_PROGRESS,
) -> list[ExportedDeck]:
    """Each deck as a PDF, one PNG per slide and (unless not `contact_sheets`) a contact
    sheet, in one LibreOffice run.

    A deck that links to pictures, media or objects outside itself is refused (OutputError)
    unless `allow_linked_files`: LibreOffice would read them into the PDF. Without
    `contact_sheets`, no contact sheet is tiled (`preview` shows the slides itself) and an
    earlier one in `out_dir` is removed. `pictures_of`: the numbers of the slides to draw
    (the others are not; no contact sheet then).
    `progress` is told of each stage as it begins and of each page drawn
    (`summarydeck.progress`)."""
    return export_decks(
        decks,
        out_dir,
        width_px=width_px,
        allow_linked_files=allow_linked_files,
        contact_sheets=contact_sheets,
        pictures_of=pictures_of,
        progress=progress,
    )


def preview_folder(deck: Path) -> Path:
    """Where `watch --preview` and `preview` draw a deck's slides: beside the deck, so a
    preview never mixes with a real export."""
    return deck.parent / "preview"


def stop_tools() -> None:
    """Kill LibreOffice and pdftoppm wherever they run in this process, and start none until
    `allow_tools`: an export under way in another thread fails at once and cleans up after
    itself (`preview` stopping)."""
    stop_all_tools()


def allow_tools() -> None:
    """Let export run its tools again after `stop_tools`."""
    allow_all_tools()
