"""Fit text at build time: shrink each frame in half-point steps down to its floor.

PowerPoint's "shrink text on overflow" is applied only after someone edits a box, and LibreOffice
never applies it, so the size must be right as written. Text that still does not fit at its
floor is an error that points at the content field it comes from.
"""

from __future__ import annotations

import dataclasses

from summarydeck.diagnostics import Diagnostics, Location
from summarydeck.model.brand import Brand
from summarydeck.plan.measure import available_height, text_height
from summarydeck.plan.types import Element, SlidePlan, TextElement
from summarydeck.source.yaml_loader import SourceMap, dotted

STEP = 0.5


def fit_element(element: TextElement, brand: Brand) -> tuple[TextElement, float]:
    """The element at the largest size that fits (not below its floor), and the overflow in
    points at that size (0 when it fits)."""
    size = element.style.size
    floor = min(element.min_size or size, size)
    room = available_height(element)
    needed = text_height(element, brand, size)
    while needed > room and size - STEP >= floor:
        size -= STEP
        needed = text_height(element, brand, size)
    if size != element.style.size:
        element = dataclasses.replace(element, style=dataclasses.replace(element.style, size=size))
    return element, max(0.0, needed - room)


def fit_plan(
    plan: SlidePlan,
    brand: Brand,
    diags: Diagnostics,
    smap: SourceMap,
    slide_location: Location | None,
) -> SlidePlan:
    """The plan with every text frame at the size that fits; text that cannot fit even at its
    floor is an error at the content field it comes from (else at the slide's entry)."""

    def fit(element: TextElement) -> TextElement:
        fitted, overflow = fit_element(element, brand)
        if overflow > 0:
            needed = overflow + available_height(fitted)
            share = min(90, max(5, round(100 * overflow / needed / 5) * 5))
            where = f"{dotted(element.source)}: " if element.source else ""
            diags.error(
                "E401",
                f"{where}the text does not fit on slide `{plan.id}` ({element.name}): it is "
                f"{overflow:.0f} pt too tall even at {fitted.style.size:g} pt",
                smap.locate(element.source) if element.source else slide_location,
                f"shorten it by about {share}%, or split it over two slides"
                if share < 90
                else "it has almost no room: shorten it a lot, or shorten what sits above it "
                "(such as a long heading)",
            )
        return fitted

    elements = _same_size_in_groups(
        tuple(fit(e) if isinstance(e, TextElement) else e for e in plan.elements)
    )
    subtitle = fit(plan.subtitle) if plan.subtitle else None
    return dataclasses.replace(plan, title=fit(plan.title), subtitle=subtitle, elements=elements)


def _same_size_in_groups(elements: tuple[Element, ...]) -> tuple[Element, ...]:
    """Frames that share a `group` (the texts of a row of cards) all take the smallest size any
    of them needed (never below a frame's own floor): neighbours at different sizes look like a
    mistake."""
    smallest: dict[str, float] = {}
    for e in elements:
        if isinstance(e, TextElement) and e.group:
            smallest[e.group] = min(smallest.get(e.group, e.style.size), e.style.size)
    if not smallest:
        return elements
    return tuple(
        dataclasses.replace(
            e, style=dataclasses.replace(e.style, size=max(smallest[e.group], e.min_size or 0))
        )
        if isinstance(e, TextElement) and e.group
        else e
        for e in elements
    )
