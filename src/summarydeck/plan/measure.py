"""Measure text with real font metrics: how many lines a paragraph wraps to, how tall a frame is.

Pillow's `getlength` on the bundled metric-compatible TTFs (or the brand's own font files, see
`plan/fonts.py`) matches LibreOffice's widths closely;
each run is measured in its own face (bold, italic) and size. Lines break where LibreOffice and
PowerPoint break them: at spaces and after a hyphen or dash between words; a word wider than the
line breaks wherever it must (a long web address). We add line pitch (1.2 x size x spacing),
paragraph spacing, bullet indents and the frame's insets.

Characters the font has no glyph for (emoji, Arabic in Calibri) are drawn by the viewer from a
fallback font we cannot know, so they are measured at a generous fixed width: text that mixes
them in still fits, at worst with a little room to spare.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PIL import ImageFont

from summarydeck.markdown.typography import NBSP
from summarydeck.model.brand import Brand
from summarydeck.plan.fonts import Face, face
from summarydeck.plan.types import BULLET_INDENT, TextElement
from summarydeck.values import EMU_PER_PT, Paragraph

_REFERENCE_SIZE = 1000  # measure at a large size, then scale: avoids hinting/rounding error
BULLET_INDENT_PT = BULLET_INDENT / EMU_PER_PT
LINE_PITCH = 1.2
LINE_WIDTH_SHARE = 0.997
# em widths for characters outside the font: emoji and wide (CJK) characters take about an
# em and a quarter in colour-emoji fonts; anything else a fallback font draws, about two-thirds
_WIDE_FALLBACK_EM = 1.3
_FALLBACK_EM = 0.7
# a line may break after a hyphen or dash that joins two words ("self-|management"), as
# LibreOffice and PowerPoint do, but not inside numbers ("12-14") and not at a slash
_BREAK_AFTER = re.compile(r"(?<=[^\W\d_][-‐])(?=[^\W\d_])|(?<=[–—])(?=\w)")


@dataclass(frozen=True)
class Span:
    """A run of text in one face and size, as measuring sees it."""

    text: str
    family: str
    size: float
    bold: bool = False
    italic: bool = False
    atomic: bool = False  # breaks only where it must: LibreOffice draws a link as one field


# keyed by face, not family: a family's files may change between builds (watch, tests); a few
# faces only, so a brand font replaced while watching does not stay in memory
@functools.lru_cache(maxsize=32)
def _font(source: Face) -> Any:
    return ImageFont.truetype(source.open(), _REFERENCE_SIZE)


@functools.lru_cache(maxsize=32)
def _coverage(source: Face) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # only to read which characters the font has

    with TTFont(source.open(), lazy=True) as ttf:
        return frozenset(ttf.getBestCmap())


def missing_character(text: str, family: str, bold: bool = False) -> str | None:
    """The first character of `text` that the font for `family` has no glyph for: what a
    picture chart, drawn with that font alone, would show as an empty box."""
    covered = _coverage(face(family, bold))
    return next((c for c in text if not c.isspace() and ord(c) not in covered), None)


def text_width(text: str, family: str, bold: bool, size: float, italic: bool = False) -> float:
    """Width in points of `text` set in `family` at `size` points."""
    return _reference_width(text, face(family, bold, italic)) * size / _REFERENCE_SIZE


@functools.lru_cache(maxsize=65_536)
def _reference_width(text: str, source: Face) -> float:
    # fitting measures the same words at many sizes: measure each once, then scale
    # a non-breaking space is drawn as a space (Carlito has no glyph of its own for it)
    text = text.replace(NBSP, " ")
    covered = _coverage(source)
    if all(ord(c) in covered for c in text):
        return float(_font(source).getlength(text))
    width, start = 0.0, 0
    font = _font(source)
    for index, char in enumerate(text):
        if ord(char) in covered:
            continue
        if start < index:
            width += font.getlength(text[start:index])
        width += _fallback_width(char) * _REFERENCE_SIZE
        start = index + 1
    if start < len(text):
        width += font.getlength(text[start:])
    return width


def _fallback_width(char: str) -> float:
    """Em width of a character the font lacks: zero for joiners, selectors and combining
    marks (they draw nothing on their own), generous for the rest."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F") or ord(char) >= 0x1F000:
        return _WIDE_FALLBACK_EM
    return _FALLBACK_EM


def _indent(para: Paragraph) -> float:
    steps = para.level + 1 if para.bullet != "none" else para.level
    return steps * BULLET_INDENT_PT


@functools.lru_cache(maxsize=16_384)
def segments(text: str) -> tuple[str, ...]:
    """`text` cut at every place a line may break; each piece keeps its trailing space."""
    pieces: list[str] = []
    for word in re.findall(r"[^ ]+ *| +", text):
        pieces.extend(_BREAK_AFTER.split(word))
    return tuple(pieces)


def count_lines(spans: Iterable[Span], width: float) -> int:
    """Lines the spans wrap to in a line `width` points wide (greedy, as viewers do).

    A span of "\\v" is a line break. Trailing spaces hang past the margin, as they do in
    PowerPoint and LibreOffice, so they never push a word onto the next line.
    """
    # LibreOffice (and PowerPoint) fit slightly less on a long line than the fonts' advance
    # widths add up to (kerning and justification differ): measure against a line 0.3%
    # shorter, so a line we call full never overflows in the viewer
    available = max(1.0, width * LINE_WIDTH_SHARE)
    lines, current, pending_space = 1, 0.0, 0.0
    for span in spans:
        if span.text == "\v":
            lines, current, pending_space = lines + 1, 0.0, 0.0
            continue
        for piece in (span.text,) if span.atomic else segments(span.text):
            word = piece.rstrip(" ")
            space = (
                text_width(piece[len(word) :], span.family, span.bold, span.size, span.italic)
                if len(word) < len(piece)
                else 0.0
            )
            if not word:
                pending_space += space
                continue
            w = text_width(word, span.family, span.bold, span.size, span.italic)
            if current > 0 and current + pending_space + w > available + 0.01:
                lines += 1
                current, pending_space = 0.0, 0.0
            else:
                current += pending_space
            # a word wider than the line breaks across lines wherever it must
            while current + w > available + 0.01 and w > 0:
                taken = available - current
                lines += 1
                w -= taken
                current = 0.0
            current += w
            pending_space = space
    return lines


def wrap_lines(
    para: Paragraph, family: str, bold: bool, size: float, width: float, italic: bool = False
) -> int:
    """How many lines `para` takes in a column `width` points wide.

    `bold` and `italic` are the frame's style; a run's own bold or italic adds to them.
    """
    spans = (
        Span(run.text, family, size, bold or run.bold, italic or run.italic, bool(run.link))
        for run in para.runs
    )
    return count_lines(spans, width - _indent(para))


def paragraph_lines(element: TextElement, brand: Brand, size: float) -> list[int]:
    """Lines each paragraph of the element takes at `size`."""
    style = element.style
    family = brand.fonts.heading if style.font == "heading" else brand.fonts.body
    width = (element.box.width - 2 * element.inset) / EMU_PER_PT
    return [
        wrap_lines(para, family, style.bold, size, width, style.italic)
        for para in element.paragraphs
    ]


def text_height(element: TextElement, brand: Brand, size: float) -> float:
    """Height in points the element's text needs at `size`."""
    count = len(element.paragraphs)
    pitch = LINE_PITCH * size * element.style.line_spacing
    return stack_height(
        paragraph_lines(element, brand, size),
        [pitch] * count,
        [0.0] * count,
        [element.style.space_after] * count,
    )


def stack_height(
    lines: Sequence[int],
    pitches: Sequence[float],
    before: Sequence[float],
    after: Sequence[float],
) -> float:
    """Height of a frame's paragraphs: each `lines` lines at its line pitch (points), with the
    space before each paragraph but the first and after each but the last (the one rule both
    the build's fitting and `check` use)."""
    total = sum(n * pitch for n, pitch in zip(lines, pitches, strict=True))
    total += sum(before[1:]) + sum(after[:-1])
    return total


def needed_emu(element: TextElement, brand: Brand) -> int:
    """The height in EMU the element's text needs at its own (starting) size."""
    return round(text_height(element, brand, element.style.size) * EMU_PER_PT)


def available_height(element: TextElement) -> float:
    return (element.box.height - element.inset) / EMU_PER_PT


def needed_width(element: TextElement, brand: Brand) -> float:
    """Width in points of the element's widest paragraph set on one line, at its size."""
    style = element.style
    family = brand.fonts.heading if style.font == "heading" else brand.fonts.body
    return max(
        (
            sum(
                text_width(run.text, family, style.bold or run.bold, style.size, run.italic)
                for run in para.runs
            )
            for para in element.paragraphs
        ),
        default=0.0,
    )
