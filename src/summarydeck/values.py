"""Plain values every layer shares: lengths in EMU, boxes, and rich text as runs.

This module imports nothing from summarydeck, so the Markdown converter, the content model,
the planner, the checker and the renderer can all use it without depending on each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EMU_PER_INCH = 914_400
EMU_PER_PT = 12_700


def inches(value: float) -> int:
    return round(value * EMU_PER_INCH)


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    level: int = 0  # list nesting depth, 0 = top
    bullet: Literal["none", "bullet", "number"] = "none"
    start: int = 1  # a numbered list's first number, the same on every item of the list
    continues: bool = False  # the rest of a list item cut at a slide break: indent, no bullet

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)
