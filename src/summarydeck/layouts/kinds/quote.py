"""A quote, large, with its attribution."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import footer_placeholders, rule_decorations, title_placeholder
from summarydeck.layouts.registry import FitAdvice, register
from summarydeck.markdown.inline import to_plain
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign, PlaceholderDesign
from summarydeck.plan.types import (
    ColourRole,
    Element,
    ShapeElement,
    SlidePlan,
    TextElement,
    TextStyle,
)
from summarydeck.values import Box, Run, inches


class QuoteSlide(SlideSpec):
    quote: str = Field(description="The id of the quote to show.")
    title: Text | None = Field(
        default=None,
        description='The slide\'s title (default: the `quote_title` label, "In their words").',
    )
    references: ClassVar[dict[str, str]] = {"quote": "quotes"}


def _boxes(grid: Grid) -> tuple[Box, Box]:
    """The accent bar and, beside it, the quotation."""
    bar = Box(grid.margin, grid.body.top + inches(0.1), inches(0.1), inches(3.2))
    text_box = Box(
        bar.right + inches(0.4), grid.body.top, grid.inner_width - inches(1.6), inches(3.4)
    )
    return bar, text_box


def quote_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    bar, text_box = _boxes(grid)
    style = TextStyle(
        scale.quote,
        ColourRole.PRIMARY,
        "heading",
        anchor="middle",
        line_spacing=1.05,
        space_after=6,
    )
    return LayoutDesign(
        "Quote",
        (
            title_placeholder(grid, scale),
            PlaceholderDesign("body", text_box, style, name="Quote"),
            *footer_placeholders(grid, scale, on_dark=False),
        ),
        decorations=(*rule_decorations(grid), ShapeElement("Quote bar", bar, ColourRole.ACCENT2)),
        kind="obj",
        description="a quotation, large, beside an accent bar, with its attribution below",
    )


# a quote cannot continue on another slide: the rest of the passage can be read from the notes
FIT_ADVICE = FitAdvice(
    "or keep the rest of the passage for the slide's `notes:` (speaker notes): a quote "
    "cannot continue on another slide"
)


@register("quote", QuoteSlide, layout=quote_layout, fit_advice=FIT_ADVICE)
def plan_quote(spec: QuoteSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """A quotation with an accent bar and attribution."""
    quote = ctx.deck.content.quotes[spec.quote]
    grid = ctx.grid
    text_box = _boxes(grid)[1]
    paragraphs = ctx.markdown(quote.text)
    first, last = paragraphs[0], paragraphs[-1]
    # curly quotes open the first paragraph and close the last; a paraphrase has none
    quoted = tuple(
        dataclasses.replace(
            p,
            runs=((Run("“"),) if p is first else ()) + p.runs + ((Run("”"),) if p is last else ()),
        )
        for p in paragraphs
    )
    if quote.paraphrase:
        quoted = paragraphs
    elements: list[Element] = [
        ctx.design.text(
            "body",
            quoted,
            name="Quote",
            min_size=ctx.scale.floor(ctx.scale.quote),
            source=("quotes", spec.quote, "text"),
        ),
        TextElement(
            "Attribution",
            # two lines: who said it, and where it was published
            Box(text_box.left, text_box.bottom + inches(0.2), text_box.width, inches(0.9)),
            ctx.plain(f"— {quote.attribution}"),
            ctx.body_style(colour=ColourRole.MUTED),
            min_size=ctx.scale.body_min,
            source=("quotes", spec.quote, "attribution"),
            inset=0,  # in line with the quotation above it
        ),
    ]
    said = ctx.label("quote_paraphrased" if quote.paraphrase else "quote_read_aloud")
    draft = f"{said}: {to_plain(quote.text)} ({quote.attribution})"
    return [
        ctx.content_slide(
            spec,
            spec.title or ctx.label("quote_title"),
            elements,
            draft,
            cited=[quote],
            shows=[("quotes", spec.quote)],
        )
    ]
