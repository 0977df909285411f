"""Format values the way a chart's Excel-style number format would show them.

Only a small subset of Excel's number formats is supported, the one `format_value` can render
faithfully (so alt text says what the chart shows): `General`, or `0` with optional decimals
(`0.0`, `0.00`, ...), an optional thousands separator (`#,##0`), an optional `%`, and an optional
quoted literal before and after (`"£"#,##0`, `0.0"x"`). `Chart` rejects anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

GENERAL = "General"

_FORMAT = re.compile(
    r'(?:"(?P<prefix>[^"]+)")?'
    r"(?P<thousands>#,##)?0"
    r"(?:\.(?P<decimals>0{1,30}))?"
    r"(?P<percent>%)?"
    r'(?:"(?P<suffix>[^"]+)")?'
)

FORMAT_EXAMPLES = '`General`, `0`, `0.0`, `#,##0`, `0%`, `0.0%`, `0.0"x"` or `"£"#,##0`'

# General shows up to 11 significant digits and no exponent for ordinary magnitudes, like Excel
_GENERAL_DIGITS = 11
_GENERAL_LARGE = Decimal("1e11")
_GENERAL_SMALL = Decimal("1e-9")


@dataclass(frozen=True)
class NumberFormat:
    prefix: str = ""
    thousands: bool = False
    decimals: int = 0
    percent: bool = False
    suffix: str = ""


def parse_number_format(number_format: str) -> NumberFormat | None:
    """The parts of a supported format other than General; None when it is not supported."""
    match = _FORMAT.fullmatch(number_format)
    if match is None:
        return None
    return NumberFormat(
        prefix=match["prefix"] or "",
        thousands=match["thousands"] is not None,
        decimals=len(match["decimals"] or ""),
        percent=match["percent"] is not None,
        suffix=match["suffix"] or "",
    )


def is_supported_format(number_format: str) -> bool:
    return number_format == GENERAL or parse_number_format(number_format) is not None


def format_value(value: float, number_format: str = GENERAL) -> str:
    """`value` as Excel shows it under `number_format`: 12.5 with `0` is "13" (half rounds up,
    away from zero), 0.25 with `0%` is "25%", 1234567 with `General` is "1234567"."""
    fmt = number_format.strip()
    # Excel works with 15 significant digits, so 2.675 is 2.675 (not 2.67499...) to it
    exact = Decimal(f"{value:.15g}")
    if fmt in ("", GENERAL):
        return _general(exact)
    parsed = parse_number_format(fmt)
    if parsed is None:
        raise ValueError(f"unsupported number format {number_format!r}; use {FORMAT_EXAMPLES}")
    if parsed.percent:
        exact *= 100
    rounded = exact.quantize(Decimal(1).scaleb(-parsed.decimals), rounding=ROUND_HALF_UP)
    digits = f"{abs(rounded):,f}" if parsed.thousands else f"{abs(rounded):f}"
    # one section: Excel puts the minus sign before everything, literals included ("-£5"), and
    # keeps it on a negative value that rounds to zero ("-0.0")
    sign = "-" if exact < 0 else ""
    return sign + parsed.prefix + digits + ("%" if parsed.percent else "") + parsed.suffix


def signed_format(number_format: str, sign: str) -> str:
    """The number format of a value label with `sign` (an approximate value's `~`, `>` or `<`)
    before the number, for a native chart: two sections, so a negative value shows its sign
    first and its minus after it (`~-5`), as `signed_label` writes it; one section would put
    Excel's minus before everything (`-~5`)."""
    fmt = number_format.strip() or GENERAL
    if not sign:
        return fmt
    return f'"{sign}"{fmt};"{sign}"-{fmt}'


def signed_label(value: float, number_format: str, sign: str) -> str:
    """The label `signed_format` shows for `value`, as a picture chart writes it: the sign, then
    the value in its format, minus first (`~-5`, `~-£5`, `>100`)."""
    return sign + format_value(value, number_format)


def _general(value: Decimal) -> str:
    if value == 0:
        return "0"
    if _GENERAL_SMALL <= abs(value) < _GENERAL_LARGE:
        digits = _GENERAL_DIGITS - value.adjusted() - 1  # decimals left for 11 significant
        rounded = value.quantize(Decimal(1).scaleb(-max(digits, 0)), rounding=ROUND_HALF_UP)
        if abs(rounded) < _GENERAL_LARGE:
            text = f"{rounded:f}"
            return text.rstrip("0").rstrip(".") if "." in text else text
    # very large or very small: Excel's scientific form, six significant digits
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        mantissa, exponent = f"{+value:.5E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    sign = "-" if exponent.startswith("-") else "+"
    return f"{mantissa}E{sign}{abs(int(exponent)):02d}"
