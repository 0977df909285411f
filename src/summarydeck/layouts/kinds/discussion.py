"""A workshop's discussion slide for one opportunity: its prompts, and notes for the
facilitator. A workshop variant (`discussion: true`) adds one after each opportunity slide;
a storyboard can also place one itself."""

from __future__ import annotations

from typing import ClassVar

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import body_placeholder, body_style, content_layout
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import to_plain
from summarydeck.model.brand import TypeScale
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign
from summarydeck.plan.types import ColourRole, SlidePlan, TextElement, TextStyle
from summarydeck.values import Box, inches


class DiscussionSlide(SlideSpec):
    opportunity: str
    references: ClassVar[dict[str, str]] = {"opportunity": "opportunities"}

    def default_id(self) -> str:
        return f"{self.opportunity}-discussion"


LABEL_HEIGHT = inches(0.5)


def _prompts_box(grid: Grid) -> Box:
    top = grid.body.top + LABEL_HEIGHT + inches(0.2)
    return Box(grid.margin, top, grid.inner_width, grid.body.bottom - top)


def discussion_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    return content_layout(
        "Discussion",
        grid,
        scale,
        body_placeholder(
            _prompts_box(grid),
            body_style(scale, size=scale.lead, space_after=14.0),
            name="Prompts",
        ),
        description="numbered prompts for small groups, under a line that says how long",
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
    label = "Discuss in small groups"
    if workshop.minutes:
        label += f" · {workshop.minutes} minutes"
    label_box = Box(grid.margin, grid.body.top, grid.inner_width, LABEL_HEIGHT)
    prompts = ctx.numbered(workshop.prompts)
    elements = [
        TextElement(
            "Discussion label",
            label_box,
            ctx.plain(label),
            TextStyle(ctx.scale.label, ColourRole.PRIMARY, bold=True),
        ),
        ctx.design.text(
            "body",
            prompts,
            name="Discussion prompts",
            min_size=ctx.scale.body_min,
            source=(*path, "prompts"),
        ),
    ]
    questions = "\n".join(f"{n}. {to_plain(p)}" for n, p in enumerate(workshop.prompts, 1))
    draft = f"{label}.\n\n{questions}"
    if workshop.facilitator_notes:
        draft = f"For the facilitator: {to_plain(workshop.facilitator_notes)}\n\n{draft}"
    return [
        ctx.content_slide(
            spec,
            f"Discuss: {item.title}",
            elements,
            draft,
            shows=[("opportunities", spec.opportunity)],
            title_source=("opportunities", spec.opportunity, "title"),
        )
    ]
