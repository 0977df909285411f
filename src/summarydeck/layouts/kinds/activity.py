"""A workshop activity: numbered steps on a panel, what to have ready beside them, and the time
it takes in a badge, on the workshop look (a tinted background). Tag it (`tags: [workshop]`)
so that only the workshop variant shows it."""

from __future__ import annotations

import dataclasses

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import body_placeholder, body_style
from summarydeck.layouts.registry import register
from summarydeck.layouts.workshop import (
    PANEL_PAD,
    inside_panel,
    main_panel,
    panel_fill,
    time_badge,
    workshop_layout,
    workshop_plan,
)
from summarydeck.markdown.inline import sentences, to_plain, typeset_plain
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Markdown, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign
from summarydeck.plan.measure import needed_emu
from summarydeck.plan.types import Element, ShapeElement, SlidePlan, TextElement
from summarydeck.values import Box, Paragraph, Run, inches


class ActivitySlide(SlideSpec):
    title: Text = Field(description="The activity's title.")
    steps: list[Markdown] = Field(
        min_length=1, max_length=8, description="What to do: 1 to 8 steps (Markdown), numbered."
    )
    minutes: int | None = Field(
        default=None,
        ge=1,
        le=480,
        description="How long it takes, in minutes (1 to 480), in its badge.",
    )
    materials: list[Text] = Field(
        default_factory=list,
        max_length=6,
        description='What to have ready, up to 6, under "You will need".',
    )


PANEL_WIDTH = inches(3.6)  # what to have ready


def activity_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    return workshop_layout(
        "Activity",
        grid,
        scale,
        body_placeholder(
            inside_panel(main_panel(grid, PANEL_WIDTH)),
            body_style(scale, space_after=12.0),
            name="Steps",
        ),
        description="a workshop activity on a tinted slide: numbered steps, what to have "
        "ready, the minutes in a badge",
    )


def _ended(panel: Box, text: TextElement, ctx: LayoutContext) -> int:
    """How tall the panel needs to be for its text: a panel taller than its text is a block
    of empty colour."""
    needed = needed_emu(text, ctx.deck.brand) + 2 * PANEL_PAD + inches(0.1)
    return min(panel.height, needed)


def _to_height(panel: Box, text: TextElement, height: int) -> tuple[Box, TextElement]:
    """The panel `height` tall, its text filling it inside the padding."""
    panel = dataclasses.replace(panel, height=height)
    return panel, dataclasses.replace(text, box=inside_panel(panel))


@register("activity", ActivitySlide, layout=activity_layout)
def plan_activity(spec: ActivitySlide, ctx: LayoutContext) -> list[SlidePlan]:
    """A workshop activity: numbered steps, what to have ready, and its minutes in a badge."""
    grid = ctx.grid
    path = ("slides", ctx.slide_index)
    fill = panel_fill(ctx.design)
    steps_panel = main_panel(grid, PANEL_WIDTH if spec.materials else None)
    steps = ctx.design.text(
        "body",
        ctx.numbered(spec.steps),
        name="Activity steps",
        box=inside_panel(steps_panel),
        min_size=ctx.scale.body_min,
        source=(*path, "steps"),
    )
    height = _ended(steps_panel, steps, ctx)
    materials: list[Element] = []
    if spec.materials:
        panel = Box(grid.body.right - PANEL_WIDTH, grid.body.top, PANEL_WIDTH, grid.body.height)
        paragraphs = (
            Paragraph((Run(ctx.label("you_will_need"), bold=True),)),
            *(Paragraph((Run(typeset_plain(m)),), bullet="bullet") for m in spec.materials),
        )
        details = TextElement(
            "Activity materials",
            inside_panel(panel),
            paragraphs,
            ctx.body_style(size=ctx.scale.label, space_after=8.0),
            inset=0,  # the panel's padding is the inset, as for the steps beside it
            min_size=ctx.scale.body_min,
            source=(*path, "materials"),
        )
        # the two panels side by side end level, at the taller one's foot
        height = max(height, _ended(panel, details, ctx))
        panel, details = _to_height(panel, details, height)
        materials = [ShapeElement("Activity materials panel", panel, fill), details]
    steps_panel, steps = _to_height(steps_panel, steps, height)
    elements: list[Element] = [
        ShapeElement("Activity steps panel", steps_panel, fill),
        steps,
        *materials,
    ]
    if spec.minutes:
        elements += time_badge(grid, ctx.scale, spec.minutes, ctx.deck.labels)
    timing = (
        " " + ctx.label("activity_takes", duration=ctx.deck.labels.duration(spec.minutes))
        if spec.minutes
        else ""
    )
    needs = (
        " " + ctx.label("have_ready", materials=", ".join(spec.materials)) if spec.materials else ""
    )
    steps_text = " ".join(f"{n}. {to_plain(s)}" for n, s in enumerate(spec.steps, 1))
    draft = sentences(spec.title) + timing + needs + f" {ctx.label('steps')} " + steps_text
    plan = ctx.content_slide(spec, spec.title, elements, draft.strip())
    return [workshop_plan(plan, ctx, has_badge=bool(spec.minutes))]
