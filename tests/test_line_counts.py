"""Our measuring predicts how many lines each text frame takes; LibreOffice's render must agree
for at least 95% of the frames in the test decks (the issue's bar; a miss by one line in a
frame with room to spare is harmless, a miss that overflows is caught by test_render).

Needs LibreOffice and poppler; skipped without them unless SUMMARYDECK_REQUIRE_RENDER=1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import RENDERED_DECKS
from render_helpers import Box, Page, text_layout
from summarydeck.check.text_metrics import measure_shape
from summarydeck.ooxml.deck_view import ShapeView
from summarydeck.ooxml.reader import read_deck

pytestmark = [pytest.mark.render, pytest.mark.slow]

EMU_PER_PT = 12_700
AGREEMENT = 0.95


@dataclass(frozen=True)
class Frame:
    deck: str
    slide: int
    name: str
    predicted: int
    rendered: int


def _rendered_lines(shape: ShapeView, page: Page) -> int:
    """Lines LibreOffice drew in the shape: its words grouped by their vertical centre."""
    assert shape.box is not None
    box = shape.box
    left, top = box.left / EMU_PER_PT, box.top / EMU_PER_PT
    right, bottom = box.right / EMU_PER_PT, box.bottom / EMU_PER_PT
    words = [
        w
        for w in page.words
        if left - 2 <= (w.x_min + w.x_max) / 2 <= right + 2
        and top - 2 <= (w.y_min + w.y_max) / 2 <= bottom + 2
    ]
    return len(_rows(words))


def _rows(words: list[Box]) -> list[list[Box]]:
    rows: list[list[Box]] = []
    for word in sorted(words, key=lambda w: (w.y_min + w.y_max) / 2):
        centre = (word.y_min + word.y_max) / 2
        if rows:
            last = rows[-1][-1]
            if centre - (last.y_min + last.y_max) / 2 < 0.5 * (last.y_max - last.y_min):
                rows[-1].append(word)
                continue
        rows.append([word])
    return rows


@pytest.fixture(scope="module")
def frames(request: pytest.FixtureRequest, rendered_pdfs: dict[str, Path]) -> list[Frame]:
    """Every measured text frame of the three test decks, with the lines LibreOffice drew in
    it (the PDFs from the session's one LibreOffice run)."""
    out = []
    for name in RENDERED_DECKS:
        deck: Path = request.getfixturevalue(name)
        pages = text_layout(rendered_pdfs[deck.stem])
        view = read_deck(deck.read_bytes())
        for slide, page in zip(view.slides, pages, strict=True):
            for shape in slide.shapes:
                if shape.kind != "text":
                    continue
                measured = measure_shape(shape)
                if measured is None:
                    continue
                out.append(
                    Frame(
                        deck.stem,
                        slide.number,
                        shape.name,
                        sum(measured.lines),
                        _rendered_lines(shape, page),
                    )
                )
    return out


def test_predicted_line_counts_match_libreoffice(frames: list[Frame]) -> None:
    misses = [f for f in frames if f.predicted != f.rendered]
    share = 1 - len(misses) / len(frames)
    detail = "\n".join(
        f"{f.deck} slide {f.slide} {f.name}: predicted {f.predicted}, rendered {f.rendered}"
        for f in misses
    )
    print(f"\n{len(frames) - len(misses)} of {len(frames)} frames agree ({share:.1%})\n{detail}")
    assert len(frames) > 150  # the three decks: every kind of frame, many times
    assert share >= AGREEMENT, detail


def test_we_never_predict_fewer_lines_than_libreoffice_draws(frames: list[Frame]) -> None:
    """Predicting too few lines is what overflows; too many only leaves room to spare."""
    under = [f for f in frames if f.predicted < f.rendered]
    assert not under, "\n".join(
        f"{f.deck} slide {f.slide} {f.name}: predicted {f.predicted}, rendered {f.rendered}"
        for f in under
    )
