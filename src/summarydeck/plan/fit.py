"""Fit text at build time: shrink each frame down the brand's type scale to its floor.

Fitting steps from one size of the scale to the next one down, never between them: a 19.5 pt
line beside a 20 pt one reads as a mistake, and the same role keeps one size across slides.

PowerPoint's "shrink text on overflow" is applied only after someone edits a box, and LibreOffice
never applies it, so the size must be right as written. What still does not fit at its floor is
returned as an `Overflow`: the planner continues flowing text on a new slide, and reports the
rest as an error that points at the content field the text comes from.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Any

from summarydeck.diagnostics import Diagnostics, Location
from summarydeck.model.brand import Brand
from summarydeck.plan.measure import available_height, text_height
from summarydeck.plan.overflow_room import Explain, Remedy, hint, message, room_for
from summarydeck.plan.types import Element, SlidePlan, TextElement
from summarydeck.source.yaml_loader import SourceMap

FIT_CODE = "E401"


@dataclass(frozen=True)
class Overflow:
    """A frame whose text is too tall even at its floor."""

    element: TextElement  # at the size it was shrunk to
    points: float  # how much too tall, in points
    index: int | None  # its place in the plan's elements; None for the title or subtitle


def fit_element(element: TextElement, brand: Brand) -> tuple[TextElement, float]:
    """The element at the largest size that fits (not below its floor), and the overflow in
    points at that size (0 when it fits)."""
    size = element.style.size
    floor = min(element.min_size or size, size)
    room = available_height(element)
    needed = text_height(element, brand, size)
    while needed > room and (smaller := next_size(brand, size)) is not None and smaller >= floor:
        size = smaller
        needed = text_height(element, brand, size)
    return with_size(element, size), max(0.0, needed - room)


def next_size(brand: Brand, size: float) -> float | None:
    """The size to try after `size` when text does not fit: the next step down the type scale."""
    return brand.type_scale.step_below(size)


def lowest_size(element: TextElement, brand: Brand) -> float:
    """The smallest size the fitter may set `element` at: the last step of the scale from its
    size down that is not below its floor."""
    size = element.style.size
    floor = min(element.min_size or size, size)
    while (smaller := next_size(brand, size)) is not None and smaller >= floor:
        size = smaller
    return size


def with_size(element: TextElement, size: float) -> TextElement:
    """The element set at `size`, remembering the size its layout designed it at."""
    if size == element.style.size:
        return element
    designed = element.designed_size or element.style.size
    return dataclasses.replace(
        element, style=dataclasses.replace(element.style, size=size), designed_size=designed
    )


def fit_plan(plan: SlidePlan, brand: Brand) -> tuple[SlidePlan, list[Overflow]]:
    """The plan with every text frame at the size that fits, and the frames that cannot fit
    even at their floor."""
    overflows: list[Overflow] = []

    def fit(element: TextElement, index: int | None) -> TextElement:
        fitted, overflow = fit_element(element, brand)
        if overflow > 0:
            overflows.append(Overflow(fitted, overflow, index))
        return fitted

    elements = same_size_in_groups(
        tuple(
            fit(e, index) if isinstance(e, TextElement) else e
            for index, e in enumerate(plan.elements)
        )
    )
    subtitle = fit(plan.subtitle, None) if plan.subtitle else None
    fitted = dataclasses.replace(
        plan, title=fit(plan.title, None), subtitle=subtitle, elements=elements
    )
    return fitted, overflows


def report_overflows(
    plan: SlidePlan,
    overflows: list[Overflow],
    diags: Diagnostics,
    smap: SourceMap,
    slide_location: Location | None,
    *,
    brand: Brand,
    explain: Explain | None = None,
) -> None:
    """E401 for each frame that cannot fit, at the content field it shows (else the slide's
    entry): every field the frame shows, how many of their characters fit at the smallest size
    allowed, and what the slide's kind (`explain`) lets an editor do besides shortening."""
    for overflow in overflows:
        element = overflow.element
        remedy = explain(element) if explain else Remedy()
        room = room_for(element, remedy.fields, brand)
        at = remedy.fields[0].path if remedy.fields else element.source
        diags.error(
            FIT_CODE,
            message(plan.id, element, remedy.fields, room, smap),
            # a label left at its default has no line of its own: the slide's entry then
            (smap.locate(at) if at else None) or slide_location,
            hint(element, remedy, room, len(overflows)),
            slide=plan.id,
        )


def same_size_in_groups(elements: tuple[Element, ...]) -> tuple[Element, ...]:
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
        with_size(e, max(smallest[e.group], e.min_size or 0))
        if isinstance(e, TextElement) and e.group
        else e
        for e in elements
    )


def one_size_per_role(plans: list[SlidePlan], exempt: frozenset[str]) -> list[SlidePlan]:
    """Every frame of one role set at one size across the deck: the smallest any slide needed.

    A role is a frame's name without its numbers ("Card 2 title" and "Card 4 title" are one)
    and the size its layout designed it at (a display title and a content title differ, and so
    does a summary set large where it is alone). The big number at 60 pt on one
    slide and 50 on the next reads as two different things; shrinking the larger ones always
    still fits. Frames whose placeholder role is in `exempt` (body text, fitted to each
    slide's room) keep their own size."""
    smallest = {role: shrunk.size for role, shrunk in role_sizes(plans, exempt).items()}

    def resized(element: TextElement) -> TextElement:
        key = _role(element, exempt)
        return element if key is None else with_size(element, smallest[key])

    return [
        dataclasses.replace(
            plan,
            title=resized(plan.title),
            subtitle=resized(plan.subtitle) if plan.subtitle else None,
            elements=tuple(resized(e) if isinstance(e, TextElement) else e for e in plan.elements),
        )
        for plan in plans
    ]


@dataclass(frozen=True)
class RoleSize:
    """The one size of a role across the deck, and what set it."""

    name: str  # the role: "Title", "Card title"
    size: float  # the smallest size any slide needed
    largest: float  # the largest any slide could have had
    slide: str  # the first slide whose frame needed `size`
    element: TextElement  # that frame, for its content field
    entry: int | None  # that slide's entry in `slides:`, where no content field is known
    frames: int = 1  # how many frames play the role

    @property
    def stepped_down(self) -> bool:
        """Whether one frame made the others smaller than they needed to be."""
        return self.size < self.largest and self.frames > 1


def role_sizes(plans: list[SlidePlan], exempt: frozenset[str]) -> dict[Role, RoleSize]:
    """Each role's size across the deck (see `one_size_per_role`)."""
    # [size, largest, slide, element, entry, frames] per role, made RoleSizes at the end: a
    # frozen RoleSize replaced for every frame of a 1,000-slide deck took tens of milliseconds
    found: dict[Role, list[Any]] = {}
    for plan in plans:
        for element in _texts(plan):
            key = _role(element, exempt)
            if key is None:
                continue
            size = element.style.size
            known = found.get(key)
            if known is None:
                found[key] = [size, size, plan.id, element, plan.entry, 1]
                continue
            known[5] += 1
            if size < known[0]:
                known[0], known[2], known[3], known[4] = size, plan.id, element, plan.entry
            else:
                known[1] = max(size, known[1])
    return {key: RoleSize(key[0], *known) for key, known in found.items()}


Role = tuple[str, float]


def _role(element: TextElement, exempt: frozenset[str]) -> Role | None:
    if element.placeholder in exempt or element.flow:
        return None
    return _role_name(element.name), element.designed_size or element.style.size


@functools.lru_cache(maxsize=1_024)
def _role_name(name: str) -> str:
    """A frame's name without its numbers: a few dozen names in a deck of any size."""
    return _ROLE_NUMBERS.sub("", name).strip()


_ROLE_NUMBERS = re.compile(r"\d+")


def _texts(plan: SlidePlan) -> list[TextElement]:
    texts = [plan.title, *(e for e in plan.elements if isinstance(e, TextElement))]
    return texts + ([plan.subtitle] if plan.subtitle else [])
