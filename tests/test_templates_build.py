"""Decks built onto an organisation's own template (brand.template, brand.layouts): its
layouts, placeholders, theme and fonts; its sample slides dropped; what it lacks filled by
our own layouts with a warning; every problem with it reported at the brand file's line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

from conftest import QLAB_CONTENT
from helpers import edit_content
from summarydeck import api
from summarydeck.api.loading import brand_files
from summarydeck.diagnostics import ContentError
from summarydeck.ooxml.names import A_NS, qn
from summarydeck.output.guard import disk_state
from template_factory import CLASSIC_LAYOUTS, WIDE_MAPPING, classic_43, content_on_template


def _theme(deck: Path) -> tuple[dict[str, str], str, str]:
    prs = Presentation(str(deck))
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    scheme = theme.find(f".//{{{A_NS}}}clrScheme")
    colours = {
        slot.tag.split("}")[1]: slot[0].get("val") or slot[0].get("lastClr") for slot in scheme
    }
    fonts = theme.find(f".//{{{A_NS}}}fontScheme")
    major = fonts.find(f"{{{A_NS}}}majorFont/{{{A_NS}}}latin").get("typeface")
    minor = fonts.find(f"{{{A_NS}}}minorFont/{{{A_NS}}}latin").get("typeface")
    return colours, major, minor


def _texts(deck: Path) -> str:
    return " ".join(
        run.text
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for run in p.runs
    )


@pytest.mark.parametrize("deck", ["qlab_on_classic", "qlab_on_wide"])
def test_the_qlab_deck_builds_onto_each_template_and_passes_check(
    deck: str, request: pytest.FixtureRequest, qlab_deck: Path
) -> None:
    path: Path = request.getfixturevalue(deck)
    report = api.check(None, path)
    assert report.findings == [], [f"{f.code} {f.slide_id}: {f.message}" for f in report.findings]
    ours = Presentation(str(qlab_deck))
    theirs = Presentation(str(path))

    # every slide of the deck (a template's text area may continue a long list on one slide
    # more or fewer), and nothing of the template's own sample slide
    def entries(prs: Any) -> set[str]:
        return {re.sub(r"-\d+$", "", s.name) for s in prs.slides}

    assert entries(ours) == entries(theirs)
    assert abs(len(theirs.slides) - len(ours.slides)) <= 2
    assert "Sample slide the designer left in" not in _texts(path)
    assert "Delete me" not in _texts(path)


def test_the_4_3_template_gives_its_size_theme_and_fonts(qlab_on_classic: Path) -> None:
    prs = Presentation(str(qlab_on_classic))
    assert int(prs.slide_width or 0) * 3 == int(prs.slide_height or 0) * 4
    colours, major, minor = _theme(qlab_on_classic)
    assert colours["dk2"] == "0B3D2E" and colours["accent1"] == "1E7B5A"
    assert (major, minor) == ("Cambria", "Calibri")


def test_layouts_it_has_are_used_by_name_and_the_rest_are_ours(qlab_on_classic: Path) -> None:
    prs = Presentation(str(qlab_on_classic))
    used = {s.slide_layout.name for s in prs.slides}
    assert set(CLASSIC_LAYOUTS.values()) - {"Two columns"} <= used  # no two-column slide
    # what the template lacks is ours, added to its master beside its own layouts
    names = [layout.name for layout in prs.slide_master.slide_layouts]
    assert {"Chart", "Quote", "Cards"} <= set(names)
    assert "Comparison" in names  # the template's own layouts stay, for its users


def test_the_warning_names_the_layouts_the_template_lacks(tmp_path: Path) -> None:
    content = content_on_template(QLAB_CONTENT, tmp_path / "content", "classic")
    result = api.build(content, tmp_path / "deck.pptx")
    warnings = [d for d in result.diagnostics if d.code == "W206"]
    assert len(warnings) == 1
    message = warnings[0].message
    assert "`Chart`" in message and "`Quote`" in message and "`Title`" not in message
    assert warnings[0].location is not None and warnings[0].location.line == 4  # template:


def test_a_mapping_puts_kinds_on_the_templates_own_layouts(qlab_on_wide: Path) -> None:
    prs = Presentation(str(qlab_on_wide))
    by_slide = {s.name: s.slide_layout.name for s in prs.slides}
    assert by_slide["title"] == WIDE_MAPPING["Title"] == "Cover"
    assert by_slide["why-it-matters"] == "Divider"
    assert by_slide["project-in-brief"] == "Content"
    assert by_slide["agenda"] == "Heading only"
    # its title placeholder holds the title; no empty placeholder is left on any slide
    for slide in prs.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
        for placeholder in slide.placeholders:
            assert placeholder.text_frame.text.strip(), (slide.name, placeholder.name)


def test_text_in_a_template_placeholder_keeps_its_colours_and_fonts(qlab_on_wide: Path) -> None:
    prs = Presentation(str(qlab_on_wide))
    slide = next(s for s in prs.slides if s.name == "project-in-brief")
    body = next(p for p in slide.placeholders if p.name == "Body")
    for run in body.text_frame.paragraphs[0].runs:
        props = run._r.rPr
        assert props.find(qn("a:solidFill")) is None and props.find(qn("a:latin")) is None
        assert props.get("sz")  # the size the text was fitted at


def test_the_brand_file_overrides_the_templates_colours(tmp_path: Path) -> None:
    content = content_on_template(QLAB_CONTENT, tmp_path / "content", "classic")
    edit_content(
        content / "brand.yaml",
        "  template:",
        '  colours:\n    primary: "#5A1E6B"\n  template:',
    )
    api.build(content, tmp_path / "deck.pptx")
    colours, major, _ = _theme(tmp_path / "deck.pptx")
    assert colours["dk2"] == "5A1E6B"  # the brand's
    assert colours["accent1"] == "1E7B5A" and major == "Cambria"  # the template's


def test_builds_onto_a_template_are_byte_identical(tmp_path: Path) -> None:
    content = content_on_template(QLAB_CONTENT, tmp_path / "content", "wide")
    first, second = tmp_path / "a" / "deck.pptx", tmp_path / "b" / "deck.pptx"
    api.build(content, first)
    api.build(content, second)
    assert first.read_bytes() == second.read_bytes()


def test_the_guard_sees_a_hand_edit_in_a_template_placeholder(tmp_path: Path) -> None:
    content = content_on_template(QLAB_CONTENT, tmp_path / "content", "wide")
    deck = tmp_path / "deck.pptx"
    api.build(content, deck)
    prs = Presentation(str(deck))
    prs.save(str(deck))  # saved again, unchanged: not an edit
    assert disk_state(deck).safe
    slide = next(s for s in prs.slides if s.name == "project-in-brief")
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "Edited by hand"
    prs.save(str(deck))
    state = disk_state(deck)
    assert not state.safe and "project-in-brief" in " ".join(state.changed)


def test_a_changed_template_changes_the_content_hash(tmp_path: Path) -> None:
    content = content_on_template(QLAB_CONTENT, tmp_path / "content", "classic")
    deck, _ = api.load(content)
    before = api.content_hash(content, outside=brand_files(deck))
    template = content / "brand-template.potx"
    template.write_bytes(template.read_bytes() + b"\0")  # a zip with trailing bytes still opens
    assert api.content_hash(content, outside=brand_files(deck)) != before


# --- a template that cannot be used: located errors, nothing written ---


def _errors(content: Path, out: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        api.build(content, out)
    assert not out.exists()
    return [f"{d.location}: {d.code} {d.message} ({d.hint})" for d in caught.value.diagnostics]


@pytest.fixture
def classic(tmp_path: Path) -> Path:
    return content_on_template(QLAB_CONTENT, tmp_path / "content", "classic")


def test_a_missing_template_is_an_error_at_its_line(classic: Path, tmp_path: Path) -> None:
    (classic / "brand-template.potx").unlink()
    errors = _errors(classic, tmp_path / "out.pptx")
    assert any(
        "brand.yaml:4:" in e and "E217" in e and "`brand-template.potx` not found" in e
        for e in errors
    ), errors


def test_a_file_that_is_not_a_template_is_an_error(classic: Path, tmp_path: Path) -> None:
    (classic / "brand-template.potx").write_text("not a presentation", encoding="utf-8")
    errors = _errors(classic, tmp_path / "out.pptx")
    assert any("E217" in e and "template" in e for e in errors), errors
    assert not any("Traceback" in e or "Package not found" in e for e in errors)


def test_a_mapping_onto_a_layout_it_lacks_says_did_you_mean(
    tmp_path: Path,
) -> None:
    content = content_on_template(QLAB_CONTENT, tmp_path / "content", "wide")
    edit_content(content / "brand.yaml", "Two columns: Side by side", "Two columns: Side-by-side")
    edit_content(content / "brand.yaml", "    Cards: Heading only", "    Card: Heading only")
    errors = _errors(content, tmp_path / "out.pptx")
    assert any(
        "no layout `Side-by-side`" in e and "did you mean `Side by side`" in e for e in errors
    )
    assert any("`Card` is not one of summarydeck's layouts" in e and "`Cards`" in e for e in errors)


def test_a_failed_build_leaves_the_earlier_deck(classic: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pptx"
    api.build(classic, out)
    before = out.read_bytes()
    (classic / "brand-template.potx").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(ContentError):
        api.build(classic, out)
    assert out.read_bytes() == before


def test_a_template_of_another_slide_size_is_an_error(classic: Path, tmp_path: Path) -> None:
    odd = Presentation()
    odd.slide_width, odd.slide_height = Emu(9_144_000), Emu(5_143_500)  # 16:9 at 10 in wide
    odd.save(str(classic / "small.pptx"))
    edit_content(classic / "brand.yaml", "template: brand-template.potx", "template: small.pptx")
    errors = _errors(classic, tmp_path / "out.pptx")
    assert any(
        "brand.yaml:4:" in e and "its slides are 10.00 x 5.62 in" in e and "Widescreen" in e
        for e in errors
    ), errors


def _title_of(prs: Any, layout: str) -> Any:
    found = next(x for x in prs.slide_layouts if x.name == layout)
    return found, next(p for p in found.placeholders if p.placeholder_format.idx == 0)


def _zero_size_title(prs: Any) -> None:
    _, title = _title_of(prs, "Title and text")
    title.left, title.top, title.width, title.height = title.left, title.top, 0, 0


def _no_title(prs: Any) -> None:
    _, title = _title_of(prs, "Section")
    title.element.getparent().remove(title.element)


def test_a_layout_without_a_title_falls_back_with_a_warning(classic: Path, tmp_path: Path) -> None:
    classic_43(classic / "brand-template.potx", _no_title)
    result = api.build(classic, tmp_path / "out.pptx")
    warning = next(d for d in result.diagnostics if d.code == "W206")
    assert "`Section` (it has no title placeholder of a size on the slide)" in warning.message
    assert result.check is not None and not result.check.failed()
    prs = Presentation(str(tmp_path / "out.pptx"))
    slide = next(s for s in prs.slides if s.name == "why-it-matters")
    assert slide.slide_layout.name == "Section" and slide.shapes.title is not None
    assert slide.shapes.title.text_frame.text == "Why this matters"


def test_a_placeholder_of_no_size_is_an_error_at_the_template_line(
    classic: Path, tmp_path: Path
) -> None:
    classic_43(classic / "brand-template.potx", _zero_size_title)
    errors = _errors(classic, tmp_path / "out.pptx")
    assert any(
        "brand.yaml:4:" in e
        and "placeholders of no size: `Title 1` on layout `Title and text`" in e
        and "template check" in e
        for e in errors
    ), errors
