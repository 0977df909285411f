"""Alt text drafted from a statistic and its chart: the number first, as a listener needs it
("1 in 4 people in the UK ..."), then what the picture shows, then the source."""

from __future__ import annotations

from collections.abc import Sequence

from summarydeck.markdown.inline import typeset_spoken
from summarydeck.model.approximate import Qualifier
from summarydeck.model.content import Chart, ChartType
from summarydeck.model.labels import Labels
from summarydeck.model.number_format import format_value

# the label that names each kind of chart
_NAMES = {
    ChartType.COLUMN: "column_chart",
    ChartType.BAR: "bar_chart",
    ChartType.PIE: "pie_chart",
    ChartType.DOUGHNUT: "doughnut_chart",
}


def draft_alt_text(
    chart: Chart,
    finding: str,
    source: str | Sequence[str] | None,
    labels: Labels,
) -> str:
    """E.g. "1 in 4 people in the UK have a mental health problem each year. Pictogram: 1 of
    4 people filled. Source: Q Lab blog (2018)." `finding` is the statistic in words, its
    headline first; `source` one citation or several. An approximate value is said in words
    from `labels` ("about 40", "more than 100")."""
    text = _sentence(finding)
    if chart.type is ChartType.PICTOGRAM:
        label = chart.icon_label or labels.text("pictogram_people")
        value = _said(str(chart.value), chart.value_qualifier, labels)
        text += " " + labels.text("pictogram", value=value, total=chart.total, label=label)
    else:
        parts = []
        for series in chart.series:
            values = "; ".join(
                f"{category} {_said(format_value(v, chart.number_format), q, labels)}"
                for category, v, q in zip(
                    chart.categories, series.values, series.qualifiers, strict=True
                )
            )
            parts.append(f"{series.name}: {values}")
        text += f" {labels.text(_NAMES[chart.type])}. " + ". ".join(parts) + "."
    cited = [source] if isinstance(source, str) else list(source or ())
    if cited:
        said = labels.text("source_one" if len(cited) == 1 else "source_many")
        text += f" {said} {'; '.join(cited)}."
    # a screen reader's text is set like the slide's: categories and names come as typed
    return typeset_spoken(text)


def _said(value: str, qualifier: Qualifier | None, labels: Labels) -> str:
    """A value as a listener hears it: "40", or "about 40" for `~40`."""
    return value if qualifier is None else labels.text(qualifier.label_key, value=value)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
