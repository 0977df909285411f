"""`summarydeck template inspect` and `template check`: organisations' PowerPoint templates read
as plain data, annotated layout by layout, and checked for what building a deck onto them needs.

Every template is made here with python-pptx (its default template is 4:3, with PowerPoint's
eleven layouts), then edited as a designer or another tool might have left it."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Emu, Inches

from helpers import content_types, zip_of
from summarydeck import api
from summarydeck.check import system_fonts
from summarydeck.check.template_rules import review_template
from summarydeck.cli import cli
from summarydeck.diagnostics import OutputError
from summarydeck.layouts.deck_layouts import template_needs
from summarydeck.ooxml import package_rules
from summarydeck.ooxml.opening import OTHER_KINDS, open_presentation
from summarydeck.ooxml.templates import TemplateError, open_template, read_template
from summarydeck.values import Box

WIDE = (12_192_000, 6_858_000)  # 13.33 x 7.5 in
PRESENTATION_TYPE = b"presentationml.presentation.main+xml"
TEMPLATE_TYPE = b"presentationml.template.main+xml"
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
# the needs of a deck with a title slide, sections, bullets and two columns, by the names
# the 16:9 template's renamed layouts carry
WIDE_NEEDS = {
    "Title": ["title", "subtitle"],
    "Section": ["title"],
    "Title and text": ["title", "body"],
    "Two columns": ["title", "body", "right"],
}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def _rewrite(path: Path, member: str, edit: Callable[[bytes], bytes]) -> Path:
    """Edit one part of a package in place, as another tool would have written it."""
    with zipfile.ZipFile(path) as source:
        items = [(item, source.read(item.filename)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item, data in items:
            target.writestr(item, edit(data) if item.filename == member else data)
    return path


def _as_potx(pptx: Path, potx: Path) -> Path:
    """A .potx: the same package, its main part typed as a template's."""
    potx.write_bytes(pptx.read_bytes())
    return _rewrite(
        potx, "[Content_Types].xml", lambda t: t.replace(PRESENTATION_TYPE, TEMPLATE_TYPE)
    )


def _layout(prs: Any, name: str) -> Any:
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def _placeholder(layout: Any, idx: int) -> Any:
    return next(ph for ph in layout.placeholders if ph.placeholder_format.idx == idx)


def _without_blank(prs: Any) -> Any:
    """PowerPoint's Blank layout has no title (T203): left out of the clean templates."""
    prs.slide_layouts.remove(_layout(prs, "Blank"))
    return prs


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in the test's folder, so messages name files as a user typed them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def four_three(here: Path) -> Path:
    """python-pptx's own template, 4:3, saved as a .pptx with no slides."""
    path = here / "classic.pptx"
    _without_blank(Presentation()).save(path)
    return Path(path.name)


@pytest.fixture
def wide(here: Path) -> Path:
    """A 16:9 template (.potx) whose layouts carry the names summarydeck's kinds use."""
    prs = _without_blank(Presentation())
    prs.slide_width, prs.slide_height = Emu(WIDE[0]), Emu(WIDE[1])
    for old, new in [
        ("Title Slide", "Title"),
        ("Section Header", "Section"),
        ("Title and Content", "Title and text"),
        ("Two Content", "Two columns"),
    ]:
        _layout(prs, old).name = new
    prs.save(here / "wide.pptx")
    return Path(_as_potx(here / "wide.pptx", here / "brand.potx").name)


@pytest.fixture
def flawed(here: Path) -> Path:
    """A 4:3 template with one of each flaw the check finds."""
    prs = _without_blank(Presentation())
    title_only = _layout(prs, "Title Only")
    title = _placeholder(title_only, 0)._element
    title.getparent().remove(title)
    content = _placeholder(_layout(prs, "Title and Content"), 1)
    content.left, content.top, content.width, content.height = Inches(1), Inches(2), 0, Inches(3)
    right = _placeholder(_layout(prs, "Two Content"), 2)
    right.left = prs.slide_width - Inches(2)  # 4.42 in wide: 2.42 in past the right edge
    lost = _placeholder(_layout(prs, "Comparison"), 4)
    lost.top = prs.slide_height + Inches(1)
    _placeholder(_layout(prs, "Section Header"), 1).text_frame.text = "Lorem ipsum dolor sit amet"
    date = next(ph for ph in prs.slide_master.placeholders if ph.placeholder_format.idx == 2)
    date.text_frame.text = "12/03/2021"
    prs.save(here / "flawed.pptx")
    _rewrite(
        here / "flawed.pptx",
        "ppt/theme/theme1.xml",
        lambda xml: xml.replace(
            b'<a:majorFont><a:latin typeface="Calibri"/>',
            b'<a:majorFont><a:latin typeface="Nonexistent Sans"/>',
        ),
    )
    return Path(_as_potx(here / "flawed.pptx", here / "flawed.potx").name)


WORD = zip_of(
    {
        "[Content_Types].xml": content_types("wordprocessingml.document.main"),
        "word/document.xml": b"<w:document/>",
    }
)


# --- reading a template ----------------------------------------------------------------------


def test_a_4_3_template_is_read_through_the_master(four_three: Path) -> None:
    info = api.inspect_template(four_three)
    assert (info.name, info.width, info.height) == ("classic.pptx", 9_144_000, 6_858_000)
    assert (info.is_template, info.slide_count) == (False, 0)
    [master] = info.masters
    assert master.name == "Office Theme"  # the theme's name: the master has none of its own
    assert [(p.type, p.idx, p.size) for p in master.placeholders] == [
        ("title", 0, 44.0),
        ("body", 1, 32.0),
        ("dt", 2, 12.0),
        ("ftr", 3, 12.0),
        ("sldNum", 4, 12.0),
    ]
    assert [(layout.index, layout.name) for layout in master.layouts][:3] == [
        (1, "Title Slide"),
        (2, "Title and Content"),
        (3, "Section Header"),
    ]
    title_slide, title_and_content, section = master.layouts[:3]
    # its own box, and the size of the master's title style
    assert title_slide.placeholders[0] == api.PlaceholderInfo(
        "ctrTitle", 0, "Title 1", Box(685_800, 2_130_425, 7_772_400, 1_470_025), 44.0
    )
    # no box of its own: the master placeholder's (by type; the layout's idx is 10, not 2)
    date = title_slide.placeholders[2]
    assert (date.type, date.idx, date.inherits_box) == ("dt", 10, True)
    assert date.box == master.placeholders[2].box
    # the master's body style, through a content placeholder (type obj) with no box of its own
    content = title_and_content.placeholders[1]
    assert (content.type, content.size, content.box) == ("obj", 32.0, master.placeholders[1].box)
    # the layout's own list style wins over the master's
    assert (section.placeholders[0].size, section.placeholders[1].size) == (40.0, 20.0)
    # PowerPoint's prompts ("Click to edit Master title style") are not sample text
    assert not any(layout.has_sample_text for layout in master.layouts)
    assert info.colours == {
        "dk1": "#000000",
        "lt1": "#FFFFFF",
        "dk2": "#1F497D",
        "lt2": "#EEECE1",
        "accent1": "#4F81BD",
        "accent2": "#C0504D",
        "accent3": "#9BBB59",
        "accent4": "#8064A2",
        "accent5": "#4BACC6",
        "accent6": "#F79646",
        "hlink": "#0000FF",
        "folHlink": "#800080",
    }
    assert (info.major_font, info.minor_font) == ("Calibri", "Calibri")


def test_a_potx_opens_as_a_template(wide: Path) -> None:
    with zipfile.ZipFile(wide) as package:
        assert TEMPLATE_TYPE in package.read("[Content_Types].xml")
    with pytest.raises(Exception, match="not a PowerPoint file"):
        Presentation(str(wide))  # what python-pptx says of a .potx on its own
    assert len(open_template(wide).slide_layouts) == 10
    info = api.inspect_template(wide)
    assert (info.is_template, info.width, info.height) == (True, *WIDE)
    assert [layout.name for layout in info.layouts][:4] == [
        "Title",
        "Title and text",
        "Section",
        "Two columns",
    ]


def test_a_system_colour_is_read_as_its_last_colour(four_three: Path) -> None:
    _rewrite(
        four_three,
        "ppt/theme/theme1.xml",
        lambda xml: xml.replace(b'lastClr="000000"', b'lastClr="112233"'),
    )
    assert read_template(four_three).colours["dk1"] == "#112233"


# --- files that are not templates --------------------------------------------------------------

NOT_TEMPLATES = [
    (WORD, "it is a Word document (.docx)"),
    (b"\x00\x17 random bytes \xff" * 40, "it is not a .pptx package"),
    (OLE_HEADER, "it is password-protected, or an old binary .pot or .ppt file"),
    (
        zip_of({"[Content_Types].xml": content_types("presentationml.slideshow.main")}),
        "it is a slide show (.ppsx), not a template: open it in PowerPoint and save it as a "
        "PowerPoint Template (.potx)",
    ),
    (zip_of({"readme.txt": b"hello"}), "it is a zip file, but has no presentation in it"),
]
NOT_TEMPLATE_IDS = ["word", "random-bytes", "password", "slide-show", "no-presentation"]


@pytest.mark.parametrize(("data", "said"), NOT_TEMPLATES, ids=NOT_TEMPLATE_IDS)
def test_a_file_that_is_not_a_template_is_named_for_what_it_is(
    here: Path, data: bytes, said: str
) -> None:
    given = Path("given.potx")
    given.write_bytes(data)
    message = f"given.potx: cannot be read as a PowerPoint template: {said}"
    with pytest.raises(TemplateError) as caught:
        api.inspect_template(given)
    assert str(caught.value) == message
    # the check reports it, as `check` reports a file that is not a deck
    report = api.check_template(given)
    assert [(f.code, f.level, f.message) for f in report.findings] == [
        ("T101", api.Severity.ERROR, message)
    ]
    code, output = _run("template", "inspect", "given.potx")
    assert code == 3
    assert output.startswith(f"error: {message}\n")
    code, output = _run("template", "check", "given.potx")
    assert code == 1
    assert output.startswith(f"given.potx: error T101 unreadable: {message}\n")
    assert output.endswith("given.potx: checked 0 masters, 0 layouts: 1 error\n")
    assert "Traceback" not in output and "not a PowerPoint file" not in output


def test_a_missing_file_or_a_folder_is_said_plainly(here: Path) -> None:
    with pytest.raises(TemplateError, match=r"^gone\.potx: no such template$"):
        api.inspect_template(Path("gone.potx"))
    with pytest.raises(
        TemplateError, match=r"^\.: not a file \(a \.potx or \.pptx template is needed\)$"
    ):
        api.inspect_template(Path("."))
    for command in ("inspect", "check"):
        code, output = _run("template", command, "gone.potx")
        assert code == 2 and "does not exist" in output
        code, output = _run("template", command, ".")
        assert code == 2 and "is a directory" in output


def test_the_deck_kinds_still_speak_of_a_deck(here: Path) -> None:
    """The template's words are its own: a .potx given as a deck is still refused as one."""
    assert "presentationml.template.main" in OTHER_KINDS
    Path("t.potx").write_bytes(b"\x00" * 10)
    with pytest.raises(api.TemplateError) as template:
        api.inspect_template(Path("t.potx"))
    with pytest.raises(Exception) as deck:
        open_presentation(Path("t.potx"))
    assert "PowerPoint template" in str(template.value) and "PowerPoint deck" in str(deck.value)


def test_a_presentation_is_not_a_template(wide: Path, four_three: Path) -> None:
    with_slides = Presentation(str(four_three))
    with_slides.slides.add_slide(with_slides.slide_layouts[0])
    with_slides.slides.add_slide(with_slides.slide_layouts[1])
    with_slides.save("slides.pptx")
    report = api.check_template(Path("slides.pptx"), {})
    assert [(f.code, f.level, f.message, f.hint) for f in report.findings] == [
        (
            "T102",
            api.Severity.WARNING,
            "it is a presentation with 2 slides, not a template",
            "delete its slides and save it as a PowerPoint Template (.potx)",
        )
    ]
    # no slides: it works as a template, and is noted
    [note] = api.check_template(four_three, {}).findings
    assert (note.code, note.level) == ("T102", api.Severity.INFO)
    assert api.check_template(wide, {}).findings == []


# --- the check -------------------------------------------------------------------------------


def _found(report: api.TemplateReport) -> list[tuple[str, str, str, str]]:
    return [(f.code, str(f.level), f.where, f.message) for f in report.findings]


def test_a_template_that_has_what_the_deck_needs_has_no_findings(wide: Path) -> None:
    report = api.check_template(wide, WIDE_NEEDS)
    assert report.findings == []
    assert (report.masters, report.layouts) == (1, 10)
    assert report.summary() == "checked 1 master, 10 layouts: no findings"
    assert not report.failed(strict=True)


def test_missing_layouts_and_placeholders_say_who_needs_them(wide: Path) -> None:
    needs = {**WIDE_NEEDS, "Title Only": ["title", "body"], "Quote": ["title", "body"]}
    used_by = {"Title Only": ["statistic", "chart"], "Quote": ["quote"]}
    report = api.check_template(wide, needs, used_by=used_by)
    # a build still works without them (and warns), so they are warnings, in the order of `needs`
    assert _found(report) == [
        (
            "T202",
            "warning",
            "master `Office Theme` › layout `Title Only`",
            "the layout has no body placeholder, which the slide kinds `statistic` and `chart` "
            "need (a placeholder of type body or obj or subTitle): the slides get a text box "
            "of their own instead",
        ),
        (
            "T201",
            "warning",
            "",
            "no layout `Quote`, which the slide kind `quote` needs (with placeholders: "
            "title, body): a deck built onto the template uses summarydeck's own for those "
            "slides",
        ),
    ]
    assert report.findings[1].hint == (
        "add a layout named `Quote` (PowerPoint: View › Slide Master › Insert Layout, then "
        "Rename Layout), or map one of the template's onto it in `brand.layouts`"
    )
    assert not report.failed() and report.failed(strict=True)


def test_a_needed_layout_without_a_title_is_said_once(flawed: Path) -> None:
    """Its slides cannot use it (the build gives them summarydeck's own): T202 names who needs
    it, and T203 does not say it again."""
    report = api.check_template(flawed, {"Title Only": ["title"]})
    assert [f for f in _found(report) if f[0].startswith("T2")] == [
        (
            "T202",
            "warning",
            "master `Office Theme` › layout `Title Only`",
            "the layout has no title placeholder, which the deck needs (a placeholder of type "
            "title or ctrTitle): the slides get summarydeck's own layout instead",
        )
    ]


def test_a_missing_layout_suggests_the_closest_that_fits(four_three: Path) -> None:
    """`Title` is nearer `Title Only` by spelling, but only `Title Slide` has a subtitle."""
    report = api.check_template(
        four_three, {"Title": ["title", "subtitle"], "two columns": ["title", "body", "right"]}
    )
    hints = [f.hint for f in report.findings if f.code == "T201"]
    assert hints == [
        "did you mean `Title Slide`? Rename it `Title` (PowerPoint: View › Slide Master, "
        "right-click the layout › Rename Layout), or map it in `brand.layouts` "
        "(`Title: Title Slide`)",
        "did you mean `Two Content`? Rename it `two columns` (PowerPoint: View › Slide Master, "
        "right-click the layout › Rename Layout), or map it in `brand.layouts` "
        "(`two columns: Two Content`)",
    ]
    # names are matched as a person reads them: case and spacing aside
    assert not [
        f
        for f in api.check_template(four_three, {"title  only": ["title"]}).findings
        if f.code.startswith("T2")
    ]


def test_every_flaw_is_found_where_it_is(flawed: Path) -> None:
    report = api.check_template(flawed, {"Title Slide": ["title", "subtitle"]})
    master = "master `Office Theme`"
    assert _found(report) == [
        (
            "T203",
            "warning",
            f"{master} › layout `Title Only`",
            "the layout has no title placeholder: slides made on it have no title for screen "
            "readers, the outline or the slide list",
        ),
        (
            "T301",
            "error",
            f"{master} › layout `Title and Content` › placeholder `Content Placeholder 2` "
            "(obj idx=1)",
            "the placeholder is 0.00 in wide and 3.00 in high: text put in it cannot be seen",
        ),
        (
            "T302",
            "error",
            f"{master} › layout `Two Content` › placeholder `Content Placeholder 3` (obj idx=2)",
            "the placeholder reaches past the slide's right edge (at 8.00 in, 1.75 in, "
            "4.42 in x 4.95 in; the slide is 10.00 in x 7.50 in)",
        ),
        (
            "T302",
            "error",
            f"{master} › layout `Comparison` › placeholder `Content Placeholder 5` (obj idx=4)",
            "the placeholder lies wholly outside the slide (at 5.08 in, 8.50 in, 4.42 in x "
            "4.32 in; the slide is 10.00 in x 7.50 in)",
        ),
        (
            "T402",
            "warning",
            f"{master} › placeholder `Date Placeholder 3` (dt idx=2)",
            "the date placeholder holds the fixed text “12/03/2021”, which every slide that "
            "shows the date would repeat, on every layout that takes its date from the master",
        ),
        (
            "T401",
            "warning",
            f"{master} › layout `Section Header` › placeholder `Text Placeholder 2` (body idx=1)",
            "the placeholder holds sample text “Lorem ipsum dolor sit amet”, not a prompt",
        ),
        (
            "T501",
            "warning",
            master,
            "the theme's heading font `Nonexistent Sans` is not installed here, and summarydeck "
            "has no metric-compatible font for it: text in it is shown in a substitute font and "
            "cannot be measured",
        ),
    ]
    assert report.summary() == "checked 1 master, 10 layouts: 3 errors, 4 warnings"
    info = api.inspect_template(flawed)
    section = next(layout for layout in info.layouts if layout.name == "Section Header")
    assert section.has_sample_text
    assert info.major_font == "Nonexistent Sans"


def test_a_custom_prompt_is_not_sample_text(four_three: Path) -> None:
    prs = Presentation(str(four_three))
    body = _placeholder(_layout(prs, "Section Header"), 1)
    body.text_frame.text = "Say what the section is about"
    prs.save(str(four_three))
    assert [f.code for f in api.check_template(four_three, {}).findings] == ["T102", "T401"]
    body._element.find(".//{*}ph").set("hasCustomPrompt", "1")
    prs.save(str(four_three))
    assert [f.code for f in api.check_template(four_three, {}).findings] == ["T102"]


def test_an_installed_theme_font_is_not_reported(
    flawed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(system_fonts, "installed_families", lambda: frozenset({"nonexistent sans"}))
    assert "T501" not in {f.code for f in api.check_template(flawed, {}).findings}
    # a family we measure with a bundled twin is fine installed or not
    info = read_template(flawed)
    assert [f.code for f in review_template(info, {}, installed=lambda _: False).findings].count(
        "T501"
    ) == 1  # Nonexistent Sans; Calibri (the body font) has Carlito


def test_installed_fonts_are_read_from_font_files() -> None:
    bundled = Path(system_fonts.__file__).parent.parent / "fonts"
    assert system_fonts.families_in([bundled]) == {"Carlito", "Caladea", "Liberation Sans"}
    assert system_fonts.families_in([bundled / "nowhere"]) == set()


def test_unknown_roles_are_a_programming_error(wide: Path) -> None:
    with pytest.raises(ValueError, match="unknown placeholder roles"):
        api.check_template(wide, {"Title": ["heading"]})


def test_the_needs_come_from_the_registered_layouts() -> None:
    """What `template check` asks of a template is what the build fills: every layout our
    kinds use, each with the roles of its placeholders, every role one the check knows."""
    from summarydeck.check.template_rules import ROLE_TYPES
    from summarydeck.layouts.registry import kinds

    needs = template_needs()
    assert {kind for _, used in needs.values() for kind in used} == set(kinds())
    assert needs["Two columns"][0] == ("title", "body", "right")
    assert needs["Cards"][0] == ("title",)
    for roles, used in needs.values():
        assert used and set(roles) <= set(ROLE_TYPES)


# --- the command line ---------------------------------------------------------------------------


def test_inspect_prints_masters_layouts_placeholders_and_theme(wide: Path) -> None:
    code, output = _run("template", "inspect", "brand.potx")
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0] == "Master 1: Office Theme"
    assert lines[1].split() == ["type", "idx", "name", "left", "top", "width", "height", "size"]
    assert (
        lines[2] == "    title     0  Title Placeholder 1         0.50  0.30   9.00    1.25  44 pt"
    )
    assert "  Layout 1: Title" in lines
    title_layout = lines[lines.index("  Layout 1: Title") + 2 :][:2]
    assert title_layout == [
        "    ctrTitle    0  Title 1                     0.75  2.33   8.50    1.61  44 pt",
        "    subTitle    1  Subtitle 2                  1.50  4.25   7.00    1.92  32 pt",
    ]
    assert (
        "    dt         10  Date Placeholder 3          0.50  6.95   2.33    0.40  12 pt  "
        "box from the master"
    ) in lines
    assert "  Layout 10: Vertical Title and Text" in lines
    assert "Theme colours: dk1 #000000  lt1 #FFFFFF  dk2 #1F497D  lt2 #EEECE1" in lines
    assert "Theme fonts: headings Calibri, body Calibri" in lines
    assert lines[-1] == (
        "brand.potx: a PowerPoint template, 13.33 x 7.50 in, 1 master, 10 layouts, "
        "60 placeholders, no slides"
    )


def test_inspect_as_json(wide: Path) -> None:
    code, output = _run("template", "inspect", "brand.potx", "--format", "json")
    assert code == 0
    data = json.loads(output)
    assert (data["name"], data["width"], data["is_template"]) == ("brand.potx", WIDE[0], True)
    layout = data["masters"][0]["layouts"][0]
    assert (layout["name"], layout["index"]) == ("Title", 1)
    assert layout["placeholders"][0] == {
        "type": "ctrTitle",
        "idx": 0,
        "name": "Title 1",
        "box": {"left": 685_800, "top": 2_130_425, "width": 7_772_400, "height": 1_470_025},
        "size": 44.0,
        "inherits_box": False,
        "sample_text": "",
        "left_inset": 91_440,  # PowerPoint's default 0.1 in: the grid lines up with its text
    }
    assert data["colours"]["accent1"] == "#4F81BD" and data["annotated"] is None


def test_check_prints_each_finding_located_and_exits_1(flawed: Path) -> None:
    code, output = _run("template", "check", "flawed.potx")
    assert code == 1
    blocks = output.strip().split("\n\n")
    assert (
        "flawed.potx: error T301 zero-size: master `Office Theme` › layout `Title and Content` "
        "› placeholder `Content Placeholder 2` (obj idx=1): the placeholder is 0.00 in wide "
        "and 3.00 in high: text put in it cannot be seen\n"
        "  hint: give it a size, or delete it"
    ) in blocks
    assert (
        "flawed.potx: warning T201 missing-layout: no layout `Section`, which the slide kind "
        "`section` needs (with placeholders: title, body): a deck built onto the template uses "
        "summarydeck's own for those slides\n"
        "  hint: did you mean `Section Header`? Rename it `Section` (PowerPoint: View › Slide "
        "Master, right-click the layout › Rename Layout), or map it in `brand.layouts` "
        "(`Section: Section Header`)"
    ) in blocks
    assert blocks[-1] == f"flawed.potx: {api.check_template(flawed).summary()}"
    assert "Traceback" not in output


def test_check_as_json(flawed: Path) -> None:
    code, output = _run("template", "check", "flawed.potx", "--format", "json")
    assert code == 1
    data = json.loads(output)
    assert data["template"] == "flawed.potx" and data["passed"] is False
    [font] = [f for f in data["findings"] if f["code"] == "T501"]
    assert font == {
        "code": "T501",
        "name": "unknown-font",
        "severity": "warning",
        "master": "Office Theme",
        "layout": None,
        "placeholder": None,
        "message": font["message"],
        "hint": "use a font summarydeck can measure (Arial, Caladea, Calibri, Cambria, Carlito, "
        "Liberation Sans) in the theme, or install `Nonexistent Sans` on every machine that "
        "builds or shows the deck",
    }
    report = api.check_template(flawed)
    assert data["summary"] == {
        "errors": report.count(api.Severity.ERROR),
        "warnings": report.count(api.Severity.WARNING),
        "info": 0,
    }
    assert data["summary"]["errors"] == 3  # zero size, past the edge, wholly off the slide


def test_warnings_fail_the_check_only_with_strict(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template with the layouts every kind needs, and one warning: a fixed date."""
    prs = Presentation()
    layouts = prs.slide_layouts
    for name, (roles, _) in template_needs().items():
        source = layouts[0] if "subtitle" in roles else layouts[3]  # Two Content
        copy = _copy_layout(prs, source)
        copy.name = name
    for old in list(layouts)[:11]:
        layouts.remove(old)
    date = next(ph for ph in prs.slide_master.placeholders if ph.placeholder_format.idx == 2)
    date.text_frame.text = "1 April 2024"
    prs.save("ours.pptx")
    _as_potx(Path("ours.pptx"), Path("ours.potx"))
    code, output = _run("template", "check", "ours.potx")
    assert code == 0, output
    assert output.splitlines()[0].startswith("ours.potx: warning T402 fixed-date: ")
    assert output.splitlines()[-1] == "ours.potx: checked 1 master, 20 layouts: 1 warning"
    code, _ = _run("template", "check", "ours.potx", "--strict")
    assert code == 1


def _copy_layout(prs: Any, source: Any) -> Any:
    """A new layout of the master with `source`'s shapes (python-pptx has no such call)."""
    import copy

    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import SlideLayoutPart

    master = prs.slide_master
    number = len(list(prs.part.package.iter_parts())) + 1
    part = SlideLayoutPart.load(
        PackURI(f"/ppt/slideLayouts/slideLayout{number}.xml"),
        source.part.content_type,
        prs.part.package,
        source.part.blob,
    )
    part.relate_to(master.part, RT.SLIDE_MASTER)
    rid = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    id_list = master._element.get_or_add_sldLayoutIdLst()
    new = copy.deepcopy(id_list[0])
    new.set("id", str(max(int(e.get("id")) for e in id_list) + 1))
    new.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rid)
    id_list.append(new)
    return part.slide_layout


# --- the annotated deck ----------------------------------------------------------------------


@pytest.fixture
def with_sample_slides(wide: Path) -> Iterator[Path]:
    """The 16:9 template with two sample slides in a section, as PowerPoint's own templates
    come."""
    prs = open_template(wide)
    for layout in list(prs.slide_layouts)[:2]:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = "Sample slide"
    ids = [s.slide_id for s in prs.slides]
    prs.save("samples.pptx")
    sections = (
        '<p:extLst><p:ext uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"><p14:sectionLst '
        'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main"><p14:section '
        'name="Samples" id="{B6A9B5D3-3E33-4C2D-9F3E-6E4A7F0B1C2D}"><p14:sldIdLst>'
        + "".join(f'<p14:sldId id="{i}"/>' for i in ids)
        + "</p14:sldIdLst></p14:section></p14:sectionLst></p:ext></p:extLst>"
    )
    _rewrite(
        Path("samples.pptx"),
        "ppt/presentation.xml",
        lambda xml: xml.replace(b"</p:presentation>", sections.encode() + b"</p:presentation>"),
    )
    yield _as_potx(Path("samples.pptx"), Path("samples.potx"))


def test_annotate_writes_one_labelled_slide_per_layout(with_sample_slides: Path) -> None:
    info = api.inspect_template(with_sample_slides)
    assert info.slide_count == 2
    out = Path("layouts.pptx")
    assert api.annotate_template(with_sample_slides, out) == 10
    prs = open_presentation(out)
    assert len(prs.slides) == len(info.layouts) == 10  # the sample slides are left out
    assert (prs.slide_width, prs.slide_height) == WIDE
    for slide, layout in zip(prs.slides, info.layouts, strict=True):
        assert slide.slide_layout.name == layout.name
        texts = {ph.placeholder_format.idx: ph.text_frame.text for ph in slide.placeholders}
        # every placeholder, the date, footer and slide number too
        assert set(texts) == {p.idx for p in layout.placeholders}
        for placeholder in layout.placeholders:
            want = layout.name if placeholder.type in ("title", "ctrTitle") else placeholder.label
            assert texts[placeholder.idx] == want
    first = {ph.placeholder_format.idx: ph.text_frame.text for ph in prs.slides[0].placeholders}
    assert first[0] == "Title"
    assert first[1] == "subTitle idx=1 · Subtitle 2 · 7.00 x 1.92 in"
    assert first[10] == "dt idx=10 · Date Placeholder 3 · 2.33 x 0.40 in"
    with zipfile.ZipFile(out) as package:
        assert b"sectionLst" not in package.read("ppt/presentation.xml")
        assert PRESENTATION_TYPE in package.read("[Content_Types].xml")
    assert package_rules.check_package(out) == []


def test_annotate_is_byte_identical_each_time(wide: Path) -> None:
    api.annotate_template(wide, Path("a.pptx"))
    api.annotate_template(wide, Path("b.pptx"))
    assert Path("a.pptx").read_bytes() == Path("b.pptx").read_bytes()


def test_annotate_on_the_command_line(wide: Path) -> None:
    code, output = _run("template", "inspect", "brand.potx", "--annotate", "out/layouts.pptx")
    assert code == 0, output  # the folder is made, as `build --out` makes it
    assert output.splitlines()[-1] == "Annotated: out/layouts.pptx: 10 slides, one per layout"
    assert output.splitlines()[0] == "Master 1: Office Theme"
    assert len(open_presentation(Path("out/layouts.pptx")).slides) == 10
    Path("blocked").write_text("a file where the folder would be")
    code, output = _run("template", "inspect", "brand.potx", "--annotate", "blocked/l.pptx")
    assert code == 3
    assert output.startswith("error: cannot write blocked/l.pptx: ")
    assert output.rstrip().endswith("; nothing was written")
    code, output = _run("template", "inspect", "brand.potx", "--annotate", "layouts.potx")
    assert code == 2 and "the annotated deck is a .pptx" in output
    code, output = _run("template", "inspect", "brand.potx", "--annotate", "brand.potx")
    assert code == 2


def test_annotate_never_replaces_the_template(wide: Path) -> None:
    copy = Path("copy.pptx")
    copy.write_bytes(wide.read_bytes())
    before = copy.read_bytes()
    with pytest.raises(OutputError) as caught:  # exit status 3
        api.annotate_template(copy, Path("./copy.pptx"))
    assert "would replace the template itself" in str(caught.value)
    assert copy.read_bytes() == before
    code, output = _run("template", "inspect", "copy.pptx", "--annotate", "copy.pptx")
    assert code == 3 and "would replace the template itself; nothing was written" in output
    assert re.search(r"hint: give --annotate another file name", output)


def test_check_follows_the_brand_files_mapping(here: Path) -> None:
    """With `--map OURS=THEIRS` (the brand file's `layouts:`), a layout of another name that
    plays ours is not reported missing, and a name that is not ours is a usage error."""
    from template_factory import WIDE_MAPPING, wide_169

    wide_169(here / "ours.pptx")

    def missing_layouts(output: str) -> set[str]:
        found = json.loads(output)["findings"]
        return {f["message"].split("`")[1] for f in found if f["code"] == "T201"}

    code, plain = _run("template", "check", "ours.pptx", "--format", "json")
    missing = missing_layouts(plain)
    assert {"Title", "Section", "Title and text", "Two columns"} <= missing
    maps = [arg for ours, theirs in WIDE_MAPPING.items() for arg in ("--map", f"{ours}={theirs}")]
    code, mapped = _run("template", "check", "ours.pptx", "--format", "json", *maps)
    still = missing_layouts(mapped)
    assert not still & {*WIDE_MAPPING, *WIDE_MAPPING.values()}, still
    assert still == missing - set(WIDE_MAPPING)
    code, output = _run("template", "check", "ours.pptx", "--map", "Titel=Cover")
    assert code == 2 and "did you mean `Title`?" in output
