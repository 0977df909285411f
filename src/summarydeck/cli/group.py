"""The `summarydeck` command group. Each command lives in its own module, imported only when
that command runs, or when `--help` lists it (the command modules import the library only
inside their commands, so listing them costs little)."""

from __future__ import annotations

import importlib

import click

from summarydeck import __version__
from summarydeck.cli.exits import EXIT_CODES_HELP

# each command -> the module in `summarydeck.cli` that defines it, under the command's name
COMMANDS = {
    "build": "building",
    "check": "checking",
    "confirm": "confirming",
    "diff": "checking",
    "export": "exporting",
    "kinds": "listing",
    "labels": "listing",
    "new": "starting",
    "preview": "previewing",
    "schema": "schema",
    "slides": "listing",
    "template": "templates",
    "validate": "building",
    "watch": "watching",
}


class LazyGroup(click.Group):
    """A group whose commands are imported when asked for (click's lazy-loading pattern): so
    `summarydeck --version` or `kinds` never imports what `build` needs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module = importlib.import_module(f"{__package__}.{COMMANDS[cmd_name]}")
        command = getattr(module, cmd_name)
        if not isinstance(command, click.Command):
            raise TypeError(f"summarydeck.cli.{COMMANDS[cmd_name]}.{cmd_name} is not a command")
        self.add_command(command, cmd_name)
        return command


@click.group(cls=LazyGroup, epilog=EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="summarydeck")
def cli() -> None:
    """Turn structured YAML summaries into a branded, accessible PowerPoint deck."""
