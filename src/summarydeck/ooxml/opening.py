"""Opening a deck: the one place that hands a file to python-pptx, and says in plain words
what a file is when it is not a deck it can read. Templates (`templates.py`) are opened through
the same checks, told in a template's words.

A deck given to `check`, `diff` or `export` (or found where a build writes) is untrusted: it
is read within the limits of `package_limits.py` (a regular file, bounded sizes, no zip bomb,
no DTD), and its parts are checked by `package_parts.py` before python-pptx sees it, so a
refusal is always our words and exit status 3."""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarydeck.diagnostics import OutputError
from summarydeck.ooxml.compound_file import MAGIC as _OLE_MAGIC
from summarydeck.ooxml.compound_file import NotCompoundFile, directory_names
from summarydeck.ooxml.package_limits import (
    NotAZip,
    PackageRefusal,
    SafeZip,
    check_parts,
    check_xml_part,
    deck_limits,
    read_regular,
    what_is_at,
)
from summarydeck.ooxml.package_limits import shown as shown_name
from summarydeck.ooxml.package_parts import (
    CONTENT_TYPES,
    ContentTypes,
    check_reachable,
    main_part,
    not_well_formed,
    parse_part,
    read_content_types,
)
from summarydeck.ooxml.part_store import PartStore
from summarydeck.ooxml.xml import XMLSyntaxError

# the main part's content type says which Office file a package is (first match wins)
OTHER_KINDS = {
    "presentationml.slideshow.main": "a slide show (.ppsx), not a presentation",
    "presentationml.template.main": "a template (.potx), not a presentation",
    "ms-powerpoint.slideshow.macroEnabled.main": (
        "a macro-enabled slide show (.ppsm), not a presentation"
    ),
    "ms-powerpoint.template.macroEnabled.main": (
        "a macro-enabled template (.potm), not a presentation"
    ),
    "wordprocessingml.document.main": "a Word document (.docx)",
    "wordprocessingml.template.main": "a Word template (.dotx)",
    "ms-word.": "a macro-enabled Word document (.docm)",
    "spreadsheetml.sheet.main": "an Excel workbook (.xlsx)",
    "spreadsheetml.template.main": "an Excel template (.xltx)",
    "ms-excel.": "a macro-enabled or binary Excel workbook (.xlsm, .xlsb)",
    "ms-visio.": "a Visio drawing (.vsdx)",
}
# an OpenDocument package's `mimetype` member says what it is
_OPEN_DOCUMENT = {
    "application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp)",
    "application/vnd.oasis.opendocument.text": "an OpenDocument text document (.odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods)",
    "application/vnd.oasis.opendocument.graphics": "an OpenDocument drawing (.odg)",
}
# a stream in an OLE compound file's directory -> what the file is
_PASSWORD = "password"
_BINARY = "binary"
_COMPOUND_KINDS = (
    ("EncryptionInfo", _PASSWORD),  # Office Open XML, encrypted: beside EncryptedPackage
    ("EncryptedPackage", _PASSWORD),
    ("PowerPoint Document", _BINARY),
    ("WordDocument", "a Word 97-2003 document (.doc)"),
    ("Workbook", "an Excel 97-2003 workbook (.xls)"),
    ("Book", "an Excel 5.0 workbook (.xls)"),
)


class DeckReadError(OutputError):
    """A file given as a deck cannot be read as one (exit status 3)."""


@dataclass(frozen=True)
class Expected:
    """What a file is opened as, and how to speak of it when it is something else."""

    noun: str  # "deck": "no such deck"
    needed: str  # what a folder is not: "a .pptx deck"
    accepted: tuple[str, ...]  # main content types opened as they are
    kinds: dict[str, str]  # other main content types -> what the file is
    ole: str  # an OLE compound file that cannot be told apart: what it may be
    ole_hint: str
    damaged_hint: str
    error_type: type[DeckReadError] = DeckReadError
    binary: str = "an old binary PowerPoint file (.ppt)"
    binary_hint: str = "open it in PowerPoint and save it as a PowerPoint Presentation (.pptx)"
    password_hint: str = field(
        default="open it in PowerPoint, remove the password (File > Info > Protect "
        "Presentation > Encrypt with Password, then clear it) and save it"
    )

    @property
    def cannot(self) -> str:
        return f"cannot be read as a PowerPoint {self.noun}"

    def refusal(self, message: str, hint: str | None = None) -> DeckReadError:
        """The error that says a file is not what was expected (exit status 3)."""
        return self.error_type(message, hint)


DECK = Expected(
    "deck",
    "a .pptx deck",
    ("presentationml.presentation.main", "ms-powerpoint.presentation.macroEnabled.main"),
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


def read_deck_bytes(path: Path) -> bytes:
    """The bytes of the deck at `path`, once they passed every check `open_presentation`
    makes before python-pptx, and every XML part it will load parsed (else DeckReadError,
    exit status 3): `check` reports what is wrong with a deck it can read, and refuses one
    it cannot, in its own words."""
    shown = str(path)
    data = _read(path, shown, DECK)
    try:
        store, reached = _check(data, DECK, keep=True)
        assert store is not None
        _parse_reached(store, reached)
    except PackageRefusal as refusal:
        raise _refused(refusal, shown, DECK) from None
    return data


def read_deck_parts(
    source: Path | bytes, name: str | None = None, *, parse_reachable: bool = False
) -> tuple[PartStore, str]:
    """The parts of the deck at `source` (a path, or a deck's bytes) and the name to call it
    by, inflated once, after every check `read_package` makes (else DeckReadError, exit status
    3); with `parse_reachable`, every XML part reached from the package's relationships is
    parsed too, and a malformed one refused, as `read_deck_bytes` does."""
    shown = name or (str(source) if isinstance(source, Path) else f"the {DECK.noun}")
    data = source if isinstance(source, bytes) else _read(source, shown, DECK)
    try:
        store, reached = _check(data, DECK, keep=True)
        assert store is not None
        if parse_reachable:
            _parse_reached(store, reached)
    except PackageRefusal as refusal:
        raise _refused(refusal, shown, DECK) from None
    return store, shown


def check_deck_parts(store: PartStore, shown: str) -> None:
    """The checks `read_deck_parts` makes, for a deck's parts already in memory (the build's):
    content types, the kind of file, the limits on each part and every part python-pptx would
    load present. What only a zip has is not judged. Raises DeckReadError."""
    try:
        limits = deck_limits()
        # what a zip's directory is judged on first: the parts' number, names and sizes
        check_parts(store.data, lambda name: False, limits)
        if CONTENT_TYPES in store.data:  # read (and scanned) before any other part
            check_xml_part(CONTENT_TYPES, store.data[CONTENT_TYPES], limits)
        package = _InMemory(store.data)
        types = read_content_types(package)  # type: ignore[arg-type]
        _refuse_other_kinds(package, types, DECK)  # type: ignore[arg-type]
        if types is None:
            raise PackageRefusal(f"it has no list of content types ({CONTENT_TYPES})", damaged=True)
        if not store.scanned:
            known = functools.partial(store.scan_known, limit=limits.xml_part_bytes)
            check_parts(store.data, types.is_xml, limits, known)
            store.note_scanned(filter(types.is_xml, store.data), limits.xml_part_bytes)
            store.scanned = True
        check_reachable(package, types)  # type: ignore[arg-type]
    except PackageRefusal as refusal:
        raise _refused(refusal, shown, DECK) from None


def _parse_reached(store: PartStore, reached: set[str]) -> None:
    types = store.types
    assert types is not None  # the checks refused a package without one
    for name in sorted(reached):
        if types.is_xml(name):
            try:
                store.root(name)
            except XMLSyntaxError as exc:
                message = f"its part {shown_name(name)} is {not_well_formed(exc)}"
                raise PackageRefusal(message, damaged=True) from exc


class _Member:
    def __init__(self, size: int) -> None:
        self.file_size = size


class _InMemory:
    """Parts held in memory, read through the checks written for a zip (`SafeZip`'s `infos`
    and `read`)."""

    def __init__(self, parts: Mapping[str, bytes]) -> None:
        self._parts = parts
        self.infos = {name: _Member(len(data)) for name, data in parts.items()}

    def read(self, name: str, *, xml: bool = False) -> bytes:
        return self._parts[name]


def damage_of(store: PartStore, shown: str, exc: BaseException) -> DeckReadError:
    """The refusal of a deck whose parts passed every check but that python-pptx could not
    open (`exc`, raised where it would raise), in the words `presentation_of` uses."""
    if isinstance(exc, XMLSyntaxError):
        reason = "a part of it is not well-formed XML"
        types = store.types
        for name in store.data:
            if types is not None and types.is_xml(name):
                try:
                    store.root(name)
                except XMLSyntaxError as found:
                    reason = f"its part {shown_name(name)} is {not_well_formed(found)}"
                    break
    elif isinstance(exc, RecursionError):
        reason = "its parts are linked in a chain too long to follow"
    else:
        reason = "it is damaged"
    return DECK.refusal(f"{shown}: {DECK.cannot}: {reason}", DECK.damaged_hint)


def read_package(source: Path | bytes, name: str | None, expected: Expected) -> tuple[bytes, str]:
    """The bytes of `source` and the name to call it by, once they are known to be a package
    of a kind `expected` accepts, within the limits, with every part python-pptx will load
    present (else its refusal, saying what the file is)."""
    shown = name or (str(source) if isinstance(source, Path) else f"the {expected.noun}")
    data = source if isinstance(source, bytes) else _read(source, shown, expected)
    try:
        _check(data, expected)
    except PackageRefusal as refusal:
        raise _refused(refusal, shown, expected) from None
    return data, shown


def _refused(refusal: PackageRefusal, shown: str, expected: Expected) -> DeckReadError:
    hint = refusal.hint or (expected.damaged_hint if refusal.damaged else None)
    return expected.refusal(f"{shown}: {expected.cannot}: {refusal.reason}", hint)


def presentation_of(data: bytes, shown: str, expected: Expected) -> Any:
    """python-pptx's Presentation of a package's bytes; a damaged one is refused plainly."""
    from pptx import Presentation

    try:
        return Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many kinds for a damaged package
        raise expected.refusal(
            f"{shown}: {expected.cannot}: {_damage(data, exc)}", expected.damaged_hint
        ) from exc


def _read(path: Path, shown: str, expected: Expected) -> bytes:
    if not path.exists():
        raise expected.refusal(f"{shown}: no such {expected.noun}")
    kind = what_is_at(path)
    if kind == "a folder":
        raise expected.refusal(f"{shown}: not a file ({expected.needed} is needed)")
    if kind is not None:  # a named pipe would block for ever, a device never end
        raise expected.refusal(f"{shown}: {kind}, not a file ({expected.needed} is needed)")
    limits = deck_limits()
    try:
        return read_regular(path, limits.file_bytes, limits.raise_hint)
    except PackageRefusal as refusal:
        message = f"{shown}: {expected.cannot}: {refusal.reason}"
        raise expected.refusal(message, refusal.hint) from None
    except OSError as exc:
        raise expected.refusal(f"{shown}: cannot read it: {exc.strerror or exc}") from exc


def _check(
    data: bytes, expected: Expected, *, keep: bool = False
) -> tuple[PartStore | None, set[str]]:
    """Refuse what python-pptx should never be given; raises PackageRefusal. With `keep`,
    the parts inflated on the way are kept, with the names of those reached."""
    if data.startswith(_OLE_MAGIC):
        _refuse_compound(data, expected)
    try:
        package = SafeZip(data, deck_limits())
    except NotAZip:
        raise PackageRefusal("it is not a .pptx package") from None
    types = read_content_types(package)
    _refuse_other_kinds(package, types, expected)
    if types is None:
        raise PackageRefusal(f"it has no list of content types ({CONTENT_TYPES})", damaged=True)
    if not keep:
        package.inflate_all(types.is_xml)
        return None, check_reachable(package, types)
    store = PartStore(package.read_all(types.is_xml), scanned=True)
    return store, check_reachable(_InMemory(store.data), types)  # type: ignore[arg-type]


def _refuse_compound(data: bytes, expected: Expected) -> None:
    """An OLE compound file: password-protected, an old binary file, or we cannot tell."""
    try:
        names = {name.casefold() for name in directory_names(data)}
    except NotCompoundFile:
        raise PackageRefusal(expected.ole, expected.ole_hint) from None
    for stream, kind in _COMPOUND_KINDS:
        if stream.casefold() in names:
            if kind == _PASSWORD:
                raise PackageRefusal("it is password-protected", expected.password_hint)
            if kind == _BINARY:
                raise PackageRefusal(f"it is {expected.binary}", expected.binary_hint)
            raise PackageRefusal(f"it is {kind}")
    raise PackageRefusal(expected.ole, expected.ole_hint)


def _refuse_other_kinds(package: SafeZip, types: ContentTypes | None, expected: Expected) -> None:
    """Name the file when it is another Office or OpenDocument file, or no presentation."""
    if "mimetype" in package.infos and package.infos["mimetype"].file_size < 200:
        mimetype = package.read("mimetype").decode("ascii", errors="replace").strip()
        for prefix, kind in _OPEN_DOCUMENT.items():
            if mimetype.startswith(prefix):
                raise PackageRefusal(
                    f"it is {kind}, not a PowerPoint file",
                    "open it in LibreOffice or PowerPoint and save it as PowerPoint (.pptx)",
                )
    main = main_part(package) if types is not None else None
    main_type = types.of(main) if types is not None and main is not None else None
    # without a main part, any part's type may tell (a package missing its relationships)
    candidates = [main_type] if main_type else list(types.overrides.values()) if types else []
    if any(accepted in kind for kind in candidates for accepted in expected.accepted):
        return
    for marker, kind in expected.kinds.items():
        if any(marker in candidate for candidate in candidates):
            raise PackageRefusal(f"it is {kind}")
    if "ppt/presentation.xml" not in package.infos:
        raise PackageRefusal("it is a zip file, but has no presentation in it")


def _damage(data: bytes, exc: BaseException) -> str:
    """What is wrong with a package python-pptx could not open, in our words."""
    if isinstance(exc, XMLSyntaxError):
        package = SafeZip(data, deck_limits())  # it passed every check: this cannot refuse
        types = read_content_types(package)
        for name in package.names:
            if types is not None and types.is_xml(name):
                try:
                    parse_part(package, name)
                except PackageRefusal as refusal:
                    return refusal.reason
        return "a part of it is not well-formed XML"
    if isinstance(exc, RecursionError):
        return "its parts are linked in a chain too long to follow"
    return "it is damaged"
