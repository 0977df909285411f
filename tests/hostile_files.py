"""Hostile and broken files for the deck-reading tests, made in memory: zips written entry by
entry (so a directory can lie, names can escape, members can overlap), OLE compound files
with a chosen directory, and a small real deck to damage. Bombs are small here and only
large once inflated."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, replace
from typing import Any

from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches


@dataclass(frozen=True)
class Entry:
    """One zip member as written: `data` is stored as given (already deflated for method 8),
    with the sizes and CRC the directory declares."""

    name: str
    data: bytes
    size: int
    crc: int
    method: int = zipfile.ZIP_DEFLATED
    flags: int = 0
    comment: bytes = b""
    same_as: str | None = None  # point the directory at another member's bytes (overlap)


def deflate(raw: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(raw) + packer.flush()


def entry(name: str, raw: bytes, **changes: Any) -> Entry:
    """A deflated member holding `raw`, honest unless `changes` say otherwise."""
    return replace(Entry(name, deflate(raw), len(raw), zlib.crc32(raw)), **changes)


def zeros_entry(name: str, size: int, **changes: Any) -> Entry:
    """A member of `size` zero bytes, deflated in pieces (a bomb's payload)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = b"\0" * (1 << 20)
    data, crc, left = [], 0, size
    while left:
        part = piece[: min(left, len(piece))]
        data.append(packer.compress(part))
        crc = zlib.crc32(part, crc)
        left -= len(part)
    data.append(packer.flush())
    return replace(Entry(name, b"".join(data), size, crc), **changes)


def raw_zip(entries: list[Entry]) -> bytes:
    """A zip holding `entries` exactly as they say, lies included."""
    out, central, where = bytearray(), bytearray(), {}
    for item in entries:
        name = item.name.encode("utf-8")
        if item.same_as is None:
            where[item.name] = len(out)
            out += struct.pack(
                "<4sHHHHHIIIHH",
                b"PK\x03\x04",
                20,
                item.flags,
                item.method,
                0,
                0x21,
                item.crc,
                len(item.data),
                item.size,
                len(name),
                0,
            )
            out += name + item.data
        central += struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            20,
            20,
            item.flags,
            item.method,
            0,
            0x21,
            item.crc,
            len(item.data),
            item.size,
            len(name),
            0,
            len(item.comment),
            0,
            0,
            0,
            where[item.same_as or item.name],
        )
        central += name + item.comment
    count = len(entries)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end)


def small_deck() -> dict[str, bytes]:
    """A real deck's members: a title, a chart (with its embedded workbook) and a picture."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Sales"
    data = CategoryChartData()
    data.categories = ["Q1", "Q2"]
    data.add_series("Units", (1.0, 2.0))
    slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(4), Inches(3), data
    )
    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(picture, "PNG")
    slide.shapes.add_picture(io.BytesIO(picture.getvalue()), Inches(6), Inches(2))
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {info.filename: package.read(info.filename) for info in package.infolist()}


def deck_zip(
    members: dict[str, bytes],
    *,
    change: dict[str, bytes | None] | None = None,
    add: list[Entry] | None = None,
) -> bytes:
    """The deck `members` as a zip, with parts replaced (None: left out) and entries added."""
    change = change or {}
    entries = [
        entry(name, change.get(name, data) or b"")
        for name, data in members.items()
        if not (name in change and change[name] is None)
    ]
    return raw_zip(entries + (add or []))


def first(members: dict[str, bytes], prefix: str) -> str:
    return next(name for name in members if name.startswith(prefix))


def compound_file(names: list[str], *, loop: bool = False) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) whose directory holds a root and an
    empty stream per name; `loop`: its directory chain points back at itself."""
    entries = [("Root Entry", 5)] + [(name, 2) for name in names]
    directory_sectors = -(-len(entries) // 4)
    fat = [0xFFFFFFFD]  # sector 0 holds the FAT
    fat += [sector + 2 for sector in range(directory_sectors - 1)] + [0xFFFFFFFE]
    if loop:
        fat[1] = 1
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 76, 0, *([0xFFFFFFFF] * 108))
    directory = bytearray()
    for name, kind in entries:
        record = bytearray(128)
        encoded = name.encode("utf-16-le")
        record[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", record, 64, len(encoded) + 2, kind, 1)
        struct.pack_into("<III", record, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        struct.pack_into("<I", record, 116, 0xFFFFFFFE)
        directory += record
    directory += bytes(directory_sectors * 512 - len(directory))
    return bytes(header) + struct.pack("<128I", *fat) + bytes(directory)
