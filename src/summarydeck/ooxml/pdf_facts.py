"""What the PDF of a deck should say that LibreOffice 7.4 leaves out of the tagged PDF it
writes: the deck's language, and each graphic on each slide with its alternative text, whether
it is decorative, and which group it makes one picture with (`export/pdf_tags.py` uses them).

LibreOffice tags every shape that has no text as a /Figure, in the slide's shape order, with
the shape's box; it gives a figure alternative text only for a picture, reads no decorative
flag, and tags a group's shapes one by one. A slide holding anything whose tagging is not
foreseen here (an empty placeholder, a diagram, a shape without a box ...) has no graphics
(None), so its page is left as LibreOffice wrote it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarydeck.ooxml.names import REL_CORE_PROPERTIES, local_name, qn
from summarydeck.ooxml.opening import DeckReadError, read_deck_parts
from summarydeck.ooxml.package_graph import PackageGraph, open_graph
from summarydeck.ooxml.walk import SlideParts, read_each_slide

# a BCP 47 language tag as a PDF's /Lang takes it: "en-GB", "cy", "zh-Hant-TW"
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_DEFAULT_SIZE = (9_144_000, 6_858_000)  # PowerPoint's 4:3 when a deck names no size


@dataclass(frozen=True)
class Graphic:
    """A shape that LibreOffice tags as a figure."""

    box: tuple[float, float, float, float]  # left, top, right, bottom on the slide, in EMU
    outline: int  # the width of the outline the shape sets, in EMU (0: none set)
    alt: str  # its alternative text, or the described group's it is part of ("" for none)
    decorative: bool  # marked decorative, or part of a group that is
    picture: int  # the described group it is one picture with, numbered on its slide; -1: none


@dataclass(frozen=True)
class SlideGraphics:
    number: int  # 1-based, hidden slides counted
    hidden: bool  # left out of the PDF
    graphics: tuple[Graphic, ...] | None  # in shape order; None when they cannot be foreseen


@dataclass(frozen=True)
class PdfFacts:
    title: str  # the deck's title (core properties), "" for none
    language: str  # a BCP 47 tag, "" when the deck names none
    size: tuple[int, int]  # the slide's width and height in EMU
    slides: tuple[SlideGraphics, ...]


class _Unforeseen(Exception):
    """A shape whose tagging by LibreOffice is not known here."""


def read_pdf_facts(path: Path) -> PdfFacts:
    """The facts of the deck at `path`. Raises DeckReadError when it is not a deck, or a value
    in it cannot be read (its message names `path`)."""
    # the slides as export counts them (walk.py): a hidden one has no page
    read = read_each_slide(path, _slide)
    store, shown = read_deck_parts(path)
    graph, main = open_graph(store, shown)
    try:
        width, height = _size(graph, main)
        title, language = _core_properties(graph)
    except Exception as exc:  # lxml and the package graph raise many kinds for a damaged deck
        raise DeckReadError(
            f"{shown}: cannot be read as a PowerPoint deck ({type(exc).__name__})",
            "open it in PowerPoint and save it again, or build it again",
        ) from exc
    run_languages: Counter[str] = Counter()
    for _, languages in read:
        run_languages.update(languages)
    if not language and run_languages:  # PowerPoint names no language: its text's own
        language = run_languages.most_common(1)[0][0]
    if not _LANGUAGE.fullmatch(language):
        language = ""
    return PdfFacts(title, language, (width, height), tuple(slide for slide, _ in read))


def _size(graph: PackageGraph, main: str) -> tuple[int, int]:
    """The slide's size; (0, 0) when it is not a number (no page's figures are then matched:
    LibreOffice 7.4 refuses such a deck, a later one may not)."""
    size = graph.root(main).find(qn("p:sldSz"))
    if size is None:
        return _DEFAULT_SIZE
    try:
        return int(size.get("cx", _DEFAULT_SIZE[0])), int(size.get("cy", _DEFAULT_SIZE[1]))
    except ValueError:
        return (0, 0)


def _slide(parts: SlideParts) -> tuple[SlideGraphics, list[str]]:
    """A slide's graphics, and the language of each run of its text."""
    tree = parts.element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    graphics: tuple[Graphic, ...] | None = ()
    languages: list[str] = []
    if tree is not None:
        try:
            graphics = tuple(_graphics(tree, _IDENTITY, decorative=False, picture=(-1, "")))
        except _Unforeseen:
            graphics = None
        languages = [str(run.get("lang")) for run in tree.iter(qn("a:rPr")) if run.get("lang")]
    return SlideGraphics(parts.number, parts.hidden, graphics), languages


def _core_properties(graph: PackageGraph) -> tuple[str, str]:
    from pptx.oxml import parse_xml
    from pptx.oxml.coreprops import CT_CoreProperties

    try:
        part = graph.related_by("/", REL_CORE_PROPERTIES)
    except (KeyError, ValueError):  # none, or more than one: python-pptx would read none
        return "", ""
    core = parse_xml(graph.store.data[part[1:]])
    if not isinstance(core, CT_CoreProperties):
        return "", ""
    return str(core.title_text or "").strip(), str(core.language_text or "").strip()


# where a shape's coordinates land on the slide: x -> a + b * x, y -> c + d * y
_Place = tuple[float, float, float, float]
_IDENTITY: _Place = (0.0, 1.0, 0.0, 1.0)


def _graphics(
    tree: Any,
    place: _Place,
    *,
    decorative: bool,
    picture: tuple[int, str],
    groups: list[int] | None = None,
) -> Iterator[Graphic]:
    """The figures of a shape tree (a slide's, or a group's), in order. `picture`: the
    described group the tree is part of (its number and alt text; -1 for none); `groups`
    counts the described groups on the slide."""
    counter = groups if groups is not None else [0]
    for shape in tree:
        name = local_name(shape)
        if name in ("nvGrpSpPr", "grpSpPr", "extLst"):
            continue
        properties = shape.find(f"*/{qn('p:cNvPr')}")
        if properties is None:
            raise _Unforeseen(name)  # not a drawing shape (alternate content, ink ...)
        if properties.get("hidden") in ("1", "true"):
            continue  # not drawn
        marked = decorative or _is_decorative(properties)
        alt = str(properties.get("descr", "")).strip()
        if name == "grpSp":
            inner = picture
            if picture[0] < 0 and alt:  # the outermost described group is one picture
                inner = (counter[0], alt)
                counter[0] += 1
            yield from _graphics(
                shape, _group_place(shape, place), decorative=marked, picture=inner, groups=counter
            )
            continue
        if name == "sp":
            if _has_text(shape):
                continue  # text: a heading or a division, not a figure
            if shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}") is not None:
                raise _Unforeseen("an empty placeholder")
            xfrm = shape.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
        elif name in ("pic", "cxnSp"):
            xfrm = shape.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
        elif name == "graphicFrame":
            data = shape.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
            if data is not None and data.find(qn("a:tbl")) is not None:
                continue  # a table: tagged as /Table
            if data is None or data.find(qn("c:chart")) is None:
                raise _Unforeseen("a graphic frame that is not a chart or table")
            xfrm = shape.find(qn("p:xfrm"))
        else:
            raise _Unforeseen(name)
        box = _box(xfrm, place)
        line = shape.find(f"{qn('p:spPr')}/{qn('a:ln')}")
        width = str(line.get("w", "0")) if line is not None else "0"
        outline = int(width) if width.isascii() and width.isdigit() else 0
        own_picture, own_alt = picture if picture[0] >= 0 else (-1, alt)
        yield Graphic(box, outline, own_alt, marked, own_picture)


def _is_decorative(properties: Any) -> bool:
    """Office's "Mark as decorative" (`adec:decorative val="1"`) on a shape's properties."""
    path = f"{qn('a:extLst')}/{qn('a:ext')}/{qn('adec:decorative')}"
    return any(flag.get("val") in ("1", "true") for flag in properties.iterfind(path))


def _has_text(shape: Any) -> bool:
    body = shape.find(qn("p:txBody"))
    return body is not None and any(t.text for t in body.iter(qn("a:t")))


def _offset_and_extent(xfrm: Any) -> tuple[float, float, float, float]:
    if xfrm is None:
        raise _Unforeseen("a shape without a place")
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        raise _Unforeseen("a shape without a place")
    try:
        return float(off.get("x")), float(off.get("y")), float(ext.get("cx")), float(ext.get("cy"))
    except (TypeError, ValueError):
        raise _Unforeseen("a shape without a place") from None


def _box(xfrm: Any, place: _Place) -> tuple[float, float, float, float]:
    x, y, cx, cy = _offset_and_extent(xfrm)
    a, b, c, d = place
    return (a + b * x, c + d * y, a + b * (x + cx), c + d * (y + cy))


def _group_place(group: Any, place: _Place) -> _Place:
    """Where a group's children land: their coordinates are in the group's child space."""
    xfrm = group.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    x, y, cx, cy = _offset_and_extent(xfrm)
    child_off, child_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
    if child_off is None or child_ext is None:
        raise _Unforeseen("a group without a child space")
    try:  # LibreOffice reads an odd value in its own way: where the shapes land is not known
        ox, oy = float(child_off.get("x", 0)), float(child_off.get("y", 0))
        ocx, ocy = float(child_ext.get("cx", 0)), float(child_ext.get("cy", 0))
    except ValueError:
        raise _Unforeseen("a group whose child space is not in numbers") from None
    a, b, c, d = place
    sx = b * cx / ocx if ocx else b
    sy = d * cy / ocy if ocy else d
    return (a + b * x - sx * ox, sx, c + d * y - sy * oy, sy)
