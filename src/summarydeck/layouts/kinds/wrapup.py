"""The end of a workshop: what each person will try, and how the room captures it before it
leaves (a card on the wall, a photograph). On the workshop look, with its minutes in a badge.
Tag it (`tags: [workshop]`) so that only the workshop variant shows it."""

from __future__ import annotations

import dataclasses

from pydantic import Field

from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import body_placeholder, body_style
from summarydeck.layouts.registry import register
from summarydeck.layouts.workshop import (
    PANEL_PAD,
    inside_panel,
    main_panel,
    panel_fill,
    time_badge,
    workshop_layout,
    workshop_plan,
)
from summarydeck.markdown.inline import sentences, to_plain
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Markdown, Text
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
from summarydeck.values import Box, Paragraph, inches


class WrapupSlide(SlideSpec):
    title: Text | None = Field(
        default=None, description='The slide\'s title (default: "What will you try?").'
    )
    prompts: list[Markdown] = Field(
        min_length=1, max_length=4, description="1 to 4 prompts (Markdown): what people will try."
    )
    capture: Markdown | None = Field(
        default=None, description="How the room keeps what it said (Markdown)."
    )
    minutes: int | None = Field(
        default=None, ge=1, le=120, description="How long it takes, in minutes (1 to 120)."
    )

    def default_id(self) -> str:
        return "wrap-up"


CAPTURE_WIDTH = inches(4.2)


def wrapup_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    return workshop_layout(
        "Wrap-up",
        grid,
        scale,
        body_placeholder(
            inside_panel(main_panel(grid, CAPTURE_WIDTH)),
            body_style(scale, size=scale.lead, space_after=14.0),
            name="Prompts",
        ),
        description="the end of a workshop on a tinted slide: what people will try, how to "
        "capture it, the minutes in a badge",
    )


def _ended(panel: Box, above: int, text: TextElement, ctx: LayoutContext) -> Box:
    """The panel ended after its text, which starts `above` below the panel's inner top, so
    no block of empty colour."""
    needed = above + needed_emu(text, ctx.deck.brand) + 2 * PANEL_PAD + inches(0.1)
    return dataclasses.replace(panel, height=min(panel.height, needed))


def _prompts(spec: WrapupSlide, ctx: LayoutContext) -> tuple[Paragraph, ...]:
    """One prompt is a sentence; more are numbered, as on a discussion slide."""
    if len(spec.prompts) == 1:
        return ctx.markdown(spec.prompts[0])
    return ctx.numbered(spec.prompts)


@register("wrapup", WrapupSlide, layout=wrapup_layout)
def plan_wrapup(spec: WrapupSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """A workshop's wrap-up: what people will try, how to capture it, and its minutes."""
    grid = ctx.grid
    path = ("slides", ctx.slide_index)
    panel = main_panel(grid, CAPTURE_WIDTH if spec.capture else None)
    prompts = ctx.design.text(
        "body",
        _prompts(spec, ctx),
        name="Wrap-up prompts",
        box=inside_panel(panel),
        min_size=ctx.scale.body_min,
        source=(*path, "prompts"),
    )
    height = _ended(panel, 0, prompts, ctx).height
    capture = _capture(spec.capture, ctx) if spec.capture else []
    if capture:  # the two panels side by side end level, at the taller one's foot
        height = max(height, capture[0].box.height)
        capture = _to_height(capture, height)
    panel = dataclasses.replace(panel, height=height)
    prompts = dataclasses.replace(prompts, box=inside_panel(panel))
    elements: list[Element] = [
        ShapeElement("Wrap-up prompts panel", panel, panel_fill(ctx.design)),
        prompts,
        *capture,
    ]
    if spec.minutes:
        elements += time_badge(grid, ctx.scale, spec.minutes, ctx.deck.labels)
    questions = " ".join(to_plain(p) for p in spec.prompts)
    timing = (
        " " + ctx.label("wrapup_time", duration=ctx.deck.labels.duration(spec.minutes))
        if spec.minutes
        else ""
    )
    keep = f" {ctx.label('capture')}: {to_plain(spec.capture)}" if spec.capture else ""
    title = spec.title or ctx.label("wrapup_title")
    draft = sentences(title) + timing + " " + questions + keep
    plan = ctx.content_slide(spec, title, elements, draft.strip())
    return [workshop_plan(plan, ctx, has_badge=bool(spec.minutes))]


def _capture(text: str, ctx: LayoutContext) -> list[Element]:
    """How to capture it: light text on a primary panel, right of the prompts."""
    grid = ctx.grid
    panel = Box(grid.body.right - CAPTURE_WIDTH, grid.body.top, CAPTURE_WIDTH, grid.body.height)
    inner = inside_panel(panel)
    label_height = inches(0.5)
    # body bold at the label size, like "You will need" and "Discuss in small groups"
    label = TextElement(
        "Capture label",
        Box(inner.left, inner.top, inner.width, label_height),
        ctx.plain(ctx.label("capture")),
        TextStyle(ctx.scale.label, ColourRole.BACKGROUND, bold=True),
        inset=0,
        source=("labels", "capture"),
    )
    body = TextElement(
        "Capture text",
        Box(inner.left, inner.top + label_height, inner.width, inner.height - label_height),
        ctx.markdown(text),
        ctx.body_style(colour=ColourRole.BACKGROUND),
        inset=0,
        min_size=ctx.scale.body_min,
        source=("slides", ctx.slide_index, "capture"),
    )
    panel = _ended(panel, label_height, body, ctx)  # the text starts under the label's box
    return _to_height(
        [ShapeElement("Capture panel", panel, ColourRole.PRIMARY), label, body], panel.height
    )


def _to_height(capture: list[Element], height: int) -> list[Element]:
    """The capture panel `height` tall, its text ending inside it."""
    panel, label, body = capture
    box = dataclasses.replace(panel.box, height=height)
    text = dataclasses.replace(body.box, height=box.bottom - PANEL_PAD - body.box.top)
    return [dataclasses.replace(panel, box=box), label, dataclasses.replace(body, box=text)]
