"""The value axis range of a column or bar chart, shared by native and picture charts."""

from __future__ import annotations

from collections.abc import Iterable

HEADROOM = 1.2  # room past the longest bar for its value label


def value_axis_range(values: Iterable[float], labelled: bool = True) -> tuple[float, float]:
    """(minimum, maximum) of the value axis: zero always in range, and 20% beyond the most
    negative and the most positive value, so every bar and its label show (without labels,
    the longest bar reaches the end). All zeros get 0 to 1.
    """
    numbers = list(values)
    if not numbers:
        return 0.0, 1.0
    room = HEADROOM if labelled else 1.0
    minimum = _tidy(min(0.0, min(numbers) * room))
    maximum = _tidy(max(0.0, max(numbers) * room))
    if minimum == maximum:  # every value is zero
        return 0.0, 1.0
    return minimum, maximum


def _tidy(value: float) -> float:
    """Six significant digits (2.4, not 2.4000000000000004), and never -0.0."""
    return float(f"{value:.6g}") + 0.0
