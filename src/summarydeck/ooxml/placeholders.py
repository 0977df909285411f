"""Placeholders: which layout or master placeholder a slide's placeholder inherits from, and
the position it takes from there when it has none of its own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summarydeck.ooxml.names import TITLE_TYPES, qn
from summarydeck.values import Box


def placeholder_type(shape: Any) -> str | None:
    ph = shape._element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    if ph is None:
        return None
    return str(ph.get("type", "obj"))


def inherited_placeholder(shape: Any, part: Any) -> Any:
    """The placeholder on a layout or master that `shape` inherits from: same idx, else type."""
    ph = shape._element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    if ph is None:
        return None
    ph_type, idx = ph.get("type", "obj"), ph.get("idx")
    candidates = part._element.iter(qn("p:sp"))
    by_type = None
    for candidate in candidates:
        cph = candidate.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
        if cph is None:
            continue
        if idx is not None and cph.get("idx") == idx and ph_type not in TITLE_TYPES:
            return candidate
        ctype = cph.get("type", "obj")
        if by_type is None and (
            ctype == ph_type or (ph_type in TITLE_TYPES and ctype in TITLE_TYPES)
        ):
            by_type = candidate
    return by_type


def inherited_box(shape: Any, slide: Any) -> Box | None:
    """A placeholder without a position of its own takes its layout's (else master's)."""
    return box_from(shape, (slide.slide_layout, slide.slide_layout.slide_master))


def box_from(shape: Any, parts: Sequence[Any]) -> Box | None:
    """The position of the first placeholder `shape` inherits from in `parts` (a slide's
    layout and master; a layout's master) that has one."""
    for part in parts:
        inherited = inherited_placeholder(shape, part)
        if inherited is None:
            continue
        off = inherited.find(f".//{qn('a:xfrm')}/{qn('a:off')}")
        ext = inherited.find(f".//{qn('a:xfrm')}/{qn('a:ext')}")
        if off is not None and ext is not None:
            return Box(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    return None
