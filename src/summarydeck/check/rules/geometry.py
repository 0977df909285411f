"""C501 shapes reaching past the slide's edges; C502 text overlapping other content."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule
from summarydeck.ooxml.deck_view import DeckView, ShapeView
from summarydeck.values import Box, inches

MIN_OVERLAP = inches(0.02)  # both ways: touching edges are not an overlap


def sides_past(box: Box, width: int, height: int) -> list[str]:
    """The edges of a `width` x `height` slide that `box` reaches past: left, top ..."""
    return [
        side
        for side, out in (
            ("left", box.left < 0),
            ("top", box.top < 0),
            ("right", box.right > width),
            ("bottom", box.bottom > height),
        )
        if out
    ]


@rule("off-slide", per_slide=True)
def off_slide(deck: DeckView, options: Options) -> Iterator[Finding]:
    for slide in deck.slides:
        for shape in slide.shapes:
            box = shape.box
            if box is None:
                continue
            sides = sides_past(box, deck.width, deck.height)
            if sides:
                yield Finding(
                    "C501",
                    f"the shape reaches past the slide's {' and '.join(sides)} edge",
                    slide.number,
                    slide.name,
                    shape.name,
                    "move or shrink it so it lies inside the slide",
                )


def _blocks_text(shape: ShapeView) -> bool:
    return shape.kind == "text" or (
        shape.kind in ("picture", "chart", "table", "graphic") and not shape.decorative
    )


@rule("overlap", per_slide=True)
def overlap(deck: DeckView, options: Options) -> Iterator[Finding]:
    for slide in deck.slides:
        shapes = [s for s in slide.shapes if s.box is not None and _blocks_text(s)]
        for a, b in combinations(shapes, 2):
            if a.kind != "text" and b.kind != "text":
                continue
            assert a.box is not None and b.box is not None
            width = min(a.box.right, b.box.right) - max(a.box.left, b.box.left)
            height = min(a.box.bottom, b.box.bottom) - max(a.box.top, b.box.top)
            if width > MIN_OVERLAP and height > MIN_OVERLAP:
                upper, lower = (a, b) if a.order > b.order else (b, a)
                yield Finding(
                    "C502",
                    f"“{upper.name}” overlaps “{lower.name}”",
                    slide.number,
                    slide.name,
                    upper.name,
                    "move them apart so neither hides the other",
                )
