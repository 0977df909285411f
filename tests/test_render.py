"""Render the test decks with LibreOffice and check the PDF: no text off the page,
the metric-compatible fonts really used, no blank slides.

Needs LibreOffice and poppler; skipped without them unless SUMMARYDECK_REQUIRE_RENDER=1.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from pptx import Presentation

from conftest import RENDERED_DECKS
from render_helpers import (
    Page,
    font_names,
    inside_any,
    outside,
    rasterise,
    slide_words,
    text_holders,
    text_layout,
    tokens,
)
from summarydeck.render.text import is_right_to_left

pytestmark = [pytest.mark.render, pytest.mark.slow]

TOLERANCE_PT = 0.5  # rounding in pdftotext's boxes
# a glyph's box includes its ascent and descent, which may poke past a tight frame's edge
BOX_TOLERANCE_PT = 3.0
# Calibri -> Carlito and Arial -> Liberation Sans have the same metrics; anything else
# (DejaVu Sans above all) means a font was substituted and text wraps differently.
ALLOWED_FONT_FAMILIES = {"Carlito", "LiberationSans", "Caladea"}  # Cambria -> Caladea
PNG_DPI = 40
MIN_PIXEL_STDDEV = 5.0  # a blank or single-colour page is ~0; real slides here are 14-80


@dataclass(frozen=True)
class Rendered:
    pptx: Path
    pdf: Path
    pages: list[Page]


@pytest.fixture(scope="module", params=RENDERED_DECKS)
def rendered(request: pytest.FixtureRequest, rendered_pdfs: dict[str, Path]) -> Rendered:
    """Each deck (every kind of slide; the real Q Lab deck; the stress content) and its PDF,
    from the session's one LibreOffice run."""
    deck: Path = request.getfixturevalue(request.param)
    pdf = rendered_pdfs[deck.stem]
    return Rendered(deck, pdf, text_layout(pdf))


def test_one_page_per_slide(rendered: Rendered) -> None:
    slides = len(Presentation(str(rendered.pptx)).slides)
    assert len(rendered.pages) == slides


def test_every_word_inside_the_page(rendered: Rendered) -> None:
    off_page = [
        f"slide {page.number}: {word.text!r} at x {word.x_min:.1f}-{word.x_max:.1f}, "
        f"y {word.y_min:.1f}-{word.y_max:.1f} (page {page.width:.0f} x {page.height:.0f} pt)"
        for page in rendered.pages
        for word in page.words
        if outside(word, page, TOLERANCE_PT)
    ]
    assert not off_page, "\n".join(off_page)


def test_every_line_above_the_page_bottom(rendered: Rendered) -> None:
    below = [
        f"slide {page.number}: {line.text!r} ends at y {line.y_max:.1f} "
        f"(page height {page.height:.1f} pt)"
        for page in rendered.pages
        for line in page.lines
        if line.y_max >= page.height
    ]
    assert not below, "\n".join(below)


def test_every_word_inside_its_own_text_box(rendered: Rendered) -> None:
    """A word outside every text frame and chart on its slide overflowed its box: the fitting
    promised it would not (checked against LibreOffice's layout, not our own measuring)."""
    strays = [
        f"slide {page.number}: {word.text!r} at x {word.x_min:.1f}-{word.x_max:.1f}, "
        f"y {word.y_min:.1f}-{word.y_max:.1f}"
        for page, holders in zip(rendered.pages, text_holders(rendered.pptx), strict=True)
        for word in page.words
        if not inside_any(word, holders, BOX_TOLERANCE_PT)
    ]
    assert not strays, "\n".join(strays)


def test_no_text_dropped_off_the_page(rendered: Rendered) -> None:
    """pdftotext leaves out glyphs placed wholly off the page, so the box checks above cannot
    see them: every word of every text frame must be in the page's extracted text."""
    missing = []
    for page, expected in zip(rendered.pages, slide_words(rendered.pptx), strict=True):
        lost = expected - tokens(" ".join(word.text for word in page.words))
        # a long address broken mid-word is there when the page's letters are read run
        # together; right-to-left words come out in visual order, with Arabic letters joined
        # into ligatures, so those are matched by their letters (NFKC undoes the ligatures)
        run_together = "".join(word.text for word in page.words).casefold()
        lost_words = [w for w in lost if w not in run_together]
        if all(is_right_to_left(w) for w in lost_words):
            page_letters = Counter(unicodedata.normalize("NFKC", run_together))
            if not Counter(unicodedata.normalize("NFKC", "".join(lost_words))) - page_letters:
                lost_words = []
        if lost_words:
            missing.append(f"slide {page.number}: {sorted(lost_words)}")
    assert not missing, "words in the pptx but not on the PDF page:\n" + "\n".join(missing)


def test_only_metric_compatible_fonts(rendered: Rendered) -> None:
    fonts = font_names(rendered.pdf)
    families = {name.split("-")[0] for name in fonts}
    if rendered.pptx.stem.startswith("stress"):
        # emoji and Arabic have no glyphs in Calibri, so a fallback font draws those; the
        # Latin text must still be set in the metric twins
        assert families >= {"Carlito", "LiberationSans"}, f"fonts in the PDF: {fonts}"
        return
    assert families <= ALLOWED_FONT_FAMILIES, f"substituted fonts in the PDF: {fonts}"
    if "classic" in rendered.pptx.stem:  # the 4:3 template's Cambria headings, measured alike
        assert "Caladea" in families, f"fonts in the PDF: {fonts}"


def test_every_page_has_content(rendered: Rendered, tmp_path: Path) -> None:
    pngs = rasterise(rendered.pdf, tmp_path, PNG_DPI)
    assert len(pngs) == len(rendered.pages)
    blank = []
    for number, png in enumerate(pngs, start=1):
        with Image.open(png) as image:
            stddev = ImageStat.Stat(image.convert("L")).stddev[0]
        if stddev < MIN_PIXEL_STDDEV:
            blank.append(f"slide {number}: pixel stddev {stddev:.1f}")
    assert not blank, "blank-looking pages:\n" + "\n".join(blank)
