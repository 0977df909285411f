"""Keep a single word from standing alone on the last line of a title or a quote.

A title that ends "... with each" / "person" reads as a mistake at projector size. The fix a
typesetter makes is to bind the last two words with a non-breaking space, so the line before
gives one word up; measuring tells us when that is needed, at the size the text is set at.
"""

from __future__ import annotations

import dataclasses

from summarydeck.markdown.typography import NBSP
from summarydeck.model.brand import Brand
from summarydeck.plan.measure import paragraph_lines
from summarydeck.plan.types import SlidePlan, TextElement
from summarydeck.values import Paragraph

# the frames where a lonely last word shows: titles and quotes (body text wraps freely)
LONELY_WORD_FRAMES = frozenset({"Title", "Quote"})


def without_lonely_words(plan: SlidePlan, brand: Brand) -> SlidePlan:
    """`plan` with the title and any quote bound so that no last line holds a single word."""
    elements = tuple(
        bind_last_words(e, brand)
        if isinstance(e, TextElement) and e.name in LONELY_WORD_FRAMES
        else e
        for e in plan.elements
    )
    return dataclasses.replace(plan, title=bind_last_words(plan.title, brand), elements=elements)


def bind_last_words(element: TextElement, brand: Brand) -> TextElement:
    """The element with each paragraph whose last line is one word bound at its last space,
    unless binding would take more lines than the paragraph has."""
    size = element.style.size
    lines = paragraph_lines(element, brand, size)
    paragraphs = list(element.paragraphs)
    for index, para in enumerate(paragraphs):
        if lines[index] < 2 or not _last_word_alone(element, para, brand):
            continue
        bound = _bound(para)
        if bound is not None and _lines(element, bound, brand) == lines[index]:
            paragraphs[index] = bound
    if paragraphs == list(element.paragraphs):
        return element
    return dataclasses.replace(element, paragraphs=tuple(paragraphs))


def _lines(element: TextElement, para: Paragraph, brand: Brand) -> int:
    single = dataclasses.replace(element, paragraphs=(para,))
    return paragraph_lines(single, brand, element.style.size)[0]


def _last_word_alone(element: TextElement, para: Paragraph, brand: Brand) -> bool:
    """True when the last line holds only the last word: dropping that word drops a line."""
    last = para.runs[-1]
    text = last.text.rstrip()
    cut = text.rfind(" ")
    if cut < 0:
        return False
    shorter = dataclasses.replace(
        para, runs=(*para.runs[:-1], dataclasses.replace(last, text=text[:cut]))
    )
    return _lines(element, shorter, brand) < _lines(element, para, brand)


def _bound(para: Paragraph) -> Paragraph | None:
    """`para` with the space before its last word made non-breaking (None when the last
    two words are not in one run: a link or bold word ends it)."""
    last = para.runs[-1]
    text = last.text.rstrip()
    cut = text.rfind(" ")
    if cut < 0:
        return None
    joined = text[:cut] + NBSP + last.text[cut + 1 :]
    return dataclasses.replace(para, runs=(*para.runs[:-1], dataclasses.replace(last, text=joined)))
