"""An essay at a glance: its facts in a side panel, summary and key points beside them."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import (
    beside_panel,
    body_placeholder,
    body_style,
    content_layout,
)
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences, typeset_plain
from summarydeck.model.brand import TypeScale
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign
from summarydeck.plan.types import ColourRole, Element, ShapeElement, SlidePlan, TextElement
from summarydeck.values import Box, Paragraph, Run, inches


class EssaySlide(SlideSpec):
    essay: str = Field(description="The id of the essay to show.")
    references: ClassVar[dict[str, str]] = {"essay": "essays"}


PANEL_WIDTH = inches(3.6)


def essay_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    return content_layout(
        "Essay",
        grid,
        scale,
        body_placeholder(beside_panel(grid, PANEL_WIDTH), body_style(scale), name="Summary"),
        description="an essay's summary and key points, its facts in a panel on the left",
    )


@register("essay", EssaySlide, layout=essay_layout)
def plan_essay(spec: EssaySlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Essay summary: title, date, reading time, link and key points."""
    essay = ctx.deck.content.essays[spec.essay]
    path = ("essays", spec.essay)
    grid = ctx.grid
    panel = Box(grid.margin, grid.body.top, PANEL_WIDTH, grid.body.height - inches(0.1))
    facts: list[Paragraph] = []
    if essay.label:
        facts.append(Paragraph((Run(typeset_plain(essay.label), bold=True),)))
    for line in (
        essay.published,
        ctx.label("reading_time", minutes=essay.reading_time_minutes)
        if essay.reading_time_minutes
        else None,
    ):
        if line:
            facts.append(Paragraph((Run(typeset_plain(line)),)))
    if essay.url:
        facts.append(Paragraph((Run(ctx.label("read_more"), bold=True, link=str(essay.url)),)))
    side: list[Paragraph] = []
    if essay.subtitle:
        side.append(Paragraph((Run(typeset_plain(essay.subtitle), italic=True),)))
    summary = ctx.markdown(essay.summary)
    points = ctx.points(essay.key_points)
    elements: list[Element] = [
        ShapeElement("Essay panel", panel, ColourRole.SURFACE),
        TextElement(
            "Essay facts",
            Box(
                panel.left + inches(0.15),
                panel.top + inches(0.2),
                panel.width - inches(0.3),
                panel.height - inches(0.4),
            ),
            tuple(side + facts),
            ctx.body_style(size=ctx.scale.label, space_after=10.0),
            min_size=ctx.scale.floor(ctx.scale.label),
        ),
        ctx.design.text(
            "body",
            summary + points,
            name="Essay summary",
            source=(*path, "summary"),
            min_size=ctx.scale.body_min,
            flow=True,
        ),
    ]
    draft = (
        sentences(essay.title, essay.summary)
        + f" {ctx.label('key_points')} "
        + sentences(*essay.key_points)
    )
    return [
        ctx.content_slide(
            spec,
            essay.title,
            elements,
            draft,
            cited=[essay],
            shows=[("essays", spec.essay)],
        )
    ]
