"""Two columns side by side, each with an optional heading."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences
from summarydeck.model.content import ContentId, Markdown, Strict, Text
from summarydeck.model.storyboard import SlideSpec
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
    heading: Text | None = None
    body: Markdown


class TwoColumnsSlide(SlideSpec):
    title: Text
    left: Column
    right: Column
    sources: list[ContentId] = Field(default_factory=list)
    references: ClassVar[dict[str, str]] = {"sources": "sources"}


@register("two-columns", TwoColumnsSlide)
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
                    Box(box.left, top, box.width, inches(0.6)),
                    ctx.plain(column.heading),
                    TextStyle(
                        ctx.scale.subheading,
                        ColourRole.PRIMARY,
                        "heading",
                        bold=True,
                        anchor="bottom",
                    ),
                    source=(*path, side, "heading"),
                )
            )
            elements.append(
                ShapeElement(
                    f"{side.title()} underline",
                    Box(box.left + inches(0.1), top + inches(0.65), inches(0.6), inches(0.05)),
                    ColourRole.ACCENT2,
                )
            )
            top += inches(0.85)
        elements.append(
            TextElement(
                f"{side.title()} column",
                Box(box.left, top, box.width, box.bottom - top),
                ctx.markdown(column.body),
                ctx.body_style(),
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
