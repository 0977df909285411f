"""A few short items, each with a heading and a line or two of text: test teams, next steps.

Up to three sit side by side as cards. Four to six are laid out both as a grid of cards and as
a list of rows (heading on the left, text on the right), and the one that keeps the text larger
wins: short items make good cards, an organisation's name and a sentence read better as rows.
Items too long for one slide even at the floor size are spread evenly over as few slides as
fit them, the later ones titled "... (continued)".
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar, Literal

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences
from summarydeck.model.content import Markdown, SourceIdList, Strict, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.continuation import continued_id, continued_title
from summarydeck.plan.fit import fit_element
from summarydeck.plan.measure import LINE_PITCH, needed_emu
from summarydeck.plan.types import (
    ColourRole,
    Element,
    ShapeElement,
    SlidePlan,
    TextElement,
    TextStyle,
)
from summarydeck.values import EMU_PER_PT, Box, inches

MAX_CARDS = 6
GAP = inches(0.25)  # between cards
ROW_GAP = inches(0.12)  # between rows
BAND = inches(0.08)  # the accent band on each card's top (rows: left) edge
PAD = inches(0.2)


class Card(Strict):
    """One card: a heading and a short text."""

    title: Text = Field(description="The card's heading.")
    body: Markdown = Field(description="The card's text (Markdown).")


Items = list[tuple[int, "Card"]]  # cards with their place in `cards:`, for error locations


class CardsSlide(SlideSpec):
    title: Text = Field(description="The slide's title.")
    cards: list[Card] = Field(
        min_length=1, max_length=MAX_CARDS, description="1 to 6 cards, each a `title` and a `body`."
    )
    arrange: Literal["auto", "grid", "rows"] = Field(
        default="auto",
        description="`auto` (the default: whichever keeps the text larger), `grid` or `rows`.",
    )
    sources: SourceIdList = Field(
        default_factory=list,
        description="The ids of sources cited at the foot of the slide: one id or a list.",
    )
    references: ClassVar[dict[str, str]] = {"sources": "sources"}


@register("cards", CardsSlide)
def plan_cards(spec: CardsSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Up to six items, each a heading and short text: cards side by side, or rows."""
    items = list(enumerate(spec.cards))
    pages = [(items, _arrange(spec, items, ctx))]
    for count in range(2, len(items) + 1):
        if all(_fitted_size(elements, ctx)[0] for _, elements in pages):
            break
        # too much for one slide even at the floor: spread the items evenly over more slides
        per_page = -(-len(items) // count)
        chunks = [items[i : i + per_page] for i in range(0, len(items), per_page)]
        pages = [(chunk, _arrange(spec, chunk, ctx)) for chunk in chunks]
    cited = ctx.cited(spec.sources)
    plans = []
    for number, (page, elements) in enumerate(pages, 1):
        title = continued_title(spec.title, number, len(pages), ctx.deck.labels)
        draft = (
            sentences(title)
            + " "
            + " ".join(f"{card.title}: {sentences(card.body)}" for _, card in page)
        )
        if number == 1:
            plans.append(ctx.content_slide(spec, title, elements, draft, cited=cited))
        else:  # the entry's own notes belong to its first slide
            later = spec.model_copy(update={"notes": None})
            plan = ctx.content_slide(later, title, elements, draft, cited=cited)
            plans.append(dataclasses.replace(plan, id=continued_id(spec.slide_id, number)))
    return plans


def _arrange(spec: CardsSlide, items: Items, ctx: LayoutContext) -> list[Element]:
    if spec.arrange == "grid":
        return _grid(items, ctx)
    if spec.arrange == "rows":
        return _rows(items, ctx)
    grid = _grid(items, ctx)
    if len(items) <= 3 and _fitted_size(grid, ctx)[0]:
        return grid  # up to three that fit side by side: cards
    # otherwise whichever arrangement keeps the text larger (cards when equal)
    return max((grid, _rows(items, ctx)), key=lambda e: _fitted_size(e, ctx))


def _fitted_size(elements: list[Element], ctx: LayoutContext) -> tuple[bool, float]:
    """How well an arrangement fits: whether every text fits, then its smallest text size."""
    fits, smallest = True, float("inf")
    for element in elements:
        if isinstance(element, TextElement):
            fitted, overflow = fit_element(element, ctx.deck.brand)
            fits = fits and overflow == 0
            smallest = min(smallest, fitted.style.size)
    return fits, smallest


def _heading(i: int, card: Card, box: Box, ctx: LayoutContext) -> TextElement:
    return TextElement(
        f"Card {i + 1} title",
        box,
        ctx.plain(card.title),
        TextStyle(ctx.scale.subheading, ColourRole.PRIMARY, "heading", bold=True),
        inset=0,
        min_size=ctx.scale.body_min,
        source=("slides", ctx.slide_index, "cards", i, "title"),
        group="card titles",
    )


def _text(i: int, card: Card, box: Box, ctx: LayoutContext) -> TextElement:
    # a step below the heading, so the heading always reads as the heading
    return TextElement(
        f"Card {i + 1} text",
        box,
        ctx.markdown(card.body),
        ctx.body_style(size=ctx.scale.label, space_after=4.0),
        inset=0,
        min_size=ctx.scale.body_min,
        source=("slides", ctx.slide_index, "cards", i, "body"),
        group="card texts",
    )


def _grid(items: Items, ctx: LayoutContext) -> list[Element]:
    """Cards side by side: one row of up to three, two by two, or rows of three."""
    grid, count = ctx.grid, len(items)
    per_row = count if count <= 3 else 2 if count == 4 else 3
    rows = -(-count // per_row)
    # cards that stand half empty look unfinished: each row is as tall as its fullest card
    # needs at the starting sizes (measured), within bounds
    width = (grid.body.width - (per_row - 1) * GAP) // per_row - 2 * PAD
    probe = Box(0, 0, width, grid.body.height)
    natural = (
        max(
            needed_emu(_heading(i, card, probe, ctx), ctx.deck.brand)
            + inches(0.12)
            + needed_emu(_text(i, card, probe, ctx), ctx.deck.brand)
            for i, card in items
        )
        + BAND
        + 2 * PAD
        + inches(0.1)
    )
    row_height = min(max(natural, inches(1.6)), inches(2.6))
    height = min(grid.body.height - inches(0.1), rows * row_height + (rows - 1) * GAP)
    area = Box(grid.body.left, grid.body.top, grid.body.width, height)
    tiles = grid.tiles(count, per_row, area, GAP)
    spacing = ctx.body_style().line_spacing
    one_line = round(ctx.scale.body_min * LINE_PITCH * spacing * EMU_PER_PT) + 1
    elements: list[Element] = []
    for start in range(0, count, per_row):
        cards = items[start : start + per_row]
        boxes = tiles[start : start + per_row]
        inners = [
            Box(b.left + PAD, b.top + BAND + PAD, b.width - 2 * PAD, b.height - BAND - 2 * PAD)
            for b in boxes
        ]
        headings = [_heading(i, card, inners[n], ctx) for n, (i, card) in enumerate(cards)]
        # headings take the lines the longest needs (measured), leaving the text at least a
        # line; texts then start at one height across the row
        needed = max(needed_emu(h, ctx.deck.brand) for h in headings)
        heading_height = min(needed, inners[0].height - one_line - inches(0.12))
        text_top = inners[0].top + heading_height + inches(0.12)
        for n, (i, card) in enumerate(cards):
            box, inner = boxes[n], inners[n]
            elements += [
                ShapeElement(f"Card {i + 1}", box, ColourRole.SURFACE),
                ShapeElement(
                    f"Card {i + 1} band",
                    Box(box.left, box.top, box.width, BAND),
                    ColourRole.ACCENT1,
                ),
                dataclasses.replace(
                    headings[n], box=Box(inner.left, inner.top, inner.width, heading_height)
                ),
                _text(
                    i, card, Box(inner.left, text_top, inner.width, inner.bottom - text_top), ctx
                ),
            ]
    return elements


def _rows(items: Items, ctx: LayoutContext) -> list[Element]:
    """One row per item: the heading in a narrow column on the left, the text beside it."""
    grid, count = ctx.grid, len(items)
    height = min(grid.body.height - inches(0.1), count * inches(1.1) + (count - 1) * ROW_GAP)
    boxes = grid.rows(count, Box(grid.body.left, grid.body.top, grid.body.width, height), ROW_GAP)
    elements: list[Element] = []
    for (i, card), box in zip(items, boxes, strict=True):
        pad_y = inches(0.06)
        heading_width = round(box.width * 0.36)
        heading = _heading(
            i,
            card,
            Box(
                box.left + BAND + PAD,
                box.top + pad_y,
                heading_width - BAND - PAD,
                box.height - 2 * pad_y,
            ),
            ctx,
        )
        text = _text(
            i,
            card,
            Box(
                box.left + heading_width + PAD,
                box.top + pad_y,
                box.width - heading_width - 2 * PAD,
                box.height - 2 * pad_y,
            ),
            ctx,
        )
        elements += [
            ShapeElement(f"Card {i + 1}", box, ColourRole.SURFACE),
            ShapeElement(
                f"Card {i + 1} band", Box(box.left, box.top, BAND, box.height), ColourRole.ACCENT1
            ),
            dataclasses.replace(heading, style=dataclasses.replace(heading.style, anchor="middle")),
            dataclasses.replace(text, style=dataclasses.replace(text.style, anchor="middle")),
        ]
    return elements
