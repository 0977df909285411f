"""The brand lives in the theme and the master, so later edits in PowerPoint stay on brand."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def test_master_title_style_is_the_brands(full_deck: Path) -> None:
    master = Presentation(str(full_deck)).slide_master.element
    level = master.find(f"{P}txStyles/{P}titleStyle/{A}lvl1pPr")
    defaults = level.find(f"{A}defRPr")
    assert level.get("algn") == "l"
    assert (defaults.get("sz"), defaults.get("b")) == ("3200", "1")
    assert defaults.find(f"{A}solidFill/{A}schemeClr").get("val") == "tx2"
    body = master.find(f"{P}txStyles/{P}bodyStyle/{A}lvl1pPr/{A}defRPr")
    assert body.get("sz") == "2000"


def test_a_slide_added_later_gets_the_decks_title_position(full_deck: Path) -> None:
    prs = Presentation(str(full_deck))
    designed = prs.slides[3].shapes.title
    added = prs.slides.add_slide(prs.slide_layouts[5]).shapes.title
    assert (added.left, added.top, added.width, added.height) == (
        designed.left,
        designed.top,
        designed.width,
        designed.height,
    )


def test_no_placeholder_on_the_master_claims_a_4_3_width(full_deck: Path) -> None:
    prs = Presentation(str(full_deck))
    for shape in prs.slide_master.placeholders:
        assert shape.left + shape.width <= prs.slide_width, shape.name
    assert all(
        p.placeholder_format.type != PP_PLACEHOLDER.TITLE or p.top < prs.slide_height // 4
        for p in prs.slide_master.placeholders
    )
    assert etree.tostring(prs.part._element).count(b"screen4x3") == 0
