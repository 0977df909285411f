"""Two columns side by side, each with an optional heading."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import (
    TEXT_PAD,
    body_placeholder,
    body_style,
    content_layout,
    outset,
)
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Markdown, SourceIdList, Strict, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign
from summarydeck.plan.types import (
    ColourRole,
    Element,
    ShapeElement,
    SlidePlan,
    TextElement,
    TextStyle,
)
from summarydeck.values import Box, inches


class Column(Strict):
    """One column: an optional heading over its text."""

    heading: Text | None = Field(default=None, description="The column's heading.")
    body: Markdown = Field(description="The column's text (Markdown).")


class TwoColumnsSlide(SlideSpec):
    title: Text = Field(description="The slide's title.")
    left: Column = Field(description="The left column: a `heading` and a `body`.")
    right: Column = Field(description="The right column: a `heading` and a `body`.")
    sources: SourceIdList = Field(
        default_factory=list,
        description="The ids of sources cited at the foot of the slide: one id or a list.",
    )
    references: ClassVar[dict[str, str]] = {"sources": "sources"}


HEADING_ROOM = inches(0.85)  # a column's heading and underline, above its text


def two_columns_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    left, right = (
        Box(b.left, b.top + HEADING_ROOM, b.width, b.height - HEADING_ROOM) for b in grid.columns(2)
    )
    return content_layout(
        "Two columns",
        grid,
        scale,
        body_placeholder(left, body_style(scale), name="Left column"),
        body_placeholder(right, body_style(scale), role="right", name="Right column"),
        description="two columns of text, each under a heading",
    )


@register("two-columns", TwoColumnsSlide, layout=two_columns_layout)
def plan_two_columns(spec: TwoColumnsSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Two columns of text, each under a heading with an accent underline."""
    path = ("slides", ctx.slide_index)
    elements: list[Element] = []
    for side, column, box in zip(
        ("left", "right"), (spec.left, spec.right), ctx.grid.columns(2), strict=True
    ):
        top = box.top
        if column.heading:
            elements.append(
                TextElement(
                    f"{side.title()} heading",
                    outset(Box(box.left, top, box.width, inches(0.6)), TEXT_PAD),
                    ctx.plain(column.heading),
                    TextStyle(
                        ctx.scale.subheading,
                        ColourRole.PRIMARY,
                        "heading",
                        bold=True,
                        anchor="bottom",
                    ),
                    source=(*path, side, "heading"),
                    inset=TEXT_PAD,  # its text on the column's edge, room below for descent
                )
            )
            elements.append(
                ShapeElement(
                    f"{side.title()} underline",
                    Box(box.left, top + inches(0.65), inches(0.6), inches(0.05)),
                    ColourRole.ACCENT2,
                )
            )
            top += HEADING_ROOM
        elements.append(
            ctx.design.text(
                "body" if side == "left" else "right",
                ctx.markdown(column.body),
                name=f"{side.title()} column",
                box=Box(box.left, top, box.width, box.bottom - top),
                min_size=ctx.scale.body_min,
                source=(*path, side, "body"),
            )
        )
    cited = ctx.cited(spec.sources)
    draft = (
        sentences(spec.title)
        + " "
        + " ".join(
            f"{c.heading + ': ' if c.heading else ''}{sentences(c.body)}"
            for c in (spec.left, spec.right)
        )
    )
    return [ctx.content_slide(spec, spec.title, elements, draft, cited=cited)]
