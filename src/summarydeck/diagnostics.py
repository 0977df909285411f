"""Diagnostics: what went wrong, where in the content, and what to do about it.

Library code collects `Diagnostic`s and raises `ContentError` with all of them at once; only the CLI
prints them and picks an exit status.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from summarydeck.content_codes import CODES


@dataclass(frozen=True, order=True)
class Location:
    """A position in a content file; line and column are 1-based."""

    file: str
    line: int = 0
    column: int = 0
    end_column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    location: Location | None = None
    severity: str = "error"  # "error" or "warning"
    hint: str | None = None
    # the id of the slide it is about, when one slide failed (text that does not fit): the
    # preview page shows it in that slide's place
    slide: str | None = None

    def __post_init__(self) -> None:
        # a code missing from the table (or used with the other severity) is a bug, not a
        # problem in the content. A C code is a checker finding told as a diagnostic: the
        # finding looked its code up in the checker's table (RULES) to learn its severity
        known = CODES.get(self.code)
        if known is None:
            if not (self.code[:1] == "C" and self.code[1:].isdigit()):
                raise ValueError(
                    f"diagnostic code {self.code!r} is not in summarydeck/content_codes.py"
                )
        elif known.severity != self.severity:
            raise ValueError(
                f"diagnostic code {self.code!r} is a {known.severity}, not a {self.severity}"
            )

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass
class Diagnostics:
    """An ordered collection that library code appends to instead of raising on the first fault."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    def error(
        self,
        code: str,
        message: str,
        location: Location | None = None,
        hint: str | None = None,
        *,
        slide: str | None = None,
    ) -> None:
        self.add(Diagnostic(code, message, location, "error", hint, slide))

    def warning(
        self, code: str, message: str, location: Location | None = None, hint: str | None = None
    ) -> None:
        self.add(Diagnostic(code, message, location, "warning", hint))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if not d.is_error]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.items)


class SummarydeckError(Exception):
    """The one exception type the library raises for problems a user can act on; `hint`
    says what to do about it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.hint = hint
        super().__init__(message)


class ContentError(SummarydeckError):
    """The content has errors; carries every diagnostic found (errors and warnings)."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error]
        super().__init__(f"{len(errors)} error(s) in the content")


class OutputError(SummarydeckError):
    """The deck could not be written or exported."""


class SelectionError(SummarydeckError):
    """A command asked for a variant, section or slide the content does not have."""


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest valid choice, or listing them all when none is close."""
    options = sorted(set(choices))
    if not options:
        return None
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    shown = ", ".join(f"`{o}`" for o in options[:12])
    more = f" (and {len(options) - 12} more)" if len(options) > 12 else ""
    return f"valid choices: {shown}{more}"


_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """The lines of a file as YAML numbers them (which is not quite `str.splitlines`)."""
    return _LINE_BREAK.split(text)


def printable_line(line: str) -> str:
    """A source line safe to print: control characters (but tabs) shown as U+FFFD, one for one,
    so the caret under it still lines up."""
    return "".join(
        "\ufffd" if (ord(c) < 32 and c != "\t") or 127 <= ord(c) < 160 else c for c in line
    ).rstrip()


def narrow(loc: Location | None, needle: str, max_lines: int) -> Location | None:
    """Where `needle` first appears in `loc`'s file at or after `loc`, within `max_lines` lines.

    Used to point at one part of a value (a link inside a paragraph) rather than at its start;
    falls back to `loc` when the text cannot be found (escaped, folded across lines, no file).
    """
    if loc is None or loc.line <= 0 or not needle:
        return loc
    try:
        lines = split_lines(Path(loc.file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return loc
    for number in range(loc.line, min(len(lines), loc.line + max_lines - 1) + 1):
        start = loc.column - 1 if number == loc.line else 0
        column = lines[number - 1].find(needle, max(0, start))
        if column >= 0:
            return Location(loc.file, number, column + 1, column + 1 + len(needle))
    return loc


# A source line longer than this is shown as a window around the column (a 10 MB minified line
# must not be echoed whole).
LINE_WINDOW = 120


def source_excerpt(diag: Diagnostic, lines: SourceLines) -> list[str]:
    """The diagnostic's source line and a caret under its column, as two lines of text with a
    line-number gutter (none when it has no line, or the file cannot be read)."""
    loc = diag.location
    source_line = lines.get(loc) if loc else None
    if loc is None or source_line is None:
        return []
    shown, column = window(source_line, loc.column)
    gutter = f"{loc.line:>5} | "
    width = max(1, (loc.end_column - loc.column) if loc.end_column > loc.column else 1)
    width = min(width, max(1, len(shown) - column + 1))
    return [f"{gutter}{shown}", " " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^" * width]


def window(line: str, column: int) -> tuple[str, int]:
    """The part of a long line around `column` (1-based), marked with ellipses, and the
    column within it."""
    if len(line) <= LINE_WINDOW:
        return line, column
    start = max(0, min(column - 1 - LINE_WINDOW // 3, len(line) - LINE_WINDOW))
    end = start + LINE_WINDOW
    shown = ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")
    return shown, column - start + (1 if start else 0)


class SourceLines:
    """Each file's lines, read once however many diagnostics point into it; relative file
    names are read under `root` when it is given."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self._files: dict[Path, list[str] | None] = {}

    def get(self, loc: Location) -> str | None:
        if loc.line <= 0:
            return None
        path = Path(loc.file)
        if self.root is not None and not path.is_absolute():
            path = self.root / path
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
