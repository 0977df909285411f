"""How the command line shows diagnostics: compiler style, with the source line and a caret."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from summarydeck.diagnostics import Diagnostic, Location, printable_line, split_lines


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diag in sorted(diagnostics, key=lambda d: (d.location is None, d.location or "")):
        click.echo(format_diagnostic(diag), err=True)
        click.echo("", err=True)


def format_diagnostic(diag: Diagnostic, root: Path | None = None) -> str:
    """Compiler-style text: `file:line:col: error CODE: message`, source line, caret, hint."""
    loc = diag.location
    head = f"{loc}: " if loc else ""
    lines = [f"{head}{diag.severity} {diag.code}: {diag.message}"]
    source_line = _source_line(loc, root) if loc else None
    if loc and source_line is not None:
        gutter = f"{loc.line:>5} | "
        lines.append(f"{gutter}{source_line}")
        width = max(1, (loc.end_column - loc.column) if loc.end_column > loc.column else 1)
        width = min(width, max(1, len(source_line) - loc.column + 1))
        lines.append(" " * (len(gutter) - 2) + "| " + " " * (loc.column - 1) + "^" * width)
    if diag.hint:
        lines.append(f"   hint: {diag.hint}")
    return "\n".join(lines)


def _source_line(loc: Location, root: Path | None) -> str | None:
    if loc.line <= 0:
        return None
    path = Path(loc.file)
    if root is not None and not path.is_absolute():
        path = root / path
    try:
        # undecodable bytes are shown as U+FFFD, so a "not UTF-8" error can show its line
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None
    all_lines = split_lines(text)
    if loc.line > len(all_lines):
        return None
    return printable_line(all_lines[loc.line - 1])


def counted(number: int, noun: str) -> str:
    """`1 slide`, `2 slides`: messages read as sentences, a mini-deck of one slide included."""
    return f"{number} {noun}{'s' * (number != 1)}"


def summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    return f"{counted(errors, 'error')}, {counted(len(diagnostics) - errors, 'warning')}"
