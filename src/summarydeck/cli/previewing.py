"""`preview`."""

from __future__ import annotations

import contextlib
import webbrowser
from pathlib import Path

import click

from summarydeck import api
from summarydeck.cli.exits import EXIT_CODES_HELP, exit_status
from summarydeck.cli.options import content_option, deck_file_option, variant_option


@click.command(epilog=EXIT_CODES_HELP)
@content_option
@variant_option
@deck_file_option("Deck file to write [default: as `build`].")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default="a free port",
    help="Port on 127.0.0.1 to serve the page on.",
)
@click.option(
    "--width",
    "width_px",
    type=click.IntRange(320, 3840),
    default=960,
    show_default=True,
    help="Width of the slide pictures, in pixels.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option(
    "--force",
    is_flag=True,
    help="Until a build succeeds, replace a deck that was edited since it was built, keeping "
    "a timestamped backup.",
)
def preview(
    content_dir: Path,
    variant: str | None,
    out: Path | None,
    port: int,
    width_px: int,
    open_browser: bool,
    force: bool,
) -> None:
    """Show the slides on a web page on this computer, updated after every save, until Ctrl-C.

    Rebuilds as `watch` does, draws each slide with LibreOffice as `export` does, and serves a
    page on 127.0.0.1 (reachable from this computer only) that shows every slide, or the
    errors in place of the slides that failed, and reloads by itself after each build."""
    from summarydeck import watch as live
    from summarydeck.preview.server import PreviewOptions, serve

    if not content_dir.is_dir():
        raise click.BadParameter(f"{content_dir} is not a folder", param_hint="--content")
    with exit_status(writes=False):  # a misspelt variant stops here, not in every rebuild
        api.check_selection(content_dir, api.Selection(variant))

    def ready(url: str) -> None:
        click.echo(f"Preview of {content_dir} at {url}")
        click.echo("Press Ctrl-C to stop.")
        if open_browser:
            webbrowser.open(url)

    def say(line: str) -> None:
        click.echo(f"[{live.clock()}] {line}")

    options = PreviewOptions(content_dir, out, api.Selection(variant), force, port, width_px)
    with exit_status(writes=False), contextlib.suppress(KeyboardInterrupt):
        serve(options, ready=ready, say=say)  # a Ctrl-C before it serves stops it too
    click.echo("Stopped the preview.")
