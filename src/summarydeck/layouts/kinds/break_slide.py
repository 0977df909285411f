"""A break in a workshop: a calm slide that says how long, and when to be back.

"Back at 11:05" comes from the workshop's timetable (the variant's `start:` and the minutes
before the break), so the agenda and the break slide never disagree. Tag it
(`tags: [workshop]`) so that only the workshop variant shows it. (The module is not named
`break`: that is a Python keyword.)"""

from __future__ import annotations

import dataclasses

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import accent_rule, footer_placeholders
from summarydeck.layouts.registry import register
from summarydeck.layouts.timetable import timetable
from summarydeck.layouts.workshop import WORKSHOP_BACKGROUND, clock, duration
from summarydeck.markdown.inline import to_plain
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Markdown, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign, PlaceholderDesign
from summarydeck.plan.types import ColourRole, Element, SlidePlan, TextElement, TextStyle
from summarydeck.values import Box, inches


class BreakSlide(SlideSpec):
    title: Text = "Break"
    minutes: int = Field(ge=1, le=240)
    message: Markdown | None = None  # e.g. where the tea is


def _title_box(grid: Grid) -> Box:
    # a third of the way down: the slide's one word sits where the eye lands first
    return Box(grid.margin, inches(1.6), grid.inner_width, inches(1.4))


def _time_box(grid: Grid) -> Box:
    return Box(grid.margin, inches(3.15), grid.inner_width, inches(0.8))


def _message_box(grid: Grid) -> Box:
    return Box(grid.margin, inches(4.15), grid.inner_width, inches(1.6))


def break_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    """A break: its name large on the tinted background, how long and when to be back."""
    rule = accent_rule(grid)
    return LayoutDesign(
        "Break",
        (
            PlaceholderDesign(
                "title",
                _title_box(grid),
                TextStyle(scale.section, ColourRole.PRIMARY, "heading", bold=True, anchor="bottom"),
            ),
            PlaceholderDesign(
                "body",
                _time_box(grid),
                TextStyle(scale.lead, ColourRole.TEXT),
                name="Time",
            ),
            *footer_placeholders(grid, scale, False),
        ),
        background=WORKSHOP_BACKGROUND,
        # the accent rule just above the title, where the eye starts
        decorations=(
            dataclasses.replace(rule, box=dataclasses.replace(rule.box, top=inches(1.4))),
        ),
        kind="obj",
        description="a workshop break: how long, and when to be back, on a tinted slide",
    )


@register("break", BreakSlide, layout=break_layout)
def plan_break(spec: BreakSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """A break in a workshop: how long, and the time to be back when the variant has a start."""
    design = ctx.design
    path = ("slides", ctx.slide_index)
    table = timetable(ctx.deck)
    slot = table.slot(spec.slide_id) if table else None
    back = clock(slot.ends) if slot and slot.ends is not None else None
    line = f"{duration(spec.minutes)}, back at {back}" if back else duration(spec.minutes)
    title = design.text(
        "title",
        ctx.plain(spec.title),
        min_size=ctx.scale.floor(design.size("title")),
        source=(*path, "title"),
    )
    elements: list[Element] = [
        design.text("body", ctx.plain(line), name="Break time", source=(*path, "minutes"))
    ]
    if spec.message:
        elements.append(
            TextElement(
                "Break message",
                _message_box(ctx.grid),
                ctx.markdown(spec.message),
                ctx.body_style(colour=ColourRole.MUTED),
                inset=0,
                min_size=ctx.scale.body_min,
                source=(*path, "message"),
            )
        )
    draft = f"A break of {duration(spec.minutes)}" + (
        f"; we start again at {back}." if back else "."
    )
    if spec.message:
        draft += " " + to_plain(spec.message)
    return [
        SlidePlan(
            spec.slide_id,
            spec.kind,
            design.name,
            title,
            ctx.notes(spec, draft),
            elements=tuple(elements),
            background=design.background,
        )
    ]
