"""Pictograms as rows of people, at one scale for the whole deck: the geometry, no drawing.

Each person is a head (a circle) above a body (a pill). Two pictograms side by side compare
only when their people are the same size, so the deck picks one scale, the largest step of
`SCALES` at which every pictogram it shows fits its area, and draws them all at it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from summarydeck.values import Box, inches

# one person at full scale
BODY_WIDTH = inches(0.72)
BODY_HEIGHT = inches(1.25)
HEAD = inches(0.62)  # the head's diameter
NECK = inches(0.1)  # between the head and the body
GAP_X = inches(0.4)  # between two people in a row
GAP_Y = inches(0.3)  # between rows

# the steps a deck's people may shrink by, largest first: like a type scale, never in between
SCALES = (1.0, 0.75, 0.5, 0.375, 0.25)


@dataclass(frozen=True)
class Person:
    head: Box
    body: Box
    counted: bool  # filled: one of the `value` the pictogram counts


def _size(scale: float) -> tuple[int, int, int, int]:
    """(person width, person height, gap across, gap down) at `scale`, in EMU."""
    width = round(max(BODY_WIDTH, HEAD) * scale)
    height = round(HEAD * scale) + round(NECK * scale) + round(BODY_HEIGHT * scale)
    return width, height, round(GAP_X * scale), round(GAP_Y * scale)


def per_row(total: int, width: int, scale: float) -> int:
    """People in a full row: as many as fit across `width`, the rows evened out (10 in rows
    of 5 and 5, not 6 and 4). At least one."""
    person, _, gap, _ = _size(scale)
    room = max(1, (width + gap) // (person + gap))
    rows = math.ceil(total / room)
    return max(1, math.ceil(total / rows))


def extent(total: int, width: int, scale: float) -> tuple[int, int]:
    """(width, height) that `total` people take at `scale` in rows no wider than `width`."""
    person, height, gap_x, gap_y = _size(scale)
    across = per_row(total, width, scale)
    rows = math.ceil(total / across)
    return across * person + (across - 1) * gap_x, rows * height + (rows - 1) * gap_y


def fits(total: int, width: int, height: int, scale: float) -> bool:
    drawn_width, drawn_height = extent(total, width, scale)
    return drawn_width <= width and drawn_height <= height


def deck_scale(areas: Iterable[tuple[int, int, int]]) -> float | None:
    """The largest step at which every pictogram fits its area: `areas` holds (total, width,
    height) for each one the deck shows. None when one does not fit even at the smallest."""
    wanted = list(areas)
    for scale in SCALES:
        if all(fits(total, width, height, scale) for total, width, height in wanted):
            return scale
    return None


def scale_in(box: Box, total: int) -> float:
    """The largest step at which `total` people fit `box` (the smallest when none does). A
    layout makes the box exactly the extent at the deck's scale, so this is that scale."""
    return next((s for s in SCALES if fits(total, box.width, box.height, s)), SCALES[-1])


def people(value: int, total: int, box: Box) -> list[Person]:
    """Every person of the pictogram, placed from the box's top left in reading order; the
    first `value` are counted."""
    scale = scale_in(box, total)
    person, height, gap_x, gap_y = _size(scale)
    head, neck = round(HEAD * scale), round(NECK * scale)
    body_width = round(BODY_WIDTH * scale)
    across = per_row(total, box.width, scale)
    out = []
    for index in range(total):
        row, column = divmod(index, across)
        left = box.left + column * (person + gap_x)
        top = box.top + row * (height + gap_y)
        out.append(
            Person(
                head=Box(left + (person - head) // 2, top, head, head),
                body=Box(
                    left + (person - body_width) // 2,
                    top + head + neck,
                    body_width,
                    height - head - neck,
                ),
                counted=index < value,
            )
        )
    return out
