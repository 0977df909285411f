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
        self, code: str, message: str, location: Location | None = None, hint: str | None = None
    ) -> None:
        self.add(Diagnostic(code, message, location, "error", hint))

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
