"""A titled list of points (or a paragraph of Markdown)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, model_validator

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import body_placeholder, body_style, content_layout
from summarydeck.layouts.registry import FitAdvice, register
from summarydeck.markdown.inline import sentences
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Markdown, SourceIdList, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign
from summarydeck.plan.types import SlidePlan
from summarydeck.values import Paragraph


class BulletsSlide(SlideSpec):
    title: Text = Field(description="The slide's title.")
    body: Markdown | None = Field(
        default=None, description="A lead paragraph before the points (Markdown)."
    )
    points: list[Markdown] = Field(
        default_factory=list,
        description="The bullet points (Markdown; indent two spaces to nest); too many continue "
        "on a new slide.",
    )
    sources: SourceIdList = Field(
        default_factory=list,
        description="The ids of sources cited at the foot of the slide: one id or a list.",
    )
    references: ClassVar[dict[str, str]] = {"sources": "sources"}

    @model_validator(mode="after")
    def _has_text(self) -> BulletsSlide:
        if not self.body and not self.points:
            raise ValueError("a bullets slide needs `points` or `body`")
        return self


def bullets_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    return content_layout(
        "Title and text",
        grid,
        scale,
        body_placeholder(grid.body, body_style(scale)),
        description="a title and text or a list of points",
    )


# a list continues on a new slide by itself; what still does not fit may be split by hand
FIT_ADVICE = FitAdvice(
    "or split the points over two `bullets` slides", together={"Body": ("body", "points")}
)


@register("bullets", BulletsSlide, layout=bullets_layout, fit_advice=FIT_ADVICE)
def plan_bullets(spec: BulletsSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Title and bullet points, with optional lead paragraph and cited sources."""
    # one frame shows both fields: name the one that is there, or the slide when both are
    only = "body" if not spec.points else "points" if not spec.body else None
    path = ("slides", ctx.slide_index, *((only,) if only else ()))
    paragraphs: tuple[Paragraph, ...] = ()
    if spec.body:
        paragraphs += ctx.markdown(spec.body)
    paragraphs += ctx.points(spec.points)
    element = ctx.design.text(
        "body",
        paragraphs,
        name="Body",
        min_size=ctx.scale.body_min,
        source=path,
        flow=True,
    )
    cited = ctx.cited(spec.sources)
    draft = sentences(spec.title, spec.body or "", *spec.points)
    return [ctx.content_slide(spec, spec.title, [element], draft, cited=cited)]
