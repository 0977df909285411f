"""A deck as plain data: slides, shapes, and text with every size, font and colour resolved.

`reader` builds it from any .pptx; the rules in `rules/` only ever look at this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summarydeck.ooxml.external_links import LinkedFile
from summarydeck.ooxml.names import DEFAULT_INSETS, TITLE_TYPES
from summarydeck.values import Box


@dataclass(frozen=True)
class TextRun:
    text: str  # "\v" for a line break
    size: float  # points, after any autofit font scale
    bold: bool
    italic: bool
    font: str  # the typeface, theme references resolved
    colour: str | None  # "#RRGGBB"; None when it cannot be known
    link: str | None = None  # the hyperlink's target


@dataclass(frozen=True)
class TextParagraph:
    runs: tuple[TextRun, ...]
    level: int
    margin_left: float  # points from the box's inner edge to the text
    line_spacing: float  # a multiple of single spacing (1.0)
    line_spacing_points: float | None  # exact line pitch, when the paragraph sets one
    space_before: float  # points
    space_after: float  # points
    empty_size: float  # the size of an empty paragraph's line (its end mark)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def size(self) -> float:
        sizes = [r.size for r in self.runs if r.text.strip()]
        return max(sizes) if sizes else self.empty_size


@dataclass(frozen=True)
class ShapeView:
    id: int
    name: str
    kind: str  # "text", "picture", "chart", "table", "graphic", "shape", "connector"
    box: Box | None
    order: int  # position in reading (z) order on the slide
    placeholder: str | None = None  # placeholder type ("title", "body", "ftr" ...)
    alt_text: str = ""
    decorative: bool = False
    paragraphs: tuple[TextParagraph, ...] = ()
    insets: tuple[int, int, int, int] = DEFAULT_INSETS
    wrap: bool = True
    autofit: str = "none"  # "none", "shrink" (normAutofit) or "grow" (spAutoFit)
    vertical: bool = False
    fill: str | None = None  # "#RRGGBB" for a solid fill
    fill_unknown: bool = False  # a picture or gradient fill: text contrast cannot be judged
    chart_sizes: tuple[float, ...] = ()  # text sizes set inside a chart
    # a chart's series (or, for one series, its bars or slices) in the order they stand side
    # by side: each one's own fill, None where the chart sets none
    chart_fills: tuple[str | None, ...] = ()
    chart_labelled: bool = False  # every series has its values written on it (data labels)
    chart_ring: bool = False  # a pie or doughnut: its last slice touches the first
    chart_grouped: bool = False  # one series's bars in colour groups: alike within a group
    # a placeholder's size as its layout and master set it, before the slide's own settings
    designed_size: float | None = None

    @property
    def text(self) -> str:
        return "\n".join(p.text.replace("\v", "\n") for p in self.paragraphs)

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())

    @property
    def is_title(self) -> bool:
        return self.placeholder in TITLE_TYPES


@dataclass(frozen=True)
class SlideView:
    number: int
    name: str
    shapes: tuple[ShapeView, ...]
    background: str | None  # None: a picture or gradient background
    links: tuple[str, ...] = ()  # every external hyperlink target on the slide

    @property
    def title(self) -> ShapeView | None:
        return next((s for s in self.shapes if s.is_title), None)


@dataclass(frozen=True)
class DeckView:
    width: int
    height: int
    slides: tuple[SlideView, ...] = field(default_factory=tuple)
    # pictures, media and objects loaded from outside the package (`external_links.py`)
    linked: tuple[LinkedFile, ...] = ()
