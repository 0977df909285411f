"""Alt text drafted from a chart's data, so every chart tells a screen reader its numbers."""

from __future__ import annotations

from summarydeck.model.content import Chart, ChartType
from summarydeck.model.number_format import format_value

_NAMES = {
    ChartType.COLUMN: "Column chart",
    ChartType.BAR: "Bar chart",
    ChartType.PIE: "Pie chart",
    ChartType.DOUGHNUT: "Doughnut chart",
    ChartType.PICTOGRAM: "Pictogram",
}


def draft_alt_text(chart: Chart, subject: str, source: str | None) -> str:
    """E.g. "Bar chart: <subject>. A 1.0x; B 1.5x. Source: X (2018)."""
    if chart.type is ChartType.PICTOGRAM:
        label = chart.icon_label or "people"
        text = (
            f"Pictogram: {subject}. {chart.value} of {chart.total} {label} icons are highlighted."
        )
    else:
        parts = []
        for series in chart.series:
            values = "; ".join(
                f"{category} {format_value(v, chart.number_format)}"
                for category, v in zip(chart.categories, series.values, strict=True)
            )
            parts.append(values if len(chart.series) == 1 else f"{series.name}: {values}")
        text = f"{_NAMES[chart.type]}: {subject}. " + ". ".join(parts) + "."
    if source:
        text += f" Source: {source}."
    return text
