"""Number formats and alt text drafted from chart data."""

from __future__ import annotations

import pytest

from summarydeck.charts.alt_text import draft_alt_text
from summarydeck.charts.numbers import format_value
from summarydeck.model.content import Chart


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (1.5, '0.0"x"', "1.5x"),
        (0.25, "0%", "25%"),
        (0.333, "0.0%", "33.3%"),
        (1234, "#,##0", "1,234"),
        (3.0, "General", "3"),
        (12.5, "0", "12"),
    ],
)
def test_values_are_formatted_like_the_chart_shows_them(value: float, fmt: str, shown: str) -> None:
    assert format_value(value, fmt) == shown


def test_bar_alt_text_states_every_value_and_the_source() -> None:
    chart = Chart.model_validate(
        {
            "type": "bar",
            "categories": ["Without", "With"],
            "number_format": '0.0"x"',
            "series": [{"name": "Likelihood", "values": [1.0, 1.5]}],
        }
    )
    text = draft_alt_text(chart, "back pain", "Q Lab (2018)")
    assert text == "Bar chart: back pain. Without 1.0x; With 1.5x. Source: Q Lab (2018)."


def test_multi_series_alt_text_names_each_series() -> None:
    chart = Chart.model_validate(
        {
            "type": "column",
            "categories": ["A", "B"],
            "series": [{"name": "2018", "values": [1, 2]}, {"name": "2019", "values": [3, 4]}],
        }
    )
    text = draft_alt_text(chart, "counts", None)
    assert "2018: A 1; B 2" in text and "2019: A 3; B 4" in text


def test_pictogram_alt_text_gives_the_ratio() -> None:
    chart = Chart.model_validate({"type": "pictogram", "value": 1, "total": 4})
    assert "1 of 4 people icons" in draft_alt_text(chart, "mental health", None)
