"""Finding LibreOffice (`soffice`) and poppler's `pdftoppm`, or saying how to install them."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from summarydeck.diagnostics import OutputError

SOFFICE_ENV = "SUMMARYDECK_SOFFICE"
# where the installers put soffice when it is not on PATH (the macOS app never puts it there)
APP_PATHS = (
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    Path("C:/Program Files/LibreOffice/program/soffice.exe"),
)

LIBREOFFICE_HINT = """\
  Debian/Ubuntu: sudo apt-get install libreoffice-impress poppler-utils
  macOS:         brew install --cask libreoffice
  Windows:       download LibreOffice from https://www.libreoffice.org/download/"""
POPPLER_HINT = """\
  Debian/Ubuntu: sudo apt-get install libreoffice-impress poppler-utils
  macOS:         brew install poppler
  Windows:       install poppler (e.g. `conda install -c conda-forge poppler`) and put its
                 bin folder on PATH"""


class ToolMissingError(OutputError):
    """LibreOffice or pdftoppm is not installed (or not where we were told to look)."""


@dataclass(frozen=True)
class Tools:
    soffice: Path
    pdftoppm: Path


def find_tools() -> Tools:
    """Both tools, or one error naming every missing one: we look before doing any work."""
    soffice, soffice_problem = _find_soffice()
    found = shutil.which("pdftoppm")
    pdftoppm = Path(found) if found else None
    problems = []
    if soffice_problem:
        problems.append(f"{soffice_problem}. Install LibreOffice:\n{LIBREOFFICE_HINT}")
    if pdftoppm is None:
        problems.append(f"pdftoppm (poppler) was not found on PATH. Install it:\n{POPPLER_HINT}")
    if problems:
        raise ToolMissingError("cannot export: " + "\n".join(problems))
    assert soffice is not None and pdftoppm is not None
    return Tools(soffice, pdftoppm)


def _find_soffice() -> tuple[Path | None, str | None]:
    """The soffice to run, or why there is none."""
    chosen = os.environ.get(SOFFICE_ENV, "")
    if chosen:
        # an explicit choice is never second-guessed by falling back to another copy
        found = shutil.which(chosen)
        if found is None:
            return None, f"LibreOffice was not found: ${SOFFICE_ENV} is {chosen!r}, not a program"
        return Path(found), None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found), None
    for path in APP_PATHS:
        if path.is_file() and os.access(path, os.X_OK):
            return path, None
    return None, (
        "LibreOffice (soffice) was not found on PATH or in the usual install folder; "
        f"set ${SOFFICE_ENV} to its path if it is installed elsewhere"
    )
