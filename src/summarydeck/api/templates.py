"""`template inspect` and `template check`: what an organisation's PowerPoint template (.potx,
or a .pptx used as one) offers, a deck that shows each of its layouts, and what is wrong with
it for building a deck onto it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from summarydeck.check.template_rules import TemplateReport, review_template, unreadable
from summarydeck.diagnostics import OutputError
from summarydeck.layouts.deck_layouts import template_needs
from summarydeck.ooxml.templates import (
    TemplateError,
    TemplateInfo,
    annotated_template,
    read_template,
)
from summarydeck.output.files import write_atomically
from summarydeck.output.timestamp import source_date_epoch


def inspect_template(path: Path) -> TemplateInfo:
    """The template's masters, layouts, placeholders, theme colours and fonts. Raises
    TemplateError (an OutputError: exit status 3) when the file cannot be read as one."""
    return read_template(path)


def annotate_template(path: Path, out: Path) -> int:
    """Write to `out` a deck with one slide per layout of the template (every master), each
    placeholder labelled with its type, idx, name and size and the title with the layout's
    name; the template's own slides are left out. The same template gives the same bytes
    (dated SOURCE_DATE_EPOCH, else the template's own date). Returns the number of slides."""
    if out.resolve() == path.resolve():
        raise OutputError(
            f"{out}: the annotated deck would replace the template itself",
            "give --annotate another file name",
        )
    data, slides = annotated_template(path, source_date_epoch())
    write_atomically(out, data)
    return slides


def check_template(
    path: Path,
    needs: Mapping[str, Sequence[str]] | None = None,
    *,
    used_by: Mapping[str, Sequence[str]] | None = None,
    mapping: Mapping[str, str] | None = None,
) -> TemplateReport:
    """What is wrong with the template for building a deck onto it. `needs` maps a layout's
    name to the placeholder roles it must have ("title", "subtitle", "body", "right", "footer",
    "slide_number"); `used_by` maps it to the slide kinds that use it, for the messages;
    `mapping` is a brand file's `layouts:` (our layout name -> the template's).
    Without `needs`: the layouts summarydeck's slide kinds use. A file that cannot be read as
    a template is an error finding (T101), as `check` reports a file that is not a deck."""
    if needs is None:
        needs, used_by = _needs()
    if mapping:  # `brand.layouts`: our layout name -> the template's layout that plays it
        needs = {mapping.get(name, name): roles for name, roles in needs.items()}
        used_by = {mapping.get(name, name): kinds for name, kinds in (used_by or {}).items()}
    try:
        info = read_template(path)
    except TemplateError as exc:
        return unreadable(path.name, str(exc), exc.hint)
    return review_template(info, needs, used_by)


def _needs() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The layouts our slide kinds use, from the registry: the one source of truth."""
    table = template_needs()
    return (
        {name: roles for name, (roles, _) in table.items()},
        {name: kinds for name, (_, kinds) in table.items()},
    )
