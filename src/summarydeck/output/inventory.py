"""What each slide of a deck shows, as plain data: the one reading that the manifest, `diff`
and the hand-edit guard share.

A record holds each shape's name, position, size, text and alt text, each chart's data, a
digest of each picture, and the speaker notes. It leaves out how the XML is written, so a deck
that PowerPoint opened and saved without a change still has the same fingerprint, while a
moved box, an edited word or a changed chart value changes it. A slide-number field counts as
`#`, so a slide keeps its hash when slides before it come and go.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from lxml import etree

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class ShapeRecord:
    name: str
    box: tuple[int, int, int, int]  # left, top, width, height in EMU (0s when inherited)
    text: list[str]  # one string per paragraph
    alt_text: str = ""


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

    @property
    def hash(self) -> str:
        """What the slide shows, as a digest: its number is left out."""
        shown = asdict(self)
        del shown["number"]
        text = json.dumps(shown, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def slide_records(prs: Any) -> list[SlideRecord]:
    """The records of a python-pptx Presentation's slides, in order."""
    return [_record(number, slide) for number, slide in enumerate(prs.slides, 1)]


def fingerprint(records: list[SlideRecord]) -> str:
    """One digest for the whole deck: slide order and every slide's hash."""
    joined = "\n".join(f"{r.id} {r.hash}" for r in records)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def _record(number: int, slide: Any) -> SlideRecord:
    element = slide._element
    name = element.find(f"{{{_P}}}cSld").get("name", "") or f"slide-{number}"
    shapes: list[ShapeRecord] = []
    charts: list[ChartRecord] = []
    pictures: list[str] = []
    for shape in _walk(slide.shapes):
        if getattr(shape, "has_chart", False) and shape.has_chart:
            charts.append(_chart(shape))
        if shape.shape_type is not None and _is_picture(shape):
            digest = hashlib.sha256(shape.image.blob).hexdigest()
            pictures.append(f"{shape.name}: {digest}")
        shapes.append(
            ShapeRecord(shape.name, _box(shape), _paragraphs(shape._element), _alt(shape))
        )
    notes = ""
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame.text
    title = slide.shapes.title
    title_text = " ".join(_paragraphs(title._element)) if title is not None else ""
    return SlideRecord(number, name, title_text, shapes, charts, pictures, notes)


def _walk(shapes: Any) -> Any:
    for shape in shapes:
        yield shape
        if shape.shape_type == 6:  # a group: its members are shapes too
            yield from _walk(shape.shapes)


def _is_picture(shape: Any) -> bool:
    try:
        return bool(shape.image.blob)
    except (AttributeError, ValueError, KeyError):
        return False


def _box(shape: Any) -> tuple[int, int, int, int]:
    values = (shape.left, shape.top, shape.width, shape.height)
    return (int(values[0] or 0), int(values[1] or 0), int(values[2] or 0), int(values[3] or 0))


def _paragraphs(element: Any) -> list[str]:
    """The text of each paragraph, table cells included; a slide number reads `#`."""
    out: list[str] = []
    for paragraph in element.iter(f"{{{_A}}}p"):
        parts: list[str] = []
        for child in paragraph:
            tag = etree.QName(child).localname
            if tag == "fld" and child.get("type") == "slidenum":
                parts.append("#")
            elif tag in ("r", "fld"):
                parts.append("".join(t.text or "" for t in child.iter(f"{{{_A}}}t")))
            elif tag == "br":
                parts.append("\n")
        text = "".join(parts)
        if text.strip():
            out.append(text)
    return out


def _alt(shape: Any) -> str:
    for tag in ("nvSpPr", "nvPicPr", "nvGraphicFramePr", "nvGrpSpPr", "nvCxnSpPr"):
        holder = shape._element.find(f"{{{_P}}}{tag}")
        if holder is not None:
            c_nv_pr = holder.find(f"{{{_P}}}cNvPr")
            if c_nv_pr is not None:
                return str(c_nv_pr.get("descr", ""))
    return ""


def _chart(shape: Any) -> ChartRecord:
    chart = shape.chart
    categories: list[str] = []
    series: dict[str, list[float | None]] = {}
    for plot in chart.plots:
        if not categories:
            categories = [str(c) for c in plot.categories]
        for position, one in enumerate(plot.series):
            label = one.name or f"series {position + 1}"
            series[label] = [None if v is None else float(v) for v in one.values]
    kind = etree.QName(chart.plots[0]._element).localname if len(chart.plots) else "chart"
    return ChartRecord(shape.name, kind, categories, series)
