"""C303 colour that carries meaning without text, below WCAG 2.1 SC 1.4.11's 3:1: a filled
shape against what is behind it, and neighbouring series or bars of a chart against each other
when nothing but their colour tells them apart (no data labels)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule
from summarydeck.check.rules.contrast import beneath
from summarydeck.check.slide_areas import bleeds
from summarydeck.model.colour import NON_TEXT, contrast_ratio, shown_ratio
from summarydeck.ooxml.deck_view import DeckView, ShapeView, SlideView


@rule("non-text-contrast", per_slide=True)
def non_text_contrast(deck: DeckView, options: Options) -> Iterator[Finding]:
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.decorative:
                continue
            if shape.kind == "chart":
                yield from _chart(slide, shape)
            elif shape.kind == "shape" and shape.fill is not None and shape.box is not None:
                if bleeds(shape.box, deck):  # a background or band: nothing to tell apart
                    continue
                behind = beneath(slide, shape)
                if behind is None:
                    continue
                ratio = contrast_ratio(shape.fill, behind)
                if ratio < NON_TEXT:
                    yield Finding(
                        "C303",
                        f"the shape's fill {shape.fill} on {behind} has a contrast of "
                        f"{shown_ratio(ratio)}; a shape that means something without words "
                        f"needs {NON_TEXT:g}:1 (WCAG 2.1 SC 1.4.11)",
                        slide.number,
                        slide.name,
                        shape.name,
                        "darken the fill (or lighten what is behind it), or mark the shape "
                        "decorative if it only decorates",
                    )


def _chart(slide: SlideView, shape: ShapeView) -> Iterator[Finding]:
    if shape.chart_labelled:
        return  # each bar or slice carries its own value: colour is not the only cue
    fills = shape.chart_fills
    pairs = list(pairwise(fills))
    if shape.chart_ring and len(fills) > 2:
        pairs.append((fills[-1], fills[0]))
    if shape.chart_grouped:  # two bars of one group share a colour on purpose
        pairs = [(a, b) for a, b in pairs if a != b]
    ratios = [(contrast_ratio(a, b), a, b) for a, b in pairs if a is not None and b is not None]
    weak = [found for found in ratios if found[0] < NON_TEXT]
    if not weak:
        return
    ratio, a, b = min(weak)
    more = f" ({len(weak)} neighbouring pairs in all)" if len(weak) > 1 else ""
    yield Finding(
        "C303",
        f"neighbouring chart colours {a} and {b} have a contrast of {shown_ratio(ratio)} "
        f"against each other{more}; without data labels, colours that tell series or bars "
        f"apart need {NON_TEXT:g}:1 (WCAG 2.1 SC 1.4.11)",
        slide.number,
        slide.name,
        shape.name,
        "make neighbouring colours differ in lightness, not only hue, or show data labels",
    )
