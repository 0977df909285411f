"""Find the font files that stand in for the brand's Office fonts on this machine.

Calibri, Arial and Cambria are not free; Carlito, Liberation Sans and Caladea have the same
metrics, so what we measure and render here matches what PowerPoint users will see.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from summarydeck.diagnostics import OutputError

METRIC_TWINS = {
    "Calibri": ("Carlito", "fonts-crosextra-carlito"),
    "Carlito": ("Carlito", "fonts-crosextra-carlito"),
    "Arial": ("Liberation Sans", "fonts-liberation2"),
    "Liberation Sans": ("Liberation Sans", "fonts-liberation2"),
    "Cambria": ("Caladea", "fonts-crosextra-caladea"),
    "Caladea": ("Caladea", "fonts-crosextra-caladea"),
}


@functools.cache
def font_file(family: str, bold: bool = False) -> Path:
    """The TTF of the metric twin of `family`; a clear error naming the package when missing."""
    twin, package = METRIC_TWINS.get(family, (family, "a package providing it"))
    style = "Bold" if bold else "Regular"
    if shutil.which("fc-match"):
        result = subprocess.run(
            ["fc-match", "-f", "%{family}\t%{file}", f"{twin}:style={style}"],
            capture_output=True,
            text=True,
            check=False,
        )
        found_family, _, file = result.stdout.partition("\t")
        if result.returncode == 0 and twin in found_family.split(",") and file:
            return Path(file)
    raise OutputError(
        f"font {twin} ({style.lower()}), the metric-compatible stand-in for {family}, is not "
        f"installed; install the Debian package {package}"
    )
