"""C301 text whose contrast with what is behind it is below WCAG 2.1 AA; C302 when unknowable."""

from __future__ import annotations

from collections.abc import Iterator

from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule
from summarydeck.model.colour import contrast_ratio, shown_ratio
from summarydeck.ooxml.deck_view import DeckView, ShapeView, SlideView

NORMAL, LARGE = 4.5, 3.0  # WCAG 2.1 AA; large is 18 pt, or 14 pt bold


@rule("contrast", per_slide=True)
def contrast(deck: DeckView, options: Options) -> Iterator[Finding]:
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.kind != "text":
                continue
            backdrop = _backdrop(slide, shape)
            if backdrop is None:
                yield Finding(
                    "C302",
                    "text sits on a picture or gradient, so its contrast cannot be checked",
                    slide.number,
                    slide.name,
                    shape.name,
                    "check it by eye, or put the text on a solid panel",
                )
                continue
            worst: tuple[float, float, str, float] | None = None  # ratio, needed, colour, size
            unknown = False
            for para in shape.paragraphs:
                for run in para.runs:
                    if not run.text.strip():
                        continue
                    if run.colour is None:
                        unknown = True
                        continue
                    large = run.size >= 18 or (run.bold and run.size >= 14)
                    needed = LARGE if large else NORMAL
                    ratio = contrast_ratio(run.colour, backdrop)
                    if ratio < needed and (worst is None or ratio / needed < worst[0] / worst[1]):
                        worst = (ratio, needed, run.colour, run.size)
            if unknown and worst is None:
                yield Finding(
                    "C302",
                    "the text's colour is written in a form summarydeck cannot resolve, so its "
                    "contrast cannot be checked",
                    slide.number,
                    slide.name,
                    shape.name,
                    "check it by eye, or set the colour as an RGB or theme colour",
                )
            if worst is not None:
                ratio, needed, colour, size = worst
                yield Finding(
                    "C301",
                    f"text {colour} at {size:g} pt on {backdrop} has a contrast of "
                    f"{shown_ratio(ratio)}; WCAG 2.1 AA asks for {needed:g}:1",
                    slide.number,
                    slide.name,
                    shape.name,
                    "darken the text or lighten what is behind it (or the reverse)",
                )


def _backdrop(slide: SlideView, shape: ShapeView) -> str | None:
    """The colour behind the shape's text: its own fill, else the nearest filled shape beneath
    that covers most of it, else the slide's background. None when that is a picture."""
    if shape.fill is not None:
        return shape.fill
    if shape.fill_unknown:
        return None
    return beneath(slide, shape)


def beneath(slide: SlideView, shape: ShapeView) -> str | None:
    """The colour behind the shape: the nearest filled shape beneath it that covers most of
    it, else the slide's background. None when that is a picture or gradient."""
    box = shape.box
    if box is None:
        return slide.background
    area = max(1, box.width * box.height)
    for below in sorted(slide.shapes, key=lambda s: -s.order):
        if below.order >= shape.order or below.box is None:
            continue
        b = below.box
        overlap_w = min(box.right, b.right) - max(box.left, b.left)
        overlap_h = min(box.bottom, b.bottom) - max(box.top, b.top)
        if overlap_w <= 0 or overlap_h <= 0 or overlap_w * overlap_h < area / 2:
            continue
        if below.kind in ("picture", "chart", "graphic") or below.fill_unknown:
            return None
        if below.fill is not None:
            return below.fill
    return slide.background
