"""A section divider; sections also make up the agenda."""

from __future__ import annotations

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import display_title, footer_placeholders
from summarydeck.layouts.registry import register
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign, PlaceholderDesign
from summarydeck.plan.types import ColourRole, ShapeElement, SlidePlan, TextElement, TextStyle
from summarydeck.values import Box, inches


class SectionSlide(SlideSpec):
    title: Text = Field(description="The section's title.")
    subtitle: Text | None = Field(default=None, description="Shown under the title.")
    # a workshop's time to present the section (its discussions and activity come on top)
    minutes: int | None = Field(
        default=None,
        ge=1,
        le=480,
        description="A workshop's time to present the section, in minutes (its discussions and "
        "activity come on top).",
    )


def section_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    """A section divider: a large title and a subtitle on the primary colour, under a rule."""
    width = grid.inner_width - inches(1.5)
    return LayoutDesign(
        "Section",
        (
            display_title(Box(grid.margin, inches(2.3), width, inches(1.9)), scale.section),
            PlaceholderDesign(
                "body",
                Box(grid.margin, inches(4.4), width, inches(1.2)),
                TextStyle(scale.subheading, ColourRole.BACKGROUND),
                name="Subtitle",
            ),
            *footer_placeholders(grid, scale, on_dark=True),
        ),
        background=ColourRole.PRIMARY,
        decorations=(
            ShapeElement(
                "Accent rule",
                Box(grid.margin, inches(2.0), inches(1.2), inches(0.09)),
                ColourRole.ACCENT2,
            ),
        ),
        kind="secHead",
        description="a section divider: title and subtitle on the primary colour",
    )


@register("section", SectionSlide, layout=section_layout)
def plan_section(spec: SectionSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Section divider: a large title on the brand's primary colour."""
    number = next(
        (n for n, section in enumerate(ctx.sections, 1) if section.slide_id == spec.slide_id), 0
    )
    design = ctx.design
    title = design.text(
        "title",
        ctx.plain(spec.title),
        min_size=ctx.scale.floor(design.size("title")),
        source=("slides", ctx.slide_index, "title"),
    )
    elements: list[ShapeElement | TextElement] = []
    if number:
        elements.append(
            TextElement(
                "Section number",
                ctx.clear_of_placeholders(
                    Box(ctx.display_margin(), inches(1.2), inches(4), inches(0.6))
                ),
                ctx.plain(ctx.label("section_number", number=number)),
                TextStyle(ctx.scale.body, ColourRole.BACKGROUND, bold=True),
                inset=0,  # its text on the margin, in line with the title
                source=("labels", "section_number"),
            )
        )
    if spec.subtitle:
        elements.append(
            design.text(
                "body",
                ctx.plain(spec.subtitle),
                name="Section subtitle",
                min_size=ctx.scale.floor(design.size("body")),
                source=("slides", ctx.slide_index, "subtitle"),
            )
        )
    draft = ctx.label(
        "section_notes", part=ctx.label("section_number", number=number), title=spec.title
    )
    if spec.subtitle:
        draft += f" {spec.subtitle}"
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
