"""Options that several commands share, so each is spelt and explained once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from summarydeck import api


def _allow_assets(
    _ctx: click.Context, _param: click.Parameter, value: tuple[Path, ...]
) -> tuple[Path, ...]:
    api.allow_folders(value)  # set on every run, so an earlier run's folders never carry over
    return value


_content = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path),
    default="content",
    show_default=True,
    help="Folder of content YAML files.",
)
_assets = click.option(
    "--assets",
    type=click.Path(path_type=Path, file_okay=False),
    multiple=True,
    metavar="DIR",
    expose_value=False,
    callback=_allow_assets,
    help="A folder outside the content folder that the content may take pictures and "
    "templates from (a brand folder shared by several decks). Content is otherwise read only "
    "from its own folder. Repeat for several.",
)


def content_option(command: Callable[..., None]) -> Callable[..., None]:
    """`--content DIR`, and `--assets DIR` for files the content may name outside it."""
    return _content(_assets(command))


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
