"""Placeholders: which layout or master placeholder a slide's placeholder inherits from, and
the position it takes from there when it has none of its own.

The functions take python-pptx's shapes and parts (templates are read through python-pptx) or
their XML elements alike; the checker's reader gives elements, and looks placeholders up in a
`PlaceholderIndex` made once per layout or master."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summarydeck.ooxml.names import TITLE_TYPES, qn
from summarydeck.values import Box

_PH = f".//{qn('p:nvPr')}/{qn('p:ph')}"
_OFF = f".//{qn('a:xfrm')}/{qn('a:off')}"
_EXT = f".//{qn('a:xfrm')}/{qn('a:ext')}"


def element_of(shape_or_element: Any) -> Any:
    """The XML element of a python-pptx shape or part, or the element itself."""
    return getattr(shape_or_element, "_element", shape_or_element)


def placeholder_type(shape: Any) -> str | None:
    ph = element_of(shape).find(_PH)
    if ph is None:
        return None
    return str(ph.get("type", "obj"))


class PlaceholderIndex:
    """The placeholders of one layout or master (its `root` element), found by idx and by
    type in one pass, for the many look-ups a deck's slides make."""

    def __init__(self, root: Any) -> None:
        self.element = root
        self._by_idx: dict[str, Any] = {}
        self._by_type: dict[str, Any] = {}
        self._title: Any = None
        for candidate in root.iter(qn("p:sp")):
            ph = candidate.find(_PH)
            if ph is None:
                continue
            idx = ph.get("idx")
            if idx is not None:
                self._by_idx.setdefault(idx, candidate)
            kind = ph.get("type", "obj")
            self._by_type.setdefault(kind, candidate)
            if self._title is None and kind in TITLE_TYPES:
                self._title = candidate

    def inherited(self, shape: Any) -> Any:
        """The placeholder `shape` (an element) inherits from here: the first with its idx
        (a title goes by type alone), else the first of its type (any title for a title)."""
        return self.inherited_ph(shape.find(_PH))

    def inherited_ph(self, ph: Any) -> Any:
        """`inherited` for a shape whose `p:ph` (found as `inherited` finds it) is `ph`."""
        if ph is None:
            return None
        ph_type, idx = ph.get("type", "obj"), ph.get("idx")
        if ph_type in TITLE_TYPES:
            return self._title
        if idx is not None and idx in self._by_idx:
            return self._by_idx[idx]
        return self._by_type.get(ph_type)


def _index(part: Any) -> PlaceholderIndex:
    return part if isinstance(part, PlaceholderIndex) else PlaceholderIndex(element_of(part))


def inherited_placeholder(shape: Any, part: Any) -> Any:
    """The placeholder on a layout or master that `shape` inherits from: same idx, else type."""
    return _index(part).inherited(element_of(shape))


def inherited_box(shape: Any, slide: Any) -> Box | None:
    """A placeholder without a position of its own takes its layout's (else master's)."""
    return box_from(shape, (slide.slide_layout, slide.slide_layout.slide_master))


def box_from(shape: Any, parts: Sequence[Any]) -> Box | None:
    """The position of the first placeholder `shape` inherits from in `parts` (a slide's
    layout and master; a layout's master) that has one; parts may be python-pptx's, their
    elements' `PlaceholderIndex`es or elements."""
    element = element_of(shape)
    return box_of([_index(part).inherited(element) for part in parts])


def box_of(inherited: Sequence[Any]) -> Box | None:
    """The position of the first of the placeholders `inherited` (None: none) that has one."""
    for placeholder in inherited:
        if placeholder is None:
            continue
        off = placeholder.find(_OFF)
        ext = placeholder.find(_EXT)
        if off is not None and ext is not None:
            return Box(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    return None
