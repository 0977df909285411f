"""C204 text at a size off the type scale; C205 one element set at different sizes on different
slides. A designer's deck uses a short list of sizes, and the same role (a card's title, the
big number, the source line) is one size everywhere: 19.5 pt beside 20 pt looks like a mistake.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule
from summarydeck.ooxml.deck_view import DeckView, ShapeView
from summarydeck.ooxml.names import TITLE_TYPES

_SAME = 0.01  # points: sizes are written in hundredths

# placeholders whose text is fitted to the room on each slide: their sizes may differ
_FITTED = ("body", "obj")
_TYPE_NAMES = {
    "title": "the slide title",
    "ctrTitle": "the title slide's title",
    "subTitle": "the subtitle",
    "ftr": "the footer",
    "sldNum": "the slide number",
    "dt": "the date",
}
# names applications give new shapes: "TextBox 3", "Rectangle 5", "Google Shape;61;p13";
# such a name says nothing about the shape's role
_GENERIC = re.compile(
    r"(text ?box|text ?shape|rectangle|oval|shape|freeform|picture|table|group|custom ?shape"
    r"|.*placeholder)",
    re.IGNORECASE,
)


def _sizes(shape: ShapeView) -> list[float]:
    return [r.size for p in shape.paragraphs for r in p.runs if r.text.strip()]


def _off_scale(size: float, scale: tuple[float, ...]) -> bool:
    return all(abs(size - step) > _SAME for step in scale)


@rule("off-scale-size", per_slide=True)
def off_scale(deck: DeckView, options: Options) -> Iterator[Finding]:
    scale = options.type_scale
    if not scale:
        return
    steps = ", ".join(f"{s:g}" for s in scale)
    for slide in deck.slides:
        # one finding per size on a slide: a row of cards shrunk together is one fault
        at: dict[float, list[ShapeView]] = defaultdict(list)
        for shape in slide.shapes:
            for size in sorted({round(s, 2) for s in [*_sizes(shape), *shape.chart_sizes]}):
                if _off_scale(size, scale):
                    at[size].append(shape)
        for size, shapes in sorted(at.items()):
            first, others = shapes[0], [s.name for s in shapes[1:]]
            what = "the chart's text" if first.kind == "chart" else "text"
            also = f" (also in {_names(others)})" if others else ""
            yield Finding(
                "C204",
                f"{what} at {size:g} pt, which is not a step of the type scale ({steps} pt)" + also,
                slide.number,
                slide.name,
                first.name,
                f"set it at a step of the scale ({_nearest(size, scale)}); text that must shrink "
                "to fit steps down the scale, never between its steps",
            )


def _names(names: list[str]) -> str:
    shown = [f"“{n}”" for n in names[:3]] + ([f"{len(names) - 3} more"] if len(names) > 3 else [])
    return _listed(shown)


def _listed(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _nearest(size: float, scale: tuple[float, ...]) -> str:
    """The steps either side of `size`: "18 pt or 20 pt"."""
    below = [f"{max(s for s in scale if s < size):g} pt"] if size > scale[0] else []
    above = [f"{min(s for s in scale if s > size):g} pt"] if size < scale[-1] else []
    return " or ".join(below + above)


def role(shape: ShapeView) -> str | None:
    """What the shape is, said the same way on every slide: a title placeholder by its type and
    the size its layout sets (a section title is not a content slide's title); another shape by
    its name without numbers (“Card 2 title” and “Card 4 title” are one role), or, for a
    placeholder with a name an application made up, by its type. None for a placeholder whose
    text is fitted to each slide, and for another shape with a made-up name."""
    if shape.placeholder in _FITTED:
        return None
    by_type = (
        f"{_TYPE_NAMES.get(shape.placeholder, shape.placeholder)} "
        f"({shape.designed_size or 0:g} pt in the layout)"
        if shape.placeholder
        else None
    )
    if shape.placeholder in TITLE_TYPES:
        return by_type
    name = " ".join(re.sub(r"\d+", " ", shape.name).split())
    if not name or ";" in shape.name or _GENERIC.fullmatch(name) or _numbered_by_id(shape):
        return by_type
    return f"“{name}”"


def _numbered_by_id(shape: ShapeView) -> bool:
    """PowerPoint and python-pptx name a new shape "<kind> <id - 1>" ("Right Arrow 6")."""
    number = re.search(r"(\d+)\s*$", shape.name)
    return number is not None and int(number.group(1)) in (shape.id - 1, shape.id)


@rule("inconsistent-size")
def inconsistent_size(deck: DeckView, options: Options) -> Iterator[Finding]:
    # role -> slide number -> each size the role has there, with the first shape at that size
    seen: dict[str, dict[int, dict[float, ShapeView]]] = defaultdict(dict)
    for slide in deck.slides:
        for shape in slide.shapes:
            sizes, name = _sizes(shape), role(shape)
            if sizes and name is not None:
                at = seen[name].setdefault(slide.number, {})
                at.setdefault(round(max(sizes), 2), shape)  # the element's size: its largest text
    names = {slide.number: slide.name for slide in deck.slides}
    for name, slides in seen.items():
        counts = Counter(size for sizes in slides.values() for size in sizes)
        if len(counts) < 2:
            continue
        # the most common size; on a tie the larger (fitting makes text smaller, not larger)
        usual = max(counts, key=lambda size: (counts[size], size))
        listed = _listed(
            [
                f"{size:g} pt on {_slides([n for n, sizes in slides.items() if size in sizes])}"
                for size in sorted(counts)
                if size != usual
            ]
        )
        first = min(n for n, sizes in slides.items() if set(sizes) != {usual})
        shape = next(s for size, s in slides[first].items() if size != usual)
        yield Finding(
            "C205",
            f"{name} is {usual:g} pt on "
            f"{_slides([n for n, sizes in slides.items() if usual in sizes])} but {listed}",
            first,
            names[first],
            shape.name,
            "give the element one size on every slide: shorten the text that needed a smaller "
            "size, or set them all at the size that fits everywhere",
        )


def _slides(numbers: list[int]) -> str:
    """`slide 4`, `slides 4 and 9`, or `12 slides` when listing them would not help."""
    if len(numbers) > 4:
        return f"{len(numbers)} slides"
    return ("slide " if len(numbers) == 1 else "slides ") + _listed(
        [str(n) for n in sorted(numbers)]
    )
