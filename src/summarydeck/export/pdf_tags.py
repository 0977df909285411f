"""What LibreOffice 7.4 leaves out of a tagged PDF of a deck, put in from the deck itself.

LibreOffice tags each slide's shapes in their order (titles as headings, text as divisions and
paragraphs, tables with header cells), but of the deck's accessibility it drops:

- the language: /Lang is the locale LibreOffice runs in (the machine's), not the deck's;
- alternative text on anything but a picture: a chart becomes a /Figure without /Alt;
- groups: a pictogram's shapes become a dozen figures, none with the group's alt text;
- Office's decorative flag: every rule and panel becomes a /Figure without /Alt;
- the slide master's background and decorations are drawn outside any tag (neither content
  nor artifact), after an empty /Artifact sequence;
- XMP metadata (written only with the PDF/UA option, which also claims a conformance the PDF
  does not meet);
- one root: every slide's elements hang from the tree's root, titles as /H, where a reader
  looks for one /Document and a node may hold one /H.

Each fix is made only where the PDF is as foreseen: a page whose figures do not match the
slide's graphics one for one, in order and box, keeps its figures as LibreOffice wrote them.
Marking content as an artifact only wraps or renames marked-content operators, so the pages
draw exactly as before. The same PDF in gives the same PDF out, or (on an error) no PDF out:
the file is replaced only once the new one is written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator

from summarydeck.ooxml.pdf_facts import Graphic, PdfFacts

EMU_PER_POINT = 12_700
BOX_TOLERANCE_PT = 1.0  # LibreOffice keeps places in 1/100 mm: 0.03 pt off at most
_PATH_START = {"m", "re"}
_PATH_END = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}
_ALONE = {"Do", "sh", "INLINE IMAGE"}  # a graphics object in one operator


@dataclass
class _Figure:
    element: Dictionary
    mcids: list[int]  # its marked content on its page
    only_marks: bool  # no kids but marked content (a chart's figure holds its text's elements)
    box: tuple[float, float, float, float] | None  # left, bottom, right, top in points


def untagged(path: Path) -> str | None:
    """None when the PDF at `path` is tagged (a structure tree, and marked as tagged); else
    the program that wrote it, as its /Producer says ("" when it says none). Raises
    pikepdf.PdfError when pikepdf cannot read it."""
    with pikepdf.open(path) as pdf:
        mark_info = pdf.Root.get("/MarkInfo")
        marked: object = mark_info.get("/Marked") if isinstance(mark_info, Dictionary) else None
        if isinstance(pdf.Root.get("/StructTreeRoot"), Dictionary) and marked is True:
            return None
        return str(pdf.docinfo.get("/Producer", "")).strip()


def complete_tags(path: Path, facts: PdfFacts) -> None:
    """Put the deck's language, alternative text, decorative marks and XMP metadata into the
    tagged PDF at `path`. The PDF is written beside it and then put in its place: on any error
    (pikepdf.PdfError for a file pikepdf cannot read, and others for a PDF not as foreseen)
    the file at `path` is left exactly as it was."""
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".pdf", dir=path.parent)
    os.close(fd)
    written = Path(name)
    try:
        with pikepdf.open(path) as pdf:
            _complete(pdf, facts)
            pdf.save(written, deterministic_id=True)
        os.replace(written, path)  # closed first: Windows replaces no open file
    finally:
        written.unlink(missing_ok=True)


def _complete(pdf: pikepdf.Pdf, facts: PdfFacts) -> None:
    if facts.language:
        pdf.Root.Lang = pikepdf.String(facts.language)
    title = facts.title or str(pdf.docinfo.get("/Title", ""))
    if title:  # the title in XMP too, where PDF/UA looks for it
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:title"] = title
    root = pdf.Root.get("/StructTreeRoot")
    if isinstance(root, Dictionary):
        _one_document(pdf, root)
        _number_headings(root)
        _complete_figures(pdf, root, facts)


def _one_document(pdf: pikepdf.Pdf, root: Dictionary) -> None:
    """The tree's elements under one /Document element, the root's only kid."""
    kids = root.get("/K")
    elements = list(kids) if isinstance(kids, Array) else [] if kids is None else [kids]
    if len(elements) == 1 and elements[0].get("/S") == Name.Document:
        return
    document = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array(elements))
    )
    for element in elements:
        if isinstance(element, Dictionary) and "/S" in element:
            element.P = document
    root.K = Array([document])


def _number_headings(root: Dictionary) -> None:
    """/H -> /H1: slide titles are the only headings, and a node may hold one /H only."""
    for element in _elements(root):
        if element.get("/S") == Name.H:
            element.S = Name.H1


def _elements(node: Dictionary) -> Iterator[Dictionary]:
    """Every structure element under `node`, depth first, in order."""
    kids = node.get("/K")
    for kid in kids if isinstance(kids, Array) else [kids]:
        if (
            isinstance(kid, Dictionary)
            and kid.get("/Type", Name.StructElem) == Name.StructElem
            and "/S" in kid
        ):
            yield kid
            yield from _elements(kid)


def _complete_figures(pdf: pikepdf.Pdf, root: Dictionary, facts: PdfFacts) -> None:
    shown = [slide for slide in facts.slides if not slide.hidden]
    if len(shown) != len(pdf.pages) or "/ParentTree" not in root:
        return
    figures = _figures_by_page(pdf, root)
    parent_tree = pikepdf.NumberTree(root.ParentTree)
    width, height = facts.size
    if width <= 0 or height <= 0:
        return
    for index, (page, slide) in enumerate(zip(pdf.pages, shown, strict=True)):
        page_width = float(page.mediabox[2]) - float(page.mediabox[0])
        page_height = float(page.mediabox[3]) - float(page.mediabox[1])
        scale = (page_width / width, page_height / height)
        found = figures.get(index, [])
        key = page.obj.get("/StructParents")
        marks = parent_tree.get(int(key)) if isinstance(key, int) else None
        matched = (
            isinstance(marks, Array)
            and slide.graphics is not None
            and _matches(found, slide.graphics, scale, page_height)
        )
        pairs = list(zip(found, slide.graphics or (), strict=False)) if matched else []
        decorative = {
            mcid for figure, graphic in pairs if graphic.decorative for mcid in figure.mcids
        }
        content = _artifacts(pikepdf.parse_content_stream(page), decorative)
        if content is None:  # a figure is not where it was looked for: the page is left alone
            continue
        if content.changed:
            page.obj.Contents = pdf.make_stream(
                pikepdf.unparse_content_stream(content.instructions)
            )
        if pairs and isinstance(marks, Array):
            _complete_page(pairs, marks)


def _figures_by_page(pdf: pikepdf.Pdf, root: Dictionary) -> dict[int, list[_Figure]]:
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    found: dict[int, list[_Figure]] = {}
    for element in _elements(root):
        if element.get("/S") != Name.Figure:
            continue
        page = element.get("/Pg")
        index = pages.get(page.objgen) if isinstance(page, Dictionary) else None
        if index is None or not element.is_indirect:
            return {}  # tagged in a way not foreseen: every page is left alone
        mcids, only_marks = _mcids(element)
        found.setdefault(index, []).append(_Figure(element, mcids, only_marks, _bbox(element)))
    return found


def _mcids(element: Dictionary) -> tuple[list[int], bool]:
    """The marked-content ids among a figure's kids, and whether its kids are nothing else."""
    kids = element.get("/K")
    mcids = []
    only_marks = True
    for kid in kids if isinstance(kids, Array) else [kids]:
        if isinstance(kid, int):
            mcids.append(int(kid))
        elif (
            isinstance(kid, Dictionary)
            and kid.get("/Type") == Name.MCR
            and "/Pg" not in kid
            and isinstance(kid.get("/MCID"), int)
        ):
            mcids.append(int(kid.MCID))
        else:
            only_marks = False
    return mcids, only_marks


def _bbox(element: Dictionary) -> tuple[float, float, float, float] | None:
    attributes = element.get("/A")
    for attribute in attributes if isinstance(attributes, Array) else [attributes]:
        if isinstance(attribute, Dictionary) and isinstance(attribute.get("/BBox"), Array):
            box = [float(value) for value in attribute.BBox]
            if len(box) == 4:
                return (box[0], box[1], box[2], box[3])
    return None


def _matches(
    figures: Sequence[_Figure],
    graphics: Sequence[Graphic],
    scale: tuple[float, float],
    page_height: float,
) -> bool:
    """Whether the page's figures are the slide's graphics, one for one, in order and place
    (a box may grow by half its outline, which LibreOffice counts in)."""
    if len(figures) != len(graphics):
        return False
    for figure, graphic in zip(figures, graphics, strict=True):
        if figure.box is None:
            return False
        if (graphic.decorative or graphic.picture >= 0) and not figure.only_marks:
            return False  # only marked content is made an artifact or joined
        left, top, right, bottom = graphic.box
        expected = (
            left * scale[0],
            page_height - bottom * scale[1],
            right * scale[0],
            page_height - top * scale[1],
        )
        tolerance = BOX_TOLERANCE_PT + graphic.outline / EMU_PER_POINT / 2
        if any(abs(a - b) > tolerance for a, b in zip(figure.box, expected, strict=True)):
            return False
    return True


def _complete_page(pairs: Sequence[tuple[_Figure, Graphic]], marks: Array) -> None:
    """Decorative figures taken out of the tree (their content is an artifact now), a group's
    figures made one with its alt text, and a figure's missing alt text given."""
    pictures: dict[int, _Figure] = {}
    for figure, graphic in pairs:
        if graphic.decorative:
            _remove(figure.element)
            for mcid in figure.mcids:
                marks[mcid] = None
        elif graphic.picture >= 0 and graphic.picture in pictures:
            whole = pictures[graphic.picture]  # one figure for the group's shapes
            _remove(figure.element)
            whole.mcids.extend(figure.mcids)
            whole.element.K = Array(whole.mcids)
            for mcid in figure.mcids:
                marks[mcid] = whole.element
            _widen(whole, figure)
        elif graphic.picture >= 0:
            pictures[graphic.picture] = figure
            figure.element.Alt = pikepdf.String(graphic.alt)
        elif graphic.alt and not str(figure.element.get("/Alt", "")).strip():
            figure.element.Alt = pikepdf.String(graphic.alt)


_Instruction = pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage


@dataclass(frozen=True)
class _Content:
    instructions: list[_Instruction]
    changed: bool


def _artifacts(content: list[_Instruction], decorative: set[int]) -> _Content | None:
    """The page's content with the marked content of `decorative` ids made artifacts, and
    every graphics object drawn before the first tagged one (the master's background and
    decorations) wrapped as an artifact; None when an id is not found exactly once."""
    artifact = pikepdf.ContentStreamInstruction([Name.Artifact], Operator("BMC"))
    end = pikepdf.ContentStreamInstruction([], Operator("EMC"))
    out: list[_Instruction] = []
    depth = 0
    tagged = False  # a tagged sequence seen: the slide's own shapes have begun
    open_object = ""  # "path" or "text" while an untagged graphics object is being wrapped
    made: list[int] = []
    for instruction in content:
        op = str(instruction.operator)
        operands = instruction.operands
        if op == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary):
            mcid = operands[1].get("/MCID")
            if isinstance(mcid, int):
                if open_object:
                    return None  # tagged content inside what was taken for the master's
                tagged = True
                if depth == 0 and int(mcid) in decorative:
                    made.append(int(mcid))
                    instruction = artifact
        untagged = depth == 0 and not tagged
        if untagged and not open_object and (op in _PATH_START or op == "BT" or op in _ALONE):
            out.append(artifact)
            open_object = "path" if op in _PATH_START else "text" if op == "BT" else "one"
        out.append(instruction)
        if open_object and (
            (open_object == "path" and op in _PATH_END)
            or (open_object == "text" and op == "ET")
            or open_object == "one"
        ):
            out.append(end)
            open_object = ""
        if op in ("BDC", "BMC"):
            depth += 1
        elif op == "EMC":
            depth -= 1
    if open_object or sorted(made) != sorted(decorative):
        return None
    return _Content(out, len(out) != len(content) or bool(made))


def _remove(element: Dictionary) -> None:
    """Take a structure element (an indirect object) out of its parent's kids."""
    parent = element.P
    kids = parent.K
    kept = list(kids) if isinstance(kids, Array) else [kids]
    parent.K = Array([kid for kid in kept if kid.objgen != element.objgen])


def _widen(whole: _Figure, part: _Figure) -> None:
    """The bounding box of a group's figure, grown to hold one more of its shapes."""
    if whole.box is None or part.box is None:
        return
    box = (
        min(whole.box[0], part.box[0]),
        min(whole.box[1], part.box[1]),
        max(whole.box[2], part.box[2]),
        max(whole.box[3], part.box[3]),
    )
    whole.box = box
    attributes = whole.element.get("/A")
    for attribute in attributes if isinstance(attributes, Array) else [attributes]:
        if isinstance(attribute, Dictionary) and "/BBox" in attribute:
            attribute.BBox = Array(list(box))
