"""The `summarydeck` command: a thin layer over `api`. The only place that prints or exits."""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from summarydeck import __version__, api
from summarydeck.diagnostics import (
    ContentError,
    Diagnostic,
    ExitStatus,
    OutputError,
    SelectionError,
    counted,
    format_diagnostic,
    summary_line,
)
from summarydeck.plan.final import FINAL_CODE

EXIT_CODES_HELP = """Exit status: 0 success; 1 content errors (nothing written); 2 bad command-line
usage; 3 a deck could not be written, exported or read; 4 an internal error (a bug: please
report it)."""


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
            what = f"{counted(len(errors), 'item')} still to be confirmed"
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
    except SelectionError as exc:
        click.echo(f"error: {exc}", err=True)
        if exc.hint:
            click.echo(f"  hint: {exc.hint}", err=True)
        sys.exit(ExitStatus.USAGE_ERROR)
    except OutputError as exc:
        # a build writes all or none: a refusal, a full disk or a locked file leaves no deck
        click.echo(f"error: {exc}" + ("; nothing was written" if writes else ""), err=True)
        if exc.hint:
            click.echo(f"  hint: {exc.hint}", err=True)
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


def _variant_name(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise click.BadParameter("give a variant's name (see `variants:` in deck.yaml)")
    return value.strip() if value is not None else None


variant_option = click.option(
    "--variant",
    default=None,
    metavar="NAME",
    callback=_variant_name,
    help="Build this variant from `variants:` in the content [default: the first listed].",
)


def format_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """`--format human|json`, the same on every command that prints a report."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["human", "json"]),
        default="human",
        show_default=True,
        help=help_text,
    )


def _ids(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    ids = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    if not ids:
        raise click.BadParameter("give slide ids separated by commas, e.g. `title,closing`")
    return ids


@cli.command(epilog=EXIT_CODES_HELP)
@content_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Deck file to write [default: output/<slug>.pptx, or output/<slug>-<variant>.pptx].",
)
@variant_option
@click.option("--all", "all_variants", is_flag=True, help="Build every variant, each to its file.")
@click.option(
    "--only",
    callback=_ids,
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
    with _exit_status():
        if all_variants:
            results = api.build_all(content_dir, final=final, force=force)
        else:
            selection = api.Selection(variant, only, section)
            results = [api.build(content_dir, out, final=final, selection=selection, force=force)]
    for result in results:
        _say_built(result)
    _say_draft(results[0])


def _say_built(result: api.BuildResult) -> None:
    _print_diagnostics(result.diagnostics)
    if result.backup is not None:
        click.echo(f"Kept the edited deck as {result.backup}", err=True)
    variant = f", variant {result.variant}" if result.variant else ""
    slides = counted(result.slides, "slide")
    click.echo(f"Built {result.path} ({slides}{variant}) in {result.seconds:.2f} s")
    if result.check is not None:
        click.echo(f"Check: {result.check.summary()}")


def _say_draft(result: api.BuildResult) -> None:
    if result.to_confirm:
        count = result.to_confirm
        click.echo(
            f"Draft: {counted(count, 'item')} still to be confirmed "
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
    counts = [f"{slides} in {name}" for name, slides in result.variants]
    if counts:  # "26 slides in full, 10 in short"
        name, first = result.variants[0]
        counts[0] = f"{counted(first, 'slide')} in {name}"
    slides = ", ".join(counts) or counted(result.slides, "slide")
    click.echo(f"Content is valid: {slides} ({summary_line(result.diagnostics)})")
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
@format_option("How to print the findings.")
@click.option(
    "--variant",
    default=None,
    metavar="NAME",
    callback=_variant_name,
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
@final_option
def check(
    deck: Path | None,
    content_dir: Path | None,
    output_format: str,
    variant: str | None,
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
        report = api.check(content_dir, deck, final=final, min_size=min_size, variant=variant)
    if output_format == "json":
        click.echo(as_json(report, label, strict))
    else:
        if report.findings:
            click.echo(human(report, label))
            click.echo("")
        click.echo(f"{label}: {report.summary()}")
    if report.failed(strict):
        sys.exit(ExitStatus.CONTENT_ERROR)


@cli.command(epilog=EXIT_CODES_HELP)
@content_option
@variant_option
@format_option("How to print the list.")
def slides(content_dir: Path, variant: str | None, output_format: str) -> None:
    """List every slide of the deck (or of a variant): number, id, section, kind and title.
    The ids are what `build --only` takes; the sections what `build --section` takes."""
    import json

    from summarydeck.layouts.selection import section_of

    with _exit_status(writes=False):
        deck, plans, _ = api.plan(content_dir, selection=api.Selection(variant))
    rows = [
        {
            "number": number,
            "id": plan.id,
            "section": section_of(plan, deck),
            "kind": plan.kind,
            "title": " ".join(p.text for p in plan.title.paragraphs),
        }
        for number, plan in enumerate(plans, 1)
    ]
    if output_format == "json":
        click.echo(json.dumps({"variant": deck.variant, "slides": rows}, indent=2))
        return
    id_width = max(len(str(r["id"])) for r in rows)
    section_width = max(len(str(r["section"] or "-")) for r in rows)
    for row in rows:
        click.echo(
            f"{row['number']:>3}  {row['id']:<{id_width}}  {row['section'] or '-':<{section_width}}"
            f"  {row['kind']:<13} {row['title']}"
        )
    if deck.variant:
        others = ", ".join(v for v in deck.variants if v != deck.variant)
        also = f" (others: {others}; see --variant)" if others else ""
        click.echo(f"\n{counted(len(rows), 'slide')} in variant {deck.variant}{also}")


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@format_option("How to print the changes.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the decks differ, like `diff`.")
def diff(old: Path, new: Path, output_format: str, exit_code: bool) -> None:
    """Show, slide by slide, what text, chart data and notes changed from OLD to NEW.
    Slides are matched by id, so a moved slide shows as moved."""
    import json

    from summarydeck.output.diff import diff_decks, format_diff

    with _exit_status(writes=False):
        changes = diff_decks(old, new)
    if output_format == "json":
        click.echo(json.dumps(changes.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_diff(changes))
    if exit_code and not changes.same:
        sys.exit(ExitStatus.CONTENT_ERROR)


@cli.command(epilog=EXIT_CODES_HELP)
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
def export(
    decks: tuple[Path, ...],
    content_dir: Path,
    variant: str | None,
    all_variants: bool,
    out_dir: Path | None,
    width: int,
) -> None:
    """Export decks as PDF, one PNG per slide (named by slide id) and a contact sheet, with
    headless LibreOffice (one run for all the decks). Without DECKS: the deck `build` writes
    (or a variant's, or every variant's with --all)."""
    from summarydeck.export import export_decks

    if decks and (all_variants or variant):
        raise click.UsageError("name decks to export, or use --variant/--all: not both")
    if all_variants and variant:
        raise click.UsageError("--all exports every variant: leave out --variant")
    with _exit_status(writes=False):
        paths = list(decks) or api.built_decks(content_dir, variant, all_variants)
        exported = export_decks(paths, out_dir or api.DEFAULT_OUTPUT_DIR, width_px=width)
    for item in exported:
        count = len(item.slides)
        per = item.seconds / count if count else 0.0
        click.echo(
            f"Exported {item.deck.name}: {item.pdf}, {counted(count, 'slide picture')} in "
            f"{item.slides[0].parent if item.slides else '-'}, contact sheet "
            f"{item.contact_sheet} ({item.seconds:.1f} s, {per:.2f} s per slide)"
        )


@cli.command(epilog=EXIT_CODES_HELP)
@content_option
@variant_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Deck file to write [default: as `build`].",
)
@click.option(
    "--preview",
    is_flag=True,
    help="After each build, also render the slides to PNG with LibreOffice, into a `preview` "
    "folder beside the deck.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Until a build succeeds, replace a deck that was edited since it was built, keeping "
    "a timestamped backup.",
)
def watch(
    content_dir: Path, variant: str | None, out: Path | None, preview: bool, force: bool
) -> None:
    """Rebuild the deck each time a content or brand file is saved, until Ctrl-C.

    Prints "built N slides in X ms", or the problems; a broken edit keeps the last good deck."""
    from summarydeck import watch as live

    if not content_dir.is_dir():
        raise click.BadParameter(f"{content_dir} is not a folder", param_hint="--content")
    with _exit_status(writes=False):  # a misspelt variant stops here, not in every rebuild
        live.check_selection(content_dir, api.Selection(variant))
    wrote = False

    def report(done: live.Rebuilt) -> None:
        nonlocal wrote
        cause = f" ({', '.join(done.changed)} changed)" if done.changed else ""
        if done.result is not None:
            wrote = True
            _print_diagnostics(done.diagnostics)
            result = done.result
            if result.backup:
                click.echo(f"[{live.clock()}] the edited deck was kept as {result.backup}")
            click.echo(
                f"[{live.clock()}] built {counted(result.slides, 'slide')} in "
                f"{result.seconds * 1000:.0f} ms: {result.path}{cause}"
            )
            if done.preview:
                click.echo(f"[{live.clock()}] preview: {done.preview}")
        else:
            _print_diagnostics(done.diagnostics)
            what = summary_line(done.diagnostics) if done.diagnostics else done.error
            kept = "the last good deck is unchanged" if wrote else "nothing was written"
            click.echo(f"[{live.clock()}] build failed{cause}: {what}; {kept}", err=True)
            if done.hint:
                click.echo(f"  hint: {done.hint}", err=True)

    # Ctrl-C or a polite kill ends the loop between builds, never half-way through writing
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    click.echo(f"Watching {content_dir} for changes; press Ctrl-C to stop.")
    with _exit_status(writes=False):
        live.watch(
            content_dir,
            report,
            out=out,
            selection=api.Selection(variant),
            preview=preview,
            force=force,
            stop=stop,
            ready=lambda: click.echo("Waiting for changes..."),
        )
    click.echo("Stopped watching.")


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
