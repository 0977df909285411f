"""Open XML names the deck reader needs, and PowerPoint's defaults."""

from __future__ import annotations

import functools

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
ADEC_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
NS = {"a": A_NS, "p": P_NS, "r": R_NS, "c": C_NS, "adec": ADEC_NS}

DEFAULT_SIZE = 18.0  # PowerPoint's size when nothing in the chain sets one
DEFAULT_INSETS = (91_440, 45_720, 91_440, 45_720)  # left, top, right, bottom: 0.1 in and 0.05 in
TITLE_TYPES = ("title", "ctrTitle")


@functools.cache
def q(tag: str) -> str:
    """Clark notation for a prefixed tag: `q("a:t")` -> `{http://...drawingml...}t`."""
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"
