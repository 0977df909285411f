"""The parts of a statistic's exhibit that chart slides share, and where they go.

A statistic is said once: its headline (the key figure) and label read as one sentence ("1 in 4"
/ "people in the UK have a mental health problem each year"), its chart shows it, and the
chart's alt text leads with the same words. Every key figure is set at the type scale's
`key_figure` size and never shrinks, and every pictogram in the deck is drawn at one scale, so
figures side by side, or on two slides, compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarydeck.charts.alt_text import draft_alt_text
from summarydeck.charts.pictogram import SCALES, deck_scale, extent, fits
from summarydeck.layouts.context import LayoutContext
from summarydeck.markdown.inline import to_plain, typeset_spoken
from summarydeck.model.content import Chart, ChartType, Statistic
from summarydeck.plan.measure import missing_character, needed_emu
from summarydeck.plan.types import ChartElement, ColourRole, TextElement, TextStyle
from summarydeck.values import Box, inches

PALETTE = (
    ColourRole.ACCENT1,
    ColourRole.ACCENT2,
    ColourRole.ACCENT3,
    ColourRole.ACCENT4,
    ColourRole.ACCENT5,
    ColourRole.ACCENT6,
)
SIDE_WIDTH = inches(4.2)  # one statistic: the key figure's column beside the chart
COLUMN_GAP = inches(0.6)  # several: between their columns, wider than a gutter to part them
KEY_GAP = inches(0.05)  # between a key figure and its label
EXHIBIT_GAP = inches(0.3)  # between the label and the chart or pictogram below it
MAX_CHART_HEIGHT = inches(3.2)  # a chart in a column: taller only stretches two bars


DESCENT_ROOM = inches(0.1)  # below a frame's last line, for its glyphs' descent


def finding(stat: Statistic) -> str:
    """The statistic in words, its headline first: how alt text and notes say it."""
    return f"{to_plain(stat.headline)} {to_plain(stat.label)}"


def key_figure(ctx: LayoutContext, stat_id: str, box: Box, name: str) -> TextElement:
    """The headline, large, at the one size every key figure in the deck has: it never
    shrinks (a layout gives it the height it needs)."""
    stat = ctx.deck.content.statistics[stat_id]
    return TextElement(
        name,
        box,
        ctx.plain(stat.headline),
        TextStyle(
            ctx.scale.key_figure,
            ColourRole.ACCENT1,
            "heading",
            bold=True,
            # from the top: the frame is as tall as the figure needs, with room below it for
            # the glyphs' descent, which large type anchored at the bottom would push out
            anchor="top",
        ),
        inset=0,  # the number's edge on the column's edge, over the chart's
        min_size=ctx.scale.key_figure,
        source=("statistics", stat_id, "headline"),
        group="key figures",
    )


def label(ctx: LayoutContext, stat_id: str, box: Box, name: str) -> TextElement:
    """What the key figure counts, in body text right under it."""
    stat = ctx.deck.content.statistics[stat_id]
    return TextElement(
        name,
        box,
        ctx.markdown(stat.label),
        ctx.body_style(),
        inset=0,
        min_size=ctx.scale.body_min,
        source=("statistics", stat_id, "label"),
        group="key figure labels",
    )


def exhibit(ctx: LayoutContext, stat_id: str, area: Box, name: str, scale: float) -> ChartElement:
    """The statistic's chart in `area`; a pictogram takes just the room its people need at
    the deck's `scale`, from the area's top left."""
    stat = ctx.deck.content.statistics[stat_id]
    chart = stat.chart
    assert chart is not None  # the layouts draw an exhibit only for a statistic with a chart
    box = area
    if chart.type is ChartType.PICTOGRAM:
        width, height = extent(chart.total or 1, area.width, scale)
        box = Box(area.left, area.top, width, height)
    if chart.engine == "picture":
        _check_drawable(ctx, stat_id, chart)
    sources = [ctx.deck.content.sources[s].citation() for s in stat.source]
    # written or drafted, alt text is set like the slide's text
    alt = (
        typeset_spoken(stat.alt_text)
        if stat.alt_text
        else draft_alt_text(chart, finding(stat), sources, ctx.deck.labels)
    )
    return ChartElement(name, box, chart, alt, PALETTE, font_size=ctx.scale.body)


def height_of(element: TextElement, ctx: LayoutContext) -> int:
    """The height a frame needs for its text at its own size, insets included, and room for
    the glyphs' descent: large type set tight draws below its last line's pitch."""
    return needed_emu(element, ctx.deck.brand) + element.inset + DESCENT_ROOM


# --- where the parts go ---


def single_chart_area(ctx: LayoutContext) -> Box:
    """One statistic: its chart on the left, the key figure's column on the right."""
    grid = ctx.grid
    return Box(
        grid.margin,
        grid.body.top,
        grid.inner_width - SIDE_WIDTH - grid.gutter,
        grid.body.height - inches(0.2),
    )


@dataclass(frozen=True)
class Columns:
    """Two or three statistics side by side: a column each; key figures and labels in two
    rows as tall as the tallest needs, so every exhibit starts at one height."""

    boxes: tuple[Box, ...]
    key_height: int
    label_height: int

    @property
    def top(self) -> int:
        return self.boxes[0].top

    @property
    def label_top(self) -> int:
        return self.top + self.key_height + KEY_GAP

    @property
    def exhibit_top(self) -> int:
        return self.label_top + self.label_height + EXHIBIT_GAP

    def exhibit_area(self, column: int) -> Box:
        box = self.boxes[column]
        return Box(box.left, self.exhibit_top, box.width, box.bottom - self.exhibit_top)


def columns(ctx: LayoutContext, stat_ids: Sequence[str]) -> Columns:
    boxes = ctx.grid.columns(len(stat_ids), ctx.grid.body, COLUMN_GAP)
    charted = [(i, s) for i, s in enumerate(stat_ids) if ctx.deck.content.statistics[s].chart]
    keys = [height_of(key_figure(ctx, s, boxes[i], ""), ctx) for i, s in charted]
    labels = [height_of(label(ctx, s, boxes[i], ""), ctx) for i, s in charted]
    return Columns(tuple(boxes), max(keys, default=0), max(labels, default=0))


def pictogram_scale(ctx: LayoutContext) -> float:
    """The one scale of every pictogram the deck shows: the largest step at which each fits
    the area its slide gives it (one too large even at the smallest step is reported on its
    own slide, and left out here rather than shrinking every other). Worked out once a build:
    every chart slide asks, and each answer looks at the whole storyboard."""
    if "pictogram_scale" not in ctx.once:
        ctx.once["pictogram_scale"] = _pictogram_scale(ctx)
    scale: float = ctx.once["pictogram_scale"]
    return scale


def _pictogram_scale(ctx: LayoutContext) -> float:
    stats = ctx.deck.content.statistics
    areas: list[tuple[int, int, int]] = []
    for entry in ctx.deck.entries:
        spec = entry.spec
        if spec.kind != "chart":
            continue
        single: str | None = getattr(spec, "statistic", None)
        several: list[str] = list(getattr(spec, "statistics", []))
        shown = [single] if single else several
        # only ids that name a pictogram: a wrong id is reported by validation, not here
        pictograms = [
            (i, s)
            for i, s in enumerate(shown)
            if s in stats
            and (chart := stats[s].chart) is not None
            and chart.type is ChartType.PICTOGRAM
        ]
        if not pictograms:
            continue
        if single:
            area = single_chart_area(ctx)
            areas.append((_total(stats[single]), area.width, area.height))
            continue
        layout = columns(ctx, several)
        for i, s in pictograms:
            area = layout.exhibit_area(i)
            areas.append((_total(stats[s]), area.width, area.height))
    drawable = [a for a in areas if fits(*a, SCALES[-1])]
    return deck_scale(drawable) or SCALES[-1]


def _total(stat: Statistic) -> int:
    return (stat.chart.total if stat.chart else None) or 1


def _check_drawable(ctx: LayoutContext, stat_id: str, chart: Chart) -> None:
    """A picture chart is drawn with the brand's body font alone (PowerPoint's fallback fonts
    do not reach a picture): a character the font lacks would be an empty box, and Arabic or
    Hebrew would come out unshaped. Say so at the word, where a native chart would draw it."""
    family = ctx.deck.brand.fonts.body
    words = [(("categories", i), c) for i, c in enumerate(chart.categories)] + [
        (("series", i, "name"), s.name) for i, s in enumerate(chart.series)
    ]
    for at, text in words:
        missing = missing_character(text, family)
        if missing is not None:
            ctx.diags.error(
                "E210",
                f"statistics.{stat_id}.chart: a picture chart cannot draw `{missing}` "
                f"(U+{ord(missing):04X}): its font, {family}, has no such character",
                ctx.deck.source_map.locate(("statistics", stat_id, "chart", *at)),
                "leave out `engine: picture`: a native chart is drawn by PowerPoint, which finds "
                "a font for every script",
            )
            return
