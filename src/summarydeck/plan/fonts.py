"""The bundled font files that stand in for the brand's Office fonts when measuring and drawing.

Calibri, Arial and Cambria are not free; Carlito, Liberation Sans and Caladea have the same
metrics, so what we measure matches what PowerPoint users will see. They ship inside the package
(`summarydeck/fonts/`, SIL Open Font License), so measuring needs no system fonts and gives the
same result on every machine.
"""

from __future__ import annotations

import functools
from pathlib import Path

from summarydeck.diagnostics import OutputError
from summarydeck.model.brand import SUPPORTED_FONTS

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
    """The bundled TTF of the metric twin of `family` in the given style."""
    stem = METRIC_TWINS.get(family)
    if stem is None:
        raise OutputError(
            f"font {family!r} is not supported; use one of: " + ", ".join(SUPPORTED_FONTS)
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
