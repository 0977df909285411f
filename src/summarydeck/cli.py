"""The `summarydeck` command: a thin layer over `api`. The only place that prints or exits."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from summarydeck import __version__, api
from summarydeck.diagnostics import (
    ContentError,
    Diagnostic,
    ExitStatus,
    OutputError,
    format_diagnostic,
    summary_line,
)
from summarydeck.plan.final import FINAL_CODE

EXIT_CODES_HELP = """Exit status: 0 success; 1 content errors (nothing written); 2 bad command-line
usage; 3 the deck could not be written; 4 an internal error (a bug: please report it)."""


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diag in sorted(diagnostics, key=lambda d: (d.location is None, d.location or "")):
        click.echo(format_diagnostic(diag), err=True)
        click.echo("", err=True)


@contextmanager
def _exit_status(writes: bool = True) -> Iterator[None]:
    """Map the library's errors to exit statuses: the one place that decides how we exit.
    `writes`: the command writes a deck (build), so say that nothing was written."""
    try:
        yield
    except ContentError as exc:
        _print_diagnostics(exc.diagnostics)
        errors = [d for d in exc.diagnostics if d.is_error]
        if errors and all(d.code == FINAL_CODE for d in errors):
            what = f"{len(errors)} item{'s' * (len(errors) != 1)} still to be confirmed"
            if writes:
                click.echo(f"Final build refused: {what}; nothing was written.", err=True)
            else:
                click.echo(f"Not ready for a final build: {what}.", err=True)
        elif writes:
            click.echo(
                f"Build failed: {summary_line(exc.diagnostics)}; nothing was written.", err=True
            )
        else:
            click.echo(f"The content has errors: {summary_line(exc.diagnostics)}.", err=True)
        sys.exit(ExitStatus.CONTENT_ERROR)
    except OutputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitStatus.OUTPUT_ERROR)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for those who ask
        click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        if os.environ.get("SUMMARYDECK_DEBUG") == "1":
            traceback.print_exc()
        else:
            click.echo(
                "set SUMMARYDECK_DEBUG=1 to see the traceback, and please report it", err=True
            )
        sys.exit(ExitStatus.INTERNAL_ERROR)


content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path),
    default="content",
    show_default=True,
    help="Folder of content YAML files.",
)

final_option = click.option(
    "--final",
    is_flag=True,
    help="A deck for publishing: fail, listing each item with its file and line, while "
    "anything in the deck is still to be confirmed.",
)


@click.group(epilog=EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="summarydeck")
def cli() -> None:
    """Turn structured YAML summaries into a branded, accessible PowerPoint deck."""


@cli.command(epilog=EXIT_CODES_HELP)
@content_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Deck file to write [default: output/<slug>.pptx].",
)
@final_option
def build(content_dir: Path, out: Path | None, final: bool) -> None:
    """Build the deck from the content folder."""
    with _exit_status():
        result = api.build(content_dir, out, final=final)
    _print_diagnostics(result.diagnostics)
    click.echo(f"Built {result.path} ({result.slides} slides) in {result.seconds:.2f} s")
    if result.check is not None:
        click.echo(f"Check: {result.check.summary()}")
    _say_draft(result)


def _say_draft(result: api.BuildResult) -> None:
    if result.to_confirm:
        count = result.to_confirm
        click.echo(
            f"Draft: {count} item{'s' * (count != 1)} still to be confirmed "
            "(marked on the slides, listed in the notes); `--final` lists them with file and line.",
            err=True,
        )


@cli.command(epilog=EXIT_CODES_HELP)
@content_option
@final_option
def validate(content_dir: Path, final: bool) -> None:
    """Check the content and report every problem, without writing a deck."""
    with _exit_status(writes=False):
        result = api.check_content(content_dir, final=final)
    _print_diagnostics(result.diagnostics)
    click.echo(f"Content is valid: {result.slides} slides ({summary_line(result.diagnostics)})")
    _say_draft(result)


@cli.command(epilog=EXIT_CODES_HELP)
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
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["human", "json"]),
    default="human",
    show_default=True,
    help="How to print the findings.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@click.option(
    "--min-size",
    type=click.FloatRange(min=1),
    default=None,
    help="Smallest acceptable text size in points [default: the brand's `small` size for "
    "content, 12 for a deck].",
)
@final_option
def check(
    deck: Path | None,
    content_dir: Path | None,
    output_format: str,
    strict: bool,
    min_size: float | None,
    final: bool,
) -> None:
    """Check a deck (DECK.pptx, or the one the content builds) for overflowing text, small
    text, low contrast, missing alt text and titles, reading order, empty placeholders, shapes
    off the slide or over text, links that only work on one computer, and unconfirmed content
    in a final deck. Exits 1 when there are errors (with --strict: warnings too)."""
    from summarydeck.check.report import as_json, human

    if deck is None and content_dir is None:
        content_dir = api.DEFAULT_CONTENT
    label = str(deck) if deck is not None else f"the deck built from {content_dir}"
    with _exit_status(writes=False):
        report = api.check(content_dir, deck, final=final, min_size=min_size)
    if output_format == "json":
        click.echo(as_json(report, label, strict))
    else:
        if report.findings:
            click.echo(human(report, label))
            click.echo("")
        click.echo(f"{label}: {report.summary()}")
    if report.failed(strict):
        sys.exit(ExitStatus.CONTENT_ERROR)


@cli.command()
def kinds() -> None:
    """List the slide kinds a storyboard entry can use, with their fields."""
    from summarydeck.layouts.registry import kinds as registered
    from summarydeck.model.storyboard import SlideSpec

    common = set(SlideSpec.model_fields)
    for name, kind in registered().items():
        fields = []
        for field_name, field in kind.spec.model_fields.items():
            if field_name in common:
                continue
            fields.append(field_name if field.is_required() else f"[{field_name}]")
        click.echo(f"{name:<14} {kind.summary}")
        click.echo(f"{'':<14} fields: {', '.join(fields) or '(none)'}")
    click.echo(f"\nEvery kind also takes: {', '.join(f'[{c}]' for c in sorted(common - {'kind'}))}")


def main() -> None:
    cli(prog_name="summarydeck")
