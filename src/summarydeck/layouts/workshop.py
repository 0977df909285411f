"""The look workshop slides share (discussion, activity, wrap-up, break): a tinted background,
so the room sees at once that it is its turn to work, and a badge with the minutes it has.

The badge sits at the right end of the title band, inside the text margins; a workshop
layout's title is narrowed to leave it room, so PowerPoint's Reset keeps them apart.
"""

from __future__ import annotations

import dataclasses

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import footer_placeholders, rule_decorations, title_placeholder
from summarydeck.model.brand import TypeScale
from summarydeck.model.labels import Labels
from summarydeck.plan.balance import balance_plan
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign, PlaceholderDesign
from summarydeck.plan.types import (
    ColourRole,
    Element,
    ShapeElement,
    SlidePlan,
    TextElement,
    TextStyle,
)
from summarydeck.values import Box, Paragraph, Run, inches

WORKSHOP_BACKGROUND = ColourRole.SURFACE
BADGE_WIDTH = inches(1.8)
BADGE_HEIGHT = inches(0.75)
PANEL_PAD = inches(0.25)  # inside a panel, between its edge and its text


def main_panel(grid: Grid, beside: int | None) -> Box:
    """The body's main panel on a workshop slide: the body's width, less a side panel
    `beside` wide and a gutter when there is one."""
    width = grid.inner_width - (beside + grid.gutter if beside is not None else 0)
    return Box(grid.margin, grid.body.top, width, grid.body.height)


def inside_panel(panel: Box) -> Box:
    """The text area of a workshop panel: the panel less its padding on every side."""
    return Box(
        panel.left + PANEL_PAD,
        panel.top + PANEL_PAD,
        panel.width - 2 * PANEL_PAD,
        panel.height - 2 * PANEL_PAD,
    )


BADGE_SHAPE, BADGE_LABEL = "Time badge", "Time badge label"


def badge_box(grid: Grid) -> Box:
    """The time badge: right-aligned on the text margin, level with the title's first line
    (titles hang from the accent rule)."""
    return Box(grid.width - grid.margin - BADGE_WIDTH, grid.title.top, BADGE_WIDTH, BADGE_HEIGHT)


def workshop_title(grid: Grid, scale: TypeScale) -> PlaceholderDesign:
    """The content title, narrowed to end a gutter before the badge."""
    title = title_placeholder(grid, scale)
    box = title.box
    width = badge_box(grid).left - grid.gutter - box.left
    return dataclasses.replace(title, box=Box(box.left, box.top, width, box.height))


def workshop_layout(
    name: str, grid: Grid, scale: TypeScale, *body: PlaceholderDesign, description: str = ""
) -> LayoutDesign:
    """A content layout on the tinted background: accent rule, narrowed title, `body`
    placeholders, footer."""
    kind = "twoObj" if len(body) == 2 else ("obj" if body else "cust")
    return LayoutDesign(
        name,
        (workshop_title(grid, scale), *body, *footer_placeholders(grid, scale, False)),
        background=WORKSHOP_BACKGROUND,
        decorations=rule_decorations(grid),
        kind=kind,  # type: ignore[arg-type]
        description=description,
    )


def panel_fill(layout: LayoutDesign) -> ColourRole:
    """A panel one step off the slide's background: white on the tint, the tint on white (an
    organisation's template draws its own background)."""
    return ColourRole.BACKGROUND if layout.background is WORKSHOP_BACKGROUND else ColourRole.SURFACE


def time_badge(grid: Grid, scale: TypeScale, minutes: int, labels: Labels) -> list[Element]:
    """The minutes a discussion or an activity has, large enough to read from the back."""
    box = badge_box(grid)
    return [
        ShapeElement(BADGE_SHAPE, box, ColourRole.PRIMARY, "rounded"),
        TextElement(
            BADGE_LABEL,
            box,
            (Paragraph((Run(labels.short_minutes(minutes)),)),),
            TextStyle(
                scale.lead,
                ColourRole.BACKGROUND,
                "heading",
                bold=True,
                align="center",
                anchor="middle",
            ),
            inset=0,
            source=("labels", "minutes_short"),
        ),
    ]


def clock(minutes_of_day: int) -> str:
    """`605` -> `10:05` (the 24-hour clock, wrapping past midnight)."""
    hours, minutes = divmod(minutes_of_day % (24 * 60), 60)
    return f"{hours:02d}:{minutes:02d}"


def workshop_plan(plan: SlidePlan, ctx: LayoutContext, *, has_badge: bool) -> SlidePlan:
    """A content slide on a workshop layout: its background, and a title kept clear of the
    badge (an organisation's template puts its title where it likes)."""
    title = plan.title
    badge = badge_box(ctx.grid)
    box = title.box
    if has_badge and box.right > badge.left - ctx.grid.gutter and box.bottom > badge.top:
        width = badge.left - ctx.grid.gutter - box.left
        title = dataclasses.replace(title, box=Box(box.left, box.top, width, box.height))
    # short content sits in the middle of the body, as on every content slide; the badge
    # stays beside the title
    badge_parts = tuple(e for e in plan.elements if e.name in (BADGE_SHAPE, BADGE_LABEL))
    rest = dataclasses.replace(
        plan,
        title=title,
        elements=tuple(e for e in plan.elements if e not in badge_parts),
        background=ctx.design.background,
    )
    balanced = balance_plan(rest, ctx.deck.brand, ctx.grid.body, ctx.grid.gutter)
    return dataclasses.replace(balanced, elements=balanced.elements + badge_parts)
