"""A workshop's discussion slide for one opportunity: its prompts, and notes for the
facilitator. A workshop variant (`discussion: true`) adds one after each opportunity slide;
a storyboard can also place one itself.

It is on the workshop look (tinted background, the minutes in a badge), so the room sees at a
glance that it is its turn to talk."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from pydantic import Field, model_validator

from summarydeck.diagnostics import did_you_mean
from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import body_placeholder, body_style
from summarydeck.layouts.registry import register
from summarydeck.layouts.workshop import (
    PANEL_PAD,
    inside_panel,
    panel_fill,
    time_badge,
    workshop_layout,
    workshop_plan,
)
from summarydeck.markdown.inline import to_plain
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import ContentId, Workshop
from summarydeck.model.deck import Deck
from summarydeck.model.errors import FieldProblem
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign
from summarydeck.plan.measure import needed_emu
from summarydeck.plan.types import (
    ColourRole,
    Element,
    ShapeElement,
    SlidePlan,
    TextElement,
    TextStyle,
)
from summarydeck.source.yaml_loader import DataPath, dotted, slide_name
from summarydeck.values import Box, inches


class DiscussionSlide(SlideSpec):
    """A discussion of an opportunity (`opportunity:`, its `workshop:`) or of any other slide
    (`about:` its id, that entry's `workshop:`)."""

    opportunity: str | None = Field(
        default=None, description="The id of the opportunity whose `workshop:` prompts it shows."
    )
    about: ContentId | None = Field(
        default=None,
        description="The id of a slide whose `workshop:` it shows (instead of `opportunity`).",
    )
    references: ClassVar[dict[str, str]] = {"opportunity": "opportunities"}

    @model_validator(mode="after")
    def _one_subject(self) -> DiscussionSlide:
        if (self.opportunity is None) == (self.about is None):
            raise FieldProblem(
                "a discussion slide discusses one thing: give `opportunity:` or `about:`",
                at=("about",) if self.about is not None else (),
                hint="`opportunity: <id>` for an opportunity's `workshop:` prompts, or "
                "`about: <slide id>` for the `workshop:` of another slide in the storyboard",
            )
        return self

    def default_id(self) -> str:
        return f"{self.opportunity or self.about}-discussion"

    # its minutes are those of what it discusses (`workshop.minutes`), for the timetable
    def workshop_minutes(self, deck: Deck) -> int | None:
        found = subject(self, deck)
        return found.workshop.minutes if found and found.workshop else None

    def minutes_path(self, deck: Deck) -> DataPath:
        if self.opportunity is not None:
            return ("opportunities", self.opportunity, "workshop", "minutes")
        found = subject(self, deck)
        if found is not None and found.path[0] == "opportunities":
            return (*found.path, "workshop", "minutes")
        return ("slides", entry_index(deck, self.about) or 0, "workshop", "minutes")


@dataclass(frozen=True)
class Subject:
    """What a discussion is about: its title, its prompts, and where they are written."""

    title: str
    workshop: Workshop | None
    path: DataPath  # the opportunity or storyboard entry that holds `workshop:`
    title_path: DataPath | None


def entry_index(deck: Deck, slide_id: str | None) -> int | None:
    """The place in `slides:` of the entry with `slide_id`."""
    return next((i for i, s in enumerate(deck.slides) if s.slide_id == slide_id), None)


def _opportunity(deck: Deck, opportunity: str) -> Subject:
    item = deck.content.opportunities[opportunity]
    path: DataPath = ("opportunities", opportunity)
    return Subject(item.title, item.workshop, path, (*path, "title"))


def subject(spec: DiscussionSlide, deck: Deck) -> Subject | None:
    """The opportunity or slide `spec` discusses; None when `about:` names no slide that can
    be discussed (see `about_problem`)."""
    if spec.opportunity is not None:
        return _opportunity(deck, spec.opportunity)
    index = entry_index(deck, spec.about)
    if index is None or deck.slides[index].kind == "discussion":
        return None
    entry = deck.slides[index]
    opportunity = getattr(entry, "opportunity", None)
    if entry.workshop is None and isinstance(opportunity, str):
        # an opportunity's slide: its prompts are the opportunity's own
        return _opportunity(deck, opportunity)
    title = getattr(entry, "title", None)
    for field_name, collection in entry.references.items():
        value = getattr(entry, field_name, None)
        if isinstance(value, str):  # one item, not a list of them (`sources:`)
            shown = getattr(deck.content, collection, {}).get(value)
            title = title or getattr(shown, "title", None) or getattr(shown, "takeaway", None)
    path = ("slides", index)
    return Subject(str(title or entry.slide_id), entry.workshop, path, (*path, "title"))


LABEL_HEIGHT = inches(0.5)


def _panel(grid: Grid) -> Box:
    """The white panel the prompts sit on, below the "Discuss in small groups" line."""
    top = grid.body.top + LABEL_HEIGHT + inches(0.15)
    return Box(grid.margin, top, grid.inner_width, grid.body.bottom - top)


def discussion_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    return workshop_layout(
        "Discussion",
        grid,
        scale,
        body_placeholder(
            inside_panel(_panel(grid)),
            body_style(scale, size=scale.lead, space_after=14.0),
            name="Prompts",
        ),
        description="numbered prompts for small groups on a tinted slide, the minutes in a badge",
    )


@register("discussion", DiscussionSlide, layout=discussion_layout)
def plan_discussion(spec: DiscussionSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Discussion prompts for one opportunity or slide, with facilitator notes in the notes."""
    about = subject(spec, ctx.deck)
    if about is None:
        ids = [s.slide_id for s in ctx.deck.slides if s.kind != "discussion"]
        index = entry_index(ctx.deck, spec.about)
        what = "names no slide" if index is None else "names a discussion slide"
        ctx.diags.error(
            "E206",
            f"{slide_name(ctx.slide_index)}: `about: {spec.about}` {what}",
            ctx.deck.source_map.locate(("slides", ctx.slide_index, "about")),
            did_you_mean(str(spec.about), ids)
            if index is None
            else "name the slide whose `workshop:` prompts it shows",
        )
        return []
    if about.workshop is None:
        ctx.diags.error(
            "E214",
            f"a discussion slide needs prompts: {dotted(about.path)} has no `workshop:`",
            ctx.deck.source_map.locate(about.path, key=True),
            "add `workshop:` with `prompts:` to it",
        )
        return []
    workshop = about.workshop
    path = (*about.path, "workshop")
    grid = ctx.grid
    label = ctx.label("discussion_label")
    label_box = Box(grid.margin, grid.body.top, grid.inner_width, LABEL_HEIGHT)
    prompts = ctx.design.text(
        "body",
        ctx.numbered(workshop.prompts),
        name="Discussion prompts",
        min_size=ctx.scale.body_min,
        source=(*path, "prompts"),
    )
    panel = _panel(grid)
    # a panel taller than its prompts is a block of empty colour: end it after the text
    needed = needed_emu(prompts, ctx.deck.brand) + 2 * PANEL_PAD + inches(0.1)
    if needed < panel.height:
        panel = dataclasses.replace(panel, height=needed)
        prompts = dataclasses.replace(prompts, box=inside_panel(panel))
    elements: list[Element] = [
        TextElement(
            "Discussion label",
            label_box,
            ctx.plain(label),
            TextStyle(ctx.scale.label, ColourRole.PRIMARY, bold=True, anchor="middle"),
            inset=0,
            source=("labels", "discussion_label"),
        ),
        ShapeElement("Discussion panel", panel, panel_fill(ctx.design)),
        prompts,
    ]
    if workshop.minutes:
        elements += time_badge(grid, ctx.scale, workshop.minutes, ctx.deck.labels)
    questions = "\n".join(f"{n}. {to_plain(p)}" for n, p in enumerate(workshop.prompts, 1))
    said = (
        ctx.label(
            "discussion_for", label=label, duration=ctx.deck.labels.duration(workshop.minutes)
        )
        if workshop.minutes
        else label
    )
    draft = f"{said}.\n\n{questions}"
    if workshop.facilitator_notes:
        draft = f"{ctx.label('facilitator', notes=to_plain(workshop.facilitator_notes))}\n\n{draft}"
    plan = ctx.content_slide(
        spec,
        ctx.label("discussion_title", title=about.title),
        elements,
        draft,
        shows=[("opportunities", spec.opportunity)] if spec.opportunity else [],
        title_source=about.title_path,
    )
    return [workshop_plan(plan, ctx, has_badge=bool(workshop.minutes))]
