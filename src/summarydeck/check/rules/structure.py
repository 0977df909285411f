"""What assistive technology relies on: C401 alt text, C402/C403 titles, C404 reading order,
C405 empty placeholders."""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule
from summarydeck.ooxml.deck_view import DeckView, ShapeView

_NEEDS_ALT = ("picture", "chart", "graphic")


# what python-pptx and some exporters write when nobody wrote alt text: the file's name
_FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif|bmp|tiff?|svg|emf|wmf|webp)$", re.IGNORECASE)


@rule("alt-text", per_slide=True)
def alt_text(deck: DeckView, options: Options) -> Iterator[Finding]:
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.kind not in _NEEDS_ALT or shape.decorative:
                continue
            what = "chart" if shape.kind == "chart" else "picture"
            if not shape.alt_text or _FILE_NAME.match(shape.alt_text):
                why = (
                    f"its alt text is only a file name ({shape.alt_text})"
                    if shape.alt_text
                    else "it has no alt text"
                )
                yield Finding(
                    "C401",
                    f"the {what}: {why}, so screen-reader users miss it",
                    slide.number,
                    slide.name,
                    shape.name,
                    "say what it shows (for a chart: its message and numbers), or mark it "
                    "decorative if it adds nothing",
                )


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@rule("titles")
def titles(deck: DeckView, options: Options) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for slide in deck.slides:
        title = slide.title
        if title is None or not title.has_text:
            yield Finding(
                "C402",
                "the slide has no title; screen-reader users find slides by their titles",
                slide.number,
                slide.name,
                title.name if title else None,
                "give it a title (it can be placed off-slide or kept short if the design has none)",
            )
            continue
        key = _normal(title.text)
        if key in seen:
            yield Finding(
                "C403",
                f'the slide has the same title as slide {seen[key]}: "{title.text.strip()}"',
                slide.number,
                slide.name,
                title.name,
                "make each title unique, for example add “(continued)” or what differs",
            )
        else:
            seen[key] = slide.number


def _read_aloud(shape: ShapeView) -> bool:
    return not shape.decorative and (shape.has_text or bool(shape.alt_text))


@rule("reading-order", per_slide=True)
def reading_order(deck: DeckView, options: Options) -> Iterator[Finding]:
    for slide in deck.slides:
        title = slide.title
        if title is None or not title.has_text:
            continue
        first = next((s for s in slide.shapes if _read_aloud(s)), None)
        if first is not None and first is not title:
            yield Finding(
                "C404",
                f"a screen reader reads “{first.name}” before the slide's title",
                slide.number,
                slide.name,
                first.name,
                "move the title to the top of the reading order (Arrange > Selection Pane: "
                "the bottom of the list is read first)",
            )


@rule("empty-placeholders", per_slide=True)
def empty_placeholders(deck: DeckView, options: Options) -> Iterator[Finding]:
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.placeholder is None or shape.is_title or shape.has_text:
                continue
            if shape.kind in ("picture", "chart", "table", "graphic"):
                continue
            yield Finding(
                "C405",
                f"the {shape.placeholder} placeholder is empty: it shows “Click to add text” "
                "when editing and is announced by screen readers",
                slide.number,
                slide.name,
                shape.name,
                "delete it, or fill it",
            )
