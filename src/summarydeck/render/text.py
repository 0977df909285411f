"""Write a TextElement's paragraphs and runs into a python-pptx text frame."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Literal

from lxml import etree
from pptx.util import Pt

from summarydeck.model.brand import Brand
from summarydeck.ooxml.link_target import link_target
from summarydeck.ooxml.names import AHYP_NS, EXT_HYPERLINK_COLOUR, REL_HYPERLINK, qn
from summarydeck.plan.layout_design import LIST_ROLES, PlaceholderDesign
from summarydeck.plan.types import BULLET_INDENT, ColourRole, TextElement, TextStyle
from summarydeck.render.language import language_is_rtl
from summarydeck.render.theme import colour_fill
from summarydeck.values import Paragraph

_ALIGN = {"left": "l", "center": "ctr", "right": "r"}  # a:pPr's algn
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}  # a:bodyPr's anchor
_FONT_REF = {"heading": "+mj-lt", "body": "+mn-lt"}  # theme font references
_BULLET_CHARS = ("•", "–", "◦")


def fill_text_frame(
    frame: Any,
    element: TextElement,
    brand: Brand,
    size: float,
    lang: str,
    base: PlaceholderDesign | None = None,
    look: Literal["ours", "theirs"] = "ours",
) -> None:
    """Write `element` into `frame`. In a placeholder of ours (`base`: its layout design) only
    what differs from the layout is written, so PowerPoint's Reset has little to undo and the
    layout stays the one place the style lives. In a template's placeholder (`look="theirs"`)
    the template's colours and fonts stay; sizes, spacing and lists are written, as fitted."""
    # written with lxml, as python-pptx's proxies wrote it (they cost ten times more)
    style = element.style
    inherited = base.style if base is not None else None
    body = frame._txBody
    body_pr = body.find(_BODY_PR)
    if base is None:
        body_pr.set("wrap", "square")
        # the size written is the one that fits; a frame allowed to shrink also gets
        # PowerPoint's "shrink text on overflow" (at 100%), so it keeps fitting when someone
        # adds to it there
        for fit in _AUTOFITS:
            for old in body_pr.findall(fit):
                body_pr.remove(old)
        autofit = etree.Element(
            qn("a:normAutofit" if element.min_size is not None else "a:noAutofit")
        )
        warp = body_pr.find(qn("a:prstTxWarp"))
        if warp is not None:
            warp.addnext(autofit)
        else:
            body_pr.insert(0, autofit)
    if inherited is None or style.anchor != inherited.anchor:
        body_pr.set("anchor", _ANCHOR[style.anchor])
    if base is None or element.inset != base.inset:
        side, top = int(element.inset), int(element.inset // 2)
        for name, value in (("lIns", side), ("rIns", side), ("tIns", top), ("bIns", top)):
            if value == _INSET_DEFAULTS[name]:  # as python-pptx writes it: the default unsaid
                body_pr.attrib.pop(name, None)
            else:
                body_pr.set(name, str(value))
    part = frame.part
    paragraphs = element.paragraphs or (Paragraph(()),)
    for index, para in enumerate(paragraphs):
        p = body.find(_P) if index == 0 else etree.SubElement(body, _P)
        # a paragraph runs right to left in a right-to-left language, or when its own first
        # strong character is Hebrew or Arabic (a quote in Arabic in an English deck)
        rtl = language_is_rtl(lang) or is_right_to_left(para.text)
        # right-to-left text (Arabic, Hebrew) starts at the right: "left" means "start" here
        if rtl and style.align == "left":
            _p_pr(p).set("algn", "r")
        elif inherited is None or style.align != inherited.align:
            _p_pr(p).set("algn", _ALIGN[style.align])
        if rtl:
            _p_pr(p).set("rtl", "1")
        if inherited is None or style.line_spacing != inherited.line_spacing:
            _spacing(_p_pr(p), "a:lnSpc", "a:spcPct", str(round(style.line_spacing * 100000)))
        after = style.space_after if index < len(paragraphs) - 1 else 0.0
        if inherited is None or after != inherited.space_after:
            _spacing(_p_pr(p), "a:spcAft", "a:spcPts", str(Pt(after).centipoints))
        if look == "theirs":  # a template's body style often adds space before
            p_pr = _p_pr(p)
            _spacing(p_pr, "a:spcBef", "a:spcPts", "0", before=p_pr.find(qn("a:spcAft")))
        if base is not None and base.role in LIST_ROLES:
            _list_level(p, para)
        elif base is None or para.bullet != "none" or para.level or para.continues:
            _bullet(p, para)  # (a title's plain text takes the layout's: no bullet)
        for run_plan in para.runs:
            _add_run(p, part, run_plan, element, brand, size, lang, inherited, look)
        end = p.find(_END)
        if end is None:
            end = etree.SubElement(p, _END)
        end.set("lang", lang)
        if inherited is None or size != inherited.size:
            end.set("sz", str(round(size * 100)))


_BODY_PR, _P, _P_PR, _END = qn("a:bodyPr"), qn("a:p"), qn("a:pPr"), qn("a:endParaRPr")
_AUTOFITS = (qn("a:noAutofit"), qn("a:normAutofit"), qn("a:spAutoFit"))
_INSET_DEFAULTS = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}  # the schema's


def _p_pr(p: Any) -> Any:
    """A paragraph's `a:pPr`, made as its first child when it has none."""
    found = p.find(_P_PR)
    if found is None:
        found = etree.Element(_P_PR)
        p.insert(0, found)
    return found


def _spacing(p_pr: Any, tag: str, unit: str, value: str, before: Any = None) -> None:
    """`<a:lnSpc>`, `<a:spcBef>` or `<a:spcAft>` holding one value, in place of any there."""
    for old in p_pr.findall(qn(tag)):
        p_pr.remove(old)
    spacing = etree.Element(qn(tag))
    etree.SubElement(spacing, qn(unit), val=value)
    if before is not None:
        before.addprevious(spacing)
    else:
        p_pr.append(spacing)


def is_right_to_left(text: str) -> bool:
    """Whether a paragraph reads right to left: its first strongly directional character is
    Hebrew or Arabic (the Unicode bidi algorithm's rule for a paragraph's direction)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def _add_run(
    p: Any,
    part: Any,
    run_plan: Any,
    element: TextElement,
    brand: Brand,
    size: float,
    lang: str,
    inherited: TextStyle | None,
    look: Literal["ours", "theirs"] = "ours",
) -> None:
    style = element.style
    if run_plan.text == "\v":
        br = etree.SubElement(p, qn("a:br"))
        r_pr = etree.SubElement(br, qn("a:rPr"), lang=lang)
        if inherited is None or size != inherited.size:
            r_pr.set("sz", str(round(size * 100)))
        return
    # written with lxml: python-pptx's run and font proxies cost ten times more, and a deck
    # has thousands of runs. The XML is what python-pptx writes, attribute for attribute.
    r = etree.Element(qn("a:r"))
    end = p.find(_END)
    if end is not None:
        end.addprevious(r)
    else:
        p.append(r)
    r_pr = etree.SubElement(r, qn("a:rPr"), lang=lang)
    etree.SubElement(r, qn("a:t")).text = _CONTROL.sub(_escaped, run_plan.text)
    bold, italic = style.bold or run_plan.bold, style.italic or run_plan.italic
    font: str | None = None
    if inherited is None:
        r_pr.set("sz", _centipoints(size))
        if bold:
            r_pr.set("b", "1")
        if italic:
            r_pr.set("i", "1")
        if look == "ours":
            font = _FONT_REF[style.font]
    else:  # in a placeholder: only what differs from its layout
        if size != inherited.size:
            r_pr.set("sz", _centipoints(size))
        if bold != inherited.bold:
            r_pr.set("b", "1" if bold else "0")
        if italic != inherited.italic:
            r_pr.set("i", "1" if italic else "0")
        if style.font != inherited.font:
            font = _FONT_REF[style.font]
    on_dark = style.colour is ColourRole.BACKGROUND
    colour = ColourRole.LINK if run_plan.link and not on_dark else style.colour
    if look == "theirs" and not run_plan.link:
        pass  # the template's colour for its placeholder
    elif inherited is None or colour != inherited.colour:
        r_pr.append(colour_fill(colour, brand))  # a fill comes before the font, as schema says
    if font is not None:
        etree.SubElement(r_pr, qn("a:latin"), typeface=font)
    if run_plan.link:
        # the shown text stays as written; the address is the one rule's (link_target)
        rel_id = part.relate_to(link_target(run_plan.link), REL_HYPERLINK, is_external=True)
        click = etree.SubElement(r_pr, qn("a:hlinkClick"))
        click.set(qn("r:id"), rel_id)
        r_pr.set("u", "sng")
        ext_lst = etree.SubElement(click, qn("a:extLst"))
        ext = etree.SubElement(ext_lst, qn("a:ext"), uri=EXT_HYPERLINK_COLOUR)
        etree.SubElement(ext, qn("ahyp:hlinkClr"), nsmap={"ahyp": AHYP_NS}, val="tx")


_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")  # python-pptx's plain-text escapes


def _escaped(match: re.Match[str]) -> str:
    return f"_x{ord(match.group(1)):04X}_"


def _centipoints(size: float) -> str:
    return str(Pt(size).centipoints)


def _list_level(p: Any, para: Paragraph) -> None:
    """A paragraph of a body placeholder, by outline level: the layout styles level 1 as text
    and the levels below as bulleted lists (see `render.master`), so a point is written as
    level 2 with nothing else, and keeps its bullet through PowerPoint's Reset."""
    if para.bullet == "none" and not para.continues and para.level == 0:
        return
    level = para.level + 1 if para.bullet != "none" or para.continues else para.level
    p_pr = _p_pr(p)
    p_pr.set("lvl", str(min(level, 8)))
    if para.bullet == "number":
        p_pr.set("marL", str(BULLET_INDENT * (para.level + 1)))
        p_pr.set("indent", str(-BULLET_INDENT))
        auto_num = etree.SubElement(p_pr, qn("a:buAutoNum"), type="arabicPeriod")
        if para.start != 1:
            auto_num.set("startAt", str(para.start))
    elif para.bullet == "none":  # a list item's rest after a slide break, or nested text
        steps = para.level + (1 if para.continues else 0)
        p_pr.set("marL", str(BULLET_INDENT * steps))
        p_pr.set("indent", "0")
        etree.SubElement(p_pr, qn("a:buNone"))


def bullet_char(level: int) -> str:
    """The bullet of a list `level` deep (0: top): a dot, a dash, a ring, and round again."""
    return _BULLET_CHARS[level % 3]


def _bullet(p: Any, para: Paragraph) -> None:
    p_pr = _p_pr(p)
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buFont", "a:buFontTx"):
        for old in p_pr.findall(qn(tag)):
            p_pr.remove(old)
    if para.level:
        p_pr.set("lvl", str(min(para.level, 8)))  # the outline level, for screen readers
    if para.bullet == "none" or para.continues:
        # a list item's rest after a slide break lines up with its text, without a bullet
        steps = para.level + (para.bullet != "none")
        p_pr.set("marL", str(BULLET_INDENT * steps))
        p_pr.set("indent", "0")
        etree.SubElement(p_pr, qn("a:buNone"))
        return
    p_pr.set("marL", str(BULLET_INDENT * (para.level + 1)))
    p_pr.set("indent", str(-BULLET_INDENT))
    if para.bullet == "number":
        auto_num = etree.SubElement(p_pr, qn("a:buAutoNum"), type="arabicPeriod")
        if para.start != 1:
            # PowerPoint numbers consecutive paragraphs with the same scheme and startAt as one
            # sequence, so every item of the list carries the list's first number
            auto_num.set("startAt", str(para.start))
    else:
        # Arial is Office's own bullet font; LibreOffice maps "follow the text" to OpenSymbol
        etree.SubElement(p_pr, qn("a:buFont"), typeface="Arial")
        etree.SubElement(p_pr, qn("a:buChar"), char=bullet_char(para.level))
