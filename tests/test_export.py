"""`summarydeck.export`: decks -> PDF, one PNG per slide and a contact sheet.

The end-to-end tests run LibreOffice once, for two decks (the `render` and `slow` markers);
every failure is tested with small fake `soffice` and `pdftoppm` scripts, so it runs in a
blink anywhere.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from render_helpers import require_tools
from summarydeck.diagnostics import OutputError
from summarydeck.export import ExportedDeck, ToolMissingError, export_decks, libreoffice, tools
from summarydeck.export.contact_sheet import CAPTION_HEIGHT, GAP, tile
from summarydeck.export.decks import read_decks
from summarydeck.export.naming import caption, sanitise_id, slide_file_name, slide_id

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the fake tools are sh scripts")


# --- helpers ----------------------------------------------------------------------------------


def tiny_deck(path: Path, names: Iterable[str | None], hidden: Iterable[int] = ()) -> Path:
    """A python-pptx deck whose slides carry these `p:cSld` names (None: no name)."""
    prs = Presentation()
    hidden = set(hidden)
    for index, name in enumerate(names):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        if name is not None:
            slide._element.cSld.set("name", name)
        if index in hidden:
            slide._element.set("show", "0")
    prs.save(str(path))
    return path


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under `folder`, by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(folder.rglob("*"))
    }


def earlier_export(out: Path, stem: str) -> dict[str, bytes | None]:
    """Files as an earlier export left them, plus someone else's file; returns the snapshot."""
    (out / f"{stem}-slides").mkdir(parents=True)
    (out / f"{stem}-slides" / "01-stale.png").write_bytes(b"old slide")
    (out / f"{stem}.pdf").write_bytes(b"old pdf")
    (out / f"{stem}-contact-sheet.png").write_bytes(b"old sheet")
    (out / "notes.txt").write_text("not ours")
    return snapshot(out)


def script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return path


# a fake soffice that converts like the real one: an empty-ish PDF per input in --outdir
CONVERTING_SOFFICE = """\
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift 2;;
    --convert-to) shift 2;;
    -*) shift;;
    *) name=$(basename "$1"); echo "%PDF-1.4 fake" > "$out/${name%.*}.pdf"; shift;;
  esac
done
"""
# a fake pdftoppm that always draws one page, whatever it is asked: `<prefix>-1.png`
ONE_PAGE_PDFTOPPM = 'for arg; do prefix="$arg"; done\n: > "$prefix-1.png"\n'


@dataclass
class Fakes:
    bin: Path
    out: Path
    deck: Path
    before: dict[str, bytes | None]

    def soffice(self, body: str) -> None:
        os.environ[tools.SOFFICE_ENV] = str(script(self.bin / "fake-soffice", body))

    def pdftoppm(self, body: str) -> None:
        script(self.bin / "pdftoppm", body)

    def assert_untouched(self) -> None:
        assert snapshot(self.out) == self.before
        assert not [p for p in self.out.iterdir() if p.name.startswith(".export-")]


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Fakes:
    """A three-slide deck, an out folder holding an earlier export of it, and a bin folder first
    on PATH for fake tools (a converting soffice and a one-page pdftoppm to start with)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv(tools.SOFFICE_ENV, "")  # monkeypatch restores it after Fakes.soffice
    deck = tiny_deck(tmp_path / "tiny.pptx", ["one", "two", "three"])
    out = tmp_path / "out"
    fakes = Fakes(bin_dir, out, deck, earlier_export(out, "tiny"))
    fakes.soffice(CONVERTING_SOFFICE)
    fakes.pdftoppm(ONE_PAGE_PDFTOPPM)
    return fakes


# --- naming -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("why-it-matters", "why-it-matters"),
        ("Why It Matters!", "why-it-matters"),
        ("  --a__b..c--  ", "a-b-c"),
        ("Ŵyl Café", "wyl-cafe"),
        ("../../etc/passwd", "etc-passwd"),
        ("a/b\\c:d*e?f", "a-b-c-d-e-f"),
        ("日本語", ""),
        ("", ""),
        ("x" * 100, "x" * 60),
        ("a" * 59 + "-b", "a" * 59),  # cut at the limit, no hyphen left dangling
    ],
)
def test_ids_are_sanitised_to_safe_file_names(raw: str, safe: str) -> None:
    assert sanitise_id(raw) == safe


def test_a_slide_without_a_usable_name_is_named_by_its_number() -> None:
    assert slide_id("sick-leave", 7) == "sick-leave"
    assert slide_id(None, 7) == "slide-07"
    assert slide_id("", 12) == "slide-12"
    assert slide_id("???", 3) == "slide-03"


def test_slide_numbers_have_two_digits_or_three_past_99_slides() -> None:
    assert slide_file_name(3, "agenda", 26) == "03-agenda.png"
    assert slide_file_name(26, "closing", 26) == "26-closing.png"
    assert slide_file_name(3, "agenda", 99) == "03-agenda.png"
    assert slide_file_name(3, "agenda", 100) == "003-agenda.png"
    assert slide_file_name(100, "closing", 100) == "100-closing.png"


def test_caption() -> None:
    assert caption(4, "why-it-matters") == "4 · why-it-matters"


def test_reading_a_deck_names_its_visible_slides(tmp_path: Path) -> None:
    deck = tiny_deck(tmp_path / "d.pptx", ["title", None, "Two Sides!", "secret", ""], hidden=[3])
    [read] = read_decks([deck])
    assert read.stem == "d"
    assert read.path.is_absolute()
    # the hidden slide 4 is not in the PDF LibreOffice writes, so it gets no picture
    assert [(s.number, s.ident, s.file_name) for s in read.slides] == [
        (1, "title", "01-title.png"),
        (2, "slide-02", "02-slide-02.png"),
        (3, "two-sides", "03-two-sides.png"),
        (5, "slide-05", "05-slide-05.png"),
    ]


# --- the contact sheet ------------------------------------------------------------------------

COLOURS = ["#FF0000", "#00FF00", "#0000FF", "#FFFF00", "#FF00FF", "#00FFFF"]


def test_contact_sheet_tiles_in_rows_with_captions(tmp_path: Path) -> None:
    pictures = []
    for index, colour in enumerate(COLOURS):
        pictures.append(tmp_path / f"{index}.png")
        Image.new("RGB", (320, 180), colour).save(pictures[-1])
    out = tmp_path / "sheet.png"
    tile(pictures, [f"{i + 1} · s{i + 1}" for i in range(6)], out, columns=4, tile_width=80)
    with Image.open(out) as opened:
        sheet = opened.convert("RGB")
    tile_height = 45  # 80 wide at 16:9
    assert sheet.size == (4 * 80 + 5 * GAP, 2 * (tile_height + CAPTION_HEIGHT + GAP) + GAP)
    for index, colour in enumerate(COLOURS):
        x = GAP + (index % 4) * (80 + GAP)
        y = GAP + (index // 4) * (tile_height + CAPTION_HEIGHT + GAP)
        expected = Image.new("RGB", (1, 1), colour).getpixel((0, 0))
        assert sheet.getpixel((x + 40, y + 22)) == expected, f"tile {index + 1}"
        # the caption: dark text on the light background, below the tile
        caption_box = sheet.crop((x, y + tile_height + 2, x + 80, y + tile_height + CAPTION_HEIGHT))
        assert caption_box.convert("L").getextrema()[0] < 100, f"caption {index + 1}"
    # the empty places of the last row stay background
    empty = (GAP + 3 * (80 + GAP) + 40, 2 * GAP + tile_height + CAPTION_HEIGHT + 22)
    assert sheet.getpixel(empty) == sheet.getpixel((0, 0))


def test_contact_sheet_never_stretches_a_picture(tmp_path: Path) -> None:
    wide = tmp_path / "wide.png"
    square = tmp_path / "square.png"
    Image.new("RGB", (160, 90), "#000000").save(wide)
    Image.new("RGB", (90, 90), "#FF0000").save(square)
    out = tmp_path / "sheet.png"
    tile([wide, square], ["1 · a", "2 · b"], out, columns=2, tile_width=160)
    with Image.open(out) as opened:
        sheet = opened.convert("RGB")
    x = GAP + 160 + GAP  # the square's tile: 160 x 90, the square 90 x 90 in its middle
    background = sheet.getpixel((0, 0))
    assert sheet.getpixel((x + 5, GAP + 45)) == background
    assert sheet.getpixel((x + 80, GAP + 45)) == (255, 0, 0)
    assert sheet.getpixel((x + 155, GAP + 45)) == background


def test_a_long_caption_is_cut_to_its_tile(tmp_path: Path) -> None:
    picture = tmp_path / "p.png"
    Image.new("RGB", (160, 90), "#FFFFFF").save(picture)
    out = tmp_path / "sheet.png"
    tile([picture], ["1 · " + "very-long-slide-id-" * 10], out, columns=1, tile_width=160)
    with Image.open(out) as opened:
        sheet = opened.convert("L")
    caption_row = sheet.crop((GAP + 160, GAP + 90, sheet.width, sheet.height))
    assert caption_row.getextrema()[0] > 150  # no text past the tile's right edge


# --- finding the tools ------------------------------------------------------------------------


@posix_only
def test_libreoffice_is_found_under_either_name_or_in_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(tools.SOFFICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    pdftoppm = script(tmp_path / "pdftoppm", "")
    app = script(tmp_path / "app-soffice", "")
    monkeypatch.setattr(tools, "APP_PATHS", (app,))
    assert tools.find_tools() == tools.Tools(app, pdftoppm)
    libreoffice_cmd = script(tmp_path / "libreoffice", "")
    assert tools.find_tools().soffice == libreoffice_cmd
    soffice = script(tmp_path / "soffice", "")
    assert tools.find_tools().soffice == soffice
    chosen = script(tmp_path / "chosen", "")
    monkeypatch.setenv(tools.SOFFICE_ENV, str(chosen))
    assert tools.find_tools().soffice == chosen


@posix_only
def test_missing_libreoffice_is_an_output_error_with_install_hints(fakes: Fakes) -> None:
    os.environ[tools.SOFFICE_ENV] = str(fakes.bin / "no-such-soffice")
    with pytest.raises(ToolMissingError) as raised:
        export_decks([fakes.deck], fakes.out)
    message = str(raised.value)
    assert isinstance(raised.value, OutputError)  # so the command exits with status 3
    assert tools.SOFFICE_ENV in message and "no-such-soffice" in message
    assert "sudo apt-get install libreoffice-impress poppler-utils" in message
    assert "brew install --cask libreoffice" in message
    assert "libreoffice.org" in message
    assert "pdftoppm" not in message  # that one was found
    fakes.assert_untouched()


@posix_only
def test_both_tools_missing_are_named_in_one_error(
    fakes: Fakes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.environ[tools.SOFFICE_ENV] = ""
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(tools, "APP_PATHS", (tmp_path / "no-app" / "soffice",))
    never_made = fakes.out / "new"
    with pytest.raises(ToolMissingError) as raised:
        export_decks([fakes.deck], never_made)
    message = str(raised.value)
    assert "LibreOffice (soffice) was not found" in message
    assert "apt-get install libreoffice-impress poppler-utils" in message
    assert "pdftoppm (poppler) was not found" in message
    assert "brew install poppler" in message
    assert not never_made.exists()  # looked for the tools before creating anything
    fakes.assert_untouched()


# --- failures leave the earlier export as it was ----------------------------------------------


@posix_only
@pytest.mark.parametrize(
    ("soffice", "expected"),
    [
        (
            'echo "Error: source file could not be loaded" >&2\nexit 1\n',
            r"exit status 1.*Error: source file could not be loaded",
        ),
        ("exit 0\n", r"exit status 0; no PDF for tiny\.pptx\).*printed nothing"),
    ],
    ids=["exits-1", "writes-nothing"],
)
def test_a_failed_conversion_leaves_the_earlier_export(
    fakes: Fakes, soffice: str, expected: str
) -> None:
    fakes.soffice(soffice)
    with pytest.raises(OutputError, match=re.compile(expected, re.DOTALL)) as raised:
        export_decks([fakes.deck], fakes.out)
    assert "LibreOffice could not convert" in str(raised.value)
    fakes.assert_untouched()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")  # a zombie nobody has reaped yet is not running either
    return not (stat.is_file() and stat.read_text().split(") ")[-1].startswith("Z"))


@posix_only
@pytest.mark.slow  # waits out a time-out
def test_a_hung_libreoffice_is_killed_with_everything_it_started(
    fakes: Fakes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(libreoffice, "BASE_TIMEOUT_S", 1.0)
    monkeypatch.setattr(libreoffice, "PER_DECK_TIMEOUT_S", 0.0)
    pid_file = tmp_path / "child.pid"
    # like soffice -> soffice.bin: the launcher waits on a child doing the work
    fakes.soffice(f'echo starting\nsleep 60 &\necho $! > "{pid_file}"\nwait\n')
    start = time.monotonic()
    with pytest.raises(OutputError, match=r"(?s)did not finish converting in 1 s.*starting"):
        export_decks([fakes.deck], fakes.out)
    assert time.monotonic() - start < 15
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child), "the launcher's child was left running"
    fakes.assert_untouched()


@posix_only
def test_a_page_count_that_differs_from_the_slides_is_an_error(fakes: Fakes) -> None:
    with pytest.raises(OutputError, match=r"tiny\.pdf has 1 page\(s\) but the deck has 3 visible"):
        export_decks([fakes.deck], fakes.out)
    fakes.assert_untouched()


@posix_only
def test_a_failing_pdftoppm_is_an_error(fakes: Fakes) -> None:
    fakes.pdftoppm('echo "Syntax Error: Couldn\'t read xref table" >&2\nexit 1\n')
    with pytest.raises(OutputError, match=r"(?s)pdftoppm failed \(exit status 1\).*xref table"):
        export_decks([fakes.deck], fakes.out)
    fakes.assert_untouched()


# --- bad input is refused before LibreOffice runs ---------------------------------------------


@posix_only
@pytest.mark.parametrize("problem", ["missing", "folder", "not-a-deck", "same-stem"])
def test_bad_input_decks_are_refused_before_libreoffice_runs(
    fakes: Fakes, tmp_path: Path, problem: str
) -> None:
    ran = tmp_path / "soffice-ran"
    fakes.soffice(f': > "{ran}"\n' + CONVERTING_SOFFICE)
    other = tmp_path / "other"
    other.mkdir()
    bad = {
        "missing": (tmp_path / "gone.pptx", r"gone\.pptx: no such deck"),
        "folder": (other, r"other: not a file"),
        "not-a-deck": (
            tmp_path / "notes.pptx",
            r"notes\.pptx: cannot be read as a PowerPoint deck: it is not a \.pptx package",
        ),
        "same-stem": (other / "TINY.pptx", r"would both export as TINY\.pdf"),
    }
    (tmp_path / "notes.pptx").write_text("just some text")
    shutil.copyfile(fakes.deck, other / "TINY.pptx")
    deck, expected = bad[problem]
    with pytest.raises(OutputError, match=expected):
        export_decks([fakes.deck, deck], fakes.out)
    assert not ran.exists()
    fakes.assert_untouched()


def test_a_width_that_is_not_positive_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="width_px"):
        export_decks([tmp_path / "d.pptx"], tmp_path, width_px=0)


# --- end to end, with LibreOffice -------------------------------------------------------------


@dataclass(frozen=True)
class Exported:
    out: Path
    decks: list[Path]
    results: list[ExportedDeck]
    seconds: float


@pytest.fixture(scope="module")
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The every-kind deck and the Q Lab deck exported in one call (one LibreOffice run) into a
    folder that holds an earlier export of the first."""
    require_tools()  # before building the decks, so a missing tool is the reported reason
    decks: list[Path] = [request.getfixturevalue(name) for name in ("full_deck", "qlab_deck")]
    out = tmp_path_factory.mktemp("export")
    earlier_export(out, decks[0].stem)
    start = time.monotonic()
    results = export_decks(decks, out)
    return Exported(out, decks, results, time.monotonic() - start)


def _pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert found, info.stdout
    return int(found.group(1))


def _slide_names(deck: Path) -> list[str]:
    return [slide._element.cSld.get("name") for slide in Presentation(str(deck)).slides]


@pytest.mark.render
@pytest.mark.slow
def test_export_writes_a_pdf_with_a_page_per_slide(exported: Exported) -> None:
    for deck, result in zip(exported.decks, exported.results, strict=True):
        assert result.deck == deck
        assert result.pdf == exported.out / f"{deck.stem}.pdf"
        assert _pdf_pages(result.pdf) == len(_slide_names(deck)) > 1


@pytest.mark.render
@pytest.mark.slow
def test_export_names_each_slide_png_by_number_and_id(exported: Exported) -> None:
    for deck, result in zip(exported.decks, exported.results, strict=True):
        folder = exported.out / f"{deck.stem}-slides"
        expected = [f"{n:02d}-{name}.png" for n, name in enumerate(_slide_names(deck), start=1)]
        assert sorted(p.name for p in folder.iterdir()) == expected
        assert result.slides == [folder / name for name in expected]
    # the earlier export's folder was replaced, not merged into
    assert not (exported.out / f"{exported.decks[0].stem}-slides" / "01-stale.png").exists()


@pytest.mark.render
@pytest.mark.slow
def test_export_slide_pngs_are_1920_wide_and_16_by_9(exported: Exported) -> None:
    for result in exported.results:
        for png in result.slides:
            with Image.open(png) as picture:
                assert picture.size == (1920, 1080), png.name


@pytest.mark.render
@pytest.mark.slow
def test_export_writes_a_contact_sheet_of_every_slide(exported: Exported) -> None:
    for result in exported.results:
        assert result.contact_sheet == exported.out / f"{result.deck.stem}-contact-sheet.png"
        with Image.open(result.contact_sheet) as sheet:
            rows = -(-len(result.slides) // 4)
            assert sheet.width == 4 * 400 + 5 * GAP
            assert sheet.height == rows * (225 + CAPTION_HEIGHT + GAP) + GAP
            assert sheet.width * sheet.height > 1920 * 1080  # more than one slide's worth


@pytest.mark.render
@pytest.mark.slow
def test_export_leaves_only_its_results(exported: Exported) -> None:
    expected = {"notes.txt"}  # someone else's file stays
    for deck in exported.decks:
        expected |= {f"{deck.stem}.pdf", f"{deck.stem}-slides", f"{deck.stem}-contact-sheet.png"}
    assert {p.name for p in exported.out.iterdir()} == expected  # no .export-* staging left
    assert (exported.out / f"{exported.decks[0].stem}.pdf").read_bytes() != b"old pdf"


@pytest.mark.render
@pytest.mark.slow
def test_export_shares_its_time_out_by_slides(exported: Exported) -> None:
    seconds = [result.seconds for result in exported.results]
    assert all(s > 0 for s in seconds)
    assert sum(seconds) == pytest.approx(exported.seconds, abs=0.5)
    per_slide = [r.seconds / len(r.slides) for r in exported.results]
    assert per_slide[0] == pytest.approx(per_slide[1])
