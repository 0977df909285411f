"""The `summarydeck` command: a thin layer over `api`, and the only place that prints or exits.

`group` is the command group; `building`, `checking`, `listing`, `exporting`, `watching` and
`templates` add their commands to it; `options` holds the options they share, `exits` the exit
statuses, `printing` and `reports` how diagnostics, findings and differences are shown.
"""

from __future__ import annotations

from summarydeck.cli import building, checking, exporting, listing, templates, watching
from summarydeck.cli import confirming as confirming  # `confirm`
from summarydeck.cli import starting as starting  # `new`
from summarydeck.cli.group import cli

__all__ = ["building", "checking", "cli", "exporting", "listing", "main", "templates", "watching"]


def main() -> None:
    cli(prog_name="summarydeck")
