"""Bar fills that differ in lightness, not only in hue.

WCAG 2.1 SC 1.4.11 asks 3:1 of a colour that carries meaning, against the background and
against the colour beside it. A stressed bar beside muted ones meets both only when one of the
two is dark and the other mid-tone, so the stressed bars take the first brand colour dark
enough to leave room for a mid-tone, and the others that brand's muted colour, lightened
towards the background just enough.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarydeck.model.brand import Brand
from summarydeck.model.colour import NON_TEXT, contrast_ratio, rgb
from summarydeck.plan.colours import role_hex
from summarydeck.plan.types import ColourRole

_STRESSED = (ColourRole.ACCENT1, ColourRole.PRIMARY, ColourRole.TEXT)  # tried in this order
_STEPS = 20  # the muted colour is lightened in twentieths


@dataclass(frozen=True)
class HighlightFills:
    stressed: ColourRole  # a theme colour, so the deck stays on brand when edited
    others: str  # #RRGGBB
    distinct: bool  # both meet 3:1 against the background and against each other


def highlight_fills(brand: Brand) -> HighlightFills:
    """The fills of a chart's stressed bars and of the rest."""
    background, muted = brand.colours.background, brand.colours.muted
    for role in _STRESSED:
        stressed = role_hex(brand, role)
        if contrast_ratio(stressed, background) < NON_TEXT:
            continue
        for step in range(_STEPS):
            other = mix(muted, background, step / _STEPS)
            if contrast_ratio(other, background) < NON_TEXT:
                break  # lighter still only loses contrast with the background
            if contrast_ratio(other, stressed) >= NON_TEXT:
                return HighlightFills(role, other, True)
    # no such pair in this brand: the bars keep their values as labels, the only sure cue
    return HighlightFills(ColourRole.ACCENT1, muted, False)


def mix(colour: str, towards: str, share: float) -> str:
    """`colour` moved `share` of the way to `towards` (0: itself, 1: `towards`)."""
    mixed = (round(a + (b - a) * share) for a, b in zip(rgb(colour), rgb(towards), strict=True))
    return "#" + "".join(f"{c:02X}" for c in mixed)
