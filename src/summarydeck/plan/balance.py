"""Place a content slide's body by rule: short content is centred in the body area.

A slide whose content fills only the top of the area below its title leaves an empty lower
third, which reads as unfinished at projector size. Content that fills most of the area keeps
its place on the grid, so full slides still line up with each other.
"""

from __future__ import annotations

import dataclasses

from summarydeck.model.brand import Brand
from summarydeck.plan.measure import text_height
from summarydeck.plan.types import Element, SlidePlan, TextElement
from summarydeck.values import EMU_PER_PT, Box

# names of the elements in the band at the foot of the slide, which never move
FOOT_NAMES = frozenset({"Citation", "Unconfirmed label"})
# move content only when at least this share of the area is empty below it
MIN_EMPTY_SHARE = 0.2
STACK_TOLERANCE = 12_700  # 1 pt: a shape ending where a placeholder starts is stacked on it


def balance_plan(plan: SlidePlan, brand: Brand, area: Box, gap: int) -> SlidePlan:
    """`plan` with its body elements moved together so that they sit in the middle of the
    room between the title's last line (plus `gap`) and the foot of `area` (the body area,
    above the source line), when they start at the area's top and leave at least a fifth of
    the room empty."""
    body = [e for e in plan.elements if e.name not in FOOT_NAMES]
    if not body or any(e.box.top < area.top or e.box.bottom > area.bottom for e in body):
        return plan  # content placed elsewhere (a template's title, a full-bleed picture)
    if _stacked_on_a_placeholder(body):
        return plan
    top = min(e.box.top for e in body)
    bottom = max(_content_bottom(e, brand) for e in body)
    room_top = min(area.top, _content_bottom(plan.title, brand) + gap)
    room = area.bottom - room_top
    empty = room - (bottom - top)
    if top > area.top + area.height // 20 or empty < MIN_EMPTY_SHARE * room:
        return plan
    shift = room_top + empty // 2 - top
    moved = tuple(e if e.name in FOOT_NAMES else _moved(e, shift, area) for e in plan.elements)
    return dataclasses.replace(plan, elements=moved)


def _stacked_on_a_placeholder(body: list[Element]) -> bool:
    """True when a loose shape sits above a placeholder in the same column (a heading over its
    column, a label over its prompts): PowerPoint's Reset puts the placeholder back where its
    layout has it, so moving both would leave the loose shape on top of it."""
    placeholders = [e for e in body if isinstance(e, TextElement) and e.placeholder]
    loose = [e for e in body if not (isinstance(e, TextElement) and e.placeholder)]
    return any(
        shape.box.bottom <= held.box.top + STACK_TOLERANCE
        and shape.box.left < held.box.right
        and held.box.left < shape.box.right
        for shape in loose
        for held in placeholders
    )


def _content_bottom(element: Element, brand: Brand) -> int:
    """Where the element's ink ends: a top-anchored text frame ends with its text."""
    if (
        not isinstance(element, TextElement)
        or element.style.anchor != "top"
        or not element.paragraphs
    ):
        return element.box.bottom
    needed = text_height(element, brand, element.style.size) * EMU_PER_PT + element.inset
    return min(element.box.bottom, element.box.top + round(needed))


def _moved(element: Element, shift: int, area: Box) -> Element:
    """The element `shift` lower. A text frame that would then reach past the area keeps its
    bottom edge instead (its text, anchored at the top, moves down; its box only gets
    shorter)."""
    box = element.box
    if (
        isinstance(element, TextElement)
        and element.style.anchor == "top"
        and box.bottom + shift > area.bottom
    ):
        return dataclasses.replace(
            element, box=Box(box.left, box.top + shift, box.width, box.height - shift)
        )
    return dataclasses.replace(element, box=Box(box.left, box.top + shift, box.width, box.height))
