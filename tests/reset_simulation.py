"""What PowerPoint's Home > Reset does to a slide, without PowerPoint.

Reset puts every placeholder back to its layout: its own position and size go, and so does the
formatting written on the slide (bodyPr, list styles, paragraph and run properties). The text
stays, and so do links and bold or italic words (emphasis is content). After that, every
placeholder shows its text in the layout's place and style: a deck that keeps its brand in the
layout stays readable and on the grid.

The footer and slide number are left as they are: LibreOffice draws a slide's footer in its
own default style whatever the layout says, so stripping them would test LibreOffice, not the
deck (their formatting repeats the layout's, so PowerPoint's Reset leaves them looking the same).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pptx import Presentation

from summarydeck.ooxml.names import qn

_KEEP_RUN_ATTRIBUTES = {"lang", "altLang", "b", "i", "u", "dirty"}
_KEEP_RUN_CHILDREN = {qn("a:hlinkClick"), qn("a:hlinkMouseOver")}
_LEFT_ALONE = {"ftr", "sldNum", "dt"}


def simulate_reset(source: Path, target: Path) -> int:
    """Write `source` with every slide's placeholders reset to `target`; how many were reset."""
    prs = Presentation(str(source))
    count = 0
    for slide in prs.slides:
        for shape in slide.placeholders:
            ph = shape.element.find(f".//{qn('p:ph')}")
            if ph.get("type", "obj") in _LEFT_ALONE:
                continue
            reset_placeholder(shape.element)
            count += 1
    prs.save(str(target))
    return count


def reset_placeholder(sp: Any) -> None:
    sp_pr = sp.find(qn("p:spPr"))
    if sp_pr is not None:
        for child in list(sp_pr):
            sp_pr.remove(child)
    body = sp.find(qn("p:txBody"))
    if body is None:
        return
    body_pr = body.find(qn("a:bodyPr"))
    if body_pr is not None:
        body_pr.attrib.clear()
        for child in list(body_pr):
            body_pr.remove(child)
    lst = body.find(qn("a:lstStyle"))
    if lst is not None:
        for child in list(lst):
            lst.remove(child)
    for p_pr in body.iter(qn("a:pPr")):
        level = p_pr.get("lvl")
        p_pr.attrib.clear()
        if level is not None:
            p_pr.set("lvl", level)
        for child in list(p_pr):
            p_pr.remove(child)
    for tag in ("a:rPr", "a:endParaRPr"):
        for props in body.iter(qn(tag)):
            for name in list(props.attrib):
                if name not in _KEEP_RUN_ATTRIBUTES:
                    del props.attrib[name]
            for child in list(props):
                if child.tag not in _KEEP_RUN_CHILDREN:
                    props.remove(child)
