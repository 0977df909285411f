"""All opportunities at a glance, as numbered tiles."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.model.content import ContentId, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.types import (
    ColourRole,
    Element,
    ShapeElement,
    SlidePlan,
    TextElement,
    TextStyle,
)
from summarydeck.values import Box, inches

MAX_TILES = 8  # two rows of four tiles


class OpportunitiesSlide(SlideSpec):
    title: Text | None = Field(
        default=None,
        description="The slide's title (default: the items' own noun, the `items_title` label).",
    )
    opportunities: list[ContentId] = Field(
        default_factory=list,
        description="The ids of the opportunities to show, in order (empty: all, in file order).",
    )
    references: ClassVar[dict[str, str]] = {"opportunities": "opportunities"}

    def default_id(self) -> str:
        return "opportunities-overview"


@register("opportunities", OpportunitiesSlide)
def plan_opportunities(spec: OpportunitiesSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Overview tiles: one per opportunity, numbered, in up to two rows."""
    all_items = ctx.deck.content.opportunities
    ids = spec.opportunities or list(all_items)
    if not ids:
        ctx.diags.error(
            "E210",
            "the opportunities slide has no opportunities to show",
            ctx.deck.source_map.locate(("slides", ctx.slide_index)),
            "add opportunities to content/opportunities.yaml",
        )
        return []
    where = ctx.deck.source_map.locate(("slides", ctx.slide_index, "opportunities"))
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        ctx.diags.error("E207", f"opportunities listed twice: {', '.join(repeated)}", where)
        return []
    if len(ids) > MAX_TILES:
        ctx.diags.error(
            "E210",
            f"the overview shows at most {MAX_TILES} opportunities; there are {len(ids)}",
            where,
            "list the ones to show in `opportunities:` on this slide",
        )
        return []
    numbers = list(all_items)  # numbered as in the file, like each opportunity's own slide
    grid = ctx.grid
    per_row = len(ids) if len(ids) <= 3 else (len(ids) + 1) // 2
    rows = 1 if len(ids) <= 3 else 2
    # tiles hold a number and a short title: cap their height so they do not stand half empty
    height = min(grid.body.height - inches(0.1), rows * inches(2.3) + (rows - 1) * inches(0.25))
    area = Box(grid.body.left, grid.body.top, grid.body.width, height)
    tiles = grid.tiles(len(ids), per_row, area, gutter=inches(0.25))
    elements: list[Element] = []
    for i, (item_id, tile) in enumerate(zip(ids, tiles, strict=True)):
        item = all_items[item_id]
        elements.append(ShapeElement(f"Tile {i + 1}", tile, ColourRole.SURFACE))
        elements.append(
            ShapeElement(
                f"Tile {i + 1} band",
                Box(tile.left, tile.top, inches(0.08), tile.height),
                ColourRole.ACCENT1,
            )
        )
        elements.append(
            TextElement(
                f"Tile {i + 1} number",
                Box(
                    tile.left + inches(0.2),
                    tile.top + inches(0.15),
                    tile.width - inches(0.35),
                    inches(0.45),
                ),
                ctx.plain(f"{numbers.index(item_id) + 1:02d}"),
                TextStyle(ctx.scale.subtitle, ColourRole.ACCENT1, "heading", bold=True),
                inset=0,  # the padding is the box's: number and title line up on the band
            )
        )
        elements.append(
            TextElement(
                f"Tile {i + 1} title",
                Box(
                    tile.left + inches(0.2),
                    tile.top + inches(0.65),
                    tile.width - inches(0.35),
                    tile.height - inches(0.75),
                ),
                ctx.plain(item.title),
                ctx.body_style(bold=True, space_after=0),
                inset=0,
                min_size=ctx.scale.body_min,
                source=("opportunities", item_id, "title"),
                group="tile titles",
            )
        )
    items = [all_items[i] for i in ids]
    listed = "; ".join(f"{n}. {o.title}" for n, o in enumerate(items, 1))
    draft = ctx.label("items_notes", count=len(ids), list=listed)
    return [
        ctx.content_slide(
            spec,
            spec.title or ctx.label("items_title"),
            elements,
            draft,
            cited=items,
            shows=[("opportunities", i) for i in ids],
        )
    ]
