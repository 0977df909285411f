"""Number formats, value axis ranges, the chart model's checks and alt text from chart data."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from summarydeck.charts.alt_text import draft_alt_text
from summarydeck.charts.axis import value_axis_range
from summarydeck.model.content import Chart
from summarydeck.model.errors import FieldProblem
from summarydeck.model.labels import Labels
from summarydeck.model.number_format import format_value, is_supported_format


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (1.5, '0.0"x"', "1.5x"),
        (0.25, "0%", "25%"),
        (0.333, "0.0%", "33.3%"),
        (1234, "#,##0", "1,234"),
        (3.0, "General", "3"),
        # half rounds up (away from zero), as Excel does, not to even
        (12.5, "0", "13"),
        (13.5, "0", "14"),
        (-12.5, "0", "-13"),
        (0.125, "0.00", "0.13"),
        (2.675, "0.00", "2.68"),  # Excel sees 2.675, not the float's 2.67499999...
        (0.285, "0%", "29%"),
        (1234.5, "#,##0", "1,235"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (-0.04, "0.0", "-0.0"),  # Excel keeps the sign of a negative value shown as zero
        # quoted literals before and after; the minus sign goes first
        (5, '"£"0', "£5"),
        (-5, '"£"#,##0', "-£5"),
        (1.25, '"£"0.0"m"', "£1.3m"),
        (0.5, '0%" up"', "50% up"),
        # General: like Excel for ordinary magnitudes, no exponent below 1e11
        (1234567, "General", "1234567"),
        (0.5, "General", "0.5"),
        (1.0, "General", "1"),
        (-3.25, "General", "-3.25"),
        (0.1 + 0.2, "General", "0.3"),
        (1 / 3, "General", "0.33333333333"),
        (99999999999, "General", "99999999999"),
        (123456789012, "General", "1.23457E+11"),
        (1e-12, "General", "1E-12"),
        (0, "General", "0"),
    ],
)
def test_values_are_formatted_like_the_chart_shows_them(value: float, fmt: str, shown: str) -> None:
    assert format_value(value, fmt) == shown


@pytest.mark.parametrize(
    "fmt",
    ["General", "0", "0.0", "0.000", "#,##0", "#,##0.00", "0%", "0.0%", '0.0"x"', '"£"#,##0'],
)
def test_supported_formats_pass_the_model_check(fmt: str) -> None:
    assert is_supported_format(fmt)
    Chart.model_validate({**_COLUMN, "number_format": fmt})


@pytest.mark.parametrize(
    "fmt",
    [
        "0;-0",  # sections
        "0;[Red]-0",
        "[Red]0",  # colours
        "dd/mm/yyyy",  # dates
        "0.0#",  # optional digits
        "#,##0.##",
        "0.0x",  # an unquoted literal
        '"a"0"b""c"',  # more than one literal after
        "general",
        "",
        "0,0",
        "0.0E+00",
        "@",
    ],
)
def test_unsupported_formats_are_rejected_at_number_format(fmt: str) -> None:
    assert not is_supported_format(fmt)
    problem = _problem({**_COLUMN, "number_format": fmt})
    assert problem.at == ("number_format",)
    assert problem.hint is not None and '`0.0"x"`' in problem.hint and "`#,##0`" in problem.hint
    with pytest.raises(ValueError, match="unsupported number format"):
        format_value(1.0, fmt if fmt else "0;-0")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.0, 2.0], (0.0, 2.4)),
        ([1.0, 1.5], (0.0, 1.8)),  # tidy: not 1.7999999999999998
        ([-3.0, 5.0], (-3.6, 6.0)),
        ([-1.0, -2.0], (-2.4, 0.0)),  # all negative: zero at the top
        ([0.0, 0.0], (0.0, 1.0)),  # all zero: still a sane range
        ([0.0, -0.0], (0.0, 1.0)),
        ([12, 15, 9, 14, 13, 11], (0.0, 18.0)),
    ],
)
def test_value_axis_range_keeps_zero_and_every_bar(
    values: list[float], expected: tuple[float, float]
) -> None:
    low, high = value_axis_range(values)
    assert (low, high) == pytest.approx(expected)
    assert low <= 0 <= high and low < high
    assert low <= min(values) and max(values) <= high
    assert str(low) != "-0.0"


_COLUMN = {
    "type": "column",
    "categories": ["A", "B", "C"],
    "series": [{"name": "Count", "values": [1, 2, 3]}],
}
_PIE = {
    "type": "pie",
    "categories": ["A", "B", "C"],
    "series": [{"name": "Share", "values": [0.5, 0.3, 0.2]}],
}


def _problem(data: dict[str, Any]) -> FieldProblem:
    """The model check's own error for `data`, which must fail validation."""
    with pytest.raises(ValidationError) as caught:
        Chart.model_validate(data)
    errors = caught.value.errors()
    assert len(errors) == 1
    problem = (errors[0].get("ctx") or {}).get("error")
    assert isinstance(problem, FieldProblem), errors
    return problem


@pytest.mark.parametrize("kind", ["pie", "doughnut"])
def test_pie_and_doughnut_refuse_a_negative_slice(kind: str) -> None:
    problem = _problem(
        {**_PIE, "type": kind, "series": [{"name": "Share", "values": [0.5, -0.3, 0.2]}]}
    )
    assert problem.at == ("series", 0, "values", 1)
    assert "negative value -0.3" in str(problem)
    assert problem.hint is not None and "zero or more" in problem.hint


@pytest.mark.parametrize("kind", ["pie", "doughnut"])
def test_pie_and_doughnut_refuse_values_that_add_up_to_zero(kind: str) -> None:
    problem = _problem({**_PIE, "type": kind, "series": [{"name": "Share", "values": [0, 0, 0]}]})
    assert problem.at == ("series", 0, "values")
    assert "add up to zero" in str(problem)
    assert problem.hint is not None


def test_a_pie_with_a_zero_slice_is_fine() -> None:
    Chart.model_validate({**_PIE, "series": [{"name": "Share", "values": [1, 0, 0]}]})


@pytest.mark.parametrize("kind", ["pie", "doughnut"])
def test_picture_engine_refuses_pie_and_doughnut(kind: str) -> None:
    problem = _problem({**_PIE, "type": kind, "engine": "picture"})
    assert problem.at == ("engine",)
    assert problem.hint == "picture charts draw column and bar charts; leave pie charts native"


@pytest.mark.parametrize("kind", ["column", "bar"])
def test_picture_engine_draws_column_and_bar_charts(kind: str) -> None:
    chart = Chart.model_validate({**_COLUMN, "type": kind, "engine": "picture"})
    assert chart.engine_used == "picture"


def test_highlight_needs_a_single_series() -> None:
    two = [{"name": "2018", "values": [1, 2, 3]}, {"name": "2019", "values": [3, 2, 1]}]
    problem = _problem({**_COLUMN, "series": two, "highlight": [1]})
    assert problem.at == ("highlight",)
    assert problem.hint is not None
    Chart.model_validate({**_COLUMN, "series": two})  # without highlight it is fine
    Chart.model_validate({**_COLUMN, "highlight": [1]})  # and one series may highlight


def test_bar_alt_text_states_every_value_and_the_source() -> None:
    chart = Chart.model_validate(
        {
            "type": "bar",
            "categories": ["Without", "With"],
            "number_format": '0.0"x"',
            "series": [{"name": "Likelihood", "values": [1.0, 1.5]}],
        }
    )
    text = draft_alt_text(chart, "50% more likely to have back pain", "Q Lab (2018)", Labels())
    assert text == (
        "50% more likely to have back pain. Bar chart. Likelihood: Without 1.0x; With 1.5x. "
        "Source: Q Lab (2018)."
    )


def test_multi_series_alt_text_names_each_series() -> None:
    chart = Chart.model_validate(
        {
            "type": "column",
            "categories": ["A", "B"],
            "series": [{"name": "2018", "values": [1, 2]}, {"name": "2019", "values": [3, 4]}],
        }
    )
    text = draft_alt_text(chart, "counts", None, Labels())
    assert "2018: A 1; B 2" in text and "2019: A 3; B 4" in text


def test_pictogram_alt_text_leads_with_the_finding_then_gives_the_ratio() -> None:
    chart = Chart.model_validate({"type": "pictogram", "value": 1, "total": 4})
    text = draft_alt_text(chart, "1 in 4 people have a mental health problem", None, Labels())
    # typeset like the slide (quotes, dashes), but spoken: plain spaces, no line to break
    assert text == "1 in 4 people have a mental health problem. Pictogram: 1 of 4 people filled."


def test_a_pictogram_is_drawn_as_shapes_whatever_its_engine() -> None:
    chart = Chart.model_validate({"type": "pictogram", "value": 1, "total": 4})
    assert chart.engine_used == "shapes"


@pytest.mark.parametrize(
    "chart",
    [
        {**_PIE, "value_labels": False},
        {
            **_COLUMN,
            "value_labels": False,
            "series": [{"name": "a", "values": [1, 2, 3]}, {"name": "b", "values": [3, 2, 1]}],
        },
    ],
    ids=["pie", "two-series"],
)
def test_only_one_series_of_bars_may_go_without_value_labels(chart: dict[str, object]) -> None:
    problem = _problem(chart)
    assert problem.at == ("value_labels",)
    Chart.model_validate({**_COLUMN, "value_labels": False})  # one series of bars may


def test_without_value_labels_the_longest_bar_reaches_the_end_of_the_axis() -> None:
    assert value_axis_range([1.0, 1.5], labelled=False) == (0.0, 1.5)
    assert value_axis_range([1.0, 1.5]) == (0.0, 1.8)  # room for the labels
