"""The font files text is measured and drawn with: the brand's own (`brand.fonts.files`), else
the bundled twins that stand in for its Office fonts.

Calibri, Arial and Cambria are not free; Carlito, Liberation Sans and Caladea have the same
metrics, so what we measure matches what PowerPoint users will see. They ship inside the package
(`summarydeck/fonts/`, SIL Open Font License), so measuring needs no system fonts and gives the
same result on every machine. A brand's own fonts are checked when the content is read
(`model/brand_fonts.py`) and put in use here for the build that reads it (`use_brand_fonts`).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from summarydeck.diagnostics import OutputError
from summarydeck.model.brand import SUPPORTED_FONTS
from summarydeck.model.brand_fonts import FontFile

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

# where each bundled family comes from, for the error when a file has gone missing
PROVIDERS = {
    "Carlito": "the Carlito font (Debian package fonts-crosextra-carlito)",
    "LiberationSans": "the Liberation Sans font (Debian package fonts-liberation2)",
    "Caladea": "the Caladea font (Debian package fonts-crosextra-caladea)",
}

# brand font -> file-name stem of its bundled metric twin
METRIC_TWINS = {
    "Calibri": "Carlito",
    "Carlito": "Carlito",
    "Arial": "LiberationSans",
    "Liberation Sans": "LiberationSans",
    "Cambria": "Caladea",
    "Caladea": "Caladea",
}


@functools.cache
def font_file(family: str, bold: bool = False, italic: bool = False) -> Path:
    """The bundled TTF of the metric twin of `family` in the given style (a brand's own fonts
    are `face`'s)."""
    stem = METRIC_TWINS.get(family)
    if stem is None:
        raise OutputError(
            f"font {family!r} is not supported without its files (`brand.fonts.files`); "
            "bundled: " + ", ".join(SUPPORTED_FONTS)
        )
    style = ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"
    path = FONT_DIR / f"{stem}-{style}.ttf"
    if not path.is_file():
        raise OutputError(
            f"cannot measure text set in {family}: the font file {path.name} is missing from "
            f"summarydeck/fonts/. It is {PROVIDERS[stem]}, shipped inside summarydeck: "
            "reinstall summarydeck (`make deck` does), or copy the file there from that package"
        )
    return path


@dataclass(frozen=True)
class Face:
    """Where one face's metrics come from: a bundled file, or a brand's checked bytes. Equal
    faces measure alike, so caches of measurements are keyed by it."""

    path: Path
    digest: str = ""  # a brand file's sha256; "" for a bundled file
    data: bytes | None = field(default=None, repr=False, compare=False)

    def open(self) -> BinaryIO | str:
        """What Pillow and fontTools read: the checked bytes, or the bundled file."""
        return io.BytesIO(self.data) if self.data is not None else str(self.path)

    @property
    def key(self) -> str:
        """What a cached picture drawn with it depends on: the bundled file's name (the same
        on every machine), or the brand file's digest."""
        return self.digest or self.path.name


# the brand's own fonts for the content being built: family -> style -> file
_brand: Mapping[str, Mapping[str, FontFile]] = {}
# a style without a file of its own is measured with the one PowerPoint draws it from: an
# italic it slants from the upright face (the same widths), a bold italic from the bold
_FALLBACK = {"italic": ("regular",), "bold_italic": ("bold", "italic", "regular")}


def use_brand_fonts(fonts: Mapping[str, Mapping[str, FontFile]]) -> None:
    """Measure and draw with these files from now on (each build's content sets its own; an
    empty mapping goes back to the bundled fonts alone)."""
    global _brand
    _brand = {family: dict(faces) for family, faces in fonts.items()}


def measuring_fonts() -> tuple[tuple[str, str, str], ...]:
    """The brand's font files text is measured with now, as (family, style, digest): what a
    measurement kept from before depends on besides the text."""
    return tuple(
        sorted(
            (family, style, font.digest)
            for family, faces in _brand.items()
            for style, font in faces.items()
        )
    )


def brand_families() -> frozenset[str]:
    """The families the brand gave files for."""
    return frozenset(_brand)


def measurable(family: str) -> bool:
    """Whether text in `family` can be measured: the brand gave its files, or a twin ships."""
    return family in _brand or family in METRIC_TWINS


def brand_file(family: str, bold: bool = False, italic: bool = False) -> FontFile | None:
    """The brand's file for `family` in the given style (or the face PowerPoint would draw
    that style from), or None when the brand gave no files for it."""
    faces = _brand.get(family)
    if not faces:
        return None
    style = {(False, False): "regular", (True, False): "bold"}.get(
        (bold, italic), "bold_italic" if bold else "italic"
    )
    for name in (style, *_FALLBACK.get(style, ())):
        if name in faces:
            return faces[name]
    return next(iter(faces.values()))


def face(family: str, bold: bool = False, italic: bool = False) -> Face:
    """The face text in `family` is measured with: the brand's file, else the bundled twin."""
    own = brand_file(family, bold, italic)
    if own is not None:
        return Face(own.path, own.digest, own.data)
    return _bundled_face(family, bold, italic)


@functools.cache
def _bundled_face(family: str, bold: bool, italic: bool) -> Face:
    return Face(font_file(family, bold, italic))
