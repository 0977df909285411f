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
from summarydeck.layouts.workshop import WORKSHOP_BACKGROUND, clock
from summarydeck.markdown.inline import to_plain
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Markdown, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign, PlaceholderDesign
from summarydeck.plan.measure import needed_emu
from summarydeck.plan.types import ColourRole, Element, SlidePlan, TextElement, TextStyle
from summarydeck.values import EMU_PER_PT, Box, inches


class BreakSlide(SlideSpec):
    title: Text | None = Field(
        default=None,
        description='The slide\'s title (default: "Break", or when it ends in a variant with a '
        "`start:`).",
    )
    minutes: int = Field(ge=1, le=240, description="How long the break is, in minutes (1 to 240).")
    message: Markdown | None = Field(
        default=None, description="A line for the room (Markdown), e.g. where the tea is."
    )


RULE_TOP = inches(2.0)  # a third of the way down, where the eye lands first
GAP = inches(0.15)  # between the rule, the title, the time and the message
ONE_LINE = inches(0.7)  # a one-line title at the section size: the layout's title box


def _title(spec: BreakSlide, ctx: LayoutContext, back: str | None) -> str:
    """The slide's title. Screen-reader users move between slides by title, so two breaks
    must not share one: a break left at the default title says when it ends ("Break until
    11:45") when the workshop has clock times; without them, breaks left at the default are
    numbered when there are several ("Break 2 of 3")."""
    if spec.title is not None:
        return spec.title
    default = ctx.label("break_title")
    if back:
        return ctx.label("break_until", title=default, time=back)
    untitled = [
        entry.index
        for entry in ctx.deck.entries
        if isinstance(entry.spec, BreakSlide) and entry.spec.title is None
    ]
    if len(untitled) < 2:
        return default
    number = untitled.index(ctx.slide_index) + 1
    return ctx.label("break_number", title=default, number=number, count=len(untitled))


def _title_box(grid: Grid) -> Box:
    """The title hangs from the accent rule, as on every slide; two lines fit."""
    return Box(grid.margin, RULE_TOP + inches(0.07) + GAP, grid.inner_width, inches(1.35))


def _time_box(grid: Grid, top: int) -> Box:
    return Box(grid.margin, top, grid.inner_width, inches(0.6))


def _message_box(grid: Grid, top: int) -> Box:
    return Box(grid.margin, top, grid.inner_width, grid.body.bottom - top)


def break_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    """A break: its name large on the tinted background, how long and when to be back."""
    rule = accent_rule(grid)
    return LayoutDesign(
        "Break",
        (
            PlaceholderDesign(
                "title",
                dataclasses.replace(_title_box(grid), height=ONE_LINE),
                TextStyle(scale.section, ColourRole.PRIMARY, "heading", bold=True, anchor="top"),
            ),
            PlaceholderDesign(
                "body",
                # right under a one-line title, where a slide with one puts it too, so
                # PowerPoint's Reset leaves such a slide as it is
                _time_box(grid, _title_box(grid).top + ONE_LINE + GAP),
                TextStyle(scale.lead, ColourRole.TEXT),
                name="Time",
            ),
            *footer_placeholders(grid, scale, False),
        ),
        background=WORKSHOP_BACKGROUND,
        # the accent rule just above the title, where the eye starts
        decorations=(dataclasses.replace(rule, box=dataclasses.replace(rule.box, top=RULE_TOP)),),
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
    shown = _title(spec, ctx, back)
    # the time to be back is said once: in the title when it carries it, else after the length
    says_back = back is not None and back not in shown
    length = ctx.deck.labels.duration(spec.minutes)
    line = ctx.label("break_back", duration=length, time=back) if says_back else length
    title = design.text(
        "title",
        ctx.plain(shown),
        min_size=ctx.scale.floor(design.size("title")),
        source=(*path, "title"),
    )
    # the title as tall as its lines, the time right under it, the message under the time
    box = _title_box(ctx.grid)  # room for two lines; the layout's box holds one
    title = dataclasses.replace(title, box=box)
    needed = min(box.height, needed_emu(title, ctx.deck.brand) + EMU_PER_PT)
    title = dataclasses.replace(title, box=dataclasses.replace(box, height=needed))
    time_top = title.box.bottom + GAP
    time = design.text(
        "body",
        ctx.plain(line),
        name="Break time",
        box=_time_box(ctx.grid, time_top),
        source=(*path, "minutes"),
    )
    elements: list[Element] = [time]
    if spec.message:
        elements.append(
            TextElement(
                "Break message",
                _message_box(ctx.grid, time.box.top + needed_emu(time, ctx.deck.brand) + 2 * GAP),
                ctx.markdown(spec.message),
                ctx.body_style(colour=ColourRole.MUTED),
                inset=0,
                min_size=ctx.scale.body_min,
                source=(*path, "message"),
            )
        )
    draft = (
        ctx.label("break_notes_back", duration=length, time=back)
        if back
        else ctx.label("break_notes", duration=length)
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
