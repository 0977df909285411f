"""Reading a package that may be hostile: a deck from an email, a file someone left where the
deck goes. The limits are here, in one place, and every read of a file or a zip member that
came from outside goes through this module:

- only a regular file is opened (never a named pipe, device or folder: those could block for
  ever or never end), opened without blocking, and at most `file_bytes` of it is read;
- the zip's directory is checked before any member is inflated: its size, the number of parts,
  part names (no `..`, absolute or backslashed names: zip-slip; no two parts with one name),
  no zip encryption, only the compression Office uses, declared sizes within the limits;
- members are inflated in small steps that count what comes out, since the directory can lie:
  a member that inflates past what the directory says, past its limit, or far beyond what any
  real deck compresses to (a zip bomb) is refused while inflating, in bounded memory;
- XML parts (SVG pictures too) declaring a DTD are refused (Open XML forbids them): no entity
  expansion and no external entities can reach any parser; so are XML parts in an encoding
  other than UTF-8 or UTF-16 that a parser would still read (UTF-32, EBCDIC, UTF-7), where
  the scan for a DTD could not see one;
- the XML parts together may inflate to at most `xml_floor` bytes, or beyond that to
  `xml_ratio` times their compressed size: a parser holds about 30 bytes for each byte of
  `<x/><x/>...`, so XML that compresses far better than any real deck's (3 to 15 : 1) would
  take gigabytes from a small file.

Sizes are generous for real decks (a 2,000-slide deck with pictures and video opens);
`SUMMARYDECK_MAX_DECK_MB` raises the size limits for a deck bigger still.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MB = 1_000_000
SIZE_VARIABLE = "SUMMARYDECK_MAX_DECK_MB"
_DEFAULT_MB = 1000


@dataclass(frozen=True)
class Limits:
    """What a package may be, at most."""

    file_bytes: int  # the file on disk
    part_bytes: int  # one part, inflated (a video)
    total_bytes: int  # every part, inflated
    xml_part_bytes: int = 50 * MB  # one XML part, inflated: a parser holds several times this
    parts: int = 50_000  # a 2,000-slide deck with a chart on each has about 20,000
    directory_bytes: int = 16 * MB  # the zip's central directory: an object per entry
    ratio: int = 200  # inflated size to compressed size: real parts stay under 20
    ratio_from: int = 10 * MB  # smaller parts may compress better (a blank picture)
    xml_floor: int = 10 * MB  # the XML parts together, inflated, at any ratio: a parser holds
    # about 30 times this for the densest XML; a 2,000-slide deck has about 11 MB of XML
    xml_ratio: int = 30  # past xml_floor: XML inflated to XML compressed (a 2,000-slide deck: 4)
    raise_hint: str = ""  # how to raise the size limits


def deck_limits() -> Limits:
    """The limits for a deck or template, with the sizes `SUMMARYDECK_MAX_DECK_MB` sets."""
    size = _DEFAULT_MB
    given = os.environ.get(SIZE_VARIABLE, "").strip()
    if given.isdigit() and int(given) > 0:
        size = int(given)
    return Limits(
        file_bytes=size * MB,
        part_bytes=size * MB,
        total_bytes=2 * size * MB,
        raise_hint=f"if it is a real deck, set {SIZE_VARIABLE} to more megabytes "
        f"than {size:,} (the limit now) and run again",
    )


class PackageRefusal(Exception):
    """A file or package that will not be read; `reason` completes "cannot be read as a
    deck: ...", `damaged` says it looks broken rather than hostile."""

    def __init__(self, reason: str, hint: str | None = None, *, damaged: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint
        self.damaged = damaged


class NotAZip(PackageRefusal):
    """The bytes are not a zip file at all."""


def megabytes(size: int) -> str:
    return f"{size / MB:,.0f} MB" if size >= MB else f"{size:,} bytes"


# --- files ------------------------------------------------------------------------------------


def what_is_at(path: Path) -> str | None:
    """None for a regular file (or a link to one) or for nothing at all; otherwise what is
    there, in words: "a folder", "a named pipe (FIFO)" ... Never opens it."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return None  # unreadable: opening it says why
    return _kind(mode)


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, once it is known to be a regular file: opened without
    blocking (a named pipe put there after the check cannot hang us) and checked again on the
    open file. Raises PackageRefusal for anything else, OSError when it cannot be opened."""
    kind = what_is_at(path)
    if kind is not None:
        raise PackageRefusal(f"it is {kind}, not a file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        kind = _kind(os.fstat(descriptor).st_mode)
    except OSError:
        os.close(descriptor)
        raise
    if kind is not None:
        os.close(descriptor)
        raise PackageRefusal(f"it is {kind}, not a file")
    return os.fdopen(descriptor, "rb")


def read_regular(path: Path, limit: int, hint: str | None = None) -> bytes:
    """The bytes of the regular file at `path`, refused past `limit` bytes."""
    too_large = PackageRefusal(f"it is larger than {megabytes(limit)} (the limit for a deck)", hint)
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise too_large
        # one byte more than its size, to see it grow while we read; never `limit + 1`, which
        # Python allocates up front (a gigabyte of address space for every small deck)
        data = handle.read(size + 1)
        if len(data) > size:
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:
        raise too_large
    return data


# --- zips -------------------------------------------------------------------------------------

_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # all Office writes
_STEP = 1 << 16  # compressed bytes fed to zlib at a time
_OUT_STEP = 1 << 20  # inflated bytes taken from zlib at a time
_DOCTYPE = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_DRIVE = re.compile(r"^[A-Za-z]:")


class SafeZip:
    """A zip whose directory passed the limits. Parts are read through `read`, inflated in
    bounded steps; `inflate_all` reads every part once, counting toward the total."""

    def __init__(self, source: bytes | BinaryIO, limits: Limits) -> None:
        self.limits = limits
        self._handle: BinaryIO = io.BytesIO(source) if isinstance(source, bytes) else source
        self.size = self._handle.seek(0, io.SEEK_END)
        self._inflated = 0
        self._check_directory_size()
        try:
            self._zip = zipfile.ZipFile(self._handle)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise NotAZip("it is not a zip package") from exc
        self.infos = {info.filename: info for info in infos if not info.is_dir()}
        self._check_entries(infos)

    @property
    def names(self) -> list[str]:
        return list(self.infos)

    def read(self, name: str, *, xml: bool = False) -> bytes:
        """The inflated bytes of the part `name` (KeyError when there is none)."""
        chunks: list[bytes] = []
        self._inflate(self.infos[name], xml, chunks.append)
        return b"".join(chunks)

    def inflate_all(self, is_xml: Callable[[str], bool]) -> None:
        """Inflate every part once and throw the bytes away: proves each inflates to what
        the directory says, within the limits, and that no XML part declares a DTD."""
        self.check_xml_total(is_xml)
        for name, info in self.infos.items():
            self._inflate(info, is_xml(name), None)

    def read_all(self, is_xml: Callable[[str], bool]) -> dict[str, bytes]:
        """Every part's inflated bytes by name, in the zip's order: `inflate_all`'s checks,
        with the bytes kept (a reader then needs no second pass over the zip)."""
        self.check_xml_total(is_xml)
        parts: dict[str, bytes] = {}
        for name, info in self.infos.items():
            chunks: list[bytes] = []
            self._inflate(info, is_xml(name), chunks.append)
            parts[name] = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        return parts

    def check_xml_total(self, is_xml: Callable[[str], bool]) -> None:
        """The XML parts (`is_xml` names them) together within `xml_floor`, or past it within
        `xml_ratio` times their compressed size. Judged on the sizes the directory declares:
        no part may inflate to more than its declared size."""
        limits, size, packed = self.limits, 0, 0
        for name, info in self.infos.items():
            if is_xml(name):
                size += info.file_size
                packed += info.compress_size
        if size > limits.xml_floor and size > limits.xml_ratio * packed:
            raise PackageRefusal(
                f"its XML parts inflate to {megabytes(size)}, more than {limits.xml_ratio} "
                f"times their compressed size (the limit for a deck past "
                f"{megabytes(limits.xml_floor)} of XML): it is a zip bomb"
            )

    # -- the directory, before anything is inflated --

    def _check_directory_size(self) -> None:
        """The central directory's size and entry count from its end record, before zipfile
        builds an object for each entry (a directory of millions of empty entries)."""
        found = _directory_extent(self._handle, self.size)
        if found is None:
            return  # not a zip, or an unusual one: zipfile says which
        start, length = found
        if length > self.limits.directory_bytes:
            raise PackageRefusal(
                f"its zip directory is larger than {megabytes(self.limits.directory_bytes)} "
                "(the limit for a deck)"
            )
        self._handle.seek(start)
        directory = self._handle.read(length)
        entries, offset = 0, 0
        while directory.startswith(_CENTRAL, offset) and offset + 46 <= len(directory):
            name, extra, comment = struct.unpack_from("<HHH", directory, offset + 28)
            offset += 46 + name + extra + comment
            entries += 1
            if entries > self.limits.parts:
                raise self._too_many()

    def _too_many(self) -> PackageRefusal:
        return PackageRefusal(
            f"it has more than {self.limits.parts:,} parts (the limit for a deck)"
        )

    def _check_entries(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > self.limits.parts:
            raise self._too_many()
        seen: set[str] = set()
        declared = compressed = 0
        for info in infos:
            name = info.filename
            _check_name(name, seen)
            if info.flag_bits & 0x1:
                raise PackageRefusal(
                    f"its part {shown(name)} is encrypted with a zip password, which Office "
                    "never does",
                    "if it is a deck, open it in PowerPoint and save it again",
                )
            if info.compress_type not in _METHODS:
                raise PackageRefusal(
                    f"its part {shown(name)} is compressed in a way Office never uses "
                    f"(zip method {info.compress_type})",
                    damaged=True,
                )
            declared += info.file_size
            compressed += info.compress_size
            self._check_size(name, info.file_size, info.compress_size, looks_xml(name))
        if declared > self.limits.total_bytes:
            raise self._too_big()
        if compressed > self.size:  # members sharing their compressed bytes: a zip bomb
            raise PackageRefusal("its parts overlap one another in the file: it is a zip bomb")
        self.check_xml_total(looks_xml)

    # -- inflating, counted as it goes --

    def _inflate(
        self, info: zipfile.ZipInfo, xml: bool, sink: Callable[[bytes], None] | None
    ) -> None:
        name = info.filename
        self._check_size(name, info.file_size, info.compress_size, xml)
        self._handle.seek(info.header_offset)
        local = self._handle.read(30)
        if len(local) < 30 or not local.startswith(_LOCAL):
            raise PackageRefusal(f"its part {shown(name)} is damaged", damaged=True)
        name_length, extra_length = struct.unpack_from("<HH", local, 26)
        self._handle.seek(info.header_offset + 30 + name_length + extra_length)
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        left, produced, crc = info.compress_size, 0, 0
        scan = _XmlScan(name) if xml else None

        def take(out: bytes) -> None:
            nonlocal produced, crc
            produced += len(out)
            self._inflated += len(out)
            if produced > info.file_size:
                raise PackageRefusal(
                    f"its part {shown(name)} inflates to more than its zip directory says: "
                    "it is a zip bomb, or damaged"
                )
            self._check_ratio(name, produced, info.compress_size - left)
            crc = zlib.crc32(out, crc)
            if scan is not None:
                scan.feed(out)
            if sink is not None:
                sink(out)

        try:
            while left > 0 and not (inflater is not None and inflater.eof):
                chunk = self._handle.read(min(left, _STEP))
                if not chunk:
                    break
                left -= len(chunk)
                if inflater is None:
                    take(chunk)
                    continue
                while chunk and not inflater.eof:
                    take(inflater.decompress(chunk, _OUT_STEP))
                    chunk = inflater.unconsumed_tail
            if inflater is not None:
                take(inflater.flush())  # at most a few bytes: all input is in
            if scan is not None:
                scan.finish()
        except zlib.error:
            produced = -1  # not deflate data: damaged
        if produced != info.file_size or crc != info.CRC:
            raise PackageRefusal(f"its part {shown(name)} is damaged", damaged=True)

    def _check_size(self, name: str, size: int, packed: int, xml: bool) -> None:
        self._check_ratio(name, size, packed)  # a bomb is named as one, not as a big part
        _check_part_size(name, size, xml, self.limits)

    def _check_ratio(self, name: str, size: int, packed: int) -> None:
        limits = self.limits
        if size > limits.ratio_from and size > limits.ratio * max(packed, 1):
            raise PackageRefusal(
                f"its part {shown(name)} inflates to more than {limits.ratio} times its "
                "compressed size (the limit for a deck): it is a zip bomb"
            )
        if self._inflated > limits.total_bytes:
            raise self._too_big()
        if self._inflated > limits.ratio_from and self._inflated > limits.ratio * self.size:
            raise PackageRefusal(
                f"it inflates to more than {limits.ratio} times its size (the limit for a "
                "deck): it is a zip bomb"
            )

    def _too_big(self) -> PackageRefusal:
        return PackageRefusal(
            f"it inflates to more than {megabytes(self.limits.total_bytes)} (the limit for a deck)",
            self.limits.raise_hint or None,
        )


class _XmlScan:
    """Reads an XML part inflated in pieces: refuses `<!DOCTYPE` (even across two pieces) and,
    from its first bytes, an encoding in which that scan could not see one."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._tail = b""
        self._head: bytes | None = b""  # the first bytes, until the encoding is judged
        # An SVG picture may name the public SVG DTD (Illustrator writes one), which no parser
        # of ours loads; what it may not have is an internal subset, `[...]`, where entities
        # are declared. None: no DOCTYPE yet; bytes: the DOCTYPE read so far, until its `>`.
        self._svg = name.lower().endswith(".svg")
        self._doctype: bytes | None = None
        self._doctypes = 0

    def feed(self, out: bytes) -> None:
        if self._head is not None:
            self._head += out
            if len(self._head) >= _HEAD:
                self.finish()
        window = self._tail + out
        self._tail = window[-(2 * len("<!DOCTYPE")) :]
        if self._doctype is not None:
            self._plain_doctype(self._doctype + out)
        elif found := next((m for m in _DOCTYPE if m in window), None):
            self._doctypes += 1
            if not self._svg or self._doctypes > 1:
                raise self._dtd_refusal()
            self._plain_doctype(window[window.index(found) + len(found) :])

    def _plain_doctype(self, declaration: bytes) -> None:
        """An SVG's DOCTYPE up to its `>`: refused if it holds an internal subset."""
        end = declaration.find(b">")
        inside = declaration if end < 0 else declaration[:end]
        if b"[" in inside or b"<!ENTITY" in declaration or len(inside) > 4096:
            raise self._dtd_refusal()
        self._doctype = inside if end < 0 else None
        if end >= 0:
            after = declaration[end + 1 :]
            if any(m in after for m in _DOCTYPE):
                raise self._dtd_refusal()
            self._tail = after[-(2 * len("<!DOCTYPE")) :]  # never this DOCTYPE again

    def _dtd_refusal(self) -> PackageRefusal:
        return PackageRefusal(
            f"its part {shown(self._name)} declares a DTD, which Open XML parts may not "
            "(its entities could expand without end or read other files)"
        )

    def finish(self) -> None:
        """Judge the encoding, once the first bytes (or the whole part) are in."""
        head, self._head = self._head, None
        if head is not None and not encoding_allowed(head):
            raise PackageRefusal(
                f"its part {shown(self._name)} is not in UTF-8 or UTF-16, the encodings Open "
                "XML allows"
            )


_HEAD = 256  # bytes enough for a byte order mark and an XML declaration
# first bytes a parser reads as UTF-32 (with or without a byte order mark) or EBCDIC
_OTHER_ENCODINGS = (
    b"\x00\x00\xfe\xff",
    b"\xff\xfe\x00\x00",
    b"\x00\x00\x00<",
    b"<\x00\x00\x00",
    b"\x00\x00<\x00",
    b"\x00<\x00\x00",
    b"\x4c\x6f\xa7\x94",
)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
# declared encodings in which `<!DOCTYPE` is written in the bytes the scan looks for
_ALLOWED = re.compile(
    r"^(utf-?8|utf-?16(-?[lb]e)?|(us-)?ascii|iso-?8859-\d+|latin-?1|windows-125\d|cp125\d)$",
    re.IGNORECASE,
)


def encoding_allowed(head: bytes) -> bool:
    """Whether the first bytes of an XML part are UTF-8 or UTF-16, as Open XML asks (or a
    declared encoding that writes ASCII as ASCII); a parser reads UTF-32 and EBCDIC too, and
    a DTD in them would pass unseen."""
    if head.startswith(_OTHER_ENCODINGS):
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00" or head[:1] == b"\x00":
        codec = "utf-16-be" if head.startswith(b"\xfe\xff") or head[:1] == b"\x00" else "utf-16-le"
        text = head.removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
        head = text[: len(text) // 2 * 2].decode(codec, errors="replace").encode("ascii", "replace")
    found = _DECLARED.match(head.removeprefix(b"\xef\xbb\xbf"))
    return found is None or bool(_ALLOWED.match(found.group(1).decode("ascii", "replace")))


def check_xml_part(name: str, data: bytes, limits: Limits) -> None:
    """The checks an XML part gets while it is inflated, for bytes already in hand (an SVG
    python-pptx loaded): its size, its encoding, no DTD. Raises PackageRefusal."""
    if len(data) > limits.xml_part_bytes:
        raise PackageRefusal(
            f"its part {shown(name)} is more than {megabytes(limits.xml_part_bytes)} of XML "
            "(the limit for one XML part)"
        )
    scan = _XmlScan(name)
    scan.feed(data)
    scan.finish()


def check_parts(
    parts: Mapping[str, bytes],
    is_xml: Callable[[str], bool],
    limits: Limits,
    known: Callable[[str], bool] | None = None,
) -> None:
    """The limits a zip's parts get, for parts already in memory (a package held by the
    build, not read from a zip), in the order a zip is judged: the number of parts, their
    names (none pointing outside the package, no two alike), each part's size and the total,
    then each XML part's encoding and no DTD (unless `known` says the same bytes passed
    before). What only a zip has (its directory, compression, CRCs, the ratio of inflated to
    compressed sizes) is judged when a zip is read. Raises PackageRefusal."""
    if len(parts) > limits.parts:
        raise PackageRefusal(f"it has more than {limits.parts:,} parts (the limit for a deck)")
    seen: set[str] = set()
    total = 0
    for name, data in parts.items():
        _check_name(name, seen)
        _check_part_size(name, len(data), looks_xml(name), limits)
        total += len(data)
    if total > limits.total_bytes:
        raise PackageRefusal(
            f"it inflates to more than {megabytes(limits.total_bytes)} (the limit for a deck)",
            limits.raise_hint or None,
        )
    for name, data in parts.items():
        if is_xml(name):
            _check_part_size(name, len(data), True, limits)
            if known is None or not known(name):
                check_xml_part(name, data, limits)


def _check_name(name: str, seen: set[str]) -> None:
    """A part's name, in a zip or in memory: inside the package, and not one already `seen`
    (which it joins)."""
    if _escapes(name):
        raise PackageRefusal(
            f"it holds a part named {shown(name)}, which points outside the package"
        )
    if name.casefold() in seen:  # Open XML part names ignore case
        raise PackageRefusal(f"it holds two parts named {shown(name)}")
    seen.add(name.casefold())


def _check_part_size(name: str, size: int, xml: bool, limits: Limits) -> None:
    """A part's size against the limits, in a zip (`SafeZip._check_size`, after its ratio) or
    in memory."""
    if xml and size > limits.xml_part_bytes:
        raise PackageRefusal(
            f"its part {shown(name)} inflates to more than "
            f"{megabytes(limits.xml_part_bytes)} of XML (the limit for one XML part)"
        )
    if size > limits.part_bytes:
        raise PackageRefusal(
            f"its part {shown(name)} inflates to more than {megabytes(limits.part_bytes)} "
            "(the limit for one part of a deck)",
            limits.raise_hint or None,
        )


def _directory_extent(handle: BinaryIO, size: int) -> tuple[int, int] | None:
    """Where the central directory starts and how long it is, from the end record (and the
    Zip64 one), as zipfile finds them; None when there is no end record."""
    tail_length = min(size, 22 + 0xFFFF)  # the record, and a comment of at most 64 KB
    handle.seek(size - tail_length)
    tail = handle.read(tail_length)
    at = tail.rfind(_EOCD)
    if at < 0 or at + 22 > len(tail):
        return None
    record = size - tail_length + at
    length = struct.unpack_from("<I", tail, at + 12)[0]
    start = record - length  # zipfile places the directory by its length, before the record
    if at >= 20 and tail.startswith(_EOCD64_LOCATOR, at - 20):
        handle.seek(max(0, record - 20 - 56))
        zip64 = handle.read(56)
        if len(zip64) == 56 and zip64.startswith(b"PK\x06\x06"):
            length = struct.unpack_from("<Q", zip64, 40)[0]
            start = record - 20 - 56 - length
    if start < 0:
        return None
    return start, length


def looks_xml(name: str) -> bool:
    """Whether a part's name says it is XML (its content type may say so too)."""
    return name.lower().endswith((".xml", ".rels", ".svg"))


def _escapes(name: str) -> bool:
    """Whether a member name could point outside a folder it was extracted to (zip-slip)."""
    segments = name.split("/")
    return (
        name.startswith("/")
        or "\\" in name
        or "\0" in name
        or bool(_DRIVE.match(name))
        or any(segment in ("..", ".") for segment in segments)
    )


def shown(name: str, width: int = 80) -> str:
    """A part's name for a message: quoted, control characters escaped, cut short."""
    text = name.encode("unicode_escape").decode("ascii") if not name.isprintable() else name
    if len(text) > width:
        text = text[: width - 3] + "..."
    return f"`{text}`"
