"""Which font families are installed on this machine: fontconfig's list where there is one
(Linux, and macOS with it), else the family names in the usual font folders' files."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

_FONT_FILES = (".ttf", ".otf", ".ttc", ".otc")
_MOST_FILES = 5_000  # a machine with more is not read to the end: what was read answers


def is_installed(family: str) -> bool:
    return family.casefold() in installed_families()


@functools.cache
def installed_families() -> frozenset[str]:
    """Every installed family name, casefolded."""
    listed = _fontconfig()
    if listed is None:
        listed = families_in(_font_folders())
    return frozenset(name.casefold() for name in listed)


def _fontconfig() -> set[str] | None:
    """Family names from `fc-list` (a family can have several, comma-separated: its names in
    other languages); None when fontconfig is not there or does not answer."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        run = subprocess.run(
            [fc_list, "--format", "%{family}\n"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return {name.strip() for line in run.stdout.splitlines() for name in line.split(",")} - {""}


def _font_folders() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
    ]


def families_in(folders: Iterable[Path]) -> set[str]:
    """The family names (and typographic family names) of the font files in `folders` and
    below; files that cannot be read are passed over."""
    from fontTools.ttLib import TTFont

    names: set[str] = set()
    seen = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in _FONT_FILES:
                continue
            seen += 1
            if seen > _MOST_FILES:
                return names
            try:
                with TTFont(path, lazy=True, fontNumber=0) as font:
                    table = font["name"]
                    for name_id in (1, 16):
                        name = table.getDebugName(name_id)
                        if name:
                            names.add(name.strip())
            except Exception:  # fontTools raises many kinds for a file that is not a font
                continue
    return names
