"""A workshop activity: numbered steps, and a panel with the time it takes and what to have
ready. Tag it (`tags: [workshop]`) so that only the workshop variant shows it."""

from __future__ import annotations

import dataclasses

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import body_placeholder, body_style, content_layout
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences, to_plain
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Markdown, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign
from summarydeck.plan.measure import needed_emu
from summarydeck.plan.types import ColourRole, Element, ShapeElement, SlidePlan, TextElement
from summarydeck.values import Box, Paragraph, Run, inches


class ActivitySlide(SlideSpec):
    title: Text
    steps: list[Markdown] = Field(min_length=1, max_length=8)
    minutes: int | None = Field(default=None, ge=1, le=480)
    materials: list[Text] = Field(default_factory=list, max_length=6)  # what to have ready


PANEL_WIDTH = inches(3.6)


def activity_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    width = grid.inner_width - PANEL_WIDTH - grid.gutter
    return content_layout(
        "Activity",
        grid,
        scale,
        body_placeholder(
            Box(grid.margin, grid.body.top, width, grid.body.height),
            body_style(scale, space_after=12.0),
            name="Steps",
        ),
        description="a workshop activity's numbered steps, its time and materials in a panel",
    )


@register("activity", ActivitySlide, layout=activity_layout)
def plan_activity(spec: ActivitySlide, ctx: LayoutContext) -> list[SlidePlan]:
    """A workshop activity: numbered steps, with its timing and materials in a side panel."""
    grid = ctx.grid
    path = ("slides", ctx.slide_index)
    has_panel = bool(spec.minutes or spec.materials)
    panel_width = PANEL_WIDTH if has_panel else 0
    steps_width = grid.inner_width - (panel_width + grid.gutter if has_panel else 0)
    steps = ctx.numbered(spec.steps)
    elements: list[Element] = [
        ctx.design.text(
            "body",
            steps,
            name="Activity steps",
            box=Box(grid.margin, grid.body.top, steps_width, grid.body.height),
            min_size=ctx.scale.body_min,
            source=(*path, "steps"),
        )
    ]
    if has_panel:
        panel = Box(grid.body.right - panel_width, grid.body.top, panel_width, grid.body.height)
        paragraphs: list[Paragraph] = []
        if spec.minutes:
            paragraphs.append(Paragraph((Run(f"Time: {spec.minutes} minutes", bold=True),)))
        if spec.materials:
            paragraphs.append(Paragraph((Run("You will need", bold=True),)))
            paragraphs.extend(Paragraph((Run(m),), bullet="bullet") for m in spec.materials)
        details = TextElement(
            "Activity details",
            Box(
                panel.left + inches(0.25),
                panel.top + inches(0.25),
                panel.width - inches(0.5),
                panel.height - inches(0.5),
            ),
            tuple(paragraphs),
            ctx.body_style(size=ctx.scale.label, space_after=8.0),
            min_size=ctx.scale.small,
            source=path,
        )
        # a panel taller than its text is a block of empty colour: end it after the text
        needed = needed_emu(details, ctx.deck.brand)
        if needed < details.box.height:
            panel = dataclasses.replace(panel, height=needed + inches(0.6))
            details = dataclasses.replace(
                details, box=dataclasses.replace(details.box, height=needed + inches(0.1))
            )
        elements += [ShapeElement("Activity panel", panel, ColourRole.SURFACE), details]
    timing = f" It takes about {spec.minutes} minutes." if spec.minutes else ""
    needs = f" Have ready: {', '.join(spec.materials)}." if spec.materials else ""
    steps_text = " ".join(f"{n}. {to_plain(s)}" for n, s in enumerate(spec.steps, 1))
    draft = sentences(spec.title) + timing + needs + " Steps: " + steps_text
    return [ctx.content_slide(spec, spec.title, elements, draft.strip())]
