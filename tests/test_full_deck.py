"""The every-kind deck, opened as a user (python-pptx) and as a package (zipfile, lxml).

Expected values come from the YAML in tests/content/full, read here with PyYAML, never through
summarydeck's own model, so a mistake in the model cannot hide itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml
from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from summarydeck import api
from summarydeck.model.brand import Colours, Fonts
from summarydeck.ooxml.package_rules import check_package

FULL = Path(__file__).parent / "content" / "full"
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dcterms": "http://purl.org/dc/terms/",
}
CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "pie": XL_CHART_TYPE.PIE,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
}
# storyboard kinds whose entry names one content item (field -> the item's id is the slide id)
REFERENCE_FIELDS = ("statistic", "essay", "quote", "opportunity")
# one-per-deck kinds: their default id is fixed, so editing their title does not change it
FIXED_IDS = {
    "title": "title",
    "agenda": "agenda",
    "opportunities": "opportunities-overview",
    "sources": "sources",
    "closing": "closing",
}
LINK_SCHEMES = {"http", "https", "mailto"}


def load(name: str) -> Any:
    return yaml.safe_load((FULL / name).read_text(encoding="utf-8"))


DECK = load("deck.yaml")
STORYBOARD: list[dict[str, Any]] = DECK["slides"]
STATISTICS: dict[str, Any] = load("statistics.yaml")["statistics"]
BRAND: dict[str, Any] = load("brand.yaml")["brand"]
CHARTS = [STATISTICS[e["statistic"]]["chart"] for e in STORYBOARD if e["kind"] == "chart"]
NATIVE_CHARTS = [
    c for c in CHARTS if c["type"] != "pictogram" and c.get("engine", "native") == "native"
]


@pytest.fixture(scope="module")
def prs(full_deck: Path) -> Any:
    return Presentation(str(full_deck))


@pytest.fixture(scope="module")
def slides(prs: Any) -> list[Any]:
    return list(prs.slides)


def numbered(slides: list[Any]) -> Iterator[tuple[int, dict[str, Any], Any]]:
    """(slide number, storyboard entry, slide) in deck order; one slide per entry."""
    assert len(slides) == len(STORYBOARD)
    for number, (entry, slide) in enumerate(zip(STORYBOARD, slides, strict=True), 1):
        yield number, entry, slide


def xml_of(part_blob: bytes) -> Any:
    return etree.fromstring(part_blob)


# --- structure ------------------------------------------------------------------------------------


def test_one_slide_per_storyboard_entry(slides: list[Any]) -> None:
    assert STORYBOARD
    assert len(slides) == len(STORYBOARD)


def test_every_slide_has_a_title_placeholder_with_text(slides: list[Any]) -> None:
    for number, _, slide in numbered(slides):
        title = slide.shapes.title
        assert title is not None, f"slide {number} has no title placeholder"
        assert title.placeholder_format.idx == 0
        assert title.text_frame.text.strip(), f"slide {number} has an empty title"


def test_slide_titles_are_unique(slides: list[Any]) -> None:
    titles = [slide.shapes.title.text_frame.text.strip() for slide in slides]
    duplicates = sorted({t for t in titles if titles.count(t) > 1})
    assert not duplicates, f"titles used on more than one slide: {duplicates}"


def test_every_slide_has_speaker_notes(slides: list[Any]) -> None:
    for number, _, slide in numbered(slides):
        assert slide.has_notes_slide, f"slide {number} has no notes page"
        assert slide.notes_slide.notes_text_frame.text.strip(), f"slide {number}: empty notes"


def expected_slide_id(entry: dict[str, Any]) -> str:
    """The stable id: `id:`, else the referenced content id, else the kind's default."""
    if "id" in entry:
        return str(entry["id"])
    if entry["kind"] == "discussion":  # not the opportunity's own id, which its slide has
        return f"{entry['opportunity']}-discussion"
    for field_name in REFERENCE_FIELDS:
        if field_name in entry:
            return str(entry[field_name])
    kind = entry["kind"]
    if kind in FIXED_IDS:
        return FIXED_IDS[kind]
    return re.sub(r"[^a-z0-9]+", "-", entry["title"].lower()).strip("-")


def test_slide_names_are_the_stable_ids(slides: list[Any]) -> None:
    names = [slide._element.find("p:cSld", NS).get("name") for slide in slides]
    expected = [expected_slide_id(entry) for entry in STORYBOARD]
    assert names == expected
    assert len(set(names)) == len(names)


# --- placeholders, geometry, footers ------------------------------------------------------------


def test_no_placeholder_is_left_empty(slides: list[Any]) -> None:
    for number, _, slide in numbered(slides):
        for shape in slide.placeholders:
            text = shape.text_frame.text if shape.has_text_frame else ""
            assert text.strip(), f"slide {number}: placeholder {shape.name!r} is empty"
            assert "Click to add" not in text


def test_no_shape_is_off_the_slide_or_of_zero_size(prs: Any, slides: list[Any]) -> None:
    width, height = prs.slide_width, prs.slide_height
    for number, _, slide in numbered(slides):
        for shape in slide.shapes:
            where = f"slide {number}, shape {shape.shape_id} {shape.name!r}"
            assert None not in (shape.left, shape.top, shape.width, shape.height), where
            assert shape.width > 0 and shape.height > 0, f"{where} has zero size"
            assert shape.left >= 0 and shape.top >= 0, f"{where} starts off the slide"
            assert shape.left + shape.width <= width, f"{where} runs past the right edge"
            assert shape.top + shape.height <= height, f"{where} runs past the bottom edge"


def placeholder(slide: Any, kind: Any) -> Any | None:
    return next(
        (ph for ph in slide.placeholders if ph.placeholder_format.type == kind),
        None,
    )


def test_content_slides_have_footer_and_slide_number(slides: list[Any]) -> None:
    footer_text = BRAND.get("footer") or DECK["deck"]["title"]
    content = [(n, s) for n, entry, s in numbered(slides) if entry["kind"] != "title"]
    assert len(content) == len(STORYBOARD) - 1
    for number, slide in content:
        footer = placeholder(slide, PP_PLACEHOLDER.FOOTER)
        assert footer is not None, f"slide {number} has no footer placeholder"
        # the every-kind content shows unconfirmed items, so it is a draft and says so
        assert footer.text_frame.text == f"Draft · {footer_text}"
        slide_number = placeholder(slide, PP_PLACEHOLDER.SLIDE_NUMBER)
        assert slide_number is not None, f"slide {number} has no slide-number placeholder"
        fields = slide_number._element.findall(".//a:fld[@type='slidenum']", NS)
        assert len(fields) == 1, f"slide {number}: the slide number is not a slidenum field"
        assert fields[0].findtext("a:t", namespaces=NS) == str(number)


# --- pictures and charts --------------------------------------------------------------------------


def alt_text(shape: Any) -> str:
    c_nv_pr = shape._element.find(".//p:cNvPr", NS)
    return str(c_nv_pr.get("descr", ""))


def test_every_picture_and_chart_has_alt_text(slides: list[Any]) -> None:
    seen = 0
    for number, _, slide in numbered(slides):
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE or getattr(shape, "has_chart", False):
                seen += 1
                assert alt_text(shape).strip(), f"slide {number}: {shape.name!r} has no alt text"
    assert seen >= len(CHARTS) > len(NATIVE_CHARTS) > 0  # native charts and pictures


def formatted(value: float, number_format: str) -> str:
    """The value as the number format shows it (the formats the test content uses), with half
    rounded up as Excel does: Python's round() and f-strings round half to even (12.5 -> 12)."""
    from decimal import ROUND_HALF_UP, Decimal

    if number_format == "General":
        return str(int(value)) if float(value).is_integer() else f"{value:g}"
    match = re.fullmatch(r'0(?:\.(0+))?(%?)(?:"([^"]*)")?', number_format)
    if not match:
        pytest.fail(f"the test does not know number format {number_format!r}")
    decimals, percent, suffix = len(match.group(1) or ""), match.group(2), match.group(3) or ""
    shown = Decimal(str(value)) * (100 if percent else 1)  # the YAML's decimal, not the float's
    rounded = shown.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:f}{percent}{suffix}"


def chart_entries(slides: list[Any]) -> Iterator[tuple[int, dict[str, Any], Any]]:
    """(slide number, the statistic's chart YAML, slide) for every chart slide."""
    for number, entry, slide in numbered(slides):
        if entry["kind"] == "chart":
            yield number, STATISTICS[entry["statistic"]]["chart"], slide


def chart_shape(slide: Any) -> Any:
    """The slide's chart: a native chart, a picture chart, or a pictogram's group of shapes."""
    found = [
        s
        for s in slide.shapes
        if getattr(s, "has_chart", False)
        or s.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.GROUP)
    ]
    assert len(found) == 1
    return found[0]


def test_chart_alt_text_states_the_numbers(slides: list[Any]) -> None:
    checked = 0
    for number, spec, slide in chart_entries(slides):
        text = alt_text(chart_shape(slide))
        if spec["type"] == "pictogram":
            wanted = [f"{spec['value']} of {spec['total']}"]
        else:
            fmt = spec.get("number_format", "General")
            wanted = [
                f"{category} {formatted(value, fmt)}"
                for series in spec["series"]
                for category, value in zip(spec["categories"], series["values"], strict=True)
            ]
        for words in wanted:
            assert words in text, f"slide {number}: alt text {text!r} lacks {words!r}"
        checked += 1
    assert checked == len(CHARTS)


def test_native_charts_hold_the_yaml_data(slides: list[Any]) -> None:
    native = 0
    for number, spec, slide in chart_entries(slides):
        shape = chart_shape(slide)
        if spec not in NATIVE_CHARTS:
            drawn_as = (
                MSO_SHAPE_TYPE.GROUP if spec["type"] == "pictogram" else MSO_SHAPE_TYPE.PICTURE
            )
            assert shape.shape_type == drawn_as, f"slide {number}"
            continue
        native += 1
        assert shape.has_chart, f"slide {number} should have a native chart"
        chart = shape.chart
        assert chart.chart_type == CHART_TYPES[spec["type"]], f"slide {number}"
        plot = chart.plots[0]
        assert list(plot.categories) == spec["categories"], f"slide {number} categories"
        assert [s.name for s in plot.series] == [s["name"] for s in spec["series"]]
        assert [list(s.values) for s in plot.series] == [
            [float(v) for v in s["values"]] for s in spec["series"]
        ], f"slide {number} values"
    assert native == len(NATIVE_CHARTS)


def test_bar_chart_reads_top_down_by_reversing_the_axis(slides: list[Any]) -> None:
    """With the data in YAML order, a bar chart must reverse its category axis instead."""
    bars = [
        chart_shape(slide).chart
        for _, spec, slide in chart_entries(slides)
        if spec["type"] == "bar" and spec.get("engine") != "picture"
    ]
    assert bars
    for chart in bars:
        assert chart.category_axis.reverse_order is True


# --- theme, links --------------------------------------------------------------------------------


def expected_brand() -> tuple[dict[str, str], dict[str, str]]:
    """Brand colours by theme slot and fonts by scheme, from brand.yaml over the model defaults."""
    colours = {
        name: field.get_default(call_default_factory=True)
        for name, field in Colours.model_fields.items()
    }
    colours.update(BRAND.get("colours", {}))
    fonts = {name: field.get_default() for name, field in Fonts.model_fields.items()}
    fonts.update(BRAND.get("fonts", {}))
    accents = [colours["accents"][i % len(colours["accents"])] for i in range(6)]
    slots = {
        "dk1": colours["text"],
        "lt1": colours["background"],
        "dk2": colours["primary"],
        "lt2": colours["surface"],
        "hlink": colours["link"],
        **{f"accent{i + 1}": hex_colour for i, hex_colour in enumerate(accents)},
    }
    return (
        {slot: value.lstrip("#").upper() for slot, value in slots.items()},
        {"majorFont": fonts["heading"], "minorFont": fonts["body"]},
    )


def test_theme_carries_the_brand(prs: Any) -> None:
    theme = xml_of(prs.slide_master.part.part_related_by(RT.THEME).blob)
    scheme = theme.find(".//a:clrScheme", NS)
    colours, fonts = expected_brand()
    actual = {slot: scheme.find(f"a:{slot}/a:srgbClr", NS).get("val") for slot in colours}
    assert actual == colours
    font_scheme = theme.find(".//a:fontScheme", NS)
    for tag, family in fonts.items():
        assert font_scheme.find(f"a:{tag}/a:latin", NS).get("typeface") == family


def yaml_links() -> set[str]:
    """Every URL the content gives: Markdown links and `url:` fields in any YAML file."""
    found: set[str] = set()
    for path in FULL.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"\]\(([^)\s]+)\)", text))
        found |= set(re.findall(r"^\s*url:\s*(\S+)\s*$", text, flags=re.MULTILINE))
    return found


def test_hyperlinks_use_safe_schemes_and_cover_the_content(slides: list[Any]) -> None:
    links: set[str] = set()
    for slide in slides:
        parts = [slide.part, slide.notes_slide.part] if slide.has_notes_slide else [slide.part]
        for part in parts:
            links |= {rel.target_ref for rel in part.rels.values() if rel.reltype == RT.HYPERLINK}
    assert links, "the deck has no hyperlinks at all"
    unsafe = sorted(link for link in links if urlparse(link).scheme not in LINK_SCHEMES)
    assert not unsafe, f"links with other schemes: {unsafe}"
    assert yaml_links() <= links


# --- package-level checks ------------------------------------------------------------------------


def test_openxml_audit_finds_no_errors(full_deck: Path) -> None:
    from openxml_audit import ValidationSeverity, validate_pptx

    result = validate_pptx(full_deck)
    errors = [e for e in result.errors if e.severity is ValidationSeverity.ERROR]
    assert not errors, "\n".join(f"{e.part_uri} {e.path} {e.node}: {e.description}" for e in errors)
    assert result.is_valid


def test_openxml_audit_can_fail(full_deck: Path, tmp_path: Path) -> None:
    """A copy with one schema violation (a:ext before a:off) must not pass the audit."""
    from openxml_audit import validate_pptx

    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(full_deck) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == "ppt/slides/slide2.xml":
                payload, n = re.subn(
                    rb"(<a:off [^>]*/>)(<a:ext [^>]*/>)", rb"\2\1", payload, count=1
                )
                assert n == 1
            target.writestr(item, payload)
    result = validate_pptx(broken)
    assert not result.is_valid
    assert any(e.part_uri == "/ppt/slides/slide2.xml" for e in result.errors)


def test_check_package_finds_nothing(full_deck: Path) -> None:
    assert check_package(full_deck) == []


def core_dates(package: bytes) -> tuple[str | None, str | None]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        core = xml_of(archive.read("docProps/core.xml"))
    return (
        core.findtext("dcterms:created", namespaces=NS),
        core.findtext("dcterms:modified", namespaces=NS),
    )


def embedded_workbooks(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.endswith(".xlsx")}


def test_embedded_workbooks_open_and_carry_the_build_date(full_deck: Path) -> None:
    deck = full_deck.read_bytes()
    created, modified = core_dates(deck)
    assert created and created == modified
    workbooks = embedded_workbooks(deck)
    assert len(workbooks) == len(NATIVE_CHARTS)  # one per native chart
    for name, payload in workbooks.items():
        with zipfile.ZipFile(io.BytesIO(payload)) as workbook:
            assert workbook.testzip() is None, name
            assert "xl/workbook.xml" in workbook.namelist(), name
        assert core_dates(payload) == (created, modified), name


# --- reproducible builds -------------------------------------------------------------------------

EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z


def iso(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The full deck built twice without and twice with SOURCE_DATE_EPOCH, each in its own
    folder (so each makes its own picture-chart cache)."""
    out: dict[str, bytes] = {}
    with pytest.MonkeyPatch.context() as env:
        for label in ("default-1", "default-2", "epoch-1", "epoch-2"):
            if label.startswith("epoch"):
                env.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
            else:
                env.delenv("SOURCE_DATE_EPOCH", raising=False)
            target = tmp_path_factory.mktemp(label) / "deck.pptx"
            result = api.build(FULL, target)
            data = target.read_bytes()
            assert result.sha256 == hashlib.sha256(data).hexdigest()
            out[label] = data
    return out


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_building_twice_gives_the_same_bytes(builds: dict[str, bytes]) -> None:
    assert sha(builds["default-1"]) == sha(builds["default-2"])


def test_default_build_is_dated_by_the_deck(builds: dict[str, bytes]) -> None:
    date = DECK["deck"]["date"]
    assert isinstance(date, dt.date)
    noon = iso(dt.datetime.combine(date, dt.time(12, 0)))
    assert core_dates(builds["default-1"]) == (noon, noon)
    for name, payload in embedded_workbooks(builds["default-1"]).items():
        assert core_dates(payload) == (noon, noon), name


def test_source_date_epoch_builds_are_equal_and_dated_by_it(builds: dict[str, bytes]) -> None:
    first, second = builds["epoch-1"], builds["epoch-2"]
    assert sha(first) == sha(second)
    assert sha(first) != sha(builds["default-1"])
    when = dt.datetime.fromtimestamp(EPOCH, tz=dt.UTC)
    assert core_dates(first) == (iso(when), iso(when))
    assert core_dates(first) != core_dates(builds["default-1"])
    for name, payload in embedded_workbooks(first).items():
        assert core_dates(payload) == (iso(when), iso(when)), name
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {item.date_time for item in archive.infolist()} == {stamp}
