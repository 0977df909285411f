"""One deterministic zip pass, with each entry's compressed bytes kept for the next build.

`zipfile` compresses every entry again on every save, and our old way saved twice (python-pptx,
then a re-zip with fixed times). Here each payload is deflated once per process: an unchanged
slide, layout or theme costs a dictionary look-up, not zlib. Pictures and workbooks are zips or
PNGs already, so they are stored as they are rather than deflated a second time. Entry times are
fixed and the layout is the same every time, so the same entries give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable

from summarydeck.diagnostics import OutputError

_STORED_SUFFIXES = (".png", ".jpeg", ".jpg", ".gif", ".xlsx", ".emf", ".wmf", ".tiff")
_LEVEL = 6  # zipfile's default level, as the decks were written before
_CACHE_BYTES = 64 * 1024 * 1024  # compressed bytes kept between builds, at most
_MOST_ENTRIES = 0xFFFF  # what a zip's end record counts without ZIP64
_MOST_BYTES = 0xFFFFFFFF


class _Deflated:
    """Compressed payloads by digest, least recently used dropped first."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.entries: OrderedDict[bytes, tuple[int, bytes]] = OrderedDict()
        self.compressed = 0  # how many payloads were deflated (tests read it)
        self.lock = threading.Lock()

    def get(self, payload: bytes) -> tuple[int, bytes]:
        key = hashlib.blake2b(payload, digest_size=20).digest() + len(payload).to_bytes(8, "big")
        with self.lock:  # builds on two threads share it
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
                return found
        squeeze = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
        data = squeeze.compress(payload) + squeeze.flush()
        self.compressed += 1
        found = (zlib.crc32(payload), data)
        with self.lock:
            if key not in self.entries:
                self.entries[key] = found
                self.size += len(data)
            while self.size > self.limit and self.entries:
                _, (_, dropped) = self.entries.popitem(last=False)
                self.size -= len(dropped)
        return found


DEFLATED = _Deflated(_CACHE_BYTES)


def _dos_time(when: dt.datetime) -> tuple[int, int]:
    year = min(max(when.year, 1980), 2107)
    time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    date = ((year - 1980) << 9) | (when.month << 5) | when.day
    return time, date


def zip_bytes(entries: Iterable[tuple[str, bytes]], when: dt.datetime) -> bytes:
    """A zip of `entries` (name, payload) in the order given, every entry dated `when`."""
    time, date = _dos_time(when)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    count = 0
    for name, payload in entries:
        raw_name = name.encode("utf-8")
        if name.lower().endswith(_STORED_SUFFIXES):
            method, crc, data = 0, zlib.crc32(payload), payload
        else:
            method = 8
            crc, data = DEFLATED.get(payload)
        flags = 0x800 if not raw_name.isascii() else 0  # the name is UTF-8
        local = struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            flags,
            method,
            time,
            date,
            crc,
            len(data),
            len(payload),
            len(raw_name),
            0,
        )
        out += [local, raw_name, data]
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                (3 << 8) | 20,  # made on Unix (so the mode below counts), version 2.0
                20,
                flags,
                method,
                time,
                date,
                crc,
                len(data),
                len(payload),
                len(raw_name),
                0,
                0,
                0,
                0,
                0o100644 << 16,  # a plain file, rw-r--r--
                offset,
            )
            + raw_name
        )
        offset += len(local) + len(raw_name) + len(data)
        count += 1
    if count > _MOST_ENTRIES or offset > _MOST_BYTES:
        # ZIP64 would lift both; no deck within the slide limits comes near them
        raise OutputError(
            f"the deck would hold {count:,} parts in {offset:,} bytes, more than a zip without "
            "ZIP64 extensions holds (65,535 parts, 4 GiB)",
            hint="split the deck into smaller ones (variants, or `--only`/`--section`)",
        )
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), offset, 0)
    return b"".join(out) + directory + end
