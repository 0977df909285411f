"""A QR code where a slide sends people somewhere: the closing slide draws the code of its `qr:`
address (else its first web link), dark on a light square with a quiet zone, inside the text
margins and clear of the text, with alt text; the same address always gives the same bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from helpers import edit_content
from summarydeck import api
from summarydeck.charts.qr import (
    PIXELS_PER_MODULE,
    QUIET_ZONE,
    qr_alt_text,
    qr_colours,
    qr_matrix,
    qr_png,
)
from summarydeck.model.brand import Brand, Colours
from summarydeck.model.labels import Labels
from summarydeck.plan.grid import Grid
from summarydeck.values import inches

QLAB_ESSAYS = "https://qlabessays.health.org.uk/"
BRAND = Brand(name="Test")


def _modules(png: bytes) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules a scanner would read from the picture, quiet zone
    included: each module sampled at its centre."""
    with Image.open(io.BytesIO(png)) as image:
        grey = image.convert("L")
        size = grey.width
        assert grey.height == size
        step = PIXELS_PER_MODULE
        assert size % step == 0  # whole pixels per module: none blurred
        count = size // step
        return tuple(
            tuple(
                grey.getpixel((x * step + step // 2, y * step + step // 2)) < 128  # type: ignore[operator]
                for x in range(count)
            )
            for y in range(count)
        )


def _without_quiet_zone(modules: tuple[tuple[bool, ...], ...]) -> tuple[tuple[bool, ...], ...]:
    inner = modules[QUIET_ZONE:-QUIET_ZONE]
    return tuple(row[QUIET_ZONE:-QUIET_ZONE] for row in inner)


def test_the_picture_is_the_code_of_the_address_with_a_light_quiet_zone() -> None:
    modules = _modules(qr_png(QLAB_ESSAYS, BRAND))
    assert _without_quiet_zone(modules) == qr_matrix(QLAB_ESSAYS)
    ring = [*modules[:QUIET_ZONE], *modules[-QUIET_ZONE:]]
    ring += [row[:QUIET_ZONE] + row[-QUIET_ZONE:] for row in modules]
    assert not any(any(row) for row in ring)  # the quiet zone is all light
    assert qr_matrix("https://q.health.org.uk/") != qr_matrix(QLAB_ESSAYS)


def test_the_same_address_gives_the_same_bytes() -> None:
    assert qr_png(QLAB_ESSAYS, BRAND) == qr_png(QLAB_ESSAYS, BRAND)
    assert b"tIME" not in qr_png(QLAB_ESSAYS, BRAND)  # no timestamp chunk


def test_the_code_is_dark_on_light_whatever_the_brand() -> None:
    assert qr_colours(BRAND) == (BRAND.colours.text, BRAND.colours.background)
    inverted = Brand(name="Night", colours=Colours(text="#FFFFFF", background="#101010"))
    assert qr_colours(inverted) == ("#000000", "#FFFFFF")
    modules = _modules(qr_png(QLAB_ESSAYS, inverted))
    assert _without_quiet_zone(modules) == qr_matrix(QLAB_ESSAYS)


def test_alt_text_says_it_is_a_qr_code_and_where_it_goes() -> None:
    assert qr_alt_text(QLAB_ESSAYS, Labels()) == "QR code: opens qlabessays.health.org.uk"
    assert qr_alt_text(QLAB_ESSAYS, Labels("cy")) == "Cod QR: yn agor qlabessays.health.org.uk"


def _qr_picture(deck: Path, slide_name: str = "closing") -> tuple[object, object]:
    prs = Presentation(str(deck))
    [slide] = [s for s in prs.slides if s.name == slide_name]
    pictures = [s for s in slide.shapes if s.name == "QR code"]
    return (pictures[0] if pictures else None), slide


def test_the_qlab_closing_slide_has_the_essays_code_inside_the_margins(qlab_deck: Path) -> None:
    picture, slide = _qr_picture(qlab_deck)
    assert picture is not None
    descr = picture._element.nvPicPr.cNvPr.get("descr")  # type: ignore[attr-defined]
    assert descr == "QR code: opens qlabessays.health.org.uk"
    modules = _modules(picture.image.blob)  # type: ignore[attr-defined]
    assert _without_quiet_zone(modules) == qr_matrix(QLAB_ESSAYS)

    grid = Grid.for_size("16:9")
    left, top = picture.left, picture.top  # type: ignore[attr-defined]
    width, height = picture.width, picture.height  # type: ignore[attr-defined]
    assert width == height >= inches(1.6)
    assert grid.margin <= left and left + width <= grid.width - grid.margin
    assert top >= 0 and top + height <= grid.footer.top
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.has_text_frame and shape.text_frame.text.strip():
            apart = (
                shape.left + shape.width <= left
                or left + width <= shape.left
                or shape.top + shape.height <= top
                or top + height <= shape.top
            )
            assert apart, f"the QR code overlaps {shape.name}"
    assert Emu(width).inches == pytest.approx(2.0)


def test_qr_address_defaults_to_the_first_web_link_and_can_be_set_or_left_out(
    content_copy: Path, tmp_path: Path
) -> None:
    deck_yaml = content_copy / "deck.yaml"
    out = api.build(content_copy, tmp_path / "a.pptx").path
    assert out is not None
    picture, _ = _qr_picture(out)  # the e-mail link comes first: the web link is encoded
    assert picture is not None
    descr = picture._element.nvPicPr.cNvPr.get("descr")  # type: ignore[attr-defined]
    assert descr == "QR code: opens example.org"

    edit_content(deck_yaml, "    title: Get involved\n", "    title: Get involved\n    qr: false\n")
    out = api.build(content_copy, tmp_path / "b.pptx").path
    assert out is not None
    assert _qr_picture(out)[0] is None

    edit_content(deck_yaml, "    qr: false\n", "    qr: https://example.org/join\n")
    out = api.build(content_copy, tmp_path / "c.pptx").path
    assert out is not None
    picture, _ = _qr_picture(out)
    assert picture is not None
    modules = _modules(picture.image.blob)  # type: ignore[attr-defined]
    assert _without_quiet_zone(modules) == qr_matrix("https://example.org/join")
