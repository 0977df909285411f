"""`summarydeck export` of untrusted decks: links to files outside the deck, and long decks.

A deck that links a picture, sound, video, OLE object or template to a file (or a web address)
would make LibreOffice read that file into the PDF: export refuses it before LibreOffice starts
(exit 3, nothing written), unless `--allow-linked-files`. Hyperlinks are only followed on a
click, so they export. The refusals run with fake tools (LibreOffice never starts); the few tests
that need the real LibreOffice are marked `render` and `slow`.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.util import Inches

from render_helpers import require_tools
from summarydeck.cli import cli
from summarydeck.export import contact_sheet, libreoffice, tools
from summarydeck.export.contact_sheet import MAX_SHEET_PIXELS, plan, tile
from summarydeck.ooxml import export_reading
from summarydeck.ooxml.opening import DeckReadError

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the fake tools are sh scripts")

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
SECRET_SIZE = (200, 150)  # the private picture a linked deck points at: its size in a PDF


# --- decks ------------------------------------------------------------------------------------


def _png(size: tuple[int, int] = (12, 9), colour: str = "red") -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", size, colour).save(data, "PNG")
    data.seek(0)
    return data


def _deck(edit: Callable[[Any, Any], None] | None = None) -> Any:
    """A one-slide deck with a title, `edit(prs, slide)` applied."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "A slide"
    if edit:
        edit(prs, slide)
    return prs


def _link_picture(part: Any, shapes: Any, target: str) -> None:
    """A picture on `shapes` whose bytes live at `target`, not in the deck (`r:link`), as
    PowerPoint's Insert Picture > Link to File writes it."""
    rel_id = part.relate_to(target, RT.IMAGE, is_external=True)
    shapes._spTree.append(
        etree.fromstring(
            f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvPicPr>'
            '<p:cNvPr id="90" name="Linked picture" descr="A picture"/><p:cNvPicPr/><p:nvPr/>'
            f'</p:nvPicPr><p:blipFill><a:blip r:link="{rel_id}"/><a:stretch><a:fillRect/>'
            '</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="914400" y="1828800"/>'
            '<a:ext cx="2743200" cy="1828800"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            "</a:prstGeom></p:spPr></p:pic>"
        )
    )


def linked_picture(target: str) -> Callable[[Any, Any], None]:
    return lambda prs, slide: _link_picture(slide.part, slide.shapes, target)


def linked_media(kind: str, target: str) -> Callable[[Any, Any], None]:
    """A video or sound whose file is linked (`a:videoFile`/`a:audioFile` with `r:link`)."""

    def edit(prs: Any, slide: Any) -> None:
        movie = slide.shapes.add_movie(
            io.BytesIO(b"not really a film"), Inches(1), Inches(2), Inches(3), Inches(2)
        )
        movie.name = f"Linked {kind}"
        media = next(movie._element.iter(f"{{{A}}}videoFile"))
        slide.part.drop_rel(media.get(f"{{{R}}}link"))
        reltype = RT.VIDEO if kind == "video" else RT.AUDIO
        media.tag = f"{{{A}}}{kind}File"
        media.set(f"{{{R}}}link", slide.part.relate_to(target, reltype, is_external=True))

    return edit


def linked_ole(target: str) -> Callable[[Any, Any], None]:
    """An OLE object (a workbook) shown on the slide, linked to its file (`p:link`)."""

    def edit(prs: Any, slide: Any) -> None:
        rel_id = slide.part.relate_to(target, RT.OLE_OBJECT, is_external=True)
        frame = etree.fromstring(
            f'<p:graphicFrame xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}">'
            '<p:nvGraphicFramePr><p:cNvPr id="9" name="Linked workbook"/><p:cNvGraphicFramePr/>'
            '<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="914400" y="1828800"/>'
            '<a:ext cx="2743200" cy="1828800"/></p:xfrm><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
            f'<p:oleObj name="Worksheet" r:id="{rel_id}" progId="Excel.Sheet.12">'
            '<p:link updateAutomatic="1"/></p:oleObj></a:graphicData></a:graphic>'
            "</p:graphicFrame>"
        )
        slide.shapes._spTree.append(frame)

    return edit


def linked_chart_data(target: str) -> Callable[[Any, Any], None]:
    """A chart whose data lives in a workbook outside the deck (`c:externalData`)."""

    def edit(prs: Any, slide: Any) -> None:
        data = CategoryChartData()
        data.categories = ["a", "b"]
        data.add_series("s", (1, 2))
        chart = slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(4), Inches(3), data
        ).chart
        part = chart.part
        external = next(part._element.iter(f"{{{C}}}externalData"))
        part.drop_rel(external.get(f"{{{R}}}id"))
        external.set(f"{{{R}}}id", part.relate_to(target, RT.PACKAGE, is_external=True))

    return edit


def layout_picture(target: str) -> Callable[[Any, Any], None]:
    def edit(prs: Any, slide: Any) -> None:
        layout = slide.slide_layout
        _link_picture(layout.part, layout.shapes, target)

    return edit


def notes_picture(target: str) -> Callable[[Any, Any], None]:
    def edit(prs: Any, slide: Any) -> None:
        notes = slide.notes_slide
        _link_picture(notes.part, notes.shapes, target)

    return edit


def linked_template(target: str) -> Callable[[Any, Any], None]:
    reltype = f"{R}/attachedTemplate"
    return lambda prs, slide: prs.part.relate_to(target, reltype, is_external=True)


def hyperlinks(*addresses: str) -> Callable[[Any, Any], None]:
    """Text runs linking to these addresses: followed only on a click."""

    def edit(prs: Any, slide: Any) -> None:
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(2)).text_frame
        for address in addresses:
            run = box.add_paragraph().add_run()
            run.text = address
            run.hyperlink.address = address

    return edit


def embedded_picture(prs: Any, slide: Any) -> None:
    slide.shapes.add_picture(_png(), Inches(1), Inches(2), Inches(3), Inches(2))


SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"


def svg_picture(inner: str) -> Callable[[Any, Any], None]:
    """A picture held in the deck as PowerPoint stores an SVG: a PNG fallback, and the SVG
    part (`image/svg+xml`) named by `asvg:svgBlip`; `inner` is the SVG's content."""

    def edit(prs: Any, slide: Any) -> None:
        picture = slide.shapes.add_picture(_png(), Inches(1), Inches(2), Inches(3), Inches(2))
        picture.name = "Vector logo"
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
            f' width="20" height="20">{inner}</svg>'
        ).encode()
        part = Part(PackURI("/ppt/media/vector1.svg"), "image/svg+xml", slide.part.package, svg)
        rel_id = slide.part.relate_to(part, RT.IMAGE)
        blip = next(picture._element.iter(f"{{{A}}}blip"))
        blip.append(
            etree.fromstring(
                f'<a:extLst xmlns:a="{A}"><a:ext uri="{SVG_EXTENSION}"><asvg:svgBlip '
                f'xmlns:asvg="{SVG_NS}" xmlns:r="{R}" r:embed="{rel_id}"/></a:ext></a:extLst>'
            )
        )

    return edit


@dataclass(frozen=True)
class Refused:
    edit: Callable[[Any, Any], None]
    message: str  # a regular expression the error must match


REFUSED = {
    "picture-file-url": Refused(
        linked_picture("file:///etc/hostname"),
        r"a picture on slide 1 \(\"Linked picture\"\) is linked to the file "
        r"'file:///etc/hostname'; LibreOffice would read that file from this computer",
    ),
    "picture-relative-path": Refused(
        linked_picture("../secret.png"), r"a picture on slide 1 .* the file '\.\./secret\.png'"
    ),
    "picture-absolute-path": Refused(
        linked_picture("/home/someone/secret.png"), r"the file '/home/someone/secret\.png'"
    ),
    "picture-windows-path": Refused(
        linked_picture("C:\\Users\\me\\secret.png"), r"the file 'C:\\Users\\me\\secret\.png'"
    ),
    "picture-unc-share": Refused(
        linked_picture("\\\\server\\share\\secret.png"),
        r"the file '\\\\server\\share\\secret\.png'",
    ),
    "picture-file-url-with-host": Refused(
        linked_picture("file://server/share/secret.png"), r"the file 'file://server/share/"
    ),
    "picture-smb-url": Refused(
        linked_picture("smb://server/share/secret.png"), r"the file 'smb://server/share/"
    ),
    "picture-http": Refused(
        linked_picture("http://tracker.example/pixel.png?who=me"),
        r"linked to the web address 'http://tracker\.example/pixel\.png\?who=me'; "
        r"LibreOffice would fetch it from the web",
    ),
    "picture-https": Refused(
        linked_picture("https://example.org/logo.png"), r"web address 'https://example\.org/"
    ),
    "video-file": Refused(
        linked_media("video", "file:///home/someone/film.mp4"),
        r"a video on slide 1 \(\"Linked video\"\) is linked to the file 'file:///home/",
    ),
    "sound-relative": Refused(
        linked_media("audio", "../voice-memo.m4a"), r"a sound on slide 1 .* '\.\./voice-memo"
    ),
    "ole-object": Refused(
        linked_ole("C:\\Finance\\salaries.xlsx"),
        r"an OLE object on slide 1 \(\"Linked workbook\"\) is linked to the file 'C:",
    ),
    "chart-workbook": Refused(
        linked_chart_data("file:///home/someone/book.xlsx"),
        r"a document on slide 1 .* is linked to the file 'file:///home/someone/book\.xlsx'",
    ),
    "layout-picture": Refused(
        layout_picture("/etc/hostname"),
        r"a picture on ppt/slideLayouts/slideLayout6\.xml \(\"Linked picture\"\) .* "
        r"'/etc/hostname'",
    ),
    "notes-picture": Refused(
        notes_picture("../notes.png"), r"a picture on the notes of slide 1 .* '\.\./notes\.png'"
    ),
    "svg-image-file-url": Refused(
        svg_picture('<image xlink:href="file:///home/someone/secret.png" width="9" height="9"/>'),
        r"a picture inside an SVG on slide 1 \(\"Vector logo\"\) is linked to the file "
        r"'file:///home/someone/secret\.png'; LibreOffice would read that file",
    ),
    "svg-image-relative": Refused(
        svg_picture('<image href="../x.png" width="9" height="9"/>'),
        r"a picture inside an SVG on slide 1 .* the file '\.\./x\.png'",
    ),
    "svg-image-http": Refused(
        svg_picture('<image href="http://tracker.example/p.png" width="9" height="9"/>'),
        r"inside an SVG .* the web address 'http://tracker\.example/p\.png'; LibreOffice "
        r"would fetch it from the web",
    ),
    "svg-css-url": Refused(
        svg_picture(
            "<style>rect { fill: url('/home/someone/pattern.svg#p') }</style>"
            '<rect width="9" height="9" style="filter: url(#f)"/>'
        ),
        r"inside an SVG .* the file '/home/someone/pattern\.svg#p'",
    ),
    "svg-use-other-file": Refused(
        svg_picture('<use xlink:href="shapes.svg#star"/>'),
        r"inside an SVG .* the file 'shapes\.svg#star'",
    ),
    "template": Refused(
        linked_template("file:///templates/house.potx"),
        r"a template on ppt/presentation\.xml is linked to the file 'file:///templates/",
    ),
}
EXPORTED = {
    "plain": None,
    "embedded-picture": embedded_picture,
    # hyperlinks of any scheme: a click follows them, LibreOffice never does (check's C601
    # judges the addresses)
    "hyperlinks": hyperlinks("https://example.org", "mailto:a@example.org", "file:///etc/x"),
    # an SVG drawing only from itself: data: pictures, #fragments, and a hyperlink (<a>)
    "svg-self-contained": svg_picture(
        '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
        '<rect width="9" height="9" fill="url(#g)" style="stroke: url( \'#g\' )"/>'
        '<use xlink:href="#g"/><a href="https://example.org"><circle r="2"/></a>'
        '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>'
    ),
}


# --- fake tools -------------------------------------------------------------------------------

# records its arguments and its profile's settings, then converts like the real one
RECORDING_SOFFICE = """\
echo "$@" > "{record}/args"
for arg; do case "$arg" in -env:UserInstallation=file://*)
  cp "${{arg#-env:UserInstallation=file://}}/user/registrymodifications.xcu" "{record}/xcu";;
esac; done
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift 2;;
    --convert-to) shift 2;;
    -*) shift;;
    *) cp "$1" "{record}/given.pptx"; name=$(basename "$1")
       echo "%PDF-1.4" > "$out/${{name%.*}}.pdf"; shift;;
  esac
done
"""
ONE_PAGE_PDFTOPPM = 'for arg; do prefix="$arg"; done\ncp "{png}" "$prefix-1.png"\n'


@dataclass
class Setup:
    folder: Path
    out: Path
    record: Path

    def save(self, prs: Any, name: str = "deck.pptx") -> Path:
        path = self.folder / name
        prs.save(str(path))
        return path

    def export(self, *args: str) -> Any:
        return CliRunner().invoke(cli, ["export", *args, "--out", str(self.out)])

    @property
    def soffice_ran(self) -> bool:
        return (self.record / "args").exists()


def _script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return path


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Setup:
    """Fake soffice and pdftoppm (a converting soffice that records what it was given, and a
    pdftoppm that draws one page), a folder for decks and an out folder."""
    bin_dir, record, decks = tmp_path / "bin", tmp_path / "record", tmp_path / "decks"
    for folder in (bin_dir, record, decks):
        folder.mkdir()
    png = tmp_path / "page.png"
    Image.new("RGB", (64, 36), "white").save(png)
    _script(bin_dir / "pdftoppm", ONE_PAGE_PDFTOPPM.format(png=png))
    soffice = _script(bin_dir / "fake-soffice", RECORDING_SOFFICE.format(record=record))
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv(tools.SOFFICE_ENV, str(soffice))
    return Setup(decks, tmp_path / "out", record)


# --- refused before LibreOffice starts --------------------------------------------------------


@posix_only
@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_a_deck_that_links_to_files_is_refused_before_libreoffice(setup: Setup, case: str) -> None:
    deck = setup.save(_deck(REFUSED[case].edit))
    run = setup.export(str(deck))
    assert run.exit_code == 3, run.output
    expected = r"deck\.pptx: not exported: .*" + REFUSED[case].message
    assert re.search(expected, run.output), run.output
    assert "Edit Links to Files > Break Link" in run.output
    assert "--allow-linked-files" in run.output
    assert "Traceback" not in run.output and isinstance(run.exception, SystemExit)
    assert not setup.soffice_ran
    assert not setup.out.exists() or not any(setup.out.iterdir())


@posix_only
def test_the_refusal_names_the_deck_and_counts_its_other_links(setup: Setup) -> None:
    def two_links(prs: Any, slide: Any) -> None:
        linked_picture("../one.png")(prs, slide)
        linked_picture("https://example.org/two.png")(prs, slide)

    good = setup.save(_deck(), "good.pptx")
    bad = setup.save(_deck(two_links), "bad.pptx")
    run = setup.export(str(good), str(bad))
    assert run.exit_code == 3
    assert re.search(
        r"bad\.pptx: not exported: .*'\.\./one\.png' \(and 1 more link like it\)", run.output
    ), run.output
    assert "good.pptx" not in run.output
    assert not setup.soffice_ran and not setup.out.exists()


@posix_only
def test_a_fifo_given_to_export_is_refused_before_libreoffice(setup: Setup) -> None:
    fifo = setup.folder / "deck.pptx"
    os.mkfifo(fifo)
    run = setup.export(str(fifo))
    assert run.exit_code == 3, run.output
    assert "deck.pptx" in run.output and "Traceback" not in run.output
    assert not setup.soffice_ran


# --- exported ---------------------------------------------------------------------------------


@posix_only
@pytest.mark.parametrize("case", EXPORTED, ids=list(EXPORTED))
def test_decks_without_linked_files_still_export(setup: Setup, case: str) -> None:
    deck = setup.save(_deck(EXPORTED[case]))
    run = setup.export(str(deck))
    assert run.exit_code == 0, run.output
    assert (setup.out / "deck.pdf").exists() and (setup.out / "deck-contact-sheet.png").exists()


@posix_only
def test_libreoffice_gets_the_checked_bytes_in_a_profile_that_blocks_links(setup: Setup) -> None:
    deck = setup.save(_deck(embedded_picture))
    assert setup.export(str(deck)).exit_code == 0
    args = (setup.record / "args").read_text()
    assert str(deck) not in args, "LibreOffice must get the staged copy, not the path again"
    assert (setup.record / "given.pptx").read_bytes() == deck.read_bytes()
    settings = (setup.record / "xcu").read_text()
    assert re.search(r'"BlockUntrustedRefererLinks".*?<value>true</value>', settings)
    assert re.search(r'"DisableMacrosExecution".*?<value>true</value>', settings)


@posix_only
def test_allow_linked_files_exports_the_deck_where_it_is_with_links_allowed(setup: Setup) -> None:
    deck = setup.save(_deck(linked_picture("../secret.png")))
    run = setup.export(str(deck), "--allow-linked-files")
    assert run.exit_code == 0, run.output
    # the deck itself: its relative links resolve against its own folder
    assert str(deck) in (setup.record / "args").read_text()
    settings = (setup.record / "xcu").read_text()
    assert re.search(r'"BlockUntrustedRefererLinks".*?<value>false</value>', settings)


# --- long decks: a contact sheet within a pixel budget ----------------------------------------


@pytest.mark.parametrize("count", [1, 26, 64, 65, 300, 2006, 100_000])
def test_the_contact_sheet_stays_within_its_pixel_budget(count: int) -> None:
    layout = plan(count, 9 / 16, None, contact_sheet.TILE_WIDTH)
    width, height = layout.size
    assert width * height <= MAX_SHEET_PIXELS
    assert layout.tile_width >= contact_sheet.MIN_TILE_WIDTH
    assert height <= 4 * width or count <= 64, "a long deck gets columns, not a tall strip"
    if count <= 64:  # a deck of a usual length keeps its sheet as it was
        assert (layout.columns, layout.tile_width, layout.shown) == (4, 400, count)
    if count <= 2006:
        assert layout.shown == count


def test_a_sheet_past_its_budget_shows_the_first_slides_and_how_many_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contact_sheet, "MAX_SHEET_PIXELS", 150_000)
    monkeypatch.setattr(contact_sheet, "MIN_TILE_WIDTH", 40)
    picture = tmp_path / "slide.png"
    Image.new("RGB", (200, 110), "#000000").save(picture)  # 40 x 22 tiles, filled exactly
    count = 200
    out = tmp_path / "sheet.png"
    tile([picture] * count, [f"{n} · s" for n in range(1, count + 1)], out)
    layout = plan(count, 110 / 200, None, contact_sheet.TILE_WIDTH)
    assert layout.shown < count
    with Image.open(out) as sheet:
        assert sheet.size == layout.size and sheet.width * sheet.height <= 150_000
        black = sheet.convert("L").histogram()[0]
    tile_area = layout.tile_width * layout.tile_height
    assert black == (layout.shown - 1) * tile_area, "the last place holds the note, not a slide"


# --- with LibreOffice: the profile's own lock -------------------------------------------------


def _images_in(pdf: Path) -> int:
    return len(re.findall(rb"/Subtype\s*/Image", pdf.read_bytes()))


@pytest.mark.render
@pytest.mark.slow
def test_libreoffice_loads_no_linked_file_in_the_export_profile(tmp_path: Path) -> None:
    require_tools()
    Image.new("RGB", SECRET_SIZE, "blue").save(tmp_path / "secret.png")
    deck = tmp_path / "decks" / "linked.pptx"
    deck.parent.mkdir()
    _deck(linked_picture((tmp_path / "secret.png").as_uri())).save(str(deck))
    soffice = tools.find_tools().soffice
    blocked, allowed = tmp_path / "blocked", tmp_path / "allowed"
    for work in (blocked, allowed):
        work.mkdir()
    [pdf] = libreoffice.convert_to_pdf(soffice, [deck], blocked)
    assert _images_in(pdf) == 0, "LibreOffice read the linked file into the PDF"
    # the same deck with links allowed: the file is read, so the test above can see it
    [pdf] = libreoffice.convert_to_pdf(soffice, [deck], allowed, block_links=False)
    assert _images_in(pdf) == 1


def test_a_slide_python_pptx_cannot_read_is_refused_in_our_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """python-pptx and lxml raise many kinds for a damaged part: the message says which part
    of the deck, never their class names."""

    def damaged(prs: Any) -> Any:
        raise KeyError("rId7")

    monkeypatch.setattr(export_reading, "slides", damaged)
    buffer = io.BytesIO()
    _deck().save(buffer)
    with pytest.raises(DeckReadError) as caught:
        export_reading.read_export_facts(buffer.getvalue(), "deck.pptx")
    assert str(caught.value) == (
        "deck.pptx: cannot be read as a PowerPoint deck: its list of slides is damaged"
    )
