"""Options that several commands share, so each is spelt and explained once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

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


def variant_name(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise click.BadParameter("give a variant's name (see `variants:` in deck.yaml)")
    return value.strip() if value is not None else None


variant_option = click.option(
    "--variant",
    default=None,
    metavar="NAME",
    callback=variant_name,
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


def deck_file_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """`--out FILE`: the deck a command writes."""
    return click.option(
        "--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help=help_text
    )


def slide_ids(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    ids = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    if not ids:
        raise click.BadParameter("give slide ids separated by commas, e.g. `title,closing`")
    return ids
