"""The `table` slide kind: a native PowerPoint table (not boxes drawn to look like one) on the
grid and the type scale, with located content errors, rows that continue onto new slides with
the header repeated, rows of their own to confirm, and a deck reader that sees its text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from helpers import FULL_CONTENT, edit_content
from summarydeck import api
from summarydeck.diagnostics import ContentError
from summarydeck.layouts.kinds.table import body_sizes
from summarydeck.model.brand import TypeScale
from summarydeck.ooxml.inventory import read_records
from summarydeck.ooxml.names import qn
from summarydeck.ooxml.reader import read_deck
from summarydeck.plan.grid import Grid
from summarydeck.plan.types import TableElement

NO_STYLE_NO_GRID = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"
QLAB_CONTENT = Path(__file__).parent.parent / "content"

TEAMS = """\
  - kind: table
    id: teams
    title: Five teams tried ideas in their own services
    columns: [Test team, What they tried]
    rows:
      - Test team: Health Innovation Network, South London
        What they tried: Trained physiotherapists to talk with **patients** about mental health
      - Test team: Keele University and Midlands Partnership
        What they tried: An animation, see [the page](https://example.org/keele)
      - Test team: Robert Jones and Agnes Hunt Hospital
      - Test team: Powys Teaching Health Board
        What they tried: A test team in mid Wales
        status: unconfirmed
        check: Find what this team tried on the project pages.
"""


def _content(folder: Path, slides: str) -> Path:
    """The every-kind test content with its storyboard replaced by a title slide and `slides`:
    the brand, sources and the rest as the full test deck has them."""
    content = folder / "content"
    shutil.copytree(FULL_CONTENT, content)
    deck = content / "deck.yaml"
    head = deck.read_text(encoding="utf-8").split("\nslides:\n")[0]
    deck.write_text(f"{head}\nslides:\n  - kind: title\n{slides}", encoding="utf-8")
    return content


def _tables(slide: Any) -> list[Any]:
    return [shape for shape in slide.shapes if shape.has_table]


def _cell_texts(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _run_props(frame: Any) -> list[Any]:
    return list(frame._element.iter(qn("a:rPr")))


@pytest.fixture(scope="module")
def teams(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A two-slide deck whose second slide is the `TEAMS` table: (content, deck)."""
    folder = tmp_path_factory.mktemp("table")
    content = _content(folder, TEAMS)
    out = folder / "teams.pptx"
    api.build(content, out)
    return content, out


def test_a_table_is_one_native_table_with_a_header_row(teams: tuple[Path, Path]) -> None:
    _, deck = teams
    slide = Presentation(str(deck)).slides[1]
    [frame] = _tables(slide)
    # one graphic frame holding a:tbl: no panels, bands or text boxes drawn to look like one
    assert frame._element.tag == qn("p:graphicFrame")
    assert not [s for s in slide.shapes if s.shape_type == 1]  # no autoshapes (panels)
    assert _cell_texts(frame.table) == [
        ["Test team", "What they tried"],
        [
            "Health Innovation Network, South London",
            "Trained physiotherapists to talk with patients about mental health",
        ],
        ["Keele University and Midlands Partnership", "An animation, see the page"],
        ["Robert Jones and Agnes Hunt Hospital", ""],  # a missing cell is an empty one
        ["Powys Teaching Health Board", "A test team in mid Wales\nTo be confirmed"],
    ]
    tbl_pr = frame._element.find(f".//{qn('a:tblPr')}")
    assert tbl_pr.get("firstRow") == "1"  # screen readers announce the column headings
    assert tbl_pr.find(qn("a:tableStyleId")).text == NO_STYLE_NO_GRID
    assert frame.table.first_row


def test_the_table_is_valid_open_xml(teams: tuple[Path, Path]) -> None:
    """Cell borders, fills and margins written by hand, in the order the schema asks."""
    from openxml_audit import ValidationSeverity, validate_pptx

    _, deck = teams
    result = validate_pptx(deck)
    errors = [e for e in result.errors if e.severity is ValidationSeverity.ERROR]
    assert not errors, "\n".join(f"{e.part_uri} {e.path}: {e.description}" for e in errors)


def test_the_table_spans_the_text_margins_and_is_as_tall_as_its_rows(
    teams: tuple[Path, Path],
) -> None:
    _, deck = teams
    [frame] = _tables(Presentation(str(deck)).slides[1])
    grid = Grid.for_size("16:9")
    assert frame.left == grid.margin
    assert frame.left + frame.width == grid.width - grid.margin
    assert sum(column.width for column in frame.table.columns) == frame.width
    assert sum(row.height for row in frame.table.rows) == frame.height
    assert frame.top >= grid.body.top and frame.top + frame.height <= grid.body.bottom


def test_cell_text_is_on_the_type_scale_and_the_header_stands_out(
    teams: tuple[Path, Path],
) -> None:
    content, deck = teams
    brand, _ = api.load(content)
    scale = brand.brand.type_scale
    [frame] = _tables(Presentation(str(deck)).slides[1])
    table = frame.table
    sizes = {int(r.get("sz")) / 100 for r in _run_props(frame)}
    assert sizes <= set(scale.steps())  # never between two steps of the scale
    assert min(sizes) >= 18  # body cells: 18 pt at the least
    assert len(sizes) == 1  # the header, the cells and the mark at one size
    for cell in table.rows[0].cells:
        [props] = _run_props(cell.text_frame)
        assert props.get("b") == "1"
        assert props.find(f"{qn('a:solidFill')}/{qn('a:schemeClr')}").get("val") == "bg1"
        fill = cell._tc.tcPr.find(f"{qn('a:solidFill')}/{qn('a:schemeClr')}")
        assert fill.get("val") == "tx2"  # the brand's primary colour
    body_fills = [
        row.cells[1]._tc.tcPr.find(f"{qn('a:solidFill')}/{qn('a:schemeClr')}").get("val")
        for row in list(table.rows)[1:]
    ]
    assert body_fills == ["bg1", "bg2", "bg1", "bg2"]  # background and surface, alternating
    # every border set: no line comes from a table style
    for row in table.rows:
        for cell in row.cells:
            sides = [local.tag for local in cell._tc.tcPr if local.tag.startswith(qn("a:ln"))]
            assert sides == [qn("a:lnL"), qn("a:lnR"), qn("a:lnT"), qn("a:lnB")]


def test_cells_are_markdown_and_a_row_to_confirm_carries_its_own_mark(
    teams: tuple[Path, Path],
) -> None:
    _, deck = teams
    [frame] = _tables(Presentation(str(deck)).slides[1])
    rows = list(frame.table.rows)
    bold = [r.text for p in rows[1].cells[1].text_frame.paragraphs for r in p.runs if r.font.bold]
    assert bold == ["patients"]
    links = [r.hyperlink.address for p in rows[2].cells[1].text_frame.paragraphs for r in p.runs]
    assert links == [None, "https://example.org/keele"]  # "An animation, see " and the link
    mark = rows[4].cells[1].text_frame.paragraphs[-1].runs[0]
    assert mark.text == "To be confirmed"
    assert mark.font.italic and mark.font.color.rgb is not None  # the muted colour, as RGB
    assert not any(
        "To be confirmed" in cell.text for row in rows[:4] for cell in row.cells
    )  # only the unconfirmed row


def test_a_row_to_confirm_is_listed_for_the_final_build_at_its_status_line(
    teams: tuple[Path, Path],
) -> None:
    content, _ = teams
    _, plans, _ = api.plan(content)
    [table_slide] = [p for p in plans if p.kind == "table"]
    assert [item.path for item in table_slide.unconfirmed] == [("slides", 1, "rows", 3)]
    with pytest.raises(ContentError) as refused:
        api.plan(content, final=True)
    [c701] = [d for d in refused.value.diagnostics if d.code == "C701"]
    deck_file = content / "deck.yaml"
    status_line = next(
        n
        for n, line in enumerate(deck_file.read_text("utf-8").splitlines(), 1)
        if "status: unconfirmed" in line
    )
    assert c701.location is not None and c701.location.line == status_line
    assert "row 4 of table `teams`" in c701.message
    assert "Find what this team tried" in c701.message


def test_drafted_notes_say_each_row_as_a_presenter_would(teams: tuple[Path, Path]) -> None:
    _, deck = teams
    notes = Presentation(str(deck)).slides[1].notes_slide.notes_text_frame.text
    assert "Keele University and Midlands Partnership: An animation, see the page." in notes
    assert "Robert Jones and Agnes Hunt Hospital." in notes  # a row with one cell
    assert "Test team:" not in notes  # the headings are not read out row after row


def test_the_first_column_is_as_wide_as_its_content_needs(tmp_path: Path) -> None:
    def first_column(names: list[str], folder: str) -> int:
        rows = "".join(
            f"      - {{Who: {name}, What: A short sentence about what they tried}}\n"
            for name in names
        )
        slides = "  - kind: table\n    title: Who did what\n    columns: [Who, What]\n"
        content = _content(tmp_path / folder, slides + f"    rows:\n{rows}")
        _, plans, _ = api.plan(content)
        [table] = [e for e in plans[1].elements if isinstance(e, TableElement)]
        return table.column_widths[0]

    short = first_column(["Ann", "Bo"], "short")
    long = first_column(["Health Innovation Network and Sydenham Garden", "Keele"], "long")
    assert short < long
    grid = Grid.for_size("16:9")
    assert long <= grid.inner_width // 2  # the labels never crowd out the text


def test_a_long_table_continues_with_its_header_on_every_slide(tmp_path: Path) -> None:
    rows = "".join(
        f"      - Team: Team number {n} with a longer name\n"
        f"        Idea: Something that took a sentence or two to describe in detail, {n}\n"
        for n in range(1, 31)
    )
    slides = "  - kind: table\n    id: many\n    title: Many teams\n    columns: [Team, Idea]\n"
    content = _content(tmp_path, slides + "    rows:\n" + rows)
    out = tmp_path / "many.pptx"
    result = api.build(content, out)
    slides_out = list(Presentation(str(out)).slides)[1:]
    assert len(slides_out) >= 3
    ids = [s._element.find(qn("p:cSld")).get("name") for s in slides_out]
    assert ids == ["many"] + [f"many-{n}" for n in range(2, len(ids) + 1)]
    titles = [s.shapes.title.text for s in slides_out]
    assert titles[0] == "Many teams"
    assert all(t.startswith("Many teams (continued") for t in titles[1:])
    tables = [_cell_texts(_tables(s)[0].table) for s in slides_out]
    assert all(t[0] == ["Team", "Idea"] for t in tables)  # the header repeated
    teams = [row[0] for t in tables for row in t[1:]]
    assert teams == [f"Team number {n} with a longer name" for n in range(1, 31)]
    counts = [len(t) - 1 for t in tables]
    assert max(counts) - min(counts) <= 1  # evened out, not 8 + 8 + 2
    sizes = {
        int(r.get("sz")) for s in slides_out for frame in _tables(s) for r in _run_props(frame)
    }
    assert len(sizes) == 1  # every slide at one size
    assert result.check is not None and not result.check.findings


def test_a_row_too_tall_for_a_slide_is_an_error_at_its_cell(tmp_path: Path) -> None:
    long = " ".join(["A very long description that goes on and on."] * 40)
    slides = (
        "  - kind: table\n    title: Too much\n    columns: [Team, Idea]\n    rows:\n"
        "      - Team: One\n        Idea: Short\n"
        f"      - Team: Two\n        Idea: {long}\n"
    )
    content = _content(tmp_path, slides)
    with pytest.raises(ContentError) as failed:
        api.plan(content)
    [error] = failed.value.diagnostics
    assert error.code == "E401"
    lines = (content / "deck.yaml").read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "Idea: A very long" in text)
    assert error.location is not None  # at the cell's value
    assert (error.location.line, error.location.column) == (line, lines[line - 1].index("A") + 1)
    assert "rows[1].Idea" in error.message and "row 2" in error.message
    assert error.hint and re.search(r"shorten it by about \d+%", error.hint)


def test_an_unknown_column_is_an_error_at_its_key_with_did_you_mean(tmp_path: Path) -> None:
    content = _content(tmp_path, TEAMS)
    edit_content(
        content / "deck.yaml",
        "      - Test team: Robert Jones and Agnes Hunt Hospital\n",
        "      - Tset team: Robert Jones and Agnes Hunt Hospital\n"
        "        Wat they tried: A leaflet\n",
    )
    with pytest.raises(ContentError) as failed:
        api.load(content)
    errors = failed.value.diagnostics
    assert [(e.code, e.hint) for e in errors] == [
        ("E201", "did you mean `Test team`?"),
        ("E201", "did you mean `What they tried`?"),
    ]  # both at once, each at its own key
    lines = (content / "deck.yaml").read_text("utf-8").splitlines()
    for error in errors:
        assert error.location is not None
        key = lines[error.location.line - 1][error.location.column - 1 :]
        assert key.startswith(("Tset team:", "Wat they tried:"))


def test_column_headings_and_cells_are_checked(tmp_path: Path) -> None:
    content = _content(tmp_path, TEAMS)
    deck = content / "deck.yaml"
    edit_content(
        deck,
        "    columns: [Test team, What they tried]\n",
        "    columns: [Test team, What they tried, Test team, status]\n",
    )
    with pytest.raises(ContentError) as failed:
        api.load(content)
    messages = sorted(f"{e.code} {e.message}" for e in failed.value.diagnostics)
    assert any("column `Test team` is listed twice" in m for m in messages), messages
    assert any("`status` is a row's own key" in m for m in messages), messages


def test_cells_are_checked_as_markdown_at_the_cell(tmp_path: Path) -> None:
    content = _content(tmp_path, TEAMS)
    deck = content / "deck.yaml"
    edit_content(deck, "see [the page](https://example.org/keele)", "see [it](ftp://x.org)")
    with pytest.raises(ContentError) as failed:
        api.load(content)
    [link] = failed.value.diagnostics
    assert link.location is not None
    assert "ftp://x.org" in deck.read_text("utf-8").splitlines()[link.location.line - 1]


def test_the_deck_reader_sees_the_table_text_sizes_and_edits(
    teams: tuple[Path, Path], tmp_path: Path
) -> None:
    content, deck = teams
    view = read_deck(deck.read_bytes())
    [table] = [s for s in view.slides[1].shapes if s.kind == "table"]
    texts = [p.text for p in table.paragraphs]
    assert texts[:3] == ["Test team", "What they tried", "Health Innovation Network, South London"]
    [frame] = _tables(Presentation(str(deck)).slides[1])
    written = {int(r.get("sz")) / 100 for r in _run_props(frame)}
    assert {r.size for p in table.paragraphs for r in p.runs if r.text.strip()} == written
    # the manifest and `diff` read it too: a changed cell is a changed slide
    [record] = [r for r in read_records(deck) if r.id == "teams"]
    [shape] = [s for s in record.shapes if s.name == "Table"]
    assert "A test team in mid Wales" in shape.text
    edited = tmp_path / "content"
    shutil.copytree(content, edited)
    edit_content(
        edited / "deck.yaml",
        "What they tried: A test team in mid Wales",
        "What they tried: A leaflet for patients",
    )
    changed = tmp_path / "changed.pptx"
    api.build(edited, changed)
    report = api.diff(deck, changed)
    [change] = report.changes
    assert change.id == "teams"
    assert any("A leaflet for patients" in line for line in change.details)


def test_body_sizes_step_down_the_scale_and_stop_at_18_pt() -> None:
    assert body_sizes(TypeScale(body=24, body_min=18, subheading=22, label=20)) == [
        24.0,
        22.0,
        20.0,
        18.0,
    ]
    # a brand that lets body text go to 14 pt still keeps table cells at 18 pt or more
    assert min(body_sizes(TypeScale(body=24, body_min=14, small=14))) == 18.0
    # and nothing at all goes below 14 pt
    assert min(body_sizes(TypeScale(body=12, body_min=12, small=12, label=12, caption=12))) >= 14


def test_the_qlab_test_teams_slide_is_a_table_that_says_nothing_about_missing_sources() -> None:
    _, plans, _ = api.plan(QLAB_CONTENT, selection=api.Selection(only=("test-teams",)))
    [plan] = plans
    assert plan.kind == "table"
    [table] = [e for e in plan.elements if isinstance(e, TableElement)]
    shown = " ".join(p.text for row in table.rows for cell in row for p in cell.shown)
    assert "A test team in mid Wales" in shown
    assert "not described" not in shown and "sources" not in shown.lower()
    paths = {item.path[-2:] for item in plan.unconfirmed}
    assert ("rows", 4) in paths  # the Powys row, to confirm
    assert any("two of the five" in item.check for item in plan.unconfirmed)


def test_a_final_check_of_the_deck_alone_finds_a_row_still_to_confirm(tmp_path: Path) -> None:
    """`check --final DECK` without the content sees the row's own mark in its cell: a table
    whose only unconfirmed item is one row must not pass as ready to publish."""
    content = _content(tmp_path, TEAMS)
    deck = tmp_path / "deck.pptx"
    api.build(content, deck)  # a draft builds
    report = api.check(None, deck, final=True)
    found = [(f.code, f.slide_id) for f in report.findings if f.code == "C701"]
    assert found == [("C701", "teams")]
