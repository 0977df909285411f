"""The `summarydeck` command group; each command module adds its commands to it."""

from __future__ import annotations

import click

from summarydeck import __version__
from summarydeck.cli.exits import EXIT_CODES_HELP


@click.group(epilog=EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="summarydeck")
def cli() -> None:
    """Turn structured YAML summaries into a branded, accessible PowerPoint deck."""
