"""Colour arithmetic: WCAG 2.1 relative luminance and contrast ratio."""

from __future__ import annotations

import math

NON_TEXT = 3.0  # WCAG 2.1 SC 1.4.11: a colour that carries meaning, against its neighbours


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def shown_ratio(ratio: float) -> str:
    """A contrast ratio as messages show it, rounded down to two decimals: one that fails a
    threshold never reads as meeting it (2.995 is "2.99:1", not "3.00:1")."""
    return f"{math.floor(ratio * 100) / 100:.2f}:1"
