"""The closing slide: a call to action and how to get in touch."""

from __future__ import annotations

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences
from summarydeck.model.content import Markdown, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.types import ColourRole, SlidePlan, TextElement, TextStyle
from summarydeck.values import Box, inches


class ClosingSlide(SlideSpec):
    title: Text = "Thank you"
    body: Markdown | None = None
    contact: list[Markdown] = Field(default_factory=list, max_length=6)

    def default_id(self) -> str:
        return "closing"


@register("closing", ClosingSlide)
def plan_closing(spec: ClosingSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Closing slide on the primary colour with a message and contact lines."""
    grid = ctx.grid
    path = ("slides", ctx.slide_index)
    width = grid.inner_width - inches(1.0)
    title = TextElement(
        "Title",
        Box(grid.margin, inches(1.2), width, inches(1.6)),
        ctx.plain(spec.title),
        TextStyle(ctx.scale.section, ColourRole.BACKGROUND, "heading", bold=True, anchor="bottom"),
        min_size=ctx.scale.floor(ctx.scale.section),
        source=(*path, "title"),
    )
    elements = []
    if spec.body:
        elements.append(
            TextElement(
                "Closing message",
                Box(grid.margin, inches(3.1), width, inches(1.9)),
                ctx.markdown(spec.body),
                TextStyle(ctx.scale.subheading, ColourRole.BACKGROUND, space_after=8),
                min_size=ctx.scale.body_min,
                source=(*path, "body"),
            )
        )
    if spec.contact:
        paragraphs = tuple(p for i, line in enumerate(spec.contact) for p in ctx.markdown(line))
        elements.append(
            TextElement(
                "Contact",
                Box(grid.margin, inches(5.2), width, inches(1.3)),
                paragraphs,
                TextStyle(ctx.scale.label, ColourRole.BACKGROUND, space_after=4),
                min_size=ctx.scale.floor(ctx.scale.label),
                source=(*path, "contact"),
            )
        )
    draft = sentences(spec.title, spec.body or "", *spec.contact)
    return [
        SlidePlan(
            spec.slide_id,
            spec.kind,
            "section",
            title,
            ctx.notes(spec, draft),
            elements=tuple(elements),
            background=ColourRole.PRIMARY,
        )
    ]
