"""One opportunity in detail: its number, summary and points."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import (
    beside_panel,
    body_placeholder,
    body_style,
    content_layout,
)
from summarydeck.layouts.registry import FitAdvice, register
from summarydeck.markdown.inline import sentences
from summarydeck.model.brand import TypeScale
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign
from summarydeck.plan.measure import needed_emu
from summarydeck.plan.types import (
    ColourRole,
    Element,
    ShapeElement,
    SlidePlan,
    TextElement,
    TextStyle,
)
from summarydeck.values import Box, inches


class OpportunitySlide(SlideSpec):
    opportunity: str = Field(description="The id of the opportunity to show.")
    references: ClassVar[dict[str, str]] = {"opportunity": "opportunities"}


PANEL_WIDTH = inches(4.4)


def opportunity_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    return content_layout(
        "Opportunity",
        grid,
        scale,
        body_placeholder(beside_panel(grid, PANEL_WIDTH), body_style(scale), name="Points"),
        description="one opportunity: its summary in a panel, its points beside it",
    )


# one opportunity has one slide: detail goes to its points beside the panel, or the notes
FIT_ADVICE = FitAdvice(
    frames={
        "Opportunity summary": "or move detail into the opportunity's `points:` beside it, "
        "or into the slide's `notes:` (speaker notes)",
    }
)


@register("opportunity", OpportunitySlide, layout=opportunity_layout, fit_advice=FIT_ADVICE)
def plan_opportunity(spec: OpportunitySlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Opportunity detail: "Opportunity N of M", summary panel and points."""
    items = ctx.deck.content.opportunities
    item = items[spec.opportunity]
    number = list(items).index(spec.opportunity) + 1
    path = ("opportunities", spec.opportunity)
    grid = ctx.grid
    points = ctx.points(item.points)
    # with no points to list, the summary panel takes the whole width and larger type
    panel_width = PANEL_WIDTH if points else grid.inner_width
    panel_height = grid.body.height - inches(0.1) if points else inches(3.2)
    panel = Box(grid.margin, grid.body.top, panel_width, panel_height)
    summary = TextElement(
        # alone it is set larger, so it is another element (one element keeps one size)
        "Opportunity summary" if points else "Opportunity summary, full width",
        Box(
            panel.left + inches(0.25),
            panel.top + inches(0.85),
            panel.width - inches(0.5),
            panel.height - inches(1.1),
        ),
        ctx.markdown(item.summary),
        ctx.body_style(
            colour=ColourRole.BACKGROUND, size=ctx.scale.body if points else ctx.scale.lead
        ),
        min_size=ctx.scale.body_min,
        source=(*path, "summary"),
    )
    if points:  # a panel taller than its text is a block of empty colour: end it after the text
        needed = needed_emu(summary, ctx.deck.brand)
        if needed < summary.box.height:
            height = max(inches(2.6), needed + inches(1.35))
            panel = dataclasses.replace(panel, height=min(panel.height, height))
            summary = dataclasses.replace(
                summary, box=dataclasses.replace(summary.box, height=panel.height - inches(1.1))
            )
    elements: list[Element] = [
        ShapeElement("Summary panel", panel, ColourRole.PRIMARY),
        TextElement(
            "Opportunity number",
            Box(
                panel.left + inches(0.25),
                panel.top + inches(0.25),
                panel.width - inches(0.5),
                inches(0.5),
            ),
            # an unconfirmed title is marked once, quietly, by the slide's "To be confirmed"
            ctx.plain(ctx.label("item_number", number=number, count=len(items))),
            TextStyle(ctx.scale.label, ColourRole.BACKGROUND, bold=True),
            source=("labels", "item_number"),
        ),
        summary,
    ]
    if points:
        elements.append(
            ctx.design.text(
                "body",
                points,
                name="Opportunity points",
                min_size=ctx.scale.body_min,
                source=(*path, "points"),
            )
        )
    draft = sentences(
        ctx.label("item_notes", number=number, title=item.title), item.summary, *item.points
    )
    return [
        ctx.content_slide(
            spec,
            item.title,
            elements,
            draft,
            cited=[item],
            shows=[("opportunities", spec.opportunity)],
        )
    ]
