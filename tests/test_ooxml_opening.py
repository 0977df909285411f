"""Opening a file as a deck: one error type, and words that say what the file is."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import content_types, zip_of
from summarydeck.cli import cli
from summarydeck.diagnostics import OutputError
from summarydeck.ooxml.opening import DeckReadError, open_presentation

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504  # an encrypted Office file


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (OLE_HEADER, "it is password-protected, or an old binary .ppt file"),
        (b"just some text", "it is not a .pptx package"),
        (
            zip_of({"[Content_Types].xml": content_types("wordprocessingml.document.main")}),
            "it is a Word document (.docx)",
        ),
        (
            zip_of({"[Content_Types].xml": content_types("spreadsheetml.sheet.main")}),
            "it is an Excel workbook (.xlsx)",
        ),
        (
            zip_of({"[Content_Types].xml": content_types("presentationml.slideshow.main")}),
            "it is a slide show (.ppsx), not a presentation",
        ),
        (zip_of({"readme.txt": b"hello"}), "it is a zip file, but has no presentation in it"),
        (
            zip_of({"ppt/presentation.xml": b"<p/>"}),
            "it has no list of content types ([Content_Types].xml)",
        ),
    ],
    ids=["password", "text", "word", "excel", "slide-show", "no-presentation", "no-types"],
)
def test_a_file_that_is_not_a_deck_is_named_for_what_it_is(
    tmp_path: Path, data: bytes, said: str
) -> None:
    path = tmp_path / "given.pptx"
    path.write_bytes(data)
    with pytest.raises(DeckReadError) as caught:
        open_presentation(path)
    message = str(caught.value)
    assert message == f"{path}: cannot be read as a PowerPoint deck: {said}"
    assert "Package not found" not in message and "BytesIO" not in message
    assert isinstance(caught.value, OutputError)  # exit status 3 on the command line


def test_missing_files_and_folders_are_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(DeckReadError, match=r"gone\.pptx: no such deck$"):
        open_presentation(tmp_path / "gone.pptx")
    with pytest.raises(DeckReadError, match=r"not a file \(a \.pptx deck is needed\)$"):
        open_presentation(tmp_path)


def test_bytes_are_named_as_the_deck(full_deck: Path) -> None:
    prs = open_presentation(full_deck.read_bytes())
    assert len(prs.slides) > 0
    with pytest.raises(DeckReadError, match=r"^the deck: cannot be read"):
        open_presentation(b"not a zip")


def test_diff_of_a_password_protected_file_exits_3_and_says_so(
    tmp_path: Path, full_deck: Path
) -> None:
    locked = tmp_path / "locked.pptx"
    locked.write_bytes(OLE_HEADER)
    run = CliRunner().invoke(cli, ["diff", str(full_deck), str(locked)])
    assert run.exit_code == 3
    assert "password-protected" in run.output
    assert "Traceback" not in run.output


def _without_slide_relationship(deck: Path, out: Path, slide: int) -> Path:
    """A copy of `deck` whose presentation lost the relationship to its `slide`th slide: it
    opens, but cannot be read past that slide."""
    with zipfile.ZipFile(deck) as source:
        rels = source.read("ppt/_rels/presentation.xml.rels").decode()
        target = f'Target="slides/slide{slide}.xml"'
        start = rels.rindex("<Relationship ", 0, rels.index(target))
        end = rels.index("/>", start) + 2
        damaged = rels[:start] + rels[end:]
        with zipfile.ZipFile(out, "w") as copy:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "ppt/_rels/presentation.xml.rels":
                    data = damaged.encode()
                copy.writestr(item, data)
    return out


def test_a_deck_that_opens_but_lost_a_slide_is_refused_by_every_reader(
    tmp_path: Path, full_deck: Path
) -> None:
    """It opens, so only reading its slides shows the damage: export, diff and the edit guard's
    reading say so plainly (exit status 3), never as an internal error."""
    from summarydeck.export.decks import read_decks
    from summarydeck.ooxml.inventory import read_records

    bad = _without_slide_relationship(full_deck, tmp_path / "bad.pptx", 2)
    said = r"bad\.pptx: cannot be read as a PowerPoint deck: its list of slides is damaged"
    with pytest.raises(DeckReadError, match=said):
        read_decks([bad])
    with pytest.raises(DeckReadError, match=said):
        read_records(bad)
    for command in (["diff", str(full_deck), str(bad)], ["export", str(bad)]):
        run = CliRunner().invoke(cli, command)
        assert run.exit_code == 3, run.output
        assert "list of slides is damaged" in run.output and "internal error" not in run.output
