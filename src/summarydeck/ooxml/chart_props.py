"""What a chart part shows that the checks judge: its text sizes, the fills of its series or
bars in the order they stand side by side, and whether its values are labelled on the bars."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summarydeck.ooxml.names import local_name, qn
from summarydeck.ooxml.theme import Theme, colour_of

# plot groups whose series are drawn as lines or markers: their colour is the line's
_LINE_GROUPS = {"lineChart", "line3DChart", "scatterChart", "radarChart", "stockChart"}
# plot groups whose points go round a circle: the last one touches the first
_RING_GROUPS = {"pieChart", "pie3DChart", "doughnutChart", "ofPieChart"}
_LABEL_PARTS = ("c:showVal", "c:showPercent", "c:showCatName", "c:showSerName")


@dataclass(frozen=True)
class ChartFacts:
    sizes: tuple[float, ...] = ()  # points, every size set on the chart's text
    fills: tuple[str | None, ...] = ()  # side by side; None where no colour is set
    labelled: bool = False  # every series shows its values (or names) on the chart
    ring: bool = False  # a pie or doughnut: the last fill touches the first
    # one series whose bars are coloured in groups (the highlighted ones, the rest): bars of
    # one colour are one group, meant to look alike, not told apart
    grouped: bool = False


def read_chart(root: Any, theme: Theme) -> ChartFacts:
    """The facts of the chart part whose root element is `root`, colours through `theme`."""
    sizes = tuple(
        int(e.get("sz")) / 100 for e in root.iter(qn("a:defRPr"), qn("a:rPr")) if e.get("sz")
    )
    fills: list[str | None] = []
    labelled, ring, any_series, grouped = True, False, False, False
    plot = root.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    for group in plot if plot is not None else []:
        name = local_name(group)
        series = group.findall(qn("c:ser"))
        if not name.endswith("Chart") or not series:
            continue
        any_series = True
        line = name in _LINE_GROUPS
        labels = group.find(qn("c:dLbls"))
        labelled = labelled and all(_shows_labels(s.find(qn("c:dLbls")), labels) for s in series)
        varied = _on(group.find(qn("c:varyColors")), default=False)
        if len(series) == 1 and (varied or series[0].find(qn("c:dPt")) is not None):
            fills.extend(_point_fills(series[0], theme, line))
            ring = ring or name in _RING_GROUPS
            grouped = grouped or not varied
        else:
            fills.extend(_fill(s.find(qn("c:spPr")), theme, line) for s in series)
    return ChartFacts(sizes, tuple(fills), labelled and any_series, ring, grouped)


def _on(element: Any, *, default: bool = True) -> bool:
    """A chart boolean: `val` absent means true, as the schema says."""
    if element is None:
        return default
    return element.get("val", "1") in ("1", "true")


def _shows_labels(own: Any, group: Any) -> bool:
    """Whether a series' data labels (its own, else its plot group's) show anything."""
    labels = own if own is not None else group
    if labels is None or _on(labels.find(qn("c:delete")), default=False):
        return False
    return any(_on(labels.find(qn(part)), default=False) for part in _LABEL_PARTS)


def _fill(sp_pr: Any, theme: Theme, line: bool) -> str | None:
    if sp_pr is None:
        return None
    holder = sp_pr.find(qn("a:ln")) if line else sp_pr
    solid = holder.find(qn("a:solidFill")) if holder is not None else None
    return colour_of(solid, theme) if solid is not None else None


def _point_fills(series: Any, theme: Theme, line: bool) -> list[str | None]:
    """One fill per data point of a single series: its own (`c:dPt`), else the series'."""
    own = {
        int(idx.get("val", "0")): _fill(point.find(qn("c:spPr")), theme, line)
        for point in series.findall(qn("c:dPt"))
        if (idx := point.find(qn("c:idx"))) is not None
    }
    counts = [
        int(c.get("val", "0"))
        for values in (series.find(qn("c:val")), series.find(qn("c:yVal")))
        if values is not None
        for c in values.iter(qn("c:ptCount"))
    ]
    count = max(counts or [max(own, default=-1) + 1])
    default = _fill(series.find(qn("c:spPr")), theme, line)
    return [own.get(i) or default for i in range(count)]
