"""Helpers for tests/test_render.py: LibreOffice -> PDF, and what poppler says about the PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

TOOLS = ("soffice", "pdftoppm", "pdftotext", "pdffonts")
INSTALL_HINT = (
    "apt-get install -y --no-install-recommends libreoffice-impress poppler-utils "
    "fonts-crosextra-carlito fonts-liberation2"
)
REQUIRE_ENV = "SUMMARYDECK_REQUIRE_RENDER"
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Box:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Page:
    number: int  # 1-based, = slide number
    width: float
    height: float
    lines: list[Box]
    words: list[Box]


def require_tools() -> None:
    """Skip when a render tool is missing, or fail when $SUMMARYDECK_REQUIRE_RENDER=1 (CI)."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"render tools not found on PATH: {', '.join(missing)}"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message}; {REQUIRE_ENV}=1 requires them. Install with: {INSTALL_HINT}")
    pytest.skip(f"{message} (install: {INSTALL_HINT})")


def convert_all_to_pdf(
    decks: list[Path], out_dir: Path, profile_dir: Path, timeout: float = 300
) -> list[Path]:
    """Every deck's PDF (in the order given) from one headless soffice call: starting
    LibreOffice costs more than converting a deck. A fresh user profile, so no user setting
    leaks in. soffice exits 0 even when it could not load a deck: each PDF is looked for."""
    stems = [deck.stem for deck in decks]
    assert len(set(stems)) == len(stems), f"two decks would write the same PDF: {stems}"
    command = [
        "soffice",
        f"-env:UserInstallation={profile_dir.resolve().as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        *(str(deck) for deck in decks),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    pdfs = [out_dir / f"{stem}.pdf" for stem in stems]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file()]
    if done.returncode != 0 or missing:
        pytest.fail(
            f"soffice did not write {', '.join(missing) or 'every PDF'} "
            f"(exit {done.returncode}):\n{done.stderr}"
        )
    return pdfs


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def _box(element: ET.Element) -> Box:
    coords = (float(element.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax"))
    text = element.text or " ".join(w.text or "" for w in element.iter(f"{XHTML}word"))
    return Box(text, *coords)


def text_layout(pdf: Path) -> list[Page]:
    """Every page's text lines and words with their boxes (pdftotext -bbox-layout), in points.

    Note: pdftotext silently drops glyphs that start outside the page, so text pushed wholly
    off the page is not here at all: compare with `slide_words` to catch that.
    """
    root = ET.fromstring(_run("pdftotext", "-bbox-layout", str(pdf), "-"))
    return [
        Page(
            number,
            float(page.attrib["width"]),
            float(page.attrib["height"]),
            [_box(line) for line in page.iter(f"{XHTML}line")],
            [_box(word) for word in page.iter(f"{XHTML}word")],
        )
        for number, page in enumerate(root.iter(f"{XHTML}page"), start=1)
    ]


def outside(box: Box, page: Page, tolerance: float) -> bool:
    return (
        box.x_min < -tolerance
        or box.y_min < -tolerance
        or box.x_max > page.width + tolerance
        or box.y_max > page.height + tolerance
    )


def tokens(text: str) -> Counter[str]:
    """Word tokens, ignoring punctuation and bullets, so the pptx and PDF split alike."""
    return Counter(re.findall(r"\w+", text.casefold()))


def slide_words(pptx: Path) -> list[Counter[str]]:
    """The words in each slide's text frames (chart and picture text not included)."""
    slides = []
    for slide in Presentation(str(pptx)).slides:
        text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        slides.append(tokens(text))
    return slides


def font_names(pdf: Path) -> list[str]:
    """Font names pdffonts lists, without the subset prefix (`ABCDEF+Carlito` -> `Carlito`)."""
    rows = _run("pdffonts", str(pdf)).splitlines()[2:]  # two header lines
    return sorted({row.split()[0].split("+")[-1] for row in rows if row.strip()})


def rasterise(pdf: Path, out_dir: Path, dpi: int) -> list[Path]:
    _run("pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out_dir / "page"))
    return sorted(out_dir.glob("page-*.png"))


EMU_PER_PT = 12_700


def text_holders(pptx: Path) -> list[list[Box]]:
    """Per slide, the boxes (in points) of the shapes that may hold text: text frames and
    native charts. A rendered word outside all of them has overflowed its own box."""
    slides = []
    for slide in Presentation(str(pptx)).slides:
        boxes = []
        for shape in slide.shapes:
            # a table's cells hold text too: the frame's box bounds them
            if not (shape.has_text_frame or shape.has_chart or getattr(shape, "has_table", False)):
                continue
            left, top = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
            width, height = shape.width / EMU_PER_PT, shape.height / EMU_PER_PT
            boxes.append(Box(shape.name, left, top, left + width, top + height))
        slides.append(boxes)
    return slides


def inside_any(word: Box, boxes: list[Box], tolerance: float) -> bool:
    """Whether `word` lies in one of `boxes`. pdftotext's word box spans the font's whole
    ascent and descent, which pokes past the frame for large type set tight: allow a tenth of
    the word's height (a line that really overflowed is out by a whole line)."""
    tolerance = max(tolerance, 0.1 * (word.y_max - word.y_min))
    return any(
        word.x_min >= b.x_min - tolerance
        and word.x_max <= b.x_max + tolerance
        and word.y_min >= b.y_min - tolerance
        and word.y_max <= b.y_max + tolerance
        for b in boxes
    )
