"""Co-branding: the partners' marks along the foot of the title slide.

Each partner shows its logo (with its alt text) or, where the content has no licensed logo
file, its name as text. Every mark is shown: the names step down the type scale to `small`,
then run onto a second line; what does not fit even so is an error at `brand.partners`, never a
partner silently left out (a missing partner is a real problem between organisations).
"""

from __future__ import annotations

import dataclasses

from summarydeck.layouts.context import LayoutContext
from summarydeck.plan.measure import needed_width
from summarydeck.plan.types import ColourRole, Element, PictureElement, TextElement, TextStyle
from summarydeck.values import EMU_PER_PT, Box, inches

GAP = inches(0.5)  # between two marks on a line
LOGO_HEIGHT = inches(0.45)
LOGO_MAX_WIDTH = inches(2.5)  # a wide logo may not crowd out the others


def partner_marks(ctx: LayoutContext, area: Box, colour: ColourRole) -> list[Element]:
    """Every partner's mark, in order, in lines from the top left of `area`."""
    partners = ctx.deck.brand.partners
    if not partners:
        return []
    scale = ctx.scale
    sizes = [s for s in scale.steps() if scale.small <= s <= scale.label][::-1]
    for size in sizes:
        marks = [_mark(ctx, index, size, colour) for index in range(len(partners))]
        placed = _lines(marks, area, size)
        if placed is not None:
            return placed
    ctx.diags.error(
        "E210",
        f"the {len(partners)} partners do not fit along the foot of the title slide, even "
        f"with their names at {scale.small:g} pt on two lines",
        ctx.deck.source_map.locate(("brand", "partners"), key=True),
        "give the long names a shorter form, or use logo files",
    )
    return []


def _mark(ctx: LayoutContext, index: int, size: float, colour: ColourRole) -> Element:
    """A partner's logo at the logo height (no wider than LOGO_MAX_WIDTH), or its name as a
    one-line text box as wide as the name."""
    partner = ctx.deck.brand.partners[index]
    if partner.logo:
        alt = partner.logo_alt_text or f"{partner.name} logo"
        room = Box(0, 0, LOGO_MAX_WIDTH, LOGO_HEIGHT)
        return ctx.picture(f"Partner {index + 1} logo", partner.logo, alt, room)
    style = TextStyle(size, colour, "heading", bold=True, anchor="middle")
    text = TextElement(
        f"Partner {index + 1} name", Box(0, 0, 1, 1), ctx.plain(partner.name), style, inset=0
    )
    width = round(needed_width(text, ctx.deck.brand) * EMU_PER_PT) + inches(0.05)
    return dataclasses.replace(text, box=Box(0, 0, width, _line_height(size)))


def _line_height(size: float) -> int:
    return max(round(size * 1.3 * EMU_PER_PT), LOGO_HEIGHT)


def _lines(marks: list[Element], area: Box, size: float) -> list[Element] | None:
    """The marks flowed into at most two lines of `area`, or None when they do not fit."""
    height = _line_height(size)
    lines = 1
    left, top = area.left, area.top
    placed: list[Element] = []
    for mark in marks:
        width = mark.box.width
        if width > area.width:
            return None
        if left > area.left and left + width > area.right:
            lines += 1
            left, top = area.left, top + height + inches(0.05)
        if lines > 2 or top + height > area.bottom:
            return None
        placed.append(_at(mark, left, top, height))
        left += width + GAP
    return placed


def _at(mark: Element, left: int, top: int, height: int) -> Element:
    """The mark moved to `left`, `top`: a logo centred in its line, a name as tall as it."""
    box = mark.box
    if isinstance(mark, PictureElement):
        return dataclasses.replace(
            mark, box=Box(left, top + (height - box.height) // 2, box.width, box.height)
        )
    return dataclasses.replace(mark, box=Box(left, top, box.width, height))
