"""The package writer: one deterministic zip pass, slides' parts named as python-pptx names
them, and each entry deflated once per process."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from summarydeck import api
from summarydeck.diagnostics import OutputError
from summarydeck.ooxml import zip_writer
from summarydeck.ooxml.zip_writer import DEFLATED, zip_bytes

WHEN = dt.datetime(2024, 5, 6, 7, 8, 10)


def test_the_zip_reads_back_with_every_entry_dated_and_checked() -> None:
    entries = [("a.xml", b"<a/>" * 100), ("media/image1.png", b"\x89PNG fake"), ("é.xml", b"x")]
    data = zip_bytes(entries, WHEN)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every CRC right
        assert [i.filename for i in archive.infolist()] == [name for name, _ in entries]
        for (name, payload), info in zip(entries, archive.infolist(), strict=True):
            assert archive.read(name) == payload
            assert info.date_time == (2024, 5, 6, 7, 8, 10)
            assert info.external_attr >> 16 == 0o100644
        # pictures and workbooks are compressed already: stored, not deflated again
        methods = {i.filename: i.compress_type for i in archive.infolist()}
        assert methods["media/image1.png"] == zipfile.ZIP_STORED
        assert methods["a.xml"] == zipfile.ZIP_DEFLATED
    assert zip_bytes(entries, WHEN) == data


def test_an_entry_is_deflated_once_per_process() -> None:
    payload = b"<p:sld>" + b"unchanged slide " * 500 + b"</p:sld>"
    zip_bytes([("one.xml", payload)], WHEN)
    before = DEFLATED.compressed
    zip_bytes([("other-name.xml", payload), ("new.xml", b"<new/>")], WHEN)
    assert DEFLATED.compressed == before + 1  # only the new payload


def test_more_entries_than_a_zip_holds_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zip_writer, "_MOST_ENTRIES", 3)
    with pytest.raises(OutputError, match="more than a zip without ZIP64"):
        zip_bytes([(f"{n}.xml", b"x") for n in range(4)], WHEN)


def test_parts_are_named_in_slide_order(full_content: Path, tmp_path: Path) -> None:
    """Slides, notes, charts and workbooks are numbered in slide order from 1, a picture used
    twice is one part, and every relationship points at a part that is there."""
    result = api.build(full_content, tmp_path / "deck.pptx")
    with zipfile.ZipFile(result.path) as archive:
        names = set(archive.namelist())
        for stem, ext in [
            ("ppt/slides/slide", ".xml"),
            ("ppt/notesSlides/notesSlide", ".xml"),
            ("ppt/charts/chart", ".xml"),
        ]:
            numbers = sorted(
                int(n[len(stem) : -len(ext)])
                for n in names
                if n.startswith(stem) and n.endswith(ext) and "/_rels/" not in n
            )
            assert numbers == list(range(1, len(numbers) + 1)), stem
        assert len([n for n in names if n.startswith("ppt/slides/slide")]) == result.slides
        media = [archive.read(n) for n in names if n.startswith("ppt/media/")]
        assert len(media) == len(set(media))
        for rels in (n for n in names if n.endswith(".rels")):
            text = archive.read(rels).decode()
            folder = rels.split("_rels/")[0]
            for target in _internal_targets(text):
                assert _resolve(folder, target) in names, f"{rels} -> {target}"


def _internal_targets(rels_xml: str) -> list[str]:
    from lxml import etree

    root = etree.fromstring(rels_xml.encode())
    return [
        row.get("Target")
        for row in root
        if row.get("TargetMode") != "External" and row.get("Target")
    ]


def _resolve(folder: str, target: str) -> str:
    import posixpath

    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(folder, target))


def test_a_picture_two_slides_show_is_one_part() -> None:
    from summarydeck.ooxml.package_writer import _Names
    from summarydeck.ooxml.slide_bundle import OwnedPart

    def picture(blob: bytes) -> OwnedPart:
        return OwnedPart("/ppt/media/image", ".png", "image/png", blob, ())

    names = _Names({"/ppt/media/image1.png"})  # the master's logo
    assert names.name(picture(b"qr")) == ("/ppt/media/image2.png", True)
    assert names.name(picture(b"chart")) == ("/ppt/media/image3.png", True)
    assert names.name(picture(b"qr")) == ("/ppt/media/image2.png", False)
    chart = OwnedPart("/ppt/charts/chart", ".xml", "x", b"same", ())
    # two charts alike are still two parts
    assert names.name(chart)[0] != names.name(chart)[0]
