"""How the command line shows diagnostics: compiler style, with the source line and a caret."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from summarydeck.diagnostics import Diagnostic, Location, printable_line, split_lines

# Past this many, a run prints the first ones and a count: a file with thousands of mistakes
# (a paste gone wrong) is fixed from its first errors, and printing them all took minutes.
MAX_PRINTED = 50
# A source line longer than this is shown as a window around the column (a 10 MB minified line
# must not be echoed whole).
LINE_WINDOW = 120


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    # when not all can be shown: the errors that come first in the files, then warnings
    in_files = sorted(diagnostics, key=_place)
    chosen = sorted(in_files, key=lambda d: not d.is_error)[:MAX_PRINTED]
    lines = _SourceLines()
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
    diag: Diagnostic, root: Path | None = None, lines: _SourceLines | None = None
) -> str:
    """Compiler-style text: `file:line:col: error CODE: message`, source line, caret, hint."""
    loc = diag.location
    head = f"{loc}: " if loc else ""
    out = [f"{head}{diag.severity} {diag.code}: {diag.message}"]
    source_line = (lines or _SourceLines()).get(loc, root) if loc else None
    if loc and source_line is not None:
        shown, column = window(source_line, loc.column)
        gutter = f"{loc.line:>5} | "
        out.append(f"{gutter}{shown}")
        width = max(1, (loc.end_column - loc.column) if loc.end_column > loc.column else 1)
        width = min(width, max(1, len(shown) - column + 1))
        out.append(" " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^" * width)
    if diag.hint:
        out.append(f"   hint: {diag.hint}")
    return "\n".join(out)


def window(line: str, column: int) -> tuple[str, int]:
    """The part of a long line around `column` (1-based), marked with ellipses, and the
    column within it."""
    if len(line) <= LINE_WINDOW:
        return line, column
    start = max(0, min(column - 1 - LINE_WINDOW // 3, len(line) - LINE_WINDOW))
    end = start + LINE_WINDOW
    shown = ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")
    return shown, column - start + (1 if start else 0)


class _SourceLines:
    """Each file's lines, read once however many diagnostics point into it."""

    def __init__(self) -> None:
        self._files: dict[Path, list[str] | None] = {}

    def get(self, loc: Location, root: Path | None) -> str | None:
        if loc.line <= 0:
            return None
        path = Path(loc.file)
        if root is not None and not path.is_absolute():
            path = root / path
        if path not in self._files:
            self._files[path] = _read_lines(path)
        all_lines = self._files[path]
        if all_lines is None or loc.line > len(all_lines):
            return None
        return printable_line(all_lines[loc.line - 1])


def _read_lines(path: Path) -> list[str] | None:
    try:
        if not path.is_file():  # a FIFO or device named in a location is never read
            return None
        # undecodable bytes are shown as U+FFFD, so a "not UTF-8" error can show its line
        return split_lines(path.read_bytes().decode("utf-8", errors="replace"))
    except OSError:
        return None


def counted(number: int, noun: str) -> str:
    """`1 slide`, `2 slides`: messages read as sentences, a mini-deck of one slide included."""
    return f"{number} {noun}{'s' * (number != 1)}"


def summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    return f"{counted(errors, 'error')}, {counted(len(diagnostics) - errors, 'warning')}"
