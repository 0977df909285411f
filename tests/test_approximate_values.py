"""Approximate chart values (`"~40"`, `">100"`, `"less than 5"`): the number is charted and
kept in the workbook, the qualifier is shown on the value's label and said in the alt text;
anything else is an error at the value, naming the forms accepted."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation

from helpers import edit_content
from summarydeck import api
from summarydeck.charts.alt_text import draft_alt_text
from summarydeck.charts.picture import value_labels
from summarydeck.diagnostics import ContentError, Diagnostic
from summarydeck.model.approximate import NotAValue, Qualifier, parse
from summarydeck.model.content import Chart, Statistic
from summarydeck.model.labels import Labels
from summarydeck.model.number_format import format_value, signed_format

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"

REGIONS = '          values: [12, 15, 9]\n        - name: "2019"\n'


@pytest.mark.parametrize(
    ("text", "number", "qualifier"),
    [
        ("40", 40.0, None),
        ("12.5", 12.5, None),
        ("-3", -3.0, None),
        ("~40", 40.0, Qualifier.ABOUT),
        ("~ 40", 40.0, Qualifier.ABOUT),
        ("about 40", 40.0, Qualifier.ABOUT),
        ("About 40", 40.0, Qualifier.ABOUT),
        (">100", 100.0, Qualifier.MORE_THAN),
        ("more than 100", 100.0, Qualifier.MORE_THAN),
        ("<5", 5.0, Qualifier.LESS_THAN),
        ("less than 5", 5.0, Qualifier.LESS_THAN),
        ("fewer  than 0.5", 0.5, Qualifier.LESS_THAN),
    ],
)
def test_the_accepted_forms(text: str, number: float, qualifier: Qualifier | None) -> None:
    assert parse(text) == (number, qualifier)


@pytest.mark.parametrize(
    "text", ["forty", "approx 40", "~", "40%", ">=100", "~~40", "about", "1,000", "40 about", "nan"]
)
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(NotAValue):
        parse(text)


def _column(values: list[Any]) -> Chart:
    return Chart.model_validate(
        {
            "type": "column",
            "categories": ["A", "B", "C", "D"],
            "series": [{"name": "n", "values": values}],
        }
    )


def test_the_number_is_charted_and_the_qualifier_kept_beside_it() -> None:
    chart = _column(["<5", "~40", 18, ">100"])
    series = chart.series[0]
    assert series.values == [5.0, 40.0, 18.0, 100.0]
    assert series.qualifiers == (Qualifier.LESS_THAN, Qualifier.ABOUT, None, Qualifier.MORE_THAN)
    assert value_labels(series, "General") == ["<5", "~40", "18", ">100"]
    assert value_labels(series, '0" weeks"') == ["<5 weeks", "~40 weeks", "18 weeks", ">100 weeks"]


def _as_excel_shows(code: str, value: float) -> str:
    """What Excel shows for `value` under a native label's number format `code`: of two
    sections, the second takes a negative value and shows it without its minus, with the
    section's own literals (quoted text, a bare `-`) before the number; one section puts the
    minus before everything."""
    sections = code.split(";")
    if value < 0 and len(sections) == 1:  # one section: Excel's minus before everything
        return "-" + _as_excel_shows(code, -value)
    if value < 0:
        section, value = sections[1], -value
    else:
        section = sections[0]
    literals = re.match(r'(?:"[^"]*"|-)*', section)
    assert literals is not None
    prefix = "".join(part.strip('"') for part in re.findall(r'"[^"]*"|-', literals[0]))
    return prefix + format_value(value, section[literals.end() :])


@pytest.mark.parametrize("number_format", ["General", "#,##0", '"£"#,##0', "0.0%", '0" weeks"'])
@pytest.mark.parametrize("value", ["~-5", ">-1234.5", "<-0.02", "~40", ">0"])
def test_native_and_picture_labels_agree_on_a_negative_value(
    value: str, number_format: str
) -> None:
    """The sign first, then the minus: `~-5` on a native chart's label and a picture chart's
    alike (one section put Excel's minus first: `-~5`)."""
    series = _column([value, 1, 2, 3]).series[0]
    qualifier = series.qualifiers[0]
    assert qualifier is not None
    (picture, *_) = value_labels(series, number_format)
    native = _as_excel_shows(signed_format(number_format, qualifier.sign), series.values[0])
    assert native == picture
    if series.values[0] < 0:
        assert picture.startswith(qualifier.sign + "-"), picture
    assert signed_format("#,##0", "~") == '"~"#,##0;"~"-#,##0'
    assert value_labels(_column(["~-5", 1, 2, 3]).series[0], "#,##0")[0] == "~-5"


def test_the_alt_text_says_the_qualifier_in_words() -> None:
    text = draft_alt_text(_column(["<5", "~40", 18, ">100"]), "Waits", "Report (2020)", Labels())
    assert "A less than 5; B about 40; C 18; D more than 100." in text, text
    welsh = draft_alt_text(_column(["~40", 1, 2, 3]), "Waits", None, Labels("cy"))
    assert "A tua 40" in welsh, welsh


def test_a_pictogram_value_may_be_approximate() -> None:
    chart = Chart.model_validate({"type": "pictogram", "value": "~1", "total": 4})
    assert (chart.value, chart.value_qualifier) == (1, Qualifier.ABOUT)
    assert "Pictogram: about 1 of 4 people filled." in draft_alt_text(
        chart, "1 in 4", None, Labels()
    )
    exact = Chart.model_validate({"type": "pictogram", "value": 1, "total": 4})
    assert exact.value_qualifier is None


def test_the_fingerprint_sees_a_qualifier_change() -> None:
    def stat(value: Any) -> Statistic:
        return Statistic.model_validate(
            {
                "headline": "40",
                "label": "x",
                "source": "a",
                "chart": {
                    "type": "column",
                    "categories": ["A"],
                    "series": [{"name": "n", "values": [value]}],
                },
            }
        )

    assert stat("~40").fingerprint() != stat(40).fingerprint()
    assert stat("~40").fingerprint() == stat("about 40").fingerprint()


def _approximate_regions(content: Path, values: str = '["~12", ">15", 9]') -> None:
    edit_content(
        content / "statistics.yaml",
        REGIONS,
        f'          values: {values}\n        - name: "2019"\n',
    )


def _column_b(xlsx: bytes) -> list[tuple[str, str]]:
    """The first series' cells under its name: (type, value); "n" is a number."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        sheet = etree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    cells = [c for c in sheet.iter(f"{main}c") if c.get("r") in ("B2", "B3", "B4")]
    return [(c.get("t", "n"), c.findtext(f"{main}v") or "") for c in cells]


def _chart(deck: Path, slide_id: str) -> Any:
    slide = next(s for s in Presentation(str(deck)).slides if s.name == slide_id)
    return next(shape for shape in slide.shapes if shape.has_chart)


def test_a_native_chart_labels_each_approximate_point_with_its_sign(
    content_copy: Path, tmp_path: Path
) -> None:
    _approximate_regions(content_copy)
    deck = tmp_path / "deck.pptx"
    api.build(content_copy, deck, cache_dir=tmp_path / "cache")
    frame = _chart(deck, "regions")
    chart = frame.chart
    first, second = chart.plots[0].series
    assert list(first.values) == [12.0, 15.0, 9.0]  # the chart draws the numbers
    labels = first._element.find(f"{C}dLbls")
    points = {
        int(label.find(f"{C}idx").get("val")): label.find(f"{C}numFmt").get("formatCode")
        for label in labels.findall(f"{C}dLbl")
    }
    # two sections: a negative value's sign comes first, then its minus (`~-5`)
    assert points == {0: '"~"General;"~"-General', 1: '">"General;">"-General'}
    # the series' own labels keep showing every other value, bold, as the chart's do
    assert labels.find(f"{C}showVal").get("val") == "1"
    assert labels.find(f"{C}txPr") is not None
    assert second._element.find(f"{C}dLbls") is None  # an exact series is left alone
    # the workbook behind "Edit Data" keeps the numbers
    assert _column_b(chart.part.chart_workbook.xlsx_part.blob) == [
        ("n", "12"),
        ("n", "15"),
        ("n", "9"),
    ]
    alt = frame._element.nvGraphicFramePr.cNvPr.get("descr")
    assert "North about 12; Midlands more than 15; South 9" in alt, alt


def test_without_approximate_values_a_chart_has_no_point_labels(full_deck: Path) -> None:
    chart = _chart(full_deck, "regions").chart
    assert not chart._chartSpace.findall(f".//{C}dLbl")


def test_a_bad_value_is_an_error_at_that_value(content_copy: Path) -> None:
    _approximate_regions(content_copy, '[12, "approx 15", 9]')
    with pytest.raises(ContentError) as caught:
        api.plan(content_copy)
    errors = [d for d in caught.value.diagnostics if d.is_error]
    assert [d.code for d in errors] == ["E203"], errors
    error = errors[0]
    assert error.location is not None
    file = content_copy / "statistics.yaml"
    assert Path(error.location.file).name == "statistics.yaml"
    line = file.read_text().splitlines()[error.location.line - 1]
    assert line == '          values: [12, "approx 15", 9]'
    assert line[error.location.column - 1 :].startswith('"approx 15"')
    assert "statistics.regions.chart.series[0]" in error.message
    assert "values[1]" in error.message and "`approx 15`" in error.message
    # the examples quoted, as they must be written (unquoted, `>100` is not text in YAML)
    assert error.hint is not None and '`"~40"`' in error.hint and '`">100"`' in error.hint
    assert '`"more than 100"`' in error.hint


def _errors(content: Path) -> list[Diagnostic]:
    with pytest.raises(ContentError) as caught:
        api.plan(content)
    return [d for d in caught.value.diagnostics if d.is_error]


@pytest.mark.parametrize(("written", "sign"), [(">0.24", ">"), ("|0.24", "|"), ("@0.24", "@")])
def test_a_sign_yaml_keeps_for_itself_in_a_list_is_told_to_be_quoted(
    content_copy: Path, written: str, sign: str
) -> None:
    """`[~0.18, >0.24]`: YAML stops at the `>` ("cannot start any token"); the hint says to
    quote the value, shown as written."""
    _approximate_regions(content_copy, f"[~0.18, {written}, 9]")
    (error,) = _errors(content_copy)
    assert error.code == "E101" and "cannot start any token" in error.message
    assert error.hint == f'put a value that starts with `{sign}` in quotes: "{written}"'
    assert error.location is not None
    line = (content_copy / "statistics.yaml").read_text().splitlines()[error.location.line - 1]
    assert line[error.location.column - 1 :].startswith(f"{written}, 9]")


@pytest.mark.parametrize("written", [">5", "|5", ">5  # more than five"])
def test_a_value_read_as_an_empty_block_of_text_is_told_to_be_quoted(
    content_copy: Path, written: str
) -> None:
    """`- >5` in a block list is a folded block of text (`5` its indentation), empty: the error
    says the value is empty and the hint to quote what the line says."""
    _approximate_regions(
        content_copy, f"\n            - ~12\n            - {written}\n            - 9"
    )
    (error,) = _errors(content_copy)
    assert error.code == "E203"
    assert "values[1]: the value is empty, not a number" in error.message
    meant = written.split(" #")[0].strip()
    assert error.hint is not None and error.hint.endswith(f'put it in quotes: "{meant}"')
    assert f"`{meant[0]}` at the start of a value" in error.hint
    assert error.location is not None
    line = (content_copy / "statistics.yaml").read_text().splitlines()[error.location.line - 1]
    assert line == f"            - {written}"


def test_a_pictogram_cannot_fill_part_of_a_figure(content_copy: Path) -> None:
    edit_content(content_copy / "statistics.yaml", "      value: 1\n", '      value: "~1.5"\n')
    with pytest.raises(ContentError) as caught:
        api.plan(content_copy)
    errors = [d for d in caught.value.diagnostics if d.is_error]
    assert [d.code for d in errors] == ["E203"], errors
    assert errors[0].location is not None
    line = (content_copy / "statistics.yaml").read_text().splitlines()[errors[0].location.line - 1]
    assert line == '      value: "~1.5"'
    assert "whole" in errors[0].message
