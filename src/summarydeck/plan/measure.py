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
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import ImageFont

from summarydeck.markdown.typography import NBSP
from summarydeck.model.brand import Brand
from summarydeck.plan.fonts import Face, brand_file, face
from summarydeck.plan.types import BULLET_INDENT, TextElement, TextStyle
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
    shipped = _shipped_coverage(source)
    if shipped is not None:
        return shipped
    from fontTools.ttLib import TTFont  # only to read which characters the font has

    with TTFont(source.open(), lazy=True) as ttf:
        return frozenset(ttf.getBestCmap())


# the bundled fonts' characters, read from their files when they were added (see
# scripts/font_coverage.py): importing fontTools and reading five fonts took ~60 ms a process
_SHIPPED_FONTS = Path(__file__).resolve().parent.parent / "fonts"
COVERAGE_DATA = _SHIPPED_FONTS / "coverage.json"


def _shipped_coverage(source: Face) -> frozenset[int] | None:
    """The characters of a bundled font file from the shipped data; None for any other file,
    or one whose size is not the size the data was made from."""
    if source.data is not None or source.digest or source.path.parent != _SHIPPED_FONTS:
        return None
    known = _shipped().get(source.path.name)
    if known is None:
        return None
    size, characters = known
    try:
        if source.path.stat().st_size != size:
            return None
    except OSError:
        return None
    return characters


@functools.cache
def _shipped() -> dict[str, tuple[int, frozenset[int]]]:
    """File name -> (its size in bytes, its characters), from `COVERAGE_DATA`."""
    try:
        fonts = json.loads(COVERAGE_DATA.read_text("utf-8"))["fonts"]
    except (OSError, ValueError, KeyError):  # not installed with it: read the fonts instead
        return {}
    return {
        name: (entry["bytes"], _characters(entry["characters"])) for name, entry in fonts.items()
    }


def _characters(ranges: str) -> frozenset[int]:
    """Code points from hexadecimal ranges: `20-7e a0 a2-17f`."""
    out: list[int] = []
    for part in ranges.split():
        first, _, last = part.partition("-")
        out.extend(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(out)


_STYLES = ((False, False), (True, False), (False, True), (True, True))


def faces_key(family: str) -> tuple[object, ...]:
    """What decides the faces text in `family` is measured with, in every style: the brand's
    files for it (none: the bundled twin). Text measured under equal keys measures alike, so
    caches of measurements of more than a line are keyed by it."""
    return (family, *(brand_file(family, bold, italic) for bold, italic in _STYLES))


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


# A span as line counting reads it: its text, the face it is measured in (None for a line
# break, or no text: nothing measured), its size and whether it breaks only where it must.
_SpanKey = tuple[str, Face | None, float, bool]
# what is remembered of lines counted: paragraphs of a few runs, not pages of text cut up
_MOST_CACHED_SPANS = 32
_MOST_CACHED_CHARACTERS = 2_000


def count_lines(spans: Iterable[Span], width: float) -> int:
    """Lines the spans wrap to in a line `width` points wide (greedy, as viewers do).

    A span of "\\v" is a line break. Trailing spaces hang past the margin, as they do in
    PowerPoint and LibreOffice, so they never push a word onto the next line.
    """
    return _lines(
        tuple(_span_key(s.text, s.family, s.size, s.bold, s.italic, s.atomic) for s in spans),
        width,
    )


def _span_key(
    text: str, family: str, size: float, bold: bool, italic: bool, atomic: bool
) -> _SpanKey:
    # the face only for text that is measured: a family without files is an error only then
    source = face(family, bold, italic) if text and text != "\v" else None
    return text, source, size, atomic


def _lines(spans: tuple[_SpanKey, ...], width: float) -> int:
    if len(spans) > _MOST_CACHED_SPANS or sum(len(s[0]) for s in spans) > _MOST_CACHED_CHARACTERS:
        return _count_lines(spans, width)
    return _count_lines_cached(spans, width)


# by spans and width: fitting tries each frame at several sizes, and a rebuild after a small
# edit counts the same lines again (a few hundred bytes an entry)
@functools.lru_cache(maxsize=32_768)
def _count_lines_cached(spans: tuple[_SpanKey, ...], width: float) -> int:
    return _count_lines(spans, width)


def _widths(text: str, source: Face, atomic: bool) -> tuple[float, ...]:
    if len(text) > _MOST_CACHED_CHARACTERS:  # kept out of the cache: long, and rarely again
        return _piece_widths(text, source, atomic)
    return _piece_widths_cached(text, source, atomic)


# by text and face: the words of a paragraph measured once, at the reference size, for every
# size and width fitting tries (a table's columns are tried at dozens of widths)
@functools.lru_cache(maxsize=8_192)
def _piece_widths_cached(text: str, source: Face, atomic: bool) -> tuple[float, ...]:
    return _piece_widths(text, source, atomic)


def _piece_widths(text: str, source: Face, atomic: bool) -> tuple[float, ...]:
    """Each place a line of `text` may break, as two widths at the reference size: the word
    before it (-1 when there is none: only spaces) and the spaces after it (0 when none)."""
    widths: list[float] = []
    for piece in (text,) if atomic else segments(text):
        word = piece.rstrip(" ")
        widths.append(_reference_width(word, source) if word else -1.0)
        spaces = piece[len(word) :]
        widths.append(_reference_width(spaces, source) if spaces else 0.0)
    return tuple(widths)


def _count_lines(spans: tuple[_SpanKey, ...], width: float) -> int:
    return lines_in(_laid_out(spans), width)


# in a paragraph laid out for counting (`_laid_out`), a "word" of this width is a line break
_LINE_BREAK = -2.0
_NO_WORD = -1.0  # a place to break after spaces only


def _laid_out(spans: tuple[_SpanKey, ...]) -> tuple[float, ...]:
    """The spans as (word width, width of the spaces after it) pairs in points, one after the
    other, a line break as `_LINE_BREAK`: all that line counting needs, at any width."""
    pairs: list[float] = []
    # the same text in the same face again (a paragraph cut into words and joined up by
    # continuation repeats many): looked up here, not hashed with its face again
    seen: dict[tuple[str, int, bool], tuple[float, ...]] = {}
    for text, source, size, atomic in spans:
        if text == "\v":
            pairs += (_LINE_BREAK, 0.0)
            continue
        if source is None:
            continue
        key = (text, id(source), atomic)  # the face is alive while `spans` is
        widths = seen.get(key)
        if widths is None:
            widths = seen[key] = _widths(text, source, atomic)
        for index in range(0, len(widths), 2):
            # the same arithmetic as `text_width`: the same widths to the last bit
            word_width, space_width = widths[index], widths[index + 1]
            word = word_width * size / _REFERENCE_SIZE if word_width >= 0 else _NO_WORD
            pairs += (word, space_width * size / _REFERENCE_SIZE)
    return tuple(pairs)


def lines_in(pairs: tuple[float, ...], width: float) -> int:
    """Lines a paragraph laid out as (word, spaces) width pairs (`laid_out`) wraps to in a line
    `width` points wide."""
    # LibreOffice (and PowerPoint) fit slightly less on a long line than the fonts' advance
    # widths add up to (kerning and justification differ): measure against a line 0.3%
    # shorter, so a line we call full never overflows in the viewer
    available = max(1.0, width * LINE_WIDTH_SHARE)
    lines, current, pending_space = 1, 0.0, 0.0
    each = iter(pairs)
    for w, space in zip(each, each, strict=True):
        if w < 0:
            if w == _LINE_BREAK:
                lines, current, pending_space = lines + 1, 0.0, 0.0
            else:
                pending_space += space
            continue
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


def laid_out(
    para: Paragraph, family: str, bold: bool, size: float, italic: bool = False
) -> tuple[tuple[float, ...], float]:
    """`para` laid out for `lines_in` (as `wrap_lines` sets it), and its indent in points: to
    count its lines at many widths, measuring its words once."""
    return _laid_out(_paragraph_spans(para, family, bold, size, italic)), _indent(para)


def _paragraph_spans(
    para: Paragraph, family: str, bold: bool, size: float, italic: bool
) -> tuple[_SpanKey, ...]:
    faces: dict[tuple[bool, bool], Face] = {}  # each style's face looked up once a paragraph
    spans = []
    for run in para.runs:
        text = run.text
        source = None
        if text and text != "\v":  # as `_span_key`: a face only for text that is measured
            style = (bold or run.bold, italic or run.italic)
            source = faces.get(style)
            if source is None:
                source = faces[style] = face(family, *style)
        spans.append((text, source, size, bool(run.link)))
    return tuple(spans)


def wrap_lines(
    para: Paragraph, family: str, bold: bool, size: float, width: float, italic: bool = False
) -> int:
    """How many lines `para` takes in a column `width` points wide.

    `bold` and `italic` are the frame's style; a run's own bold or italic adds to them.
    """
    return _lines(_paragraph_spans(para, family, bold, size, italic), width - _indent(para))


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
    style = element.style
    family = brand.fonts.heading if style.font == "heading" else brand.fonts.body
    width = (element.box.width - 2 * element.inset) / EMU_PER_PT
    return frame_height(element.paragraphs, family, style, size, width)


def frame_height(
    paragraphs: Sequence[Paragraph], family: str, style: TextStyle, size: float, width: float
) -> float:
    """Height in points `paragraphs` need at `size`, set in `family` and `style` in a frame
    whose text is `width` points wide (what `text_height` measures, without a frame)."""
    count = len(paragraphs)
    pitch = LINE_PITCH * size * style.line_spacing
    return stack_height(
        [wrap_lines(para, family, style.bold, size, width, style.italic) for para in paragraphs],
        [pitch] * count,
        [0.0] * count,
        [style.space_after] * count,
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
