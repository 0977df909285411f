"""A brand's own font (`brand.fonts.files`): checked files with located errors, text measured
and picture charts drawn with them, and the warnings that the audience needs the font.

The font is our own making (tests/fonts/wide_font.py): the bundled Carlito a quarter wider,
renamed "Deckwide Test", so what fits in Calibri does not always fit in it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fonts.wide_font import FAMILY, STRETCH, make_font
from summarydeck import api
from summarydeck.check.rules.font_availability import audience_note
from summarydeck.check.template_rules import review_template
from summarydeck.check.text_metrics import measure_shape
from summarydeck.diagnostics import ContentError, Diagnostic
from summarydeck.model.brand import Brand
from summarydeck.ooxml.reader import read_deck
from summarydeck.ooxml.templates import read_template
from summarydeck.plan import fonts
from summarydeck.plan.measure import paragraph_lines, text_width, wrap_lines
from summarydeck.plan.types import SlidePlan, TextElement
from summarydeck.values import Paragraph, Run

FULL = Path(__file__).parent / "content" / "full"
OLD_FONTS = "  fonts:\n    heading: Arial\n    body: Calibri\n"


@pytest.fixture(scope="session")
def font_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("deckwide")
    for style, name in (("regular", "Regular"), ("bold", "Bold"), ("italic", "Italic")):
        make_font(style, folder / f"DeckwideTest-{name}.ttf")
    return folder


@pytest.fixture(autouse=True)
def _bundled_fonts_after() -> Iterator[None]:
    """Each test leaves the bundled fonts in use, as a build without brand fonts would."""
    yield
    fonts.use_brand_fonts({})


def _content(root: Path, font_dir: Path, fonts_yaml: str | None = None, copy: bool = True) -> Path:
    """tests/content/full with its fonts in `fonts/` and set in Deckwide Test (or `fonts_yaml`)."""
    content = root / "content"
    shutil.copytree(FULL, content)
    if copy:
        (content / "fonts").mkdir()
        for file in font_dir.glob("*.ttf"):
            shutil.copy(file, content / "fonts" / file.name)
    brand = content / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    assert OLD_FONTS in text
    brand.write_text(text.replace(OLD_FONTS, fonts_yaml or _fonts_yaml()), encoding="utf-8")
    return content


def _fonts_yaml(extra: str = "", bold: str = "fonts/DeckwideTest-Bold.ttf") -> str:
    return (
        "  fonts:\n"
        f"    heading: {FAMILY}\n"
        f"    body: {FAMILY}\n"
        "    files:\n"
        f"      {FAMILY}:\n"
        "        regular: fonts/DeckwideTest-Regular.ttf\n"
        f"        bold: {bold}\n" + extra
    )


def _problems(content: Path) -> list[Diagnostic]:
    try:
        _, _, diags = api.plan(content)
    except ContentError as exc:
        return exc.diagnostics
    return diags.items


def _line_of(file: Path, needle: str) -> tuple[int, int]:
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {file}")


# --- measuring -------------------------------------------------------------------------------


def test_text_is_measured_with_the_given_files(tmp_path: Path, font_dir: Path) -> None:
    content = _content(tmp_path, font_dir)
    api.plan(content)  # reading the content puts its fonts in use
    words = "Persistent pain and mental health"
    for bold in (False, True):
        ours = text_width(words, FAMILY, bold, 20)
        calibri = text_width(words, "Calibri", bold, 20)
        assert ours == pytest.approx(calibri * STRETCH, rel=0.01)
    # a line that holds the words in Calibri is too short for them in the brand's font
    para = Paragraph((Run(words),))
    width = text_width(words, "Calibri", False, 24) * 1.1
    assert wrap_lines(para, "Calibri", False, 24, width) == 1
    assert wrap_lines(para, FAMILY, False, 24, width) == 2
    # italic without a file of its own: the upright face's widths, as PowerPoint slants it
    assert "italic" not in (fonts.brand_file(FAMILY, True, True) or fonts.brand_file(FAMILY)).style
    assert text_width(words, FAMILY, True, 20, italic=True) == text_width(words, FAMILY, True, 20)


def test_the_build_fits_text_to_the_given_font(tmp_path: Path, font_dir: Path) -> None:
    calibri_deck, calibri_plans, _ = api.plan(FULL)
    calibri = _lines(calibri_plans, calibri_deck.brand)
    deck, plans, _ = api.plan(_content(tmp_path, font_dir))
    ours = _lines(plans, deck.brand)
    # the same words, a quarter wider: more lines (or smaller type) somewhere, never fewer
    assert sum(ours.values()) > sum(calibri.values())
    assert any(ours[key] > calibri[key] for key in ours.keys() & calibri.keys())


def _lines(plans: list[SlidePlan], brand: Brand) -> dict[tuple[str, str], float]:
    """Each text frame's lines times its size: what grows when its text takes more room."""
    return {
        (plan.id, element.name): sum(paragraph_lines(element, brand, element.style.size))
        * element.style.size
        for plan in plans
        for element in (plan.title, *plan.elements)
        if isinstance(element, TextElement) and element.paragraphs
    }


def test_the_checker_measures_a_deck_in_the_given_font(tmp_path: Path, font_dir: Path) -> None:
    content = _content(tmp_path, font_dir)
    deck = tmp_path / "deck.pptx"
    api.build(content, deck)
    view = read_deck(deck.read_bytes(), str(deck))
    title = view.slides[0].title
    assert title is not None and {r.font for p in title.paragraphs for r in p.runs} == {FAMILY}
    measured = measure_shape(title)
    assert measured is not None  # measured, with the brand's files
    fonts.use_brand_fonts({})  # a deck checked without its content: no files, no metrics
    assert measure_shape(title) is None
    codes = {f.code for f in api.check(None, deck).findings}
    assert {"C203", "C207"} <= codes
    # with the content it was built from, the font is measured again: no C203
    assert "C203" not in {f.code for f in api.check(content, deck).findings}


# --- picture charts --------------------------------------------------------------------------


def test_picture_charts_draw_with_the_given_files(tmp_path: Path, font_dir: Path) -> None:
    from matplotlib import font_manager

    from summarydeck.charts import picture
    from summarydeck.plan.types import ChartElement

    deck, plans, _ = api.plan(_content(tmp_path, font_dir))
    element = next(
        e
        for p in plans
        for e in p.elements
        if isinstance(e, ChartElement) and e.chart.engine == "picture"
    )
    style = picture._style(element, deck.brand)
    assert style["font.family"] == FAMILY
    found = font_manager.fontManager.findfont(font_manager.FontProperties(family=FAMILY))
    assert Path(found) == (deck.content_dir / "fonts" / "DeckwideTest-Regular.ttf").resolve()
    bold = font_manager.FontProperties(family=FAMILY, weight="bold")
    assert Path(font_manager.fontManager.findfont(bold)).name == "DeckwideTest-Bold.ttf"
    ours, _ = picture.render_chart_png(element, deck.brand, None)
    calibri = Brand.model_validate({"name": "x", "fonts": {"heading": "Arial", "body": "Calibri"}})
    calibri = deck.brand.model_copy(update={"fonts": calibri.fonts})
    theirs, _ = picture.render_chart_png(element, calibri, None)
    assert ours != theirs
    # the cached picture depends on the font file's bytes, not only its name
    key = picture._cache_key(element, deck.brand, ["#000000"])
    assert key != picture._cache_key(element, calibri, ["#000000"])


# --- warnings: the audience needs the font ---------------------------------------------------


def test_the_build_warns_once_at_brand_fonts_and_the_brand_can_say_we_know(
    tmp_path: Path, font_dir: Path
) -> None:
    content = _content(tmp_path / "a", font_dir)
    result = api.build(content, tmp_path / "a.pptx")
    warned = [d for d in result.diagnostics if d.code == "W213"]
    assert len(warned) == 1, result.diagnostics
    assert "C207" not in {d.code for d in result.diagnostics}  # W213 has said it
    where = warned[0].location
    assert where is not None and Path(where.file) == content / "brand.yaml"
    assert (where.line, where.column) == _line_of(content / "brand.yaml", "fonts:")
    assert FAMILY in warned[0].message and "audience_has_fonts" in (warned[0].hint or "")

    known = _content(tmp_path / "b", font_dir, _fonts_yaml("    audience_has_fonts: true\n"))
    result = api.build(known, tmp_path / "b.pptx")
    assert [d for d in result.diagnostics if not d.is_error] == []  # a clean build: no warnings
    assert "C207" not in {f.code for f in api.check(known).findings}


def test_check_warns_that_people_need_the_font(tmp_path: Path, font_dir: Path) -> None:
    content = _content(tmp_path, font_dir)
    report = api.check(content)
    found = [f for f in report.findings if f.code == "C207"]
    assert len(found) == 1  # once per font
    finding = found[0]
    assert finding.level.value == "warning"
    assert "PowerPoint does not come with" in finding.message
    # it can measure the font, so it says what Arial, as one stand-in, does to the text
    assert "in Arial, for one, this text is" in finding.message
    assert "install" in (finding.hint or "") and "does not embed" in (finding.hint or "")
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == _line_of(
        content / "brand.yaml", "fonts:"
    )


def test_a_twin_is_told_to_name_its_office_font() -> None:
    message, hint = audience_note("Carlito")
    assert "widths of Calibri" in message and "`Calibri`" in hint


def test_template_check_warns_about_a_theme_font_people_lack(
    tmp_path: Path, font_dir: Path
) -> None:
    deck = tmp_path / "deck.pptx"
    api.build(_content(tmp_path, font_dir), deck)
    info = read_template(deck)
    installed = review_template(info, {}, installed=lambda family: True).findings
    t502 = [f for f in installed if f.code.startswith("T5")]
    assert [f.code for f in t502] == ["T502"]  # heading and body: one font, one finding
    assert FAMILY in t502[0].message and "does not come with" in t502[0].message
    missing = review_template(info, {}, installed=lambda family: False).findings
    assert [f.code for f in missing if f.code.startswith("T5")] == ["T501"]


# --- errors: located, with what was expected and a hint --------------------------------------


def _only(content: Path, code: str) -> Diagnostic:
    problems = _problems(content)
    assert [d.code for d in problems if d.is_error] == [code], problems
    return next(d for d in problems if d.code == code)


def _at(diag: Diagnostic, content: Path, needle: str, line_with: str | None = None) -> None:
    """The diagnostic is at `needle` in brand.yaml (on the line holding `line_with`)."""
    assert diag.location is not None
    assert Path(diag.location.file) == content / "brand.yaml"
    line, column = _line_of(content / "brand.yaml", line_with or needle)
    if line_with is not None:
        column += line_with.index(needle)
    assert (diag.location.line, diag.location.column) == (line, column)


def test_a_missing_file_suggests_the_nearest_name(tmp_path: Path, font_dir: Path) -> None:
    content = _content(tmp_path, font_dir, _fonts_yaml(bold="fonts/DeckwideTest-Bld.ttf"))
    diag = _only(content, "E209")
    assert f"brand.fonts.files.{FAMILY}.bold" in diag.message
    assert "`fonts/DeckwideTest-Bld.ttf` not found" in diag.message
    assert diag.hint == "did you mean `fonts/DeckwideTest-Bold.ttf`?"
    _at(diag, content, "fonts/DeckwideTest-Bld.ttf")


def test_a_file_that_is_not_a_font_is_refused(tmp_path: Path, font_dir: Path) -> None:
    content = _content(tmp_path, font_dir, _fonts_yaml(bold="logo.png"))
    diag = _only(content, "E209")
    assert "`logo.png` is not a font: it is a PNG picture" in diag.message
    assert f"brand.fonts.files.{FAMILY}.bold" in diag.message
    _at(diag, content, "logo.png", line_with="bold: logo.png")


def test_a_file_of_another_family_says_which(tmp_path: Path, font_dir: Path) -> None:
    content = _content(tmp_path, font_dir, _fonts_yaml(bold="fonts/Carlito-Bold.ttf"))
    shutil.copy(fonts.font_file("Carlito", bold=True), content / "fonts" / "Carlito-Bold.ttf")
    diag = _only(content, "E209")
    assert f"is a font of the family `Carlito`, not `{FAMILY}`" in diag.message
    assert "Carlito" in (diag.hint or "")
    _at(diag, content, "fonts/Carlito-Bold.ttf")


def test_a_face_of_another_style_is_refused(tmp_path: Path, font_dir: Path) -> None:
    content = _content(tmp_path, font_dir, _fonts_yaml(bold="fonts/DeckwideTest-Italic.ttf"))
    diag = _only(content, "E209")
    assert f"is the Italic face of {FAMILY}, not its bold face" in diag.message
    _at(diag, content, "fonts/DeckwideTest-Italic.ttf")


def test_a_file_outside_the_content_folder_is_refused(tmp_path: Path, font_dir: Path) -> None:
    outside = (font_dir / "DeckwideTest-Bold.ttf").resolve()
    content = _content(tmp_path, font_dir, _fonts_yaml(bold=str(outside)))
    diag = _only(content, "E209")
    assert "is outside the content folder" in diag.message and "--assets" in (diag.hint or "")


def test_an_assets_folder_may_hold_the_files(
    tmp_path: Path, font_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarydeck.source import assets

    outside = (font_dir / "DeckwideTest-Bold.ttf").resolve()
    content = _content(tmp_path, font_dir, _fonts_yaml(bold=str(outside)))
    monkeypatch.setattr(assets, "_allowed", (font_dir.resolve(),))
    assert [d.code for d in _problems(content) if d.is_error] == []


def test_a_font_without_files_is_an_error_with_the_hint_to_add_them(
    tmp_path: Path, font_dir: Path
) -> None:
    content = _content(
        tmp_path, font_dir, "  fonts:\n    heading: Arial\n    body: Atkinson Hyperlegible\n"
    )
    diag = _only(content, "E203")
    assert "body font `Atkinson Hyperlegible` has no files under `fonts.files`" in diag.message
    assert "brand.fonts" in diag.message
    assert "fonts.files" in (diag.hint or "") and "regular:" in (diag.hint or "")
    _at(diag, content, "Atkinson Hyperlegible")


def test_a_misspelt_office_font_still_gets_did_you_mean(tmp_path: Path, font_dir: Path) -> None:
    content = _content(tmp_path, font_dir, "  fonts:\n    heading: Arail\n    body: Calibri\n")
    diag = _only(content, "E203")
    assert diag.hint == "did you mean `Arial`?"
    _at(diag, content, "Arail")


def _damage(font_file: Path, char: str) -> None:
    """Overwrite the outline of `char`'s glyph with garbage, in place: its bounding box stays,
    its points and instructions do not (a file damaged on a disk, or by a bad converter)."""
    from fontTools.ttLib import TTFont

    data = bytearray(font_file.read_bytes())
    with TTFont(font_file) as font:
        glyph = font.getGlyphID(font.getBestCmap()[ord(char)])
        start, end = font["loca"][glyph], font["loca"][glyph + 1]
        table = font.reader.tables["glyf"].offset
    assert end - start > 10  # an outline to damage, after the header
    data[table + start + 10 : table + end] = b"\xff" * (end - start - 10)
    font_file.write_bytes(bytes(data))


def _with_a_damaged_q(tmp_path: Path, font_dir: Path) -> Path:
    """The content in Deckwide Test, its regular file's `Q` damaged, and a picture chart with
    a category `Q2022`: FreeType stops at that glyph."""
    content = _content(tmp_path, font_dir, _fonts_yaml("    audience_has_fonts: true\n"))
    _damage(content / "fonts" / "DeckwideTest-Regular.ttf", "Q")
    statistics = content / "statistics.yaml"
    text = statistics.read_text(encoding="utf-8")
    picture = text.index("engine: picture")
    categories = "categories: [North, Midlands, South]"
    at = text.index(categories, picture)
    text = text[:at] + "categories: [North, Midlands, Q2022]" + text[at + len(categories) :]
    statistics.write_text(text, encoding="utf-8")
    return content


def test_a_font_with_a_damaged_glyph_is_refused_at_its_file(tmp_path: Path, font_dir: Path) -> None:
    content = _with_a_damaged_q(tmp_path, font_dir)
    diag = _only(content, "E209")
    assert f"brand.fonts.files.{FAMILY}.regular" in diag.message
    assert "is damaged: the glyph for `Q` cannot be read" in diag.message
    assert "download the font again" in (diag.hint or "")
    _at(diag, content, "fonts/DeckwideTest-Regular.ttf")
    # the build stops there, with the error (exit 1), not an internal error (exit 4)
    with pytest.raises(ContentError) as stopped:
        api.build(content, tmp_path / "deck.pptx")
    assert [d.code for d in stopped.value.diagnostics if d.is_error] == ["E209"]


def test_a_picture_chart_freetype_cannot_draw_is_an_error_at_the_font(
    tmp_path: Path, font_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damage the check of the file does not see still stops the build at the font file."""
    from summarydeck.model import brand_fonts

    content = _with_a_damaged_q(tmp_path, font_dir)
    monkeypatch.setattr(brand_fonts, "_damaged_glyph", lambda data, digest: None)
    with pytest.raises(ContentError) as stopped:
        api.build(content, tmp_path / "deck.pptx", cache_dir=tmp_path / "cache")
    errors = [d for d in stopped.value.diagnostics if d.is_error]
    assert [d.code for d in errors] == ["E209"]
    assert "picture chart" in errors[0].message and "failed to load glyph" in errors[0].message
    assert "`fonts/DeckwideTest-Regular.ttf`" in errors[0].message
    assert "engine: picture" in (errors[0].hint or "")
    _at(errors[0], content, "fonts/DeckwideTest-Regular.ttf")


def test_the_font_files_are_part_of_the_content_digest(tmp_path: Path, font_dir: Path) -> None:
    from summarydeck.api.loading import brand_files

    content = _content(tmp_path, font_dir)
    deck, _ = api.load(content)
    assert {p.name for p in brand_files(deck)} >= {
        "DeckwideTest-Regular.ttf",
        "DeckwideTest-Bold.ttf",
    }
