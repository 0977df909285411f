"""`slides`, `kinds` and `labels`."""

from __future__ import annotations

from pathlib import Path

import click

from summarydeck import api
from summarydeck.cli.exits import EXIT_CODES_HELP, exit_status
from summarydeck.cli.options import (
    content_option,
    format_option,
    variant_option,
)
from summarydeck.cli.printing import counted


@click.command(epilog=EXIT_CODES_HELP)
@content_option
@variant_option
@format_option("How to print the list.")
def slides(content_dir: Path, variant: str | None, output_format: str) -> None:
    """List every slide of the deck (or of a variant): number, id, section, kind and title.
    The ids are what `build --only` takes; the sections what `build --section` takes."""
    import dataclasses
    import json

    with exit_status(writes=False):
        listed = api.list_slides(content_dir, variant)
    rows = [dataclasses.asdict(row) for row in listed.slides]
    if output_format == "json":
        click.echo(json.dumps({"variant": listed.variant, "slides": rows}, indent=2))
        return
    id_width = max(len(str(r["id"])) for r in rows)
    section_width = max(len(str(r["section"] or "-")) for r in rows)
    for row in rows:
        click.echo(
            f"{row['number']:>3}  {row['id']:<{id_width}}  {row['section'] or '-':<{section_width}}"
            f"  {row['kind']:<13} {row['title']}"
        )
    if listed.variant:
        others = ", ".join(listed.others)
        also = f" (others: {others}; see --variant)" if others else ""
        click.echo(f"\n{counted(len(rows), 'slide')} in variant {listed.variant}{also}")


@click.command()
def kinds() -> None:
    """List the slide kinds a storyboard entry can use, with their fields."""
    found, common = api.list_kinds()
    for kind in found:
        fields = [name if required else f"[{name}]" for name, required in kind.fields]
        click.echo(f"{kind.name:<14} {kind.summary}")
        click.echo(f"{'':<14} fields: {', '.join(fields) or '(none)'}")
    click.echo(f"\nEvery kind also takes: {', '.join(f'[{c}]' for c in common)}")


@click.command()
@click.option(
    "--language",
    default="en-GB",
    show_default=True,
    help="The language whose defaults to list (a language tag such as cy or en-GB).",
)
@format_option("How to print the list.")
def labels(language: str, output_format: str) -> None:
    """List the words summarydeck writes on slides and in notes ("Part 1", "Sources"), with
    each one's default and the {placeholders} it can use. Override any of them in the
    content under `labels:`; `deck.language` picks the defaults."""
    import json

    found, has_table = api.list_labels(language)
    rows = [
        {"label": info.name, "default": info.default, "placeholders": list(info.placeholders)}
        for info in found
    ]
    if output_format == "json":
        click.echo(json.dumps({"language": language, "labels": rows}, indent=2, ensure_ascii=False))
        return
    if not has_table:
        click.echo(f"(no built-in labels for {language}: the English defaults are listed)\n")
    width = max(len(info.name) for info in found)
    for row in rows:
        click.echo(f"{row['label']:<{width}}  {row['default']}")
    click.echo("\nOverride any of them in the content, e.g.\n  labels:\n    item: Recommendation")
