"""C207 text set in a font that does not come with PowerPoint: on a computer without it,
PowerPoint shows the text in another font (it picks one, and does not say so), so the deck
looks different there and its lines may break differently or overflow.

We do not embed fonts (a font's licence may forbid it, and PowerPoint's embedding is its own
format), so the people who open the deck need the font installed; the warning says so once
per font. A brand that knows its audience has the font says so (`audience_has_fonts: true`).
"""

from __future__ import annotations

from collections.abc import Iterator

from summarydeck.check.findings import Finding
from summarydeck.check.rules import Options, rule
from summarydeck.model.brand import OFFICE_FONTS
from summarydeck.ooxml.deck_view import DeckView, ShapeView
from summarydeck.plan.fonts import measurable
from summarydeck.plan.measure import text_width

# the Office font each bundled twin has the widths of: a deck set in the twin's name looks
# right in PowerPoint when set in the Office name instead
_OFFICE_TWIN = {"Carlito": "Calibri", "Liberation Sans": "Arial", "Caladea": "Cambria"}
_SAMPLE = "The quick brown fox jumps over the lazy dog, 1234567890"
_MOST_SAMPLED = 2_000  # characters of the deck's own text measured for the comparison
# Arial is what we can compare with (its twin is bundled); it is a stand-in, not a promise of
# the one PowerPoint picks
_COMPARED_WITH = "Arial"


@rule("font-availability")
def fonts_not_in_office(deck: DeckView, options: Options) -> Iterator[Finding]:
    seen: set[str] = set()
    for slide in deck.slides:
        for shape in slide.shapes:
            for family in _families(shape):
                if family in OFFICE_FONTS or family in options.audience_fonts or family in seen:
                    continue
                seen.add(family)
                message, hint = audience_note(family, _text_in(deck, family))
                yield Finding("C207", message, slide.number, slide.name, shape.name, hint)


def audience_note(
    family: str, sample: str = "", subject: str = "text is set in"
) -> tuple[str, str]:
    """What a font PowerPoint does not come with means for the people who open the deck, and
    what to do: (message, hint). `subject` begins the message: "text is set in"."""
    office = _OFFICE_TWIN.get(family)
    if office is not None:
        return (
            f"{subject} `{family}`, which PowerPoint does not come with; it has the widths of "
            f"{office}, which PowerPoint does",
            f"name `{office}` instead, so PowerPoint shows the text as it was measured",
        )
    message = (
        f"{subject} `{family}`, which PowerPoint does not come with: on a computer "
        "without it, PowerPoint shows another font instead, and does not say which"
        + _compared(family, sample)
    )
    hint = (
        f"install `{family}` on every computer that shows or edits the deck, or share it as "
        "a PDF (`summarydeck export`); summarydeck does not embed fonts. When everyone has "
        "it, say so in the brand: `audience_has_fonts: true` under `fonts:`"
    )
    return message, hint


def _compared(family: str, sample: str) -> str:
    """`; in Arial, for one, this text is 9% wider: ...`, when the font can be measured (the
    brand gave its files); "" when it cannot."""
    if not measurable(family):
        return ""
    text = sample.strip()[:_MOST_SAMPLED] or _SAMPLE
    ours = text_width(text, family, False, 20)
    other = text_width(text, _COMPARED_WITH, False, 20)
    if ours <= 0:
        return ""
    change = round(100 * (other - ours) / ours)
    if abs(change) < 2:
        return f"; in {_COMPARED_WITH}, for one, this text takes about the same width"
    if change > 0:
        return (
            f"; in {_COMPARED_WITH}, for one, this text is {change}% wider: lines may break "
            "earlier and text overflow its box"
        )
    return (
        f"; in {_COMPARED_WITH}, for one, this text is {-change}% narrower: lines break at "
        "other words"
    )


def _families(shape: ShapeView) -> list[str]:
    return list(dict.fromkeys(r.font for p in shape.paragraphs for r in p.runs if r.text.strip()))


def _text_in(deck: DeckView, family: str) -> str:
    """The deck's text set in `family` (its first few thousand characters)."""
    parts: list[str] = []
    size = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            for paragraph in shape.paragraphs:
                for run in paragraph.runs:
                    if run.font == family and run.text.strip():
                        parts.append(run.text.replace("\v", " "))
                        size += len(run.text)
                        if size > _MOST_SAMPLED:
                            return " ".join(parts)
    return " ".join(parts)
