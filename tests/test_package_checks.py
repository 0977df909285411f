"""The package checker passes the full deck and catches each invariant broken on purpose.

Every broken copy rewrites exactly one zip entry of the real deck, so each test also proves
that its check is able to fail.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from summarydeck.ooxml.package_rules import PackageProblem, check_package

Edit = Callable[[bytes], bytes]


@pytest.fixture(scope="module")
def deck_bytes(full_deck: Path) -> bytes:
    return full_deck.read_bytes()


def rewrite(data: bytes, name: str, edit: Edit | None) -> bytes:
    """A copy of the zip with entry `name` edited (or, for `edit=None`, left out)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        assert name in source.namelist(), f"{name} is not in the package"
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == name:
                if edit is None:
                    continue
                edited = edit(payload)
                assert edited != payload, f"the edit changed nothing in {name}"
                payload = edited
            target.writestr(item, payload)
    return out.getvalue()


def sub(pattern: bytes, replacement: bytes, count: int = 1) -> Edit:
    """A regex edit that must match."""

    def edit(payload: bytes) -> bytes:
        result, n = re.subn(pattern, replacement, payload, count=count)
        assert n, f"pattern {pattern!r} did not match"
        return result

    return edit


def read(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def first_part(data: bytes, folder: str, marker: bytes) -> str:
    """The first part in `folder` (natural order) whose bytes contain `marker`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.startswith(folder) and n.endswith(".xml")]
        names.sort(key=lambda n: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", n)])
        for name in names:
            if marker in archive.read(name):
                return name
    raise AssertionError(f"no part in {folder} contains {marker!r}")


def rels_of(part: str) -> str:
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels"


def codes(problems: list[PackageProblem]) -> set[tuple[str, str]]:
    return {(p.code, p.part) for p in problems}


# --- the real deck --------------------------------------------------------------------------------


def test_full_deck_has_no_problems(full_deck: Path, deck_bytes: bytes) -> None:
    assert check_package(full_deck) == []
    assert check_package(str(full_deck)) == []
    assert check_package(deck_bytes) == []


def test_full_deck_has_what_the_checks_look_at(deck_bytes: bytes) -> None:
    """Guard against a vacuous pass: the deck has charts, pictures, group frames and links."""
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as archive:
        names = archive.namelist()
    assert any(n.startswith("ppt/charts/chart") for n in names)
    assert any(n.startswith("ppt/media/") for n in names)
    assert any(n.endswith(".xlsx") for n in names)
    master = read(deck_bytes, "ppt/slideMasters/slideMaster1.xml")
    # the master's root group frame is 0 x 0, which the zero-size check must allow
    assert re.search(rb'<p:grpSpPr><a:xfrm><a:off [^>]*/><a:ext cx="0" cy="0"/>', master)


# --- each check, broken on purpose ---------------------------------------------------------------


def test_missing_override_content_type(deck_bytes: bytes) -> None:
    broken = rewrite(
        deck_bytes,
        "[Content_Types].xml",
        sub(rb'<Override PartName="/ppt/slides/slide1.xml"[^>]*/>', b""),
    )
    problems = check_package(broken)
    # the Default for .xml still gives the slide *a* type, but not a slide's type
    assert codes(problems) == {("content-type", "/ppt/slides/slide1.xml")}
    assert "presentationml.slide+xml" in problems[0].message


def test_missing_default_content_type(deck_bytes: bytes) -> None:
    broken = rewrite(
        deck_bytes, "[Content_Types].xml", sub(rb'<Default Extension="png"[^>]*/>', b"")
    )
    found = codes(check_package(broken))
    assert found
    assert {code for code, _ in found} == {"content-type"}
    assert ("content-type", "/ppt/media/image1.png") in found


def test_part_with_no_content_type_at_all(deck_bytes: bytes) -> None:
    broken = rewrite(
        deck_bytes,
        "[Content_Types].xml",
        sub(rb'<Default Extension="png"[^>]*/>', b""),
    )
    problems = check_package(broken)
    assert problems, "pictures without a content type were not reported"
    assert {p.code for p in problems} == {"content-type"}
    assert all(p.part.endswith(".png") for p in problems)
    assert "no Default or Override" in problems[0].message


def test_relationship_to_missing_part(deck_bytes: bytes) -> None:
    broken = rewrite(
        deck_bytes,
        "ppt/slides/_rels/slide1.xml.rels",
        sub(rb"slideLayouts/slideLayout(\d+)\.xml", rb"slideLayouts/slideLayout99.xml"),
    )
    problems = check_package(broken)
    assert codes(problems) == {("rel-target", "/ppt/slides/_rels/slide1.xml.rels")}
    assert "/ppt/slideLayouts/slideLayout99.xml" in problems[0].message


def test_deleted_part_breaks_its_relationships(deck_bytes: bytes) -> None:
    chart_slide = first_part(deck_bytes, "ppt/slides/slide", b"<c:chart ")
    chart_rels = read(deck_bytes, rels_of(chart_slide))
    match = re.search(rb'Target="\.\./charts/(chart\d+\.xml)"', chart_rels)
    assert match
    chart = "ppt/charts/" + match.group(1).decode()
    broken = rewrite(deck_bytes, chart, None)
    found = codes(check_package(broken))
    assert ("rel-target", "/" + rels_of(chart_slide)) in found
    assert {code for code, _ in found} <= {"rel-target", "content-type"}


def test_dangling_chart_r_id(deck_bytes: bytes) -> None:
    slide = first_part(deck_bytes, "ppt/slides/slide", b"<c:chart ")
    broken = rewrite(deck_bytes, slide, sub(rb'(<c:chart [^>]*r:id=")rId\d+"', rb'\1rId999"'))
    problems = check_package(broken)
    assert codes(problems) == {("rel-id", "/" + slide)}
    assert 'r:id="rId999"' in problems[0].message


def test_dangling_picture_r_embed(deck_bytes: bytes) -> None:
    slide = first_part(deck_bytes, "ppt/slides/slide", b"<a:blip ")
    broken = rewrite(deck_bytes, slide, sub(rb'r:embed="rId\d+"', b'r:embed="rId777"'))
    problems = check_package(broken)
    assert codes(problems) == {("rel-id", "/" + slide)}
    assert "r:embed" in problems[0].message


def test_malformed_xml(deck_bytes: bytes) -> None:
    broken = rewrite(deck_bytes, "ppt/slides/slide2.xml", lambda raw: raw[: len(raw) // 2])
    assert codes(check_package(broken)) == {("xml-malformed", "/ppt/slides/slide2.xml")}


def test_malformed_relationships_part(deck_bytes: bytes) -> None:
    broken = rewrite(deck_bytes, "ppt/slides/_rels/slide3.xml.rels", sub(rb"</Relationships>", b""))
    found = codes(check_package(broken))
    assert ("xml-malformed", "/ppt/slides/_rels/slide3.xml.rels") in found
    # with its relationships unreadable, the slide's r:ids cannot resolve either
    assert {code for code, _ in found} <= {"xml-malformed", "rel-id"}


def test_duplicate_shape_id(deck_bytes: bytes) -> None:
    broken = rewrite(
        deck_bytes, "ppt/slides/slide2.xml", sub(rb'<p:cNvPr id="3"', b'<p:cNvPr id="2"')
    )
    problems = check_package(broken)
    assert codes(problems) == {("shape-id", "/ppt/slides/slide2.xml")}
    assert "shape id 2" in problems[0].message


def test_zero_width_shape(deck_bytes: bytes) -> None:
    broken = rewrite(
        deck_bytes, "ppt/slides/slide2.xml", sub(rb'(<a:ext cx=")\d+(" cy="\d+"/>)', rb"\g<1>0\2")
    )
    assert codes(check_package(broken)) == {("zero-size", "/ppt/slides/slide2.xml")}


def test_zero_height_chart_frame(deck_bytes: bytes) -> None:
    slide = first_part(deck_bytes, "ppt/slides/slide", b"<c:chart ")
    broken = rewrite(
        deck_bytes,
        slide,
        sub(rb'(<p:xfrm><a:off [^>]*/><a:ext cx="\d+" cy=")\d+("/>)', rb"\g<1>0\2"),
    )
    problems = check_package(broken)
    assert codes(problems) == {("zero-size", "/" + slide)}
    assert '"Chart"' in problems[0].message


def test_zero_size_group_frame_is_allowed(deck_bytes: bytes) -> None:
    broken = rewrite(
        deck_bytes,
        "ppt/slides/slide2.xml",
        sub(
            rb"<p:grpSpPr/>",
            b'<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
            b'<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>',
        ),
    )
    assert check_package(broken) == []


def test_shape_past_the_right_edge(deck_bytes: bytes) -> None:
    slide = first_part(deck_bytes, "ppt/slides/slide", b"<c:chart ")
    broken = rewrite(deck_bytes, slide, sub(rb'(<p:xfrm><a:off x=")\d+(")', rb"\g<1>12000000\2"))
    problems = check_package(broken)
    assert codes(problems) == {("off-slide", "/" + slide)}
    assert '"Chart"' in problems[0].message


def test_shape_above_the_top_edge(deck_bytes: bytes) -> None:
    broken = rewrite(
        deck_bytes, "ppt/slides/slide2.xml", sub(rb'(<a:off x="\d+" y=")\d+(")', rb"\g<1>-10\2")
    )
    assert codes(check_package(broken)) == {("off-slide", "/ppt/slides/slide2.xml")}


def test_smaller_slide_size_puts_shapes_off_slide(deck_bytes: bytes) -> None:
    broken = rewrite(
        deck_bytes, "ppt/presentation.xml", sub(rb'(<p:sldSz cx=")\d+(")', rb"\g<1>9144000\2")
    )
    found = codes(check_package(broken))
    assert found
    assert {code for code, _ in found} == {"off-slide"}


@pytest.mark.parametrize("value", [b"4294967295", b"-2", b"2147483648", b"x"])
def test_bad_chart_axis_id(deck_bytes: bytes, value: bytes) -> None:
    chart = first_part(deck_bytes, "ppt/charts/chart", b"<c:axId ")
    broken = rewrite(
        deck_bytes, chart, sub(rb'(<c:crossAx val=")\d+(")', rb"\g<1>" + value + rb"\2")
    )
    problems = check_package(broken)
    assert codes(problems) == {("axis-id", "/" + chart)}
    assert "c:crossAx" in problems[0].message


def test_largest_allowed_axis_id_passes(deck_bytes: bytes) -> None:
    chart = first_part(deck_bytes, "ppt/charts/chart", b"<c:axId ")
    broken = rewrite(deck_bytes, chart, sub(rb'(<c:axId val=")\d+(")', rb"\g<1>2147483647\2"))
    assert check_package(broken) == []


def test_problem_inside_an_embedded_workbook(deck_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as archive:
        workbook = next(n for n in archive.namelist() if n.endswith(".xlsx"))
    broken_xlsx = rewrite(read(deck_bytes, workbook), "xl/workbook.xml", lambda raw: raw[:-20])
    broken = rewrite(deck_bytes, workbook, lambda _: broken_xlsx)
    assert codes(check_package(broken)) == {("xml-malformed", f"/{workbook}!/xl/workbook.xml")}


def test_not_a_zip() -> None:
    assert codes(check_package(b"this is not a deck")) == {("zip", "/")}
