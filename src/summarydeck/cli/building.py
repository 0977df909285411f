"""`build` and `validate`."""

from __future__ import annotations

from pathlib import Path

import click

from summarydeck import api
from summarydeck.cli.exits import EXIT_CODES_HELP, exit_status
from summarydeck.cli.options import (
    content_option,
    deck_file_option,
    final_option,
    slide_ids,
    variant_option,
)
from summarydeck.cli.printing import counted, print_diagnostics, summary_line
from summarydeck.cli.progress_display import progress_shown
from summarydeck.diagnostics import Diagnostic


@click.command(epilog=EXIT_CODES_HELP)
@content_option
@deck_file_option(
    "Deck file to write [default: output/<slug>.pptx, or output/<slug>-<variant>.pptx]."
)
@variant_option
@click.option("--all", "all_variants", is_flag=True, help="Build every variant, each to its file.")
@click.option(
    "--only",
    callback=slide_ids,
    metavar="ID,...",
    help="A mini-deck of just these slides (ids as `summarydeck slides` lists them).",
)
@click.option("--section", default=None, metavar="NAME", help="A mini-deck of one section.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace a deck that was edited since it was built, keeping it as a timestamped backup.",
)
@final_option
def build(
    content_dir: Path,
    out: Path | None,
    variant: str | None,
    all_variants: bool,
    only: tuple[str, ...],
    section: str | None,
    force: bool,
    final: bool,
) -> None:
    """Build the deck from the content folder.

    Each build also writes <deck>.manifest.json beside the deck, listing every slide's id,
    title, notes and hash. A deck that was changed since it was built (say, in PowerPoint) is
    not replaced unless --force is given."""
    if all_variants and (out or variant or only or section):
        raise click.UsageError(
            "--all builds every variant to its own file: leave out "
            "--out, --variant, --only and --section"
        )
    # progress on a terminal for a long build only, erased before anything else is printed
    with exit_status(), progress_shown(at_once=False) as progress:
        if all_variants:
            results = api.build_all(content_dir, final=final, force=force, progress=progress)
        else:
            selection = api.Selection(variant, only, section)
            built = api.build(
                content_dir, out, final=final, selection=selection, force=force, progress=progress
            )
            results = [built]
    said: set[Diagnostic] = set()  # a problem in content every variant shares: said once
    for result in results:
        _say_built(result, said)
    _say_draft(results[0], len(results))


def _say_built(result: api.BuildResult, said: set[Diagnostic]) -> None:
    print_diagnostics([d for d in result.diagnostics if d not in said])
    said.update(result.diagnostics)
    if result.backup is not None:
        click.echo(f"Kept the edited deck as {result.backup}", err=True)
    variant = f", variant {result.variant}" if result.variant else ""
    slides = counted(result.slides, "slide")
    click.echo(f"Built {result.path} ({slides}{variant}) in {result.seconds:.2f} s")
    if result.check is not None:
        click.echo(f"Check: {result.check.summary()}")


def _say_draft(result: api.BuildResult | api.ValidationResult, decks: int = 1) -> None:
    if result.to_confirm:
        count = result.to_confirm
        report = getattr(result, "review", None)
        listed = "`--final` lists them"
        if report is not None:  # each deck has its own report beside it
            others = ", and beside each deck" if decks > 1 else ""
            listed = f"listed with file and line in {report}{others}"
        click.echo(
            f"Draft: {counted(count, 'item')} still to be confirmed "
            f"(marked on the slides; {listed}).",
            err=True,
        )


@click.command(epilog=EXIT_CODES_HELP)
@content_option
@final_option
def validate(content_dir: Path, final: bool) -> None:
    """Check the content and report every problem, without writing a deck."""
    with exit_status(writes=False):
        result = api.validate(content_dir, final=final)
    print_diagnostics(result.diagnostics)
    counts = [f"{slides} in {name}" for name, slides in result.variants]
    if counts:  # "26 slides in full, 10 in short"
        name, first = result.variants[0]
        counts[0] = f"{counted(first, 'slide')} in {name}"
    slides = ", ".join(counts) or counted(result.slides, "slide")
    click.echo(f"Content is valid: {slides} ({summary_line(result.diagnostics)})")
    _say_draft(result)
