"""Two organisations' templates, made for the tests the way a designer would leave them.

- `classic_43`: a 4:3 .potx with a green theme, Cambria headings (Calibri body text), a band
  across the master, dark title and section layouts, and some layouts renamed to the names
  summarydeck looks for (the rest it lacks: those fall back to ours, with a warning).
- `wide_169`: a 16:9 .pptx with an orange-and-navy theme, every layout under its own name
  ("Cover", "Divider", "Content", "Side by side" ...), so the brand file maps ours onto them.

Both keep a sample slide, as templates often do; a deck built on them must drop it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches

from summarydeck.ooxml.names import A_NS, qn

POTX = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"

CLASSIC_LAYOUTS = {  # python-pptx's stock name -> the name the designer gave it
    "Title Slide": "Title",
    "Section Header": "Section",
    "Title and Content": "Title and text",
    "Two Content": "Two columns",
}
WIDE_LAYOUTS = {
    "Title Slide": "Cover",
    "Section Header": "Divider",
    "Title and Content": "Content",
    "Two Content": "Side by side",
    "Title Only": "Heading only",
    "Blank": "Empty",
}
# the brand file's `layouts:` for the wide template: our layout -> theirs
WIDE_MAPPING = {
    "Title": "Cover",
    "Section": "Divider",
    "Closing": "Cover",
    "Title and text": "Content",
    "Essay": "Content",
    "Two columns": "Side by side",
    "Agenda": "Heading only",
    "Cards": "Heading only",
}


def classic_43(path: Path, tweak: Callable[[Any], None] | None = None) -> Path:
    """The 4:3 template; `tweak` changes it (a test's breakage) before it is saved."""
    prs = Presentation()  # python-pptx's own template is 4:3 already
    _theme(
        prs,
        "Classic green",
        {
            "dk1": "222222",
            "lt1": "FFFFFF",
            "dk2": "0B3D2E",
            "lt2": "E8F0EC",
            "accent1": "1E7B5A",
            "accent2": "A8432B",
            "accent3": "3D5A80",
            "accent4": "7A5C00",
            "accent5": "5B4B8A",
            "accent6": "4F5D56",
            "hlink": "1E5E8C",
            "folHlink": "1E5E8C",
        },
        major="Cambria",
        minor="Calibri",
    )
    _band(prs.slide_master, Inches(0), Inches(0), prs.slide_width, Inches(0.18), "accent1")
    _rename(prs, CLASSIC_LAYOUTS)
    for name in ("Title", "Section"):
        _dark(_layout(prs, name))
    _sample_slide(prs, "Title and text")
    if tweak is not None:
        tweak(prs)
    return _save(prs, path, POTX)


def wide_169(path: Path) -> Path:
    prs = Presentation()
    _widen(prs, Emu(12_192_000))
    _theme(
        prs,
        "Orange and navy",
        {
            "dk1": "1A1A2E",
            "lt1": "FFFFFF",
            "dk2": "16213E",
            "lt2": "FFF4EC",
            "accent1": "C4501B",
            "accent2": "0F5E8C",
            "accent3": "2F7D3B",
            "accent4": "8A4F9E",
            "accent5": "8C6A00",
            "accent6": "53606B",
            "hlink": "0F5E8C",
            "folHlink": "0F5E8C",
        },
        major="Arial",
        minor="Calibri",
    )
    _band(prs.slide_master, Inches(0), Inches(7.3), prs.slide_width, Inches(0.2), "accent1")
    _rename(prs, WIDE_LAYOUTS)
    for name in ("Cover", "Divider"):
        _dark(_layout(prs, name))
    _sample_slide(prs, "Cover")
    return _save(prs, path, PPTX)


def _layout(prs: Any, name: str) -> Any:
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def _rename(prs: Any, names: dict[str, str]) -> None:
    for layout in prs.slide_layouts:
        if layout.name in names:
            layout.element.find(qn("p:cSld")).set("name", names[layout.name])


def _theme(prs: Any, name: str, colours: dict[str, str], major: str, minor: str) -> None:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(part.blob)
    theme.set("name", name)
    scheme = theme.find(f".//{{{A_NS}}}clrScheme")
    scheme.set("name", name)
    for slot, value in colours.items():
        element = scheme.find(f"{{{A_NS}}}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{A_NS}}}srgbClr", val=value)
    fonts = theme.find(f".//{{{A_NS}}}fontScheme")
    fonts.set("name", name)
    fonts.find(f"{{{A_NS}}}majorFont/{{{A_NS}}}latin").set("typeface", major)
    fonts.find(f"{{{A_NS}}}minorFont/{{{A_NS}}}latin").set("typeface", minor)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _band(owner: Any, left: int, top: int, width: int, height: int, slot: str) -> None:
    """A coloured band, the kind of decoration a designer puts on a master (behind its
    placeholders)."""
    sp = etree.Element(qn("p:sp"))
    nv = etree.SubElement(sp, qn("p:nvSpPr"))
    etree.SubElement(nv, qn("p:cNvPr"), id="90", name="Brand band")
    etree.SubElement(nv, qn("p:cNvSpPr"))
    etree.SubElement(nv, qn("p:nvPr"), userDrawn="1")
    sp_pr = etree.SubElement(sp, qn("p:spPr"))
    xfrm = etree.SubElement(sp_pr, qn("a:xfrm"))
    etree.SubElement(xfrm, qn("a:off"), x=str(int(left)), y=str(int(top)))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(int(width)), cy=str(int(height)))
    geometry = etree.SubElement(sp_pr, qn("a:prstGeom"), prst="rect")
    etree.SubElement(geometry, qn("a:avLst"))
    fill = etree.SubElement(sp_pr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr"), val=slot)
    etree.SubElement(etree.SubElement(sp_pr, qn("a:ln")), qn("a:noFill"))
    owner.shapes._spTree.insert(2, sp)


def _dark(layout: Any) -> None:
    """A dark background (the theme's dk2) with light text in its placeholders."""
    c_sld = layout.element.find(qn("p:cSld"))
    bg = etree.Element(qn("p:bg"))
    bg_pr = etree.SubElement(bg, qn("p:bgPr"))
    fill = etree.SubElement(bg_pr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr"), val="tx2")
    etree.SubElement(bg_pr, qn("a:effectLst"))
    c_sld.insert(0, bg)
    for placeholder in layout.placeholders:
        body = placeholder.element.find(qn("p:txBody"))
        if body is None:
            continue
        lst = body.find(qn("a:lstStyle"))
        for child in list(lst):
            lst.remove(child)
        level = etree.SubElement(lst, qn("a:lvl1pPr"))
        run = etree.SubElement(level, qn("a:defRPr"))
        fill = etree.SubElement(run, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:schemeClr"), val="bg1")


def _widen(prs: Any, width: int) -> None:
    """16:9 at PowerPoint's own Widescreen size, the master and layouts stretched to it."""
    factor = width / prs.slide_width
    prs.slide_width = width
    for owner in (prs.slide_master, *prs.slide_layouts):
        for xfrm in owner.element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            off.set("x", str(round(int(off.get("x")) * factor)))
            ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def _sample_slide(prs: Any, layout: str) -> None:
    slide = prs.slides.add_slide(_layout(prs, layout))
    slide.shapes.title.text = "Sample slide the designer left in"
    box = slide.shapes.add_textbox(Inches(1), Inches(3), Inches(4), Inches(1))
    box.text_frame.text = "Delete me"


def _save(prs: Any, path: Path, main_type: str) -> Path:
    buffer = io.BytesIO()
    prs.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(PPTX.encode(), main_type.encode())
            target.writestr(item, data)
    path.write_bytes(out.getvalue())
    return path


def content_on_template(source: Path, target: Path, which: str) -> Path:
    """A copy of the content folder `source` at `target`, its brand file rewritten to build
    onto the `classic` (4:3) or `wide` (16:9) template, which is made inside it. The brand
    sets no colours or fonts: the template's theme gives them."""
    import shutil

    shutil.copytree(source, target)
    if which == "classic":
        template = classic_43(target / "brand-template.potx")
        extra = ""  # the template names four of our layouts itself; the rest fall back
    else:
        template = wide_169(target / "brand-template.pptx")
        extra = "  layouts:\n" + "".join(f"    {k}: {v}\n" for k, v in WIDE_MAPPING.items())
    (target / "brand.yaml").write_text(
        "brand:\n"
        "  name: Q Lab summary\n"
        "  footer: Q Lab and Mind · Mental health and persistent back and neck pain\n"
        f"  template: {template.name}\n" + extra,
        encoding="utf-8",
    )
    return target
