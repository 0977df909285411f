"""What an OLE compound file (Microsoft's Compound File Binary format, [MS-CFB]) holds: the
names in its directory, read with a small bounded parser so that a password-protected Office
file, an old binary .ppt and a .doc or .xls can be told apart without trusting the file.

Only the directory is read, never a stream: a password-protected Office Open XML file is a
compound file holding `EncryptionInfo` and `EncryptedPackage`; a .ppt holds
`PowerPoint Document`; a .doc `WordDocument`; an .xls `Workbook` (or `Book` before Excel 97).
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER = 512
_ENTRY = 128  # one directory entry
_HEADER_DIFAT = 109  # FAT sector numbers kept in the header itself
_LAST = 0xFFFFFFFA  # sector numbers above this are markers (end of chain, free ...)
_MAX_ENTRIES = 100_000  # far more than any Office file has; a looping directory stops here


class NotCompoundFile(ValueError):
    """The bytes start like a compound file but their header or directory is damaged."""


def directory_names(data: bytes) -> frozenset[str]:
    """The names of every stream and storage in the compound file `data`. Raises
    NotCompoundFile when it cannot be read; never reads past the data or loops, and holds
    only the directory's sectors (never a table as long as the file: FAT sector numbers may
    repeat, so a small file could name millions of them)."""
    if not data.startswith(MAGIC) or len(data) < _HEADER:
        raise NotCompoundFile("no compound file header")
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):  # 512-byte sectors (version 3) or 4096 (version 4)
        raise NotCompoundFile("unknown sector size")
    size = 1 << shift
    sectors = max(0, (len(data) - size) // size)  # sectors wholly in the file
    fat = _Fat(data, size, sectors)
    first_directory = struct.unpack_from("<I", data, 48)[0]
    names: set[str] = set()
    for sector in _chain(fat, first_directory, sectors, _MAX_ENTRIES * _ENTRY // size + 1):
        start = (sector + 1) * size
        for offset in range(start, start + size, _ENTRY):
            name = _entry_name(data, offset)
            if name:
                names.add(name)
            if len(names) > _MAX_ENTRIES:
                raise NotCompoundFile("too many directory entries")
    if not names:
        raise NotCompoundFile("an empty directory")
    return frozenset(names)


class _Fat:
    """The file allocation table, read one entry at a time where the file holds it: for each
    sector, the next one in its chain."""

    def __init__(self, data: bytes, size: int, sectors: int) -> None:
        self._data, self._size, self._sectors = data, size, sectors
        self._count = struct.unpack_from("<I", data, 44)[0]  # FAT sectors
        if self._count > sectors:
            raise NotCompoundFile("more FAT sectors than the file holds")
        self._locations = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", data, 76))
        self._difat = struct.unpack_from("<I", data, 68)[0]  # the next DIFAT sector
        self._seen: set[int] = set()

    def next(self, sector: int) -> int:
        per_sector = self._size // 4
        index = sector // per_sector
        if index >= self._count:
            raise NotCompoundFile("a sector past the FAT")
        while index >= len(self._locations):  # only as much of the DIFAT as a chain needs
            self._read_difat()
        location = self._locations[index]
        if location >= self._sectors:
            raise NotCompoundFile("a FAT sector past the end of the file")
        offset = (location + 1) * self._size + (sector % per_sector) * 4
        return int(struct.unpack_from("<I", self._data, offset)[0])

    def _read_difat(self) -> None:
        difat = self._difat
        if difat >= min(self._sectors, _LAST) or difat in self._seen:
            raise NotCompoundFile("a damaged DIFAT chain")
        self._seen.add(difat)
        per_difat = self._size // 4 - 1  # each DIFAT sector ends with the number of the next
        values = struct.unpack_from(f"<{per_difat + 1}I", self._data, (difat + 1) * self._size)
        self._locations.extend(values[:-1])
        self._difat = values[-1]


def _chain(fat: _Fat, first: int, sectors: int, most: int) -> list[int]:
    """The sectors of a chain, in order, at most `most` of them; refused when it leaves the
    file, loops or is longer."""
    chain: list[int] = []
    seen: set[int] = set()
    sector = first
    while sector < _LAST:
        if sector >= sectors or sector in seen or len(chain) >= most:
            raise NotCompoundFile("a damaged sector chain")
        seen.add(sector)
        chain.append(sector)
        sector = fat.next(sector)
    return chain


def _entry_name(data: bytes, offset: int) -> str:
    """The name of the directory entry at `offset`, or "" for an unused one."""
    kind = data[offset + 66]
    length = struct.unpack_from("<H", data, offset + 64)[0]
    if kind not in (1, 2, 5) or not 2 <= length <= 64 or length % 2:
        return ""  # 1 storage, 2 stream, 5 root; the length counts the closing NUL
    return data[offset : offset + length - 2].decode("utf-16-le", errors="replace")
