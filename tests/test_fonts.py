"""The bundled metric-twin fonts: every brand font resolves to a file inside the package."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PIL import ImageFont

import summarydeck
from summarydeck.model.brand import SUPPORTED_FONTS, Brand
from summarydeck.plan.fonts import METRIC_TWINS, font_file
from summarydeck.plan.measure import text_height, text_width, wrap_lines
from summarydeck.plan.types import TextElement, TextStyle
from summarydeck.values import EMU_PER_PT, Box, Paragraph, Run, inches

PACKAGE_FONTS = Path(summarydeck.__file__).resolve().parent / "fonts"
REPO = Path(__file__).parent.parent
STYLES = [(False, False), (True, False), (False, True), (True, True)]
TWIN_NAMES = {"Calibri": "Carlito", "Arial": "Liberation Sans", "Cambria": "Caladea"}


def test_every_supported_family_has_a_twin() -> None:
    assert set(METRIC_TWINS) == set(SUPPORTED_FONTS)


@pytest.mark.parametrize("family", SUPPORTED_FONTS)
@pytest.mark.parametrize(("bold", "italic"), STYLES)
def test_every_family_and_style_resolves_to_a_bundled_file(
    family: str, bold: bool, italic: bool
) -> None:
    path = font_file(family, bold, italic)
    assert path.is_file()
    assert path.suffix == ".ttf"
    assert path.parent == PACKAGE_FONTS  # inside the package, not /usr/share/fonts
    assert not str(path).startswith("/usr/")


@pytest.mark.parametrize("office", sorted(TWIN_NAMES))
@pytest.mark.parametrize(("bold", "italic"), STYLES)
def test_each_file_is_the_face_it_claims_to_be(office: str, bold: bool, italic: bool) -> None:
    name, style = ImageFont.truetype(str(font_file(office, bold, italic)), 12).getname()
    assert name == TWIN_NAMES[office]
    expected = ("Bold " if bold else "") + ("Italic" if italic else "")
    assert (style or "").strip() == (expected.strip() or "Regular")
    # the Office name and the twin's own name give the same file
    assert font_file(office, bold, italic) == font_file(TWIN_NAMES[office], bold, italic)


def test_the_licences_and_readme_ship_with_the_fonts() -> None:
    licences = (PACKAGE_FONTS / "LICENSES.md").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licences
    for family in ("Carlito", "Liberation", "Caladea"):
        assert family in licences
    assert "fonts-crosextra-carlito" in (PACKAGE_FONTS / "README.md").read_text(encoding="utf-8")


def test_the_fonts_are_package_data() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = pyproject["tool"]["setuptools"]["package-data"]["summarydeck"]
    assert {"fonts/*.ttf", "fonts/*.md"} <= set(package_data)


def test_italic_is_measured_with_the_italic_face() -> None:
    text = "Journal of Pain Research, volume 14"
    # Caladea italic is about 2% narrower than upright; Liberation Sans keeps Arial's widths
    assert text_width(text, "Cambria", False, 20, italic=True) < text_width(
        text, "Cambria", False, 20
    )
    assert text_width(text, "Arial", False, 20, italic=True) == text_width(text, "Arial", False, 20)
    upright = text_width(text, "Cambria", False, 20)
    between = upright - 1  # too narrow for the upright line, wide enough for the italic one
    assert wrap_lines(Paragraph((Run(text),)), "Cambria", False, 20, between) == 2
    assert wrap_lines(Paragraph((Run(text, italic=True),)), "Cambria", False, 20, between) == 1
    # an italic frame style counts too
    assert wrap_lines(Paragraph((Run(text),)), "Cambria", False, 20, between, italic=True) == 1


def test_an_italic_frame_style_reaches_the_measurement() -> None:
    brand = Brand.model_validate({"name": "t", "fonts": {"heading": "Cambria", "body": "Cambria"}})
    text = "Journal of Pain Research, volume 14"
    inset = inches(0.1)
    width_emu = int((text_width(text, "Cambria", False, 20) - 1) * EMU_PER_PT) + 2 * inset
    paragraphs = (Paragraph((Run(text),)),)
    box = Box(0, 0, width_emu, inches(2))
    upright = TextElement("t", box, paragraphs, TextStyle(20), inset=inset)
    italic = TextElement("t", box, paragraphs, TextStyle(20, italic=True), inset=inset)
    assert text_height(italic, brand, 20) < text_height(upright, brand, 20)


@pytest.mark.slow  # a build in a fresh Python process
def test_planning_and_building_need_no_system_fonts_or_fc_match(
    full_content: Path, tmp_path: Path
) -> None:
    """With PATH empty fc-match cannot run; measuring and the picture chart still work."""
    script = f"""
import shutil
from pathlib import Path
from summarydeck import api
from summarydeck.plan.measure import text_width
assert shutil.which("fc-match") is None
deck, plans, diags = api.plan(Path({str(full_content)!r}))
assert plans
for family in {list(SUPPORTED_FONTS)!r}:
    assert text_width("Persistent pain", family, True, 20) > 0
result = api.build(Path({str(full_content)!r}), Path({str(tmp_path / "deck.pptx")!r}),
                   Path({str(tmp_path / "cache")!r}))
print(result.slides)
"""
    env = dict(os.environ, PATH="", MPLCONFIGDIR=str(tmp_path / "mpl"))
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "deck.pptx").is_file()
    assert list((tmp_path / "cache").glob("*.png"))  # the picture chart was drawn


def test_a_missing_font_file_is_a_clear_error_naming_the_file_and_its_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from summarydeck.diagnostics import OutputError
    from summarydeck.plan import fonts

    monkeypatch.setattr(fonts, "FONT_DIR", tmp_path)
    fonts.font_file.cache_clear()
    try:
        with pytest.raises(OutputError) as caught:
            fonts.font_file("Calibri", bold=True)
    finally:
        fonts.font_file.cache_clear()
    message = str(caught.value)
    assert "Carlito-Bold.ttf" in message
    assert "fonts-crosextra-carlito" in message
    assert str(tmp_path) not in message  # no machine paths in messages


def test_a_missing_font_file_stops_the_build_with_exit_3(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, full_content: Path
) -> None:
    from click.testing import CliRunner

    from summarydeck.cli import cli
    from summarydeck.plan import fonts, measure

    monkeypatch.setattr(fonts, "FONT_DIR", tmp_path)
    fonts.font_file.cache_clear()
    measure._font.cache_clear()
    measure._coverage.cache_clear()
    measure._reference_width.cache_clear()
    try:
        result = CliRunner().invoke(
            cli, ["build", "--content", str(full_content), "--out", str(tmp_path / "x.pptx")]
        )
    finally:
        for cached in (fonts.font_file, measure._font, measure._coverage, measure._reference_width):
            cached.cache_clear()
    assert result.exit_code == 3, result.output
    assert "font file" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.pptx").exists()
