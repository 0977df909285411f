"""SlidePlan and its elements. Geometry is in EMU (see `summarydeck.values`).

Layouts build these; the renderer turns them into shapes. Colours and fonts are *roles* resolved
from the brand's theme, so nothing here names a colour or a typeface.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from summarydeck.model.content import Chart
from summarydeck.source.yaml_loader import DataPath
from summarydeck.values import Box, Paragraph, Run, inches

BULLET_INDENT = 342_900  # 0.375 in per list level: PowerPoint's own step


class ColourRole(StrEnum):
    """Theme slots, mapped to theme colours so edits in PowerPoint stay on brand."""

    TEXT = "text"  # dk1
    BACKGROUND = "background"  # lt1
    PRIMARY = "primary"  # dk2
    SURFACE = "surface"  # lt2
    ACCENT1 = "accent1"
    ACCENT2 = "accent2"
    ACCENT3 = "accent3"
    ACCENT4 = "accent4"
    ACCENT5 = "accent5"
    ACCENT6 = "accent6"
    LINK = "link"
    MUTED = "muted"  # not a theme slot: the brand's muted text colour as RGB


FontRole = Literal["heading", "body"]
Align = Literal["left", "center", "right"]
Anchor = Literal["top", "middle", "bottom"]


@dataclass(frozen=True)
class TextStyle:
    size: float  # points
    colour: ColourRole = ColourRole.TEXT
    font: FontRole = "body"
    bold: bool = False
    italic: bool = False
    align: Align = "left"
    anchor: Anchor = "top"
    line_spacing: float = 1.0
    space_after: float = 0.0  # points after each paragraph


@dataclass(frozen=True)
class TextElement:
    name: str
    box: Box
    paragraphs: tuple[Paragraph, ...]
    style: TextStyle
    inset: int = inches(0.1)  # left/right inset; top/bottom is half of it
    min_size: float | None = None  # the fitter may shrink down to this size
    source: tuple[str | int, ...] | None = None  # the content field it shows, for errors
    group: str | None = None  # frames in one group are set at one size (the smallest fitted)
    flow: bool = False  # text that does not fit at its floor continues on a new slide
    placeholder: str | None = None  # the layout placeholder's role it fills; None: a text box
    designed_size: float | None = None  # the size before fitting shrank it (None: not shrunk)


@dataclass(frozen=True)
class ShapeElement:
    name: str
    box: Box
    fill: ColourRole
    shape: Literal["rect", "rounded", "oval"] = "rect"


@dataclass(frozen=True)
class ChartElement:
    name: str
    box: Box
    chart: Chart
    alt_text: str
    palette: tuple[ColourRole, ...] = (ColourRole.ACCENT1,)
    font_size: float = 16


@dataclass(frozen=True)
class PictureElement:
    name: str
    box: Box
    image: bytes
    alt_text: str


@dataclass(frozen=True)
class TableCell:
    """One cell of a table: its text, a quiet mark after it, and the field it shows."""

    paragraphs: tuple[Paragraph, ...]
    source: DataPath | None = None  # the content field it shows, for errors
    mark: str = ""  # shown below the text in the muted colour (a row still to be confirmed)

    @property
    def shown(self) -> tuple[Paragraph, ...]:
        """The paragraphs the cell draws: its text, then the mark in a paragraph of its own."""
        mark = (Paragraph((Run(self.mark, italic=True),)),) if self.mark else ()
        return self.paragraphs + mark


@dataclass(frozen=True)
class TableElement:
    """A native table, measured by the planner: each row's cells, the columns' widths and the
    rows' heights (the box is exactly as tall as the rows). A header row repeats on every
    slide a long table continues on."""

    name: str
    box: Box
    rows: tuple[tuple[TableCell, ...], ...]  # the header row first when `header`
    column_widths: tuple[int, ...]  # EMU, summing to the box's width
    row_heights: tuple[int, ...]  # EMU, summing to the box's height
    size: float  # body cells, points
    header_size: float  # the header row, points
    header: bool = True
    pad_x: int = inches(0.12)  # a cell's left and right margin
    pad_y: int = inches(0.07)  # a cell's top and bottom margin
    alt_text: str = ""  # what the table shows, in a sentence (screen readers read the cells)


Element = TextElement | ShapeElement | ChartElement | PictureElement | TableElement


@dataclass(frozen=True)
class ToConfirm:
    """Something on a slide an editor has still to confirm: what it is, what to check, and
    where it lives in the content (so a final build can point at its file and line)."""

    label: str  # e.g. "opportunity `conversations`"
    check: str
    path: DataPath  # e.g. ("opportunities", "conversations")
    where: str = ""  # e.g. "content/opportunities.yaml, line 15", for the editor
    source_url: str = ""  # the page to check it against
    more_urls: tuple[str, ...] = ()  # the other pages, when it cites several

    @property
    def source_urls(self) -> tuple[str, ...]:
        return ((self.source_url,) if self.source_url else ()) + self.more_urls

    def __str__(self) -> str:
        urls = self.source_urls
        pages = f"source{'s' if len(urls) > 1 else ''}: {', '.join(urls)}" if urls else ""
        extra = "; ".join(x for x in (pages, self.where) if x)
        return f"{self.label}: {self.check}" + (f" ({extra})" if extra else "")


@dataclass(frozen=True)
class SlidePlan:
    """One slide, on the layout named `layout`. `title` goes into the layout's title
    placeholder, and every element with a `placeholder` role into that placeholder."""

    id: str
    kind: str
    layout: str
    title: TextElement
    notes: str
    subtitle: TextElement | None = None  # the title layout's subtitle placeholder
    elements: tuple[Element, ...] = field(default_factory=tuple)
    background: ColourRole = ColourRole.BACKGROUND
    footer: bool = True  # footer text and slide number
    unconfirmed: tuple[ToConfirm, ...] = ()  # what on this slide is still to be confirmed
    entry: int | None = None  # its entry's place in `slides:`, for locating findings
    notes_drafted: bool = False  # the notes were drafted from the slide's text, not written
    notes_tail: str = ""  # the end of the notes: caveats, and sources the slide could not name


def footer_line(footer: str, plans: Sequence[SlidePlan], draft: str) -> str:
    """The footer of every slide: a deck that still shows anything to be confirmed says
    "Draft" (the `draft` label) there, once per slide and quietly, instead of tags on each
    slide."""
    return f"{draft} · {footer}" if any(plan.unconfirmed for plan in plans) else footer
