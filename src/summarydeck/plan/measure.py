"""Measure text with real font metrics: how many lines a paragraph wraps to, how tall a frame is.

Pillow's `getlength` on the bundled metric-compatible TTFs matches LibreOffice's widths closely;
each run is measured in its own face (bold, italic), we wrap greedily at spaces like PowerPoint
does and add line pitch (1.2 x size x spacing), paragraph spacing, bullet indents and the frame's
insets.
"""

from __future__ import annotations

import functools
from typing import Any

from PIL import ImageFont

from summarydeck.model.brand import Brand
from summarydeck.plan.fonts import font_file
from summarydeck.plan.types import BULLET_INDENT, EMU_PER_PT, Paragraph, TextElement

_REFERENCE_SIZE = 1000  # measure at a large size, then scale: avoids hinting/rounding error
BULLET_INDENT_PT = BULLET_INDENT / EMU_PER_PT
LINE_PITCH = 1.2


@functools.cache
def _font(family: str, bold: bool, italic: bool = False) -> Any:
    return ImageFont.truetype(str(font_file(family, bold, italic)), _REFERENCE_SIZE)


def text_width(text: str, family: str, bold: bool, size: float, italic: bool = False) -> float:
    """Width in points of `text` set in `family` at `size` points."""
    return _reference_width(text, family, bold, italic) * size / _REFERENCE_SIZE


@functools.lru_cache(maxsize=65_536)
def _reference_width(text: str, family: str, bold: bool, italic: bool) -> float:
    # fitting measures the same words at many sizes: measure each once, then scale
    return float(_font(family, bold, italic).getlength(text))


def _indent(para: Paragraph) -> float:
    steps = para.level + 1 if para.bullet != "none" else para.level
    return steps * BULLET_INDENT_PT


def wrap_lines(
    para: Paragraph, family: str, bold: bool, size: float, width: float, italic: bool = False
) -> int:
    """How many lines `para` takes in a column `width` points wide (greedy, at spaces).

    `bold` and `italic` are the frame's style; a run's own bold or italic adds to them.
    """
    available = max(1.0, width - _indent(para))
    lines, current = 1, 0.0
    for run in para.runs:
        if run.text == "\v":
            lines, current = lines + 1, 0.0
            continue
        run_bold, run_italic = bold or run.bold, italic or run.italic
        space = text_width(" ", family, run_bold, size, run_italic)
        words = run.text.split(" ")
        for index, word in enumerate(words):
            if index > 0:
                current += space
            if not word:
                continue
            w = text_width(word, family, run_bold, size, run_italic)
            if current > 0 and current + w > available + 0.01:
                lines += 1
                current = 0.0
            # a word wider than the column breaks across lines, as PowerPoint does
            while w > available:
                lines += 1
                w -= available
            current += w
    return lines


def text_height(element: TextElement, brand: Brand, size: float) -> float:
    """Height in points the element's text needs at `size`."""
    style = element.style
    family = brand.fonts.heading if style.font == "heading" else brand.fonts.body
    width = (element.box.width - 2 * element.inset) / EMU_PER_PT
    total = 0.0
    for index, para in enumerate(element.paragraphs):
        lines = wrap_lines(para, family, style.bold, size, width, style.italic)
        total += lines * LINE_PITCH * size * style.line_spacing
        if index < len(element.paragraphs) - 1:
            total += style.space_after
    return total


def needed_emu(element: TextElement, brand: Brand) -> int:
    """The height in EMU the element's text needs at its own (starting) size."""
    return round(text_height(element, brand, element.style.size) * EMU_PER_PT)


def available_height(element: TextElement) -> float:
    return (element.box.height - element.inset) / EMU_PER_PT
