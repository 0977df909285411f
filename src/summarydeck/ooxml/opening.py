"""Opening a deck: the one place that hands a file to python-pptx, and says in plain words
what a file is when it is not a deck it can read. Templates (`templates.py`) are opened through
the same checks, told in a template's words."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarydeck.diagnostics import OutputError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: encrypted, or .ppt/.doc/.xls
# the main part's content type says which Office file a package is
OTHER_KINDS = {
    "presentationml.slideshow.main": "a slide show (.ppsx), not a presentation",
    "presentationml.template.main": "a template (.potx), not a presentation",
    "slideshow.macroEnabled.main": "a macro-enabled slide show (.ppsm), not a presentation",
    "template.macroEnabled.main": "a macro-enabled template (.potm), not a presentation",
    "wordprocessingml": "a Word document",
    "spreadsheetml": "an Excel workbook",
}


class DeckReadError(OutputError):
    """A file given as a deck cannot be read as one (exit status 3)."""


@dataclass(frozen=True)
class Expected:
    """What a file is opened as, and how to speak of it when it is something else."""

    noun: str  # "deck": "no such deck"
    needed: str  # what a folder is not: "a .pptx deck"
    accepted: tuple[str, ...]  # main content types opened as they are
    kinds: dict[str, str]  # other main content types -> what the file is
    ole: str  # an OLE compound file: what it may be
    ole_hint: str
    damaged_hint: str
    error_type: type[DeckReadError] = DeckReadError

    @property
    def cannot(self) -> str:
        return f"cannot be read as a PowerPoint {self.noun}"

    def refusal(self, message: str, hint: str | None = None) -> DeckReadError:
        """The error that says a file is not what was expected (exit status 3)."""
        return self.error_type(message, hint)


DECK = Expected(
    "deck",
    "a .pptx deck",
    ("presentationml.presentation.main",),
    OTHER_KINDS,
    "it is password-protected, or an old binary .ppt file",
    "remove the password (File > Info > Protect Presentation) or save it as .pptx",
    "open it in PowerPoint and save it again, or build it again",
)


def open_presentation(source: Path | bytes, name: str | None = None) -> Any:
    """A python-pptx Presentation of `source` (a path, or a deck's bytes). Raises DeckReadError
    with a message that says what the file is, never python-pptx's own words."""
    data, shown = read_package(source, name, DECK)
    return presentation_of(data, shown, DECK)


def read_package(source: Path | bytes, name: str | None, expected: Expected) -> tuple[bytes, str]:
    """The bytes of `source` and the name to call it by, once they are known to be a package
    of a kind `expected` accepts (else its refusal, saying what the file is)."""
    shown = name or (str(source) if isinstance(source, Path) else f"the {expected.noun}")
    data = source if isinstance(source, bytes) else _read(source, shown, expected)
    _refuse_other_kinds(data, shown, expected)
    return data, shown


def presentation_of(data: bytes, shown: str, expected: Expected) -> Any:
    """python-pptx's Presentation of a package's bytes; a damaged one is refused plainly."""
    from pptx import Presentation

    try:
        return Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many kinds for a damaged package
        raise expected.refusal(
            f"{shown}: {expected.cannot}: it is damaged ({_reason(exc)})",
            expected.damaged_hint,
        ) from exc


def _read(path: Path, shown: str, expected: Expected) -> bytes:
    if not path.exists():
        raise expected.refusal(f"{shown}: no such {expected.noun}")
    if not path.is_file():
        raise expected.refusal(f"{shown}: not a file ({expected.needed} is needed)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise expected.refusal(f"{shown}: cannot read it: {exc.strerror or exc}") from exc


def _refuse_other_kinds(data: bytes, shown: str, expected: Expected) -> None:
    if data.startswith(_OLE_MAGIC):
        raise expected.refusal(f"{shown}: {expected.cannot}: {expected.ole}", expected.ole_hint)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            types = package.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError) as exc:
        raise expected.refusal(f"{shown}: {expected.cannot}: it is not a .pptx package") from exc
    if "ppt/presentation.xml" in names and any(t.encode() in types for t in expected.accepted):
        return
    for marker, kind in expected.kinds.items():
        if marker.encode() in types:
            raise expected.refusal(f"{shown}: {expected.cannot}: it is {kind}")
    if "ppt/presentation.xml" not in names:
        raise expected.refusal(
            f"{shown}: {expected.cannot}: it is a zip file, but has no presentation in it"
        )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    if "[Content_Types].xml" in text:
        return "it has no list of content types"
    if "Package not found" in text or "BytesIO" in text or not text:
        return type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "..."
