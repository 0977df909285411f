"""Decks given to `check` and `diff` (and the file at a build's output path) are untrusted
input (issue 15): zip bombs, zip-slip names, lying directories, encrypted members, DTDs and
external entities, missing parts, OLE compound files, other Office formats, named pipes and
devices. Each is refused with exit status 3 and a plain message naming the file and the
limit or the fault: no traceback, no hang, never python-pptx's, lxml's or zipfile's words,
and the bombs within 1.5 GB of address space."""

from __future__ import annotations

import json
import os
import re
import resource
import struct
import subprocess
import sys
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from hostile_files import (
    Entry,
    compound_file,
    deck_zip,
    entry,
    first,
    raw_zip,
    small_deck,
    zeros_entry,
)
from summarydeck.cli import cli
from summarydeck.diagnostics import OutputError
from summarydeck.ooxml.compound_file import directory_names
from summarydeck.ooxml.package_limits import Limits, PackageRefusal, SafeZip
from summarydeck.output.guard import disk_state, guard_overwrite

Members = dict[str, bytes]
CANNOT = "cannot be read as a PowerPoint deck: "
FOREIGN_WORDS = (
    "Traceback",
    "internal error",
    "KeyError",
    "BadZipFile",
    "zipfile",
    "lxml",
    "XMLSyntaxError",
    "Package not found",
    "no member",
    "line 1, column",
    "RuntimeError",
)
ADDRESS_SPACE = 1_500_000_000  # the bombs inflate to gigabytes; we must not
MB = 1_000_000
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "application/vnd.openxmlformats-officedocument"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


@pytest.fixture(scope="module")
def members() -> Members:
    return small_deck()


@pytest.fixture(scope="module")
def good(members: Members, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("good") / "good.pptx"
    path.write_bytes(deck_zip(members))
    return path


# --- the corpus: each case makes a file's bytes and says what the refusal says -----------------


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Members], bytes]
    said: str  # in the message, after "<file>: cannot be read as a PowerPoint deck: "
    hint: str = ""  # in the hint, when there is one to check


def _slide(members: Members) -> str:
    return first(members, "ppt/slides/slide")


def _with(name_of: Callable[[Members], str], new: bytes) -> Callable[[Members], bytes]:
    return lambda m: deck_zip(m, change={name_of(m): new})


def _without(name: str) -> Callable[[Members], bytes]:
    return lambda m: deck_zip(m, change={name: None})


def _added(*entries: Entry) -> Callable[[Members], bytes]:
    return lambda m: deck_zip(m, add=list(entries))


def _flagged(flags: int = 0, method: int | None = None) -> Callable[[Members], bytes]:
    """The deck with its slide's zip entry given other flags or another compression method."""

    def make(m: Members) -> bytes:
        slide = _slide(m)
        entries = [entry(name, data) for name, data in m.items() if name != slide]
        changed = entry(slide, m[slide], flags=flags)
        if method is not None:
            changed = entry(slide, m[slide], method=method)
        return raw_zip([changed, *entries])

    return make


def _lying_bomb(m: Members) -> bytes:
    """20 MB of zeros whose directory (and local header) say 100 bytes, with the CRC of
    those 100: zipfile would trust it and inflate everything in one call."""
    bomb = zeros_entry("ppt/media/image9.png", 20 * MB)
    return deck_zip(m, add=[entry("x", b"", data=bomb.data, size=100, crc=zlib.crc32(bytes(100)))])


def _overlapping(m: Members) -> bytes:
    """Directory entries sharing one member's compressed bytes (the overlapping-files bomb:
    each entry looks modest, together they inflate far past the file)."""
    kernel = zeros_entry("ppt/media/a.bin", 5 * MB)
    shared = [
        entry(
            f"ppt/media/{n}.bin",
            b"",
            data=kernel.data,
            size=kernel.size,
            crc=kernel.crc,
            same_as="ppt/media/a.bin",
        )
        for n in "bcdefgh"
    ]
    return deck_zip(m, add=[kernel, *shared])


def _many_small_bombs(m: Members) -> bytes:
    """Members of 9 MB of zeros each, every one under the per-part ratio's threshold: the
    package as a whole inflates a thousand times its size."""
    one = zeros_entry("ppt/media/0.bin", 9 * MB)
    return deck_zip(
        m,
        add=[
            entry(f"ppt/media/{n}.bin", b"", data=one.data, size=one.size, crc=one.crc)
            for n in range(40)
        ],
    )


def _many_parts(m: Members) -> bytes:
    return raw_zip([entry(f"p/{n}", b"") for n in range(50_001)])


def _bad_crc(m: Members) -> bytes:
    slide = _slide(m)
    return raw_zip([entry(n, d, crc=0) if n == slide else entry(n, d) for n, d in m.items()])


def _bad_deflate(m: Members) -> bytes:
    slide = _slide(m)
    return raw_zip(
        [entry(n, d, data=b"\xff" * 40) if n == slide else entry(n, d) for n, d in m.items()]
    )


def _truncated(m: Members) -> bytes:
    whole = deck_zip(m)
    return whole[: len(whole) // 2]


def _huge_directory(m: Members) -> bytes:
    comment = b"c" * 60_000  # each directory entry may carry 64 KB of comment
    return raw_zip([entry(f"p/{n}", b"", comment=comment) for n in range(300)])


def _package(main_type: str, main: str = "main.xml", extra: bytes = b"") -> bytes:
    """An Office package whose main part (named by `_rels/.rels`) has `main_type`."""
    types = (
        (
            f'<?xml version="1.0"?><Types xmlns="{CT}">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{main}" ContentType="{main_type}"/>'
        ).encode()
        + extra
        + b"</Types>"
    )
    rels = (
        f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC_REL}" Target="{main}"/></Relationships>'
    ).encode()
    return raw_zip(
        [entry("[Content_Types].xml", types), entry("_rels/.rels", rels), entry(main, b"<x/>")]
    )


def _open_document(mimetype: str) -> bytes:
    return raw_zip(
        [
            entry("mimetype", mimetype.encode(), method=0, data=mimetype.encode()),
            entry("content.xml", b"<office:document-content/>"),
        ]
    )


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">&lol9;
</p:presentation>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">&secret;</p:sld>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"""


# 9.9 MB of `<x/>`: a parser holds about 30 bytes for each, and it deflates a thousandfold
DENSE_XML = b"<r>" + b"<x/>" * 2_475_000 + b"</r>"
SVG_XXE = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY s SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&s;</text></svg>'
)


def _dense_slides(count: int) -> Callable[[Members], bytes]:
    def make(m: Members) -> bytes:
        dense = entry("ppt/slides/dense0.xml", DENSE_XML)
        copies = [replace(dense, name=f"ppt/slides/dense{n}.xml") for n in range(count)]
        return deck_zip(m, add=copies)

    return make


def _rels_of(m: Members) -> str:
    return "ppt/_rels/presentation.xml.rels"


def _edit(name_of: Callable[[Members], str], old: bytes, new: bytes) -> Callable[[Members], bytes]:
    def make(m: Members) -> bytes:
        name = name_of(m)
        assert old in m[name], (name, old)
        return deck_zip(m, change={name: m[name].replace(old, new, 1)})

    return make


def _slide_rels(m: Members) -> str:
    slide = _slide(m)
    return slide.replace("slides/", "slides/_rels/") + ".rels"


CASES = [
    # zip bombs and limits
    Case(
        "bomb-ratio",
        _added(zeros_entry("ppt/media/zeros.bin", 30 * MB)),
        "its part `ppt/media/zeros.bin` inflates to more than 200 times its compressed size "
        "(the limit for a deck): it is a zip bomb",
    ),
    Case(
        "bomb-directory-lies",
        _lying_bomb,
        "its part `x` inflates to more than its zip directory says: it is a zip bomb",
    ),
    Case(
        "bomb-overlapping-members",
        _overlapping,
        "its parts overlap one another in the file: it is a zip bomb",
    ),
    Case(
        "bomb-many-members",
        _many_small_bombs,
        "it inflates to more than 200 times its size (the limit for a deck): it is a zip bomb",
    ),
    Case(
        "bomb-dense-xml",
        _dense_slides(10),
        "more than 30 times their compressed size (the limit for a deck past 10 MB of XML): "
        "it is a zip bomb",
    ),
    Case("too-many-parts", _many_parts, "it has more than 50,000 parts (the limit for a deck)"),
    Case(
        "huge-zip-directory",
        _huge_directory,
        "its zip directory is larger than 16 MB (the limit for a deck)",
    ),
    # zip structure
    Case(
        "encrypted-member",
        _flagged(flags=0x1),
        "is encrypted with a zip password, which Office never does",
    ),
    Case(
        "bzip2-member",
        _flagged(method=12),
        "is compressed in a way Office never uses (zip method 12)",
    ),
    Case(
        "lzma-member",
        _flagged(method=14),
        "is compressed in a way Office never uses (zip method 14)",
    ),
    Case(
        "zip-slip-dotdot",
        _added(entry("../../evil.xml", b"<x/>")),
        "it holds a part named `../../evil.xml`, which points outside the package",
    ),
    Case(
        "zip-slip-absolute",
        _added(entry("/etc/evil.xml", b"<x/>")),
        "it holds a part named `/etc/evil.xml`, which points outside the package",
    ),
    Case(
        "zip-slip-backslash",
        _added(entry("..\\evil.xml", b"<x/>")),
        "which points outside the package",
    ),
    Case(
        "zip-slip-drive",
        _added(entry("C:/evil.xml", b"<x/>")),
        "it holds a part named `C:/evil.xml`, which points outside the package",
    ),
    Case(
        "zip-slip-dot",
        _added(entry("ppt/./x.xml", b"<x/>")),
        "it holds a part named `ppt/./x.xml`, which points outside the package",
    ),
    Case(
        "duplicate-name",
        lambda m: deck_zip(m, add=[entry(_slide(m), b"<x/>")]),
        "it holds two parts named `ppt/slides/slide1.xml`",
    ),
    Case(
        "duplicate-name-other-case",
        lambda m: deck_zip(m, add=[entry(_slide(m).upper(), b"<x/>")]),
        "it holds two parts named `PPT/SLIDES/SLIDE1.XML`",
    ),
    Case(
        "bad-crc",
        _bad_crc,
        "its part `ppt/slides/slide1.xml` is damaged",
        "open it in PowerPoint and save it again",
    ),
    Case("bad-deflate-data", _bad_deflate, "its part `ppt/slides/slide1.xml` is damaged"),
    Case("truncated", _truncated, "it is not a .pptx package"),
    Case("empty-file", lambda m: b"", "it is not a .pptx package"),
    Case("text-file", lambda m: b"just some text\n" * 10, "it is not a .pptx package"),
    # OLE compound files
    Case(
        "password-protected",
        lambda m: compound_file(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]),
        "it is password-protected",
        "remove the password",
    ),
    Case(
        "binary-ppt",
        lambda m: compound_file(["PowerPoint Document", "Current User"]),
        "it is an old binary PowerPoint file (.ppt)",
        "save it as a PowerPoint Presentation",
    ),
    Case(
        "binary-doc",
        lambda m: compound_file(["WordDocument", "1Table"]),
        "it is a Word 97-2003 document (.doc)",
    ),
    Case(
        "binary-xls",
        lambda m: compound_file(["Workbook"]),
        "it is an Excel 97-2003 workbook (.xls)",
    ),
    Case(
        "outlook-message",
        lambda m: compound_file(["__substg1.0_0037001F"]),
        "it is password-protected, or an old binary .ppt file",
    ),
    Case(
        "compound-loop",
        lambda m: compound_file(["EncryptionInfo"], loop=True),
        "it is password-protected, or an old binary .ppt file",
    ),
    Case(
        "compound-header-only",
        lambda m: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "it is password-protected, or an old binary .ppt file",
    ),
    # other Office and OpenDocument files
    Case(
        "word",
        lambda m: _package(f"{OFFICE}.wordprocessingml.document.main+xml"),
        "it is a Word document (.docx)",
    ),
    Case(
        "word-embedding-a-workbook",
        lambda m: _package(
            f"{OFFICE}.wordprocessingml.document.main+xml",
            extra=f'<Default Extension="xlsx" ContentType="{OFFICE}.spreadsheetml.sheet"/>'
            f'<Override PartName="/c.xml" ContentType="{OFFICE}.presentationml.slideshow.main'
            '+xml"/>'.encode(),
        ),
        "it is a Word document (.docx)",
    ),
    Case(
        "excel",
        lambda m: _package(f"{OFFICE}.spreadsheetml.sheet.main+xml"),
        "it is an Excel workbook (.xlsx)",
    ),
    Case(
        "slide-show",
        lambda m: _package(f"{OFFICE}.presentationml.slideshow.main+xml"),
        "it is a slide show (.ppsx), not a presentation",
    ),
    Case(
        "template",
        lambda m: _package(f"{OFFICE}.presentationml.template.main+xml"),
        "it is a template (.potx), not a presentation",
    ),
    Case(
        "macro-excel-template",
        lambda m: _package("application/vnd.ms-excel.template.macroEnabled.main+xml"),
        "it is a macro-enabled or binary Excel workbook (.xlsm, .xlsb)",
    ),
    Case(
        "odp",
        lambda m: _open_document("application/vnd.oasis.opendocument.presentation"),
        "it is an OpenDocument presentation (.odp), not a PowerPoint file",
        "save it as PowerPoint (.pptx)",
    ),
    Case(
        "odt",
        lambda m: _open_document("application/vnd.oasis.opendocument.text"),
        "it is an OpenDocument text document (.odt), not a PowerPoint file",
    ),
    Case(
        "plain-zip",
        lambda m: raw_zip([entry("readme.txt", b"hello")]),
        "it is a zip file, but has no presentation in it",
    ),
    # XML: no DTD reaches a parser, so no entity is expanded or fetched
    Case(
        "billion-laughs",
        _with(lambda m: "ppt/presentation.xml", BILLION_LAUGHS),
        "its part `ppt/presentation.xml` declares a DTD, which Open XML parts may not",
    ),
    Case("xxe-slide", _with(_slide, XXE), "its part `ppt/slides/slide1.xml` declares a DTD"),
    Case(
        "xxe-utf16-slide",
        _with(
            _slide, XXE.replace(b'"1.0"?>', b'"1.0" encoding="UTF-16"?>').decode().encode("utf-16")
        ),
        "its part `ppt/slides/slide1.xml` declares a DTD",
    ),
    Case(
        "xxe-utf32-slide",
        _with(
            _slide, XXE.replace(b'"1.0"?>', b'"1.0" encoding="UTF-32"?>').decode().encode("utf-32")
        ),
        "its part `ppt/slides/slide1.xml` is not in UTF-8 or UTF-16, the encodings Open XML allows",
    ),
    Case(
        "xxe-utf32be-no-bom-slide",
        _with(_slide, XXE.decode().encode("utf-32-be")),
        "its part `ppt/slides/slide1.xml` is not in UTF-8 or UTF-16",
    ),
    Case(
        "xxe-utf7-declared-slide",
        _with(_slide, b'<?xml version="1.0" encoding="UTF-7"?>+ADw-p:sld/+AD4-'),
        "its part `ppt/slides/slide1.xml` is not in UTF-8 or UTF-16",
    ),
    Case(
        "xxe-svg-picture",
        _added(entry("ppt/media/image9.svg", SVG_XXE)),
        "its part `ppt/media/image9.svg` declares a DTD",
    ),
    Case(
        "external-dtd-content-types",
        _with(lambda m: "[Content_Types].xml", EXTERNAL_DTD),
        "its part `[Content_Types].xml` declares a DTD",
    ),
    Case(
        "xxe-package-rels",
        _with(lambda m: "_rels/.rels", XXE),
        "its part `_rels/.rels` declares a DTD",
    ),
    Case(
        "malformed-slide",
        _with(_slide, b"<p:sld><unclosed></p:sld>"),
        "its part `ppt/slides/slide1.xml` is not well-formed XML",
    ),
    Case(
        "malformed-rels",
        _with(_rels_of, b"<Relationships"),
        "its part `ppt/_rels/presentation.xml.rels` is not well-formed XML",
    ),
    Case(
        "malformed-content-types",
        _with(lambda m: "[Content_Types].xml", b"<Types>"),
        "its part `[Content_Types].xml` is not well-formed XML",
    ),
    # missing parts
    Case(
        "no-presentation-part",
        _without("ppt/presentation.xml"),
        "its main part `ppt/presentation.xml` is missing",
    ),
    Case(
        "no-content-types",
        _without("[Content_Types].xml"),
        "it has no list of content types ([Content_Types].xml)",
    ),
    Case(
        "no-package-relationships",
        _without("_rels/.rels"),
        "it has no list of its parts' relationships (_rels/.rels)",
    ),
    Case(
        "slide-relationship-to-missing-part",
        _edit(_rels_of, b'Target="slides/slide1.xml"', b'Target="slides/slide9.xml"'),
        "its part `ppt/_rels/presentation.xml.rels` points to `ppt/slides/slide9.xml`, "
        "which is not in it",
    ),
    Case(
        "layout-missing",
        _without("ppt/slideLayouts/slideLayout6.xml"),
        "points to `ppt/slideLayouts/slideLayout6.xml`, which is not in it",
    ),
    Case(
        "relationship-without-target",
        _edit(_slide_rels, b'Target="', b'Tar="'),
        "has a relationship with no target",
    ),
    Case(
        "part-without-content-type",
        lambda m: deck_zip(
            m,
            change={_slide_rels(m): m[_slide_rels(m)].replace(b"../media/image1.png", b"x.weird")},
            add=[entry("ppt/slides/x.weird", b"?")],
        ),
        "its part `ppt/slides/x.weird` has no content type",
    ),
]
BOMBS = {
    "bomb-ratio",
    "bomb-dense-xml",
    "bomb-directory-lies",
    "bomb-overlapping-members",
    "bomb-many-members",
    "too-many-parts",
    "huge-zip-directory",
}


def _assert_refused(output: str, path: Path, case: Case) -> None:
    assert f"error: {path}: {CANNOT}" in output, output
    assert case.said in output, output
    if case.hint:
        hint = output.split("\n  hint: ", 1)[1] if "\n  hint: " in output else ""
        assert case.hint in hint, output
    for word in FOREIGN_WORDS:
        assert word not in output, (word, output)


# each command run in one process whose address space is capped, so a bomb that got through
# would fail there (MemoryError), never take the machine's memory
DRIVER = """
import json, sys
from click.testing import CliRunner
from summarydeck.cli import cli
runs = [CliRunner().invoke(cli, args) for args in json.loads(sys.argv[1])]
print(json.dumps([[run.exit_code, run.output] for run in runs]))
"""


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _run(commands: list[list[str]], cwd: Path, timeout: float = 30) -> list[tuple[int, str]]:
    """Exit status and output of `summarydeck` with each of `commands`, run in one process
    within ADDRESS_SPACE bytes of memory."""
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(commands)],
        cwd=cwd,
        preexec_fn=_cap,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "SUMMARYDECK_DEBUG": "1"},  # a traceback would show
    )
    assert done.returncode == 0, done.stderr
    return [(code, output) for code, output in json.loads(done.stdout)]


def test_the_corpus_is_big_enough() -> None:
    assert len(CASES) >= 40 and len({case.id for case in CASES}) == len(CASES)
    assert {case.id for case in CASES} >= BOMBS


@pytest.mark.parametrize("case", [c for c in CASES if c.id not in BOMBS], ids=lambda c: c.id)
def test_check_and_diff_refuse_a_hostile_deck_plainly(
    case: Case, members: Members, good: Path, tmp_path: Path
) -> None:
    path = tmp_path / f"{case.id}.pptx"
    path.write_bytes(case.make(members))
    for args in (["check", str(path)], ["diff", str(good), str(path)]):
        run = CliRunner().invoke(cli, args)
        assert run.exit_code == 3, (args, run.output, run.exception)
        _assert_refused(run.output, path, case)


@pytest.mark.parametrize("case", [c for c in CASES if c.id in BOMBS], ids=lambda c: c.id)
def test_a_zip_bomb_is_refused_in_bounded_memory(
    case: Case, members: Members, good: Path, tmp_path: Path
) -> None:
    path = tmp_path / f"{case.id}.pptx"
    path.write_bytes(case.make(members))
    assert path.stat().st_size < 20 * MB  # small on disk, gigabytes once inflated
    for code, output in _run([["check", path.name], ["diff", str(good), path.name]], tmp_path):
        assert code == 3, output
        _assert_refused(output, Path(path.name), case)


def test_the_good_deck_is_read(good: Path, members: Members) -> None:
    """The corpus damages a deck that opens: its faults are the cases', not the base's."""
    run = CliRunner().invoke(cli, ["check", str(good)])
    assert run.exit_code in (0, 1) and "checked 1 slides" in run.output, run.output
    run = CliRunner().invoke(cli, ["diff", str(good), str(good)])
    assert run.exit_code == 0, run.output


# --- files that are no files -------------------------------------------------------------------


@pytest.mark.parametrize("what", ["fifo", "link-to-fifo", "device"])
def test_a_named_pipe_or_device_is_refused_without_blocking(
    what: str, good: Path, tmp_path: Path
) -> None:
    """Opening a named pipe for reading blocks until someone writes to it; reading a device
    like /dev/zero never ends. Both are refused before they are opened."""
    path = tmp_path / "deck.pptx"
    said = "a named pipe (FIFO), not a file (a .pptx deck is needed)"
    if what == "device":
        path, said = Path("/dev/zero"), "a device, not a file (a .pptx deck is needed)"
    else:
        os.mkfifo(tmp_path / "pipe")
        if what == "fifo":
            path = tmp_path / "pipe"
        else:
            path.symlink_to(tmp_path / "pipe")
    commands = [["check", str(path)], ["diff", str(good), str(path)]]
    for code, output in _run(commands, tmp_path, timeout=20):
        assert code == 3, output
        assert f"error: {path}: {said}" in output
        assert "Traceback" not in output


def test_a_malformed_part_nothing_points_to_is_a_finding_in_our_words(
    members: Members, tmp_path: Path
) -> None:
    path = tmp_path / "junk.pptx"
    path.write_bytes(deck_zip(members, add=[entry("ppt/junk.xml", b"<a><b></a>")]))
    run = CliRunner().invoke(cli, ["check", str(path)])
    assert "/ppt/junk.xml: not well-formed XML (line 1)" in run.output, run.output
    assert "tag mismatch" not in run.output and "<string>" not in run.output, run.output


def test_a_compound_file_is_read_in_memory_that_does_not_grow_with_it() -> None:
    """FAT sector numbers may repeat: a 50 MB file can name one FAT sector 100,000 times,
    which a table of every sector held as 12.8 million numbers (over 100 MB)."""
    sectors = 100_000
    per_difat = 127
    difat_count = -(-(sectors - 109) // per_difat)
    header = bytearray(compound_file(["EncryptionInfo"])[:512])
    first_difat = 3  # sectors: 0 FAT, 1 directory, then the DIFAT chain
    struct.pack_into("<III", header, 44, sectors, 1, 0)
    struct.pack_into("<II", header, 68, first_difat, difat_count)
    struct.pack_into("<109I", header, 76, *([0] * 109))
    body = bytearray(compound_file(["EncryptionInfo"])[512:1536])  # the FAT and directory
    body += bytes(512)  # sector 2, unused
    for n in range(difat_count):
        last = n == difat_count - 1
        body += struct.pack("<128I", *([0] * 127), 0xFFFFFFFE if last else first_difat + n + 1)
    body += bytes((sectors + 1) * 512 - len(header) - len(body))
    data = bytes(header + body)
    tracemalloc.start()
    try:
        assert "EncryptionInfo" in directory_names(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * MB, peak


# --- the size limits, and raising them -----------------------------------------------------------


def _text(size: int) -> bytes:
    """`size` bytes of four letters at random: about four to one once deflated."""
    return os.urandom(size).translate(bytes(0x61 + (n & 3) for n in range(256)))


def _stored(name: str, raw: bytes) -> Entry:
    return Entry(name, raw, len(raw), zlib.crc32(raw), method=zipfile.ZIP_STORED)


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (
            [_stored("ppt/media/video.bin", os.urandom(1_200_000))],
            "it is larger than 1 MB (the limit for a deck)",
        ),
        (
            [entry("ppt/media/video.bin", _text(1_500_000))],
            "its part `ppt/media/video.bin` inflates to more than 1 MB (the limit for one part "
            "of a deck)",
        ),
        (
            [entry(f"ppt/media/{n}.bin", _text(900_000)) for n in range(3)],
            "it inflates to more than 2 MB (the limit for a deck)",
        ),
    ],
    ids=["file", "part", "total"],
)
def test_a_deck_over_a_size_limit_says_the_limit_and_how_to_raise_it(
    extra: list[Entry],
    said: str,
    members: Members,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "big.pptx"
    path.write_bytes(deck_zip(members, add=extra))
    assert path.stat().st_size < 2 * MB
    monkeypatch.setenv("SUMMARYDECK_MAX_DECK_MB", "1")
    run = CliRunner().invoke(cli, ["check", str(path)])
    assert run.exit_code == 3, run.output
    assert f"error: {path}: {CANNOT}{said}\n" in run.output
    assert (
        "hint: if it is a real deck, set SUMMARYDECK_MAX_DECK_MB to more megabytes than 1 "
        "(the limit now) and run again" in run.output
    )
    monkeypatch.setenv("SUMMARYDECK_MAX_DECK_MB", "5")  # raised, the same deck opens
    run = CliRunner().invoke(cli, ["check", str(path)])
    assert "checked 1 slides" in run.output, run.output


def test_an_xml_part_has_its_own_smaller_limit(members: Members) -> None:
    """A parser holds several times an XML part's size, so XML has a lower limit than a
    picture or a video: by its name, before inflating; by its content type, as it is read."""
    limits = Limits(file_bytes=10 * MB, part_bytes=MB, total_bytes=2 * MB, xml_part_bytes=100_000)
    big = b"<a/>" * 30_000
    said = "inflates to more than 100,000 bytes of XML (the limit for one XML part)"
    with pytest.raises(PackageRefusal, match=rf"^its part `ppt/big\.xml` {re.escape(said)}$"):
        SafeZip(deck_zip(members, add=[entry("ppt/big.xml", big)]), limits)
    package = SafeZip(deck_zip(members, add=[entry("ppt/big.dat", big)]), limits)
    with pytest.raises(PackageRefusal, match=rf"^its part `ppt/big\.dat` {re.escape(said)}$"):
        package.read("ppt/big.dat", xml=True)
    assert package.read("ppt/big.dat") == big  # the same bytes, not XML: within the part limit


# --- an embedded package --------------------------------------------------------------------------


def test_a_bomb_inside_an_embedded_workbook_is_a_finding_in_bounded_memory(
    members: Members, tmp_path: Path
) -> None:
    """python-pptx never opens a chart's workbook, but the package checks do: the embedded
    zip is read within the same limits and reported, and the deck itself is still checked."""
    workbook = first(members, "ppt/embeddings/")
    bomb = raw_zip([zeros_entry("xl/worksheets/sheet1.xml", 40 * MB)])
    path = tmp_path / "chart-bomb.pptx"
    path.write_bytes(deck_zip(members, change={workbook: bomb}))
    [(code, output)] = _run([["check", path.name]], tmp_path)
    assert code == 1, output
    assert f"/{workbook}!: not a readable zip package: its part `xl/worksheets/sheet1.xml` " in (
        output
    )
    assert "it is a zip bomb" in output and "checked 1 slides" in output
    assert "Traceback" not in output


# --- the deck already at a build's output path ---------------------------------------------------


def test_what_is_no_file_at_the_output_path_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "deck.pptx"
    folder.mkdir()
    os.mkfifo(tmp_path / "pipe.pptx")
    for target, what in ((folder, "a folder"), (tmp_path / "pipe.pptx", "a named pipe (FIFO)")):
        for force in (False, True):  # --force cannot make a file of it
            with pytest.raises(OutputError) as caught:
                guard_overwrite(target, force=force)
            assert str(caught.value) == f"{target} is {what}, not a file, so it was not replaced"
            assert caught.value.hint == "move it away or choose another --out"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx", "pipe.pptx"]


GUARD = """
import sys
from pathlib import Path
from summarydeck.diagnostics import OutputError
from summarydeck.output.guard import guard_overwrite
try:
    backup = guard_overwrite(Path(sys.argv[1]), force=sys.argv[2] == "force")
    print("backup:", backup.name if backup else None)
except OutputError as exc:
    print("refused:", exc)
"""


def _guard(target: Path, force: bool) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", GUARD, str(target), "force" if force else "keep"],
        preexec_fn=_cap,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_a_zip_bomb_at_the_output_path_is_kept_unless_forced(
    members: Members, tmp_path: Path
) -> None:
    """A bomb where the deck goes cannot be read as a deck: like any foreign file, the build
    refuses to replace it without --force (and reads it in bounded memory to find that)."""
    target = tmp_path / "deck.pptx"
    target.write_bytes(deck_zip(members, add=[zeros_entry("ppt/media/zeros.bin", 60 * MB)]))
    run = _guard(target, force=False)
    assert run.stdout == (
        f"refused: {target} cannot be read as a deck any more, so it was not replaced\n"
    ), run.stderr
    run = _guard(target, force=True)
    assert run.stdout.startswith("backup: deck.backup-"), run.stderr
    assert disk_state(target).why == "cannot be read as a deck any more"


def test_a_named_pipe_as_the_manifest_does_not_block_the_guard(good: Path, tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(good.read_bytes())
    os.mkfifo(tmp_path / "deck.manifest.json")
    run = _guard(target, force=False)
    assert run.stdout == (
        f"refused: {target} was not written by summarydeck, so it was not replaced\n"
    ), run.stderr


SVG_PUBLIC_DTD = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10"/></svg>'
)


@pytest.mark.parametrize("split", [None, 30, 45, 60, 90, 140])
def test_an_svg_naming_the_public_svg_dtd_is_read(split: int | None) -> None:
    """Illustrator writes `<!DOCTYPE svg PUBLIC ...>` into SVGs: no parser of ours loads it and
    it declares no entities, so a logo saved so must not make its deck unreadable (even when
    the inflated bytes arrive in pieces that cut the DOCTYPE)."""
    from summarydeck.ooxml.package_limits import _XmlScan

    scan = _XmlScan("ppt/media/image1.svg")
    pieces = [SVG_PUBLIC_DTD] if split is None else [SVG_PUBLIC_DTD[:split], SVG_PUBLIC_DTD[split:]]
    for piece in pieces:
        scan.feed(piece)
    scan.finish()


@pytest.mark.parametrize(
    "svg",
    [
        SVG_PUBLIC_DTD.replace(b'svg11.dtd">', b'svg11.dtd" [<!ENTITY a "b">]>'),
        SVG_PUBLIC_DTD.replace(b"<svg ", b"<!DOCTYPE svg><svg "),
        SVG_PUBLIC_DTD.replace(b"svg11.dtd", b"svg11.dtd\"<!ENTITY x 'y'"),
    ],
    ids=["internal-subset", "two-doctypes", "entity-in-declaration"],
)
def test_an_svg_dtd_with_anything_more_is_refused(svg: bytes) -> None:
    from summarydeck.ooxml.package_limits import PackageRefusal, check_xml_part, deck_limits

    with pytest.raises(PackageRefusal, match="declares a DTD"):
        check_xml_part("ppt/media/image1.svg", svg, deck_limits())
    with pytest.raises(PackageRefusal, match="declares a DTD"):
        check_xml_part("ppt/slides/slide1.xml", SVG_PUBLIC_DTD, deck_limits())
