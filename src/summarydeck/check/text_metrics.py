"""How much room a shape's text needs, measured as the build measures it (`plan.measure`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from summarydeck.ooxml.deck_view import ShapeView, TextParagraph
from summarydeck.plan.fonts import measurable
from summarydeck.plan.measure import (
    LINE_PITCH,
    Span,
    count_lines,
    segments,
    stack_height,
    text_width,
)
from summarydeck.values import EMU_PER_PT


@dataclass(frozen=True)
class Measured:
    lines: tuple[int, ...]  # per paragraph
    needed: float  # points of height the text needs
    room: float  # points of height inside the insets
    widest: float  # the widest unwrapped line, in points (for text that does not wrap)
    width: float  # points of width inside the insets


def unmeasurable_fonts(shape: ShapeView) -> set[str]:
    """Typefaces in the shape we have no metrics for: neither a bundled twin nor a font the
    brand gave the files of."""
    fonts = {r.font for p in shape.paragraphs for r in p.runs if r.text.strip()}
    return {font for font in fonts if not measurable(font)}


def measure_shape(shape: ShapeView) -> Measured | None:
    """The shape's text measured; None when it has no box or uses a font we cannot measure."""
    if shape.box is None or unmeasurable_fonts(shape):
        return None
    left, top, right, bottom = shape.insets
    width = (shape.box.width - left - right) / EMU_PER_PT
    room = (shape.box.height - top - bottom) / EMU_PER_PT
    lines, pitches, widest = [], [], 0.0
    for para in shape.paragraphs:
        spans = _spans(para)
        if shape.wrap:
            count = count_lines(spans, width - para.margin_left) if para.runs else 1
        else:
            count = 1 + sum(s.text == "\v" for s in spans)
            widest = max(widest, para.margin_left + _widest_line(spans))
        lines.append(count)
        pitches.append(para.line_spacing_points or LINE_PITCH * para.size * para.line_spacing)
    needed = stack_height(
        lines,
        pitches,
        [p.space_before for p in shape.paragraphs],
        [p.space_after for p in shape.paragraphs],
    )
    return Measured(tuple(lines), needed, room, widest, width)


def lonely_word(shape: ShapeView) -> str | None:
    """The word standing alone on the last line of one of the shape's wrapped paragraphs, if
    any: with greedy wrapping, a last word is alone exactly when the paragraph without it takes
    one line fewer. A line break typed before it is a choice, not a wrap, and is left alone."""
    if shape.box is None or not shape.wrap or unmeasurable_fonts(shape):
        return None
    width = (shape.box.width - shape.insets[0] - shape.insets[2]) / EMU_PER_PT
    for para in shape.paragraphs:
        spans = _spans(para)
        room = width - para.margin_left
        lines = count_lines(spans, room) if spans else 1
        last = max((i for i, s in enumerate(spans) if s.text.strip()), default=None)
        if lines < 2 or last is None or spans[last].atomic:
            continue
        text = spans[last].text.rstrip()
        word = segments(text)[-1]
        if any(c.isspace() for c in word):  # words bound by a non-breaking space go together
            continue
        rest = text[: len(text) - len(word)]
        trimmed = spans[:last] + ([replace(spans[last], text=rest)] if rest else [])
        if count_lines(trimmed, room) == lines - 1:
            return word
    return None


def _spans(para: TextParagraph) -> list[Span]:
    return [Span(r.text, r.font, r.size, r.bold, r.italic, bool(r.link)) for r in para.runs]


def _widest_line(spans: list[Span]) -> float:
    widest = current = 0.0
    for span in spans:
        if span.text == "\v":
            widest, current = max(widest, current), 0.0
        else:
            current += text_width(span.text, span.family, span.bold, span.size, span.italic)
    return max(widest, current)
