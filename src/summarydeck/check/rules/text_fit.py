"""C201 text that overflows its box, C202 text below the minimum size, C203 unmeasured fonts."""

from __future__ import annotations

from collections.abc import Iterator

from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule
from summarydeck.check.text_metrics import measure_shape, unmeasurable_fonts
from summarydeck.ooxml.deck_view import DeckView, ShapeView, SlideView
from summarydeck.values import EMU_PER_PT

TOLERANCE = 0.5  # points: rounding in sizes written to the file, not a real overflow


@rule("overflow", per_slide=True)
def overflow(deck: DeckView, options: Options) -> Iterator[Finding]:
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.kind != "text" or shape.vertical or unmeasurable_fonts(shape):
                continue  # text in a font we cannot measure: `unmeasured_fonts` says so
            yield from _overflow(slide, shape, deck)


@rule("unmeasured-fonts")
def unmeasured_fonts(deck: DeckView, options: Options) -> Iterator[Finding]:
    """C203 once per font, where it is first used: a deck-wide check, so the overflow check
    can judge each slide on its own."""
    unmeasured: set[str] = set()
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.kind != "text" or shape.vertical:
                continue
            fonts = unmeasurable_fonts(shape)
            new = fonts - unmeasured
            unmeasured |= fonts
            if new:
                yield _found(
                    "C203",
                    slide,
                    shape,
                    f"text set in {', '.join(sorted(new))} is not checked for overflow: "
                    "summarydeck has no metrics for it",
                    "use Calibri, Arial or Cambria (or their free twins Carlito, "
                    "Liberation Sans, Caladea); or, for a deck built from content, give "
                    "the font's files under `brand.fonts.files`",
                )


def _overflow(slide: SlideView, shape: ShapeView, deck: DeckView) -> Iterator[Finding]:
    measured = measure_shape(shape)
    if measured is None or shape.box is None:
        return
    if not shape.wrap:
        # a box that does not wrap lets its lines run on (PowerPoint widens a box that grows):
        # a problem only when a line runs past the slide's edge
        right = shape.box.left + shape.insets[0] + measured.widest * EMU_PER_PT
        if right > deck.width + TOLERANCE * EMU_PER_PT:
            yield _found(
                "C201",
                slide,
                shape,
                f"a line runs {(right - deck.width) / EMU_PER_PT:.0f} pt past the slide's right "
                "edge: the box does not wrap text",
                "turn on word wrap (Format Shape > Text Box > Wrap text), or shorten the line",
            )
    if shape.autofit == "grow":
        # the box grows to fit its text: a problem only when it grows off the slide
        bottom = shape.box.top + (measured.needed * EMU_PER_PT) + shape.insets[1] + shape.insets[3]
        if bottom > deck.height + TOLERANCE * EMU_PER_PT:
            yield _found(
                "C201",
                slide,
                shape,
                "the box grows to fit its text and then reaches past the slide's bottom edge",
                "shorten the text",
            )
        return
    excess = measured.needed - measured.room
    if excess > TOLERANCE:
        yield _found(
            "C201",
            slide,
            shape,
            f"the text needs {measured.needed:.0f} pt of height but its box holds "
            f"{measured.room:.0f} pt ({sum(measured.lines)} lines)",
            f"shorten it by about {min(90, max(5, round(100 * excess / measured.needed)))}%, "
            "or give it a larger box",
        )


@rule("text-size", per_slide=True)
def text_size(deck: DeckView, options: Options) -> Iterator[Finding]:
    for slide in deck.slides:
        for shape in slide.shapes:
            sizes = [r.size for p in shape.paragraphs for r in p.runs if r.text.strip()]
            sizes += list(shape.chart_sizes)
            if sizes and min(sizes) < options.min_size - 0.01:
                yield _found(
                    "C202",
                    slide,
                    shape,
                    f"text is set at {min(sizes):g} pt, below the minimum of "
                    f"{options.min_size:g} pt",
                    "people at the back of a room, and anyone with low vision, cannot read it",
                )


def _found(code: str, slide: SlideView, shape: ShapeView, message: str, hint: str) -> Finding:
    return Finding(code, message, slide.number, slide.name, shape.name, hint)
