"""The content diagnostic codes (E1xx ... W3xx) have one table, `summarydeck/content_codes.py`:
every code the source passes to a diagnostic is in it and every code in it is used, each has
a section in docs/content-errors.md, and each is produced by a small edit of real content."""

from __future__ import annotations

import ast
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import expand_repeats
from summarydeck import api
from summarydeck.diagnostics import CODES, ContentError, Diagnostic, Diagnostics
from template_factory import wide_169

TESTS = Path(__file__).parent
REPO = TESTS.parent
SRC = REPO / "src" / "summarydeck"
FULL_CONTENT = TESTS / "content" / "full"
BAD_INPUTS = TESTS / "bad_inputs"
DOC = REPO / "docs" / "content-errors.md"

# code -> (severity, title): the table `Diagnostic` checks codes against
TABLE = {code: (entry.severity, entry.title) for code, entry in CODES.items()}
CODE = re.compile(r"[EW]\d{3}")


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


# --- (a) the source uses exactly the codes of the table -----------------------------------


def _constants(node: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def _assigned(tree: ast.Module) -> dict[str, set[str]]:
    """name -> the strings any assignment to it in the module may give (`FIT_CODE = "E401"`,
    `code = "E205" if ... else "E203"`)."""
    found: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                found.setdefault(target.id, set()).update(_constants(value))
    return found


def _diagnostic_calls() -> Iterator[tuple[str, str, str | None]]:
    """(where, method, code) for each `.error(...)`, `.warning(...)` and `Diagnostic(...)` in
    src; code is None when it cannot be read statically."""
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "diagnostics.py":
            continue  # where `.error` and `.warning` are defined, passing their `code` on
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _assigned(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            method = _name(node.func)
            if method not in ("error", "warning", "Diagnostic"):
                continue
            arg = next((k.value for k in node.keywords if k.arg == "code"), None)
            arg = arg or (node.args[0] if node.args else None)
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            if isinstance(arg, ast.Attribute) and arg.attr == "code":
                continue  # a code passed on (a checker finding's C code), checked where made
            if isinstance(arg, ast.Name):
                values = names.get(arg.id, set())
                for value in values:
                    yield where, method, value
                if not values:
                    yield where, method, None
            elif isinstance(arg, ast.Constant | ast.IfExp):
                for value in _constants(arg):
                    yield where, method, value
            else:
                yield where, method, None


CALLS = list(_diagnostic_calls())


def test_every_code_the_source_raises_is_in_the_table_with_its_severity() -> None:
    unreadable = [where for where, _, code in CALLS if code is None]
    assert not unreadable, f"diagnostic codes that are not literals or constants: {unreadable}"
    for where, method, code in CALLS:
        assert code is not None
        if not re.fullmatch(r"[A-Z]\d+", code):
            continue  # some other `.error(...)`, not a diagnostic
        if re.fullmatch(r"C\d{3}", code):
            continue  # a checker finding passed on as a diagnostic: its table is RULES
        assert code in TABLE, f"{where}: {code} is not in content_codes.py"
        severity = TABLE[code][0]
        if method != "Diagnostic":
            assert method == severity, f"{where}: {code} is a {severity}, raised by .{method}"


def test_every_code_in_the_table_is_raised_somewhere_in_the_source() -> None:
    raised = {code for _, _, code in CALLS}
    assert sorted(set(TABLE) - raised) == [], "codes in the table that nothing raises"
    assert all(CODE.fullmatch(code) for code in TABLE)
    assert all(
        severity == ("error" if code[0] == "E" else "warning")
        for code, (severity, _) in TABLE.items()
    )


def test_no_other_code_literal_in_the_source() -> None:
    """A code-like string anywhere in src (a dict of codes, a default argument) is in the table."""
    for path in sorted(SRC.rglob("*.py")):
        for text in _constants(ast.parse(path.read_text(encoding="utf-8"))):
            if CODE.fullmatch(text):
                assert text in TABLE, f"{path.relative_to(SRC)}: {text} is not in the table"


def test_a_code_missing_from_the_table_is_refused() -> None:
    diags = Diagnostics()
    with pytest.raises(ValueError, match="E999"):
        diags.error("E999", "no such code")
    with pytest.raises(ValueError, match="W201"):
        diags.error("W201", "a warning raised as an error")
    with pytest.raises(ValueError, match="E203"):
        diags.warning("E203", "an error raised as a warning")
    with pytest.raises(ValueError, match="X1"):
        Diagnostic("X1", "not a code at all")
    assert diags.items == []
    diags.error("E203", "known")
    diags.warning("W301", "known")
    diags.add(Diagnostic("C201", "a checker finding passed on", severity="warning"))
    assert [d.code for d in diags.items] == ["E203", "W301", "C201"]


# --- (b) the documentation ------------------------------------------------------------------


def _doc_sections() -> dict[str, str]:
    """code -> its heading, for each `### E203 invalid value` in docs/content-errors.md."""
    sections: dict[str, str] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"#{2,4} `?([EW]\d{3})`?\b(.*)", line)
        if match:
            assert match[1] not in sections, f"two sections for {match[1]}"
            sections[match[1]] = match[2].strip(" ·:—-")
    return sections


def test_every_code_has_a_section_in_the_documentation() -> None:
    sections = _doc_sections()
    assert sorted(set(TABLE) - set(sections)) == [], "codes without a section in the doc"
    assert sorted(set(sections) - set(TABLE)) == [], "doc sections for codes not in the table"
    for code, (_, title) in TABLE.items():
        assert sections[code] == title, f"{code}: the doc's heading and the table's title differ"


def test_the_documentation_lists_every_code_in_its_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    for code, (severity, title) in TABLE.items():
        anchor = re.sub(r"[^\w\- ]", "", f"{code} {title}".lower()).replace(" ", "-")
        row = f"| [{code}](#{anchor}) | {severity} | {title} |"
        assert row in text.splitlines(), f"no row `{row}` in the doc's table"


def test_the_documentation_is_linked_from_the_readme_and_the_checks() -> None:
    for page in (REPO / "README.md", REPO / "docs" / "checks.md"):
        assert "content-errors.md" in page.read_text(encoding="utf-8"), page


# --- (c) every code comes from content --------------------------------------------------------

# One small edit of tests/content/full per code, in the format of tests/bad_inputs/ (see its
# README): `case` names one of those files, or `file`/`replace`/`text`/`delete`/`setup` give
# the edit here; `expect` has the file and `at`, the changed text with `^` at the caret.
VARIANT = "variants:\n  {}\n\nslides:\n"
TEMPLATE_LINE = "  name: Test Lab\n  template: brand-template.pptx\n"
CASES: dict[str, dict[str, Any]] = {
    "E100": {"case": "missing_content_folder"},
    "E101": {"case": "yaml_unclosed_quote"},
    "E102": {"case": "mapping_key_is_a_list"},
    "E103": {"case": "yaml_duplicate_key"},
    "E104": {"case": "missing_deck_section"},
    "E105": {"case": "limit_long_word"},
    "E106": {"case": "nonchar_escaped_fffe"},
    "W101": {
        "file": "notes.yaml",
        "text": "# nothing here yet\n",
        "expect": {"file": "notes.yaml"},
    },
    "E201": {"case": "unknown_key_statistic"},
    "E202": {"case": "missing_essay_summary"},
    "E203": {"case": "wrong_type_text_for_number"},
    "E204": {"case": "unknown_slide_kind"},
    "E205": {"case": "invalid_enum_chart_type"},
    "E206": {"case": "missing_reference_statistic"},
    "E207": {"case": "duplicate_slide_id"},
    "E208": {"case": "brand_low_contrast"},
    "E209": {"case": "brand_logo_missing"},
    "E210": {"case": "chart_slide_without_chart"},
    "E211": {
        "file": "deck.yaml",
        "replace": [{"old": "slides:\n", "new": VARIANT.format("Short:\n    max_slides: 10")}],
        "expect": {"file": "deck.yaml", "at": "^Short:"},
    },
    "E212": {
        "file": "deck.yaml",
        "replace": [
            {"old": "slides:\n", "new": VARIANT.format("short:\n    exclude: {tags: [lon]}")}
        ],
        "expect": {"file": "deck.yaml", "at": "tags: [^lon]"},
    },
    "E213": {
        "file": "deck.yaml",
        "replace": [
            {
                "old": "slides:\n",
                "new": VARIANT.format(
                    "none:\n    include: {slides: [title]}\n    exclude: {slides: [title]}"
                ),
            }
        ],
        "expect": {"file": "deck.yaml", "at": "^none:"},
    },
    "E214": {
        "file": "deck.yaml",
        "replace": [
            {
                "old": "  - kind: discussion\n    opportunity: first",
                "new": "  - kind: discussion\n    opportunity: second",
            }
        ],
        "expect": {"file": "opportunities.yaml", "at": "^second:"},
    },
    "E215": {
        "file": "deck.yaml",
        "replace": [{"old": "slides:\n", "new": VARIANT.format("short:\n    max_slides: 10")}],
        "expect": {"file": "deck.yaml", "at": "max_slides: ^10"},
    },
    "E216": {
        "file": "deck.yaml",
        "replace": [
            {
                "old": "slides:\n",
                "new": VARIANT.format(
                    "workshop:\n    discussion: true\n    exclude: {slides: [second, third]}"
                ),
            },
            {
                "old": "  - kind: discussion\n    opportunity: first",
                "new": "  - kind: section\n    id: first-discussion\n    title: Discussion",
            },
        ],
        "expect": {"file": "deck.yaml", "at": "  - ^kind: section\n    id: first-discussion"},
    },
    "W201": {
        "file": "deck.yaml",
        "replace": [  # an agenda, but no section slides for it to list
            {"old": "  - kind: section\n    id: part-numbers\n", "new": "  - kind: bullets\n"},
            {"old": "    subtitle: Statistics and charts\n", "new": "    points: [Charts]\n"},
            {"old": "  - kind: section\n    id: part-essays\n", "new": "  - kind: bullets\n"},
            {"old": "    title: The essays\n", "new": "    title: The essays\n    points: [Two]\n"},
        ],
        "expect": {"file": "deck.yaml", "at": "  - ^kind: agenda"},
    },
    "W202": {
        "file": "deck.yaml",
        "replace": [
            {
                "old": "title: Pictured, one person in every four",
                "new": "title: One in four of us has a mental health problem each year",
            }
        ],
        "expect": {"file": "deck.yaml", "at": "  - ^kind: chart\n    statistic: one-in-four\n"},
    },
    "W203": {
        "file": "deck.yaml",
        "replace": [{"old": "  - kind: sources\n", "new": ""}],
        "expect": {"file": "deck.yaml", "at": "^slides:"},
    },
    "W204": {
        "file": "quotes.yaml",
        "replace": [
            {
                "old": "    status: confirmed\n",
                "new": "    status: confirmed\n    check: Ask who said it.\n",
            }
        ],
        "expect": {"file": "quotes.yaml", "at": "^check: Ask"},
    },
    "W212": {  # confirmed with a fingerprint that no longer matches what it claims
        "file": "statistics.yaml",
        "replace": [
            {
                "old": "    source: report-b\n    status: confirmed\n",
                "new": "    source: report-b\n    status: confirmed\n"
                "    confirmed_as: 0000-0000-0000-0000-0000\n",
            }
        ],
        "expect": {"file": "statistics.yaml", "at": "^headline: 1 in 4"},
    },
    "W208": {  # a source's address too long to type, with no short_url
        "file": "sources.yaml",
        "replace": [
            {
                "old": "url: https://example.org/report-a",
                "new": "url: https://example.org/reports/2019/a-test-report-on-mental-health-and-persistent-pain",
            }
        ],
        "expect": {"file": "sources.yaml", "at": "url: ^https://example.org/reports/"},
    },
    "W211": {  # a second source with the first one's address, written with a trailing slash
        "file": "sources.yaml",
        "replace": [
            {
                "old": "    year: 1992",
                "new": "    year: 1992\n    url: HTTPS://Example.org/report-a/",
            }
        ],
        "expect": {"file": "sources.yaml", "at": "url: ^HTTPS://Example.org/report-a/"},
    },
    "W205": {
        "file": "deck.yaml",
        "replace": [
            {
                "old": "slides:\n",
                "new": VARIANT.format(
                    "workshop:\n    discussion: true\n    exclude: {slides: [third]}"
                ),
            }
        ],
        "expect": {"file": "opportunities.yaml", "at": "^second:"},
    },
    "W210": {  # a title too long for two lines at 32 pt: every title steps down with it
        "file": "deck.yaml",
        "replace": [
            {
                "old": "    title: What we learned\n",
                "new": "    title: What we learned from the teams who tested new ways of "
                "working with people who live with both conditions in their own services\n",
            }
        ],
        "expect": {"file": "deck.yaml", "at": "    title: ^What we learned from the teams"},
    },
    "W209": {  # a workshop that starts at a set time, one section without its minutes
        "file": "deck.yaml",
        "replace": [
            {"old": "slides:\n", "new": VARIANT.format('workshop:\n    start: "09:30"')},
            {"old": "    id: part-numbers\n", "new": "    id: part-numbers\n    minutes: 10\n"},
        ],
        "expect": {"file": "deck.yaml", "at": "  - ^kind: section\n    id: part-essays"},
    },
    "E219": {  # a label with a placeholder it cannot use
        "file": "deck.yaml",
        "replace": [
            {"old": "slides:\n", "new": "labels:\n  continued: '{titel} (more)'\nslides:\n"}
        ],
        "expect": {"file": "deck.yaml", "at": "  continued: ^'{titel} (more)'"},
    },
    "W214": {  # a language with no built-in labels, and none given
        "file": "deck.yaml",
        "replace": [{"old": "  language: en-GB\n", "new": "  language: fr\n"}],
        "expect": {"file": "deck.yaml", "at": "  language: ^fr"},
    },
    "W215": {  # "two opportunities" in a deck of three
        "file": "deck.yaml",
        "replace": [
            {"old": "    title: What we learned\n", "new": "    title: Two opportunities\n"}
        ],
        "expect": {"file": "deck.yaml", "at": "    title: ^Two opportunities"},
    },
    "E217": {
        "file": "brand.yaml",
        "replace": [
            {"old": "  name: Test Lab\n", "new": "  name: Test Lab\n  template: ours.potx\n"}
        ],
        "expect": {"file": "brand.yaml", "at": "template: ^ours.potx"},
    },
    "W206": {  # a template whose layouts all have names of their own, and no mapping
        "setup": "template:wide",
        "file": "brand.yaml",
        "replace": [{"old": "  name: Test Lab\n", "new": TEMPLATE_LINE}],
        "expect": {"file": "brand.yaml", "at": "template: ^brand-template.pptx"},
    },
    "W207": {  # every layout ours, but a body font summarydeck cannot measure
        "setup": "template:odd-font",
        "file": "brand.yaml",
        "replace": [
            {"old": "  name: Test Lab\n", "new": TEMPLATE_LINE},
            {"old": "  fonts:\n    heading: Arial\n    body: Calibri\n", "new": ""},
        ],
        "expect": {"file": "brand.yaml", "at": "template: ^brand-template.pptx"},
    },
    "W213": {  # a font PowerPoint does not come with (a bundled twin: no font files needed)
        "file": "brand.yaml",
        "replace": [{"old": "    body: Calibri\n", "new": "    body: Carlito\n"}],
        "expect": {"file": "brand.yaml", "at": "  ^fonts:\n    heading: Arial"},
    },
    "E301": {"case": "link_javascript"},
    "W301": {
        "file": "deck.yaml",
        "replace": [
            {
                "old": "body: Share this deck with colleagues.",
                "new": "body: Share this deck with ~~everyone~~ colleagues.",
            }
        ],
        "expect": {"file": "deck.yaml", "at": "body: ^Share this deck"},
    },
    "E401": {
        "file": "deck.yaml",
        "replace": [
            {
                "old": "body: Staff may not feel confident to talk about mental health.",
                "new": "body: " + "Staff may not feel confident to talk about it. " * 20,
            }
        ],
        "expect": {"file": "deck.yaml", "at": "body: ^Staff may"},
    },
}


def _case(code: str) -> dict[str, Any]:
    case = dict(CASES[code])
    if "case" in case:  # a case of tests/bad_inputs, used as it is
        case |= yaml.safe_load((BAD_INPUTS / f"{case['case']}.yaml").read_text(encoding="utf-8"))
        assert case["expect"]["code"] == code
        assert case.get("errors", 1) == 1, "pick a bad input with only the one error"
    return case


def _edited_content(case: dict[str, Any], root: Path) -> Path:
    content = root / "content"
    shutil.copytree(FULL_CONTENT, content)
    if case.get("setup") == "missing-folder":
        shutil.rmtree(content)
    elif case.get("setup") == "template:wide":
        wide_169(content / "brand-template.pptx")
    elif case.get("setup") == "template:odd-font":
        _odd_font_template(content / "brand-template.pptx", root / "built")
    elif case.get("setup") is not None:
        raise ValueError(f"setup {case['setup']!r} is not used here")
    for name in case.get("delete", []):
        (content / name).unlink()
    if "file" in case:
        target = content / case["file"]
        text = expand_repeats(case.get("text") or "") or (
            target.read_text(encoding="utf-8") if target.exists() else ""
        )
        for change in case.get("replace", []):
            assert text.count(change["old"]) == 1, f"{change['old']!r}: not exactly once"
            text = text.replace(change["old"], expand_repeats(change["new"]))
        target.write_bytes(text.encode(case.get("encoding", "utf-8")))
    return content


ODD_FONT = b'minorFont><a:latin typeface="Segoe UI"'


def _odd_font_template(target: Path, scratch: Path) -> None:
    """Our own deck used as a template (every layout we look for), its body font changed to
    one summarydeck has no metrics for."""
    deck = scratch / "deck.pptx"
    api.build(FULL_CONTENT, deck)
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("ppt/theme/"):
                data = data.replace(
                    b'<a:minorFont><a:latin typeface="Calibri"',
                    b'<a:minorFont><a:latin typeface="Segoe UI"',
                )
            out.writestr(item, data)


def _reported(content: Path) -> list[Diagnostic]:
    try:
        _, _, diags = api.plan(content)
    except ContentError as exc:
        return exc.diagnostics
    return diags.items


def _line(file: Path, at: str, nth: int | None = None) -> tuple[int, int]:
    """(line, column) of the `^` in `at`, a piece of the file that occurs there only (or that
    is its `nth` occurrence)."""
    caret = max(at.find("^"), 0)
    needle = at.replace("^", "", 1)
    text = file.read_bytes().decode("utf-8", errors="replace")
    starts = [i for i in range(len(text)) if text.startswith(needle, i)]
    assert nth or len(starts) == 1, f"{needle!r} occurs {len(starts)} times in {file}"
    offset = starts[(nth or 1) - 1] + caret
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize("code", sorted(TABLE))
def test_each_code_is_reported_at_its_place_by_an_edit_of_the_content(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert code in CASES, f"no content edit produces {code}: add one to CASES"
    case = _case(code)
    monkeypatch.chdir(tmp_path)  # diagnostics name files relative to the working folder
    content = _edited_content(case, tmp_path)
    reported = _reported(Path("content"))
    assert {d.code for d in reported} == {code}, reported
    mine = [d for d in reported if d.code == code]
    assert len(mine) == 1, mine
    diag = mine[0]
    assert diag.severity == TABLE[code][0]
    expect = case["expect"]
    file = content / expect["file"] if expect["file"] != "." else content
    assert diag.location is not None
    assert Path(diag.location.file) == file.relative_to(tmp_path), diag
    if "at" in expect:
        assert (diag.location.line, diag.location.column) == _line(
            file, expect["at"], expect.get("nth")
        ), diag
    else:
        assert diag.location.line == 0, diag  # the file or folder as a whole


def test_every_case_is_for_a_code_of_the_table() -> None:
    assert sorted(set(CASES) - set(TABLE)) == []
