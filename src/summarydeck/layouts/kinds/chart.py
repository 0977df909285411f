"""Statistics as exhibits: one statistic's chart with its key figure beside it, or two or three
statistics side by side, each its key figure, label and chart (pictograms at one scale), or,
for a statistic without a chart, its finding in words."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from pydantic import Field, model_validator

from summarydeck.layouts import exhibits
from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences
from summarydeck.model.content import ChartType, ContentId, Text
from summarydeck.model.errors import FieldProblem
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.types import ColourRole, Element, ShapeElement, SlidePlan, TextElement
from summarydeck.values import Box, inches

PANEL_PAD = inches(0.3)  # inside a finding's panel
BAND = inches(0.08)  # the accent band on a panel's left edge


class ChartSlide(SlideSpec):
    statistic: ContentId | None = Field(
        default=None, description="One statistic's id: its chart, with its key figure beside it."
    )
    # two or three statistics side by side, compared at one scale, under one `title`
    statistics: list[ContentId] = Field(
        default_factory=list,
        max_length=3,
        description="Two or three statistics' ids, side by side at one scale, under one `title`.",
    )
    title: Text | None = Field(
        default=None, description="The slide's title (one statistic: default its `takeaway`)."
    )
    references: ClassVar[dict[str, str]] = {"statistic": "statistics", "statistics": "statistics"}

    @model_validator(mode="after")
    def _one_or_several(self) -> ChartSlide:
        if self.statistic and self.statistics:
            raise FieldProblem(
                "a chart slide shows `statistic` (one) or `statistics` (several), not both",
                at=("statistics",),
                hint="move the id under `statistic:` into the `statistics:` list",
            )
        if not self.statistic and not self.statistics:
            raise FieldProblem(
                "a chart slide needs `statistic` (or `statistics`, two or three side by side)",
                missing="statistic",
            )
        if self.statistics and len(self.statistics) < 2:
            raise FieldProblem(
                "`statistics` sets two or three side by side",
                at=("statistics",),
                hint=f"for one, write `statistic: {self.statistics[0]}`",
            )
        if self.statistics and not self.title:
            raise FieldProblem(
                "a slide of several statistics needs a `title` that says what they show together",
                missing="title",
            )
        return self


@register("chart", ChartSlide)
def plan_chart(spec: ChartSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """A statistic's chart and key figure, or two or three statistics side by side."""
    if spec.statistics:
        return _side_by_side(spec, ctx)
    return _single(spec, ctx)


def _single(spec: ChartSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Takeaway title, chart, key figure and its label beside it, source."""
    assert spec.statistic is not None  # the model requires one of the two
    stat_id = spec.statistic
    stat = ctx.deck.content.statistics[stat_id]
    if stat.chart is None:
        ctx.diags.error(
            "E210",
            f"statistic `{stat_id}` has no `chart:` to draw",
            ctx.deck.source_map.locate(("slides", ctx.slide_index, "statistic")),
            "add a chart to the statistic, or use `kind: statistic`",
        )
        return []
    area = exhibits.single_chart_area(ctx)
    chart = exhibits.exhibit(ctx, stat_id, area, "Chart", exhibits.pictogram_scale(ctx))
    if not _drawable(chart, area, ("slides", ctx.slide_index, "statistic"), stat_id, ctx):
        return []
    if stat.chart.type is ChartType.PICTOGRAM:  # centred across, level with the key figure
        box = chart.box
        left = area.left + (area.width - box.width) // 2
        chart = dataclasses.replace(chart, box=Box(left, box.top, box.width, box.height))
    grid = ctx.grid
    side = Box(area.right + grid.gutter, grid.body.top, exhibits.SIDE_WIDTH, inches(3.0))
    key = exhibits.key_figure(ctx, stat_id, side, "Key figure")
    key = dataclasses.replace(key, box=Box(side.left, side.top, side.width, _height(key, ctx)))
    label_top = key.box.bottom + exhibits.KEY_GAP
    label = exhibits.label(
        ctx,
        stat_id,
        Box(side.left, label_top, side.width, grid.body.bottom - label_top),
        "Key figure label",
    )
    elements: list[Element] = [chart, key, label]
    title = spec.title or stat.takeaway or exhibits.finding(stat)
    draft = f"{sentences(title)} {chart.alt_text}"  # the title as a sentence, then the alt
    return [
        ctx.content_slide(
            spec,
            title,
            elements,
            draft,
            cited=[stat],
            shows=[("statistics", stat_id)],
            title_source=None if spec.title else ("statistics", stat_id, "takeaway"),
        )
    ]


def _side_by_side(spec: ChartSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Each statistic in a column: key figure, label and chart at one height across the row;
    one without a chart states its finding in words, in a panel as tall as the others."""
    stats = ctx.deck.content.statistics
    layout = exhibits.columns(ctx, spec.statistics)
    scale = exhibits.pictogram_scale(ctx)
    charted: list[Element] = []
    statements: list[tuple[int, str]] = []
    said: list[str] = []
    for i, stat_id in enumerate(spec.statistics):
        stat, column, n = stats[stat_id], layout.boxes[i], i + 1
        if stat.chart is None:
            statements.append((i, stat_id))
            said.append(sentences(stat.takeaway or exhibits.finding(stat)))
            continue
        key_box = Box(column.left, layout.top, column.width, layout.key_height)
        label_box = Box(column.left, layout.label_top, column.width, layout.label_height)
        area = layout.exhibit_area(i)
        if stat.chart.type is not ChartType.PICTOGRAM:
            area = Box(area.left, area.top, area.width, min(area.height, exhibits.MAX_CHART_HEIGHT))
        chart = exhibits.exhibit(ctx, stat_id, area, f"Chart {n}", scale)
        if not _drawable(chart, area, ("slides", ctx.slide_index, "statistics", i), stat_id, ctx):
            return []
        charted += [
            exhibits.key_figure(ctx, stat_id, key_box, f"Key figure {n}"),
            exhibits.label(ctx, stat_id, label_box, f"Key figure label {n}"),
            chart,
        ]
        said.append(chart.alt_text)
    # a finding's panel runs from the top of the row to the foot of the tallest exhibit
    bottom = max((e.box.bottom for e in charted), default=ctx.grid.body.bottom)
    elements = list(charted)
    for i, stat_id in statements:
        column = layout.boxes[i]
        elements += _statement(
            ctx, stat_id, Box(column.left, layout.top, column.width, bottom - layout.top), i + 1
        )
    shown = [stats[s] for s in spec.statistics]
    assert spec.title is not None  # the model requires it for several
    return [
        ctx.content_slide(
            spec,
            spec.title,
            elements,
            " ".join([sentences(spec.title), *said]),
            cited=shown,
            shows=[("statistics", s) for s in spec.statistics],
        )
    ]


def _statement(ctx: LayoutContext, stat_id: str, box: Box, n: int) -> list[Element]:
    """A statistic without a chart, said in words: its takeaway (else its headline and label)
    in a panel, with the accent band of a card on its left edge."""
    stat = ctx.deck.content.statistics[stat_id]
    text = stat.takeaway or exhibits.finding(stat)
    field = "takeaway" if stat.takeaway else "label"
    inner = Box(
        box.left + BAND + PANEL_PAD,
        box.top + PANEL_PAD,
        box.width - BAND - 2 * PANEL_PAD,
        box.height - 2 * PANEL_PAD,
    )
    return [
        ShapeElement(f"Finding {n} panel", box, ColourRole.SURFACE),
        ShapeElement(
            f"Finding {n} band", Box(box.left, box.top, BAND, box.height), ColourRole.ACCENT1
        ),
        TextElement(
            f"Finding {n}",
            inner,
            ctx.plain(text),
            ctx.body_style(size=ctx.scale.lead, colour=ColourRole.PRIMARY, anchor="middle"),
            inset=0,
            min_size=ctx.scale.body,
            source=("statistics", stat_id, field),
        ),
    ]


def _drawable(
    chart: Element, area: Box, at: tuple[str | int, ...], stat_id: str, ctx: LayoutContext
) -> bool:
    """False, with an E210 at the slide's reference, for a pictogram too large for its area
    even at the smallest scale."""
    if chart.box.right <= area.right and chart.box.bottom <= area.bottom:
        return True
    stat = ctx.deck.content.statistics[stat_id]
    total = stat.chart.total if stat.chart else None
    ctx.diags.error(
        "E210",
        f"the pictogram of statistic `{stat_id}` ({total} people) does not fit its slide",
        ctx.deck.source_map.locate(at),
        "count in a smaller total (3 in 10 rather than 30 in 100), or chart it as bars",
    )
    return False


def _height(element: TextElement, ctx: LayoutContext) -> int:
    return exhibits.height_of(element, ctx)
