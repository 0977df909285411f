"""A few short items, each with a heading and a line or two of text: test teams, next steps.

Up to four sit side by side as cards; five or six become a list of rows (heading on the left,
text on the right), since cards that small could not keep body text at its minimum size.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar, Literal

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences
from summarydeck.model.content import ContentId, Markdown, Provenance, Status, Strict, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.measure import text_height
from summarydeck.plan.types import (
    EMU_PER_PT,
    Box,
    ColourRole,
    Element,
    ShapeElement,
    SlidePlan,
    TextElement,
    TextStyle,
    inches,
)

MAX_CARDS = 6
GAP = inches(0.25)  # between cards
ROW_GAP = inches(0.12)  # between rows
BAND = inches(0.08)  # the accent band on each card's top (rows: left) edge
PAD = inches(0.2)


class Card(Strict):
    title: Text
    body: Markdown


class CardsSlide(SlideSpec):
    title: Text
    cards: list[Card] = Field(min_length=1, max_length=MAX_CARDS)
    arrange: Literal["auto", "grid", "rows"] = "auto"  # auto: a grid up to four, then rows
    sources: list[ContentId] = Field(default_factory=list)  # cited at the foot of the slide
    references: ClassVar[dict[str, str]] = {"sources": "sources"}


@register("cards", CardsSlide)
def plan_cards(spec: CardsSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Up to six items, each a heading and short text: cards side by side, or rows."""
    as_rows = spec.arrange == "rows" or (spec.arrange == "auto" and len(spec.cards) > 4)
    arrange = _rows if as_rows else _grid
    elements: list[Element] = []
    for i, card in enumerate(spec.cards):
        elements += arrange(i, card, spec, ctx)
    cited = [Provenance(source=s, status=Status.CONFIRMED) for s in spec.sources]
    draft = (
        sentences(spec.title)
        + " "
        + " ".join(f"{card.title}: {sentences(card.body)}" for card in spec.cards)
    )
    return [ctx.content_slide(spec, spec.title, elements, draft, cited=cited)]


def _heading(i: int, card: Card, box: Box, ctx: LayoutContext) -> TextElement:
    return TextElement(
        f"Card {i + 1} title",
        box,
        ctx.plain(card.title),
        TextStyle(ctx.scale.label, ColourRole.PRIMARY, "heading", bold=True),
        inset=0,
        min_size=ctx.scale.body_min,
        source=("slides", ctx.slide_index, "cards", i, "title"),
        group="card titles",
    )


def _text(i: int, card: Card, box: Box, ctx: LayoutContext, size: float) -> TextElement:
    return TextElement(
        f"Card {i + 1} text",
        box,
        ctx.markdown(card.body),
        ctx.body_style(size=size, space_after=4.0),
        inset=0,
        min_size=ctx.scale.body_min,
        source=("slides", ctx.slide_index, "cards", i, "body"),
        group="card texts",
    )


def _grid(i: int, card: Card, spec: CardsSlide, ctx: LayoutContext) -> list[Element]:
    """Cards side by side: one row of up to three, or two by two."""
    grid, count = ctx.grid, len(spec.cards)
    per_row = count if count <= 3 else 2 if count == 4 else 3
    rows = -(-count // per_row)
    # cards that stand half empty look unfinished, so cap each row's height
    height = min(grid.body.height - inches(0.1), rows * inches(2.6) + (rows - 1) * GAP)
    row = grid.rows(rows, Box(grid.body.left, grid.body.top, grid.body.width, height), GAP)[
        i // per_row
    ]
    box = grid.columns(per_row, row, gutter=GAP)[i % per_row]
    in_row = min(per_row, count - (i // per_row) * per_row)
    if in_row < per_row:  # centre a short last row under the full one above it
        shift = (per_row - in_row) * (box.width + GAP) // 2
        box = Box(box.left + shift, box.top, box.width, box.height)
    inner = Box(
        box.left + PAD, box.top + BAND + PAD, box.width - 2 * PAD, box.height - BAND - 2 * PAD
    )
    heading = _heading(i, card, inner, ctx)
    # the heading takes the lines it needs (measured); the text follows right after it
    needed = round(text_height(heading, ctx.deck.brand, ctx.scale.label) * EMU_PER_PT)
    heading = dataclasses.replace(
        heading, box=Box(inner.left, inner.top, inner.width, min(inner.height, needed))
    )
    text_top = heading.box.bottom + inches(0.12)
    return [
        ShapeElement(f"Card {i + 1}", box, ColourRole.SURFACE),
        ShapeElement(
            f"Card {i + 1} band", Box(box.left, box.top, box.width, BAND), ColourRole.ACCENT1
        ),
        heading,
        _text(
            i,
            card,
            Box(inner.left, text_top, inner.width, inner.bottom - text_top),
            ctx,
            ctx.scale.body,
        ),
    ]


def _rows(i: int, card: Card, spec: CardsSlide, ctx: LayoutContext) -> list[Element]:
    """One row per item: the heading in a narrow column on the left, the text beside it."""
    grid, count = ctx.grid, len(spec.cards)
    height = min(grid.body.height - inches(0.1), count * inches(1.1) + (count - 1) * ROW_GAP)
    box = grid.rows(count, Box(grid.body.left, grid.body.top, grid.body.width, height), ROW_GAP)[i]
    pad_y = inches(0.06)
    heading_width = round(box.width * 0.36)
    heading_box = Box(
        box.left + BAND + PAD, box.top + pad_y, heading_width - BAND - PAD, box.height - 2 * pad_y
    )
    text_box = Box(
        box.left + heading_width + PAD,
        box.top + pad_y,
        box.width - heading_width - 2 * PAD,
        box.height - 2 * pad_y,
    )
    heading = _heading(i, card, heading_box, ctx)
    text = _text(i, card, text_box, ctx, ctx.scale.body)
    return [
        ShapeElement(f"Card {i + 1}", box, ColourRole.SURFACE),
        ShapeElement(
            f"Card {i + 1} band", Box(box.left, box.top, BAND, box.height), ColourRole.ACCENT1
        ),
        dataclasses.replace(heading, style=dataclasses.replace(heading.style, anchor="middle")),
        dataclasses.replace(text, style=dataclasses.replace(text.style, anchor="middle")),
    ]
