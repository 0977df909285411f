"""Errors that point at the field (issue 16): one error for one typo, YAML hints at the line
that caused them, slides counted from 1, the contrast caret on the edited colour, and two
sources with one address.

Each test edits a copy of tests/content/full, validates it, and checks the diagnostic's code,
file, line, column and the field it names. The expected place is found in the edited file
(`_at`), so the tests keep working while others add lines to the content set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import edit_content
from summarydeck.api.loading import load_deck
from summarydeck.diagnostics import Diagnostic, Diagnostics
from summarydeck.source.yaml_loader import dotted

FULL_CONTENT = Path(__file__).parent / "content" / "full"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # diagnostics name files relative to the working folder
    shutil.copytree(FULL_CONTENT, tmp_path / "content")
    return Path("content")


def _diagnostics(content: Path) -> list[Diagnostic]:
    diags = Diagnostics()
    load_deck(content, diags)
    return diags.items


def _at(file: Path, piece: str, nth: int = 1) -> tuple[int, int]:
    """(line, column) of the `^` in `piece` (or its start) at its nth place in the file."""
    caret = piece.index("^") if "^" in piece else 0
    text = file.read_text(encoding="utf-8")
    start = -1
    for _ in range(nth):
        start = text.index(piece.replace("^", "", 1), start + 1)
    index = start + caret
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _only(items: list[Diagnostic], code: str) -> Diagnostic:
    found = [d for d in items if d.code == code]
    assert len(found) == 1, [f"{d.location}: {d.code} {d.message}" for d in items]
    return found[0]


def _assert_place(diagnostic: Diagnostic, file: Path, piece: str, nth: int = 1) -> None:
    assert diagnostic.location is not None
    assert diagnostic.location.file == str(file)
    line, column = _at(file, piece, nth)
    assert (diagnostic.location.line, diagnostic.location.column) == (line, column), (
        diagnostic.message
    )


# --- 1. one error for one typo ----------------------------------------------------------------


def test_a_misspelt_required_key_is_one_error_at_the_misspelling(content: Path) -> None:
    file = content / "statistics.yaml"
    edit_content(file, "    headline: 1 in 4\n", "    headlin: 1 in 4\n")
    items = _diagnostics(content)
    assert [d.code for d in items if d.is_error] == ["E201"]
    error = items[0]
    assert error.message == "unknown key `headlin`: did you mean `headline`?"
    assert error.hint is not None and "statistics.one-in-four" in error.hint
    _assert_place(error, file, "^headlin: 1 in 4")


def test_a_misspelt_opportunity_title_is_one_error(content: Path) -> None:
    file = content / "opportunities.yaml"
    edit_content(file, "    title: Help clinicians", "    titel: Help clinicians")
    items = _diagnostics(content)
    assert [d.code for d in items if d.is_error] == ["E201"]
    assert items[0].message == "unknown key `titel`: did you mean `title`?"
    _assert_place(items[0], file, "^titel: Help clinicians")


def test_an_unknown_key_unlike_the_missing_one_keeps_both_errors(content: Path) -> None:
    file = content / "statistics.yaml"
    edit_content(file, "    headline: 1 in 4\n", "    colour: red\n")
    items = _diagnostics(content)
    assert sorted(d.code for d in items if d.is_error) == ["E201", "E202"]
    unknown = _only(items, "E201")
    assert unknown.message == "unknown key `colour` in statistics.one-in-four"
    _assert_place(unknown, file, "^colour: red")
    missing = _only(items, "E202")
    assert "missing required key `headline`" in missing.message


def test_a_misspelt_kind_is_one_error_at_the_misspelling(content: Path) -> None:
    file = content / "deck.yaml"
    edit_content(file, "  - kind: agenda\n", "  - knd: agenda\n")
    items = _diagnostics(content)
    error = _only(items, "E201")
    assert [d.code for d in items if d.is_error] == ["E201"]
    assert error.message == "unknown key `knd`: did you mean `kind`?"
    assert error.hint is not None and "slide 2 needs `kind`" in error.hint
    _assert_place(error, file, "  - ^knd: agenda")


def test_a_slide_id_is_not_taken_for_a_misspelt_kind(content: Path) -> None:
    file = content / "deck.yaml"
    edit_content(file, "  - kind: section\n    id: part-numbers\n", "  - id: part-numbers\n")
    error = _only(_diagnostics(content), "E202")
    assert error.message == "slide 3: missing required key `kind`"
    _assert_place(error, file, "  - ^id: part-numbers")


# --- 2. YAML structure hints ------------------------------------------------------------------


def test_a_list_item_indented_less_than_its_list(content: Path) -> None:
    file = content / "opportunities.yaml"
    edit_content(
        file, "      - Mentoring for complex cases\n", "    - Mentoring for complex cases\n"
    )
    error = _only(_diagnostics(content), "E101")
    assert error.message == (
        "YAML syntax error: this list item is indented differently from the items above it"
    )
    _assert_place(error, file, "    ^- Mentoring for complex cases")
    start, _ = _at(file, "      - Training shaped by focus groups")
    assert error.hint is not None
    assert f"the list that starts on line {start} (their `-` is at column 7)" in error.hint


def test_a_storyboard_entry_indented_one_space_more(content: Path) -> None:
    file = content / "deck.yaml"
    edit_content(file, "  - kind: agenda\n", "   - kind: agenda\n")
    error = _only(_diagnostics(content), "E101")
    assert "indented differently from the items above it" in error.message
    _assert_place(error, file, "   ^- kind: agenda")
    start, _ = _at(file, "  - kind: title")
    assert error.hint is not None and f"starts on line {start} " in error.hint


def test_an_unclosed_bracket_is_reported_where_it_opens(content: Path) -> None:
    file = content / "deck.yaml"
    edit_content(file, "  keywords: [test, summarydeck]\n", "  keywords: [test, summarydeck\n")
    error = _only(_diagnostics(content), "E101")
    assert error.message == "YAML syntax error: this `[` is never closed"
    _assert_place(error, file, "  keywords: ^[test")
    line, _ = _at(file, "  keywords: [test")
    assert error.hint == f"close it with `]` after its last item, on line {line}"


def test_an_unclosed_list_over_two_lines_is_closed_after_its_last_item(content: Path) -> None:
    """The hint names the line of the list's last item, not the line it opens on."""
    file = content / "deck.yaml"
    edit_content(
        file,
        "  keywords: [test, summarydeck]\n",
        "  keywords: [your topic,\n    summary, another\n  # a comment\n\n",
    )
    error = _only(_diagnostics(content), "E101")
    assert error.message == "YAML syntax error: this `[` is never closed"
    _assert_place(error, file, "  keywords: ^[your topic")
    line, _ = _at(file, "    summary, another")
    assert error.hint == f"close it with `]` after its last item, on line {line}"


def test_an_unclosed_brace_at_the_end_of_a_file(content: Path) -> None:
    file = content / "quotes.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "  extra: {a: 1, b: [2, 3]\n")
    error = _only(_diagnostics(content), "E101")
    assert error.message == "YAML syntax error: this `{` is never closed"
    _assert_place(error, file, "  extra: ^{a: 1")


def test_a_missing_comma_in_a_closed_list_is_not_an_unclosed_bracket(content: Path) -> None:
    file = content / "deck.yaml"
    edit_content(file, "  keywords: [test, summarydeck]\n", '  keywords: [test, "a" b]\n')
    error = _only(_diagnostics(content), "E101")
    assert "never closed" not in error.message
    _assert_place(error, file, '  keywords: [test, "a" ^b]')


def test_a_list_over_two_lines_closed_on_the_second_is_not_unclosed(content: Path) -> None:
    file = content / "deck.yaml"
    edit_content(file, "  keywords: [test, summarydeck]\n", '  keywords: [test,\n    "a" b]\n')
    error = _only(_diagnostics(content), "E101")
    assert "never closed" not in error.message
    _assert_place(error, file, '    "a" ^b]')


# the `regions` statistic's column chart (a picture chart has the same lists)
_CHART = "      type: column\n      categories: [North, Midlands, South]\n"
_VALUES = '        - name: "2018"\n          values: [12, 15, 9]\n'


def test_a_comma_inside_a_category_is_named_in_the_count_mismatch(content: Path) -> None:
    file = content / "statistics.yaml"
    edit_content(file, _CHART, _CHART.replace("North, ", "Wales, Northern Ireland, UK, "))
    error = _only(_diagnostics(content), "E203")
    assert error.message == (
        "statistics.regions.chart: series 1 (`2018`) has 3 values for 5 categories"
    )
    _assert_place(error, file, "          values: ^[12, 15, 9]")
    line, _ = _at(file, "      categories: [Wales")
    assert error.hint is not None
    assert f"`categories` (line {line}) is written in `[...]`" in error.hint
    assert "a comma inside an item splits it in two" in error.hint
    assert '"Northern Ireland, UK"' in error.hint


def test_a_count_mismatch_in_block_lists_has_no_comma_hint(content: Path) -> None:
    file = content / "statistics.yaml"
    edit_content(
        file,
        _CHART,
        "      type: column\n      categories:\n        - North\n        - Midlands\n"
        "        - South\n        - West\n",
    )
    error = _only(_diagnostics(content), "E203")
    assert "has 3 values for 4 categories" in error.message
    assert error.hint == "give every series one value per category, in the same order"


def test_a_comma_inside_a_number_is_named_in_the_count_mismatch(content: Path) -> None:
    file = content / "statistics.yaml"
    edit_content(file, _VALUES, _VALUES.replace("15", "1,500"))
    error = _only(_diagnostics(content), "E203")
    assert "has 4 values for 3 categories" in error.message
    _assert_place(error, file, "          values: ^[12, 1,500, 9]")
    assert error.hint is not None and "write 1234, not 1,234" in error.hint


# --- 3. slides counted from 1 -----------------------------------------------------------------


def test_a_storyboard_path_names_the_slide_counted_from_1() -> None:
    assert dotted(("slides", 0)) == "slide 1"
    assert dotted(("slides", 13, "left", "body")) == "slide 14, left.body"
    assert dotted(("slides", 2, "points", 0)) == "slide 3, points[0]"
    assert (
        dotted(("variants", "short", "include", "slides", 0)) == "variants.short.include.slides[0]"
    )


def test_an_unknown_slide_kind_names_the_second_slide_as_slide_2(content: Path) -> None:
    file = content / "deck.yaml"
    edit_content(file, "  - kind: agenda\n", "  - kind: agnda\n")
    error = _only(_diagnostics(content), "E204")
    assert error.message == "slide 2: unknown slide kind `agnda`"
    _assert_place(error, file, "  - kind: ^agnda")


def test_a_duplicate_slide_id_names_both_slides_from_1(content: Path) -> None:
    file = content / "deck.yaml"
    edit_content(file, "    id: part-essays\n", "    id: part-numbers\n")
    error = _only(_diagnostics(content), "E207")
    first, _ = _at(file, "  - kind: section\n    id: part-numbers")
    assert error.message.startswith(
        f"slide 11: slide id `part-numbers` is already used by slide 3 (line {first})"
    )
    _assert_place(error, file, "    id: ^part-numbers", nth=2)


def test_a_wrong_reference_names_the_slide_and_field(content: Path) -> None:
    file = content / "deck.yaml"
    edit_content(file, "    statistic: comparison\n", "    statistic: comparisn\n")
    error = _only(_diagnostics(content), "E206")
    assert error.message == "slide 6, statistic: no statistic with id `comparisn`"
    _assert_place(error, file, "    statistic: ^comparisn")


# --- 4. the contrast caret on the colour that was edited --------------------------------------

_COLOURS = '    primary: "#1B3A5C"\n'
_WRITTEN = '    text: "#1F2933"\n    background: "#FFFFFF"\n    primary: "#1B3A5C"\n'


def _contrast_error(content: Path, colours: str) -> Diagnostic:
    edit_content(content / "brand.yaml", _COLOURS, colours)
    errors = [d for d in _diagnostics(content) if d.code == "E208"]
    assert errors, "no contrast error"
    return next(d for d in errors if "`text` on `background`" in d.message)


def test_the_caret_is_on_the_edited_foreground(content: Path) -> None:
    error = _contrast_error(content, _WRITTEN.replace("#1F2933", "#EEEEEE"))
    file = content / "brand.yaml"
    _assert_place(error, file, 'text: ^"#EEEEEE"')
    line, _ = _at(file, "    background:")
    assert error.message.endswith(f"`background` is on line {line}")


def test_the_caret_is_on_the_edited_background(content: Path) -> None:
    error = _contrast_error(content, _WRITTEN.replace("#FFFFFF", "#333333"))
    file = content / "brand.yaml"
    _assert_place(error, file, 'background: ^"#333333"')
    line, _ = _at(file, "    text:")
    assert error.message.endswith(f"`text` is on line {line}")


def test_the_caret_is_on_the_foreground_when_both_were_changed(content: Path) -> None:
    error = _contrast_error(
        content, _WRITTEN.replace("#1F2933", "#777777").replace("#FFFFFF", "#888888")
    )
    _assert_place(error, content / "brand.yaml", 'text: ^"#777777"')


def test_the_caret_is_on_the_only_colour_the_file_writes(content: Path) -> None:
    error = _contrast_error(content, '    background: "#222222"\n    primary: "#EEEEEE"\n')
    _assert_place(error, content / "brand.yaml", 'background: ^"#222222"')
    assert "is on line" not in error.message  # `text` is the default: no line to name


# --- 5. two sources with one address ----------------------------------------------------------


def test_two_sources_with_one_address_are_a_warning_at_the_second(content: Path) -> None:
    file = content / "sources.yaml"
    edit_content(file, "    year: 1992", "    year: 1992\n    url: HTTPS://Example.ORG/report-a/")
    items = _diagnostics(content)
    assert not [d for d in items if d.is_error]
    warning = _only(items, "W211")
    first, _ = _at(file, "url: https://example.org/report-a")
    assert warning.message == (
        f"sources `report-a` (line {first}) and `report-b` have the same address; cite one of them"
    )
    _assert_place(warning, file, "url: ^HTTPS://Example.ORG/report-a/")


def test_sources_with_different_addresses_are_not_warned_about(content: Path) -> None:
    file = content / "sources.yaml"
    edit_content(file, "    year: 1992", "    year: 1992\n    url: https://example.org/report-a/b")
    assert not [d for d in _diagnostics(content) if d.code == "W211"]
