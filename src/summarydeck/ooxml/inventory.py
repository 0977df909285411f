"""What each slide of a deck shows, as plain data: the one reading that the manifest, `diff`
and the hand-edit guard share.

A record holds each shape's name, position, size, text, the formatting its text was given
(bold, italic, underline, size, colour, font, link, alignment) and alt text, each chart's data,
a digest of each picture, the speaker notes, and whether the slide is hidden. It leaves out how
the XML is written, so a deck that PowerPoint opened and saved without a change still has the
same fingerprint, while a moved box, an edited word, a word made bold or a changed chart value
changes it. A slide-number field counts as `#`, so a slide keeps its hash when slides before it
come and go. Two slides with one name (PowerPoint's Duplicate Slide copies the name) get ids
`name`, `name#2`, so every record has its own id.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from summarydeck.ooxml.names import A_NS, C_NS, P_NS, R_NS, TITLE_TYPES, local_name
from summarydeck.ooxml.shapes import shape_xfrm, xfrm_box
from summarydeck.ooxml.walk import SlideParts, read_each_slide, slides


@dataclass(frozen=True)
class ShapeRecord:
    name: str
    box: tuple[int, int, int, int]  # left, top, width, height in EMU (0s when inherited)
    text: list[str]  # one string per paragraph
    alt_text: str = ""
    # per paragraph with text: the formatting set on it and its runs, e.g. "algn=ctr|b sz=2400"
    formatting: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ChartRecord:
    name: str
    chart_type: str
    categories: list[str]
    series: dict[str, list[float | None]]


@dataclass(frozen=True)
class SlideRecord:
    number: int
    id: str
    title: str
    shapes: list[ShapeRecord] = field(default_factory=list)
    charts: list[ChartRecord] = field(default_factory=list)
    pictures: list[str] = field(default_factory=list)  # "name: sha256 of the image"
    notes: str = ""
    hidden: bool = False  # PowerPoint's Hide Slide: not shown in a slide show

    @functools.cached_property
    def hash(self) -> str:
        """What the slide shows, as a digest: its number is left out (so it is worked out
        once, and kept when the slide moves: `renumbered`)."""
        shown = asdict(self)
        del shown["number"]
        text = json.dumps(shown, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def renumbered(record: SlideRecord, number: int) -> SlideRecord:
    """The record of the same slide at another place: its hash, which leaves the number out,
    is kept rather than worked out again."""
    moved = replace(record, number=number)
    if "hash" in record.__dict__:
        moved.__dict__["hash"] = record.__dict__["hash"]
    return moved


def slide_records(prs: Any) -> list[SlideRecord]:
    """The records of a python-pptx Presentation's slides, in order."""
    return _unique_ids([_record(parts) for parts in slides(prs)])


def slide_record(slide: Any, number: int) -> SlideRecord:
    """The record of one python-pptx slide that will sit at `number` (counted from 1)."""
    return _record(SlideParts(number, slide))


def unique_ids(records: list[SlideRecord]) -> list[SlideRecord]:
    """`records` with a second slide of one name told apart (see `_unique_ids`)."""
    return _unique_ids(list(records))


def read_records(path: Path) -> list[SlideRecord]:
    """The records of the deck at `path`; raises DeckReadError (an OutputError) when it is not
    a deck, or a slide of it cannot be read."""
    return _unique_ids(read_each_slide(path, _record))


def _unique_ids(records: list[SlideRecord]) -> list[SlideRecord]:
    """Two slides with one name (PowerPoint's Duplicate Slide) become `name` and `name#2`."""
    seen: dict[str, int] = {}
    for position, record in enumerate(records):
        seen[record.id] = seen.get(record.id, 0) + 1
        if seen[record.id] > 1:
            records[position] = replace(record, id=f"{record.id}#{seen[record.id]}")
    return records


def fingerprint(records: list[SlideRecord]) -> str:
    """One digest for the whole deck: slide order and every slide's hash."""
    joined = "\n".join(f"{r.id} {r.hash}" for r in records)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def _record(slide: SlideParts) -> SlideRecord:
    """Read straight from the slide's XML: python-pptx's shape proxies cost ten times more."""
    number = slide.number
    tree = slide.element.find(f"{{{P_NS}}}cSld")
    name = slide.name or f"slide-{number}"
    shapes: list[ShapeRecord] = []
    charts: list[ChartRecord] = []
    pictures: list[str] = []
    title = ""
    for shape in _shape_elements(tree.find(f"{{{P_NS}}}spTree")):
        c_nv_pr = shape.find(f"./*/{{{P_NS}}}cNvPr")
        shape_name = c_nv_pr.get("name", "") if c_nv_pr is not None else ""
        alt = c_nv_pr.get("descr", "") if c_nv_pr is not None else ""
        kind = local_name(shape)
        text, formatting = ([], []) if kind == "grpSp" else _paragraphs(shape, slide)
        shapes.append(ShapeRecord(shape_name, _box(shape), text, alt, formatting))
        if not title and _is_title(shape):
            title = " ".join(text)
        for blip in shape.iter(f"{{{A_NS}}}blip"):
            rel_id = blip.get(f"{{{R_NS}}}embed")
            if rel_id and kind == "pic":
                blob = slide.related_blob(rel_id)
                pictures.append(f"{shape_name}: {hashlib.sha256(blob).hexdigest()}")
        chart_ref = shape.find(f".//{{{C_NS}}}chart") if kind == "graphicFrame" else None
        if chart_ref is not None:
            chart = slide.related_chart(chart_ref.get(f"{{{R_NS}}}id"))
            charts.append(_chart(shape_name, chart))
    return SlideRecord(number, name, title, shapes, charts, pictures, slide.notes, slide.hidden)


_SHAPES = {"sp", "pic", "graphicFrame", "grpSp", "cxnSp"}


def _shape_elements(tree: Any) -> Any:
    """Every shape in document order, a group's members after the group."""
    for child in tree:
        if local_name(child) in _SHAPES:
            yield child
            if local_name(child) == "grpSp":
                yield from _shape_elements(child)


def _is_title(shape: Any) -> bool:
    placeholder = shape.find(f"./{{{P_NS}}}nvSpPr/{{{P_NS}}}nvPr/{{{P_NS}}}ph")
    return placeholder is not None and placeholder.get("type") in TITLE_TYPES


def _box(shape: Any) -> tuple[int, int, int, int]:
    """Position and size as written (0s for a placeholder that inherits them)."""
    xfrm = shape_xfrm(shape)
    return (xfrm_box(xfrm) if xfrm is not None else None) or (0, 0, 0, 0)


def _paragraphs(element: Any, slide: SlideParts) -> tuple[list[str], list[str]]:
    """The text of each paragraph, table cells included (a slide number reads `#`), and the
    formatting set on each."""
    out: list[str] = []
    formatting: list[str] = []
    for paragraph in element.iter(f"{{{A_NS}}}p"):
        parts: list[str] = []
        # (style, characters) of the runs; neighbours with one style are one piece, since
        # PowerPoint's spell checker splits runs and LibreOffice joins them on saving
        pieces: list[tuple[str, int]] = []
        for child in paragraph:
            tag = local_name(child)
            if tag == "fld" and child.get("type") == "slidenum":
                parts.append("#")
            elif tag in ("r", "fld"):
                text = "".join(t.text or "" for t in child.iter(f"{{{A_NS}}}t"))
                parts.append(text)
                style = _run_style(child.find(f"{{{A_NS}}}rPr"), slide)
                if not text:
                    continue
                if pieces and pieces[-1][0] == style:
                    pieces[-1] = (style, pieces[-1][1] + len(text))
                else:
                    pieces.append((style, len(text)))
            elif tag == "br":
                parts.append("\n")
        text = "".join(parts)
        if text.strip():
            out.append(text)
            runs = [f"{style}*{length}" for style, length in pieces]
            formatting.append("|".join([_paragraph_style(paragraph), *runs]))
    return out, formatting


# what a reader sees; PowerPoint adds `lang`, `dirty`, `err` and the like on saving, which must
# not count. An explicit "off" (`b="0"`) reads as no setting: that misses un-bolding text whose
# placeholder makes it bold, but tools differ on whether they write "off" at all.
_RUN_FLAGS = ("b", "i", "u", "strike", "sz", "baseline", "cap")
_OFF = {"0", "false", "none", "noStrike"}


def _paragraph_style(paragraph: Any) -> str:
    props = paragraph.find(f"{{{A_NS}}}pPr")
    if props is None:
        return ""
    return " ".join(
        f"{key}={props.get(key)}" for key in ("algn", "lvl") if props.get(key) not in (None, "0")
    )


def _run_style(props: Any, slide: SlideParts) -> str:
    if props is None:
        return ""
    parts = [
        f"{key}={props.get(key)}"
        for key in _RUN_FLAGS
        if props.get(key) is not None and props.get(key) not in _OFF
    ]
    fill = props.find(f"{{{A_NS}}}solidFill")
    if fill is not None and len(fill):
        colour = fill[0]  # with its shade: "Accent 1, darker 25%" is accent1 + lumMod
        shades = "".join(f"/{local_name(m)}={m.get('val', '')}" for m in colour)
        parts.append(f"colour={local_name(colour)}:{colour.get('val', '')}{shades}")
    latin = props.find(f"{{{A_NS}}}latin")
    if latin is not None and latin.get("typeface"):
        parts.append(f"font={latin.get('typeface')}")
    link = props.find(f"{{{A_NS}}}hlinkClick")
    if link is not None:
        parts.append(f"link={slide.target_of(link)}")
    return " ".join(parts)


def _chart(name: str, chart: Any) -> ChartRecord:
    categories: list[str] = []
    series: dict[str, list[float | None]] = {}
    for plot in chart.plots:
        if not categories:
            categories = [str(c) for c in plot.categories]
        for position, one in enumerate(plot.series):
            label = one.name or f"series {position + 1}"
            series[label] = [None if v is None else float(v) for v in one.values]
    kind = local_name(chart.plots[0]._element) if len(chart.plots) else "chart"
    return ChartRecord(name, kind, categories, series)
