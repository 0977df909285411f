"""Where to get support: the helplines a deck about mental health ends with.

Each entry is a panel: who, what they offer, the number (large and bold, with non-breaking
spaces so it never wraps), when it is open, and a web address people can type. A number or an
opening time that nobody has checked is worse than none, so each entry carries its own
provenance: an unconfirmed one shows a quiet "To be confirmed" of its own, its `check:` goes
to the review report, and a final build refuses it at its `status:` line.
"""

from __future__ import annotations

import dataclasses

from pydantic import Field, HttpUrl

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences
from summarydeck.markdown.typography import NBSP, shown_address
from summarydeck.model.content import Markdown, Status, Strict, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.measure import needed_emu, needed_width
from summarydeck.plan.types import (
    ColourRole,
    Element,
    ShapeElement,
    SlidePlan,
    TextElement,
    TextStyle,
    ToConfirm,
)
from summarydeck.values import EMU_PER_PT, Box, Paragraph, Run, inches

MAX_ENTRIES = 3  # side by side, each wide enough for a number at a size read from the back
GAP = inches(0.3)  # between panels
PAD = inches(0.25)  # inside a panel
ROW_GAP = inches(0.08)  # between the lines of a panel
# more room above the number and the address: each starts a group of its own
GAP_BEFORE = {"contact": inches(0.25), "web": inches(0.15)}


class SupportEntry(Strict):
    """One place to get support, with its own provenance: numbers and opening hours change."""

    name: Text = Field(description='Who: "Samaritans".')
    offers: Markdown = Field(description="What they offer, in a sentence (Markdown).")
    contact: Text = Field(description="How to reach them: a phone number, shown large.")
    when: Text | None = Field(
        default=None, description='When it is open: "Any time, free from any phone".'
    )
    url: HttpUrl | None = Field(
        default=None, description="Their web address, shown short and linked."
    )
    # a helpline's number and hours change: nothing is confirmed by leaving the status out
    status: Status = Field(
        default=Status.UNCONFIRMED,
        description="`confirmed` once checked; `unconfirmed` (the default: numbers and hours "
        'change) says "To be confirmed" and a final build refuses it.',
    )
    check: Text | None = Field(
        default=None, description='What to check, and where (e.g. "on mind.org.uk").'
    )
    note: Text | None = Field(
        default=None, description="A caveat for the presenter, said in the speaker notes."
    )

    @property
    def confirmed(self) -> bool:
        return self.status is Status.CONFIRMED


class SupportSlide(SlideSpec):
    title: Text | None = Field(
        default=None,
        description="The slide's title (default: the `support_title` label, \"Where to get "
        'support").',
    )
    entries: list[SupportEntry] = Field(
        min_length=1,
        max_length=MAX_ENTRIES,
        description="1 to 3 places to get support, side by side.",
    )

    def default_id(self) -> str:
        return "support"


def typed_address(url: str) -> str:
    """`https://www.samaritans.org/` -> `samaritans.org`: the deck's one way of showing an
    address, less the `www.` a helpline's own site does not need."""
    return shown_address(url, without_www=True)


def unbroken(text: str) -> str:
    """A phone number kept on one line: its spaces made non-breaking."""
    return text.replace(" ", NBSP)


# the lines of a panel, top to bottom: (name, what it is)
LINES = ("name", "offers", "contact", "when", "web", "mark")


def _lines(entry: SupportEntry, ctx: LayoutContext) -> dict[str, tuple[Paragraph, ...]]:
    lines = {
        "name": ctx.plain(entry.name),
        "offers": ctx.markdown(entry.offers),
        "contact": ctx.plain(unbroken(entry.contact)),
    }
    if entry.when:
        lines["when"] = ctx.plain(entry.when)
    if entry.url:
        link = str(entry.url)
        lines["web"] = (Paragraph((Run(typed_address(link), link=link),)),)
    if not entry.confirmed:
        lines["mark"] = ctx.plain(ctx.label("to_be_confirmed"))
    return lines


def _style(line: str, ctx: LayoutContext, number_size: float) -> TextStyle:
    """One size per line across the panels (and every support slide): the type scale's."""
    scale = ctx.scale
    return {
        "name": TextStyle(scale.subheading, ColourRole.PRIMARY, "heading", bold=True),
        "offers": ctx.body_style(size=scale.label, space_after=0),
        "contact": TextStyle(number_size, ColourRole.TEXT, "heading", bold=True),
        "when": TextStyle(scale.label, ColourRole.TEXT),
        "web": TextStyle(scale.label, ColourRole.LINK),
        "mark": TextStyle(scale.caption, ColourRole.MUTED, italic=True),
    }[line]


Contents = list[dict[str, tuple[Paragraph, ...]]]  # each entry's lines, by name


@register("support", SupportSlide)
def plan_support(spec: SupportSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Where to get support: up to three helplines side by side, each number large."""
    contents = [_lines(entry, ctx) for entry in spec.entries]
    title = spec.title or ctx.label("support_title")
    plan = ctx.content_slide(spec, title, _panels(contents, ctx), _draft(spec, title, ctx))
    own = _to_confirm(spec, ctx)
    notes = tuple(e.note for e in spec.entries if e.note)
    tail = ""
    if notes:
        tail += "\n\nAbout these helplines:\n" + "\n".join(f"- {n}" for n in notes)
    # what to confirm goes to the review report beside the deck, not into shared notes
    return [
        dataclasses.replace(
            plan,
            unconfirmed=plan.unconfirmed + own,
            notes=(plan.notes + tail).strip(),
            notes_tail=plan.notes_tail + tail,
        )
    ]


def _panels(contents: Contents, ctx: LayoutContext) -> list[Element]:
    """A panel per entry, side by side. Each line starts at one height across the panels, so
    the numbers line up: a line is as tall as the panel that needs most for it. What does not
    fit shrinks (what they offer, to the body floor), or is an error saying how much to cut."""
    grid = ctx.grid
    columns = grid.columns(len(contents), gutter=GAP)
    width = columns[0].width - 2 * PAD
    number_size = _number_size(contents, width, ctx)
    heights: dict[str, int] = {}
    for line in LINES:
        probe = Box(0, 0, width, grid.body.height)
        needed = [
            needed_emu(_text(i, line, lines[line], probe, ctx, number_size), ctx.deck.brand)
            for i, lines in enumerate(contents)
            if line in lines
        ]
        if needed:
            heights[line] = max(needed) + EMU_PER_PT  # a point to spare: measuring rounds
    shown = [line for line in LINES if line in heights]
    room = grid.body.height - 2 * PAD
    if _stack_height(shown, heights) > room:  # what they offer gives way, shrinking into it
        others = _stack_height([line for line in shown if line != "offers"], heights)
        heights["offers"] = max(room - others - ROW_GAP, inches(0.4))
    height = _stack_height(shown, heights) + 2 * PAD
    elements: list[Element] = []
    for i, (column, lines) in enumerate(zip(columns, contents, strict=True)):
        # as tall as the fullest panel needs; the planner centres a short row in the body
        panel = Box(column.left, column.top, column.width, height)
        elements.append(ShapeElement(f"Support {i + 1}", panel, ColourRole.SURFACE))
        y = panel.top + PAD
        for n, line in enumerate(shown):
            y += GAP_BEFORE.get(line, ROW_GAP) if n else 0
            if line in lines:
                frame = Box(panel.left + PAD, y, width, heights[line])
                elements.append(_text(i, line, lines[line], frame, ctx, number_size))
            y += heights[line]
    return elements


def _stack_height(stack: list[str], heights: dict[str, int]) -> int:
    gaps = sum(GAP_BEFORE.get(line, ROW_GAP) for line in stack[1:])
    return sum(heights[line] for line in stack) + gaps + inches(0.1)


def _number_size(contents: Contents, width: int, ctx: LayoutContext) -> float:
    """The largest step of the type scale, from `lead` down to its floor, at which every
    number fits on one line `width` wide: a number is never broken."""
    scale, brand = ctx.scale, ctx.deck.brand
    size: float | None = scale.lead
    floor = scale.floor(scale.lead)
    while size is not None and size >= floor:
        widest = max(
            needed_width(_text(i, "contact", c["contact"], Box(0, 0, width, 0), ctx, size), brand)
            for i, c in enumerate(contents)
        )
        if widest * EMU_PER_PT <= width:
            return size
        size = scale.step_below(size)
    return floor


def _text(
    i: int,
    line: str,
    paragraphs: tuple[Paragraph, ...],
    box: Box,
    ctx: LayoutContext,
    number_size: float,
) -> TextElement:
    style = _style(line, ctx, number_size)
    field = {"web": "url", "mark": "status"}.get(line, line)
    return TextElement(
        f"Support {i + 1} {line}",
        box,
        paragraphs,
        style,
        inset=0,
        # only what they offer may shrink (to the body floor); the rest is short by nature
        min_size=ctx.scale.body_min if line == "offers" else ctx.scale.floor(style.size),
        source=("slides", ctx.slide_index, "entries", i, field),
        group=f"support {line}",
    )


def _to_confirm(spec: SupportSlide, ctx: LayoutContext) -> tuple[ToConfirm, ...]:
    """Each unconfirmed entry, for the notes and for a final build (at its `status:` line)."""
    return tuple(
        ctx.to_confirm(
            f"support entry `{entry.name}`",
            entry.check or "its number and opening times are not yet confirmed",
            ("slides", ctx.slide_index, "entries", i),
            str(entry.url) if entry.url else "",
        )
        for i, entry in enumerate(spec.entries)
        if not entry.confirmed
    )


def _draft(spec: SupportSlide, title: str, ctx: LayoutContext) -> str:
    parts = [sentences(title)]
    for entry in spec.entries:
        call = ctx.label("support_call", contact=entry.contact)
        said = f"{entry.name}: {sentences(entry.offers)} {call}"
        if entry.when:
            said += " " + sentences(entry.when)
        if entry.url:
            said += " " + ctx.label("support_online", address=typed_address(str(entry.url)))
        parts.append(said)
    return " ".join(parts)
