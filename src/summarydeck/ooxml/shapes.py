"""Where a slide shape keeps its position and size: one answer for every reader."""

from __future__ import annotations

from typing import Any

from summarydeck.ooxml.names import P_NS, local_name, qn

# read directly: python-pptx's position properties are an XPath query each
_XFRM_PATHS = {
    name: "/".join(qn(step) for step in path)
    for name, path in {
        "sp": ("p:spPr", "a:xfrm"),
        "pic": ("p:spPr", "a:xfrm"),
        "cxnSp": ("p:spPr", "a:xfrm"),
        "graphicFrame": ("p:xfrm",),
        "grpSp": ("p:grpSpPr", "a:xfrm"),
    }.items()
}


def shape_xfrm(shape: Any) -> Any | None:
    """The `<a:xfrm>` (a graphic frame's `<p:xfrm>`) of a slide shape; None when the shape
    writes none (a placeholder that inherits its place) or is not a shape."""
    tag = shape.tag
    if not isinstance(tag, str) or not tag.startswith(f"{{{P_NS}}}"):
        return None
    path = _XFRM_PATHS.get(local_name(shape))
    return shape.find(path) if path else None


def xfrm_box(xfrm: Any) -> tuple[int, int, int, int] | None:
    """(left, top, width, height) in EMU as an xfrm writes them (0 for what it leaves out: a
    placeholder moved but not resized); None without `off` or `ext`, or with a value that is
    not a whole number (a deck may come from anywhere)."""
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None and ext is None:
        return None
    try:
        return (
            int(off.get("x", 0)) if off is not None else 0,
            int(off.get("y", 0)) if off is not None else 0,
            int(ext.get("cx", 0)) if ext is not None else 0,
            int(ext.get("cy", 0)) if ext is not None else 0,
        )
    except ValueError:
        return None
