"""`template inspect` and `template check`: what a PowerPoint template offers, and what is wrong
with it for building a deck onto it."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import click

from summarydeck import api
from summarydeck.cli.exits import EXIT_CODES_HELP, ExitStatus, exit_status
from summarydeck.cli.options import format_option
from summarydeck.cli.printing import counted
from summarydeck.cli.reports import finding_block
from summarydeck.diagnostics import did_you_mean

_EMU_PER_INCH = 914_400
_TEMPLATE_FILE = click.Path(path_type=Path, dir_okay=False, exists=True)


@click.group(epilog=EXIT_CODES_HELP)
def template() -> None:
    """See what a PowerPoint template (.potx, or a .pptx used as one) offers, and what is
    wrong with it for building a deck onto it."""


@template.command(epilog=EXIT_CODES_HELP)
@click.argument("file", type=_TEMPLATE_FILE)
@click.option(
    "--annotate",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="OUT.pptx",
    help="Also write a deck with one slide per layout, each placeholder labelled with its "
    "type, idx, name and size.",
)
@format_option("How to print what the template holds.")
def inspect(file: Path, annotate: Path | None, output_format: str) -> None:
    """List FILE's masters, layouts and placeholders (position and size in inches, text size
    in points), and its theme's colours and fonts."""
    if annotate is not None and annotate.suffix.lower() != ".pptx":
        raise click.BadParameter(
            "the annotated deck is a .pptx: name it so", param_hint="--annotate"
        )
    with exit_status(writes=annotate is not None):
        info = api.inspect_template(file)
        slides = api.annotate_template(file, annotate) if annotate is not None else None
    if output_format == "json":
        click.echo(json.dumps(_as_dict(info, annotate), indent=2, ensure_ascii=False))
        return
    click.echo(format_template(info, str(file)))
    if annotate is not None and slides is not None:
        click.echo(f"Annotated: {annotate}: {counted(slides, 'slide')}, one per layout")


@template.command("check", epilog=EXIT_CODES_HELP)
@click.argument("file", type=_TEMPLATE_FILE)
@format_option("How to print the findings.")
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="OURS=THEIRS",
    help="A layout of ours played by the template's layout of another name, as `layouts:` in "
    "brand.yaml says (e.g. --map 'Section=Section Header'); repeat for each.",
)
def check_template(file: Path, output_format: str, strict: bool, mapping: tuple[str, ...]) -> None:
    """Check FILE for what building a deck onto it needs: the layouts the slide kinds use and
    their placeholders, titles, placeholders of no size or off the slide, sample text, fixed
    dates, and theme fonts this machine can neither show nor measure. Exits 1 when there are
    errors (with --strict: warnings too)."""
    label = str(file)
    layouts = _mapping(mapping)
    with exit_status(writes=False):
        report = api.check_template(file, mapping=layouts)
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "template": label,
                    "passed": not report.failed(strict),
                    "summary": {
                        "errors": report.count(api.Severity.ERROR),
                        "warnings": report.count(api.Severity.WARNING),
                        "info": report.count(api.Severity.INFO),
                    },
                    "findings": [f.to_json() for f in report.findings],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        if report.findings:
            click.echo("\n\n".join(_finding(f, label) for f in report.findings))
            click.echo("")
        click.echo(f"{label}: {report.summary()}")
    if report.failed(strict):
        sys.exit(ExitStatus.CONTENT_ERROR)


def _finding(finding: api.TemplateFinding, template_file: str) -> str:
    """A finding in the style of `check`'s: where, what, then how to fix it."""
    return finding_block(template_file, finding, finding.where)


def _inches(emu: int) -> str:
    return f"{emu / _EMU_PER_INCH:.2f}"


_COLUMNS = ("type", "idx", "name", "left", "top", "width", "height", "size", "")


def _rows(placeholders: tuple[api.PlaceholderInfo, ...], indent: str) -> list[str]:
    """A table of placeholders: the type and name left, the numbers right, in inches and
    points; a box taken from the master is marked."""
    rows = [list(_COLUMNS)]
    for p in placeholders:
        box = (
            [_inches(p.box.left), _inches(p.box.top), _inches(p.box.width), _inches(p.box.height)]
            if p.box is not None
            else ["-"] * 4
        )
        size = f"{p.size:g} pt" if p.size is not None else "-"
        note = "box from the master" if p.inherits_box else ""
        rows.append([p.type, str(p.idx), p.name, *box, size, note])
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(width) if i in (0, 2, 8) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def format_template(info: api.TemplateInfo, label: str) -> str:
    several = len(info.masters) > 1
    lines: list[str] = []
    for number, master in enumerate(info.masters, 1):
        fonts = f" (fonts: {master.major_font}, {master.minor_font})" if several else ""
        lines.append(f"Master {number}: {master.name}{fonts}")
        lines += _rows(master.placeholders, "    ")
        for layout in master.layouts:
            sample = "  (holds sample text)" if layout.has_sample_text else ""
            lines.append(f"  Layout {layout.index}: {layout.name}{sample}")
            lines += (
                _rows(layout.placeholders, "    ")
                if layout.placeholders
                else ["    (no placeholders)"]
            )
        lines.append("")
    colours = [f"{slot} {value}" for slot, value in info.colours.items()]
    for start in range(0, len(colours), 4):
        lead = "Theme colours: " if start == 0 else " " * len("Theme colours: ")
        lines.append(lead + "  ".join(colours[start : start + 4]))
    lines.append(f"Theme fonts: headings {info.major_font}, body {info.minor_font}")
    lines.append("")
    lines.append(f"{label}: {_summary(info)}")
    return "\n".join(lines)


def _summary(info: api.TemplateInfo) -> str:
    kind = "a PowerPoint template" if info.is_template else "a presentation"
    placeholders = sum(len(m.placeholders) for m in info.masters) + sum(
        len(layout.placeholders) for layout in info.layouts
    )
    slides = counted(info.slide_count, "slide") if info.slide_count else "no slides"
    return (
        f"{kind}, {_inches(info.width)} x {_inches(info.height)} in, "
        f"{counted(len(info.masters), 'master')}, {counted(len(info.layouts), 'layout')}, "
        f"{counted(placeholders, 'placeholder')}, {slides}"
    )


def _as_dict(info: api.TemplateInfo, annotated: Path | None) -> dict[str, Any]:
    return {
        **dataclasses.asdict(info),
        "units": {"lengths": "EMU (914400 to the inch)", "size": "pt"},
        "annotated": str(annotated) if annotated is not None else None,
    }


def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    """`--map OURS=THEIRS` options as a mapping; a name that is not one of our layouts is a
    usage error with "did you mean"."""
    ours = list(api.template_needs())
    mapping: dict[str, str] = {}
    for pair in pairs:
        name, sep, theirs = pair.partition("=")
        name, theirs = name.strip(), theirs.strip()
        if not sep or not name or not theirs:
            raise click.BadParameter(
                f"`{pair}`: write it as OURS=THEIRS, e.g. 'Section=Section Header'",
                param_hint="--map",
            )
        if name not in ours:
            hint = did_you_mean(name, ours) or "ours are: " + ", ".join(ours)
            raise click.BadParameter(
                f"`{name}` is not one of our layouts: {hint}", param_hint="--map"
            )
        mapping[name] = theirs
    return mapping
