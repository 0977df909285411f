"""A workshop's discussion slide for one opportunity: its prompts, and notes for the
facilitator. A workshop variant (`discussion: true`) adds one after each opportunity slide;
a storyboard can also place one itself.

It is on the workshop look (tinted background, the minutes in a badge), so the room sees at a
glance that it is its turn to talk."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import body_placeholder, body_style
from summarydeck.layouts.registry import register
from summarydeck.layouts.workshop import (
    PANEL_PAD,
    inside_panel,
    panel_fill,
    time_badge,
    workshop_layout,
    workshop_plan,
)
from summarydeck.markdown.inline import to_plain
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Content
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
from summarydeck.source.yaml_loader import DataPath
from summarydeck.values import Box, inches


class DiscussionSlide(SlideSpec):
    opportunity: str
    references: ClassVar[dict[str, str]] = {"opportunity": "opportunities"}

    def default_id(self) -> str:
        return f"{self.opportunity}-discussion"

    # its minutes are the opportunity's (`workshop.minutes`), for the workshop's timetable
    def workshop_minutes(self, content: Content) -> int | None:
        item = content.opportunities.get(self.opportunity)
        return item.workshop.minutes if item and item.workshop else None

    def minutes_path(self) -> DataPath:
        return ("opportunities", self.opportunity, "workshop", "minutes")


LABEL_HEIGHT = inches(0.5)


def _panel(grid: Grid) -> Box:
    """The white panel the prompts sit on, below the "Discuss in small groups" line."""
    top = grid.body.top + LABEL_HEIGHT + inches(0.15)
    return Box(grid.margin, top, grid.inner_width, grid.body.bottom - top)


def discussion_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    return workshop_layout(
        "Discussion",
        grid,
        scale,
        body_placeholder(
            inside_panel(_panel(grid)),
            body_style(scale, size=scale.lead, space_after=14.0),
            name="Prompts",
        ),
        description="numbered prompts for small groups on a tinted slide, the minutes in a badge",
    )


@register("discussion", DiscussionSlide, layout=discussion_layout)
def plan_discussion(spec: DiscussionSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Discussion prompts for one opportunity, with facilitator notes in the speaker notes."""
    item = ctx.deck.content.opportunities[spec.opportunity]
    path = ("opportunities", spec.opportunity, "workshop")
    if item.workshop is None:
        ctx.diags.error(
            "E214",
            f"a discussion slide needs prompts: opportunities.{spec.opportunity} has no "
            "`workshop:`",
            ctx.deck.source_map.locate(("opportunities", spec.opportunity), key=True),
            "add `workshop:` with `prompts:` to the opportunity",
        )
        return []
    workshop = item.workshop
    grid = ctx.grid
    label = ctx.label("discussion_label")
    label_box = Box(grid.margin, grid.body.top, grid.inner_width, LABEL_HEIGHT)
    prompts = ctx.design.text(
        "body",
        ctx.numbered(workshop.prompts),
        name="Discussion prompts",
        min_size=ctx.scale.body_min,
        source=(*path, "prompts"),
    )
    panel = _panel(grid)
    # a panel taller than its prompts is a block of empty colour: end it after the text
    needed = needed_emu(prompts, ctx.deck.brand) + 2 * PANEL_PAD + inches(0.1)
    if needed < panel.height:
        panel = dataclasses.replace(panel, height=needed)
        prompts = dataclasses.replace(prompts, box=inside_panel(panel))
    elements: list[Element] = [
        TextElement(
            "Discussion label",
            label_box,
            ctx.plain(label),
            TextStyle(ctx.scale.label, ColourRole.PRIMARY, bold=True, anchor="middle"),
            inset=0,
        ),
        ShapeElement("Discussion panel", panel, panel_fill(ctx.design)),
        prompts,
    ]
    if workshop.minutes:
        elements += time_badge(grid, ctx.scale, workshop.minutes, ctx.deck.labels)
    questions = "\n".join(f"{n}. {to_plain(p)}" for n, p in enumerate(workshop.prompts, 1))
    said = (
        ctx.label(
            "discussion_for", label=label, duration=ctx.deck.labels.duration(workshop.minutes)
        )
        if workshop.minutes
        else label
    )
    draft = f"{said}.\n\n{questions}"
    if workshop.facilitator_notes:
        draft = f"{ctx.label('facilitator', notes=to_plain(workshop.facilitator_notes))}\n\n{draft}"
    plan = ctx.content_slide(
        spec,
        ctx.label("discussion_title", title=item.title),
        elements,
        draft,
        shows=[("opportunities", spec.opportunity)],
        title_source=("opportunities", spec.opportunity, "title"),
    )
    return [workshop_plan(plan, ctx, has_badge=bool(workshop.minutes))]
