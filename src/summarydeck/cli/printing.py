"""How the command line shows diagnostics: compiler style, with the source line and a caret."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from summarydeck.diagnostics import Diagnostic, Location, SourceLines, source_excerpt

# Past this many, a run prints the first ones and a count: a file with thousands of mistakes
# (a paste gone wrong) is fixed from its first errors, and printing them all took minutes.
MAX_PRINTED = 50


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    # when not all can be shown: the errors that come first in the files, then warnings
    in_files = sorted(diagnostics, key=_place)
    chosen = sorted(in_files, key=lambda d: not d.is_error)[:MAX_PRINTED]
    lines = SourceLines()
    for diag in sorted(chosen, key=_place):
        click.echo(format_diagnostic(diag, lines=lines), err=True)
        click.echo("", err=True)
    kept = {id(d) for d in chosen}
    left = [d for d in diagnostics if id(d) not in kept]
    if left:
        errors = sum(1 for d in left if d.is_error)
        parts = [counted(errors, "more error"), counted(len(left) - errors, "more warning")]
        shown = ", ".join(p for p in parts if not p.startswith("0 "))
        click.echo(f"... and {shown} not shown: fix the ones above, then run again", err=True)
        click.echo("", err=True)


def _place(diag: Diagnostic) -> tuple[bool, Location | str]:
    """Where a diagnostic stands in the files: by file, line and column; unplaced last."""
    return (diag.location is None, diag.location or "")


def format_diagnostic(
    diag: Diagnostic, root: Path | None = None, lines: SourceLines | None = None
) -> str:
    """Compiler-style text: `file:line:col: error CODE: message`, source line, caret, hint."""
    loc = diag.location
    head = f"{loc}: " if loc else ""
    out = [f"{head}{diag.severity} {diag.code}: {diag.message}"]
    out += source_excerpt(diag, lines or SourceLines(root))
    if diag.hint:
        out.append(f"   hint: {diag.hint}")
    return "\n".join(out)


def counted(number: int, noun: str) -> str:
    """`1 slide`, `2 slides`: messages read as sentences, a mini-deck of one slide included."""
    return f"{number} {noun}{'s' * (number != 1)}"


def summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    return f"{counted(errors, 'error')}, {counted(len(diagnostics) - errors, 'warning')}"
