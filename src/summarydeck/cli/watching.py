"""`watch`."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import click

from summarydeck import api
from summarydeck.cli.exits import EXIT_CODES_HELP, exit_status
from summarydeck.cli.options import (
    content_option,
    deck_file_option,
    variant_option,
)
from summarydeck.cli.printing import counted, print_diagnostics, summary_line


@click.command(epilog=EXIT_CODES_HELP)
@content_option
@variant_option
@deck_file_option("Deck file to write [default: as `build`].")
@click.option(
    "--preview",
    is_flag=True,
    help="After each build, also render the slides to PNG with LibreOffice, into a `preview` "
    "folder beside the deck (`summarydeck preview` shows them on a page that updates itself).",
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

    Prints "built N slides in X ms" (and how many were drawn again, when the others were kept
    from the last build), or the problems; a broken edit keeps the last good deck."""
    from summarydeck import watch as live

    if not content_dir.is_dir():
        raise click.BadParameter(f"{content_dir} is not a folder", param_hint="--content")
    with exit_status(writes=False):  # a misspelt variant stops here, not in every rebuild
        api.check_selection(content_dir, api.Selection(variant))
    wrote = False

    def report(done: live.Rebuilt) -> None:
        nonlocal wrote
        cause = f" ({', '.join(done.changed)} changed)" if done.changed else ""
        if done.result is not None:
            wrote = True
            print_diagnostics(done.diagnostics)
            result = done.result
            if result.backup:
                click.echo(f"[{live.clock()}] the edited deck was kept as {result.backup}")
            # the slides drawn again, when others were kept from the last build
            kept = f", {result.drawn} redrawn" if result.drawn < result.slides else ""
            click.echo(
                f"[{live.clock()}] built {counted(result.slides, 'slide')} in "
                f"{result.seconds * 1000:.0f} ms{kept}: {result.path}{cause}"
            )
            if done.preview:
                click.echo(f"[{live.clock()}] preview: {done.preview}")
        else:
            print_diagnostics(done.diagnostics)
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
    with exit_status(writes=False):
        live.watch(
            content_dir,
            report,
            out=out,
            selection=api.Selection(variant),
            preview=preview,
            force=force,
            stop=stop,
            ready=lambda: click.echo("Waiting for changes..."),
            notice=lambda message: click.echo(f"[{live.clock()}] {message}"),
        )
    click.echo("Stopped watching.")
