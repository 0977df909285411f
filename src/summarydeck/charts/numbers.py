"""Format values the way a chart's Excel-style number format would show them."""

from __future__ import annotations

import re

_LITERAL = re.compile(r'"([^"]*)"')


def format_value(value: float, number_format: str = "General") -> str:
    """A readable rendering of `value` under simple Excel formats: 0, 0.0, 0%, 0.0"x" and so on."""
    fmt = number_format.strip()
    if fmt in ("", "General"):
        return f"{value:g}"
    literals = "".join(_LITERAL.findall(fmt))
    core = _LITERAL.sub("", fmt)
    percent = "%" in core
    if percent:
        value *= 100
    decimals = len(core.split(".", 1)[1].rstrip("%").replace("#", "0")) if "." in core else 0
    text = f"{value:,.{decimals}f}" if "," in core else f"{value:.{decimals}f}"
    return text + ("%" if percent else "") + literals
