"""The agenda, built from the deck's section slides; a workshop's is timed: each section with
its minutes and what happens in it, the breaks, and clock times when the variant starts at a
given time (`layouts/workshop_agenda.py`)."""

from __future__ import annotations

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.layouts.timetable import Timetable, timetable
from summarydeck.layouts.workshop_agenda import (
    MAX_ROWS,
    agenda_notes,
    agenda_rows,
    agenda_title,
    number_badge,
    report_untimed,
    timed_rows,
)
from summarydeck.model.content import Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.types import (
    ColourRole,
    Element,
    SlidePlan,
    TextElement,
)
from summarydeck.values import Box, inches

MAX_SECTIONS = 10  # two columns of five rows fill the slide
SUBTITLES_UP_TO = 3  # with more sections, each shows its title only


class AgendaSlide(SlideSpec):
    title: Text | None = Field(
        default=None, description="The slide's title (default: the `agenda_title` label)."
    )

    def default_id(self) -> str:
        return self.kind


@register("agenda", AgendaSlide)
def plan_agenda(spec: AgendaSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """The sections, numbered (two columns past five); a workshop's is timed, with breaks."""
    table = timetable(ctx.deck)
    if table is not None and any(slot.minutes for slot in table.slots):
        return _timed(spec, ctx, table)
    sections = [section.title for section in ctx.sections]
    if not sections:
        ctx.diags.warning(
            "W201",
            "the agenda has no sections to list",
            ctx.deck.source_map.locate(("slides", ctx.slide_index)),
            "add slides of kind `section`",
        )
    if len(sections) > MAX_SECTIONS:
        ctx.diags.error(
            "E210",
            f"the agenda can list at most {MAX_SECTIONS} sections; this deck has {len(sections)}",
            ctx.deck.source_map.locate(("slides", ctx.slide_index)),
            "merge some sections, or leave the agenda out",
        )
        return []
    two_columns = len(sections) > 5
    per_column = -(-len(sections) // 2) if two_columns else max(1, len(sections))
    columns = ctx.grid.columns(2 if two_columns else 1)
    # a short agenda reads better large and spaced, with each section's subtitle under its
    # title; a long one needs the room
    with_subtitles = len(sections) <= SUBTITLES_UP_TO
    row_height = inches(0.8) if two_columns else inches(1.35 if with_subtitles else 0.95)
    if with_subtitles and not two_columns:
        # the rows share out the room there is, so a subtitle may take a second line (a 4:3
        # slide, or a template's narrower content area)
        share = (columns[0].height - (per_column - 1) * inches(0.1)) // per_column
        row_height = max(row_height, min(inches(1.6), share))
    item_size = ctx.scale.subheading if two_columns else ctx.scale.lead
    elements: list[Element] = []
    for i, title in enumerate(sections):
        column = columns[i // per_column]
        top = column.top + (i % per_column) * (row_height + inches(0.1))
        badge_top = top + inches(0.05) if with_subtitles else top + (row_height - inches(0.6)) // 2
        badge = Box(column.left, badge_top, inches(0.6), inches(0.6))
        elements.extend(number_badge(i + 1, i + 1, badge, ctx))
        text_left, text_width = column.left + inches(0.8), column.width - inches(0.8)
        subtitle = ctx.sections[i].subtitle if with_subtitles else None
        title_height = inches(0.7) if with_subtitles else row_height
        elements.append(
            TextElement(
                f"Agenda item {i + 1}",
                Box(text_left, top, text_width, title_height),
                ctx.plain(title),
                ctx.body_style(size=item_size, anchor="middle"),
                min_size=ctx.scale.body_min,
                source=("slides", ctx.sections[i].index, "title"),
            )
        )
        if subtitle:
            elements.append(
                TextElement(
                    f"Agenda item {i + 1} subtitle",
                    Box(text_left, top + title_height, text_width, row_height - title_height),
                    ctx.plain(subtitle),
                    ctx.body_style(size=ctx.scale.label, colour=ColourRole.MUTED, space_after=0),
                    min_size=ctx.scale.body_min,
                    source=("slides", ctx.sections[i].index, "subtitle"),
                    group="agenda subtitles",
                )
            )
    draft = ctx.label("agenda_notes", sections="; ".join(sections))
    title = spec.title or ctx.label("agenda_title")
    return [ctx.content_slide(spec, title, elements, draft)]


def _timed(spec: AgendaSlide, ctx: LayoutContext, table: Timetable) -> list[SlidePlan]:
    """A workshop's agenda: a row per section and break, with minutes and clock times."""
    report_untimed(ctx, table)
    numbers = {section.slide_id: n for n, section in enumerate(ctx.sections, 1)}
    rows = agenda_rows(table, numbers, ctx.deck.labels)
    if len(rows) > MAX_ROWS:
        ctx.diags.error(
            "E210",
            f"a workshop agenda can list at most {MAX_ROWS} sections and breaks; this one has "
            f"{len(rows)}",
            ctx.deck.source_map.locate(("slides", ctx.slide_index)),
            "merge sections or drop a break",
        )
        return []
    # the default title gives way to one that says when the workshop runs
    title = spec.title or agenda_title(table, ctx)
    elements = timed_rows(rows, ctx, clocked=table.start is not None)
    if elements is None:  # rows the content made, so the fix is in the storyboard, not the text
        ctx.diags.error(
            "E210",
            f"the workshop agenda's {len(rows)} rows of sections and breaks do not fit on its "
            "slide, even without the line under each section that says what happens in it",
            ctx.deck.source_map.locate(("slides", ctx.slide_index)),
            "merge sections or drop a break, or shorten the longest section titles",
        )
        return []
    return [
        ctx.content_slide(spec, title, elements, agenda_notes(rows, table, title, ctx.deck.labels))
    ]
