"""One statistic as a big number with what it measures beside it."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import body_placeholder, body_style, content_layout
from summarydeck.layouts.registry import FitAdvice, register
from summarydeck.markdown.inline import to_plain
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign
from summarydeck.plan.measure import LINE_PITCH
from summarydeck.plan.types import ColourRole, SlidePlan, TextElement, TextStyle
from summarydeck.values import EMU_PER_PT, Box, inches


class StatisticSlide(SlideSpec):
    statistic: str = Field(description="The id of the statistic to show.")
    title: Text | None = Field(
        default=None, description="The slide's title (default: the statistic's `takeaway`)."
    )
    references: ClassVar[dict[str, str]] = {"statistic": "statistics"}


def _boxes(grid: Grid) -> tuple[Box, Box]:
    """The big number on the left, its label beside it."""
    # as wide as "About 1 in 3" at the key figure size: the label stays close to its number
    number_box = Box(grid.margin, grid.body.top + inches(0.3), inches(4.8), inches(2.6))
    label_box = Box(
        number_box.right + grid.gutter,
        grid.body.top + inches(0.3),
        grid.body.right - number_box.right - grid.gutter,
        inches(2.6),
    )
    return number_box, label_box


def statistic_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    return content_layout(
        "Statistic",
        grid,
        scale,
        body_placeholder(
            _boxes(grid)[1], body_style(scale, size=scale.lead, anchor="middle"), name="Label"
        ),
        description="one figure, large, with its label beside it",
    )


# a statistic's slide cannot continue on another: what does not fit goes to the speaker notes
FIT_ADVICE = FitAdvice(
    "or move the detail into the slide's `notes:` (speaker notes)",
    together={"Statistic detail": ("population", "year")},
)


def _detail_box(grid: Grid, label_box: Box, style: TextStyle) -> Box:
    """Under the label: two lines, where the room down to the source line is free, so a
    population and year that do not fit one line wrap rather than fail."""
    top = label_box.bottom + inches(0.2)
    two_lines = round(2 * LINE_PITCH * style.size * style.line_spacing * EMU_PER_PT)
    height = min(two_lines + inches(0.05), grid.body.bottom - top)
    return Box(label_box.left, top, label_box.width, max(height, inches(0.6)))


@register("statistic", StatisticSlide, layout=statistic_layout, fit_advice=FIT_ADVICE)
def plan_statistic(spec: StatisticSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Big-number statistic with its label, population, year and source."""
    stat = ctx.deck.content.statistics[spec.statistic]
    path = ("statistics", spec.statistic)
    grid = ctx.grid
    number_box, label_box = _boxes(grid)
    detail = " · ".join(x for x in (stat.population, stat.year) if x)
    shown_detail = ctx.label("population", population=detail) if stat.population else detail
    elements = [
        TextElement(
            "Big number",
            number_box,
            ctx.plain(stat.headline),
            # the one size of a statistic's number on every slide (a chart's key figure too):
            # 96 pt here and 60 beside a chart read as two different kinds of number
            TextStyle(
                ctx.scale.key_figure,
                ColourRole.ACCENT1,
                "heading",
                bold=True,
                anchor="middle",
                line_spacing=0.9,
            ),
            inset=0,  # the number's edge on the margin, under the title's
            min_size=ctx.scale.key_figure,
            source=(*path, "headline"),
        ),
        ctx.design.text(
            "body",
            ctx.markdown(stat.label),
            name="Statistic label",
            min_size=ctx.scale.body_min,
            source=(*path, "label"),
        ),
    ]
    if detail:
        style = ctx.body_style(size=ctx.scale.label, colour=ColourRole.MUTED)
        elements.append(
            TextElement(
                "Statistic detail",
                _detail_box(grid, label_box, style),
                ctx.plain(shown_detail),
                style,
                inset=0,  # in line with the label above it
                source=(*path, "population" if stat.population else "year"),
            )
        )
    title = spec.title or stat.takeaway or f"{stat.headline}: {to_plain(stat.label)}"
    draft = f"{stat.headline}: {to_plain(stat.label)}" + (f" ({detail})." if detail else ".")
    return [
        ctx.content_slide(
            spec,
            title,
            elements,
            draft,
            cited=[stat],
            shows=[("statistics", spec.statistic)],
            title_source=None if spec.title else ("statistics", spec.statistic, "takeaway"),
        )
    ]
