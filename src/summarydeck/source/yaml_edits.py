"""Small edits to a content file's text, in place: a value replaced where it stands, or a
`key: value` line added. Everything else (comments, blank lines, quoting, the order of keys)
stays byte for byte, so a command can change a file an editor keeps by hand.

Positions come from the `SourceMap` of the same text; the edits are applied from the end of
the file up, so each position still points where it did. `unchanged_but` then reads the new
text back and refuses it unless the data differ exactly as intended.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from summarydeck.diagnostics import Location
from summarydeck.source.yaml_core import load_plain
from summarydeck.source.yaml_loader import DataPath


@dataclass(frozen=True)
class Replace:
    """Replace the one-line value at `at` with `text`."""

    at: Location
    text: str


@dataclass(frozen=True)
class InsertLine:
    """A new line `indent` spaces in, holding `text`, after line `after` (0: at the top)."""

    after: int
    indent: int
    text: str


Edit = Replace | InsertLine


def is_one_line(at: Location) -> bool:
    """Whether the value at `at` starts and ends on its line (the loader gives a value that
    runs over several lines no end column past its start)."""
    return at.line > 0 and at.end_column > at.column


def apply(text: str, edits: Sequence[Edit]) -> str:
    lines = text.splitlines(keepends=True)
    ending = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"

    def order(numbered: tuple[int, Edit]) -> tuple[int, int, int]:
        # bottom up; on one line, the lines added after it first (the last given first, so
        # they end up in the order given), then replacements right to left
        index, edit = numbered
        if isinstance(edit, InsertLine):
            return (edit.after, 1, index)
        return (edit.at.line, 0, edit.at.column)

    for _, edit in sorted(enumerate(edits), key=order, reverse=True):
        if isinstance(edit, InsertLine):
            if 0 < edit.after <= len(lines) and not lines[edit.after - 1].endswith("\n"):
                lines[edit.after - 1] += ending  # the last line had no line break
            lines.insert(edit.after, " " * edit.indent + edit.text + ending)
            continue
        if not is_one_line(edit.at) or edit.at.line > len(lines):
            raise ValueError(f"no one-line value at line {edit.at.line}")
        line = lines[edit.at.line - 1]
        start, end = edit.at.column - 1, edit.at.end_column - 1
        lines[edit.at.line - 1] = line[:start] + edit.text + line[end:]
    return "".join(lines)


def unchanged_but(before: str, after: str, changes: Mapping[DataPath, Any]) -> bool:
    """Whether `after` reads as the same data as `before`, but for `changes` (a path to each
    mapping key set, and its new value): a check that the edits did only what they meant."""
    try:
        old, new = load_plain(before), load_plain(after)
    except yaml.YAMLError:
        return False
    for path, value in changes.items():
        target = old
        try:
            for part in path[:-1]:
                target = target[part]
        except (KeyError, IndexError, TypeError):
            return False
        if not isinstance(target, dict):
            return False
        target[path[-1]] = value
    return bool(old == new)
