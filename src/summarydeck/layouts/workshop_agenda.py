"""A workshop's agenda: each section with its minutes and what happens in it (the talk, the
discussions, the activity, the wrap-up), the breaks between them, and the clock time each
starts when the variant gives a `start:`.

The rows come from the timetable (`layouts/timetable.py`), which the break slides read too,
so the agenda's times and "back at 11:05" always agree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.timetable import Slot, Timetable
from summarydeck.layouts.workshop import clock
from summarydeck.model.labels import Labels
from summarydeck.plan.measure import needed_emu
from summarydeck.plan.types import ColourRole, Element, ShapeElement, TextElement, TextStyle
from summarydeck.source.yaml_loader import dotted
from summarydeck.values import EMU_PER_PT, Box, inches

MAX_ROWS = 7  # one column of rows, each with a line of what happens in it
TIME_WIDTH = inches(1.2)  # "10:05"
NUMBER_WIDTH = inches(0.8)  # a section's number in its circle, and a gap
MINUTES_WIDTH = inches(1.4)  # "65 min", right-aligned on the margin
ROW_GAP = inches(0.12)  # the least room between rows
MAX_ROW_GAP = inches(0.35)  # short agendas spread out this far, then sit in the middle
LINE_HEIGHT = inches(0.5)  # a row's first line: time, number, title, minutes
TITLE_AIR = inches(0.1)  # under a title's text, when the rows have room for it
SPARE = EMU_PER_PT  # a point to spare under measured text: measuring rounds
CIRCLE = inches(0.5)  # a section's number in its circle
# the labels that name the parts of a section in its row
PART_NAMES = {"activity": "activity", "wrapup": "wrapup", "break": "break_title"}


@dataclass
class Row:
    """One line of the agenda: a section (with the timed slides in it), a break, or the part
    of a section that goes on after a break."""

    title: str
    kind: Literal["section", "break", "more"]
    starts: int | None
    number: int | None = None  # the section's number
    own: Slot | None = None  # the section's or the break's own slot
    inside: list[Slot] = field(default_factory=list)  # discussions, activity ... in it

    @property
    def slots(self) -> list[Slot]:
        return ([self.own] if self.own else []) + self.inside

    @property
    def minutes(self) -> int | None:
        values = [s.minutes for s in self.slots]
        return None if None in values else sum(v or 0 for v in values)

    def parts(self, labels: Labels) -> str:
        """What happens in a section besides the talk: `Talk 15 min · 5 discussions of 10 min
        · Activity 25 min`; empty when the talk is all."""
        if not self.inside:
            return ""
        parts: list[str] = []
        if self.own and self.own.minutes:
            parts.append(labels.text("talk", minutes=labels.short_minutes(self.own.minutes)))
        discussions = [s for s in self.inside if s.kind == "discussion"]
        for slot in self.inside:
            if slot.kind == "discussion":
                if slot is discussions[0]:
                    parts.append(_discussions(discussions, labels))
                continue
            label = PART_NAMES.get(slot.kind)
            name = labels.text(label) if label else slot.title
            minutes = labels.short_minutes(slot.minutes) if slot.minutes else ""
            parts.append(
                labels.text("part_minutes", name=name, minutes=minutes) if minutes else name
            )
        return " · ".join(parts)


def _discussions(slots: list[Slot], labels: Labels) -> str:
    count = len(slots)
    what = labels.text("discussions_one" if count == 1 else "discussions_many", count=count)
    minutes = {s.minutes for s in slots}
    if None in minutes:
        return what
    if len(minutes) == 1:
        return labels.text(
            "each_of", what=what, minutes=labels.short_minutes(slots[0].minutes or 0)
        )
    total = labels.short_minutes(sum(s.minutes or 0 for s in slots))
    return labels.text("in_all", what=what, minutes=total)


def agenda_rows(table: Timetable, numbers: dict[str, int], labels: Labels) -> list[Row]:
    """The agenda's rows, in deck order: a row per section and per break; a timed slide goes
    into the row of its section (a section that goes on after a break gets a second row)."""
    rows: list[Row] = []
    section: str | None = None
    for slot in table.slots:
        if slot.kind == "section":
            section = slot.title
            rows.append(Row(slot.title, "section", slot.starts, numbers.get(slot.slide_id), slot))
        elif slot.kind == "break":
            rows.append(Row(slot.title, "break", slot.starts, own=slot))
        else:
            if not rows or rows[-1].kind == "break":
                title = labels.text("continued", title=section) if section else slot.title
                rows.append(Row(title, "more", slot.starts))
            rows[-1].inside.append(slot)
    return rows


def agenda_title(table: Timetable, ctx: LayoutContext) -> str:
    """A title that says the point: when the workshop runs, or how long it takes."""
    if table.start is not None and table.end is not None:
        return ctx.label("workshop_runs", start=clock(table.start), end=clock(table.end))
    if table.total:
        return ctx.label("workshop_takes", duration=ctx.deck.labels.duration(table.total))
    return ctx.label("agenda_title")


def report_untimed(ctx: LayoutContext, table: Timetable) -> None:
    """W209 for each timed slide whose minutes the content does not give, when the variant
    asks for clock times (`start:`): the agenda cannot add the workshop up, so it gives none.
    Without a start, a slide without minutes is just shown without them."""
    if table.wanted_start is None:
        return
    for slot in table.untimed:
        what = (
            f"the discussion of {dotted(slot.minutes_path[:-2])}"
            if slot.kind == "discussion"
            else f"{slot.kind} `{slot.slide_id}`"
        )
        hint = (
            f"add `minutes:` under {dotted(slot.minutes_path[:-1])}: the minutes groups have"
            if slot.kind == "discussion"
            else f"add `minutes:` to the {slot.kind}: the minutes it takes"
        )
        ctx.diags.warning(
            "W209",
            f"variant `{ctx.deck.variant}` starts at a set time, but {what} has no "
            "`minutes:`, so the agenda cannot give clock times",
            ctx.deck.source_map.locate(slot.minutes_path, key=True),
            hint,
        )


@dataclass(frozen=True)
class Arrangement:
    """How the rows share the body: each row's title height and whole height, the gap
    between rows, and whether the rows show their "parts" lines."""

    title_heights: tuple[int, ...]
    heights: tuple[int, ...]
    gap: int
    with_parts: bool


def arrange(titles: Sequence[int], parts: Sequence[int], room: int) -> Arrangement | None:
    """The rows' heights in `room`, from the height each title's text needs and each "parts"
    line needs (0: none). The first arrangement that fits, smallest change first:

    1. airy: each title at least a time's line tall with a little air, its parts under it;
    2. snug: each row as tall as its text, parts still under the titles;
    3. snug without the parts lines (the speaker notes still say them).

    None when even the titles alone do not fit: the caller reports it."""
    count = len(titles)
    free = room - ROW_GAP * (count - 1)
    for airy, with_parts in ((True, True), (False, True), (False, False)):
        title_heights = tuple(
            max(LINE_HEIGHT, needed + TITLE_AIR) if airy else needed + SPARE for needed in titles
        )
        heights = tuple(
            title + (part + SPARE if with_parts and part else 0)
            for title, part in zip(title_heights, parts, strict=True)
        )
        if sum(heights) > free:
            continue
        gap = ROW_GAP
        if count > 1:  # air between the rows, up to a point
            gap = min(MAX_ROW_GAP, ROW_GAP + (free - sum(heights)) // (count - 1))
        return Arrangement(title_heights, heights, gap, with_parts)
    return None


def timed_rows(rows: list[Row], ctx: LayoutContext, clocked: bool) -> list[Element] | None:
    """The rows as frames: the clock time, the section's number, its title over what happens
    in it, and its minutes on the right; a break quieter, in the muted colour. None when the
    rows do not fit in the body even without their parts lines."""
    grid, brand = ctx.grid, ctx.deck.brand
    left = grid.margin + (TIME_WIDTH if clocked else 0)
    text_left = left + NUMBER_WIDTH
    text_width = grid.body.right - MINUTES_WIDTH - grid.gutter - text_left
    probe = Box(text_left, 0, text_width, grid.body.height)
    titles = [_title(i, row, probe, ctx) for i, row in enumerate(rows, 1)]
    parts = [_parts(i, row, probe, ctx) for i, row in enumerate(rows, 1)]
    # a title takes the lines it needs (a narrow slide may wrap one)
    arrangement = arrange(
        [needed_emu(t, brand) for t in titles],
        [needed_emu(p, brand) if p else 0 for p in parts],
        grid.body.height,
    )
    if arrangement is None:
        return None
    elements: list[Element] = []
    top = grid.body.top
    for i, row in enumerate(rows, 1):
        height = arrangement.heights[i - 1]
        title_height = arrangement.title_heights[i - 1]
        colour = ColourRole.MUTED if row.kind == "break" else ColourRole.TEXT
        # level with the title's first line, and never taller than its row
        first_line = Box(0, top, 0, min(LINE_HEIGHT, title_height))
        if clocked and row.starts is not None:
            elements.append(
                _line_end(
                    f"Agenda time {i}",
                    clock(row.starts),
                    dataclasses.replace(first_line, left=grid.margin, width=TIME_WIDTH),
                    ColourRole.MUTED if row.kind == "break" else ColourRole.PRIMARY,
                    "left",
                    ctx,
                )
            )
        if row.number is not None:
            # centred on the first line of text, which sits a little above its box's middle
            circle = Box(left, top - inches(0.05), CIRCLE, CIRCLE)
            elements += number_badge(i, row.number, circle, ctx)
        title = titles[i - 1]
        elements.append(
            dataclasses.replace(title, box=Box(text_left, top, text_width, title_height))
        )
        part = parts[i - 1]
        if part is not None and arrangement.with_parts:
            box = Box(text_left, top + title_height, text_width, height - title_height)
            elements.append(dataclasses.replace(part, box=box))
        if row.minutes is not None:
            elements.append(
                _line_end(
                    f"Agenda minutes {i}",
                    ctx.deck.labels.short_minutes(row.minutes),
                    dataclasses.replace(
                        first_line, left=grid.body.right - MINUTES_WIDTH, width=MINUTES_WIDTH
                    ),
                    colour,
                    "right",
                    ctx,
                )
            )
        top += height + arrangement.gap
    return elements


def _title(i: int, row: Row, box: Box, ctx: LayoutContext) -> TextElement:
    """A row's title: body-sized, as the agenda is read as a list; a break in the muted
    colour, in italics."""
    quiet = row.kind == "break"
    return TextElement(
        f"Agenda item {i}",
        box,
        ctx.plain(row.title),
        TextStyle(
            ctx.scale.body,
            ColourRole.MUTED if quiet else ColourRole.TEXT,
            italic=quiet,
            anchor="top",
            line_spacing=1.0,
        ),
        inset=0,
        min_size=ctx.scale.body_min,
        source=("slides", row.own.index, "title") if row.own else None,
        group="agenda items",
    )


def _parts(i: int, row: Row, box: Box, ctx: LayoutContext) -> TextElement | None:
    """What happens in a section, in a line under its title."""
    parts = row.parts(ctx.deck.labels)
    if not parts:
        return None
    return TextElement(
        f"Agenda item {i} parts",
        box,
        ctx.plain(parts),
        ctx.body_style(size=ctx.scale.label, colour=ColourRole.MUTED, space_after=0),
        inset=0,
        min_size=ctx.scale.body_min,
        group="agenda parts",
    )


def _line_end(
    name: str,
    text: str,
    box: Box,
    colour: ColourRole,
    align: Literal["left", "right"],
    ctx: LayoutContext,
) -> TextElement:
    """The time at a row's start or its minutes at its end: bold, level with its title."""
    return TextElement(
        name,
        box,
        ctx.plain(text),
        TextStyle(ctx.scale.body, colour, "heading", bold=True, align=align, anchor="top"),
        inset=0,
    )


def number_badge(i: int, number: int, box: Box, ctx: LayoutContext) -> list[Element]:
    """A section's number in a circle, as both agendas (timed or not) show it."""
    return [
        ShapeElement(f"Agenda number {i}", box, ColourRole.PRIMARY, "oval"),
        TextElement(
            f"Agenda number {i} label",
            box,
            ctx.plain(str(number)),
            TextStyle(
                ctx.scale.body,
                ColourRole.BACKGROUND,
                "heading",
                bold=True,
                align="center",
                anchor="middle",
            ),
            inset=0,
        ),
    ]


def agenda_notes(rows: list[Row], table: Timetable, title: str, labels: Labels) -> str:
    """Speaker notes: the timetable in words, a line per row."""
    lines = [title + "."]
    for row in rows:
        when = f"{clock(row.starts)} " if table.start is not None and row.starts is not None else ""
        length = f" ({labels.duration(row.minutes)})" if row.minutes else ""
        parts = row.parts(labels)
        lines.append(f"{when}{row.title}{length}" + (f": {parts}." if parts else "."))
    return "\n".join(lines)
