"""Opening a deck: the one place that hands a file to python-pptx, and says in plain words
what a file is when it is not a deck it can read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from summarydeck.diagnostics import OutputError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: encrypted, or .ppt/.doc/.xls
# the main part's content type says which Office file a package is
_KINDS = {
    "presentationml.slideshow.main": "a slide show (.ppsx), not a presentation",
    "presentationml.template.main": "a template (.potx), not a presentation",
    "slideshow.macroEnabled.main": "a macro-enabled slide show (.ppsm), not a presentation",
    "template.macroEnabled.main": "a macro-enabled template (.potm), not a presentation",
    "wordprocessingml": "a Word document",
    "spreadsheetml": "an Excel workbook",
}


class DeckReadError(OutputError):
    """A file given as a deck cannot be read as one (exit status 3)."""


def open_presentation(source: Path | bytes, name: str | None = None) -> Any:
    """A python-pptx Presentation of `source` (a path, or a deck's bytes). Raises DeckReadError
    with a message that says what the file is, never python-pptx's own words."""
    from pptx import Presentation

    shown = name or (str(source) if isinstance(source, Path) else "the deck")
    data = source if isinstance(source, bytes) else _read(source, shown)
    _refuse_other_kinds(data, shown)
    try:
        return Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many kinds for a damaged package
        raise DeckReadError(
            f"{shown}: cannot be read as a PowerPoint deck: it is damaged ({_reason(exc)})",
            "open it in PowerPoint and save it again, or build it again",
        ) from exc


def _read(path: Path, shown: str) -> bytes:
    if not path.exists():
        raise DeckReadError(f"{shown}: no such deck")
    if not path.is_file():
        raise DeckReadError(f"{shown}: not a file (a .pptx deck is needed)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DeckReadError(f"{shown}: cannot read it: {exc.strerror or exc}") from exc


def _refuse_other_kinds(data: bytes, shown: str) -> None:
    if data.startswith(_OLE_MAGIC):
        raise DeckReadError(
            f"{shown}: cannot be read as a PowerPoint deck: it is password-protected, or an "
            "old binary .ppt file",
            "remove the password (File > Info > Protect Presentation) or save it as .pptx",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            types = package.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError) as exc:
        raise DeckReadError(
            f"{shown}: cannot be read as a PowerPoint deck: it is not a .pptx package"
        ) from exc
    if "ppt/presentation.xml" in names and b"presentationml.presentation.main" in types:
        return
    for marker, kind in _KINDS.items():
        if marker.encode() in types:
            raise DeckReadError(f"{shown}: cannot be read as a PowerPoint deck: it is {kind}")
    if "ppt/presentation.xml" not in names:
        raise DeckReadError(
            f"{shown}: cannot be read as a PowerPoint deck: it is a zip file, but has no "
            "presentation in it"
        )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    if "[Content_Types].xml" in text:
        return "it has no list of content types"
    if "Package not found" in text or "BytesIO" in text or not text:
        return type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "..."
