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
    NotCompoundFile when it cannot be read; never reads past the data or loops."""
    if not data.startswith(MAGIC) or len(data) < _HEADER:
        raise NotCompoundFile("no compound file header")
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):  # 512-byte sectors (version 3) or 4096 (version 4)
        raise NotCompoundFile("unknown sector size")
    size = 1 << shift
    sectors = max(0, (len(data) - size) // size)  # sectors wholly in the file
    fat = _fat(data, size, sectors)
    first_directory = struct.unpack_from("<I", data, 48)[0]
    names: set[str] = set()
    for sector in _chain(fat, first_directory, sectors):
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


def _fat(data: bytes, size: int, sectors: int) -> list[int]:
    """The file allocation table: for each sector, the next one in its chain."""
    count = struct.unpack_from("<I", data, 44)[0]
    if count > sectors:
        raise NotCompoundFile("more FAT sectors than the file holds")
    locations = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", data, 76))
    per_difat = size // 4 - 1  # each DIFAT sector ends with the number of the next one
    difat = struct.unpack_from("<I", data, 68)[0]
    seen: set[int] = set()
    while len(locations) < count + _HEADER_DIFAT and difat < min(sectors, _LAST):
        if difat in seen:
            raise NotCompoundFile("a DIFAT chain that loops")
        seen.add(difat)
        values = struct.unpack_from(f"<{per_difat + 1}I", data, (difat + 1) * size)
        locations.extend(values[:-1])
        difat = values[-1]
    fat: list[int] = []
    for location in [x for x in locations if x < _LAST][:count]:
        if location >= sectors:
            raise NotCompoundFile("a FAT sector past the end of the file")
        fat.extend(struct.unpack_from(f"<{size // 4}I", data, (location + 1) * size))
    return fat


def _chain(fat: list[int], first: int, sectors: int) -> list[int]:
    """The sectors of a chain, in order; refused when it leaves the file or loops."""
    chain: list[int] = []
    seen: set[int] = set()
    sector = first
    while sector < _LAST:
        if sector >= sectors or sector >= len(fat) or sector in seen:
            raise NotCompoundFile("a damaged sector chain")
        seen.add(sector)
        chain.append(sector)
        sector = fat[sector]
    return chain


def _entry_name(data: bytes, offset: int) -> str:
    """The name of the directory entry at `offset`, or "" for an unused one."""
    kind = data[offset + 66]
    length = struct.unpack_from("<H", data, offset + 64)[0]
    if kind not in (1, 2, 5) or not 2 <= length <= 64 or length % 2:
        return ""  # 1 storage, 2 stream, 5 root; the length counts the closing NUL
    return data[offset : offset + length - 2].decode("utf-16-le", errors="replace")
