"""The checker on parts held in memory (`check_parts`, what the build calls) and its memo of
slides: the same findings as a check of the zip, a slide whose parts did not change is neither
read nor checked again, and its findings carry the number it has in the deck checked now."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarydeck.check import runner
from summarydeck.check.runner import CheckReport, check_deck, check_parts
from summarydeck.ooxml.reader import OpenDeck

Parts = dict[str, bytes]
PRESENTATION = "ppt/presentation.xml"


def _parts(deck: Path) -> Parts:
    with zipfile.ZipFile(deck) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: Parts) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _slide_names(parts: Parts) -> list[str]:
    """The slide parts in the order the presentation lists them."""
    rels = parts["ppt/_rels/presentation.xml.rels"].decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*?Target="(slides/[^"]+)"', rels))
    targets.update(
        {rid: t for t, rid in re.findall(r'Target="(slides/[^"]+)"[^>]*?Id="(rId\d+)"', rels)}
    )
    order = re.findall(r'<p:sldId [^>]*r:id="(rId\d+)"', parts[PRESENTATION].decode())
    return [f"ppt/{targets[rid]}" for rid in order]


def _small_text(parts: Parts, slide: str) -> Parts:
    """The parts with every run of one slide set at 8 pt (C202, and C204 on a type scale)."""
    changed = dict(parts)
    changed[slide] = re.sub(
        rb"<a:rPr\b([^>]*)",
        lambda m: b'<a:rPr sz="800"' + re.sub(rb' sz="\d+"', b"", m.group(1)),
        parts[slide],
    )
    assert changed[slide] != parts[slide]
    return changed


def _swapped(parts: Parts, first: int, second: int) -> Parts:
    """The parts with two slides' places in the deck swapped (their parts unchanged)."""
    xml = parts[PRESENTATION].decode()
    entries = re.findall(r"<p:sldId [^>]*/>", xml)
    a, b = entries[first - 1], entries[second - 1]
    changed = dict(parts)
    changed[PRESENTATION] = (
        xml.replace(a, "\0").replace(b, a).replace("\0", b).encode()  # swap the two entries
    )
    return changed


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The numbers of the slides read, while the test runs, from an empty memo."""
    runner.MEMO.clear()
    read: list[int] = []
    original = OpenDeck.read_slide

    def counting(self: OpenDeck, position: int) -> object:
        read.append(self.slides[position].number)
        return original(self, position)

    monkeypatch.setattr(OpenDeck, "read_slide", counting)
    yield read
    runner.MEMO.clear()


def _uncached(parts: Parts, **options: object) -> CheckReport:
    runner.MEMO.clear()
    try:
        return check_parts(parts, **options)  # type: ignore[arg-type]
    finally:
        runner.MEMO.clear()


OPTIONS = {"type_scale": (12, 14, 18, 24, 32), "min_size": 12.0}


def test_parts_are_checked_as_the_zip_of_them_is(full_deck: Path) -> None:
    parts = _small_text(_parts(full_deck), _slide_names(_parts(full_deck))[4])
    runner.MEMO.clear()
    from_parts = check_parts(parts, **OPTIONS)  # type: ignore[arg-type]
    runner.MEMO.clear()
    from_zip = check_deck(_zip(parts), **OPTIONS)  # type: ignore[arg-type]
    assert {f.code for f in from_parts.findings} >= {"C202", "C204"}
    assert from_parts == from_zip


def test_broken_parts_are_refused_as_a_broken_zip_is(full_deck: Path) -> None:
    parts = _parts(full_deck)
    del parts[_slide_names(parts)[2]]
    from_parts, from_zip = check_parts(parts), check_deck(_zip(parts))
    assert from_parts == from_zip and from_parts.slides == 0
    assert "cannot be read as a PowerPoint deck" in from_parts.findings[-1].message
    with_dtd = {**_parts(full_deck), "ppt/x.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'}
    refused = check_parts(with_dtd)
    assert refused == check_deck(_zip(with_dtd))
    assert [f.message.rsplit(" (", 1)[-1] for f in refused.findings[:1]] == ["zip)"]


def test_a_second_check_of_the_same_parts_reads_no_slide(full_deck: Path, reads: list[int]) -> None:
    parts = _small_text(_parts(full_deck), _slide_names(_parts(full_deck))[4])
    first = check_parts(parts, **OPTIONS)  # type: ignore[arg-type]
    assert sorted(reads) == list(range(1, first.slides + 1))
    reads.clear()
    assert check_parts(parts, **OPTIONS) == first  # type: ignore[arg-type]
    assert reads == []


def test_one_changed_slide_is_read_alone(full_deck: Path, reads: list[int]) -> None:
    parts = _parts(full_deck)
    check_parts(parts, **OPTIONS)  # type: ignore[arg-type]
    reads.clear()
    changed = _small_text(parts, _slide_names(parts)[6])
    report = check_parts(changed, **OPTIONS)  # type: ignore[arg-type]
    assert reads == [7]
    assert {f.slide for f in report.findings if f.code == "C202"} == {7}
    assert report == _uncached(changed, **OPTIONS)


def test_a_moved_slide_keeps_its_findings_under_its_new_number(
    full_deck: Path, reads: list[int]
) -> None:
    parts = _small_text(_parts(full_deck), _slide_names(_parts(full_deck))[4])
    before = check_parts(parts, **OPTIONS)  # type: ignore[arg-type]
    assert {f.slide for f in before.findings if f.code == "C202"} == {5}
    reads.clear()
    moved = _swapped(parts, 5, 9)
    after = check_parts(moved, **OPTIONS)  # type: ignore[arg-type]
    assert reads == []  # no slide's parts changed: only their places
    assert {f.slide for f in after.findings if f.code == "C202"} == {9}
    assert after == _uncached(moved, **OPTIONS)
    assert (
        after.slide_ids
        == [before.slide_ids[i] for i in (0, 1, 2, 3, 8, 5, 6, 7, 4)] + (before.slide_ids[9:])
    )


def test_a_slide_whose_layout_changed_is_read_again(full_deck: Path, reads: list[int]) -> None:
    parts = _parts(full_deck)
    check_parts(parts, **OPTIONS)  # type: ignore[arg-type]
    reads.clear()
    first = parts["ppt/slides/_rels/slide1.xml.rels"].decode()
    layout = "ppt/slideLayouts/" + re.findall(r"slideLayouts/([^\"]+)", first)[0]
    changed = dict(parts)
    changed[layout] = parts[layout].replace(b"<p:cSld", b"<!-- edited --><p:cSld", 1)
    report = check_parts(changed, **OPTIONS)  # type: ignore[arg-type]
    assert reads and len(reads) < report.slides  # those on that layout, and no others
    assert report == _uncached(changed, **OPTIONS)


def test_other_options_judge_kept_slides_afresh(full_deck: Path, reads: list[int]) -> None:
    parts = _small_text(_parts(full_deck), _slide_names(_parts(full_deck))[4])
    check_parts(parts, **OPTIONS)  # type: ignore[arg-type]
    reads.clear()
    lenient = check_parts(parts, min_size=6.0)
    assert reads == []  # read once, judged again
    assert lenient == _uncached(parts, min_size=6.0)
    assert not any(f.code in ("C202", "C204") for f in lenient.findings)


def test_findings_kept_for_a_slide_depend_on_the_fonts_text_is_measured_with() -> None:
    """A brand font file replaced under its family's name measures text otherwise: findings
    kept from before it must not be reused."""
    from types import SimpleNamespace

    from summarydeck.ooxml.deck_view import DeckView
    from summarydeck.plan import fonts

    deck = DeckView(100, 100, ())
    options = runner._options(False, 12.0, (), ())
    before = runner._judged_by("overflow", options, deck)
    try:
        fonts.use_brand_fonts({"Brand Sans": {"regular": SimpleNamespace(digest="ab12")}})  # type: ignore[dict-item]
        assert runner._judged_by("overflow", options, deck) != before
    finally:
        fonts.use_brand_fonts({})
    assert runner._judged_by("overflow", options, deck) == before
