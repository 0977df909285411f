"""`export`."""

from __future__ import annotations

from pathlib import Path

import click

from summarydeck import api
from summarydeck.cli.exits import EXIT_CODES_HELP, exit_status
from summarydeck.cli.options import (
    content_option,
    variant_option,
)
from summarydeck.cli.printing import counted
from summarydeck.cli.progress_display import progress_shown


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("decks", nargs=-1, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@content_option
@variant_option
@click.option("--all", "all_variants", is_flag=True, help="Export every variant's deck.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder for the PDF, slide pictures and contact sheet [default: output].",
)
@click.option(
    "--width",
    type=click.IntRange(320, 7680),
    default=1920,
    show_default=True,
    help="Width of each slide picture in pixels.",
)
@click.option(
    "--allow-linked-files",
    is_flag=True,
    help="Export decks that link to pictures, media or objects outside themselves (files on "
    "this computer or the web): LibreOffice reads them into the PDF. Refused without it.",
)
def export(
    decks: tuple[Path, ...],
    content_dir: Path,
    variant: str | None,
    all_variants: bool,
    out_dir: Path | None,
    width: int,
    allow_linked_files: bool,
) -> None:
    """Export decks as PDF, one PNG per slide (named by slide id) and a contact sheet, with
    headless LibreOffice (one run for all the decks). Without DECKS: the deck `build` writes
    (or a variant's, or every variant's with --all)."""
    if decks and (all_variants or variant):
        raise click.UsageError("name decks to export, or use --variant/--all: not both")
    if all_variants and variant:
        raise click.UsageError("--all exports every variant: leave out --variant")
    # progress on a terminal (LibreOffice alone takes seconds), erased before any summary
    with exit_status(writes=False), progress_shown(at_once=True) as progress:
        paths = list(decks) or api.built_decks(content_dir, variant, all_variants)
        exported = api.export(
            paths,
            out_dir or api.DEFAULT_OUTPUT_DIR,
            width_px=width,
            allow_linked_files=allow_linked_files,
            progress=progress,
        )
    for item in exported:
        count = len(item.slides)
        per = item.seconds / count if count else 0.0
        click.echo(
            f"Exported {item.deck.name}: {item.pdf}, {counted(count, 'slide picture')} in "
            f"{item.slides[0].parent if item.slides else '-'}, contact sheet "
            f"{item.contact_sheet} ({item.seconds:.1f} s, {per:.2f} s per slide)"
        )
        for note in item.notes:  # the export worked: a warning, not an error
            click.echo(f"warning: {item.pdf} {note}", err=True)
