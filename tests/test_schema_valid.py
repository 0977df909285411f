"""The decks we build are valid against the ECMA-376 Transitional schemas, part by part, with
Markup Compatibility applied as PowerPoint applies it (see `ooxml_validate`).

Every other deck the suite writes is validated too, at the session's end (`tests/conftest.py`).
Skipped, and said so, where neither `tests/ooxml_schemas/` nor `SUMMARYDECK_OOXML_SCHEMAS`
holds the schemas.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ooxml_validate import Finding, schema_folder, validate_deck
from summarydeck import api

FOLDER = schema_folder()
pytestmark = pytest.mark.skipif(
    FOLDER is None,
    reason="the ECMA-376 schemas are missing: neither tests/ooxml_schemas/ nor "
    "SUMMARYDECK_OOXML_SCHEMAS has them, so no deck is validated",
)

SLIDE = "ppt/slides/slide1.xml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
EXT = "http://example.org/2024/extension"  # a namespace no schema here knows


def _findings(deck: Path | bytes) -> list[str]:
    assert FOLDER is not None
    data = deck if isinstance(deck, bytes) else deck.read_bytes()
    return [str(finding) for finding in validate_deck(data, FOLDER)]


def test_every_variant_of_the_qlab_deck_is_schema_valid(
    qlab_variants: list[api.BuildResult],
) -> None:
    assert len(qlab_variants) == 3
    for result in qlab_variants:
        assert result.path is not None
        assert _findings(result.path) == [], result.path.name


@pytest.mark.parametrize(
    "deck", ["full_deck", "stress_deck", "qlab_deck", "qlab_on_classic", "qlab_on_wide"]
)
def test_the_test_decks_and_decks_on_templates_are_schema_valid(
    deck: str, request: pytest.FixtureRequest
) -> None:
    assert _findings(request.getfixturevalue(deck)) == []


# --- the validator finds what it should, and only that ---


def _planted(deck: Path, edit: Callable[[str], str], part: str = SLIDE) -> bytes:
    """`deck` with one part's XML edited."""
    out = io.BytesIO()
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                edited = edit(data.decode("utf-8"))
                assert edited != data.decode("utf-8"), "the edit changed nothing"
                data = edited.encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def _once(old: str, new: str) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        assert xml.count(old) == 1, f"expected {old!r} once"
        return xml.replace(old, new)

    return edit


def test_an_element_out_of_order_is_found(full_deck: Path) -> None:
    colour_map = "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"  # belongs after p:cSld

    def swap(xml: str) -> str:
        assert xml.count(colour_map) == 1
        return xml.replace(colour_map, "").replace("<p:cSld", colour_map + "<p:cSld", 1)

    (finding,) = _findings(_planted(full_deck, swap))
    assert finding.startswith(f"{SLIDE}:")
    assert "cSld" in finding and "clrMapOvr" in finding


def test_an_unknown_attribute_is_found(full_deck: Path) -> None:
    (finding,) = _findings(_planted(full_deck, _once("<p:cSld", '<p:cSld bogus="1"')))
    assert finding.startswith(f"{SLIDE}:2:")
    assert "bogus" in finding and "not allowed" in finding


def test_an_unknown_element_outside_an_extension_list_is_found(full_deck: Path) -> None:
    plant = _once("</p:spTree>", f'<x:thing xmlns:x="{EXT}"/></p:spTree>')
    (finding,) = _findings(_planted(full_deck, plant))
    assert "thing" in finding


def test_ignorable_extensions_are_dropped_and_a_fallback_is_validated(full_deck: Path) -> None:
    declare = _once("<p:sld ", f'<p:sld xmlns:mc="{MC}" xmlns:x="{EXT}" mc:Ignorable="x" ')
    ignorable = _once("<p:cSld", '<p:cSld x:extra="1"')
    element = _once("</p:spTree>", "<x:thing/></p:spTree>")
    choice = (
        '<mc:AlternateContent><mc:Choice Requires="x"><x:better/></mc:Choice>'
        "<mc:Fallback>{}</mc:Fallback></mc:AlternateContent>"
    )
    fallback_ok = _once("</p:sld>", choice.format("<p:timing/>") + "</p:sld>")

    def clean(xml: str) -> str:
        return fallback_ok(element(ignorable(declare(xml))))

    assert _findings(_planted(full_deck, clean)) == []
    # the Fallback is what a reader keeps, so one that breaks the schema is found
    bad_fallback = _once("</p:sld>", choice.format("<p:bogus/>") + "</p:sld>")
    (finding,) = _findings(_planted(full_deck, lambda xml: bad_fallback(declare(xml))))
    assert "bogus" in finding


def test_an_extension_list_is_left_alone(full_deck: Path) -> None:
    # as Office writes a chart's extensions: in a namespace it also lists as ignorable. A chart's
    # `c:ext` must hold one element, so dropping it there would make the chart invalid
    chart = "ppt/charts/chart1.xml"
    declare = _once(
        "<c:chartSpace ", f'<c:chartSpace xmlns:mc="{MC}" xmlns:x="{EXT}" mc:Ignorable="x" '
    )
    uri = "{00000000-0000-0000-0000-000000000001}"
    ext = f'<c:extLst><c:ext uri="{uri}"><x:any y="1"/></c:ext></c:extLst>'
    plant = _once("</c:chartSpace>", ext + "</c:chartSpace>")
    assert _findings(_planted(full_deck, lambda xml: plant(declare(xml)), chart)) == []


def test_relationships_and_content_types_are_validated(full_deck: Path) -> None:
    rels = "ppt/slides/_rels/slide1.xml.rels"
    plant = _once('Id="rId1"', 'Id="rId1" Mode="x"')
    (finding,) = _findings(_planted(full_deck, plant, rels))
    assert finding.startswith(f"{rels}:") and "Mode" in finding
    types = "[Content_Types].xml"
    plant = _once('<Default Extension="xml"', '<Default Bogus="1" Extension="xml"')
    (finding,) = _findings(_planted(full_deck, plant, types))
    assert finding.startswith(types) and "Bogus" in finding


def test_a_finding_names_its_part_and_line() -> None:
    assert (
        str(Finding("ppt/slides/slide3.xml", 2, "an error")) == "ppt/slides/slide3.xml:2: an error"
    )
