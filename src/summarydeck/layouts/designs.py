"""The master's layouts: the shared parts every layout is made of, and the deck's set of them.

Each kind names its layout when it registers (`register(..., layout=...)`); kinds that look
alike share one by giving the same name. A kind that names none gets a title-only layout named
after it, so a new kind is still one new module.
"""

from __future__ import annotations

from collections.abc import Callable

from summarydeck.model.brand import TypeScale
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import LayoutDesign, LayoutSet, PlaceholderDesign
from summarydeck.plan.types import ColourRole, ShapeElement, TextStyle
from summarydeck.values import Box, inches

LayoutFunction = Callable[[Grid, TypeScale], LayoutDesign]


def title_placeholder(grid: Grid, scale: TypeScale) -> PlaceholderDesign:
    """A content slide's title: up to two lines of the title size, hanging from just below the
    accent rule, so one line or two sit at the same distance from it."""
    return PlaceholderDesign(
        "title",
        grid.title,
        TextStyle(
            scale.title,
            ColourRole.PRIMARY,
            "heading",
            bold=True,
            anchor="top",
            line_spacing=0.95,
        ),
    )


def display_title(box: Box, size: float, line_spacing: float = 0.95) -> PlaceholderDesign:
    """The large title of a title, section or closing slide: light on the primary colour, its
    text in `box`. The frame reaches out by its inset on each side, so the text edge stays on
    the margin while the bottom inset leaves large type room for its descent."""
    style = TextStyle(
        size,
        ColourRole.BACKGROUND,
        "heading",
        bold=True,
        anchor="bottom",
        line_spacing=line_spacing,
    )
    return PlaceholderDesign("title", outset(box, TEXT_PAD), style, inset=TEXT_PAD)


TEXT_PAD = inches(0.1)  # PowerPoint's own inset: left and right, and half of it top and bottom


def outset(box: Box, inset: int) -> Box:
    """The frame whose text, `inset` in from each side, fills `box` edge to edge."""
    return Box(box.left - inset, box.top, box.width + 2 * inset, box.height)


def beside_panel(grid: Grid, panel_width: int) -> Box:
    """The content area right of a panel `panel_width` wide on the left (an essay's facts, an
    opportunity's summary), a gutter between them."""
    left = grid.margin + panel_width + grid.gutter
    return Box(left, grid.body.top, grid.body.right - left, grid.body.height)


def body_style(scale: TypeScale, **overrides: object) -> TextStyle:
    """Body text: the brand's body size, a little air between paragraphs."""
    base = {"size": scale.body, "space_after": 8.0, "line_spacing": 1.05}
    return TextStyle(**{**base, **overrides})  # type: ignore[arg-type]


def body_placeholder(
    box: Box, style: TextStyle, role: str = "body", name: str = "", inset: int = 0
) -> PlaceholderDesign:
    return PlaceholderDesign(role, box, style, inset=inset, name=name)  # type: ignore[arg-type]


def footer_placeholders(
    grid: Grid, scale: TypeScale, on_dark: bool
) -> tuple[PlaceholderDesign, ...]:
    """Footer text and slide number, as PowerPoint's Header & Footer dialog shows them."""
    colour = ColourRole.BACKGROUND if on_dark else ColourRole.MUTED
    style = TextStyle(scale.small, colour, anchor="middle")
    return (
        PlaceholderDesign("footer", grid.footer, style, inset=0, shrink=False),
        PlaceholderDesign(
            "slide_number",
            grid.slide_number,
            TextStyle(scale.small, colour, anchor="middle", align="right"),
            inset=0,
            shrink=False,
        ),
    )


def accent_rule(grid: Grid) -> ShapeElement:
    return ShapeElement("Accent rule", grid.rule, ColourRole.ACCENT1)


def rule_decorations(grid: Grid) -> tuple[ShapeElement, ...]:
    """Our accent rule above the title; none on an organisation's template, whose master
    carries its own look and puts its title where our rule would be."""
    return () if grid.title_box is not None else (accent_rule(grid),)


def content_layout(
    name: str,
    grid: Grid,
    scale: TypeScale,
    *body: PlaceholderDesign,
    description: str = "",
) -> LayoutDesign:
    """A light content layout: the accent rule, the title, `body` placeholders, the footer."""
    two = len(body) == 2
    kind = "twoObj" if two else ("obj" if body else "cust")
    return LayoutDesign(
        name,
        (title_placeholder(grid, scale), *body, *footer_placeholders(grid, scale, False)),
        decorations=rule_decorations(grid),
        kind=kind,  # type: ignore[arg-type]
        description=description,
    )


def title_only(name: str, description: str = "") -> LayoutFunction:
    """A layout of the title alone: the kind draws the rest (cards, tiles, a chart)."""

    def design(grid: Grid, scale: TypeScale) -> LayoutDesign:
        what = description[:1].lower() + description[1:].rstrip(".")
        return content_layout(name, grid, scale, description=what or "a title; the rest drawn")

    return design


def layout_name_for(kind: str) -> str:
    return kind.replace("_", " ").replace("-", " ").capitalize()


_ORDER = {"title": 0, "secHead": 1}


def build_layout_set(
    functions: dict[str, LayoutFunction], grid: Grid, scale: TypeScale
) -> LayoutSet:
    """Every kind's layout, once each, in the order PowerPoint's New Slide menu shows them:
    title, section, content layouts by name, closing last."""
    by_name: dict[str, LayoutDesign] = {}
    for_kind: dict[str, str] = {}
    for kind, function in sorted(functions.items()):
        design = function(grid, scale)
        known = by_name.setdefault(design.name, design)
        if known != design:
            raise RuntimeError(f"layout {design.name!r} is designed two ways (kind `{kind}`)")
        for_kind[kind] = design.name
    designs = sorted(
        by_name.values(),
        key=lambda d: (_ORDER.get(d.kind, 3 if d.name == "Closing" else 2), d.name),
    )
    return LayoutSet(tuple(designs), for_kind)
