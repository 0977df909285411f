"""A statistic's chart (native or picture) with the key figure and label beside it."""

from __future__ import annotations

from typing import ClassVar

from summarydeck.charts.alt_text import draft_alt_text
from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences, to_plain
from summarydeck.model.content import Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.types import (
    ChartElement,
    ColourRole,
    Element,
    SlidePlan,
    TextElement,
    TextStyle,
)
from summarydeck.values import Box, inches

_PALETTE = (
    ColourRole.ACCENT1,
    ColourRole.ACCENT2,
    ColourRole.ACCENT3,
    ColourRole.ACCENT4,
    ColourRole.ACCENT5,
    ColourRole.ACCENT6,
)


class ChartSlide(SlideSpec):
    statistic: str
    title: Text | None = None  # defaults to the statistic's takeaway
    references: ClassVar[dict[str, str]] = {"statistic": "statistics"}


@register("chart", ChartSlide)
def plan_chart(spec: ChartSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Chart of a statistic: takeaway title, chart, key figure and its source."""
    stat = ctx.deck.content.statistics[spec.statistic]
    path = ("slides", ctx.slide_index, "statistic")
    grid = ctx.grid
    if stat.chart is None:
        ctx.diags.error(
            "E210",
            f"statistic `{spec.statistic}` has no `chart:` to draw",
            ctx.deck.source_map.locate(path),
            "add a chart to the statistic, or use `kind: statistic`",
        )
        return []
    side_width = inches(4.2)
    chart_box = Box(
        grid.margin,
        grid.body.top,
        grid.inner_width - side_width - grid.gutter,
        grid.body.height - inches(0.2),
    )
    side = Box(chart_box.right + grid.gutter, grid.body.top, side_width, inches(1.5))
    source = ctx.deck.content.sources[stat.source].citation() if stat.source else None
    subject = to_plain(stat.label)
    alt = stat.alt_text or draft_alt_text(stat.chart, subject, source)
    elements: list[Element] = [
        ChartElement("Chart", chart_box, stat.chart, alt, _PALETTE),
        TextElement(
            "Key figure",
            side,
            ctx.plain(stat.headline),
            TextStyle(
                ctx.scale.key_figure,
                ColourRole.ACCENT1,
                "heading",
                bold=True,
                anchor="bottom",
                line_spacing=0.9,
            ),
            min_size=ctx.scale.floor(ctx.scale.key_figure),
            source=("statistics", spec.statistic, "headline"),
        ),
        TextElement(
            "Key figure label",
            Box(side.left, side.bottom + inches(0.1), side.width, inches(2.6)),
            ctx.markdown(stat.label),
            ctx.body_style(),
            min_size=ctx.scale.body_min,
            source=("statistics", spec.statistic, "label"),
        ),
    ]
    title = spec.title or stat.takeaway or f"{stat.headline}: {subject}"
    draft = f"{sentences(title)} {alt}"  # the title as a sentence, or it runs into the alt text
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
