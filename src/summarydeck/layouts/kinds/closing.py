"""The closing slide: a call to action and how to get in touch."""

from __future__ import annotations

import dataclasses

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import display_title, footer_placeholders
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Markdown, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign, PlaceholderDesign
from summarydeck.plan.measure import needed_emu
from summarydeck.plan.types import ColourRole, SlidePlan, TextElement, TextStyle
from summarydeck.values import Box, inches


class ClosingSlide(SlideSpec):
    title: Text = "Thank you"
    body: Markdown | None = None
    contact: list[Markdown] = Field(default_factory=list, max_length=6)

    def default_id(self) -> str:
        return "closing"


def closing_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    """The closing slide: a title and a message on the primary colour."""
    width = grid.inner_width - inches(1.0)
    return LayoutDesign(
        "Closing",
        (
            display_title(
                Box(grid.margin, inches(1.2), width, inches(1.6)), scale.section, line_spacing=1.0
            ),
            PlaceholderDesign(
                "body",
                Box(grid.margin, inches(3.1), width, inches(1.9)),
                TextStyle(scale.subheading, ColourRole.BACKGROUND, space_after=8),
                name="Message",
            ),
            *footer_placeholders(grid, scale, on_dark=True),
        ),
        background=ColourRole.PRIMARY,
        description="the closing slide: a call to action on the primary colour",
    )


@register("closing", ClosingSlide, layout=closing_layout)
def plan_closing(spec: ClosingSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Closing slide on the primary colour with a message and contact lines."""
    grid = ctx.grid
    path = ("slides", ctx.slide_index)
    width = grid.inner_width - inches(1.0)
    design = ctx.design
    title = design.text(
        "title",
        ctx.plain(spec.title),
        min_size=ctx.scale.floor(design.size("title")),
        source=(*path, "title"),
    )
    elements = []
    if spec.body:
        elements.append(
            design.text(
                "body",
                ctx.markdown(spec.body),
                name="Closing message",
                min_size=ctx.scale.body_min,
                source=(*path, "body"),
            )
        )
    if spec.contact:
        paragraphs = tuple(p for i, line in enumerate(spec.contact) for p in ctx.markdown(line))
        contact = TextElement(
            "Contact",
            Box(grid.margin, inches(5.2), width, inches(1.3)),
            paragraphs,
            TextStyle(ctx.scale.label, ColourRole.BACKGROUND, space_after=4),
            min_size=ctx.scale.floor(ctx.scale.label),
            source=(*path, "contact"),
        )
        # as tall as its lines need, so it finds room below a template's own title and text
        height = min(contact.box.height, needed_emu(contact, ctx.deck.brand) + inches(0.1))
        box = ctx.clear_of_placeholders(Box(grid.margin, inches(5.2), width, height))
        elements.append(dataclasses.replace(contact, box=box))
    draft = sentences(spec.title, spec.body or "", *spec.contact)
    return [
        SlidePlan(
            spec.slide_id,
            spec.kind,
            design.name,
            title,
            ctx.notes(spec, draft),
            elements=tuple(elements),
            background=ColourRole.PRIMARY,
        )
    ]
