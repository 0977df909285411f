"""Measure a table: the first column's width from its content, every row's height at a size of
the type scale, and, when the body rows do not fit on one slide even at the floor, how they
spread over as few slides as fit them (evened out, every slide at one size).

A table cell grows with its text in PowerPoint and LibreOffice alike, so a row whose height we
under-measured would push the table past the slide's foot: each row is measured with the same
font metrics as every text frame (`plan.measure`), and the table is placed only where the
measured rows fit.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from summarydeck.model.brand import Brand
from summarydeck.plan.measure import (
    LINE_PITCH,
    faces_key,
    frame_height,
    laid_out,
    lines_in,
    segments,
    stack_height,
    text_width,
)
from summarydeck.plan.types import TableCell, TextStyle
from summarydeck.source.memo import BoundedCache
from summarydeck.values import EMU_PER_PT, inches

Row = tuple[TableCell, ...]
WIDTH_STEP = inches(0.05)  # how finely the first column's width is tried
MIN_COLUMN = inches(1.0)  # narrower than this, a column holds a word or two a line
FIRST_COLUMN_SHARE = 0.5  # the first column labels the rows: never wider than the rest
CELL_SPACE_AFTER = 4.0  # points between paragraphs inside one cell
MORE_AIR = inches(0.07)  # at most this much more margin above and below each cell's text


@dataclass(frozen=True)
class CellStyle:
    """How the cells are set: their margins, and which of them are bold."""

    pad_x: int
    pad_y: int
    header: bool  # the first row is the header row (bold)
    bold_first_column: bool  # the first column labels the rows (bold)


@dataclass(frozen=True)
class TableFit:
    """A table measured at `size`: column widths, each row's height (EMU, the header's first
    when there is one), the body rows (by index) on each slide, and the cells' top and bottom
    margin (`pad_y`, EMU), which grows when the slides have room to spare."""

    size: float
    widths: tuple[int, ...]
    heights: tuple[int, ...]
    pages: tuple[tuple[int, ...], ...]
    pad_y: int


@dataclass(frozen=True)
class TooTall:
    """A body row (`row`; None for the header row) too tall for a slide even at the floor:
    `cell` is its tallest cell and `points` how much too tall the row is."""

    row: int | None
    cell: TableCell
    size: float
    points: float
    room: float  # points a row has on a slide of its own (under the header)


def fit_table(
    rows: Sequence[Row],
    width: int,
    room: int,
    sizes: Sequence[float],
    brand: Brand,
    style: CellStyle,
) -> TableFit | TooTall:
    """The table at the largest of `sizes` (largest first) at which it fits in `room` EMU; else,
    at the largest size that needs no more slides than the smallest does, spread over slides
    with the header on each; or the row that is too tall even on a slide of its own."""
    # cells are measured only in the body font: its faces decide the fit with the rest
    key = (tuple(rows), width, room, tuple(sizes), style, faces_key(brand.fonts.body))
    fitted = _FITTED.get(key)
    if fitted is None:
        fitted = _fit_table(rows, width, room, sizes, brand, style)
        _FITTED.put(key, fitted, sum(len(row) for row in rows))
    return fitted


_FitKey = tuple[tuple[Row, ...], int, int, tuple[float, ...], CellStyle, tuple[object, ...]]
# tables fitted, by their cells, room, sizes and fonts: a rebuild after an edit elsewhere
# measures none of them again. What is kept is immutable (frozen dataclasses of tuples);
# weighed by cells
_FITTED: BoundedCache[_FitKey, TableFit | TooTall] = BoundedCache(
    most_entries=1_024, most_weight=200_000
)


def _fit_table(
    rows: Sequence[Row],
    width: int,
    room: int,
    sizes: Sequence[float],
    brand: Brand,
    style: CellStyle,
) -> TableFit | TooTall:
    header = 1 if style.header else 0
    floor = sizes[-1]
    low = _measured(rows, width, floor, brand, style)
    too_tall = _too_tall(rows, low, room, brand, style)
    if too_tall is not None:
        return too_tall
    fewest = len(_pack(low.heights[header:], _header_height(low, header), room))
    for size in sizes:
        fit = low if size == floor else _measured(rows, width, size, brand, style)
        head = _header_height(fit, header)
        if fit.heights[header:] and max(fit.heights[header:]) + head > room:
            continue  # a row too tall for a slide of its own at this size
        if len(_pack(fit.heights[header:], head, room)) <= fewest:
            pages = _evened(fit.heights[header:], head, room, fewest)
            return _with_air(dataclasses.replace(fit, pages=pages), room, header)
    raise AssertionError("the floor size always fits in `fewest` pages")  # pragma: no cover


def _header_height(fit: TableFit, header: int) -> int:
    return fit.heights[0] if header else 0


def _measured(
    rows: Sequence[Row], width: int, size: float, brand: Brand, style: CellStyle
) -> TableFit:
    cells = _Cells(rows, size, brand, style)
    widths = _column_widths(cells, rows, width, size, brand, style)
    heights = tuple(cells.row_height(r, widths) for r in range(len(rows)))
    return TableFit(size, widths, heights, (), style.pad_y)


class _Cells:
    """A table's cells at one size, each paragraph's words measured once, so that the first
    column can be tried at dozens of widths by counting lines alone. Heights are those
    `row_height` and `cell_height` measure, to the last bit."""

    def __init__(self, rows: Sequence[Row], size: float, brand: Brand, style: CellStyle) -> None:
        self.size = size
        self.style = style
        family = brand.fonts.body
        self._cells = [
            [_laid_out_cell(cell, family, size, is_bold(r, c, style)) for c, cell in enumerate(row)]
            for r, row in enumerate(rows)
        ]
        self._rows: dict[tuple[int, tuple[int, ...]], int] = {}

    def row_height(self, index: int, widths: tuple[int, ...]) -> int:
        key = (index, widths)
        height = self._rows.get(key)
        if height is None:
            tallest = max(
                self._cell_height(cell, widths[column])
                for column, cell in enumerate(self._cells[index])
            )
            height = round(tallest * EMU_PER_PT) + 2 * self.style.pad_y
            self._rows[key] = height
        return height

    def _cell_height(self, cell: _LaidOutCell | None, width: int) -> float:
        if cell is None:
            return self.size * 1.2  # an empty cell still holds one line
        paragraphs, text = cell
        inner = (width - 2 * self.style.pad_x) / EMU_PER_PT
        count = len(paragraphs)
        pitch = LINE_PITCH * self.size * text.line_spacing  # as `frame_height`
        return stack_height(
            [lines_in(pairs, inner - indent) for pairs, indent in paragraphs],
            [pitch] * count,
            [0.0] * count,
            [text.space_after] * count,
        )


# a cell's paragraphs laid out for counting lines (with their indents), and its text style
_LaidOutCell = tuple[tuple[tuple[tuple[float, ...], float], ...], TextStyle]


def _laid_out_cell(cell: TableCell, family: str, size: float, bold: bool) -> _LaidOutCell | None:
    shown = cell.shown
    if not shown:
        return None
    text = cell_text_style(size, bold)
    return tuple(laid_out(para, family, text.bold, size, text.italic) for para in shown), text


def _with_air(fit: TableFit, room: int, header: int) -> TableFit:
    """Room to spare on every slide goes to the cells' margins, up to `MORE_AIR` above and
    below the text: a short table set tight at the top of an empty slide looks unfinished."""
    spare = min(
        (room - sum(fit.heights[:header]) - sum(fit.heights[header + i] for i in page))
        // (2 * (len(page) + header))
        for page in fit.pages
    )
    extra = max(0, min(MORE_AIR, spare))
    heights = tuple(height + 2 * extra for height in fit.heights)
    return dataclasses.replace(fit, heights=heights, pad_y=fit.pad_y + extra)


def column_widths(
    rows: Sequence[Row], width: int, size: float, brand: Brand, style: CellStyle
) -> tuple[int, ...]:
    """The first column as wide as makes the table shortest (the narrowest such width), from
    its longest word to half the table; the other columns share the rest equally."""
    return _column_widths(_Cells(rows, size, brand, style), rows, width, size, brand, style)


def _column_widths(
    cells: _Cells, rows: Sequence[Row], width: int, size: float, brand: Brand, style: CellStyle
) -> tuple[int, ...]:
    count = len(rows[0])
    if count == 1:
        return (width,)
    least = max(MIN_COLUMN, _longest_word(rows, size, brand, style) + 2 * style.pad_x)
    most = round(width * FIRST_COLUMN_SHARE)
    natural = _longest_line(rows, size, brand, style) + 2 * style.pad_x
    most = max(least, min(most, natural))
    best: tuple[int, tuple[int, ...]] | None = None
    candidate = least
    while True:
        widths = _split(width, min(candidate, most), count)
        total = sum(cells.row_height(r, widths) for r in range(len(rows)))
        if best is None or total < best[0]:
            best = (total, widths)
        if candidate >= most:
            return best[1]
        candidate += WIDTH_STEP


def _split(width: int, first: int, count: int) -> tuple[int, ...]:
    rest = width - first
    each = rest // (count - 1)
    # the last column takes the EMU left over, so the widths add up to the table's exactly
    return (first, *[each] * (count - 2), rest - each * (count - 2))


def row_height(
    rows: Sequence[Row],
    index: int,
    widths: Sequence[int],
    size: float,
    brand: Brand,
    style: CellStyle,
) -> int:
    """The height in EMU of row `index`: its tallest cell's text and the cell margins."""
    tallest = max(
        cell_height(cell, widths[column], size, brand, style, is_bold(index, column, style))
        for column, cell in enumerate(rows[index])
    )
    return round(tallest * EMU_PER_PT) + 2 * style.pad_y


def cell_height(
    cell: TableCell, width: int, size: float, brand: Brand, style: CellStyle, bold: bool
) -> float:
    """Points the cell's text (and its mark) needs in a column `width` EMU wide: what
    `text_height` measures for a frame `width` wide with the cell's margins as its insets."""
    shown = cell.shown
    if not shown:
        return size * 1.2  # an empty cell still holds one line
    inner = (width - 2 * style.pad_x) / EMU_PER_PT
    return frame_height(shown, brand.fonts.body, cell_text_style(size, bold), size, inner)


@functools.lru_cache(maxsize=256)
def cell_text_style(size: float, bold: bool) -> TextStyle:
    """The text style of a cell (the renderer writes the same)."""
    return TextStyle(size, bold=bold, space_after=CELL_SPACE_AFTER)


def is_bold(row: int, column: int, style: CellStyle) -> bool:
    """Whether the cell at `row`, `column` (the header row being row 0) is set bold."""
    return (style.header and row == 0) or (style.bold_first_column and column == 0)


def _first_column_texts(rows: Sequence[Row], style: CellStyle) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of every run in the first column."""
    out = []
    for index, row in enumerate(rows):
        bold = is_bold(index, 0, style)
        for para in row[0].shown:
            out += [(run.text, bold or run.bold, run.italic) for run in para.runs]
    return out


def _longest_word(rows: Sequence[Row], size: float, brand: Brand, style: CellStyle) -> int:
    family = brand.fonts.body
    widest = max(
        (
            text_width(piece.rstrip(" "), family, bold, size, italic)
            for text, bold, italic in _first_column_texts(rows, style)
            for piece in segments(text)
        ),
        default=0.0,
    )
    return round(widest * EMU_PER_PT)


def _longest_line(rows: Sequence[Row], size: float, brand: Brand, style: CellStyle) -> int:
    """The widest paragraph of the first column set on one line."""
    family = brand.fonts.body
    widest = 0.0
    for index, row in enumerate(rows):
        bold = is_bold(index, 0, style)
        for para in row[0].shown:
            line = sum(
                text_width(run.text, family, bold or run.bold, size, run.italic)
                for run in para.runs
            )
            widest = max(widest, line)
    return round(widest * EMU_PER_PT) + inches(0.02)  # a hair more: rounding must not wrap


def _too_tall(
    rows: Sequence[Row], fit: TableFit, room: int, brand: Brand, style: CellStyle
) -> TooTall | None:
    """The first row that does not fit on a slide of its own (under the header) at the floor."""
    header = 1 if style.header else 0
    head = _header_height(fit, header)
    for index in range(len(rows)):
        own = fit.heights[index] + (head if index >= header else 0)
        if own <= room:
            continue
        column = max(
            range(len(rows[index])),
            key=lambda c: cell_height(
                rows[index][c], fit.widths[c], fit.size, brand, style, is_bold(index, c, style)
            ),
        )
        available = (room - (head if index >= header else 0) - 2 * style.pad_y) / EMU_PER_PT
        return TooTall(
            index - header if index >= header else None,
            rows[index][column],
            fit.size,
            (own - room) / EMU_PER_PT,
            available,
        )
    return None


def _pack(heights: Sequence[int], head: int, room: int) -> list[list[int]]:
    """Body rows (by index) on slides, each filled while its rows and the header fit `room`."""
    pages: list[list[int]] = [[]]
    used = head
    for index, height in enumerate(heights):
        if pages[-1] and used + height > room:
            pages.append([])
            used = head
        pages[-1].append(index)
        used += height
    return pages


def _evened(
    heights: Sequence[int], head: int, room: int, count: int
) -> tuple[tuple[int, ...], ...]:
    """The body rows on `count` slides, evened out (8 + 7 + 8 + 7 rather than 8 + 8 + 8 + 6):
    each slide takes its share of what is left, as near as whole rows allow. When a share
    would overfill a slide (rows of very different heights), the fewest-slides packing with
    the least room per slide is used instead."""
    pages: list[list[int]] = []
    start = 0
    for left in range(count, 0, -1):
        share = sum(heights[start:]) / left
        page: list[int] = []
        used = 0
        # take a row while its middle stays within the share, leaving a row for each slide
        while start < len(heights) - (left - 1) and (
            not page or (used + heights[start] / 2 <= share and left > 1)
        ):
            page.append(start)
            used += heights[start]
            start += 1
        pages.append(page)
    pages[-1].extend(range(start, len(heights)))
    if all(head + sum(heights[i] for i in page) <= room for page in pages):
        return tuple(tuple(page) for page in pages)
    low, high = max(heights, default=0) + head, room
    while low < high:
        middle = (low + high) // 2
        if len(_pack(heights, head, middle)) <= count:
            high = middle
        else:
            low = middle + 1
    return tuple(tuple(page) for page in _pack(heights, head, high))
