"""`check` and `diff`: what is wrong with a deck, and what changed between two."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from summarydeck import api
from summarydeck.cli.exits import EXIT_CODES_HELP, ExitStatus, exit_status
from summarydeck.cli.options import final_option, format_option, variant_name
from summarydeck.cli.reports import as_json, format_diff, human


def _type_scale(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> tuple[float, ...] | None:
    """`14,18,24,32` -> (14.0, 18.0, 24.0, 32.0): sizes in points, comma-separated."""
    if value is None:
        return None
    try:
        sizes = tuple(sorted({float(part) for part in value.split(",") if part.strip()}))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a list of sizes in points, such as 14,18,24,32"
        ) from None
    if not sizes or min(sizes) <= 0:
        raise click.BadParameter("give one or more sizes in points, such as 14,18,24,32")
    return sizes


@click.command(epilog=EXIT_CODES_HELP)
@click.argument(
    "deck", required=False, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Content folder: check the deck it builds (in memory) or, with DECK, point findings "
    "at its files and lines [default: content, when no DECK is given].",
)
@format_option("How to print the findings.")
@click.option(
    "--variant",
    default=None,
    metavar="NAME",
    callback=variant_name,
    help="The variant to check [default: the one DECK was built as, else the first listed].",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@click.option(
    "--min-size",
    type=click.FloatRange(min=1),
    default=None,
    help="Smallest acceptable text size in points [default: the brand's `small` size for "
    "content, 12 for a deck].",
)
@click.option(
    "--type-scale",
    callback=_type_scale,
    default=None,
    metavar="SIZES",
    help="The sizes text may be set at, in points, e.g. 14,18,24,32 [default: the brand's "
    "type scale for content; for another deck, sizes are not checked against a scale].",
)
@final_option
def check(
    deck: Path | None,
    content_dir: Path | None,
    output_format: str,
    variant: str | None,
    strict: bool,
    min_size: float | None,
    type_scale: tuple[float, ...] | None,
    final: bool,
) -> None:
    """Check a deck (DECK.pptx, or the one the content builds) for overflowing text, small
    text, sizes off the type scale or differing for one element, low contrast (text, shapes
    and chart colours), missing alt text and titles, reading order, empty placeholders, shapes
    off the slide, over text or past the text margins, links that only work on one computer,
    and unconfirmed content in a final deck. Exits 1 when there are errors (with --strict:
    warnings too)."""
    if deck is None and content_dir is None:
        content_dir = api.DEFAULT_CONTENT
    label = str(deck) if deck is not None else f"the deck built from {content_dir}"
    with exit_status(writes=False):
        report = api.check(
            content_dir,
            deck,
            final=final,
            min_size=min_size,
            variant=variant,
            type_scale=type_scale,
        )
    if output_format == "json":
        click.echo(as_json(report, label, strict))
    else:
        if report.findings:
            click.echo(human(report, label))
            click.echo("")
        click.echo(f"{label}: {report.summary()}")
    if report.failed(strict):
        sys.exit(ExitStatus.CONTENT_ERROR)


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@format_option("How to print the changes.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the decks differ, like `diff`.")
def diff(old: Path, new: Path, output_format: str, exit_code: bool) -> None:
    """Show, slide by slide, what text, chart data and notes changed from OLD to NEW.
    Slides are matched by id, so a moved slide shows as moved."""
    import json

    with exit_status(writes=False):
        changes = api.diff(old, new)
    if output_format == "json":
        click.echo(json.dumps(changes.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_diff(changes))
    if exit_code and not changes.same:
        sys.exit(ExitStatus.CONTENT_ERROR)
