"""Write the deck's slide master: our own layouts in place of Office's stock ones.

The stock layouts ("Title and Content", "Comparison", "Vertical Text" ...) go, and so does the
master's date placeholder and its sample text. Each LayoutDesign becomes one `p:sldLayout` with
its background, decorative shapes and placeholders, their place and text style in the layout's
list styles, so a slide only fills them in. python-pptx reads layouts but cannot add one, so
the parts are written here at the XML level.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import SlideLayoutPart

from summarydeck.model.brand import Brand
from summarydeck.ooxml.names import (
    A_NS,
    ADEC_NS,
    EXT_DECORATIVE,
    P_NS,
    R_NS,
    SLIDE_NUMBER_FIELD_ID,
    qn,
)
from summarydeck.plan.grid import Grid
from summarydeck.plan.layout_design import (
    LIST_ROLES,
    PLACEHOLDER_TYPE,
    LayoutDesign,
    LayoutSet,
    PlaceholderDesign,
)
from summarydeck.plan.types import BULLET_INDENT, ColourRole, ShapeElement, TextStyle
from summarydeck.render.text import bullet_char
from summarydeck.render.theme import THEME_SLOTS
from summarydeck.values import Box

# a colour role -> its theme slot as layouts write it (`tx2`): the renderer's one table
SCHEME_SLOT: dict[ColourRole, str] = {role: slot.xml_value for role, slot in THEME_SLOTS.items()}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_FONT = {"heading": "+mj-lt", "body": "+mn-lt"}
_FIRST_LAYOUT_ID = 2147483649  # layout ids share a range with master ids, above 2^31
_LEVELS = 5  # list levels given the layout's style (deeper ones follow the master)


def write_master(
    prs: Any, layouts: LayoutSet, brand: Brand, grid: Grid, lang: str
) -> dict[str, Any]:
    """Replace the master's layouts with `layouts`; python-pptx SlideLayouts by name."""
    master = prs.slide_master
    _drop_stock_layouts(master)
    _tidy_master(master, grid, brand, lang)
    for number, design in enumerate(layouts.designs, 1):
        _add_layout(master, design, brand, lang, number, _FIRST_LAYOUT_ID + number - 1)
    return {layout.name: layout for layout in master.slide_layouts}


def onto_template_master(
    prs: Any, layouts: LayoutSet, brand: Brand, lang: str, used: set[str]
) -> dict[str, Any]:
    """An organisation's template: its layouts as they are, and ours for what it lacks and the
    deck uses (`used`), added to its first master; python-pptx SlideLayouts by our names."""
    by_name: dict[str, Any] = {}
    master = prs.slide_masters[0]
    taken = {str(p.partname) for p in prs.part.package.iter_parts()}
    ids = [int(e.get("id")) for e in prs.part._element.iter(qn("p:sldMasterId"))]
    ids += [
        int(e.get("id")) for m in prs.slide_masters for e in m.element.iter(qn("p:sldLayoutId"))
    ]
    next_id = max([*ids, _FIRST_LAYOUT_ID - 1]) + 1
    number = 1
    for design in layouts.designs:
        if design.template_layout is not None:
            which, index = design.template_layout
            by_name[design.name] = prs.slide_masters[which - 1].slide_layouts[index - 1]
            continue
        if design.name not in used:
            continue
        while f"/ppt/slideLayouts/slideLayout{number}.xml" in taken:
            number += 1
        by_name[design.name] = _add_layout(master, design, brand, lang, number, next_id)
        number += 1
        next_id += 1
    return by_name


def _add_layout(
    master: Any, design: LayoutDesign, brand: Brand, lang: str, number: int, layout_id: int
) -> Any:
    """Write `design` as a new layout part of `master`; its python-pptx SlideLayout."""
    from pptx.oxml import parse_xml  # python-pptx's own element classes: it reads layouts

    part = SlideLayoutPart(
        PackURI(f"/ppt/slideLayouts/slideLayout{number}.xml"),
        CT.PML_SLIDE_LAYOUT,
        master.part.package,
        parse_xml(etree.tostring(layout_xml(design, brand, lang))),
    )
    part.relate_to(master.part, RT.SLIDE_MASTER)
    r_id = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    etree.SubElement(
        master.element.find(qn("p:sldLayoutIdLst")),
        qn("p:sldLayoutId"),
        {"id": str(layout_id), f"{{{R_NS}}}id": r_id},
    )
    return part.slide_layout


def _drop_stock_layouts(master: Any) -> None:
    id_list = master.element.find(qn("p:sldLayoutIdLst"))
    for entry in list(id_list):
        master.part.drop_rel(entry.get(f"{{{R_NS}}}id"))
        id_list.remove(entry)


def _tidy_master(master: Any, grid: Grid, brand: Brand, lang: str) -> None:
    """No date, no sample text; title, body, footer and number where the grid puts them."""
    boxes = {
        PP_PLACEHOLDER.TITLE: grid.title,
        PP_PLACEHOLDER.BODY: grid.body,
        PP_PLACEHOLDER.FOOTER: grid.footer,
        PP_PLACEHOLDER.SLIDE_NUMBER: grid.slide_number,
    }
    for placeholder in list(master.placeholders):
        kind = placeholder.placeholder_format.type
        sp = placeholder.element
        if kind not in boxes:  # the date: a deck made today should not say 1/27/13
            sp.getparent().remove(sp)
            continue
        _set_xfrm(sp, boxes[kind])
        body = sp.find(qn("p:txBody"))
        for p in body.findall(qn("a:p")):
            body.remove(p)
        p = etree.SubElement(body, qn("a:p"))
        if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            _slide_number_field(p, lang)
        if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            # the master's footer in the brand's small, muted type, as its layouts have it
            style = TextStyle(
                brand.type_scale.small,
                ColourRole.MUTED,
                align="right" if kind == PP_PLACEHOLDER.SLIDE_NUMBER else "left",
            )
            old = body.find(qn("a:lstStyle"))
            lst = etree.Element(qn("a:lstStyle"))
            old.getparent().replace(old, lst)
            _list_style(lst, style, brand)


def _set_xfrm(sp: Any, box: Box) -> None:
    sp_pr = sp.find(qn("p:spPr"))
    old = sp_pr.find(qn("a:xfrm"))
    if old is not None:
        sp_pr.remove(old)
    sp_pr.insert(0, xfrm_element(box))


def xfrm_element(box: Box) -> Any:
    """An `<a:xfrm>` placing a shape at `box`."""
    xfrm = etree.Element(qn("a:xfrm"))
    etree.SubElement(xfrm, qn("a:off"), x=str(box.left), y=str(box.top))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(box.width), cy=str(box.height))
    return xfrm


def _slide_number_field(p: Any, lang: str) -> None:
    field = etree.SubElement(p, qn("a:fld"), id=SLIDE_NUMBER_FIELD_ID, type="slidenum")
    etree.SubElement(field, qn("a:rPr"), lang=lang)
    etree.SubElement(field, qn("a:t")).text = "‹#›"


def layout_xml(design: LayoutDesign, brand: Brand, lang: str) -> Any:
    root = etree.Element(
        qn("p:sldLayout"),
        {"preserve": "1", "userDrawn": "1"},
        nsmap={"a": A_NS, "r": R_NS, "p": P_NS},
    )
    if design.kind != "cust":
        root.set("type", design.kind)
    c_sld = etree.SubElement(root, qn("p:cSld"), name=design.name)
    if design.background is not ColourRole.BACKGROUND:
        bg_pr = etree.SubElement(etree.SubElement(c_sld, qn("p:bg")), qn("p:bgPr"))
        _fill(bg_pr, design.background, brand)
        etree.SubElement(bg_pr, qn("a:effectLst"))
    tree = etree.SubElement(c_sld, qn("p:spTree"))
    group = etree.SubElement(tree, qn("p:nvGrpSpPr"))
    etree.SubElement(group, qn("p:cNvPr"), id="1", name="")
    etree.SubElement(group, qn("p:cNvGrpSpPr"))
    etree.SubElement(group, qn("p:nvPr"))
    xfrm = etree.SubElement(etree.SubElement(tree, qn("p:grpSpPr")), qn("a:xfrm"))
    for tag, names in (("a:off", ("x", "y")), ("a:ext", ("cx", "cy")), ("a:chOff", ("x", "y"))):
        etree.SubElement(xfrm, qn(tag), {n: "0" for n in names})
    etree.SubElement(xfrm, qn("a:chExt"), cx="0", cy="0")
    shape_id = 2
    for decoration in design.decorations:
        tree.append(_decoration(decoration, shape_id, brand))
        shape_id += 1
    for placeholder in design.placeholders:
        tree.append(_placeholder(placeholder, shape_id, brand, lang))
        shape_id += 1
    clr = etree.SubElement(root, qn("p:clrMapOvr"))
    etree.SubElement(clr, qn("a:masterClrMapping"))
    return root


def _fill(parent: Any, role: ColourRole, brand: Brand) -> None:
    fill = etree.SubElement(parent, qn("a:solidFill"))
    _colour(fill, role, brand)


def _colour(parent: Any, role: ColourRole, brand: Brand) -> None:
    if role is ColourRole.MUTED:
        etree.SubElement(parent, qn("a:srgbClr"), val=brand.colours.muted.lstrip("#").upper())
    else:
        etree.SubElement(parent, qn("a:schemeClr"), val=SCHEME_SLOT[role])


def _decoration(shape: ShapeElement, shape_id: int, brand: Brand) -> Any:
    """A decorative shape of the layout (the accent rule), marked so screen readers skip it."""
    sp = etree.Element(qn("p:sp"))
    nv = etree.SubElement(sp, qn("p:nvSpPr"))
    c_nv_pr = etree.SubElement(nv, qn("p:cNvPr"), id=str(shape_id), name=shape.name)
    ext = etree.SubElement(
        etree.SubElement(c_nv_pr, qn("a:extLst")), qn("a:ext"), uri=EXT_DECORATIVE
    )
    etree.SubElement(ext, qn("adec:decorative"), nsmap={"adec": ADEC_NS}, val="1")
    etree.SubElement(nv, qn("p:cNvSpPr"))
    etree.SubElement(nv, qn("p:nvPr"), userDrawn="1")
    sp_pr = etree.SubElement(sp, qn("p:spPr"))
    sp_pr.append(xfrm_element(shape.box))
    geometry = {"rect": "rect", "rounded": "roundRect", "oval": "ellipse"}[shape.shape]
    etree.SubElement(etree.SubElement(sp_pr, qn("a:prstGeom"), prst=geometry), qn("a:avLst"))
    _fill(sp_pr, shape.fill, brand)
    etree.SubElement(etree.SubElement(sp_pr, qn("a:ln")), qn("a:noFill"))
    return sp


def _placeholder(design: PlaceholderDesign, shape_id: int, brand: Brand, lang: str) -> Any:
    ph_type, idx = PLACEHOLDER_TYPE[design.role]
    sp = etree.Element(qn("p:sp"))
    nv = etree.SubElement(sp, qn("p:nvSpPr"))
    etree.SubElement(nv, qn("p:cNvPr"), id=str(shape_id), name=design.label)
    locks = etree.SubElement(nv, qn("p:cNvSpPr"))
    etree.SubElement(locks, qn("a:spLocks"), noGrp="1")
    nv_pr = etree.SubElement(nv, qn("p:nvPr"))
    ph = etree.SubElement(nv_pr, qn("p:ph"), type=ph_type)
    if design.role in ("footer", "slide_number"):
        ph.set("sz", "quarter")
    if idx:
        ph.set("idx", str(idx))
    sp_pr = etree.SubElement(sp, qn("p:spPr"))
    sp_pr.append(xfrm_element(design.box))
    body = etree.SubElement(sp, qn("p:txBody"))
    body_pr = etree.SubElement(
        body,
        qn("a:bodyPr"),
        {
            "vert": "horz",
            "wrap": "square",
            "lIns": str(design.inset),
            "rIns": str(design.inset),
            "tIns": str(design.inset // 2),
            "bIns": str(design.inset // 2),
            "rtlCol": "0",
            "anchor": _ANCHOR[design.style.anchor],
        },
    )
    etree.SubElement(body_pr, qn("a:normAutofit" if design.shrink else "a:noAutofit"))
    lists = design.role in LIST_ROLES
    _list_style(etree.SubElement(body, qn("a:lstStyle")), design.style, brand, lists)
    p = etree.SubElement(body, qn("a:p"))
    if design.role == "slide_number":
        _slide_number_field(p, lang)
    else:
        etree.SubElement(p, qn("a:endParaRPr"), lang=lang)
    return sp


def _list_style(lst: Any, style: TextStyle, brand: Brand, lists: bool = False) -> None:
    """The style of every outline level, in the kind's text style. With `lists`, level 1 is
    text and the levels below are bulleted lists, one indent deeper each (how the renderer
    writes points), so "Increase List Level" in PowerPoint makes a point."""
    for level in range(1, _LEVELS + 1):
        depth = level - 1 if lists else 0
        p_pr = etree.SubElement(
            lst,
            qn(f"a:lvl{level}pPr"),
            {
                "marL": str(BULLET_INDENT * depth),
                "indent": str(-BULLET_INDENT if depth else 0),
                "algn": _ALIGN[style.align],
            },
        )
        spacing = etree.SubElement(p_pr, qn("a:lnSpc"))
        etree.SubElement(spacing, qn("a:spcPct"), val=str(round(style.line_spacing * 100_000)))
        before = etree.SubElement(p_pr, qn("a:spcBef"))
        etree.SubElement(before, qn("a:spcPts"), val="0")
        after = etree.SubElement(p_pr, qn("a:spcAft"))
        etree.SubElement(after, qn("a:spcPts"), val=str(round(style.space_after * 100)))
        if depth:
            # Arial is Office's own bullet font; LibreOffice maps "follow the text" to OpenSymbol
            etree.SubElement(p_pr, qn("a:buFont"), typeface="Arial")
            etree.SubElement(p_pr, qn("a:buChar"), char=bullet_char(depth - 1))
        else:
            etree.SubElement(p_pr, qn("a:buNone"))
        run = etree.SubElement(
            p_pr,
            qn("a:defRPr"),
            {"sz": str(round(style.size * 100)), "b": "1" if style.bold else "0"},
        )
        if style.italic:
            run.set("i", "1")
        _fill(run, style.colour, brand)
        etree.SubElement(run, qn("a:latin"), typeface=_FONT[style.font])
