"""The slide grid: margins, title band, content area and footer band, from the slide size.

Every layout places things on this grid so titles and margins line up across the whole deck.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarydeck.values import Box, inches


@dataclass(frozen=True)
class Grid:
    width: int
    height: int
    margin: int
    gutter: int
    # an organisation's template places the title (and so the content below it) itself
    title_box: Box | None = None
    body_box: Box | None = None

    @classmethod
    def for_size(cls, size: str) -> Grid:
        if size == "4:3":
            return cls(inches(10), inches(7.5), inches(0.6), inches(0.3))
        # PowerPoint's own Widescreen size: 12192000 x 6858000 EMU (13.333 x 7.5 in)
        return cls(12_192_000, inches(7.5), inches(0.75), inches(0.4))

    @classmethod
    def for_template(cls, size: str, title: Box | None, title_inset: int = 0) -> Grid:
        """The grid of a template whose master puts its title at `title`, its text `title_inset`
        in from the box: margins on the title's text edge (where the eye lines things up), the
        content from below the title to above our footer band."""
        base = cls.for_size(size)
        if title is None:
            return base
        margin = min(max(title.left + title_inset, inches(0.3)), inches(1.5))
        inner = base.width - 2 * margin
        top = max(base.body.top, title.bottom + inches(0.15))
        return cls(
            base.width,
            base.height,
            margin,
            base.gutter,
            Box(margin, title.top, inner, title.height),
            Box(margin, top, inner, base.body.bottom - top),
        )

    @property
    def inner_width(self) -> int:
        return self.width - 2 * self.margin

    @property
    def title(self) -> Box:
        """Two lines of a 32 pt title fit; the accent rule sits just above it."""
        return self.title_box or Box(self.margin, inches(0.62), self.inner_width, inches(1.1))

    @property
    def rule(self) -> Box:
        """The accent rule above the title, starting on the margin like the title's text."""
        return Box(self.margin, inches(0.42), inches(0.8), inches(0.07))

    @property
    def body(self) -> Box:
        return self.body_box or Box(self.margin, inches(1.9), self.inner_width, inches(4.5))

    @property
    def citation(self) -> Box:
        """The source line above the footer (and, on a draft, the "To be confirmed" mark)."""
        return Box(self.margin, inches(6.4), self.inner_width, inches(0.45))

    @property
    def footer(self) -> Box:
        return Box(self.margin, inches(6.95), self.inner_width - inches(1.2), inches(0.35))

    @property
    def slide_number(self) -> Box:
        return Box(self.width - self.margin - inches(1.0), inches(6.95), inches(1.0), inches(0.35))

    def columns(self, count: int, box: Box | None = None, gutter: int | None = None) -> list[Box]:
        area = box or self.body
        gap = self.gutter if gutter is None else gutter
        width = (area.width - gap * (count - 1)) // count
        return [
            Box(area.left + i * (width + gap), area.top, width, area.height) for i in range(count)
        ]

    def tiles(self, count: int, per_row: int, area: Box, gutter: int) -> list[Box]:
        """`count` equal tiles in rows of `per_row` filling `area`, in reading order; a short
        last row is centred under the full ones."""
        rows = -(-count // per_row)
        boxes = []
        for index, row in enumerate(self.rows(rows, area, gutter)):
            in_row = min(per_row, count - index * per_row)
            row_boxes = self.columns(per_row, row, gutter)[:in_row]
            shift = (per_row - in_row) * (row_boxes[0].width + gutter) // 2
            boxes += [Box(b.left + shift, b.top, b.width, b.height) for b in row_boxes]
        return boxes

    def rows(self, count: int, box: Box, gutter: int | None = None) -> list[Box]:
        gap = self.gutter if gutter is None else gutter
        height = (box.height - gap * (count - 1)) // count
        return [
            Box(box.left, box.top + i * (height + gap), box.width, height) for i in range(count)
        ]
