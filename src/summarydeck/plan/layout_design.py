"""Slide layouts as designs: what a layout of the deck's master holds, where, and in what style.

A kind names its layout, and its text goes into that layout's placeholders; the renderer writes
one `p:sldLayout` per design. The background, the accent rule, the footer and the slide number
live on the layout, so "New Slide" in PowerPoint gives an on-brand slide and "Reset" puts a
slide's placeholders back where (and how) the kind put them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from summarydeck.plan.types import ColourRole, ShapeElement, TextElement, TextStyle
from summarydeck.values import Box, Paragraph

# A placeholder's role: what of a slide's text goes in it. `body` and `right` are body
# placeholders (the second one of a two-column layout is `right`).
Role = Literal["title", "subtitle", "body", "right", "footer", "slide_number"]
# the placeholder types of an organisation's template that can play each role, in order of
# preference (a template's title slide has a `subTitle`, its section header a `body`)
TEMPLATE_FILLS: dict[Role, tuple[str, ...]] = {
    "title": ("title", "ctrTitle"),
    "subtitle": ("subTitle", "body", "obj"),
    "body": ("body", "obj", "subTitle"),
    "right": ("body", "obj"),  # a second body: the right-hand column
    "footer": ("ftr",),
    "slide_number": ("sldNum",),
}
LIST_ROLES: tuple[Role, ...] = ("body", "right")  # their levels below the first are lists
# OOXML placeholder type and index for each role (title is idx 0; footer and slide number take
# the indexes PowerPoint's own layouts give them)
PLACEHOLDER_TYPE: dict[Role, tuple[str, int]] = {
    "title": ("title", 0),
    "subtitle": ("subTitle", 1),
    "body": ("body", 1),
    "right": ("body", 2),
    "footer": ("ftr", 11),
    "slide_number": ("sldNum", 12),
}


@dataclass(frozen=True)
class PlaceholderDesign:
    role: Role
    box: Box
    style: TextStyle
    # 0: a placeholder's text starts on the grid's margin, in line with every panel and card
    inset: int = 0
    shrink: bool = True  # "shrink text on overflow", so text typed in PowerPoint keeps fitting
    name: str = ""  # the name PowerPoint shows in the Selection pane; the role's, else
    # in an organisation's template: the placeholder's (type, idx) there, and its place there
    # when the kind puts the text elsewhere (`box`)
    ph: tuple[str, int] | None = None
    layout_box: Box | None = None

    @property
    def key(self) -> tuple[str, int]:
        """The (type, idx) a slide's placeholder has when it fills this one."""
        return self.ph or PLACEHOLDER_TYPE[self.role]

    @property
    def label(self) -> str:
        return (
            self.name
            or {
                "title": "Title",
                "subtitle": "Subtitle",
                "body": "Text",
                "right": "Right text",
                "footer": "Footer",
                "slide_number": "Slide number",
            }[self.role]
        )


@dataclass(frozen=True)
class LayoutDesign:
    """One layout of the master: a name PowerPoint shows, a background, decorative shapes,
    and placeholders."""

    name: str
    placeholders: tuple[PlaceholderDesign, ...]
    background: ColourRole = ColourRole.BACKGROUND
    decorations: tuple[ShapeElement, ...] = ()
    kind: Literal["title", "secHead", "obj", "twoObj", "cust"] = "cust"  # PowerPoint's type
    description: str = ""  # what the layout is for, for the designers' page and `inspect`
    # an organisation's template's layout (its master's and its own number, from 1): drawn by
    # the template, filled by us; None for a layout summarydeck writes
    template_layout: tuple[int, int] | None = None

    @property
    def foreign(self) -> bool:
        return self.template_layout is not None

    def placeholder(self, role: Role) -> PlaceholderDesign | None:
        return next((p for p in self.placeholders if p.role == role), None)

    def size(self, role: Role) -> float:
        """The text size the layout sets for `role` (a template's own, on a template)."""
        design = self.placeholder(role)
        if design is None:
            raise KeyError(f"layout {self.name!r} has no {role} placeholder")
        return design.style.size

    def text(
        self,
        role: Role,
        paragraphs: tuple[Paragraph, ...],
        *,
        name: str | None = None,
        min_size: float | None = None,
        source: tuple[str | int, ...] | None = None,
        box: Box | None = None,
        style: TextStyle | None = None,
        flow: bool = False,
        group: str | None = None,
    ) -> TextElement:
        """A TextElement that goes into this layout's `role` placeholder, in its place and
        style unless the slide needs its own (`box`, `style`: then the slide overrides)."""
        design = self.placeholder(role)
        if design is None:
            raise KeyError(f"layout {self.name!r} has no {role} placeholder")
        return TextElement(
            name or design.label,
            box or design.box,
            paragraphs,
            style or design.style,
            inset=design.inset,
            min_size=min_size,
            source=source,
            group=group,
            flow=flow,
            placeholder=role,
        )


@dataclass(frozen=True)
class LayoutSet:
    """Every layout of the deck's master, and which one each slide kind uses."""

    designs: tuple[LayoutDesign, ...]
    for_kind: dict[str, str] = field(default_factory=dict)  # kind -> layout name

    def named(self, name: str) -> LayoutDesign:
        return next(d for d in self.designs if d.name == name)

    def of_kind(self, kind: str) -> LayoutDesign:
        return self.named(self.for_kind[kind])
