"""Alt text drafted from a statistic and its chart: the number first, as a listener needs it
("1 in 4 people in the UK ..."), then what the picture shows, then the source."""

from __future__ import annotations

from summarydeck.markdown.inline import typeset_spoken
from summarydeck.model.content import Chart, ChartType
from summarydeck.model.number_format import format_value

_NAMES = {
    ChartType.COLUMN: "Column chart",
    ChartType.BAR: "Bar chart",
    ChartType.PIE: "Pie chart",
    ChartType.DOUGHNUT: "Doughnut chart",
    ChartType.PICTOGRAM: "Pictogram",
}


def draft_alt_text(chart: Chart, finding: str, source: str | None) -> str:
    """E.g. "1 in 4 people in the UK have a mental health problem each year. Pictogram: 1 of
    4 people filled. Source: Q Lab blog (2018)." `finding` is the statistic in words, its
    headline first."""
    text = _sentence(finding)
    if chart.type is ChartType.PICTOGRAM:
        label = chart.icon_label or "people"
        text += f" Pictogram: {chart.value} of {chart.total} {label} filled."
    else:
        parts = []
        for series in chart.series:
            values = "; ".join(
                f"{category} {format_value(v, chart.number_format)}"
                for category, v in zip(chart.categories, series.values, strict=True)
            )
            parts.append(f"{series.name}: {values}")
        text += f" {_NAMES[chart.type]}. " + ". ".join(parts) + "."
    if source:
        text += f" Source: {source}."
    # a screen reader's text is set like the slide's: categories and names come as typed
    return typeset_spoken(text)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
