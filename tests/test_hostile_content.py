"""Hostile content that does not fit the one-edit format of `tests/bad_inputs/`: thousands of
errors, a FIFO among the content files, files named from outside the content folder, a logo
swapped while the deck is built, the slide limit, number formats holding XML syntax, and the
longest texts the limits allow (which must build or fail, never hang).

Each case ends in a located message or a valid deck: exit 1 (content) or 3 (a file that changed
under the build), no traceback, and the deck already at `--out` untouched.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from helpers import edit_content
from summarydeck.api import loading
from summarydeck.cli import cli
from summarydeck.cli.printing import MAX_PRINTED
from summarydeck.source import limits

FULL_CONTENT = Path(__file__).parent / "content" / "full"
OLD_DECK = b"PK\x03\x04 the deck from the last good build\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(FULL_CONTENT, folder)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "deck.pptx").write_bytes(OLD_DECK)
    return folder


def _build(content: Path, *extra: str, fresh: bool = False) -> Result:
    out = content.parent / "out" / "deck.pptx"
    if fresh:  # a build expected to succeed: no foreign file in its way
        out.unlink()
    result = CliRunner().invoke(
        cli, ["build", "--content", str(content), "--out", str(out), *extra]
    )
    # never a crash: a clean exit, or the CLI's own exit with a status
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def _refused(result: Result, content: Path, status: int = 1) -> str:
    assert result.exit_code == status, result.output
    assert (content.parent / "out" / "deck.pptx").read_bytes() == OLD_DECK
    assert [p.name for p in (content.parent / "out").iterdir()] == ["deck.pptx"]
    return result.output


# --- many errors ----------------------------------------------------------------------------


def test_thousands_of_errors_print_the_first_ones_and_a_count(content: Path) -> None:
    keys = "".join(f"  bogus-{n}:\n    headlin: x\n" for n in range(1500))
    edit_content(content / "statistics.yaml", "statistics:\n", "statistics:\n" + keys)
    output = _refused(_build(content), content)
    shown = re.findall(r"^\S+:\d+:\d+: error E\d{3}: ", output, re.MULTILINE)
    assert len(shown) == MAX_PRINTED
    # each bogus statistic misses its required keys and has one unknown key
    errors = int(re.search(r"Build failed: (\d+) errors", output)[1])  # type: ignore[index]
    assert errors > 1500
    assert f"... and {errors - MAX_PRINTED} more errors not shown" in output
    assert len(output) < 40_000  # was 1.4 MB (and 42 s) for 3,000 such statistics
    # the first 50 in the file, in file order: all within the first 50 bogus statistics
    lines = [int(n) for n in re.findall(r"statistics\.yaml:(\d+):\d+: error", output)]
    assert lines == sorted(lines) and lines[0] == 2 and max(lines) <= 2 + 2 * 50


def test_a_long_key_repeated_by_aliases_prints_little(content: Path) -> None:
    """`? &k <100,000 letters>` then `? *k` sixty times: every message quoted the whole key
    (75 MB of output); keys are cut at 200 characters and the aliases stopped by their limit."""
    keys = "    ? &k " + "k" * 100_000 + "\n    : 1\n" + "    ? *k\n    : 1\n" * 60
    edit_content(content / "statistics.yaml", "    population: UK adults\n", keys)
    output = _refused(_build(content), content)
    assert "a key of 100,000 characters; keys are words of at most 200" in output
    assert "aliases (`*name`) repeat the key written here" in output
    assert len(output) < 5_000


def test_a_few_errors_are_all_printed_in_file_order(content: Path) -> None:
    keys = "".join(f"  bogus-{n}:\n    headline: x\n    label: y\n    sorce: z\n" for n in range(5))
    edit_content(content / "statistics.yaml", "statistics:\n", "statistics:\n" + keys)
    output = _refused(_build(content), content)
    lines = [int(m) for m in re.findall(r"statistics\.yaml:(\d+):\d+: error", output)]
    assert lines == sorted(lines) and len(lines) >= 5
    assert "not shown" not in output


# --- files that are not plain files, or not in the content folder ---------------------------


def test_a_fifo_among_the_content_files_is_passed_over_not_waited_on(content: Path) -> None:
    os.mkfifo(content / "notes.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "summarydeck", "validate", "--content", str(content)],
        capture_output=True,
        text=True,
        timeout=60,  # reading a FIFO with no writer blocks for ever
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Content is valid" in result.stdout


def test_a_content_file_that_turns_into_a_fifo_is_reported_not_waited_on(
    content: Path,
) -> None:
    """Between listing the folder and reading a file, it may be replaced: the read itself
    refuses what is not a plain file."""
    from summarydeck.diagnostics import Diagnostics
    from summarydeck.source.yaml_loader import load_yaml

    os.mkfifo(content / "notes.yaml")
    diags = Diagnostics()
    assert load_yaml(content / "notes.yaml", diags) is None
    assert [(d.code, d.message) for d in diags.items] == [
        ("E100", "not a regular file, so it is not read")
    ]


@pytest.mark.parametrize(
    ("logo", "problem"),
    [
        ("../outside.png", "is outside the content folder (a `..` or a link leads out of it)"),
        ("ABSOLUTE", "is outside the content folder (the path must be relative to it)"),
        ("link.png", "is outside the content folder (a `..` or a link leads out of it)"),
        ("pictures", "is not a regular file"),
        ("loop.png", "cannot be followed"),
    ],
)
def test_a_logo_is_read_only_from_inside_the_content_folder(
    content: Path, logo: str, problem: str
) -> None:
    outside = content.parent / "outside.png"
    shutil.copy(content / "logo.png", outside)
    (content / "link.png").symlink_to(outside)
    (content / "pictures").mkdir()
    (content / "loop.png").symlink_to(content / "loop.png")
    name = str(outside) if logo == "ABSOLUTE" else logo
    edit_content(content / "brand.yaml", "logo: logo.png", f"logo: {name}")
    output = _refused(_build(content), content)
    assert f"error E209: brand.logo: picture file `{name}` {problem}" in output
    assert "hint: copy the picture into the content folder" in output


def test_a_brand_folder_named_with_assets_may_be_used(content: Path) -> None:
    """`--assets DIR` names a folder the content may take files from; each run without it
    forgets it again."""
    shared = content.parent / "brand-assets"
    shared.mkdir()
    shutil.move(content / "logo.png", shared / "logo.png")
    edit_content(content / "brand.yaml", "logo: logo.png", "logo: ../brand-assets/logo.png")
    output = _refused(_build(content), content)
    assert "or name its folder with --assets DIR" in output
    assert _build(content, "--assets", str(shared), fresh=True).exit_code == 0
    assert "--assets" in _build(content, "--force").output  # forgotten again


def test_a_link_inside_the_content_folder_is_fine(content: Path) -> None:
    (content / "pictures").mkdir()
    shutil.move(content / "logo.png", content / "pictures" / "logo.png")
    (content / "logo.png").symlink_to(Path("pictures") / "logo.png")
    assert _build(content, fresh=True).exit_code == 0


def test_a_template_is_read_only_from_inside_the_content_folder(content: Path) -> None:
    edit_content(
        content / "brand.yaml", "  logo: logo.png", "  logo: logo.png\n  template: ../theirs.potx"
    )
    output = _refused(_build(content), content)
    assert "error E217: brand.template: `../theirs.potx` is outside the content folder" in output


def test_a_picture_past_the_size_limit_is_refused(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = (content / "logo.png").stat().st_size
    monkeypatch.setattr(limits, "MAX_PICTURE_BYTES", size - 1)
    output = _refused(_build(content), content)
    assert "brand.logo: picture file `logo.png` is 0 MB; the most such a file may be is" in output


def test_a_content_file_linked_from_outside_the_folder_is_not_read(content: Path) -> None:
    """`content/extra.yaml` a link to a private file elsewhere: its text must not reach a
    message or a deck."""
    private = content.parent / "private.yaml"
    private.write_text('api_token: "sk-PRIVATE-123456"\n', encoding="utf-8")
    (content / "extra.yaml").symlink_to(private)
    output = _refused(_build(content), content)
    assert "extra.yaml: error E100: the file is a link to a file outside the content folder" in (
        output
    )
    assert "sk-PRIVATE" not in output


def test_a_logo_shown_on_many_slides_is_read_once(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 24 MB logo on 120 slides was read 120 times (3 GB): once a build is enough."""
    from summarydeck.layouts import context

    reads: list[str] = []
    real = context.read_asset

    def counting(root: Path, name: str, most: int) -> bytes:
        reads.append(name)
        return real(root, name, most)

    monkeypatch.setattr(context, "read_asset", counting)
    sections = "".join(
        f"  - kind: section\n    id: extra-{n}\n    title: Part {n}\n" for n in range(5)
    )
    edit_content(
        content / "deck.yaml", "slides:\n", "slides:\n  - kind: title\n    id: again\n" + sections
    )
    assert _build(content, fresh=True).exit_code == 0
    assert reads.count("logo.png") == 1


def test_a_logo_swapped_for_a_huge_one_mid_build_is_refused_unread(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = loading.validate

    def validate_then_replace(*args: object, **kwargs: object) -> object:
        deck = checked(*args, **kwargs)  # type: ignore[arg-type]
        (content / "logo.png").write_bytes(_png_header(20_000, 20_000))
        return deck

    monkeypatch.setattr(loading, "validate", validate_then_replace)
    output = _refused(_build(content), content, status=3)
    assert "changed while the deck was being built: it is now larger than 25,000,000 pixels" in (
        output
    )


def test_a_logo_replaced_while_the_deck_is_built_is_a_plain_error(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The logo is checked with the content and read again to draw it: a file saved in between
    (here: replaced by text) used to crash the build with PIL's error."""
    checked = loading.validate

    def validate_then_replace(*args: object, **kwargs: object) -> object:
        deck = checked(*args, **kwargs)  # type: ignore[arg-type]
        (content / "logo.png").write_text("not a picture any more")
        return deck

    monkeypatch.setattr(loading, "validate", validate_then_replace)
    output = _refused(_build(content), content, status=3)
    assert (
        "error: the picture `logo.png` changed while the deck was being built: it is no longer "
        "a picture; nothing was written"
    ) in output
    assert "hint: build again once the file is saved" in output


def test_a_huge_picture_the_deck_does_not_use_is_never_decoded(content: Path) -> None:
    """A picture in the folder that no slide uses is not opened: a PNG whose header claims
    20000 x 20000 pixels (1.6 GB decoded) costs nothing."""
    (content / "unused.png").write_bytes(_png_header(20_000, 20_000))
    assert _build(content, fresh=True).exit_code == 0


def test_a_logo_claiming_huge_dimensions_is_refused_without_decoding(content: Path) -> None:
    (content / "big.png").write_bytes(_png_header(20_000, 20_000))
    edit_content(content / "brand.yaml", "logo: logo.png", "logo: big.png")
    output = _refused(_build(content), content)
    assert (
        "brand.logo: `big.png` is not a picture PowerPoint can show, or is far too large" in output
    )


def _png_header(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


# --- the slide limit ------------------------------------------------------------------------


def test_a_deck_past_the_slide_limit_is_refused_with_how_to_raise_it(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(limits.MAX_SLIDES_VARIABLE, "10")
    output = _refused(_build(content), content)
    assert re.search(r"deck\.yaml:\d+:1: error E105: the deck has \d+ slides", output)
    assert "the most a deck may have is 10" in output
    assert f"hint: to build a larger deck, set {limits.MAX_SLIDES_VARIABLE}" in output


def test_the_slide_limit_counts_continued_pages(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """25 entries fit a limit of 25, but a long list continued over more slides does not."""
    points = "".join(f"      - Point number {n} of a long list\n" for n in range(60))
    edit_content(
        content / "deck.yaml",
        "      - People are passed between services\n",
        "      - People are passed between services\n" + points,
    )
    entries = (content / "deck.yaml").read_text().count("  - kind: ")
    monkeypatch.setenv(limits.MAX_SLIDES_VARIABLE, str(entries + 1))
    output = _refused(_build(content), content)
    assert "slides (continued pages included)" in output


def test_the_slide_limit_can_be_raised(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(limits.MAX_SLIDES_VARIABLE, "1_000")
    assert limits.max_slides() == 1000
    monkeypatch.setenv(limits.MAX_SLIDES_VARIABLE, "many")
    assert limits.max_slides() == limits.DEFAULT_MAX_SLIDES


# --- text at the limits: builds or fails plainly, in bounded time ---------------------------


def test_a_paragraph_of_the_longest_allowed_text_is_continued_over_slides(content: Path) -> None:
    text = ("word " * (limits.MAX_TEXT // 5))[: limits.MAX_TEXT]
    edit_content(
        content / "deck.yaml", "      - People are passed between services", f"      - {text}"
    )
    result = _build(content, fresh=True)
    assert result.exit_code == 0, result.output
    assert re.search(r"Built .* \((\d+) slides\)", result.output)


def test_a_word_of_the_longest_allowed_length_is_reported_as_too_long(content: Path) -> None:
    edit_content(
        content / "deck.yaml",
        "      - People are passed between services",
        "      - " + "w" * limits.MAX_TEXT,
    )
    output = _refused(_build(content), content)
    assert "error E401: " in output and "does not fit" in output


# --- number formats holding XML syntax -------------------------------------------------------


@pytest.mark.parametrize("number_format", ['0.0" & more"', '0" <x>"', '0.0"\'s"'])
def test_a_number_format_holding_xml_syntax_is_written_as_given(
    content: Path, number_format: str
) -> None:
    """python-pptx pastes number formats into XML unescaped: `&` crashed the build (exit 4)."""
    quoted = "'" + number_format.replace("'", "''") + "'"
    edit_content(
        content / "statistics.yaml", "number_format: '0.0\"x\"'", f"number_format: {quoted}"
    )
    result = _build(content, fresh=True)
    assert result.exit_code == 0, result.output
    from lxml import etree

    deck = zipfile.ZipFile(content.parent / "out" / "deck.pptx")
    C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    found = set()
    for name in deck.namelist():
        if name.startswith("ppt/charts/chart") and name.endswith(".xml"):
            root = etree.fromstring(deck.read(name))
            found |= {e.text for e in root.iter(f"{C}formatCode")}
            found |= {e.get("formatCode") for e in root.iter(f"{C}numFmt")}
    assert number_format in found
    workbooks = [n for n in deck.namelist() if n.endswith(".xlsx")]
    styles = [zipfile.ZipFile(io.BytesIO(deck.read(n))).read("xl/styles.xml") for n in workbooks]
    codes = {e.get("formatCode") for s in styles for e in etree.fromstring(s).iter("{*}numFmt")}
    assert number_format in codes


@pytest.mark.parametrize(("highlight", "categories"), [("[0]", 3), ("[1, 2]", 4), ("[2]", 5)])
def test_highlighted_bars_without_labels_are_not_a_contrast_finding(
    content: Path, highlight: str, categories: int
) -> None:
    """Found by the property tests: a single series with `highlight` and no value labels has
    neighbouring bars of one group in one colour, on purpose; C303 read them as two colours to
    tell apart at 1:1 and stopped the build."""
    names = ", ".join(f"C{n}" for n in range(categories))
    values = ", ".join(str(n + 1) for n in range(categories))
    edit_content(
        content / "statistics.yaml",
        "      type: column\n      engine: picture\n      categories: [North, Midlands, South]\n"
        "      series:\n        - name: Count\n          values: [12, 15, 9]\n"
        "      highlight: [1]\n",
        f"      type: column\n      categories: [{names}]\n      series:\n"
        f"        - name: Count\n          values: [{values}]\n"
        f"      highlight: {highlight}\n      value_labels: false\n",
    )
    result = _build(content, fresh=True)
    assert result.exit_code == 0, result.output
    assert "C303" not in result.output
