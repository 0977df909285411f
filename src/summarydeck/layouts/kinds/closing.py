"""The closing slide: a call to action, how to get in touch, and a QR code to go there.

The QR code (the `qr:` address, else the first web link of `contact:`) sits on the right, on
the text margin, beside the message; the text column leaves it room on every closing slide,
so a slide with a code and one without share one layout.
"""

from __future__ import annotations

import dataclasses

from pydantic import Field, HttpUrl

from summarydeck.charts.qr import qr_alt_text, qr_png
from summarydeck.layouts.context import LayoutContext
from summarydeck.layouts.designs import display_title, footer_placeholders
from summarydeck.layouts.registry import register
from summarydeck.markdown.inline import sentences
from summarydeck.model.brand import TypeScale
from summarydeck.model.content import Markdown, Text
from summarydeck.model.storyboard import SlideSpec
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign, PlaceholderDesign
from summarydeck.plan.measure import needed_emu
from summarydeck.plan.types import (
    ColourRole,
    Element,
    PictureElement,
    SlidePlan,
    TextElement,
    TextStyle,
)
from summarydeck.values import Box, Paragraph, inches

QR_SIZE = inches(2.0)  # 1.6 in is the least a phone reads from the back of a room
QR_TOP = inches(3.1)  # level with the message's first line


class ClosingSlide(SlideSpec):
    title: Text | None = Field(
        default=None, description='The slide\'s title (default: "Thank you").'
    )
    body: Markdown | None = Field(default=None, description="The call to action (Markdown).")
    contact: list[Markdown] = Field(
        default_factory=list,
        max_length=6,
        description="Up to 6 contact lines (Markdown); show a link's address as its text.",
    )
    # the address a QR code opens; default: the first web link in `contact`; `false`: none
    qr: HttpUrl | bool = Field(
        default=True,
        description="The address a QR code on the slide opens (default: the first web link of "
        "`contact`); `false` for none.",
    )

    def default_id(self) -> str:
        return "closing"


def text_width(grid: Grid, margin: int | None = None) -> int:
    """The text column between the slide's text margins (`margin` from each edge: its title's
    text edge), less the QR code and a gutter."""
    edge = grid.margin if margin is None else margin
    return grid.width - 2 * edge - QR_SIZE - grid.gutter


def qr_box(grid: Grid, margin: int | None = None) -> Box:
    """The QR code's square, on the right text margin (the slide's `margin` from the right
    edge: its title's text edge, mirrored)."""
    edge = grid.margin if margin is None else margin
    return Box(grid.width - edge - QR_SIZE, QR_TOP, QR_SIZE, QR_SIZE)


def closing_layout(grid: Grid, scale: TypeScale) -> LayoutDesign:
    """The closing slide: a title and a message on the primary colour, room for a QR code."""
    width = text_width(grid)
    return LayoutDesign(
        "Closing",
        (
            display_title(
                Box(grid.margin, inches(1.2), width, inches(1.6)), scale.section, line_spacing=1.0
            ),
            PlaceholderDesign(
                "body",
                Box(grid.margin, inches(3.1), width, inches(1.9)),
                TextStyle(scale.subheading, ColourRole.BACKGROUND, space_after=8),
                name="Message",
            ),
            *footer_placeholders(grid, scale, on_dark=True),
        ),
        background=ColourRole.PRIMARY,
        description="the closing slide: a call to action on the primary colour, a QR code",
    )


@register("closing", ClosingSlide, layout=closing_layout)
def plan_closing(spec: ClosingSlide, ctx: LayoutContext) -> list[SlidePlan]:
    """Closing slide on the primary colour with a message and contact lines."""
    grid = ctx.grid
    path = ("slides", ctx.slide_index)
    width = text_width(grid, ctx.display_margin())
    design = ctx.design
    title = design.text(
        "title",
        ctx.plain(spec.title or ctx.label("closing_title")),
        min_size=ctx.scale.floor(design.size("title")),
        source=(*path, "title"),
    )
    elements: list[Element] = []
    if spec.body:
        elements.append(
            design.text(
                "body",
                ctx.markdown(spec.body),
                name="Closing message",
                min_size=ctx.scale.body_min,
                source=(*path, "body"),
            )
        )
    contact_lines = tuple(p for line in spec.contact for p in ctx.markdown(line))
    if contact_lines:
        contact = TextElement(
            "Contact",
            Box(ctx.display_margin(), inches(5.2), width, inches(1.3)),
            contact_lines,
            TextStyle(ctx.scale.label, ColourRole.BACKGROUND, space_after=4),
            inset=0,  # its text on the margin, like the title's and the message's
            min_size=ctx.scale.floor(ctx.scale.label),
            source=(*path, "contact"),
        )
        # as tall as its lines need, so it finds room below a template's own title and text
        height = min(contact.box.height, needed_emu(contact, ctx.deck.brand) + inches(0.1))
        box = ctx.clear_of_placeholders(Box(ctx.display_margin(), inches(5.2), width, height))
        elements.append(dataclasses.replace(contact, box=box))
    address = _qr_address(spec, contact_lines)
    if address:
        box = ctx.clear_of_placeholders(qr_box(grid, ctx.display_margin()))
        png = qr_png(address, ctx.deck.brand)
        elements.append(PictureElement("QR code", box, png, qr_alt_text(address, ctx.deck.labels)))
    draft = sentences(spec.title or ctx.label("closing_title"), spec.body or "", *spec.contact)
    return [
        SlidePlan(
            spec.slide_id,
            spec.kind,
            design.name,
            title,
            ctx.notes(spec, draft),
            elements=tuple(elements),
            background=ColourRole.PRIMARY,
        )
    ]


def _qr_address(spec: ClosingSlide, contact: tuple[Paragraph, ...]) -> str | None:
    """The address the QR code opens: `qr:`, else the first web link of the contact lines
    (a phone opens a web page from a code; an e-mail link is better typed)."""
    if spec.qr is False:
        return None
    if spec.qr is not True:
        return str(spec.qr)
    links = (run.link for para in contact for run in para.runs if run.link)
    return next((link for link in links if link.startswith(("https://", "http://"))), None)
