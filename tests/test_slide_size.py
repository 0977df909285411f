"""A 4:3 brand gives a 4:3 deck whose every shape stays on the slide."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

from summarydeck import api
from summarydeck.ooxml.package_rules import check_package


def test_a_four_by_three_deck_keeps_everything_on_the_slide(
    content_copy: Path, tmp_path: Path
) -> None:
    brand = content_copy / "brand.yaml"
    brand.write_text(brand.read_text() + "  slide_size: '4:3'\n")
    out = tmp_path / "four-three.pptx"
    api.build(content_copy, out)
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (Emu(9144000), Emu(6858000))
    assert b'type="screen4x3"' in prs.part.blob
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (number, shape.name)
    assert check_package(out) == []
