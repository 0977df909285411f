"""`schema`: write the content files' JSON Schema, for completion and errors in editors."""

from __future__ import annotations

from pathlib import Path

import click

from summarydeck import api
from summarydeck.cli.exits import EXIT_CODES_HELP, exit_status


@click.command(epilog=EXIT_CODES_HELP)
@click.option(
    "--out",
    "out_dir",
    metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False),
    default="schema",  # api.DEFAULT_SCHEMA_DIR, spelt out so `--help` imports no library
    show_default=True,
    help="The folder to write the schema files into (created if needed).",
)
def schema(out_dir: Path) -> None:
    """Write the JSON Schema of the content files, so editors offer keys as you type and
    underline mistakes (docs/editor-setup.md). Run it again after upgrading summarydeck."""
    with exit_status():
        written = api.write_schema(out_dir)
    for file in written:
        click.echo(f"Wrote {file.path}" if file.changed else f"{file.path} is up to date")
