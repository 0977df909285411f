"""Organisations' PowerPoint templates (.potx, or a .pptx used as one), read as plain data:
the masters, their layouts and placeholders, the theme's colours and fonts; and a deck that
shows every layout with its placeholders labelled, for a designer to look at.

The one place templates are opened: a .potx is a presentation package whose main part has the
template content type, which python-pptx refuses, so it is opened as a presentation.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from summarydeck.ooxml.names import OFFICE_TYPE, REL_THEME, local_name, qn
from summarydeck.ooxml.opening import (
    OTHER_KINDS,
    DeckReadError,
    Expected,
    presentation_of,
    read_package,
)
from summarydeck.ooxml.placeholders import box_from, placeholder_type
from summarydeck.ooxml.saving import deck_bytes, replace_template_leftovers
from summarydeck.ooxml.shapes import shape_xfrm, xfrm_box
from summarydeck.ooxml.text_props import placeholder_size
from summarydeck.ooxml.theme import read_theme
from summarydeck.ooxml.walk import default_text_style
from summarydeck.ooxml.xml import parse
from summarydeck.values import EMU_PER_INCH, Box


class TemplateError(DeckReadError):
    """A file given as a template cannot be read as one (exit status 3)."""


# the main part's content type of a template, and what python-pptx opens instead
_AS_PRESENTATION = {
    f"{OFFICE_TYPE}.presentationml.template.main+xml": (
        f"{OFFICE_TYPE}.presentationml.presentation.main+xml"
    ),
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": (
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
    ),
}
_SAVE_AS = "open it in PowerPoint and save it as a PowerPoint Template (.potx)"
TEMPLATE = Expected(
    "template",
    "a .potx or .pptx template",
    (
        "presentationml.presentation.main",
        "presentationml.template.main",
        "ms-powerpoint.template.macroEnabled.main",
    ),
    {
        "presentationml.slideshow.main": "a slide show (.ppsx), not a template: " + _SAVE_AS,
        "ms-powerpoint.slideshow.macroEnabled.main": "a macro-enabled slide show (.ppsm), not "
        "a template: " + _SAVE_AS,
        # Word, Excel and Visio files are named as they are for a deck
        **{m: kind for m, kind in OTHER_KINDS.items() if "present" not in m and "powerp" not in m},
    },
    "it is password-protected, or an old binary .pot or .ppt file",
    "remove the password (File > Info > Protect Presentation) and save it as .potx",
    "open it in PowerPoint and save it again as a template (.potx)",
    TemplateError,
    binary="an old binary PowerPoint file (.ppt or .pot)",
    binary_hint=_SAVE_AS,
)

# what PowerPoint (English) writes as prompts in a layout's placeholders; a prompt is also any
# text the master's placeholders hold, which PowerPoint copies into its layouts in any language
_PROMPT_STARTS = ("click to ", "click icon to ", "edit master ")
_PROMPTS = {"second level", "third level", "fourth level", "fifth level"}
FOOTER_TYPES = ("dt", "ftr", "sldNum")


@dataclass(frozen=True)
class PlaceholderInfo:
    type: str  # the OOXML placeholder type: title, ctrTitle, body, subTitle, obj, pic, dt ...
    idx: int
    name: str
    box: Box | None  # its own, else its master placeholder's; None when neither has one
    size: float | None  # first-level text size in points, through the style chain
    inherits_box: bool = False  # the box is the master placeholder's
    # text a slide could show: runs that are neither a prompt nor a field (a date placeholder's
    # fixed date, a footer's text, sample text typed into a layout); on a master, only footers'
    sample_text: str = ""
    left_inset: int = 91_440  # EMU from the box's left edge to its text (PowerPoint's 0.1 in)

    @property
    def label(self) -> str:
        """`title idx=0 · Title 1 · 12.33 x 1.45 in`: what `--annotate` writes in it."""
        size = (
            f"{self.box.width / EMU_PER_INCH:.2f} x {self.box.height / EMU_PER_INCH:.2f} in"
            if self.box is not None
            else "no size"
        )
        return f"{self.type} idx={self.idx} · {self.name} · {size}"


@dataclass(frozen=True)
class LayoutInfo:
    name: str
    index: int  # its place in its master's list, from 1 (PowerPoint's New Slide menu order)
    placeholders: tuple[PlaceholderInfo, ...]
    has_sample_text: bool  # a placeholder other than a footer holds sample text


@dataclass(frozen=True)
class MasterInfo:
    name: str  # the master's name, else its theme's
    placeholders: tuple[PlaceholderInfo, ...]
    layouts: tuple[LayoutInfo, ...]
    major_font: str  # its theme's heading font
    minor_font: str  # its theme's body font


@dataclass(frozen=True)
class TemplateInfo:
    name: str  # the file's name
    width: int  # EMU
    height: int
    masters: tuple[MasterInfo, ...]
    colours: dict[str, str]  # the first master's theme: dk1, lt1 ... accent1..6, hlink -> #RRGGBB
    major_font: str  # the first master's theme fonts
    minor_font: str
    slide_count: int
    is_template: bool  # a template package (.potx, .potm), not a presentation

    @property
    def layouts(self) -> tuple[LayoutInfo, ...]:
        return tuple(layout for master in self.masters for layout in master.layouts)


def open_template(path: Path, data: bytes | None = None) -> Any:
    """A python-pptx Presentation of the .potx or .pptx at `path` (of `data`, its bytes read
    already, when given). Raises TemplateError with a message that says what the file is,
    never python-pptx's own words."""
    return _open(path, data)[0]


def _open(path: Path, given: bytes | None = None) -> tuple[Any, bool]:
    source: Path | bytes = path if given is None else given
    data, shown = read_package(source, None if given is None else str(path), TEMPLATE)
    data, was_template = _as_presentation(data)
    return presentation_of(data, shown, TEMPLATE), was_template


def _as_presentation(data: bytes) -> tuple[bytes, bool]:
    """The package with a template's main content type replaced by a presentation's (in
    memory), and whether it was a template. `data` passed `read_package`'s limits, so every
    member inflates to what its directory says."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        try:
            types = parse(package.read("[Content_Types].xml"))
        except Exception:  # no list, or not XML: python-pptx says it is damaged
            return data, False
        changed = False
        for override in types.iter(qn("ct:Override")):
            presentation = _AS_PRESENTATION.get(override.get("ContentType", ""))
            if presentation is not None:
                override.set("ContentType", presentation)
                changed = True
        if not changed:
            return data, False
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in package.infolist():
                payload = package.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    payload = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
                target.writestr(item, payload)
    return out.getvalue(), True


def read_template(path: Path) -> TemplateInfo:
    """The template at `path` as plain data. Raises TemplateError when it cannot be read."""
    prs, is_template = _open(path)
    return _read(prs, path, is_template)


def _read(prs: Any, path: Path, is_template: bool) -> TemplateInfo:
    try:
        defaults = default_text_style(prs)
        masters, themes = [], []
        for number, master in enumerate(prs.slide_masters, 1):
            theme = read_theme(master)
            themes.append(theme)
            prompts = _texts(master)
            masters.append(
                MasterInfo(
                    _master_name(master, number),
                    tuple(_placeholder(ph, master, defaults, None) for ph in master.placeholders),
                    tuple(
                        _layout(layout, index, master, defaults, prompts)
                        for index, layout in enumerate(master.slide_layouts, 1)
                    ),
                    theme.major,
                    theme.minor,
                )
            )
        slide_count = len(prs.slides)
    except Exception as exc:  # python-pptx and lxml raise many kinds for a damaged part
        raise TemplateError(
            f"{path}: {TEMPLATE.cannot}: its masters or layouts are damaged ({type(exc).__name__})",
            TEMPLATE.damaged_hint,
        ) from exc
    if not themes:
        raise TemplateError(f"{path}: {TEMPLATE.cannot}: it has no slide master")
    return TemplateInfo(
        path.name,
        int(prs.slide_width or 0),
        int(prs.slide_height or 0),
        tuple(masters),
        dict(themes[0].colours),
        themes[0].major,
        themes[0].minor,
        slide_count,
        is_template,
    )


def _master_name(master: Any, number: int) -> str:
    if master.name:
        return str(master.name)
    theme = _theme_name(master)
    return theme or f"Master {number}"


def _theme_name(master: Any) -> str:
    for rel in master.part.rels.values():
        if rel.reltype == REL_THEME:
            return str(parse(rel.target_part.blob).get("name", ""))
    return ""


def _layout(layout: Any, index: int, master: Any, defaults: Any, prompts: set[str]) -> LayoutInfo:
    placeholders = tuple(_placeholder(ph, master, defaults, prompts) for ph in layout.placeholders)
    return LayoutInfo(
        str(layout.name or f"Layout {index}"),
        index,
        placeholders,
        any(p.sample_text for p in placeholders if p.type not in FOOTER_TYPES),
    )


def _placeholder(
    shape: Any, master: Any, defaults: Any, prompts: set[str] | None
) -> PlaceholderInfo:
    """A master's placeholder (`prompts` None) or a layout's (`prompts`: what the master's
    placeholders say, which PowerPoint copies into its layouts as their prompts)."""
    ph = shape._element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    ph_type = placeholder_type(shape) or "obj"
    xfrm = shape_xfrm(shape._element)
    own = xfrm_box(xfrm) if xfrm is not None else None
    on_layout = prompts is not None
    box = Box(*own) if own is not None else (box_from(shape, (master,)) if on_layout else None)
    return PlaceholderInfo(
        ph_type,
        _whole(ph.get("idx", "0")),
        str(shape.name),
        box,
        placeholder_size(shape, master, defaults, on_layout=on_layout),
        own is None and box is not None,
        _sample_text(shape, ph, ph_type, prompts),
        _left_inset(shape, master if on_layout else None),
    )


def _left_inset(shape: Any, master: Any | None) -> int:
    """The placeholder's left text inset: its own `lIns`, else its master placeholder's, else
    PowerPoint's default 0.1 in."""
    chain = [shape._element]
    if master is not None:
        ph_type = placeholder_type(shape)
        chain += [
            m._element
            for m in master.placeholders
            if placeholder_type(m) == ph_type
            or (ph_type == "ctrTitle" and placeholder_type(m) == "title")
        ][:1]
    for element in chain:
        body = element.find(f".//{qn('a:bodyPr')}")
        if body is not None and body.get("lIns") is not None:
            return _whole(body.get("lIns", "91440"))
    return 91_440


def _whole(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def _sample_text(shape: Any, ph: Any, ph_type: str, prompts: set[str] | None) -> str:
    """The text of the placeholder's runs that is neither a field (a date or slide number that
    updates itself) nor a prompt; paragraphs joined with " / "."""
    if ph_type in FOOTER_TYPES:
        return " / ".join(_paragraph_runs(shape))
    if prompts is None or ph.get("hasCustomPrompt") in ("1", "true"):
        return ""  # a master's text is the prompts; a custom prompt is a prompt too
    return " / ".join(text for text in _paragraph_runs(shape) if not _is_prompt(text, prompts))


def _paragraph_runs(shape: Any) -> list[str]:
    """The text of each paragraph's runs (fields left out), paragraphs with none left out."""
    body = shape._element.find(f".//{qn('p:txBody')}")
    if body is None:
        return []
    texts = []
    for p in body.iter(qn("a:p")):
        text = "".join(t.text or "" for r in p.findall(qn("a:r")) for t in r.findall(qn("a:t")))
        if text.strip():
            texts.append(text.strip())
    return texts


def _texts(master: Any) -> set[str]:
    """Every paragraph of text in a master's placeholders, casefolded: its prompts."""
    return {text.casefold() for ph in master.placeholders for text in _paragraph_runs(ph)}


def _is_prompt(text: str, prompts: set[str]) -> bool:
    folded = text.casefold()
    return folded in prompts or folded in _PROMPTS or folded.startswith(_PROMPT_STARTS)


def annotated_template(path: Path, when: dt.datetime | None = None) -> tuple[bytes, int]:
    """A deck (its bytes, and how many slides) with one slide per layout of every master, each
    layout's placeholders on it labelled with their type, idx, name and size, the title saying
    the layout's name; the template's own slides are left out. Saved deterministically, dated
    `when`, else the template's own date."""
    prs, is_template = _open(path)
    info = _read(prs, path, is_template)
    try:
        drop_slides(prs)
        count = 0
        for master, master_info in zip(prs.slide_masters, info.masters, strict=True):
            for layout, layout_info in zip(master.slide_layouts, master_info.layouts, strict=True):
                _annotate(prs.slides.add_slide(layout), layout, layout_info)
                count += 1
        stamp = when or _template_date(prs)
        replace_template_leftovers(prs, _slide_format(info.width, info.height))
        prs.core_properties.title = f"Layouts of {info.name}"
        return deck_bytes(prs, stamp), count
    except Exception as exc:  # a part python-pptx could not copy: the template is damaged
        raise TemplateError(
            f"{path}: {TEMPLATE.cannot}: its layouts cannot be copied ({type(exc).__name__})",
            TEMPLATE.damaged_hint,
        ) from exc


def drop_slides(prs: Any) -> None:
    """Leave out the template's own slides (and its sections and custom shows, which name
    them): only parts still referred to are saved."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        id_list.remove(slide_id)
        prs.part.drop_rel(slide_id.rId)
    root = prs.part._element
    for element in list(root.iter()):
        name = local_name(element)
        if name == "sectionLst":  # inside an `<p:ext>` of the presentation's extension list
            ext = element.getparent()
            ext.getparent().remove(ext)
        elif name == "custShowLst":
            element.getparent().remove(element)


def _annotate(slide: Any, layout: Any, info: LayoutInfo) -> None:
    # python-pptx leaves out the date, footer and slide number: a designer wants to see them
    have = {ph.placeholder_format.idx for ph in slide.placeholders}
    for ph in layout.placeholders:
        if ph.placeholder_format.idx not in have:
            slide.shapes.clone_placeholder(ph)
    by_idx = {p.idx: p for p in info.placeholders}
    for ph in slide.placeholders:
        placeholder = by_idx.get(ph.placeholder_format.idx)
        if placeholder is None or not ph.has_text_frame:
            continue
        title = placeholder.type in ("title", "ctrTitle")
        ph.text_frame.text = info.name if title else placeholder.label


def _template_date(prs: Any) -> dt.datetime:
    props = prs.core_properties
    found = props.modified or props.created
    if isinstance(found, dt.datetime):
        return found.replace(tzinfo=None)
    return dt.datetime(1980, 1, 1)


def _slide_format(width: int, height: int) -> str:
    """What app.xml calls the slide size (PowerPoint's Slide Size names)."""
    ratio = width / height if height else 0
    for name, value in (
        ("Widescreen", 16 / 9),
        ("On-screen Show (4:3)", 4 / 3),
        ("On-screen Show (16:10)", 16 / 10),
    ):
        if abs(ratio - value) < 0.01:
            return name
    return "Custom"
