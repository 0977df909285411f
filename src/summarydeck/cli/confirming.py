"""`confirm`: mark items confirmed against their sources, with a fingerprint, in their files."""

from __future__ import annotations

from pathlib import Path

import click

from summarydeck import api
from summarydeck.cli.exits import EXIT_CODES_HELP, exit_status
from summarydeck.cli.options import content_option
from summarydeck.cli.printing import counted


@click.command(epilog=EXIT_CODES_HELP)
@content_option
@click.argument("items", nargs=-1, required=True, metavar="ITEM...")
def confirm(content_dir: Path, items: tuple[str, ...]) -> None:
    """Mark items confirmed: ITEM is `statistics.sick-leave`, or just `sick-leave`.

    Sets `status: confirmed` and writes `confirmed_as:`, a fingerprint of what the item
    claims, into its YAML file, keeping comments and layout. If the claim is edited later,
    the item counts as unconfirmed again (warning W212) until it is confirmed once more."""
    with exit_status(writes=False):
        done = api.confirm(content_dir, items)
    for item in done:
        where = f"{item.location.file}:{item.location.line}: " if item.location else ""
        said = {
            "unconfirmed": "confirmed",
            "confirmed": "fingerprinted (it was confirmed already)",
            "changed": f"confirmed again ({item.changed} since it was confirmed)",
            "same": "already confirmed, unchanged since",
        }[item.was]
        click.echo(f"{where}{item.name}: {said}, confirmed_as: {item.fingerprint}")
        if item.check:
            click.echo(
                f"  note: {item.name} still has a `check:` line; delete it, or move a "
                "caveat for the presenter into `note:`"
            )
    edited = sum(1 for item in done if item.edited)
    click.echo(f"{counted(edited, 'item')} written" if edited else "Nothing to write.")
