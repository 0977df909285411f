"""A deck at a glance: every slide tiled into one picture, each captioned `N · id`.

The sheet stays under a pixel budget whatever the deck's length: past a few dozen slides it
gets more columns and smaller tiles, and past a few thousand it shows the first slides and says
how many more there are. So memory is bounded (the sheet is the one big picture held), and the
file opens in any viewer (Pillow, like many, refuses a picture over ~179 million pixels).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from summarydeck.plan.fonts import font_file

COLUMNS = 4  # up to 64 slides; more columns past that, so the sheet never grows a tall strip
TILE_WIDTH = 400  # pixels per slide: readable titles, a 26-slide sheet under ~1.5 MB
MIN_TILE_WIDTH = 120  # still shows a slide's layout; smaller, the sheet shows fewer slides
# 50 M pixels: 150 MB while drawn, and under Pillow's 89 M "decompression bomb" warning
MAX_SHEET_PIXELS = 50_000_000
GAP = 16
CAPTION_SIZE = 16  # pixels
CAPTION_HEIGHT = 24
BACKGROUND = "#D9DEE4"
LABEL = "#1F2933"
_BATCH = 32  # tiles decoded ahead of the one being pasted: bounds what waits in memory


@dataclass(frozen=True)
class Layout:
    columns: int
    tile_width: int
    tile_height: int
    shown: int  # tiles drawn; when short of every slide, the last says how many more

    @property
    def size(self) -> tuple[int, int]:
        rows = -(-self.shown // self.columns)
        return (
            self.columns * self.tile_width + (self.columns + 1) * GAP,
            rows * (self.tile_height + CAPTION_HEIGHT + GAP) + GAP,
        )


def plan(count: int, ratio: float, columns: int | None, tile_width: int) -> Layout:
    """Columns, tile size and how many tiles fit the pixel budget for `count` slides whose
    height is `ratio` times their width. An explicit `columns` is kept."""
    chosen = columns or max(COLUMNS, math.ceil(math.sqrt(count) / 2))
    width = tile_width
    while width > MIN_TILE_WIDTH and _pixels(count, chosen, width, ratio) > MAX_SHEET_PIXELS:
        width = max(MIN_TILE_WIDTH, width * 9 // 10)
    height = max(1, round(width * ratio))
    shown = count
    if _pixels(count, chosen, width, ratio) > MAX_SHEET_PIXELS:
        sheet_width = chosen * width + (chosen + 1) * GAP
        rows = max(1, (MAX_SHEET_PIXELS // sheet_width - GAP) // (height + CAPTION_HEIGHT + GAP))
        shown = min(count, rows * chosen)
    return Layout(chosen, width, height, shown)


def _pixels(count: int, columns: int, width: int, ratio: float) -> int:
    size = Layout(columns, width, max(1, round(width * ratio)), count).size
    return size[0] * size[1]


def tile(
    pictures: Sequence[Path],
    captions: Sequence[str],
    out: Path,
    *,
    columns: int | None = None,
    tile_width: int = TILE_WIDTH,
) -> None:
    """Write `out`: the pictures in rows of `columns` (by default 4, more for a long deck), each
    `tile_width` wide (less for a long deck) with its caption below. Tiles take the first
    picture's proportions; a picture of another shape is fitted inside its tile, never
    stretched."""
    if len(pictures) != len(captions) or not pictures:
        raise ValueError("tile() needs one caption per picture, and at least one picture")
    with Image.open(pictures[0]) as first:
        ratio = first.height / first.width
    layout = plan(len(pictures), ratio, columns, tile_width)
    sheet = Image.new("RGB", layout.size, BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    # the bundled Carlito: the same captions on every machine, and it has the `·`
    font = ImageFont.truetype(str(font_file("Carlito")), CAPTION_SIZE)
    more = len(pictures) - layout.shown + 1 if layout.shown < len(pictures) else 0
    drawn = layout.shown - 1 if more else layout.shown
    tiles = _decoded(pictures[:drawn], layout.tile_width, layout.tile_height)
    for index, (small, text) in enumerate(zip(tiles, captions[:drawn], strict=True)):
        x, y = _place(index, layout)
        sheet.paste(small, (x + (layout.tile_width - small.width) // 2, y))
        draw.text(
            (x, y + layout.tile_height + 4),
            _fit_text(draw, text, font, layout.tile_width),
            LABEL,
            font,
        )
    if more:  # the last place says what the sheet leaves out
        x, y = _place(drawn, layout)
        note = _fit_text(draw, f"+{more} more slides", font, layout.tile_width)
        draw.text((x, y + layout.tile_height // 2), note, LABEL, font)
    sheet.save(out)  # optimize=True would take 4x as long to save 0.3%


def _place(index: int, layout: Layout) -> tuple[int, int]:
    """The top left corner of tile `index`."""
    x = GAP + (index % layout.columns) * (layout.tile_width + GAP)
    y = GAP + (index // layout.columns) * (layout.tile_height + CAPTION_HEIGHT + GAP)
    return x, y


def _decoded(pictures: Sequence[Path], width: int, height: int) -> Iterator[Image.Image]:
    """Each picture shrunk to its tile, in order, decoding a batch at a time in parallel:
    decoding a 1920-pixel PNG is most of the time, and Pillow does it outside the GIL."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for start in range(0, len(pictures), _BATCH):
            batch = pictures[start : start + _BATCH]
            yield from pool.map(lambda picture: _fitted(picture, width, height), batch)


def _fitted(path: Path, width: int, height: int) -> Image.Image:
    """The picture at `path` shrunk to fit `width` x `height`, keeping its proportions."""
    with Image.open(path) as picture:
        scale = min(width / picture.width, height / picture.height)
        size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        # reducing_gap: shrink by a whole factor first; as sharp, and 4x faster from 1920 px
        return picture.convert("RGB").resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _fit_text(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int
) -> str:
    """`text`, cut short with an ellipsis if it is wider than its tile."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"
