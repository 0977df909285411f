"""The repair of LibreOffice's tagged PDF is best-effort (docs/accessible-pdf.md): a deck that
LibreOffice converts is exported, whatever the repair makes of it.

No LibreOffice here: the repair runs on small PDFs made with pikepdf, and `summarydeck export`
on a fake `soffice` that writes one of them. Where the repair cannot be done, the PDF is kept
byte for byte as LibreOffice wrote it and the user is told why, in words without the staging
folder's paths; a PDF LibreOffice wrote untagged (7.3 ignores the tagging options) is said.
`tests/test_tagged_pdf.py` runs the real LibreOffice.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from pikepdf import Array, Dictionary, Name
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

from summarydeck.cli import cli
from summarydeck.export import libreoffice, pdf_tags, tools
from summarydeck.ooxml.names import A_NS, qn
from summarydeck.ooxml.opening import DeckReadError
from summarydeck.ooxml.pdf_facts import PdfFacts, SlideGraphics, read_pdf_facts

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the fake tools are sh scripts")

FACTS = PdfFacts("A deck", "cy", (9_144_000, 6_858_000), (SlideGraphics(1, False, ()),))
UNTAGGED_73 = (
    "is not tagged for screen readers: LibreOffice 7.3 did not take the tagging options "
    "(7.4 or later does); install LibreOffice 7.4 or later and export again"
)


# --- a PDF as LibreOffice writes it -----------------------------------------------------------


def libreoffice_pdf(
    path: Path, *, producer: str = "LibreOffice 7.4", tree: bool = True, marked: bool = True
) -> Path:
    """A one-page PDF tagged as LibreOffice 7.4 tags a slide: the master's background drawn
    untagged, then the title as /H with marked content 0 (`tree`: a structure tree at all;
    `marked`: /MarkInfo /Marked true)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(720, 540))
    page = pdf.pages[0]
    drawing = b"0 0 720 540 re f\n"
    if tree:
        drawing += b"/H <</MCID 0>> BDC BT 72 500 Td (Title) Tj ET EMC\n"
    page.obj.Contents = pdf.make_stream(drawing)
    if tree:
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        heading = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.H, P=root, Pg=page.obj, K=0)
        )
        root.K = Array([heading])
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, Array([heading])])))
        page.obj.StructParents = 0
        pdf.Root.StructTreeRoot = root
    if marked:
        pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String("en-US")
    if producer:
        pdf.docinfo["/Producer"] = producer
    pdf.save(path, deterministic_id=True)
    return path


def folder_listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --- the repair -------------------------------------------------------------------------------


def test_the_repair_completes_a_pdf_tagged_as_libreoffice_tags_it(tmp_path: Path) -> None:
    path = libreoffice_pdf(tmp_path / "deck.pdf")
    pdf_tags.complete_tags(path, FACTS)
    assert folder_listing(tmp_path) == ["deck.pdf"]  # nothing left beside it
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "cy"
        [document] = pdf.Root.StructTreeRoot.K
        assert str(document.S) == "/Document"
        assert [str(element.S) for element in document.K] == ["/H1"]
        first = pikepdf.parse_content_stream(pdf.pages[0])[0]
        assert (list(first.operands), str(first.operator)) == ([Name.Artifact], "BMC")
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == "A deck"


def _raise_in_the_tree(*_args: object) -> None:
    raise KeyError("/K")


def _half_written(self: pikepdf.Pdf, target: Any, *_args: object, **_kwargs: object) -> None:
    Path(target).write_bytes(b"%PDF-1.6 half")
    raise pikepdf.PdfError("disk went away mid-write")


@pytest.mark.parametrize(
    ("where", "patch"),
    [
        ("while completing the tree", (pdf_tags, "_complete_figures", _raise_in_the_tree)),
        ("while writing the PDF", (pikepdf.Pdf, "save", _half_written)),
    ],
    ids=["tree", "save"],
)
def test_a_repair_that_raises_keeps_libreoffices_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, patch: tuple[Any, str, Any]
) -> None:
    path = libreoffice_pdf(tmp_path / "deck.pdf")
    written = path.read_bytes()
    monkeypatch.setattr(*patch)
    monkeypatch.setattr(libreoffice, "read_pdf_facts", lambda _deck: FACTS)
    notes = libreoffice._complete_tags(path, tmp_path / "deck.pptx")
    assert path.read_bytes() == written, where
    assert folder_listing(tmp_path) == ["deck.pdf"], "a half-written PDF was left"
    [note] = notes
    assert note.startswith("is tagged as LibreOffice wrote it: its language, chart alt text")
    assert "bug in summarydeck: please report it, with the deck" in note


def test_memory_running_out_is_not_taken_for_a_pdf_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_memory(*_args: object) -> None:
        raise MemoryError

    path = libreoffice_pdf(tmp_path / "deck.pdf")
    monkeypatch.setattr(pdf_tags, "_complete_figures", no_memory)
    monkeypatch.setattr(libreoffice, "read_pdf_facts", lambda _deck: FACTS)
    with pytest.raises(MemoryError):
        libreoffice._complete_tags(path, tmp_path / "deck.pptx")


def test_a_disk_failing_while_the_deck_is_read_again_fails_the_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # not a deck summarydeck cannot read: the export fails as any disk failure makes it fail
    def failing_disk(deck: Path) -> PdfFacts:
        try:
            raise OSError(5, "Input/output error")
        except OSError as exc:
            raise DeckReadError(f"{deck}: cannot be read", "") from exc

    path = libreoffice_pdf(tmp_path / "deck.pdf")
    monkeypatch.setattr(libreoffice, "read_pdf_facts", failing_disk)
    with pytest.raises(OSError, match="Input/output error"):
        libreoffice._complete_tags(path, tmp_path / "deck.pptx")


def test_a_deck_whose_facts_cannot_be_read_keeps_the_pdf_and_says_why_without_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staged = tmp_path / ".export-x1y2" / "work" / "decks" / "0" / "deck.pptx"

    def unreadable(deck: Path) -> PdfFacts:
        try:
            int("zz")
        except ValueError as exc:  # as read_pdf_facts raises it: its message names the copy
            raise DeckReadError(f"{deck}: cannot be read as a PowerPoint deck", "") from exc
        raise AssertionError

    path = libreoffice_pdf(tmp_path / "deck.pdf")
    written = path.read_bytes()
    monkeypatch.setattr(libreoffice, "read_pdf_facts", unreadable)
    [note] = libreoffice._complete_tags(path, staged)
    assert path.read_bytes() == written
    assert note == (
        "is tagged as LibreOffice wrote it: its language, chart alt text and decorative marks "
        "could not be added: the deck holds a value summarydeck cannot read (ValueError); "
        "open it in PowerPoint, save it and export again"
    )


@pytest.mark.parametrize(
    ("producer", "tree", "marked", "expected"),
    [
        ("LibreOffice 7.4", True, True, None),
        ("LibreOffice 7.3", False, False, UNTAGGED_73),
        (
            "",
            False,
            False,
            "is not tagged for screen readers: this LibreOffice did not take the tagging "
            "options (7.4 or later does); install LibreOffice 7.4 or later and export again",
        ),
        (
            "LibreOffice 24.2",
            True,
            False,  # a tree, but not marked as tagged
            "is not tagged for screen readers: LibreOffice 24.2 wrote it without tags, though "
            "asked for them; this is a bug in summarydeck: please report it, with the deck",
        ),
        (
            "LibreOfficeDev 7.3",  # a development build names itself so
            False,
            False,
            UNTAGGED_73.replace("LibreOffice 7.3", "LibreOfficeDev 7.3"),
        ),
    ],
    ids=["tagged", "7.3", "no-producer", "unmarked", "dev-build"],
)
def test_an_untagged_pdf_is_said(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    producer: str,
    tree: bool,
    marked: bool,
    expected: str | None,
) -> None:
    path = libreoffice_pdf(tmp_path / "deck.pdf", producer=producer, tree=tree, marked=marked)
    monkeypatch.setattr(libreoffice, "read_pdf_facts", lambda _deck: FACTS)
    notes = libreoffice._complete_tags(path, tmp_path / "deck.pptx")
    assert notes == (() if expected is None else (expected,))
    with pikepdf.open(path) as pdf:  # the language and title go in all the same
        assert str(pdf.Root.Lang) == "cy"


def test_a_pdf_pikepdf_cannot_read_is_left_to_poppler_and_said(tmp_path: Path) -> None:
    path = tmp_path / "deck.pdf"
    path.write_bytes(b"%PDF-1.4 not really")
    [note] = libreoffice._complete_tags(path, tmp_path / "deck.pptx")
    assert note.startswith("may not be tagged for screen readers: pikepdf cannot read")
    assert path.read_bytes() == b"%PDF-1.4 not really"


# --- the facts of a deck from elsewhere -------------------------------------------------------


def foreign_deck(path: Path, *, child_offset: str = "0", hidden: int = -1) -> Path:
    """A python-pptx deck (not one summarydeck built) of three slides, each holding a group of
    two shapes with alt text; the first slide's group has `child_offset` as its chOff x."""
    prs = Presentation()
    for number in range(1, 4):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = f"Slide {number}"
        group = slide.shapes.add_group_shape()
        for kind, left in ((MSO_SHAPE.OVAL, 1), (MSO_SHAPE.RECTANGLE, 3)):
            shape = group.shapes.add_shape(kind, Inches(left), Inches(2), Inches(1), Inches(1))
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor(0x1F, 0x4E, 0x79)
            # no theme style (its shadow widens LibreOffice's box) and no outline
            shape._element.remove(shape._element.find(qn("p:style")))
        group._element.nvGrpSpPr.cNvPr.set("descr", f"Pictogram {number}")
        if number == 1:
            group._element.grpSpPr.xfrm.find(f"{{{A_NS}}}chOff").set("x", child_offset)
        if number - 1 == hidden:
            slide._element.set("show", "0")
    prs.core_properties.language = "cy"
    prs.save(str(path))
    return path


def test_an_odd_value_in_a_group_leaves_only_its_slide_as_libreoffice_tags_it(
    tmp_path: Path,
) -> None:
    facts = read_pdf_facts(foreign_deck(tmp_path / "odd.pptx", child_offset="zz"))
    assert facts.language == "cy"
    first, *others = facts.slides
    assert first.graphics is None  # unforeseen: its page is kept as LibreOffice tags it
    for slide in others:
        assert slide.graphics is not None
        assert [(g.alt, g.picture) for g in slide.graphics] == [
            (f"Pictogram {slide.number}", 0)
        ] * 2


def test_hidden_slides_are_numbered_and_marked(tmp_path: Path) -> None:
    facts = read_pdf_facts(foreign_deck(tmp_path / "hidden.pptx", hidden=0))
    assert [(slide.number, slide.hidden) for slide in facts.slides] == [
        (1, True),
        (2, False),
        (3, False),
    ]


def test_a_slide_size_that_is_not_a_number_matches_no_page(tmp_path: Path) -> None:
    deck = foreign_deck(tmp_path / "size.pptx")
    prs = Presentation(str(deck))
    prs._element.find(qn("p:sldSz")).set("cx", "zz")
    prs.save(str(deck))
    assert read_pdf_facts(deck).size == (0, 0)


# --- `summarydeck export` with a fake LibreOffice ---------------------------------------------


COPYING_SOFFICE = """\
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift 2;;
    --convert-to) shift 2;;
    -*) shift;;
    *) name=$(basename "$1"); cp "{pdf}" "$out/${{name%.*}}.pdf"; shift;;
  esac
done
"""
ONE_PAGE_PDFTOPPM = 'for arg; do prefix="$arg"; done\ncp "{png}" "$prefix-1.png"\n'


@dataclass
class Export:
    tmp: Path
    deck: Path
    out: Path

    def libreoffice_writes(self, pdf: Path) -> None:
        script(self.tmp / "bin" / "fake-soffice", COPYING_SOFFICE.format(pdf=pdf))

    def run(self) -> Any:
        return CliRunner().invoke(cli, ["export", str(self.deck), "--out", str(self.out)])


def script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return path


@pytest.fixture
def export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Export:
    """A one-slide deck from elsewhere, and fake LibreOffice and pdftoppm on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    png = tmp_path / "page.png"
    Image.new("RGB", (64, 48), "white").save(png)
    script(bin_dir / "pdftoppm", ONE_PAGE_PDFTOPPM.format(png=png))
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv(tools.SOFFICE_ENV, str(bin_dir / "fake-soffice"))
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Only slide"
    deck = tmp_path / "deck.pptx"
    prs.save(str(deck))
    return Export(tmp_path, deck, tmp_path / "out")


@posix_only
def test_export_says_when_libreoffice_wrote_no_tags(export: Export) -> None:
    export.libreoffice_writes(
        libreoffice_pdf(export.tmp / "lo.pdf", producer="LibreOffice 7.3", tree=False, marked=False)
    )
    run = export.run()
    assert run.exit_code == 0, run.output
    assert run.stderr == f"warning: {export.out / 'deck.pdf'} {UNTAGGED_73}\n"
    assert run.stdout.startswith("Exported deck.pptx: ")
    assert (export.out / "deck.pdf").is_file()


@posix_only
def test_export_keeps_libreoffices_pdf_when_the_deck_cannot_be_read_for_it(
    export: Export, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a deck from elsewhere did before the repair caught it: read_pdf_facts refusing the
    staged copy no longer stops the export, and the staging folder is named nowhere."""
    lo_pdf = libreoffice_pdf(export.tmp / "lo.pdf")
    export.libreoffice_writes(lo_pdf)

    def unreadable(deck: Path) -> PdfFacts:
        raise DeckReadError(f"{deck}: cannot be read as a PowerPoint deck (ValueError)", "")

    monkeypatch.setattr(libreoffice, "read_pdf_facts", unreadable)
    run = export.run()
    assert run.exit_code == 0, run.output
    assert run.stderr.startswith(
        f"warning: {export.out / 'deck.pdf'} is tagged as LibreOffice wrote it: "
    )
    assert "open it in PowerPoint, save it and export again" in run.stderr
    assert ".export-" not in run.output and "decks/0" not in run.output
    assert (export.out / "deck.pdf").read_bytes() == lo_pdf.read_bytes()


@posix_only
def test_export_of_a_tagged_pdf_warns_of_nothing(export: Export) -> None:
    export.libreoffice_writes(libreoffice_pdf(export.tmp / "lo.pdf"))
    run = export.run()
    assert run.exit_code == 0, run.output
    assert run.stderr == ""
