"""The opening slide: deck title, subtitle, author and date on the brand's primary colour."""

from __future__ import annotations

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import display_title
from summarydeck.layouts.partners import partner_marks
from summarydeck.layouts.registry import register
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign, PlaceholderDesign
from summarydeck.plan.types import ColourRole, Element, SlidePlan, TextElement, TextStyle
from summarydeck.values import Box, inches


class TitleSlide(SlideSpec):
    title: Text | None = Field(
        default=None, description="The slide's title (default: the deck's title)."
    )
    subtitle: Text | None = Field(
        default=None, description="The slide's subtitle (default: the deck's subtitle)."
    )

    def default_id(self) -> str:
        return self.kind


def title_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    """The opening slide: a large title and a subtitle on the primary colour, no footer."""
    left, width = grid.margin, grid.inner_width - inches(1.0)
    return LayoutDesign(
        "Title",
        (
            display_title(Box(left, inches(1.6), width, inches(2.3)), scale.display),
            PlaceholderDesign(
                "subtitle",
                Box(left, inches(4.1), width, inches(1.0)),
                TextStyle(scale.subtitle, ColourRole.BACKGROUND, anchor="top"),
            ),
        ),
        background=ColourRole.PRIMARY,
        kind="title",
        description="the opening slide: deck title and subtitle on the primary colour",
    )


@register("title", TitleSlide, layout=title_layout)
def plan_title(spec: TitleSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Opening slide with the deck's title and subtitle."""
    info, grid = ctx.deck.info, ctx.grid
    title_text = spec.title or info.title
    subtitle_text = spec.subtitle or info.subtitle or ""
    design = ctx.design
    left = ctx.display_margin()
    width = grid.width - 2 * left - inches(1.0)
    title = design.text(
        "title",
        ctx.plain(title_text),
        min_size=ctx.scale.floor(design.size("title")),
        source=("slides", ctx.slide_index, "title") if spec.title else ("deck", "title"),
    )
    subtitle = (
        design.text(
            "subtitle",
            ctx.plain(subtitle_text),
            min_size=ctx.scale.floor(design.size("subtitle")),
            source=("slides", ctx.slide_index, "subtitle")
            if spec.subtitle
            else ("deck", "subtitle"),
        )
        if subtitle_text
        else None
    )
    month = ctx.deck.labels.months()[info.date.month - 1]
    byline = " · ".join(
        x for x in (info.author, info.organisation, f"{month} {info.date.year}") if x
    )
    elements: list[Element] = [
        TextElement(
            "Byline",
            ctx.clear_of_placeholders(Box(left, inches(5.7), width, inches(0.5))),
            ctx.plain(byline),
            TextStyle(ctx.scale.label, ColourRole.BACKGROUND),
            inset=0,  # its text on the margin, in line with the title
        ),
    ]
    elements.extend(
        ctx.logo(Box(grid.width - grid.margin - inches(3), inches(0.5), inches(3), inches(0.9)))
    )
    # partners' marks along the foot, on the margin, where the eye ends on a title slide
    foot = Box(left, inches(6.3), width, inches(1.0))
    elements.extend(partner_marks(ctx, foot, ColourRole.BACKGROUND))
    draft = ctx.label("title_notes", title=title_text) + (
        f": {subtitle_text}." if subtitle_text else "."
    )
    return [
        SlidePlan(
            spec.slide_id,
            spec.kind,
            design.name,
            title,
            ctx.notes(spec, draft),
            subtitle=subtitle,
            elements=tuple(elements),
            background=ColourRole.PRIMARY,
            footer=False,
        )
    ]
