"""Write a TableElement as a native PowerPoint table (a graphic frame holding `a:tbl`).

The look is set cell by cell rather than left to a table style: a style's colours come from
the theme's accents (python-pptx's default is the blue "Medium Style 2"), and LibreOffice
draws styles differently from PowerPoint. So the table names "No Style, No Grid", and every
cell gets its fill, its four borders, its margins and its text colour: the header row bold on
the brand's primary colour, body rows alternating background and surface, and a thin rule in
the primary colour closing the table. The header row is flagged as such (`firstRow`), so
screen readers announce each cell with its column heading.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from lxml import etree
from pptx.dml.color import ColorFormat
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu

from summarydeck.model.brand import Brand
from summarydeck.ooxml.names import qn
from summarydeck.plan.table_fit import CellStyle, cell_text_style, is_bold
from summarydeck.plan.types import ColourRole, TableCell, TableElement, TextElement
from summarydeck.render.text import fill_text_frame
from summarydeck.render.theme import set_colour
from summarydeck.values import Box

NO_STYLE_NO_GRID = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # PowerPoint's built-in plain style
RULE_WIDTH = 12_700  # 1 pt: the rule under the last row
_SIDES = ("a:lnL", "a:lnR", "a:lnT", "a:lnB")  # in the order the schema wants them


def add_table(slide: Any, element: TableElement, brand: Brand, lang: str) -> Any:
    """Add the table to `slide`; returns its graphic frame."""
    box = element.box
    frame = slide.shapes.add_table(
        len(element.rows),
        len(element.column_widths),
        Emu(box.left),
        Emu(box.top),
        Emu(box.width),
        Emu(box.height),
    )
    frame.name = element.name
    if element.alt_text:
        frame._element.nvGraphicFramePr.cNvPr.set("descr", element.alt_text)
    table = frame.table
    _plain_style(table, element)
    for column, width in enumerate(element.column_widths):
        table.columns[column].width = Emu(width)
    for row, height in enumerate(element.row_heights):
        table.rows[row].height = Emu(height)
    style = CellStyle(element.pad_x, element.pad_y, element.header, bold_first_column=True)
    last = len(element.rows) - 1
    for r, cells in enumerate(element.rows):
        header = element.header and r == 0
        fill = _row_fill(r, element.header)
        for c, cell in enumerate(cells):
            target = table.cell(r, c)
            _cell_look(target, element, fill, brand, rule_below=r == last and not header)
            size = element.header_size if header else element.size
            colour = ColourRole.BACKGROUND if header else ColourRole.TEXT
            _cell_text(target, cell, size, colour, is_bold(r, c, style), brand, lang)
    frame.height = Emu(sum(element.row_heights))  # python-pptx spread the first height
    return frame


def _plain_style(table: Any, element: TableElement) -> None:
    """No table style to inherit from; the first row is the header, the first column labels
    the rows (for screen readers), and the rows are banded."""
    tbl_pr = table._tbl.tblPr
    for key in list(tbl_pr.attrib):
        del tbl_pr.attrib[key]
    if element.header:
        tbl_pr.set("firstRow", "1")
    tbl_pr.set("firstCol", "1")
    tbl_pr.set("bandRow", "1")
    style_id = tbl_pr.find(qn("a:tableStyleId"))
    if style_id is None:
        style_id = etree.SubElement(tbl_pr, qn("a:tableStyleId"))
    style_id.text = NO_STYLE_NO_GRID


def _row_fill(row: int, header: bool) -> ColourRole:
    if header and row == 0:
        return ColourRole.PRIMARY
    body_row = row - (1 if header else 0)
    return ColourRole.BACKGROUND if body_row % 2 == 0 else ColourRole.SURFACE


def _cell_look(
    cell: Any, element: TableElement, fill: ColourRole, brand: Brand, *, rule_below: bool
) -> None:
    """Margins, top alignment, fill and borders: no lines but the rule under the last row."""
    cell.margin_left = cell.margin_right = Emu(element.pad_x)
    cell.margin_top = cell.margin_bottom = Emu(element.pad_y)
    cell.vertical_anchor = MSO_ANCHOR.TOP
    cell.fill.solid()
    set_colour(cell.fill.fore_color, fill, brand)
    tc_pr = cell._tc.get_or_add_tcPr()
    for tag in _SIDES:
        for old in tc_pr.findall(qn(tag)):
            tc_pr.remove(old)
    for position, tag in enumerate(_SIDES):
        line = etree.Element(qn(tag))
        if tag == "a:lnB" and rule_below:
            line.set("w", str(RULE_WIDTH))
            solid = OxmlElement("a:solidFill")  # python-pptx's class, which takes a colour
            line.append(solid)
            set_colour(ColorFormat.from_colorchoice_parent(solid), ColourRole.PRIMARY, brand)
        else:
            line.set("w", "0")
            etree.SubElement(line, qn("a:noFill"))
        tc_pr.insert(position, line)  # borders come before the fill in a cell's properties


def _cell_text(
    cell: Any,
    content: TableCell,
    size: float,
    colour: ColourRole,
    bold: bool,
    brand: Brand,
    lang: str,
) -> None:
    """The cell's paragraphs at `size`, then its mark (muted, italic) in a paragraph of its own."""
    style = dataclasses.replace(cell_text_style(size, bold), colour=colour)
    text = TextElement("Cell", Box(0, 0, 0, 0), content.shown, style)
    frame = cell.text_frame
    fill_text_frame(frame, text, brand, size, lang)
    # a cell's margins and alignment live on the cell (set above); a text frame's own body
    # properties are the shape's and mean nothing in a table
    body_pr = frame._txBody.find(qn("a:bodyPr"))
    for key in list(body_pr.attrib):
        del body_pr.attrib[key]
    for child in list(body_pr):
        body_pr.remove(child)
    if content.mark:
        for run in frame.paragraphs[-1].runs:
            set_colour(run.font.color, ColourRole.MUTED, brand)
            run.font.bold = False
