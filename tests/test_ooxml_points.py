"""Three points that make a deck open everywhere (issue 15): the notes master named in
`presentation.xml`, every link target a valid URI, and a chart's words written to its
embedded workbook as text, never as formulas."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from helpers import edit_content
from summarydeck import api
from summarydeck.markdown.typography import shown_address
from summarydeck.ooxml.link_target import link_target
from summarydeck.ooxml.names import NS, P_NS, PACKAGE_RELS_NS, R_NS
from summarydeck.ooxml.saving import deck_bytes, list_notes_master
from summarydeck.render.chart_data import TextCellChartData

SHEET_NS = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
RELS = {"pr": PACKAGE_RELS_NS}
# what RFC 3986 allows in a URI, `%` only before two hex digits
URI = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")

HOSTILE_LINKS = (
    "See [the guide](<https://example.org/a b>) and [more](https://example.org/x<y>ü?q=%41&r=a%zz)"
)
FORMULAS = ["=1+1", "@SUM(A1)", "-2+3"]


@pytest.fixture(scope="module")
def hostile_deck(tmp_path_factory: pytest.TempPathFactory, full_content: Path) -> Path:
    """The every-kind deck with raw link addresses, an IDN source address, and chart words
    that a spreadsheet would read as formulas."""
    root = tmp_path_factory.mktemp("points")
    content = root / "content"
    shutil.copytree(full_content, content)
    edit_content(content / "deck.yaml", "See [the guide](https://example.org/guide)", HOSTILE_LINKS)
    edit_content(
        content / "sources.yaml",
        "url: https://example.org/report-a",
        "url: https://bücher.example/report-a",
    )
    stats = content / "statistics.yaml"
    edit_content(
        stats,
        'categories: [North, Midlands, South]\n      series:\n        - name: "2018"',
        f'categories: {FORMULAS}\n      series:\n        - name: "=SUM(B2:B4)"',
    )
    out = root / "deck.pptx"
    api.build(content, out)
    return out


def _link_targets(package: zipfile.ZipFile) -> list[str]:
    targets = []
    for name in package.namelist():
        if name.startswith("ppt/slides/_rels/"):
            rels = etree.fromstring(package.read(name))
            targets += rels.xpath(
                "pr:Relationship[@TargetMode='External']/@Target", namespaces=RELS
            )
    return targets


def _slide_texts(package: zipfile.ZipFile) -> str:
    return "\n".join(
        "".join(etree.fromstring(package.read(name)).xpath(".//a:t/text()", namespaces=NS))
        for name in package.namelist()
        if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)
    )


# --- 1. the notes master is named in presentation.xml ---


def test_the_notes_master_is_listed_after_the_slide_masters(hostile_deck: Path) -> None:
    with zipfile.ZipFile(hostile_deck) as package:
        root = etree.fromstring(package.read("ppt/presentation.xml"))
        rels = etree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))
    assert [etree.QName(child).localname for child in root][:3] == [
        "sldMasterIdLst",
        "notesMasterIdLst",
        "sldIdLst",
    ]
    (r_id,) = root.xpath("p:notesMasterIdLst/p:notesMasterId/@r:id", namespaces=NS)
    (rel_type,) = rels.xpath(f"pr:Relationship[@Id='{r_id}']/@Type", namespaces=RELS)
    assert rel_type == f"{R_NS}/notesMaster"


def test_a_deck_without_notes_lists_no_notes_master() -> None:
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6])
    list_notes_master(prs)
    assert prs.part._element.find(f"{{{P_NS}}}notesMasterIdLst") is None


def test_the_notes_master_is_listed_once_however_often_the_deck_is_saved() -> None:
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6]).notes_slide.notes_text_frame.text = "Say this"
    when = dt.datetime(2024, 1, 2)
    first = deck_bytes(prs, when)
    assert deck_bytes(prs, when) == first  # deterministic, and not listed twice
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        root = etree.fromstring(package.read("ppt/presentation.xml"))
    assert len(root.xpath("p:notesMasterIdLst/p:notesMasterId", namespaces=NS)) == 1


# --- 2. one rule for every link target ---


@pytest.mark.parametrize(
    ("address", "target"),
    [
        ("https://example.org/a b", "https://example.org/a%20b"),
        ('https://example.org/x<y>"z"', "https://example.org/x%3Cy%3E%22z%22"),
        ("https://example.org/ä?q=ü#ö", "https://example.org/%C3%A4?q=%C3%BC#%C3%B6"),
        ("https://example.org/a%20b%2F", "https://example.org/a%20b%2F"),  # never twice
        ("https://example.org/50%?x=%zz", "https://example.org/50%25?x=%25zz"),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
        ("https://Bücher.example:8080/p", "https://xn--bcher-kva.example:8080/p"),
        ("https://a..ü/", "https://a..%C3%BC/"),  # not an IDN: percent-encoded
        ("https://example.org/p?a|b#c#d", "https://example.org/p?a%7Cb#c%23d"),
        ("mailto:ann@example.org?subject=Hi there", "mailto:ann@example.org?subject=Hi%20there"),
        ("https://user:pw@[::1]:8080/a", "https://user:pw@[::1]:8080/a"),
        (
            "https://q.health.org.uk/blog-post/a_b~c/?x=1&y=(2)",
            "https://q.health.org.uk/blog-post/a_b~c/?x=1&y=(2)",
        ),
    ],
)
def test_a_link_target_is_a_uri(address: str, target: str) -> None:
    assert link_target(address) == target
    assert URI.fullmatch(target)
    assert link_target(target) == target  # the rule applied twice gives what it gave once


def test_an_idn_is_shown_readable_though_its_link_is_punycode() -> None:
    assert shown_address("https://xn--bcher-kva.example/report") == "bücher.example/report"
    assert shown_address("https://xn--zz.example/") == "xn--zz.example"  # not punycode: as is


def test_every_link_in_a_built_deck_is_a_uri_and_its_text_is_as_written(
    hostile_deck: Path,
) -> None:
    with zipfile.ZipFile(hostile_deck) as package:
        targets = _link_targets(package)
        texts = _slide_texts(package)
    assert {
        "https://example.org/a%20b",
        "https://example.org/x%3Cy%3E%C3%BC?q=%41&r=a%25zz",
        "https://xn--bcher-kva.example/report-a",  # a `url:` field: pydantic's, then ours
    } <= set(targets)
    assert [t for t in targets if not URI.fullmatch(t)] == []
    assert "bücher.example/report-a" in texts  # the Sources slide shows the IDN as read


# --- 3. chart words are text in the embedded workbook ---


def _sheet(xlsx: bytes) -> tuple[etree._Element, list[str]]:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        sheet = etree.fromstring(book.read("xl/worksheets/sheet1.xml"))
        strings = etree.fromstring(book.read("xl/sharedStrings.xml"))
        assert not [n for n in book.namelist() if "worksheets/_rels" in n]  # no hyperlinks
    texts = ["".join(si.itertext()) for si in strings.xpath("x:si", namespaces=SHEET_NS)]
    return sheet, [_ESCAPED.sub(lambda m: chr(int(m[1], 16)), text) for text in texts]


_ESCAPED = re.compile(r"_x([0-9A-F]{4})_")  # how a workbook spells a control character


def _cell(sheet: etree._Element, ref: str) -> etree._Element:
    (cell,) = sheet.xpath(f".//x:c[@r='{ref}']", namespaces=SHEET_NS)
    return cell


def _text_of(sheet: etree._Element, strings: list[str], ref: str) -> str:
    cell = _cell(sheet, ref)
    assert cell.get("t") == "s", f"{ref} should be a text cell"
    assert cell.find("x:f", SHEET_NS) is None, f"{ref} should hold no formula"
    return strings[int(cell.findtext("x:v", namespaces=SHEET_NS))]


def test_words_that_look_like_formulas_are_written_as_text() -> None:
    words = ["=1+1", "+A1", "-A1", "@A1", "\t=1", "\r=1", "https://example.org", "{=A1}"]
    data = TextCellChartData(number_format="0")
    data.categories = words
    data.add_series('=HYPERLINK("https://evil.example","x")', [1, 2.5, None, 4, 5, 6, 7, 8])
    sheet, strings = _sheet(data.xlsx_blob)
    assert sheet.xpath(".//x:f", namespaces=SHEET_NS) == []
    assert [_text_of(sheet, strings, f"A{row}") for row in range(2, 10)] == words
    assert _text_of(sheet, strings, "B1") == '=HYPERLINK("https://evil.example","x")'
    assert _cell(sheet, "B2").get("t") is None  # numbers stay numbers
    assert sheet.xpath(".//x:c[@r='B3']/x:v/text()", namespaces=SHEET_NS) == ["2.5"]


def test_a_built_charts_formula_like_words_are_text_in_its_workbook_and_its_caches(
    hostile_deck: Path,
) -> None:
    with zipfile.ZipFile(hostile_deck) as package:
        books = [package.read(n) for n in package.namelist() if n.endswith(".xlsx")]
        charts = [
            etree.fromstring(package.read(n))
            for n in package.namelist()
            if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)
        ]
    ((sheet, strings),) = [s for s in map(_sheet, books) if "=1+1" in s[1]]
    assert [_text_of(sheet, strings, f"A{row}") for row in (2, 3, 4)] == FORMULAS
    assert _text_of(sheet, strings, "B1") == "=SUM(B2:B4)"
    assert sheet.xpath(".//x:f", namespaces=SHEET_NS) == []
    assert sheet.xpath(".//x:c[@r='B2']/x:v/text()", namespaces=SHEET_NS) == ["12"]
    (chart,) = [c for c in charts if "=1+1" in c.xpath("string(.//c:cat)", namespaces=NS)]
    shown = chart.xpath(".//c:ser[1]/c:cat//c:pt/c:v/text()", namespaces=NS)
    assert shown == FORMULAS
    assert chart.xpath("string(.//c:ser[1]/c:tx//c:v)", namespaces=NS) == "=SUM(B2:B4)"
